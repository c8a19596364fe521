"""Replay of answers recorded from real OpenAI-compatible servers (llama-cpp-python serving
Qwen2.5-Coder-0.5B-Instruct and Gemma 3 270M; re-record with scripts/record_cassettes.sh).
A replayed request must be the recorded one byte for byte (vcr matches on the body), so any
change to the prompt, the schema or the parameters shows here until the cassettes are
re-recorded. The small models invent numbers and quotes: the grounding guard must drop every
such record, list it with its reason, and keep only records whose evidence holds."""

from __future__ import annotations

import json
import re

import pytest

from llmx.core.records import DocumentExtraction
from llmx.llm.backend import build_openai_backend

from .cassette_scenarios import CASSETTES, SCENARIOS, vcr_config

_GROUNDING = re.compile(r"not found in (its quote|the document)")
_BY_NAME = {sc.name: sc for sc in SCENARIOS}


def _replay(sc, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    doc = sc.document()
    # One attempt: a request that matches no recording (vcr raises) fails at once instead of
    # being retried like a dropped connection. Retries are not part of the request body.
    backend = build_openai_backend(**{**sc.backend_options(), "max_attempts": 1})
    try:
        with vcr_config("none").use_cassette(sc.cassette.name) as cassette:
            out = backend.extract(doc)
    finally:
        backend.close()
    return doc, out, cassette


def _bodies(cassette) -> list[dict]:
    return [json.loads(r.body) for r in cassette.requests]


@pytest.mark.parametrize("sc", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_cassette_replays_to_grounded_records(sc, monkeypatch):
    doc, out, cassette = _replay(sc, monkeypatch)
    # Every recorded request was sent again, each once (vcr matched its body exactly).
    assert cassette.all_played and cassette.play_count == len(cassette)
    assert all(body["model"] == sc.model for body in _bodies(cassette))
    ex = out.extraction
    DocumentExtraction.model_validate(ex.model_dump(), context={"text": doc.text})
    for rec in ex.index_results + ex.metrics + ex.initiatives:
        assert doc.text[rec.evidence.start : rec.evidence.end] == rec.evidence.quote
    assert out.usage.requests == len(cassette)
    assert out.usage.prompt_tokens > 0


def test_guard_catches_the_small_models_inventions(monkeypatch):
    reasons = []
    for sc in SCENARIOS:
        _, out, _ = _replay(sc, monkeypatch)
        reasons += [r.reason for r in out.rejected if r.record_type != "chunk"]
    assert any(_GROUNDING.search(r) for r in reasons), reasons


@pytest.mark.parametrize("sc", [s for s in SCENARIOS if s.instruct], ids=lambda s: s.name)
def test_the_instruct_model_answers_in_the_schema(sc, monkeypatch):
    # What makes it better test material than the base model: its answers are JSON objects
    # with the schema's lists (or, cut off at max_tokens, the beginning of one), so every
    # rejection is about a record or a cut-off, never the answer's form.
    import jiter

    _, out, cassette = _replay(sc, monkeypatch)
    assert [r.reason for r in out.rejected if r.record_type == "answer"] == []
    for interaction in cassette.responses:
        message = json.loads(interaction["body"]["string"])["choices"][0]["message"]
        calls = message.get("tool_calls") or []
        text = calls[0]["function"]["arguments"] if calls else message["content"]
        answer = jiter.from_json(text.encode(), partial_mode=True)
        assert isinstance(answer, dict) and answer
        assert set(answer) <= {"index_results", "metrics", "initiatives"}


@pytest.mark.parametrize(
    "name", [s.name for s in SCENARIOS if s.name.endswith("_two_parts")]
)
def test_the_second_part_reuses_the_static_prefix(name, monkeypatch):
    # Two chunks of one document (and any re-asks or halves): the same system message
    # (prompt, example, schema), the document only in the user message, and the server
    # (scripts/llama_server.py) reported the shared prefix as cached prompt tokens from the
    # second request on, which the usage counts.
    doc, out, cassette = _replay(_BY_NAME[name], monkeypatch)
    bodies = _bodies(cassette)
    users = {b["messages"][-1]["content"] for b in bodies}
    assert len(bodies) >= 2 and any("part 2 of 2" in u for u in users)
    systems = {json.dumps(b["messages"][0], ensure_ascii=False) for b in bodies}
    assert len(systems) == 1 and all(b["cache_prompt"] is True for b in bodies)
    usages = [json.loads(r["body"]["string"])["usage"] for r in cassette.responses]
    cached = sorted(u["prompt_tokens_details"]["cached_tokens"] for u in usages)
    assert all(c > 0 for c in cached[1:])  # all but the first found the prefix cached
    assert all(0 <= u["prompt_tokens_details"]["cached_tokens"] < u["prompt_tokens"]
               for u in usages)  # fmt: skip
    assert out.usage.cached_prompt_tokens == sum(cached)


def test_cassettes_hold_no_credentials():
    files = sorted(CASSETTES.glob("*.yaml"))
    assert {f.stem for f in files} == {s.name for s in SCENARIOS}
    for f in files:
        text = f.read_text(encoding="utf-8").lower()
        assert "authorization" not in text and "api-key" not in text and "bearer" not in text
        assert "set-cookie" not in text and "sk-" not in text
