"""An earlier place in brackets after a move, with no year ("climbed 7 places to 23rd
(30th of 63)", "lùi 3 bậc xuống thứ 20 (thứ 17/63)"): when the move leads from it to the new
place, it is the place of the edition before (issue 10). Invented sentences."""

from __future__ import annotations

import pytest
from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def places(text: str) -> set[tuple[str, int | None, int | None, int | None]]:
    out = RulesExtractor().extract(make_doc(text))
    return {(r.entity, r.year, r.rank, r.rank_total) for r in out.extraction.index_results}


CASES = {
    "In the PCI 2022, Lai Chau climbed 7 places to 23rd (30th of 63).": (
        ("Lai Châu", 2022, 23, None), ("Lai Châu", 2021, 30, 63)
    ),
    "Trong PCI 2022, Lai Châu lùi 3 bậc, xuống thứ 20 (thứ 17/63).": (
        ("Lai Châu", 2022, 20, None), ("Lai Châu", 2021, 17, 63)
    ),
}


@pytest.mark.parametrize("text", list(CASES))
def test_bracketed_place_the_move_leads_from_is_the_year_before(text: str) -> None:
    got = places(text)
    assert set(CASES[text]) <= got, got


def test_bracketed_place_the_move_does_not_lead_from_keeps_its_year() -> None:
    # 23 + 7 is not 40: the bracket is something else (another ranking), not the year before
    got = places("In the PCI 2022, Lai Chau climbed 7 places to 23rd (40th of 63).")
    assert ("Lai Châu", 2021, 40, 63) not in got, got


def test_bracketed_place_after_the_compared_year_is_that_years() -> None:
    got = places(
        "In the PCI 2022, Lai Chau came 23rd of 63 provinces, 7 places higher than in 2021 "
        "(30th of 63)."
    )
    assert ("Lai Châu", 2021, 30, 63) in got, got
    assert ("Lai Châu", 2022, 30, 63) not in got, got
