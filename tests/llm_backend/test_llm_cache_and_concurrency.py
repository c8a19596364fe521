"""Response cache, --workers, chunking of long documents, mode selection, configuration."""

from __future__ import annotations

import json
import threading
import time
import types

import pytest
from support.documents import make_doc

from llmx.errors import ConfigError

from .fakellm import DOC, GOOD, IR_GOOD, METRIC_GOOD, S1, S2, SECRET, answer, tool_answer


def test_rerun_replays_the_whole_conversation_from_cache(fake_llm, llm_backend, tmp_path):
    invented = {**IR_GOOD, "score": 95.5}
    fake_llm.push(answer({"index_results": [invented], "metrics": [METRIC_GOOD]}), answer(GOOD))
    cache = tmp_path / "c.db"
    first = llm_backend(cache=True, cache_path=cache).extract(make_doc(DOC))
    assert len(fake_llm.requests) == 2  # answer + re-ask
    second_backend = llm_backend(cache=True, cache_path=cache)
    second = second_backend.extract(make_doc(DOC))
    assert len(fake_llm.requests) == 2  # zero new HTTP requests
    assert second_backend.http_requests == 0
    assert second.usage.requests == 0 and second.usage.cached == 2
    assert second.usage.prompt_tokens == 0  # nothing billed on a replay
    assert second.extraction == first.extraction
    blob = cache.read_bytes() + (
        (tmp_path / "c.db-wal").read_bytes() if (tmp_path / "c.db-wal").exists() else b""
    )
    assert SECRET.encode() not in blob
    assert b"Bearer" not in blob and b"authorization" not in blob.lower()


def test_cache_key_covers_model_mode_and_parameters(fake_llm, llm_backend, tmp_path):
    fake_llm.default = answer(GOOD)
    cache = tmp_path / "c.db"
    llm_backend(cache=True, cache_path=cache).extract(make_doc(DOC))
    llm_backend(cache=True, cache_path=cache, model="other").extract(make_doc(DOC))
    llm_backend(cache=True, cache_path=cache, max_tokens=999).extract(make_doc(DOC))
    llm_backend(cache=True, cache_path=cache, mode="md_json").extract(make_doc(DOC))
    assert len(fake_llm.requests) == 4
    llm_backend(cache=True, cache_path=cache, model="other").extract(make_doc(DOC))
    assert len(fake_llm.requests) == 4


def test_no_cache_sends_every_time(fake_llm, llm_backend, tmp_path):
    fake_llm.default = answer(GOOD)
    for _ in range(2):
        llm_backend(cache=False, cache_path=tmp_path / "c.db").extract(make_doc(DOC))
    assert len(fake_llm.requests) == 2
    assert not (tmp_path / "c.db").exists()


def test_workers_run_concurrently_and_keep_input_order(fake_llm, llm_backend):
    docs = [make_doc(DOC + f"\nTài liệu số {i}.", doc_id=f"d{i}") for i in range(8)]
    backend = llm_backend(workers=8, timeout=10.0, deadline=30.0)
    fake_llm.default = answer(GOOD)
    backend.extract(docs[0])  # warm up: client, connection pool
    # Each request is held until all eight are in (2 s at most): with 8 workers they are,
    # so the peak is 8; one at a time, each is let go alone and the peak stays at 1.
    live, peak, arrived = [0], [0], [0]
    all_in = threading.Condition()

    def respond(seen):
        with all_in:
            live[0] += 1
            arrived[0] += 1
            peak[0] = max(peak[0], live[0])
            all_in.notify_all()
            all_in.wait_for(lambda: arrived[0] >= len(docs), timeout=2.0)
            live[0] -= 1
        return answer(GOOD)

    fake_llm.responder = respond
    outs = list(backend.extract_many(docs))
    assert [o.extraction.doc_id for o in outs] == [d.doc_id for d in docs]
    assert peak[0] == 8  # all eight requests in flight at once
    assert all(len(o.extraction.index_results) == 1 for o in outs)
    assert [o.usage.requests for o in outs] == [1] * 8  # each document counts its own


def test_workers_bound_concurrent_requests(fake_llm, llm_backend):
    live, peak = [0], [0]
    lock = threading.Lock()

    def respond(seen):
        with lock:
            live[0] += 1
            peak[0] = max(peak[0], live[0])
        time.sleep(0.05)
        with lock:
            live[0] -= 1
        return answer(GOOD)

    fake_llm.responder = respond
    docs = [make_doc(DOC + f"\n{i}.", doc_id=f"d{i}") for i in range(10)]
    list(llm_backend(workers=3).extract_many(docs))
    assert peak[0] <= 3


def test_rpm_spaces_requests(fake_llm, llm_backend, sleeps, monkeypatch):
    from llmx.llm import transport

    # The limiter reads a clock that stands still, so the waits it asks for are exactly
    # the spacing it keeps, however fast this machine reaches it.
    still = types.SimpleNamespace(monotonic=lambda: 1000.0, time=time.time)
    monkeypatch.setattr(transport, "time", still)
    fake_llm.default = answer(GOOD)
    docs = [make_doc(DOC + f"\n{i}.", doc_id=f"d{i}") for i in range(3)]
    list(llm_backend(workers=3, rpm=300).extract_many(docs))  # one every 0.2 s
    assert sorted(sleeps) == pytest.approx([0.2, 0.4])  # starts at 0, 0.2 and 0.4 s
    assert len(fake_llm.requests) == 3


