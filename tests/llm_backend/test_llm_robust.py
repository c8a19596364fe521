"""The LLM path against a local OpenAI-compatible server (issue 13's obstacles 2-6 and prompt
caching), each against the scripted server on 127.0.0.1: a schema-enforcing mode by
default, deterministic server errors not retried, compact re-asks within the prompt budget,
silently shortened answers seen as cut off, every attempt's grounded records kept, and the
server's prefix cache asked for and reported."""

from __future__ import annotations

import io
import json

import pytest

from llmx.errors import ConfigError
from llmx.llm.chunking import CHARS_PER_TOKEN
from llmx.llm.config import normalise_endpoint, resolve_mode
from llmx.llm.provider import unfinished_json
from llmx.llm.structured import REASK_MAX_CHARS

from .fakellm import DOC, GOOD, IR_GOOD, METRIC_GOOD, S1, SECRET, Reply, answer, completion


def _invented(**changes):
    """IR_GOOD with values its quote does not hold (rejected by the grounding guard)."""
    return {**IR_GOOD, **changes}


def _error(status: int, message: str) -> Reply:
    return Reply(status=status, body={"error": {"message": message, "type": "server_error"}})


# -- 2. auto picks a schema-enforcing mode off api.openai.com -------------------------------


def test_auto_mode_sends_the_schema_in_json_object_to_a_local_server(fake_llm, llm_backend):
    fake_llm.default = answer(GOOD)
    backend = llm_backend(mode="auto")
    out = backend.extract(_doc())
    assert len(out.extraction.index_results) == 1
    fmt = fake_llm.requests[0].body["response_format"]
    assert fmt["type"] == "json_object"
    assert set(fmt["schema"]["properties"]) == {"index_results", "metrics", "initiatives"}
    assert backend.run_params()["mode"] == "json_object_schema"


def test_auto_mode_is_tools_on_openai_and_json_object_schema_elsewhere():
    assert resolve_mode("auto", normalise_endpoint("https://api.openai.com/v1")) == "tools"
    for url in ("http://127.0.0.1:8080/v1", "https://api.example.org/v1"):
        assert resolve_mode("auto", normalise_endpoint(url)) == "json_object_schema"
    assert resolve_mode("json", "http://127.0.0.1:8080/v1") == "json"  # --mode overrides


def test_a_server_rejecting_the_schema_is_asked_again_without_it_once(fake_llm, llm_backend):
    fake_llm.push(_error(400, "response_format: extra inputs are not permitted"))
    fake_llm.default = answer(GOOD)
    backend = llm_backend(mode="auto")
    first = backend.extract(_doc())
    second = backend.extract(_doc("d2"))
    assert len(first.extraction.index_results) == len(second.extraction.index_results) == 1
    bodies = [r.body for r in fake_llm.requests]
    assert len(bodies) == 3  # the rejected one, its repeat, the next document's
    assert "schema" in bodies[0]["response_format"] and bodies[0]["cache_prompt"] is True
    for body in bodies[1:]:  # the optional parts stay off for the rest of the run
        assert body["response_format"] == {"type": "json_object"}
        assert "cache_prompt" not in body


# -- 3. deterministic server errors are not retried like transient ones ---------------------


def test_an_unsupported_mode_stops_the_run_after_one_request(fake_llm, llm_backend):
    fake_llm.default = _error(500, "response_format type 'json_schema' is not supported")
    backend = llm_backend(mode="json_schema", max_attempts=6, cache_prompt=False)
    with pytest.raises(ConfigError) as err:
        backend.extract(_doc())
    assert len(fake_llm.requests) == 1
    message = str(err.value)
    assert "HTTP 500" in message and "--mode json_schema" in message
    assert SECRET not in message


def test_the_same_http_500_twice_is_not_retried_six_times(fake_llm, llm_backend):
    from llmx.errors import TransportError

    fake_llm.default = _error(500, "Internal Server Error: grammar failed")
    backend = llm_backend(max_attempts=6, deadline=30.0)
    with pytest.raises(TransportError) as err:
        backend.extract(_doc())
    assert len(fake_llm.requests) == 2
    assert "the same error 2 times" in str(err.value)


def test_changing_500s_and_503s_are_still_retried(fake_llm, llm_backend):
    fake_llm.push(_error(503, "overloaded"), _error(503, "overloaded"),
                  _error(500, "worker 1 crashed"), _error(500, "worker 2 crashed"))  # fmt: skip
    fake_llm.default = answer(GOOD)
    out = llm_backend(max_attempts=6, deadline=30.0).extract(_doc())
    assert len(out.extraction.index_results) == 1
    assert len(fake_llm.requests) == 5


# -- 4. re-asks are compact and stay within the prompt budget -------------------------------


