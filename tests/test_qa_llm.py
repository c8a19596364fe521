"""The LLM planner (`llmx ask --planner openai`).

Replays: planning requests recorded from a real OpenAI-compatible server (llama.cpp running
gemma-3-270m; re-record with ``scripts/record_qa_cassettes.py``), played back with vcrpy in
record mode "none". The tiny model often misreads questions; whatever it plans, the answer
must rest on stored records only.

Faults: an HTTP stub (httpx.MockTransport under the real openai + instructor stack) returns
what a bad model or server would: a nonexistent entity, a wrong rank, invalid JSON, values
outside the schema, a server error. Wrong plans find nothing or cite stored records only;
failures fall back to the offline parser.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from support.qa_corpus import TEXTS

from llmx.qa.engine import answer_question
from llmx.qa.llm_planner import make_client, plan_with_llm
from llmx.qa.names import NameIndex

ROOT = Path(__file__).resolve().parent.parent
CASSETTES = ROOT / "tests" / "cassettes" / "qa"
RECORD_URL = "http://127.0.0.1:8766/v1"  # where scripts/record_qa_cassettes.py records
MODEL = "gemma3"


@dataclass(frozen=True)
class Scenario:
    name: str  # cassette file stem
    question: str

    @property
    def cassette(self) -> Path:
        return CASSETTES / f"{self.name}.yaml"

    def llm_options(self) -> dict:
        return {"model": MODEL, "base_url": RECORD_URL, "api_key": "sk-qa-test-not-a-secret",
                "timeout": 600.0}  # fmt: skip


SCENARIOS = [
    Scenario("gemma3_entity_for_rank_vi", "Tỉnh nào đứng thứ 12?"),
    Scenario("gemma3_score_vi", "Chỉ số PAR Index năm 2022 của Ninh Bình đạt bao nhiêu điểm?"),
    Scenario("gemma3_initiative_en", "Who runs the “Thứ Bảy cùng dân” movement?"),
    Scenario("gemma3_unanswerable_vi", "Chỉ số PAPI năm 2021 của Hà Nội là bao nhiêu điểm?"),
]


def vcr_config(record_mode: str):
    import vcr

    def scrub_response(response: dict) -> dict:
        headers = response.get("headers", {})
        for name in list(headers):
            if name.lower() in ("set-cookie", "date", "server"):
                del headers[name]
        return response

    return vcr.VCR(
        cassette_library_dir=str(CASSETTES),
        record_mode=record_mode,
        filter_headers=["authorization", "api-key", "x-api-key", "cookie", "openai-organization"],
        before_record_response=scrub_response,
        decode_compressed_response=True,
        match_on=["method", "scheme", "host", "port", "path"],
    )


@pytest.fixture(scope="module")
def store(qa_store):
    return qa_store


def _grounded(answer) -> None:
    """Citations are spans of stored documents; a found answer cites at least one."""
    for c in [*answer.citations, *answer.passages]:
        assert TEXTS[c.doc_id][c.start : c.end] == c.quote
    if answer.found:
        assert any(c.primary for c in answer.citations)
    else:
        assert not any(c.primary for c in answer.citations)


# -- replays -------------------------------------------------------------------------------


@pytest.mark.parametrize("sc", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_replayed_plan_answers_from_stored_records(sc, store, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    if not sc.cassette.exists():
        pytest.fail(f"missing cassette {sc.cassette}; run scripts/record_qa_cassettes.py")
    with vcr_config("none").use_cassette(sc.cassette.name) as cassette:
        answer = answer_question(store, sc.question, planner="openai", llm=sc.llm_options())
    assert cassette.all_played and len(cassette) >= 1
    body = json.loads(cassette.requests[0].body)
    assert body["messages"][-1]["content"] == sc.question  # the cassette is this question's
    assert answer.query["planner"] == f"openai:{MODEL}" or any(
        "offline parser used" in n for n in answer.query.get("notes", [])
    )
    _grounded(answer)
    if sc.name == "gemma3_unanswerable_vi":
        # Whatever the model planned, nothing stored is about Hà Nội's PAPI.
        assert "Hà Nội" not in answer.text or not answer.found


def test_recorded_plans_copying_the_prompt_are_not_used(store, monkeypatch):
    """What gemma-3-270m planned when the cassettes were recorded: it read "Tỉnh nào đứng
    thứ 12?" right, and answered the other questions with its prompt's first example
    (rank 7), a value none of them contains: those plans fall back to the offline parser."""
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    planners = {}
    for sc in SCENARIOS:
        with vcr_config("none").use_cassette(sc.cassette.name):
            answer = answer_question(store, sc.question, planner="openai", llm=sc.llm_options())
        planners[sc.name] = answer.query["planner"]
        if answer.query["planner"] == "rules":
            assert any("not in the question" in n or "failed" in n for n in answer.query["notes"])
        if sc.name == "gemma3_entity_for_rank_vi" and answer.query["planner"] != "rules":
            assert answer.query["rank"] == 12 and "Ninh Bình" in answer.text
        if sc.name == "gemma3_score_vi":
            assert "84,1" in answer.text  # right, whichever planner was used
    assert planners["gemma3_entity_for_rank_vi"] == f"openai:{MODEL}"


def test_cassettes_hold_no_credentials():
    files = sorted(CASSETTES.glob("*.yaml"))
    assert files, "no QA cassettes recorded"
    for f in files:
        text = f.read_text(encoding="utf-8").lower()
        for secret in ("authorization", "bearer ", "sk-qa-test", "api-key"):
            assert secret not in text, f"{f.name} holds {secret!r}"


def _recorded_body(sc: Scenario) -> dict:
    import yaml

    data = yaml.safe_load(sc.cassette.read_text(encoding="utf-8"))
    return json.loads(data["interactions"][0]["request"]["body"])


@pytest.mark.parametrize("sc", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_planner_sends_what_the_cassettes_recorded(sc, store):
    """The cassettes were recorded when the planner's prompt was an f-string and it built
    its own client; the request (prompt from prompts/plan_system.j2, schema, mode, sampling)
    must still be the recorded one, byte for byte once parsed."""
    client, seen = _stub_client("{}")
    answer_question(store, sc.question, planner="openai", llm={"model": MODEL, "client": client})
    assert seen[0] == _recorded_body(sc)


def test_planner_prompt_is_the_versioned_template():
    from llmx.llm.prompts import load_plan_prompts
    from llmx.qa.llm_planner import plan_prompt_version, system_prompt
    from llmx.qa.query import ASK_KINDS

    assert system_prompt() == load_plan_prompts().system(ASK_KINDS)
    assert plan_prompt_version() == load_plan_prompts().version
    assert all(kind in system_prompt() for kind in ASK_KINDS)


# -- faults, through the real openai + instructor stack ------------------------------------


def _httpx():
    """The HTTP library under the installed openai client."""
    try:
        import httpx2 as httpx
    except ImportError:  # pragma: no cover - older openai releases
        import httpx
    return httpx


def _stub_client(*contents: str, status: int = 200):
    """An instructor client whose server answers each request with the next content."""
    httpx = _httpx()
    replies = list(contents)
    seen: list[dict] = []
    headers: list[dict] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(json.loads(request.content))
        headers.append(dict(request.headers))
        content = replies.pop(0) if replies else "{}"
        if status != 200:
            return httpx.Response(status, json={"error": {"message": content}})
        return httpx.Response(200, json={
            "id": "stub", "object": "chat.completion", "created": 0, "model": "stub",
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
        })  # fmt: skip

    transport = httpx.MockTransport(handler)
    client = make_client("http://llm.invalid/v1", None, 5.0,
                         http_client=httpx.Client(transport=transport))  # fmt: skip
    client.seen_headers = headers
    return client, seen


def _ask(store, question: str, client):
    llm = {"model": "stub", "client": client}
    return answer_question(store, question, planner="openai", llm=llm)


def test_model_plan_is_used(store):
    client, seen = _stub_client(
        '{"ask": "score", "entity": "Ninh Binh", "index": "PAR_INDEX", "year": 2023}'
    )
    a = _ask(store, "Chỉ số PAR Index năm 2023 của Ninh Bình đạt bao nhiêu điểm?", client)
    assert a.query["planner"] == "openai:stub" and a.query["entity"] == "Ninh Bình"
    assert a.found and "87,35" in a.text
    assert seen[0]["messages"][0]["role"] == "system"
    _grounded(a)


def test_planner_shares_the_llm_layer_key_and_usage_hook(store):
    """No key: the LLM layer's one dummy key; responses are counted by the same instructor
    hook as extraction's (inside ``usage.tracking``)."""
    from llmx.core.outcome import Usage
    from llmx.llm.config import DUMMY_KEY
    from llmx.llm.usage import tracking

    client, seen = _stub_client("not JSON", '{"ask": "rank", "entity": "Ninh Bình"}')
    with tracking(Usage()) as usage:
        a = _ask(store, "Ninh Bình xếp thứ mấy về Chỉ số CCHC năm 2022?", client)
    assert a.query["planner"] == "openai:stub" and len(seen) == 2  # one re-ask
    assert [h["authorization"] for h in client.seen_headers] == [f"Bearer {DUMMY_KEY}"] * 2
    assert usage == Usage(requests=2, prompt_tokens=20, completion_tokens=10)