def test_long_document_is_chunked_and_merged(fake_llm, llm_backend):
    filler = [f"Đoạn văn thứ {i} nói về công tác cải cách hành chính của tỉnh." for i in range(60)]
    paragraphs = filler[:30] + [S1] + filler[30:] + [S2, S1]
    text = "\n".join(paragraphs)

    def respond(seen):
        user = seen.user_text
        out = {"index_results": [IR_GOOD] if S1 in user else [],
               "metrics": [METRIC_GOOD] if S2 in user else []}  # fmt: skip
        return answer(out)

    fake_llm.responder = respond
    backend = llm_backend(max_input_tokens=backend_budget(llm_backend, 900))
    out = backend.extract(make_doc(text))
    assert len(fake_llm.requests) >= 3
    assert all("This is part" in r.user_text for r in fake_llm.requests)
    # S1 is stated twice and seen in several chunks: one record, at its first occurrence.
    (ir,) = out.extraction.index_results
    assert ir.evidence.start == text.index(S1)
    (m,) = out.extraction.metrics
    assert text[m.evidence.start : m.evidence.end] == S2


def backend_budget(make, chars: int) -> int:
    """max_input_tokens that leaves about ``chars`` characters of document per request."""
    from llmx.llm.chunking import CHARS_PER_TOKEN

    # The backend's own estimate: with another ratio the room left would be misjudged by a
    # fraction of the whole budget (a small prompt leaves most of it to the document).
    probe = make()
    overhead = probe.config.max_input_tokens - int(probe._max_chars / CHARS_PER_TOKEN)
    return overhead + int(chars / CHARS_PER_TOKEN)


def test_mode_auto_tools_on_openai_json_with_schema_elsewhere():
    from llmx.llm.config import resolve_mode

    assert resolve_mode("auto", "https://api.openai.com/v1") == "tools"
    assert resolve_mode("auto", "http://127.0.0.1:8080/v1") == "json_object_schema"
    assert resolve_mode("json_schema", "https://api.openai.com/v1") == "json_schema"


def test_tools_mode_request_and_answer(fake_llm, llm_backend):
    fake_llm.push(tool_answer(GOOD))
    out = llm_backend(mode="tools").extract(make_doc(DOC))
    body = fake_llm.requests[0].body
    assert body["tools"][0]["function"]["name"] == "DocumentRecords"
    assert body["tool_choice"]["function"]["name"] == "DocumentRecords"
    assert "response_format" not in body
    assert len(out.extraction.index_results) == 1


def test_json_schema_mode_request(fake_llm, llm_backend):
    fake_llm.push(answer(GOOD))
    llm_backend(mode="json_schema").extract(make_doc(DOC))
    fmt = fake_llm.requests[0].body["response_format"]
    assert fmt["type"] == "json_schema"
    assert "index_results" in json.dumps(fmt["json_schema"]["schema"])


def test_template_syntax_in_a_document_reaches_the_model_verbatim(fake_llm, llm_backend):
    text = DOC + "\nGhi chú {{ 7*7 }} và {% if x %} không đóng, {# chú thích #}."
    fake_llm.push(answer(GOOD))
    llm_backend().extract(make_doc(text))
    assert text in fake_llm.requests[0].user_text


def test_no_key_and_no_base_url_names_the_offline_backend(monkeypatch):
    from llmx.backends import get_backend

    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    with pytest.raises(ConfigError, match="--backend rules"):
        get_backend("openai", model="gpt-4o-mini")


def test_base_url_without_key_uses_a_dummy_key(fake_llm, monkeypatch, tmp_path):
    from llmx.backends import get_backend

    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.setenv("LLMX_CACHE", str(tmp_path / "c.db"))
    fake_llm.push(answer(GOOD))
    backend = get_backend("openai", model="local", base_url=fake_llm.url)  # what `eval` calls
    try:
        out = backend.extract(make_doc(DOC))
    finally:
        backend.close()
    assert backend.name == "openai:local"
    assert fake_llm.requests[0].headers["authorization"] == "Bearer sk-no-key-required"
    assert len(out.extraction.index_results) == 1
    assert (tmp_path / "c.db").exists()  # LLMX_CACHE is honoured


def test_bad_options_are_one_line_config_errors(monkeypatch):
    from llmx.backends import get_backend

    with pytest.raises(ConfigError, match="mode"):
        get_backend("openai", base_url="http://127.0.0.1:1/v1", mode="telepathy")
    with pytest.raises(ConfigError, match="no room for the document"):
        get_backend("openai", base_url="http://127.0.0.1:1/v1", max_input_tokens=1000)
    with pytest.raises(ConfigError, match="workers"):
        get_backend("openai", base_url="http://127.0.0.1:1/v1", workers=0)
