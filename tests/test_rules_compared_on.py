"""English moves compared "on" an earlier year (issue 10): "up 27 places on 2023", "3.1
points lower on 2022". The year after "on" is the year compared with, not the result's;
the result is of the edition the sentence or passage names. Invented sentences."""

from __future__ import annotations

import pytest
from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def years(text: str) -> set[tuple[str, int | None, int | None, int | None]]:
    out = RulesExtractor().extract(make_doc(text))
    return {(r.entity, r.year, r.rank, r.rank_change) for r in out.extraction.index_results}


ON_A_YEAR = {
    "Lai Chau ranked 15th in the PAR Index 2024. On its own, the province ranked 20th out of "
    "63 provinces in SIPAS, up 11 places on 2023.": ("Lai Châu", 2024, 20, 11),
    "Lai Chau was 15th in the 2024 PAR Index. In SIPAS it was 20th of 63, down 4 places "
    "on 2023.": ("Lai Châu", 2024, 20, -4),
}


@pytest.mark.parametrize("text", list(ON_A_YEAR))
def test_on_a_year_is_the_year_compared_with(text: str) -> None:
    got = years(text)
    assert ON_A_YEAR[text] in got, got
    assert not any(y == 2023 and r == 20 for _, y, r, _ in got), got


def test_on_before_a_year_that_dates_the_result_stays_its_year() -> None:
    # "on 2023 results" after no move: the year the ranking is of
    got = years("Based on 2023 results, Lai Chau ranked 20th in the PAR Index.")
    assert ("Lai Châu", 2023, 20, None) in got, got
