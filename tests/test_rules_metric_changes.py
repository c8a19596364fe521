"""Relative changes of a unit's score as metrics named as changes (eval/CONVENTIONS.md), on
sentences written for these tests."""

from __future__ import annotations

import pytest
from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def metrics(text: str):
    out = RulesExtractor().extract(make_doc(text))
    for m in out.extraction.metrics:
        assert text[m.evidence.start : m.evidence.end] == m.evidence.quote
    return {m.value: (m.entity, m.name, m.unit, m.year) for m in out.extraction.metrics}


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("In the 2023 PCI, Binh Duong scored 70.2 points, a rise of 3.4%.", 3.4),
        ("In the 2023 PCI, Binh Duong scored 70.2 points, 3.4% higher than in 2022.", 3.4),
        ("In the 2023 PCI, Binh Duong scored 70.2 points, down 1.7%.", -1.7),
        ("In the 2023 PCI, Binh Duong scored 70.2 points, a 1.7% decline.", -1.7),
        ("In the 2023 PCI, Binh Duong scored 70.2 points, even though its score fell by 1.7%.",
         -1.7),
    ],
)  # fmt: skip
def test_an_english_change_in_percent_of_a_points_score_is_a_signed_change(
    sentence: str, value: float
) -> None:
    assert metrics(sentence)[value] == ("Bình Dương", "change in the PCI from 2022", "%", 2023)


def test_a_vietnamese_change_in_percent_of_a_score_names_its_direction() -> None:
    text = "Năm 2022, tỉnh Nam Định đạt DTI 0,5123, giảm 4,2% so với năm 2021."
    assert metrics(text)[4.2] == ("Nam Định", "mức giảm DTI so với năm 2021", "%", 2022)


def test_a_change_with_no_points_score_before_it_is_not_a_score_change() -> None:
    # the level is a percent: its change is not read as one of a points score
    text = "In the 2023 SIPAS, Binh Duong reached 85.2%, a rise of 3.4%."
    assert all("change in the" not in name for _, name, _, _ in metrics(text).values())


def test_a_change_whose_unit_is_not_named_is_not_guessed() -> None:
    text = "In the 2023 PCI, the leader scored 70.2 points, a rise of 3.4%."
    assert 3.4 not in metrics(text)
