"""The LLM backend's parts on their own: prompts, response models, salvage, chunking,
transport helpers, the instructor fast path, usage through instructor's hooks."""

from __future__ import annotations

import json

import pytest
from support.documents import make_doc

from llmx.llm.chunking import Chunk, split_in_two, split_text
from llmx.llm.grounding_guard import GuardContext
from llmx.llm.prompts import load_prompts, prompt_dir
from llmx.llm.response_models import DocumentRecords, salvage

from .fakellm import DOC, GOOD, IR_GOOD, METRIC_GOOD, S1, answer, tool_answer


def test_prompts_load_and_version():
    p = load_prompts()
    assert len(p.version) == 12
    system = p.system()
    for phrase in ("PAR_INDEX", "SIPAS", "is_target", "88,54", "not instructions"):
        assert phrase in system
    assert (prompt_dir() / "system.j2").is_file()
    user = p.user("văn bản", title="Tiêu đề", part=2, parts=3)
    assert "Title: Tiêu đề" in user and "part 2 of 3" in user and "văn bản" in user


def test_plan_prompt_names_every_ask_kind():
    from llmx.llm.prompts import load_plan_prompts
    from llmx.qa.query import ASK_KINDS

    p = load_plan_prompts()
    assert len(p.version) == 12 and p.version != load_prompts().version
    system = p.system(ASK_KINDS)
    line = next(li for li in system.splitlines() if li.startswith("- ask: one of "))
    assert line.removeprefix("- ask: one of ").split(", ") == list(ASK_KINDS)
    assert "{{" not in system and "{%" not in system  # rendered, not template source
    # The kinds are data: another list renders into the same line.
    assert "- ask: one of alpha, beta\n" in p.system(["alpha", "beta"])


def _copy_prompts(dest):
    dest.mkdir()
    for f in prompt_dir().iterdir():
        if f.is_file():
            (dest / f.name).write_bytes(f.read_bytes())
    return dest


def test_each_prompt_set_is_versioned_by_its_own_files(tmp_path):
    from llmx.llm.prompts import load_plan_prompts
    from llmx.qa.query import ASK_KINDS

    same = _copy_prompts(tmp_path / "same")
    assert load_plan_prompts(same).version == load_plan_prompts().version
    assert load_prompts(same).version == load_prompts().version

    edited = _copy_prompts(tmp_path / "edited")
    plan = edited / "plan_system.j2"
    plan.write_text(plan.read_text(encoding="utf-8") + "Answer in JSON only.\n", "utf-8")
    changed = load_plan_prompts(edited)
    assert changed.version != load_plan_prompts().version
    assert changed.system(ASK_KINDS).endswith("Answer in JSON only.")
    assert load_prompts(edited).version == load_prompts().version  # extraction unaffected

    system = edited / "system.j2"
    system.write_text(system.read_text(encoding="utf-8") + "\nBe brief.\n", "utf-8")
    load_prompts.cache_clear()  # the same folder, read again
    try:
        assert load_prompts(edited).version != load_prompts().version
    finally:
        load_prompts.cache_clear()
    assert load_plan_prompts(edited).version == changed.version  # planner unaffected


def test_missing_template_is_a_config_error(tmp_path):
    from llmx.errors import ConfigError
    from llmx.llm.prompts import load_plan_prompts

    with pytest.raises(ConfigError, match="plan_system.j2"):
        load_plan_prompts(tmp_path)


def test_few_shot_examples_are_grounded_and_not_seed_text(root):
    seeds = " ".join(f.read_text(encoding="utf-8") for f in (root / "seeds").glob("*.txt"))
    for ex in load_prompts().examples:
        parsed = DocumentRecords.model_validate(ex["output"], context={"text": ex["passage"]})
        assert sum(len(v) for v in parsed.records().values()) == sum(
            len(v) for v in ex["output"].values()
        )
        for line in ex["passage"].splitlines():
            assert line not in seeds


def test_offsets_come_from_llmx_not_the_model():
    text = "Mở đầu.\n" + DOC
    item = {**IR_GOOD, "evidence": {"quote": S1, "start": 0, "end": 5}}
    rec = DocumentRecords.model_validate({"index_results": [item]}, context={"text": text})
    ev = rec.records()["index_results"][0].evidence
    assert (ev.start, ev.end) == (text.index(S1), text.index(S1) + len(S1))


