"""Units named inside an English apposition ("Da Nang, the third city after Hanoi and Hai
Phong, was fourth") are no subjects: the place after the apposition is the unit's before
it (issue 10). Invented sentences."""

from __future__ import annotations

import pytest
from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def places(text: str) -> set[tuple[str, int | None]]:
    out = RulesExtractor().extract(make_doc(text))
    return {(r.entity, r.rank) for r in out.extraction.index_results}


CASES = {
    "In the PAR Index 2018, Da Nang, the third city after Hanoi and Hai Phong, was fourth "
    "with 83.7 percent.": ("Đà Nẵng", 4),
    "In the PAR Index 2018, Da Nang, a neighbour of Quang Nam, ranked 4th with 83.7 percent.": (
        "Đà Nẵng", 4
    ),
}


@pytest.mark.parametrize("text", list(CASES))
def test_the_place_is_the_unit_before_the_apposition(text: str) -> None:
    got = places(text)
    assert CASES[text] in got, got
    assert len([r for _, r in got if r == 4]) == 1, got


def test_a_list_of_units_is_no_apposition() -> None:
    got = places(
        "In the PAR Index 2018, Da Nang, Hanoi and Hai Phong were first, second and third "
        "respectively."
    )
    assert {("Đà Nẵng", 1), ("Hà Nội", 2), ("Hải Phòng", 3)} <= got, got
