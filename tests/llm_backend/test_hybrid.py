"""The hybrid backend against the scripted server: the rules propose, the model blind-reads
the doubtful sentences, agreement sets the confidence. Documents written for these tests."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from llmx.core.document import Document
from llmx.core.records import DEFAULT_CONFIDENCE
from llmx.llm.hybrid_merge import REVIEW
from llmx.llm.hybrid_policy import POLICY

from .fakellm import FakeLLM, Reply, answer, fast_options

# A long English sentence (below the rules' cut-off, within the lift band: liftable), a
# sentence the rules read nothing from (an index, a number no record used), and an unrelated
# one. Their rules confidences are checked by the first test, so a change to the rules'
# confidence shows there rather than as a puzzling hybrid failure.
LONG = (
    "In 2023, Bac Ninh ranked 6th of 63 provinces on the PAR Index with 89.12 points, "
    "staying in the leading group of the country in this work for one more year."
)
UNCOVERED = "Về Chỉ số SIPAS năm 2023, tỉnh Hà Nam có 91,3% người dân hài lòng."
# Confident but below the high band (an English clause), with a second number (12).
CONFIDENT = "In 2023, Ha Nam ranked 12th on the PAR Index with 87.5 points."
NOTHING = "Tỉnh ủy họp bàn công tác phát triển kinh tế năm 2023."


def _doc(text: str, doc_id: str = "hybrid-test") -> Document:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Document(doc_id=doc_id, source=doc_id, sha256=sha, text=text, title=None)


def _reading(readings: list[dict[str, Any]] | None = None,
             others: list[dict[str, Any]] | None = None) -> Reply:  # fmt: skip
    return answer({"readings": readings or [], "others": others or []})


def _values(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = dict.fromkeys(
        ("score", "rank", "rank_total", "rank_change", "score_change")
    )
    return base | kw


def _asked_sentence(seen: Any) -> str:
    m = re.search(r'Sentence: "(.*)"', seen.user_text)
    assert m, seen.user_text
    return m.group(1)


@pytest.fixture
def hybrid(fake_llm: FakeLLM, tmp_path: Any) -> Iterator[Callable[..., Any]]:
    from llmx.backends import get_backend

    made: list[Any] = []

    def make(**options: Any) -> Any:
        opts: dict[str, Any] = fast_options(fake_llm.url, tmp_path / "cache.db") | options
        backend = get_backend("hybrid", **opts)
        made.append(backend)
        return backend

    yield make
    for b in made:
        b.close()


def _rules(text: str) -> Any:
    from llmx.rules.extractor import RulesExtractor

    return RulesExtractor().extract(_doc(text)).extraction


def _reviews(outcome: Any) -> list[Any]:
    return [r for r in outcome.rejected if r.record_type == REVIEW]


def test_the_documents_give_the_rules_confidences_these_tests_rely_on() -> None:
    (long_rec,) = _rules(LONG).index_results
    assert long_rec.confidence is not None
    assert POLICY.lift_from <= long_rec.confidence < DEFAULT_CONFIDENCE
    assert _rules(UNCOVERED).index_results == []
    (confident,) = _rules(CONFIDENT).index_results
    assert confident.confidence is not None
    assert DEFAULT_CONFIDENCE <= confident.confidence < POLICY.high


def test_agreement_raises_a_record_to_the_top_of_the_review_band(
    fake_llm: FakeLLM, hybrid: Any
) -> None:
    fake_llm.default = _reading([{"subject": 1, **_values(score=89.12, rank=6, rank_total=63)}])
    outcome = hybrid().extract(_doc(LONG))
    (rec,) = outcome.extraction.index_results
    before = _rules(LONG).index_results[0].confidence
    assert before < rec.confidence < DEFAULT_CONFIDENCE  # a value read cannot vouch the key
    assert outcome.extraction.backend == "hybrid:fake"
    (note,) = _reviews(outcome)
    assert note.data["provenance"] == "both" and note.data["verdict"] == "agree"
    # A blind read: the request names the subject, never the rules' values.
    (seen,) = fake_llm.requests
    user = seen.user_text
    assert "Bắc Ninh" in user and "PAR_INDEX" in user
    subject_line = user.split("Subjects:", 1)[1]
    assert "89" not in subject_line and "63" not in subject_line


def test_a_partial_reading_is_not_agreement(fake_llm: FakeLLM, hybrid: Any) -> None:
    fake_llm.default = _reading([{"subject": 1, **_values(score=89.12)}])
    outcome = hybrid().extract(_doc(LONG))
    (rec,) = outcome.extraction.index_results
    assert rec.confidence == _rules(LONG).index_results[0].confidence
    (note,) = _reviews(outcome)
    assert note.data["verdict"] == "partial" and note.data["provenance"] == "rules"


def test_contradiction_lowers_a_doubtful_record_and_flags_it(
    fake_llm: FakeLLM, hybrid: Any
) -> None:
    # A number the sentence writes, in the wrong field: a misreading, but a reading.
    fake_llm.default = _reading([{"subject": 1, **_values(score=63, rank=6, rank_total=63)}])
    outcome = hybrid().extract(_doc(LONG))
    (rec,) = outcome.extraction.index_results
    before = _rules(LONG).index_results[0].confidence
    assert rec.confidence == round(before - POLICY.contradict_penalty, 2)
    assert rec.score == 89.12  # the rules' values stay: the model only casts doubt
    (note,) = _reviews(outcome)
    assert note.data["verdict"] == "contradict"
    assert "score: rules 89.12, model 63" in note.reason


def test_contradiction_keeps_a_confident_record_and_flags_it(
    fake_llm: FakeLLM, hybrid: Any
) -> None:
    fake_llm.default = _reading([{"subject": 1, **_values(score=12)}])
    outcome = hybrid().extract(_doc(CONFIDENT))
    (rec,) = outcome.extraction.index_results
    assert rec.confidence == _rules(CONFIDENT).index_results[0].confidence
    (note,) = _reviews(outcome)
    assert note.data["verdict"] == "contradict" and "review" in note.reason


def test_a_result_only_the_model_read_lands_below_the_cut_off(
    fake_llm: FakeLLM, hybrid: Any
) -> None:
    fake_llm.default = _reading(
        others=[{"entity": "tỉnh Hà Nam", "index": "SIPAS", "year": 2031, **_values(score=91.3)}]
    )
    outcome = hybrid().extract(_doc(UNCOVERED))
    (rec,) = outcome.extraction.index_results
    assert (rec.entity, rec.index, rec.score) == ("Hà Nam", "SIPAS", 91.3)
    assert rec.confidence == POLICY.model_only < DEFAULT_CONFIDENCE
    assert rec.year == 2023  # the rules' normaliser reads the quote, not the model's year
    assert rec.evidence.quote == UNCOVERED
    (note,) = _reviews(outcome)
    assert note.data["provenance"] == "model"
    (seen,) = fake_llm.requests
    assert "(none: list every result" in seen.user_text


@pytest.mark.parametrize(
    ("other", "reason"),
    [
        ({"entity": "tỉnh Hà Nam", "index": "SIPAS", **_values(score=95.5)},
         "value not found in its quote"),
        ({"entity": "tỉnh Hưng Yên", "index": "SIPAS", **_values(score=91.3)},
         "is not a unit the sentence names"),
        ({"entity": "tỉnh Hà Nam", "index": "SIPAS", **_values(score=91.3, rank=64, rank_total=63)},
         "rank 64 is outside 1..63"),
    ],
)  # fmt: skip
def test_model_values_the_sentence_does_not_ground_are_rejected(
    fake_llm: FakeLLM, hybrid: Any, other: dict[str, Any], reason: str
) -> None:
    fake_llm.default = _reading(others=[other])
    outcome = hybrid().extract(_doc(UNCOVERED))
    assert outcome.extraction.index_results == []
    (note,) = _reviews(outcome)
    assert note.data["verdict"] == "rejected" and reason in note.reason


def test_no_request_when_there_is_nothing_to_check(fake_llm: FakeLLM, hybrid: Any) -> None:
    backend = hybrid()
    outcome = backend.extract(_doc(NOTHING))
    assert fake_llm.requests == [] and backend.http_requests == 0
    assert outcome.extraction.index_results == [] and outcome.usage.requests == 0


def test_confident_rules_records_are_not_asked_about(fake_llm: FakeLLM, hybrid: Any) -> None:
    text = "Năm 2023, Chỉ số CCHC của tỉnh Hà Nam đạt 87,5 điểm."
    (rec,) = _rules(text).index_results
    assert rec.confidence is not None and rec.confidence >= POLICY.high
    hybrid().extract(_doc(text))
    assert fake_llm.requests == []


def test_an_unusable_answer_leaves_the_rules_records(fake_llm: FakeLLM, hybrid: Any) -> None:
    fake_llm.default = answer("this is not JSON")
    outcome = hybrid().extract(_doc(LONG))
    assert outcome.extraction.index_results == _rules(LONG).index_results
    assert any("no usable reading" in r.reason for r in _reviews(outcome))


def test_usage_is_counted_per_document(fake_llm: FakeLLM, hybrid: Any) -> None:
    fake_llm.default = answer(
        {"readings": [{"subject": 1, **_values(score=89.12, rank=6, rank_total=63)}]},
        prompt_tokens=300,
        completion_tokens=30,
        cached_tokens=250,
    )
    outcome = hybrid().extract(_doc(LONG + "\n" + UNCOVERED))
    assert len(fake_llm.requests) == 2
    assert outcome.usage.requests == 2
    assert outcome.usage.prompt_tokens == 600 and outcome.usage.completion_tokens == 60
    assert outcome.usage.cached_prompt_tokens == 500


def test_the_static_prompt_comes_first_and_is_the_same_for_every_request(
    fake_llm: FakeLLM, hybrid: Any
) -> None:
    fake_llm.default = _reading()
    hybrid().extract(_doc(LONG + "\n" + UNCOVERED))
    systems = {json.dumps(s.messages[0], ensure_ascii=False) for s in fake_llm.requests}
    assert len(fake_llm.requests) == 2 and len(systems) == 1
    assert [_asked_sentence(s) for s in fake_llm.requests] == [LONG, UNCOVERED] or [
        _asked_sentence(s) for s in fake_llm.requests
    ] == [UNCOVERED, LONG]


def test_same_answers_give_byte_identical_extractions(fake_llm: FakeLLM, hybrid: Any) -> None:
    def respond(seen: Any) -> Reply:
        if _asked_sentence(seen) == LONG:
            return _reading([{"subject": 1, **_values(score=89.12, rank=6, rank_total=63)}])
        return _reading(others=[{"entity": "Hà Nam", "index": "SIPAS", **_values(score=91.3)}])

    fake_llm.responder = respond
    text = LONG + "\n" + UNCOVERED
    runs = [hybrid().extract(_doc(text)) for _ in range(2)]
    dumps = [o.model_dump_json(exclude={"usage"}) for o in runs]
    assert dumps[0] == dumps[1]
    assert [r.entity for r in runs[0].extraction.index_results] == ["Bắc Ninh", "Hà Nam"]


def test_a_refused_connection_stops_the_run(hybrid: Any) -> None:
    from llmx.errors import EndpointUnreachable

    backend = hybrid(base_url="http://127.0.0.1:9/v1")
    with pytest.raises(EndpointUnreachable):
        backend.extract(_doc(LONG))


def test_the_hybrid_prompts_are_versioned_apart_and_the_sentence_is_data(tmp_path: Any) -> None:
    from llmx.llm.prompts import load_hybrid_prompts, load_prompts, prompt_dir

    edited = tmp_path / "edited"
    edited.mkdir()
    for f in prompt_dir().iterdir():
        if f.is_file():
            (edited / f.name).write_bytes(f.read_bytes())
    user = edited / "hybrid_user.j2"
    user.write_text(user.read_text(encoding="utf-8") + "Answer in JSON.\n", "utf-8")
    assert load_hybrid_prompts(edited).version != load_hybrid_prompts().version
    assert load_prompts(edited).version == load_prompts().version
    rendered = load_hybrid_prompts().user("Chỉ số {{ 7 * 7 }} {% if x %}", [])
    assert "{{ 7 * 7 }} {% if x %}" in rendered and "49" not in rendered


def test_readings_take_numbers_written_the_vietnamese_way() -> None:
    from llmx.llm.hybrid_reading import SentenceReading

    got = SentenceReading.model_validate(
        {
            "readings": [
                {
                    "subject": 1,
                    "score": "85,5",
                    "rank": "12",
                    "rank_change": "-2",
                    "rank_total": 12.5,
                    "score_change": "n/a",
                }
            ]
        }  # fmt: skip
    )
    r = got.for_subject(1)
    assert r is not None and r.stated() == {"score": 85.5, "rank": 12.0, "rank_change": -2.0}
    assert got.for_subject(2) is None


def test_a_record_crosses_the_cut_off_only_where_the_policy_lets_it() -> None:
    from llmx.llm.hybrid_policy import Policy, adjusted

    (rec,) = _rules(LONG).index_results
    near = rec.model_copy(update={"confidence": 0.65})
    assert adjusted(near, "agree") == DEFAULT_CONFIDENCE - 0.01
    eager = Policy(agree_bonus=0.3, cross_cutoff=True)
    assert adjusted(near, "agree", eager) == eager.agree_cap
    low = rec.model_copy(update={"confidence": 0.5})
    assert adjusted(low, "agree", eager) == DEFAULT_CONFIDENCE - 0.01  # far below: no crossing
    assert adjusted(near, "partial", eager) == 0.65 and adjusted(near, "unread", eager) == 0.65
    high = rec.model_copy(update={"confidence": 0.85})
    assert adjusted(high, "agree") == 0.95


@pytest.mark.parametrize("noise", [{"rank_change": 7}, {"rank": 2023}, {"score_change": 95.5}])
def test_a_value_the_sentence_does_not_write_is_noise_not_a_contradiction(
    fake_llm: FakeLLM, hybrid: Any, noise: dict[str, Any]
) -> None:
    read = _values(score=89.12, rank=6, rank_total=63) | noise
    fake_llm.default = _reading([{"subject": 1, **read}])
    outcome = hybrid().extract(_doc(LONG))
    (note,) = _reviews(outcome)
    assert note.data["verdict"] == ("partial" if "rank" in noise else "agree")


def test_registered_and_needs_an_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    from llmx.backends import backend_names, get_backend
    from llmx.errors import ConfigError

    assert "hybrid" in backend_names()
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ConfigError, match="the hybrid backend needs OPENAI_API_KEY"):
        get_backend("hybrid", model="m")


def test_values_answered_without_a_unit_go_to_the_one_unit_the_sentence_names(
    fake_llm: FakeLLM, hybrid: Any
) -> None:
    fake_llm.default = _reading([{"subject": 1, **_values(score=91.3)}])
    outcome = hybrid().extract(_doc(UNCOVERED))
    (rec,) = outcome.extraction.index_results
    assert (rec.entity, rec.score, rec.confidence) == ("Hà Nam", 91.3, POLICY.model_only)
    two_units = (
        "Về Chỉ số SIPAS năm 2023, tỉnh Hà Nam và tỉnh Nam Định có 91,3% người dân hài lòng."
    )
    assert hybrid().extract(_doc(two_units)).extraction.index_results == []


def test_headings_are_not_asked_about(fake_llm: FakeLLM, hybrid: Any) -> None:
    fake_llm.default = _reading()
    hybrid().extract(_doc("Hà Nam xếp thứ 5 về Chỉ số SIPAS năm 2023\n" + NOTHING))
    assert fake_llm.requests == []
