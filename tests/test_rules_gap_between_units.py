"""A gap between the best and the worst unit ("Chênh lệch giữa bộ cao nhất và bộ thấp nhất
là 12,5%", "The gap between the top and bottom province was 20 points") is no score of the
unit named in it (issue 10). A unit's own score with a gap said after it stays. Invented
sentences."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def scores(text: str) -> set[tuple[str, float | None, int | None]]:
    out = RulesExtractor().extract(make_doc(text))
    return {(r.entity, r.score, r.year) for r in out.extraction.index_results}


def test_a_gap_between_two_units_is_no_score() -> None:
    got = scores(
        "Chênh lệch giữa bộ có Chỉ số CCHC năm 2020 cao nhất (Bộ Tư pháp) và bộ thấp nhất "
        "(Bộ Y tế) là 12,5%, hẹp hơn năm trước (năm 2019 là 13,1%)."
    )
    assert not any(s is not None for _, s, _ in got), got


def test_an_english_gap_is_no_score() -> None:
    got = scores(
        "The gap between the top province (Quang Ninh) and the bottom one (Cao Bang) in the "
        "PCI 2022 was 13.4 points."
    )
    assert not any(s is not None for _, s, _ in got), got


def test_a_units_score_before_a_gap_stays() -> None:
    got = scores(
        "Năm 2020, Bộ Tư pháp đạt 91,2% Chỉ số CCHC, chênh lệch 0,4% so với bộ đứng thứ hai."
    )
    assert ("Bộ Tư pháp", 91.2, 2020) in got, got