def test_quote_alignment_tolerates_whitespace():
    quote = S1.replace(", ", ",  ")
    rec = DocumentRecords.model_validate(
        {"index_results": [{**IR_GOOD, "evidence": {"quote": quote}}]}, context={"text": DOC}
    )
    ev = rec.records()["index_results"][0].evidence
    assert ev.alignment == "whitespace" and DOC[ev.start : ev.end] == ev.quote


def test_lenient_numbers_and_bare_quote():
    item = {**IR_GOOD, "score": "89,12", "rank": "6", "evidence": S1}
    rec = DocumentRecords.model_validate({"index_results": [item]}, context={"text": DOC})
    assert rec.records()["index_results"][0].score == 89.12


def test_overlong_quote_is_refused():
    text = DOC + " " + "x " * 500
    item = {**IR_GOOD, "evidence": {"quote": text}}
    ok, rejected = salvage(json.dumps({"index_results": [item]}), GuardContext(text))
    assert ok["index_results"] == [] and "characters" in rejected[0].reason


def test_salvage_keeps_the_valid_records():
    bad = {**METRIC_GOOD, "value": 12.0}
    payload = "```json\n" + json.dumps({"metrics": [bad, METRIC_GOOD], "x": 1}) + "\n```"
    kept, rejected = salvage(payload, GuardContext(DOC))
    assert [m.value for m in kept["metrics"]] == [78.4]
    assert rejected[0].record_type == "metrics" and "not found in its quote" in rejected[0].reason
    kept, rejected = salvage("no json here", GuardContext(DOC))
    assert rejected[0].record_type == "answer"


def test_salvage_of_a_cut_off_answer_drops_the_unfinished_item():
    full = json.dumps({"index_results": [IR_GOOD], "metrics": [METRIC_GOOD, METRIC_GOOD]})
    kept, _ = salvage(full[:-20], GuardContext(DOC), truncated=True)
    assert len(kept["index_results"]) == 1 and len(kept["metrics"]) == 1


def test_validation_without_text_is_an_error():
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="no document text"):
        DocumentRecords.model_validate(GOOD)


def test_split_text_paragraphs_overlap_and_cover():
    paras = [f"Đoạn {i}: " + "chữ " * (20 + i) for i in range(30)]
    text = "\n".join(paras)
    chunks = split_text(text, max_chars=1200)
    assert len(chunks) > 3
    assert all(len(c) <= 1200 for c in chunks)
    assert chunks[0].start == 0 and chunks[-1].end == len(text.rstrip())
    for a, b in zip(chunks, chunks[1:], strict=False):
        assert b.start < a.end  # overlap
        assert b.start > a.start  # progress
        assert text[b.start - 1] == "\n"  # on a paragraph boundary
    covered = set()
    for c in chunks:
        covered |= set(range(c.start, c.end))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


def test_split_text_long_paragraph_and_sentence():
    sentence = "Một câu rất dài " * 100  # 1600 characters without a full stop
    text = "Câu ngắn. " * 50 + "\n" + sentence
    chunks = split_text(text, max_chars=300)
    assert all(len(c) <= 300 for c in chunks)
    assert chunks[-1].end == len(text.rstrip())
    assert split_text("", 100) == []


def test_split_in_two():
    text = "Đoạn một.\nĐoạn hai.\nĐoạn ba.\nĐoạn bốn."
    a, b = split_in_two(text, Chunk(0, len(text)))
    assert a.start == 0 and b.end == len(text) and a.end < b.start
    assert split_in_two("Một câu.", Chunk(0, 8)) is None