def test_a_reask_is_compact_and_keeps_the_first_request_as_its_prefix(fake_llm, llm_backend):
    bad = [_invented(score=12.5 + i, rank=40 + i) for i in range(30)]  # 30 invented records
    fake_llm.push(answer({"index_results": bad, "metrics": [], "initiatives": []}))
    fake_llm.default = answer(GOOD)
    out = llm_backend(max_retries=1).extract(_doc())
    assert len(out.extraction.index_results) == 1
    first, second = fake_llm.requests
    assert [m["role"] for m in second.messages] == ["system", "user"]  # no echo, no dump
    assert second.messages[0] == first.messages[0]
    asked, again = first.user_text, second.user_text
    assert again.startswith(asked)  # the server's prefix cache covers the whole first prompt
    reask = again[len(asked) :]
    assert 0 < len(reask) <= REASK_MAX_CHARS + 2
    assert "input_value" not in reask and "errors.pydantic.dev" not in reask
    assert "index_results[0]" in reask and S1[:20] in reask
    assert "more" in reask  # 30 records' errors do not all fit: the rest are counted


def test_a_reask_stays_within_max_input_tokens(fake_llm, llm_backend):
    budget = _smallest_budget(llm_backend) + 150  # room for a re-ask, not for a long one
    bad = [_invented(score=12.5 + i, rank=40 + i) for i in range(30)]
    fake_llm.push(answer({"index_results": [IR_GOOD, *bad]}))
    fake_llm.default = answer(GOOD)
    out = llm_backend(max_retries=1, max_input_tokens=budget).extract(_doc())
    assert len(out.extraction.index_results) == 1
    first, second = fake_llm.requests
    sent = sum(len(m["content"]) for m in second.messages)  # the schema is in the system
    assert len(second.user_text) > len(first.user_text)  # it was re-asked...
    assert sent <= budget * CHARS_PER_TOKEN  # ...within the budget
    assert len(second.user_text) - len(first.user_text) < REASK_MAX_CHARS  # cut to fit


