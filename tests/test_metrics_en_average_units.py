"""An English average told in points keeps the unit as the text writes it ("points"), as
English passages keep their count units in English; a Vietnamese one stays in "điểm", and
percent stays "%". On sentences written for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def units(text: str) -> dict[float, str]:
    out = RulesExtractor().extract(make_doc(text))
    return {m.value: m.unit for m in out.extraction.metrics}


def test_an_english_average_in_points_and_its_change_are_in_points() -> None:
    got = units(
        "In the PAR Index 2023, the national average was 85.5 points, 1.5 points lower than "
        "in 2022."
    )
    assert got == {85.5: "points", 1.5: "points"}


def test_a_vietnamese_average_in_points_stays_in_diem() -> None:
    got = units("Trong Chỉ số CCHC năm 2023, điểm trung bình cả nước đạt 85,5 điểm.")
    assert got == {85.5: "điểm"}


def test_an_english_average_in_percent_stays_percent() -> None:
    got = units("In the PAR Index 2023, the national average was 85.5%, 1.5% lower than in 2022.")
    assert got == {85.5: "%", 1.5: "%"}
