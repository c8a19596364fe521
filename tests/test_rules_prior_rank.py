"""A move between two places told without years ("tăng từ thứ 27 lên thứ 8"): its start is
the previous edition's place, on sentences written for this test."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def test_a_move_without_years_starts_in_the_previous_edition() -> None:
    text = "Năm 2023, Chỉ số CCHC của tỉnh Hà Nam tăng từ thứ 40 lên thứ 12."
    got = RulesExtractor().extract(make_doc(text)).extraction.index_results
    by_year = {r.year: (r.rank, r.rank_change) for r in got if r.entity == "Hà Nam"}
    assert by_year == {2023: (12, 28), 2022: (40, None)}


def test_a_stated_start_year_is_kept() -> None:
    text = "Chỉ số CCHC của tỉnh Hà Nam tăng từ thứ 40 năm 2020 lên thứ 12 năm 2023."
    got = RulesExtractor().extract(make_doc(text)).extraction.index_results
    assert {r.year: r.rank for r in got if r.entity == "Hà Nam"} == {2023: 12, 2020: 40}