def test_no_reask_when_the_budget_leaves_no_room():
    from instructor.core.exceptions import FailedAttempt
    from openai.types.chat import ChatCompletion

    from llmx.llm.response_models import DocumentRecords
    from llmx.llm.structured import REASK_MIN_CHARS, Structured

    async def never(**_: object) -> None:
        raise AssertionError("not called")

    def made(max_input_tokens: int | None) -> Structured:
        return Structured(never, "json", DocumentRecords, "system",
                          max_input_tokens=max_input_tokens)  # fmt: skip

    user = "u" * 3000
    prefix = made(None)._prefix_chars + len(user)  # system prompt, schema, user message
    reply = ChatCompletion.model_validate(completion(content="hello"))
    attempt = FailedAttempt(1, ValueError("not JSON"), reply)
    roomy = made((prefix + 1000) // CHARS_PER_TOKEN).reask(user, attempt)
    assert roomy is not None and roomy.startswith(user) and "hello" in roomy
    assert len(roomy) <= prefix + 1000
    tight = made((prefix + REASK_MIN_CHARS - 30) // CHARS_PER_TOKEN)
    assert tight.reask(user, attempt) is None


def test_context_length_exceeded_on_a_reask_keeps_the_grounded_records(fake_llm, llm_backend):
    fake_llm.push(
        answer({"index_results": [IR_GOOD, _invented(score=12.5)], "metrics": [],
                "initiatives": []}),  # fmt: skip
        _error(400, "This model's maximum context length is 4096 tokens "
                    "(context_length_exceeded)"),  # fmt: skip
    )
    out = llm_backend(max_retries=3).extract(_doc())
    assert len(fake_llm.requests) == 2  # no further re-ask after the 400
    assert [r.score for r in out.extraction.index_results] == [89.12]
    assert any("re-ask failed" in r.reason and "context" in r.reason for r in out.rejected)


# -- 5. an answer shortened by the server is seen as cut off --------------------------------


@pytest.mark.parametrize("finish", ["stop", "tool_calls"])
def test_an_answer_stopping_mid_json_is_cut_off_not_empty(fake_llm, llm_backend, finish):
    whole = json.dumps({"index_results": [IR_GOOD], "metrics": [METRIC_GOOD]},
                       ensure_ascii=False)  # fmt: skip
    cut = whole[: whole.index('"name"') + 10]  # mid-way through the metric
    fake_llm.default = Reply(body=completion(cut, finish_reason=finish, completion_tokens=50))
    out = llm_backend(max_tokens=2048, max_tokens_cap=2048).extract(_doc())
    assert len(out.extraction.index_results) == 1  # the complete record is kept
    notes = [r.reason for r in out.rejected if r.record_type == "chunk"]
    assert notes and "cut off" in notes[0]


def test_an_answer_filling_the_servers_context_is_cut_off(fake_llm, llm_backend):
    body = completion(json.dumps(GOOD, ensure_ascii=False), prompt_tokens=3000,
                      completion_tokens=1096)  # fmt: skip
    fake_llm.default = Reply(body=body)
    out = llm_backend(context_window=4096, max_tokens_cap=2048).extract(_doc())
    assert any(r.record_type == "chunk" and "cut off" in r.reason for r in out.rejected)


def test_unfinished_json_is_told_from_complete_or_foreign_text():
    assert unfinished_json('{"index_results": [{"entity": "X"')
    assert unfinished_json('```json\n{"metrics": [')
    assert not unfinished_json('{"index_results": []}')
    assert not unfinished_json('{"a": 1} and some words')
    assert not unfinished_json("hello")
    assert not unfinished_json('{"a": 1,,')


# -- 6. grounded records of every attempt are kept ------------------------------------------


def test_a_reask_that_succeeds_keeps_what_the_first_answer_had_right(fake_llm, llm_backend):
    bad_metric = {**METRIC_GOOD, "value": 12.5}
    fake_llm.push(answer({"index_results": [IR_GOOD], "metrics": [bad_metric]}))
    fake_llm.push(answer({"index_results": [], "metrics": [METRIC_GOOD]}))
    out = llm_backend(max_retries=1).extract(_doc())
    assert len(fake_llm.requests) == 2
    assert len(out.extraction.index_results) == 1 and len(out.extraction.metrics) == 1


def test_a_corrected_record_supersedes_its_earlier_version(fake_llm, llm_backend):
    partial = {k: v for k, v in IR_GOOD.items() if k != "rank_total"}  # grounded, less complete
    bad_metric = {**METRIC_GOOD, "value": 12.5}
    fake_llm.push(answer({"index_results": [partial], "metrics": [bad_metric]}))
    fake_llm.push(answer({"index_results": [IR_GOOD], "metrics": [METRIC_GOOD]}))
    out = llm_backend(max_retries=1).extract(_doc())
    assert [(r.rank, r.rank_total) for r in out.extraction.index_results] == [(6, 63)]
    assert len(out.extraction.metrics) == 1


def test_a_reask_that_fails_again_keeps_the_first_answers_grounded_records(
    fake_llm, llm_backend
):
    fake_llm.push(answer({"index_results": [IR_GOOD, _invented(score=12.5)]}))
    fake_llm.push(answer({"index_results": [_invented(score=13.5)]}))
    out = llm_backend(max_retries=1).extract(_doc())
    assert [r.score for r in out.extraction.index_results] == [89.12]
    assert len([r for r in out.rejected if r.record_type == "index_results"]) == 1  # the last


# -- prompt caching -------------------------------------------------------------------------


def test_cache_prompt_goes_to_local_servers_and_cached_tokens_reach_the_summary(
    fake_llm, llm_backend, tmp_path
):
    from llmx.cli.extract_view import print_summary
    from llmx.pipeline import run_extraction

    fake_llm.push(answer(GOOD, cached_tokens=0))
    fake_llm.default = answer(GOOD, prompt_tokens=900, cached_tokens=850)
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(3):
        (folder / f"d{i}.txt").write_text(DOC + f"\nBài {i}.", encoding="utf-8")
    backend = llm_backend(workers=1)
    results = list(run_extraction([str(folder)], backend, None))
    assert all(r.status == "ok" for r in results)
    assert all(r.body.get("cache_prompt") is True for r in fake_llm.requests)
    # Static prefix first: every request starts with the same system prompt.
    assert len({r.messages[0]["content"] for r in fake_llm.requests}) == 1
    cached = sorted(r.outcome.usage.cached_prompt_tokens for r in results)  # type: ignore[union-attr]
    assert cached == [0, 850, 850]
    from llmx.pipeline import RunSummary

    summary = RunSummary()
    for r in results:
        summary.usage.add(r.outcome.usage)  # type: ignore[union-attr]
    stream = io.StringIO()
    print_summary(summary, stream)
    assert "1700 prompt tokens from the server's cache" in " ".join(stream.getvalue().split())


def test_no_cache_prompt_for_hosted_services():
    from llmx.llm.config import LLMConfig

    assert not LLMConfig(base_url="https://api.example.org/v1").sends_cache_prompt
    assert not LLMConfig().sends_cache_prompt  # api.openai.com
    assert LLMConfig(base_url="http://localhost:8080/v1").sends_cache_prompt
    assert not LLMConfig(base_url="http://localhost:8080/v1", cache_prompt=False).sends_cache_prompt


# -- helpers --------------------------------------------------------------------------------


def _doc(doc_id: str = "d1"):
    import hashlib

    from llmx.core.document import Document

    digest = hashlib.sha256((DOC + doc_id).encode()).hexdigest()
    return Document(doc_id=doc_id, source=f"{doc_id}.txt", sha256=digest, text=DOC)


def _smallest_budget(make) -> int:
    """The smallest --max-input-tokens (in steps of 20) the backend accepts: it refuses a
    budget that the prompt and schema alone fill."""
    for budget in range(2000, 20000, 20):
        try:
            make(max_input_tokens=budget)
        except ConfigError:
            continue
        return budget
    raise AssertionError("no budget accepted")
