"""`llmx ask` as a user runs it: plain and --json output, exit codes, the empty store, and
a lean start-up."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from llmx.store import Store


def llmx(*args: str, stdin: str | None = None, env_db: Path | None = None):
    env = None
    if env_db is not None:
        import os

        env = dict(os.environ, LLMX_DB=str(env_db))
    return subprocess.run(
        [sys.executable, "-m", "llmx", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env=env,
        timeout=60,
    )


@pytest.fixture(scope="module")
def db(qa_db: Path) -> Path:
    return qa_db


def test_plain_answer_with_sources(db):
    r = llmx("ask", "Tỉnh nào đứng thứ 12 về Chỉ số CCHC năm 2023?", "--db", str(db))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert "Ninh Bình" in lines[0] and "Hà Giang (nay thuộc tỉnh Tuyên Quang)" in lines[0]
    assert lines[1] == "Nguồn:"
    assert any("qa-ninhbinh [" in ln and "87,35 điểm" in ln for ln in lines[2:])


def test_json_has_query_answer_records_citations(db):
    r = llmx("ask", "Bắc Giang đạt bao nhiêu điểm PAR Index năm 2022?", "--json", "--db", str(db))
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert set(data) >= {"question", "query", "text", "found", "records", "citations", "passages"}
    assert data["query"]["ask"] == "score" and data["query"]["entity"] == "Bắc Giang"
    assert data["found"] is False and data["reason"] == "no_records"  # not in this store

    r = llmx("ask", "What was Ninh Binh's PAR Index score in 2023?", "--json", "--db", str(db))
    data = json.loads(r.stdout)
    assert data["found"] is True and data["lang"] == "en" and "87.35" in data["text"]
    rec = data["records"][0]
    assert rec["score"] == 87.35 and rec["role"] == "best" and rec["doc_id"] == "qa-ninhbinh"
    c = data["citations"][0]
    assert c["primary"] and c["doc_id"] == "qa-ninhbinh" and "87,35" in c["quote"]
    assert c["end"] > c["start"]


def test_not_found_exits_zero_and_shows_passages(db):
    r = llmx("ask", "Chỉ số PAPI năm 2021 của Hà Nội là bao nhiêu điểm?", "--db", str(db))
    assert r.returncode == 0
    assert r.stdout.startswith("Không tìm thấy") and "Đoạn gần nhất:" in r.stdout


def test_question_from_stdin_and_llmx_db_env(db):
    r = llmx("ask", "-", stdin="ninh binh xep thu may nam 2022\n", env_db=db)
    assert r.returncode == 0 and "17/63" in r.stdout


def test_missing_store_is_not_created(tmp_path):
    path = tmp_path / "none.db"
    r = llmx("ask", "Tỉnh nào đứng thứ 4?", "--db", str(path))
    assert r.returncode == 1
    assert "Kho dữ liệu trống: chạy `llmx extract seeds/` trước." in r.stdout
    assert not path.exists()


def test_empty_store_exits_one(tmp_path):
    path = tmp_path / "empty.db"
    Store(path).close()
    r = llmx("ask", "Which province ranked 4th?", "--json", "--db", str(path))
    assert r.returncode == 1
    data = json.loads(r.stdout)
    assert data["reason"] == "empty_store" and "llmx extract" in data["text"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["  "], "empty"),
        (["Tỉnh nào?", "--planner", "magic"], "unknown --planner"),
        (["Tỉnh nào?", "--backend", "openai"], "--planner openai"),  # the old spelling
    ],
)
def test_usage_errors_exit_two(db, args, message):
    r = llmx("ask", *args, "--db", str(db))
    assert r.returncode == 2 and message in r.stderr


def test_openai_backend_without_configuration_is_a_clean_error(db, monkeypatch):
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL")}
    r = subprocess.run(
        [sys.executable, "-m", "llmx", "ask", "Tỉnh nào đứng thứ 4?", "--planner", "openai",
         "--db", str(db)],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert r.returncode == 2 and "Traceback" not in r.stderr and "OPENAI_API_KEY" in r.stderr


def test_ask_module_imports_nothing_heavy():
    code = (
        "import sys, llmx.cli, llmx.cli.ask_cmd\n"
        "heavy = [m for m in ('llmx.store', 'llmx.qa.engine', 'openai', 'instructor', 'rich')"
        " if m in sys.modules]\n"
        "print(heavy)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.stdout.strip() == "[]", r.stdout + r.stderr


def test_backend_picks_the_records_and_records_backend_is_a_deprecated_alias(db):
    new = llmx("ask", "Tỉnh nào đứng thứ 12 về Chỉ số CCHC năm 2023?", "--backend", "rules",
               "--json", "--db", str(db))  # fmt: skip
    old = llmx("ask", "Tỉnh nào đứng thứ 12 về Chỉ số CCHC năm 2023?", "--records-backend",
               "rules", "--json", "--db", str(db))  # fmt: skip
    assert new.returncode == old.returncode == 0, new.stderr + old.stderr
    assert json.loads(new.stdout)["found"] and new.stdout == old.stdout
    assert "deprecated" in old.stderr and "deprecated" not in new.stderr
    assert "--records-backend" not in llmx("ask", "--help").stdout