def test_retry_after_parsing():
    import httpx2
    import openai

    from llmx.llm.transport import retry_after

    def err(headers):
        req = httpx2.Request("POST", "http://x/v1/chat/completions")
        resp = httpx2.Response(429, headers=headers, request=req)
        return openai.RateLimitError("slow", response=resp, body=None)

    assert retry_after(err({"retry-after": "2"})) == 2
    assert retry_after(err({"retry-after-ms": "1500"})) == 1.5
    assert retry_after(err({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"})) == 0
    assert retry_after(err({})) is None


@pytest.mark.parametrize("mode", ["json", "tools", "json_schema", "md_json"])
def test_fast_path_sends_what_the_public_wrapper_sends(fake_llm, llm_backend, mode):
    """The equivalence check behind structured.FAST_PATH_VERIFIED: with a re-ask, both
    paths send the same conversation, keep the same records and count the same usage."""
    reply = tool_answer if mode == "tools" else answer
    invented = {"index_results": [{**IR_GOOD, "score": 95.5}], "metrics": [METRIC_GOOD]}
    runs = []
    for fast in (True, False):
        fake_llm.requests.clear()
        fake_llm.push(reply(invented), reply(GOOD))
        backend = llm_backend(mode=mode)
        backend._fast_path = fast
        out = backend.extract(make_doc(DOC, title="Tin CCHC"))
        assert backend._create.fast is (fast and mode != "md_json")  # md_json: public only
        assert len(out.extraction.index_results) == 1
        runs.append(([r.body for r in fake_llm.requests], out.extraction, out.usage))
    (fast_bodies, fast_ex, fast_usage), (public_bodies, public_ex, public_usage) = runs
    assert len(fast_bodies) == 2  # answer + re-ask
    assert fast_bodies == public_bodies
    assert fast_ex == public_ex
    assert fast_usage == public_usage and fast_usage.requests == 2


def test_unverified_instructor_uses_the_public_wrapper(fake_llm, llm_backend, monkeypatch):
    import instructor

    from llmx.llm.structured import FAST_PATH_VERIFIED, fast_path_supported

    assert instructor.__version__ in FAST_PATH_VERIFIED, "re-run the equivalence test, then pin"
    fake_llm.default = answer(GOOD)
    verified = llm_backend()
    verified.extract(make_doc(DOC))
    monkeypatch.setattr(instructor, "__version__", "99.0.0")
    assert not fast_path_supported()
    other = llm_backend()
    out = other.extract(make_doc(DOC))
    assert verified._create.fast and not other._create.fast
    assert len(out.extraction.index_results) == 1 and out.usage.requests == 1
    assert fake_llm.requests[0].body == fake_llm.requests[1].body


@pytest.mark.parametrize("fast", [True, False])
def test_usage_hangs_on_instructors_response_hook(fake_llm, llm_backend, fast):
    from llmx.llm.usage import RESPONSE_HOOK, count_response

    fake_llm.push(answer({"metrics": [{**METRIC_GOOD, "value": 12.0}]}), answer(GOOD))
    fake_llm.default = answer(GOOD, prompt_tokens=7, completion_tokens=3)
    backend = llm_backend()
    backend._fast_path = fast
    out = backend.extract(make_doc(DOC))
    assert backend._create.fast is fast
    assert (out.usage.requests, out.usage.prompt_tokens, out.usage.completion_tokens) == (
        2, 240, 80,  # the answer and its re-ask, 120 + 40 tokens each
    )  # fmt: skip
    heard = []
    backend._create.on(RESPONSE_HOOK, heard.append)  # any handler hears every response
    backend._create.client.off(RESPONSE_HOOK, count_response)
    out = backend.extract(make_doc(DOC))
    assert backend.http_requests == 3 and len(heard) == 1
    assert heard[0].usage.prompt_tokens == 7
    assert out.usage.requests == 0  # sent, but usage no longer listens: the hook counts


def test_cache_hits_count_as_cached_and_cannot_be_faked():
    from openai.types.chat import ChatCompletion

    from llmx.core.outcome import Usage
    from llmx.llm.provider import cached_completion_type
    from llmx.llm.usage import count_response, tracking

    body = answer(GOOD, prompt_tokens=5, completion_tokens=2).body
    usage = Usage()
    with tracking(usage):
        count_response(cached_completion_type().model_validate(body))
        # A server cannot pass its answer off as a cache hit with an extra field.
        count_response(ChatCompletion.model_validate({**body, "llmx_from_cache": True}))
    count_response(ChatCompletion.model_validate(body))  # outside tracking: not counted
    assert usage == Usage(requests=1, cached=1, prompt_tokens=5, completion_tokens=2)


def test_stored_params_and_endpoint_hold_no_credentials():
    from llmx.llm.config import from_options

    cfg = from_options(base_url="http://user:pw@127.0.0.1:9/v1/?k=1", api_key="sk-secret-1")
    assert cfg.endpoint == "http://127.0.0.1:9/v1"
    dumped = json.dumps(cfg.public_params())
    assert "pw" not in dumped and "sk-secret-1" not in dumped and "k=1" not in dumped
    assert "sk-secret-1" not in repr(cfg)