def test_nonexistent_entity_finds_nothing(store):
    client, _ = _stub_client('{"ask": "score", "entity": "Atlantis", "index": "PAR_INDEX"}')
    a = _ask(store, "Atlantis đạt bao nhiêu điểm PAR Index?", client)
    assert a.query["planner"] == "openai:stub"
    assert a.query["entity"] == "Atlantis" and a.query["entity_keys"] == ["atlantis"]
    assert not a.found and "Không tìm thấy" in a.text and a.records == []
    _grounded(a)


def test_invented_entity_is_not_used(store):
    client, _ = _stub_client('{"ask": "score", "entity": "Atlantis", "index": "PAR_INDEX"}')
    a = _ask(store, "Ninh Bình đạt bao nhiêu điểm PAR Index năm 2023?", client)
    assert a.query["planner"] == "rules" and "entity 'Atlantis'" in a.query["notes"][-1]
    assert a.found and "87,35" in a.text
    _grounded(a)


def test_wrong_rank_is_not_used(store):
    client, _ = _stub_client('{"ask": "entity_for_rank", "rank": 99, "entity_level": "province"}')
    a = _ask(store, "Tỉnh nào đứng thứ 12?", client)
    assert a.query["planner"] == "rules" and a.query["rank"] == 12
    assert "rank 99" in a.query["notes"][-1]
    _grounded(a)


