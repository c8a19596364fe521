"""Replay of answers recorded from a real OpenAI-compatible server (llama.cpp running
gemma-3-270m; re-record with scripts/record_cassettes.sh). The tiny model invents numbers
and quotes: the grounding guard must drop every such record, list it with its reason, and
keep only records whose evidence holds."""

from __future__ import annotations

import json
import re

import pytest

from llmx.core.records import DocumentExtraction
from llmx.llm.backend import build_openai_backend
from llmx.llm.provider import Completions

from .cassette_scenarios import CASSETTES, SCENARIOS, vcr_config

_GROUNDING = re.compile(r"not found in (its quote|the document)")


def _canonical(body: dict) -> str:
    return json.dumps(body, sort_keys=True, ensure_ascii=False)


def _replay(sc, monkeypatch, sent=None):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    if sent is not None:  # record the request bodies as the completion function gets them
        original = Completions.complete

        async def spy(self, **kwargs):
            sent.append(json.loads(json.dumps(kwargs, ensure_ascii=False)))
            return await original(self, **kwargs)

        monkeypatch.setattr(Completions, "complete", spy)
    doc = sc.document()
    backend = build_openai_backend(**sc.backend_options())
    try:
        with vcr_config("none").use_cassette(sc.cassette.name) as cassette:
            out = backend.extract(doc)
    finally:
        backend.close()
    return doc, out, cassette


@pytest.mark.parametrize("sc", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_cassette_replays_to_grounded_records(sc, monkeypatch):
    sent: list = []
    doc, out, cassette = _replay(sc, monkeypatch, sent)
    assert cassette.all_played and cassette.play_count == len(cassette)
    # Replay matches on method and path only; the bodies must still be the recorded ones
    # (same prompts, schema, parameters), in any order (chunks run concurrently).
    recorded = [json.loads(r.body) for r in cassette.requests]
    assert sorted(map(_canonical, sent)) == sorted(map(_canonical, recorded))
    ex = out.extraction
    DocumentExtraction.model_validate(ex.model_dump(), context={"text": doc.text})
    for rec in ex.index_results + ex.metrics + ex.initiatives:
        assert doc.text[rec.evidence.start : rec.evidence.end] == rec.evidence.quote
    assert out.usage.requests == len(cassette)
    assert out.usage.prompt_tokens > 0


def test_guard_catches_the_tiny_models_inventions(monkeypatch):
    reasons = []
    for sc in SCENARIOS:
        _, out, _ = _replay(sc, monkeypatch)
        reasons += [r.reason for r in out.rejected if r.record_type != "chunk"]
    assert any(_GROUNDING.search(r) for r in reasons), reasons


def test_cassettes_hold_no_credentials():
    files = sorted(CASSETTES.glob("*.yaml"))
    assert {f.stem for f in files} >= {s.name for s in SCENARIOS}
    for f in files:
        text = f.read_text(encoding="utf-8").lower()
        assert "authorization" not in text and "api-key" not in text and "bearer" not in text
        assert "set-cookie" not in text and "sk-" not in text
