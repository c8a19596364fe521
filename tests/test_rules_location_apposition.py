"""An English apposition that says where a unit lies ("Dong Thap, in the Mekong Delta,
came second") is no regional ranking: the place is national. A region after the place
("came second in the Mekong Delta") is where the place is held (issue 10). Invented."""

from __future__ import annotations

import pytest
from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def scopes(text: str) -> set[tuple[str, int | None, str | None]]:
    out = RulesExtractor().extract(make_doc(text))
    return {(r.entity, r.rank, r.scope) for r in out.extraction.index_results}


CASES = {
    "In PAPI 2020, Ben Tre, in the Mekong Delta, came fourth with 45.1 points.": (
        "Bến Tre", 4, "national"
    ),
    "In PAPI 2020, Ben Tre, a province in the Mekong Delta, came fourth with 45.1 points.": (
        "Bến Tre", 4, "national"
    ),
    "In PAPI 2020, Ben Tre came fourth in the Mekong Delta with 45.1 points.": (
        "Bến Tre", 4, "region:Đồng bằng sông Cửu Long"
    ),
}


@pytest.mark.parametrize("text", list(CASES))
def test_where_a_unit_lies_is_not_where_it_is_ranked(text: str) -> None:
    got = scopes(text)
    assert CASES[text] in got, got
