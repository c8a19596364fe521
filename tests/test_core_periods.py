"""llmx.core.periods: a period shorter than a year gives its year (folded text)."""

from __future__ import annotations

import pytest

from llmx.core.periods import PERIOD_YEAR_RE
from llmx.core.textnorm import fold


@pytest.mark.parametrize(
    ("text", "year"),
    [("Quý I/2023", 2023), ("tháng 10-2020", 2020),
     ("Q1/2024", 2024), ("tháng 8 / 2021", 2021)],
)  # fmt: skip
def test_a_period_gives_its_year(text: str, year: int) -> None:
    m = PERIOD_YEAR_RE.search(fold(text).lower())
    assert m is not None and int(m.group(1)) == year


@pytest.mark.parametrize("text", ["năm 2023", "tháng 10 năm ngoái", "Chỉ số 2023"])
def test_a_year_alone_is_no_period(text: str) -> None:
    assert PERIOD_YEAR_RE.search(fold(text).lower()) is None
