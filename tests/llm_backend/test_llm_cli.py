"""`llmx extract --backend openai` and `llmx cache` end to end, against the scripted
server (the CLI runs in a subprocess, as a user would run it)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from .fakellm import DOC, GOOD, SECRET, answer


def llmx(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "LLMX_"))}
    return subprocess.run(
        [sys.executable, "-m", "llmx", *args],
        capture_output=True,
        text=True,
        env={**base, **(env or {})},
        cwd=cwd,
        timeout=60,
    )


def _docs(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(n):
        (folder / f"doc{i}.txt").write_text(DOC + f"\nTài liệu số {i}.\n", encoding="utf-8")
    return folder


def test_extract_stores_usage_and_rerun_is_served_by_the_cache(fake_llm, tmp_path):
    fake_llm.default = answer(GOOD, prompt_tokens=200, completion_tokens=30)
    docs = _docs(tmp_path, 3)
    db = tmp_path / "llm.db"
    args = ["extract", str(docs), "--backend", "openai", "--base-url", fake_llm.url,
            "--model", "fake", "--db", str(db), "--no-progress", "--workers", "2"]  # fmt: skip
    first = llmx(*args, env={"OPENAI_API_KEY": SECRET})
    assert first.returncode == 0, first.stderr
    assert len(fake_llm.requests) == 3
    assert "tokens: 600 prompt + 90 completion in 3 requests" in first.stdout
    second = llmx(*args, "--force", env={"OPENAI_API_KEY": SECRET})
    assert second.returncode == 0, second.stderr
    assert len(fake_llm.requests) == 3  # zero HTTP requests: the cache answered
    assert "in 0 requests (3 cached)" in second.stdout
    assert (tmp_path / "llmx-cache.db").exists()  # next to the store

    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    runs = con.execute("SELECT * FROM runs ORDER BY id").fetchall()
    assert [r["backend"] for r in runs] == ["openai:fake", "openai:fake"]
    assert runs[0]["prompt_tokens"] == 600 and runs[0]["completion_tokens"] == 90
    assert runs[0]["requests"] == 3 and runs[1]["requests"] == 0
    assert runs[0]["prompt_version"] and len(runs[0]["prompt_version"]) == 12
    params = json.loads(runs[0]["params_json"])
    assert params["mode"] == "json_object_schema" and params["workers"] == 2  # auto, local
    assert SECRET not in runs[0]["params_json"]
    n = con.execute("SELECT COUNT(*) FROM index_results WHERE backend = 'openai:fake'")
    assert n.fetchone()[0] == 3
    for blob in (db.read_bytes(), (tmp_path / "llmx-cache.db").read_bytes()):
        assert SECRET.encode() not in blob

    info = llmx("cache", "info", "--db", str(db), "--json")
    assert info.returncode == 0, info.stderr
    data = json.loads(info.stdout)
    assert data["entries"] == 3 and data["models"][0]["model"] == "fake"
    cleared = llmx("cache", "clear", "--db", str(db), "--yes")
    assert cleared.returncode == 0 and "deleted 3" in cleared.stdout
    assert json.loads(llmx("cache", "info", "--db", str(db), "--json").stdout)["entries"] == 0


def test_no_cache_and_output_order_with_workers(fake_llm, tmp_path):
    fake_llm.default = answer(GOOD)
    docs = _docs(tmp_path, 5)
    args = ["extract", str(docs), "--backend", "openai", "--base-url", fake_llm.url,
            "--model", "fake", "--no-store", "--no-cache", "--jsonl", "--workers", "4"]  # fmt: skip
    for expected in (5, 10):
        out = llmx(*args, env={"LLMX_CACHE": str(tmp_path / "c.db")})
        assert out.returncode == 0, out.stderr
        assert len(fake_llm.requests) == expected
    ids = [json.loads(line)["doc_id"] for line in out.stdout.splitlines()]
    assert ids == [f"doc{i}.txt" for i in range(5)]
    assert not (tmp_path / "c.db").exists()


def test_no_key_no_base_url_exits_2_naming_the_offline_backend(tmp_path):
    docs = _docs(tmp_path, 1)
    out = llmx("extract", str(docs), "--backend", "openai", "--db", str(tmp_path / "x.db"))
    assert out.returncode == 2
    assert "use --backend rules for offline extraction" in out.stderr
    assert "Traceback" not in out.stderr


def test_invalid_key_is_one_line_and_exit_2(fake_llm, tmp_path):
    fake_llm.default = answer(GOOD)
    fake_llm.default.status = 401
    docs = _docs(tmp_path, 2)
    out = llmx("extract", str(docs), "--backend", "openai", "--base-url", fake_llm.url,
               "--db", str(tmp_path / "x.db"), env={"OPENAI_API_KEY": SECRET})  # fmt: skip
    assert out.returncode == 2
    assert "rejected the API key" in out.stderr and SECRET not in out.stderr + out.stdout
    assert "Traceback" not in out.stderr
    assert len(fake_llm.requests) == 1  # the run stops at once


def test_workers_interleave_skipped_documents_in_input_order(fake_llm, tmp_path):
    fake_llm.default = answer(GOOD)
    docs = _docs(tmp_path, 2)
    db = tmp_path / "s.db"
    args = ["extract", str(docs), "--backend", "openai", "--base-url", fake_llm.url,
            "--model", "fake", "--db", str(db), "--no-cache", "--jsonl", "-w", "3"]  # fmt: skip
    assert llmx(*args).returncode == 0
    for i in (2, 3, 4):  # new documents after the stored ones, and one before them
        (docs / f"doc{i}.txt").write_text(DOC + f"\nMới {i}.\n", encoding="utf-8")
    (docs / "a_first.txt").write_text(DOC + "\nĐầu tiên.\n", encoding="utf-8")
    out = llmx(*args)
    assert out.returncode == 0, out.stderr
    ids = [json.loads(line)["doc_id"] for line in out.stdout.splitlines()]
    assert ids == ["a_first.txt", "doc0.txt", "doc1.txt", "doc2.txt", "doc3.txt", "doc4.txt"]
    assert len(fake_llm.requests) == 2 + 4  # the two stored documents were skipped


def test_max_tokens_options_reach_the_request_and_rejections_are_shown(fake_llm, tmp_path):
    from llmx.llm.prompts import load_prompts

    place = next(
        rec["entity"]
        for ex in load_prompts().examples
        for rec in ex["output"]["index_results"]
        if rec["entity_level"] == "province"
    )
    leaked = {**GOOD, "index_results": [{**GOOD["index_results"][0], "entity": place}]}
    fake_llm.default = answer(leaked)
    docs = _docs(tmp_path, 1)
    out = llmx("extract", str(docs), "--backend", "openai", "--base-url", fake_llm.url,
               "--model", "fake", "--no-store", "--no-progress", "--no-cache",
               "--max-retries", "0", "--max-tokens", "300", "--max-tokens-cap", "600",
               "--show-rejected", env={"OPENAI_API_KEY": SECRET})  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert [r.body["max_tokens"] for r in fake_llm.requests] == [300]
    shown = out.stdout + out.stderr
    assert "an example's place" in shown and place in shown
