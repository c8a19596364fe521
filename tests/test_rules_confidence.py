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


_PADDING = (
    "theo báo cáo mà Ban Chỉ đạo cải cách hành chính của Chính phủ vừa công bố tại hội "
    "nghị trực tuyến toàn quốc, "
)


def test_a_long_sentence_that_explains_everything_keeps_the_cut_off():
    text = f"Năm 2023, {_PADDING}tỉnh Hà Giang xếp thứ 5/63 về Chỉ số CCHC."
    assert len(text) >= LONG_SENTENCE
    rec = _only(text)
    assert rec.rank == 5
    assert rec.confidence == pytest.approx(1.0 - PENALTIES["long_sentence"])
    assert rec.confidence >= DEFAULT_CONFIDENCE


def test_a_long_sentence_with_its_index_and_year_from_context_is_below_the_cut_off():
    lead = "Chỉ số CCHC năm 2023 đã được công bố.\n\n"
    text = f"{lead}Nhìn chung, {_PADDING}tỉnh Hà Giang xếp thứ 5/63."
    rec = _only(text)
    assert rec.rank == 5 and rec.year == 2023 and rec.index == "PAR_INDEX"
    assert rec.confidence is not None and rec.confidence < DEFAULT_CONFIDENCE


def test_a_unit_carried_from_the_title_is_below_the_cut_off():
    rec = _only("Năm 2023, tỉnh xếp thứ 5/63 về Chỉ số CCHC.", title="Hà Giang: kết quả CCHC")
    assert rec.entity == "Hà Giang"
    assert rec.confidence == pytest.approx(1.0 - PENALTIES["subject_carried"])
    assert rec.confidence < DEFAULT_CONFIDENCE


def test_each_guessed_attachment_alone_takes_a_record_below_the_cut_off():
    # The features that say part of the attachment was guessed (the brief of the table).
    for name in ("subject_carried", "subject_not_own", "rival_in_clause", "loose_numbers",
                 "stray_years", "value_before_subject", "subject_carried_other_named"):  # fmt: skip
        assert 1.0 - PENALTIES[name] < DEFAULT_CONFIDENCE, name
    # Context features alone do not; two of them together reach the cut-off at most.
    context = ("index_borrowed", "year_from_context", "english", "long_sentence", "change")
    for name in context:
        assert 1.0 - PENALTIES[name] >= DEFAULT_CONFIDENCE, name
    assert 1.0 - PENALTIES["index_borrowed"] - PENALTIES["year_from_context"] <= DEFAULT_CONFIDENCE


def test_another_unit_in_the_clause_is_a_rival():
    rec = next(r for r in _results("Năm 2023, Hà Giang xếp thứ 5/63 về Chỉ số CCHC, sau Lào Cai.")
               if r.entity == "Hà Giang")  # fmt: skip
    assert rec.rank == 5
    assert rec.confidence is not None and rec.confidence < DEFAULT_CONFIDENCE


def test_units_in_clauses_of_their_own_are_no_rivals():
    recs = _results("Năm 2023, về Chỉ số CCHC, Hà Giang xếp thứ 5; Cao Bằng xếp thứ 9.")
    assert sorted((r.entity, r.rank) for r in recs) == [("Cao Bằng", 9), ("Hà Giang", 5)]
    assert all(r.confidence is not None and r.confidence >= DEFAULT_CONFIDENCE for r in recs)


def test_a_number_the_frame_leaves_unexplained_lowers_the_record():
    rec = _only("Năm 2023, Hà Giang xếp thứ 5/63 về Chỉ số CCHC, hơn 12 bậc.")
    assert rec.rank == 5
    assert rec.confidence is not None and rec.confidence < DEFAULT_CONFIDENCE


def test_dates_decision_numbers_and_group_sizes_are_explained():
    f = "theo quyet dinh so 24/qd-ubnd ngay 05/01/2024, trong 63 tinh, ha giang xep thu 5"
    unit = EntityMention(len(f) - 22, len(f) - 14, "Hà Giang", "province")
    rank = Event(len(f) - 13, len(f), "rank", {"rank": 5})
    d = Draft(entity=unit, entity_own=True, rank=5, first_value_at=rank.start)
    assert attachment(f, d, 2023, [unit], [rank]).loose_numbers == 0
    assert attachment(f + ", tang 7", d, 2023, [unit], [rank]).loose_numbers == 1


def test_a_year_neither_measured_nor_compared_is_stray():
    d = Draft(rank=5, first_value_at=0)
    years = [(10, 2023), (30, 2019)]
    assert attachment("x" * 40, d, 2023, [], [], years=years).stray_years == 1
    assert attachment("x" * 40, d, 2023, [], [], years=years, compared=(2019,)).stray_years == 0


def test_an_english_sentence_costs_its_penalty():
    rec = _only("In 2023, Ha Giang ranked 5th of 63 provinces on the PAR Index.")
    assert rec.entity == "Hà Giang" and rec.rank == 5
    assert rec.confidence == pytest.approx(1.0 - PENALTIES["english"])


def test_an_earlier_value_in_parentheses_is_less_sure_than_the_current_one():
    recs = _results("Năm 2023, Hà Giang đạt 85,5 điểm Chỉ số CCHC (năm 2022: 83,1 điểm).")
    by_year = {r.year: r for r in recs}
    assert by_year[2023].score == 85.5 and by_year[2022].score == 83.1
    assert by_year[2022].confidence is not None and by_year[2023].confidence is not None
    assert by_year[2022].confidence < by_year[2023].confidence


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


def test_a_goal_in_the_records_clause_is_below_the_cut_off():
    rec = _only("Năm 2024, tỉnh Hà Giang phấn đấu xếp thứ 20/63 về Chỉ số CCHC.")
    assert rec.rank == 20 and rec.is_target
    assert rec.confidence is not None and rec.confidence < DEFAULT_CONFIDENCE
    # a goal in another clause leaves the result alone
    recs = _results("Năm 2023, Hà Giang xếp thứ 25/63 về Chỉ số CCHC; năm 2024 tỉnh phấn đấu "
                    "vào nhóm khá.")  # fmt: skip
    assert [(r.rank, r.confidence) for r in recs] == [(25, 1.0)]


def test_another_index_in_the_clause_is_a_rival():
    # The value before its index name is paired by order; however it was read, it is a guess.
    recs = _results("Năm 2023, Hà Giang đạt 85,1% Chỉ số CCHC và 82,4% Chỉ số SIPAS.")
    assert recs
    assert all(r.confidence is not None and r.confidence < DEFAULT_CONFIDENCE for r in recs)
    # an index in another clause is no rival
    recs = _results("Năm 2023, Hà Giang đạt 85,1% Chỉ số CCHC; Chỉ số SIPAS đạt 82,4%.")
    assert [(r.index, r.confidence) for r in recs if r.score == 85.1] == [("PAR_INDEX", 1.0)]
