"""A milestone a score has not reached ("chưa chạm mốc 80%", "vượt mốc 90%") is a bound, not
a second score of the unit (issue 10). Invented sentences."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def scores(text: str) -> set[tuple[str, float | None]]:
    out = RulesExtractor().extract(make_doc(text))
    return {(r.entity, r.score) for r in out.extraction.index_results}


def test_a_milestone_not_reached_is_no_score() -> None:
    got = scores(
        "Trong Chỉ số CCHC 2021, Cà Mau, với 79,91%, đứng cuối trong 63 địa phương và là nơi "
        "duy nhất chưa chạm mốc 80%."
    )
    assert ("Cà Mau", 79.91) in got, got
    assert ("Cà Mau", 80.0) not in got, got


def test_a_milestone_passed_is_no_score() -> None:
    got = scores("Năm 2022, Chỉ số CCHC của Cà Mau đạt 90,12%, lần đầu vượt mốc 90%.")
    assert ("Cà Mau", 90.12) in got, got
    assert ("Cà Mau", 90.0) not in got, got
