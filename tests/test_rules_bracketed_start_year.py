"""A year in brackets after the start of a move of score ("từ 90,3% (năm 2021) xuống 82,2%")
dates the start only: the end is the next year's, and the sentences after it are not dated
by the earlier year (issue 10). Invented sentences."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def results(text: str) -> set[tuple[str, int | None, float | None, int | None]]:
    out = RulesExtractor().extract(make_doc(text))
    return {(r.index, r.year, r.score, r.rank) for r in out.extraction.index_results}


def test_the_bracketed_year_dates_the_start_of_the_move() -> None:
    got = results(
        "Chỉ số SIPAS của Điện Biên giảm mạnh, từ 91,20% (năm 2020) xuống 84,50%. Thứ hạng "
        "SIPAS của tỉnh lùi 9 bậc, từ thứ 4 xuống thứ 13."
    )
    assert ("SIPAS", 2020, 91.2, None) in got or ("SIPAS", 2020, 91.2, 4) in got, got
    assert any(y == 2021 and s == 84.5 for _, y, s, _ in got), got
    assert any(y == 2021 and r == 13 for _, y, _, r in got), got
    assert not any(y == 2020 and s == 84.5 for _, y, s, _ in got), got


def test_a_year_after_the_end_still_dates_the_end() -> None:
    got = results("Chỉ số SIPAS của Điện Biên giảm từ 91,20% năm 2020 xuống 84,50% năm 2022.")
    assert ("SIPAS", 2022, 84.5, None) in got, got
    assert ("SIPAS", 2020, 91.2, None) in got, got
