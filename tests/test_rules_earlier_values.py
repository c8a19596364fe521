"""Earlier years' values told beside the current one, in parentheses or in a clause of
their own: each is a record of its own year, and the current values keep theirs
(eval/CONVENTIONS.md). Sentences written for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def _by_year(text: str) -> dict[int | None, tuple]:
    got = RulesExtractor().extract(make_doc(text)).extraction.index_results
    return {r.year: (r.entity, r.score, r.rank, r.rank_total, r.rank_change) for r in got}


def test_the_year_inside_the_parenthesis_dates_the_value_there() -> None:
    cases = [
        "Sở Y tế đạt 82,4% (năm 2020 đạt 79,9%), xếp thứ 4 trong khối sở về Chỉ số CCHC 2021.",
        "Sở Y tế đạt 82,4% (năm 2020: 79,9%), xếp thứ 4 trong khối sở về Chỉ số CCHC 2021.",
        "Sở Y tế đạt 82,4% (năm 2020 là 79,9%), xếp thứ 4 trong khối sở về Chỉ số CCHC 2021.",
    ]
    for text in cases:
        got = _by_year(text)
        assert got[2021][1:3] == (82.4, 4), text
        assert got[2020][1:3] == (79.9, None), text


def test_a_place_in_parentheses_after_the_year_compared_with_is_that_years() -> None:
    text = (
        "Chỉ số CCHC năm 2023 của Bộ Công Thương đạt 86,1%, xếp thứ 7/17, tăng 2 bậc so với "
        "năm 2022 (xếp thứ 9/17)."
    )
    got = _by_year(text)
    assert got[2023] == ("Bộ Công Thương", 86.1, 7, 17, 2)
    assert got[2022] == ("Bộ Công Thương", None, 9, 17, None)


def test_a_clause_opening_on_den_nam_is_about_that_year() -> None:
    text = "Năm 2019, Nam Định xếp thứ 30; đến năm 2020, tỉnh vươn lên thứ 21 về Chỉ số PCI."
    got = _by_year(text)
    assert got[2019][2] == 30 and got[2020][2] == 21


def test_a_range_ending_in_den_nam_is_no_measured_year() -> None:
    text = "Trong giai đoạn từ năm 2016 đến năm 2020, Chỉ số PCI năm 2021 của Nam Định xếp thứ 21."
    assert set(_by_year(text)) == {2021}
