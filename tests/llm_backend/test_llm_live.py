"""Opt-in: the whole LLM path against a live OpenAI-compatible server.

    pytest -m live            # server at $LLMX_LIVE_BASE_URL, default http://127.0.0.1:8765/v1
    LLMX_LIVE_LOCAL=qwen0.5b pytest -m live   # start scripts/local_llm.sh qwen0.5b first

With ``LLMX_LIVE_LOCAL`` (gemma270m, qwen0.5b or qwen1.5b) and nothing answering on the
default port, the test starts that local server itself (scripts/local_llm.sh: the llama.cpp
build that does not crash on AMX CPUs) and stops it afterwards. Otherwise it is skipped when
nothing answers. With the tiny local model most records are rejected;
what must hold is the contract: a valid DocumentExtraction, every kept record grounded, a
second run answered from the cache without a single HTTP request.
"""

from __future__ import annotations

import os
import subprocess
import urllib.request
from pathlib import Path

import pytest
from support.documents import make_doc

from llmx.core.records import DocumentExtraction
from llmx.llm.backend import build_openai_backend

from .cassette_scenarios import SHORT_DOC

BASE_URL = os.environ.get("LLMX_LIVE_BASE_URL", "http://127.0.0.1:8765/v1")
LOCAL = os.environ.get("LLMX_LIVE_LOCAL")  # a model for scripts/local_llm.sh to serve
LOCAL_LLM = Path(__file__).resolve().parents[2] / "scripts" / "local_llm.sh"
PORT = BASE_URL.rstrip("/").rsplit(":", 1)[-1].split("/")[0]
MODEL = os.environ.get("LLMX_LIVE_MODEL", "gemma3")

pytestmark = pytest.mark.live


def _reachable() -> bool:
    try:
        with urllib.request.urlopen(BASE_URL.rstrip("/") + "/models", timeout=3):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module", autouse=True)
def _server():
    started = False
    if not _reachable() and LOCAL:
        # Builds and assembles on first use (minutes), then starts the server on loopback.
        subprocess.run([str(LOCAL_LLM), LOCAL, PORT], check=True, stdout=subprocess.DEVNULL)
        started = True
    if not _reachable():
        pytest.skip(f"no OpenAI-compatible server at {BASE_URL}")
    yield
    if started:
        subprocess.run([str(LOCAL_LLM), "stop", PORT], check=False)


def test_live_extraction_is_grounded_and_cached(tmp_path):
    doc = make_doc(SHORT_DOC, doc_id="live")
    options = {
        "model": MODEL,
        "base_url": BASE_URL,
        "cache_path": tmp_path / "live-cache.db",
        "max_tokens": int(os.environ.get("LLMX_LIVE_MAX_TOKENS", "256")),
        "max_tokens_cap": int(os.environ.get("LLMX_LIVE_MAX_TOKENS", "256")),
        "max_retries": 1,
        "timeout": 900.0,
        "deadline": 1800.0,
    }
    with build_openai_backend(**options) as backend:
        first = backend.extract(doc)
        assert backend.http_requests >= 1
    ex = first.extraction
    DocumentExtraction.model_validate(ex.model_dump(), context={"text": doc.text})
    for rec in ex.index_results + ex.metrics + ex.initiatives:
        assert doc.text[rec.evidence.start : rec.evidence.end] == rec.evidence.quote
    assert first.usage.prompt_tokens > 0
    with build_openai_backend(**options) as again:
        second = again.extract(doc)
        assert again.http_requests == 0  # the re-run is served by the cache
    assert second.extraction == ex and second.usage.cached == first.usage.requests


def _reports_cached_tokens() -> bool:
    """Whether the server's answers carry usage.prompt_tokens_details (scripts/local_llm.sh's
    server does; llama-cpp-python's own does not): one tiny request."""
    import json

    body = {"model": MODEL, "messages": [{"role": "user", "content": "1"}], "max_tokens": 1}
    request = urllib.request.Request(
        BASE_URL.rstrip("/") + "/chat/completions",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Authorization": "Bearer local"},
    )
    with urllib.request.urlopen(request, timeout=900) as response:
        usage = json.load(response).get("usage") or {}
    return "prompt_tokens_details" in usage


def test_the_second_document_is_served_the_static_prefix_from_the_cache(tmp_path):
    if not _reports_cached_tokens():
        pytest.skip("the server does not report cached prompt tokens (use scripts/local_llm.sh)")
    options = {
        "model": MODEL,
        "base_url": BASE_URL,
        "cache": False,  # both documents must reach the server
        "max_tokens": 64,  # the answers do not matter here, only the prompts
        "max_tokens_cap": 64,
        "max_retries": 0,
        "timeout": 900.0,
        "deadline": 1800.0,
    }
    first_text, second_text = SHORT_DOC.split("\n", 2)[1:]
    with build_openai_backend(**options) as backend:
        first = backend.extract(make_doc(first_text, doc_id="live-a"))
        second = backend.extract(make_doc(second_text, doc_id="live-b"))
    assert first.usage.requests >= 1 and second.usage.requests >= 1
    # The second request shares the first one's system prompt and schema: the server
    # evaluated them once. (Another client's request in between would evict them.)
    assert second.usage.cached_prompt_tokens > 0
    assert second.usage.cached_prompt_tokens < second.usage.prompt_tokens
