"""In an article about a province's department, the province referred to ("Chỉ số CCHC của
tỉnh", "the province ranked 12th") is the province, not the department the article is about
(issue 10). "Chỉ số của Sở" stays the department's, and so does a place among the
province's departments ("đứng đầu 20 sở, ban, ngành tỉnh"). Invented sentences."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor

TITLE = "Sở Tư pháp Bình Định dẫn đầu Chỉ số CCHC 2022"
LEAD = "Sở Tư pháp tỉnh Bình Định dẫn đầu khối sở về Chỉ số CCHC năm 2022.\n\n"


def results(text: str) -> set[tuple[str, int | None, float | None]]:
    out = RulesExtractor().extract(make_doc(LEAD + text, title=TITLE))
    return {(r.entity, r.rank, r.score) for r in out.extraction.index_results}


def test_cua_tinh_is_the_departments_province() -> None:
    got = results("Năm 2022, Chỉ số CCHC của tỉnh đạt 88,1%, xếp thứ 12/63 tỉnh, thành phố.")
    assert ("Bình Định", 12, 88.1) in got, got
    assert not any(e == "Sở Tư pháp" and r == 12 for e, r, _ in got), got


def test_the_province_in_english_is_the_departments_province() -> None:
    got = results("The province ranked 12th out of 63 in the PAR Index 2022.")
    assert ("Bình Định", 12, None) in got, got


def test_cua_so_stays_the_department() -> None:
    got = results("Năm 2022, Chỉ số CCHC của Sở đạt 92,3%, đứng đầu khối sở.")
    assert ("Sở Tư pháp", 1, 92.3) in got, got


def test_a_place_among_the_provinces_departments_stays_the_departments() -> None:
    got = results("Năm 2022, Sở đạt 92,3%, đứng đầu 20 sở, ban, ngành tỉnh.")
    assert ("Sở Tư pháp", 1, 92.3) in got, got
