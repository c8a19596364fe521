"""A broken endpoint stops the run; a failed extraction is never stored as current; Ctrl-C
during a request exits 130 quietly. Against the scripted server on 127.0.0.1 (or a loopback
port nothing listens on)."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time

import pytest

from llmx.errors import EndpointUnreachable
from llmx.llm.config import LLMConfig
from llmx.pipeline import run_extraction
from llmx.store import Store

from .fakellm import DOC, GOOD, SECRET, Reply, answer
from .test_llm_cli import _docs, llmx


def _dead_url() -> str:
    """A loopback URL nothing listens on: a port the OS just handed out and took back."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def test_connection_refused_stops_the_run_after_one_attempt(llm_backend, tmp_path):
    url = _dead_url()
    backend = llm_backend(base_url=url, max_attempts=6)
    docs = _docs(tmp_path, 5)
    seen = []
    with pytest.raises(EndpointUnreachable) as err:
        for result in run_extraction([str(docs)], backend, None):
            seen.append(result)
    assert backend.http_requests == 1  # one refused attempt, not 6 per document
    assert seen == []
    assert url in str(err.value) and "refused" in str(err.value)
    assert SECRET not in str(err.value)


def test_connection_refused_cli_is_one_line_and_the_run_is_failed(tmp_path):
    url = _dead_url()
    docs = _docs(tmp_path, 5)
    db = tmp_path / "x.db"
    out = llmx("extract", str(docs), "--backend", "openai", "--base-url", url, "--model",
               "fake", "--db", str(db), "--no-progress",
               env={"OPENAI_API_KEY": SECRET})  # fmt: skip
    assert out.returncode != 0
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert url in lines[0] and "refused" in lines[0]
    assert SECRET not in out.stderr + out.stdout
    con = sqlite3.connect(db)
    assert con.execute("SELECT status FROM runs").fetchall() == [("failed",)]


def test_consecutive_transport_failures_stop_the_run(fake_llm, llm_backend, tmp_path):
    from llmx.pipeline import MAX_CONSECUTIVE_TRANSPORT_FAILURES as n

    fake_llm.default = Reply(status=503, body={"error": {"message": "overloaded"}})
    backend = llm_backend(max_attempts=2)
    docs = _docs(tmp_path, n + 3)
    seen = []
    with pytest.raises(EndpointUnreachable) as err:
        for result in run_extraction([str(docs)], backend, None):
            seen.append(result)
    assert [r.status for r in seen] == ["error"] * n
    assert len(fake_llm.requests) == 2 * n  # two attempts per document, no document more
    assert fake_llm.url in str(err.value) and "HTTP 503" in str(err.value)


def test_a_success_between_transport_failures_resets_the_count(fake_llm, llm_backend, tmp_path):
    from llmx.pipeline import MAX_CONSECUTIVE_TRANSPORT_FAILURES as n

    down = Reply(status=503, body={"error": {"message": "overloaded"}})
    for _ in range(n - 1):
        fake_llm.push(down)
    fake_llm.push(answer(GOOD))
    for _ in range(n - 1):
        fake_llm.push(down)
    fake_llm.default = answer(GOOD)
    docs = _docs(tmp_path, 2 * n)
    results = list(run_extraction([str(docs)], llm_backend(max_attempts=1), None))
    failed = ["error"] * (n - 1)
    assert [r.status for r in results] == [*failed, "ok", *failed, "ok"]


def test_default_timeout_is_60_seconds_and_the_help_says_so():
    assert LLMConfig().timeout == 60.0
    out = llmx("extract", "--help")
    text = " ".join(out.stdout.split())
    help_ = text[text.index("--timeout") :][:200]
    assert "seconds per HTTP attempt" in help_ and "[default: 60]" in help_, help_


def test_non_json_answer_fails_the_document_and_a_rerun_extracts_it(
    fake_llm, llm_backend, tmp_path
):
    src = tmp_path / "d.txt"
    src.write_text(DOC, encoding="utf-8")
    fake_llm.default = answer("hello")
    with Store(tmp_path / "s.db") as store:
        backend = llm_backend(max_retries=1)
        run = store.begin_run(backend.name)
        (first,) = run_extraction([str(src)], backend, store, run_id=run)
        assert first.status == "error" and "not valid JSON" in (first.error or "")
        assert first.extraction is None
        fake_llm.default = answer(GOOD)
        run = store.begin_run(backend.name)
        (second,) = run_extraction([str(src)], backend, store, run_id=run)
    assert second.status == "ok"  # not skipped as current
    assert second.extraction is not None and len(second.extraction.index_results) == 1


def test_ctrl_c_during_a_request_exits_130_without_a_traceback(fake_llm, tmp_path):
    fake_llm.default = Reply(body=answer(GOOD).body, delay=30)  # stalls past the test
    docs = _docs(tmp_path, 2)
    base = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "LLMX_"))}
    proc = subprocess.Popen(
        [sys.executable, "-m", "llmx", "extract", str(docs), "--backend", "openai",
         "--base-url", fake_llm.url, "--model", "fake", "--db", str(tmp_path / "c.db"),
         "--no-progress", "--no-cache"],
        env={**base, "OPENAI_API_KEY": SECRET},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        for _ in range(600):  # until the server holds the request (at most ~30 s)
            if fake_llm.requests or proc.poll() is not None:
                break
            time.sleep(0.05)
        assert fake_llm.requests, "the request never reached the server"
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, stderr
    assert stderr.strip() == "Interrupted; everything stored so far is kept."


def test_refused_connection_is_not_retried_by_the_transport(tmp_path):
    """The transport alone: a refusal is raised at once as EndpointUnreachable."""
    import asyncio

    from llmx.llm.provider import Completions

    cfg = LLMConfig(base_url=_dead_url(), cache=False, max_attempts=6, backoff_initial=0.0)
    completions = Completions(cfg)

    async def go() -> None:
        completions.structured(dict, "system")
        try:
            await completions.complete(model="m", messages=[{"role": "user", "content": "x"}])
        finally:
            await completions.aclose()

    with pytest.raises(EndpointUnreachable):
        asyncio.run(go())
    assert completions.http_requests == 1