def test_leader_words_count_as_rank_one(store):
    client, _ = _stub_client('{"ask": "entity_for_rank", "rank": 1, "entity_level": "department",'
                             ' "scope": "province:Ninh Bình"}')  # fmt: skip
    a = _ask(store, "Sở nào dẫn đầu các sở, ngành của Ninh Bình?", client)
    assert a.query["planner"] == "openai:stub" and a.found and "Sở Tư pháp" in a.text


def test_misread_but_consistent_plan_still_cites_stored_records_only(store):
    client, _ = _stub_client('{"ask": "rank", "entity": "Hà Giang", "index": "PAR_INDEX"}')
    a = _ask(store, "Ninh Bình hay Hà Giang xếp thứ mấy?", client)
    assert a.query["planner"] == "openai:stub"
    assert a.found and "Hà Giang" in a.text  # the model's reading, answered truthfully
    assert {c.doc_id for c in a.citations if c.primary} == {"qa-hagiang"}
    _grounded(a)


@pytest.mark.parametrize(
    "replies",
    [
        ("this is not JSON", "still not JSON"),
        ('{"ask": "tell me a story"}', '{"ask": "poem"}'),  # outside the schema, twice
        ('{"ask": "score", "year": 20230}', '{"ask": "score", "year": "soon"}'),
    ],
)
def test_invalid_output_falls_back_to_offline_parser(store, replies):
    client, seen = _stub_client(*replies)
    a = _ask(store, "Ninh Bình xếp thứ mấy về Chỉ số CCHC năm 2022?", client)
    assert len(seen) == 2  # one re-ask (max_retries=1), then the fallback
    assert a.query["planner"] == "rules"
    assert any("offline parser used" in n for n in a.query["notes"])
    assert a.found and "17" in a.text
    _grounded(a)


def test_server_error_falls_back(store):
    client, seen = _stub_client("overloaded", status=500)
    a = _ask(store, "tinh nao dung thu 12", client)
    assert len(seen) == 1 and a.query["planner"] == "rules" and a.found
    _grounded(a)


def test_unreachable_server_falls_back_quickly():
    from llmx.qa import llm_planner

    # The planner's own client, with a hook counting the requests it tries to send.
    attempts: list = []
    url = "http://127.0.0.1:9/v1"
    http = _httpx().Client(event_hooks={"request": [attempts.append]})
    client = llm_planner.make_client(url, None, 5.0, http_client=http)
    q = "Ninh Bình xếp thứ mấy về Chỉ số CCHC năm 2022?"
    plan = plan_with_llm(q, NameIndex.build(), model="m", base_url=url, timeout=5.0,
                         client=client)  # fmt: skip
    assert len(attempts) == 1  # one try, then the offline parser: no HTTP retry, no re-ask
    assert plan.planner == "rules" and plan.entity == "Ninh Bình"


def test_empty_store_needs_no_llm(tmp_path):
    from llmx.store import Store

    with Store(tmp_path / "e.db") as s:
        a = answer_question(s, "Tỉnh nào đứng thứ 4?", planner="openai",
                            llm={"model": "m", "client": object()})  # fmt: skip
        assert a.reason == "empty_store"


def test_less_specific_plan_than_the_parser_is_not_used(store):
    client, _ = _stub_client('{"ask": "free_text"}')
    a = _ask(store, "Ninh Bình xếp thứ mấy về Chỉ số CCHC năm 2022?", client)
    assert a.query["planner"] == "rules" and "less specific" in a.query["notes"][-1]
    assert a.found and "17" in a.text


def test_planner_failure_is_described_by_the_llm_layer_without_the_key():
    from llmx.qa.llm_planner import failure

    assert failure(RuntimeError("bad key sk-secret-123"), 7.0, "sk-secret-123") == (
        "RuntimeError: bad key ***"
    )
    assert failure(TimeoutError(), 7.0, None).startswith("TimeoutError")
