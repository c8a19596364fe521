"""The LLM backend end to end against a scripted server: request shape, grounding,
re-asks, salvage, truncation, chunking, usage."""

from __future__ import annotations

from support.documents import make_doc

from .fakellm import DOC, GOOD, answer


def test_happy_path_json_mode(fake_llm, llm_backend):
    fake_llm.push(answer(GOOD, prompt_tokens=321, completion_tokens=54))
    backend = llm_backend()
    out = backend.extract(make_doc(DOC))
    ex = out.extraction
    assert ex.backend == "openai:fake"
    assert [r.score for r in ex.index_results] == [89.12]
    assert [m.value for m in ex.metrics] == [78.4]
    for rec in ex.index_results + ex.metrics:
        assert DOC[rec.evidence.start : rec.evidence.end] == rec.evidence.quote
    assert out.rejected == []
    assert (out.usage.prompt_tokens, out.usage.completion_tokens, out.usage.requests) == (
        321, 54, 1,
    )
    (req,) = fake_llm.requests
    assert req.body["response_format"] == {"type": "json_object"}
    assert req.body["model"] == "fake"
    assert req.messages[0]["role"] == "system"
    assert DOC in req.user_text
    assert req.headers["authorization"] == "Bearer sk-test-secret-0123456789"
