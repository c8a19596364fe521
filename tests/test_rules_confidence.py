"""Confidence of rules index results: the attachment facts read from a sentence, and the
score they give (llmx.rules.confidence)."""

from __future__ import annotations

import pytest

from llmx.core.records import DEFAULT_CONFIDENCE, IndexResult
from llmx.rules.confidence import (
    FLOOR,
    LONG_SENTENCE,
    PENALTIES,
    Attachment,
    attachment,
    confidence,
)
from llmx.rules.entities import EntityMention
from llmx.rules.extractor import RulesExtractor
from llmx.rules.index_results import Draft, Event
from tests.support.documents import make_doc


def _results(text: str, title: str | None = None) -> list[IndexResult]:
    return RulesExtractor().extract(make_doc(text, title=title)).extraction.index_results


def _only(text: str, title: str | None = None) -> IndexResult:
    (rec,) = _results(text, title)
    return rec


def _plain(**changes: object) -> Attachment:
    """A short sentence naming its unit, with a year and no move: no penalty."""
    facts: dict[str, object] = {"subject_named": True, "others_named": True, "has_year": True,
                                "sentence_chars": 40, "change": False}  # fmt: skip
    facts.update(changes)
    return Attachment(**facts)  # type: ignore[arg-type]


# -- features of hand-built attachments ---------------------------------------------------


def test_a_plain_attachment_has_no_feature_and_full_confidence():
    assert _plain().features() == []
    assert confidence(_plain()) == 1.0


@pytest.mark.parametrize(
    ("changes", "feature"),
    [
        ({"subject_named": False, "others_named": False}, "subject_carried"),
        ({"subject_named": False, "others_named": True}, "subject_carried_other_named"),
        ({"has_year": False}, "no_year"),
        ({"sentence_chars": LONG_SENTENCE}, "long_sentence"),
        ({"change": True}, "change"),
    ],
)
def test_each_weak_attachment_costs_its_penalty(changes, feature):
    a = _plain(**changes)
    assert a.features() == [feature]
    assert confidence(a) == pytest.approx(1.0 - PENALTIES[feature])


def test_a_sentence_just_under_the_cut_is_not_long():
    assert _plain(sentence_chars=LONG_SENTENCE - 1).features() == []


def test_penalties_add_up_and_stop_at_the_floor():
    a = _plain(subject_named=False, others_named=True, has_year=False, sentence_chars=500)
    assert confidence(a) == FLOOR
    table = {name: 0.1 for name in PENALTIES}
    assert confidence(a, table) == pytest.approx(0.7)


def test_attachment_reads_the_draft():
    d = Draft(index="PAR_INDEX", rank=5, rank_change=2, first_value_at=10)
    a = attachment("tinh xep thu 5, tang 2 bac", d, None, [], [])
    assert not a.subject_named and not a.others_named and not a.has_year and a.change
    assert a.sentence_chars == len("tinh xep thu 5, tang 2 bac")


# -- records extracted from written sentences ---------------------------------------------


def test_a_short_sentence_naming_unit_index_and_year_is_confident():
    rec = _only("Năm 2023, tỉnh Hà Giang xếp thứ 5/63 về Chỉ số CCHC.")
    assert rec.entity == "Hà Giang" and rec.rank == 5
    assert rec.confidence == 1.0


def test_the_same_fact_in_a_long_sentence_is_below_the_cut_off():
    padding = (
        "theo báo cáo mà Ban Chỉ đạo cải cách hành chính của Chính phủ vừa công bố tại hội "
        "nghị trực tuyến toàn quốc, "
    )
    text = f"Năm 2023, {padding}tỉnh Hà Giang xếp thứ 5/63 về Chỉ số CCHC."
    assert len(text) >= LONG_SENTENCE
    rec = _only(text)
    assert rec.rank == 5
    assert rec.confidence is not None and rec.confidence < DEFAULT_CONFIDENCE


def test_a_unit_carried_from_the_title_costs_less_than_a_long_sentence():
    rec = _only("Năm 2023, tỉnh xếp thứ 5/63 về Chỉ số CCHC.", title="Hà Giang: kết quả CCHC")
    assert rec.entity == "Hà Giang"
    assert rec.confidence == pytest.approx(1.0 - PENALTIES["subject_carried"])
    assert rec.confidence >= DEFAULT_CONFIDENCE


def test_a_record_without_a_year_is_doubtful():
    rec = _only("Tỉnh Hà Giang xếp thứ 5/63 về Chỉ số CCHC.")
    assert rec.year is None
    assert rec.confidence is not None and rec.confidence < 0.5


def test_two_readings_of_one_fact_both_lose_confidence():
    text = (
        "Năm 2023, tỉnh Hà Giang xếp thứ 5/63 về Chỉ số CCHC.\n\n"
        "Một đoạn khác của bài viết nói về những việc đã làm trong năm qua, không có số liệu.\n\n"
        "Năm 2023, tỉnh Hà Giang xếp thứ 7/63 về Chỉ số CCHC."
    )
    recs = _results(text)
    assert sorted(r.rank for r in recs if r.rank is not None) == [5, 7]
    assert all(r.confidence == pytest.approx(1.0 - PENALTIES["contested"]) for r in recs)


def test_every_index_result_is_assessed_and_metrics_are_not():
    text = "Năm 2023, tỉnh Hà Giang xếp thứ 5/63 về Chỉ số CCHC; tỷ lệ hồ sơ trực tuyến đạt 85%."
    out = RulesExtractor().extract(make_doc(text)).extraction
    assert out.index_results and all(r.confidence is not None for r in out.index_results)
    assert out.metrics and all(m.confidence is None for m in out.metrics)


def test_a_value_before_the_unit_is_named_leaves_the_unit_doubtful():
    # The fronted score is paired with the unit only by luck (here: it is the main one).
    rec = _only("Năm 2023, với 85,5 điểm, tỉnh Hà Giang xếp thứ 5/63 về Chỉ số CCHC.")
    assert rec.rank == 5
    assert rec.confidence is not None and rec.confidence < DEFAULT_CONFIDENCE


def test_a_fronted_place_the_unit_takes_is_not_penalised():
    rec = _only("Năm 2023, dẫn đầu Chỉ số CCHC là tỉnh Hà Giang với 90,5 điểm.")
    assert rec.entity == "Hà Giang" and rec.rank == 1
    assert rec.confidence == 1.0


def test_attachment_sees_a_fronted_value_the_draft_did_not_take():
    f = "voi 85,5 diem, tinh ha giang xep thu 5/63"
    unit = EntityMention(15, 28, "Hà Giang", "province")
    score = Event(4, 8, "score", {"value": 85.5, "unit": "points"})
    rank = Event(29, 41, "rank", {"rank": 5})
    d = Draft(entity=unit, entity_own=True, rank=5, first_value_at=rank.start)
    assert attachment(f, d, 2023, [unit], [score, rank]).value_before_subject
    took_it = Draft(entity=unit, entity_own=True, score=85.5, first_value_at=score.start)
    assert not attachment(f, took_it, 2023, [unit], [score, rank]).value_before_subject
    assert not attachment(f, d, 2023, [unit], [rank]).value_before_subject
