"""Metrics on sentences written for these tests: a sentence that makes the whole country its
subject ("…, cả nước vẫn chưa đạt mục tiêu.") owns the paragraph's next figures that name no
unit; a unit named since, a new paragraph, or the country only compared with or ranked in
("dẫn đầu cả nước") leaves the article's unit the owner."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def owners(text: str) -> dict[float, str]:
    out = RulesExtractor().extract(make_doc(text))
    return {m.value: m.entity for m in out.extraction.metrics}


_LEAD = "Năm 2024, tỉnh Hưng Yên có tỷ lệ hồ sơ trực tuyến đạt 71,2%. "


def test_the_country_as_subject_owns_the_next_undated_figure() -> None:
    got = owners(
        _LEAD
        + "Tuy vậy, cả nước vẫn chưa đạt mục tiêu. Tỷ lệ hồ sơ trực tuyến chung mới đạt 44,1%."
    )
    assert got[71.2] == "Hưng Yên"
    assert got[44.1] == "Việt Nam"


def test_english_nationwide_opening_a_sentence_owns_the_next_figure() -> None:
    text = (
        "In 2024, Hung Yen province processed 71.2 percent of dossiers online. "
        "Nationwide, the goal was still out of reach. The share of dossiers processed online "
        "stood at 44.1 percent."
    )
    got = owners(text)
    assert got[71.2] == "Hưng Yên"
    assert got[44.1] == "Việt Nam"


def test_a_unit_named_since_takes_the_figures_back() -> None:
    text = _LEAD + (
        "Tuy vậy, cả nước vẫn chưa đạt mục tiêu. Tỉnh Hưng Yên đặt kế hoạch mới. "
        "Tỷ lệ hài lòng đạt 95,3%."
    )
    assert owners(text)[95.3] == "Hưng Yên"


def test_the_country_ranked_in_is_not_the_subject() -> None:
    text = _LEAD + "Tỉnh dẫn đầu cả nước về chỉ số này. Tỷ lệ hài lòng đạt 95,3%."
    assert owners(text)[95.3] == "Hưng Yên"


def test_the_country_does_not_carry_into_the_next_paragraph() -> None:
    text = _LEAD + "Tuy vậy, cả nước vẫn chưa đạt mục tiêu.\n\nTỷ lệ hài lòng đạt 95,3%."
    assert owners(text)[95.3] == "Hưng Yên"


def test_the_department_paragraphs_later_is_the_one_department_named() -> None:
    text = (
        "Lai Chau inspects reform at the Department of Health\n\n"
        "A working group of Lai Chau province has inspected administrative reform at the "
        "Department of Health.\n\n"
        "In 2022, the department cut 14 administrative procedures."
    )
    assert owners(text)[14] == "Sở Y tế"


def test_the_department_with_two_departments_named_stays_unresolved() -> None:
    text = (
        "Lai Chau inspects reform\n\n"
        "A working group of Lai Chau province has inspected the Department of Health and the "
        "Department of Justice.\n\n"
        "In 2022, the department cut 14 administrative procedures."
    )
    assert owners(text).get(14) != "Sở Y tế"


def test_a_bloc_opening_a_rates_name_is_named_in_it() -> None:
    text = (
        "Số liệu tháng 6/2025 cho thấy khối bộ, ngành có tỷ lệ hồ sơ trực tuyến toàn trình là "
        "48,2%, còn khối tỉnh, thành phố chỉ đạt 14,6%."
    )
    out = RulesExtractor().extract(make_doc(text)).extraction
    names = {m.value: m.name for m in out.metrics}
    assert "khối bộ, ngành" in names[48.2]
    assert "khối tỉnh, thành phố" in names[14.6]


def test_a_span_counted_from_a_year_does_not_date_the_figure() -> None:
    text = (
        "Năm 2023, tỉnh Hưng Yên dẫn đầu về tỷ lệ hồ sơ trực tuyến với 91,2%; tính từ năm "
        "2015, đây là lần thứ 3 tỉnh đứng đầu. Tỷ lệ hài lòng đạt 95,3%."
    )
    out = RulesExtractor().extract(make_doc(text)).extraction
    assert {m.value: m.year for m in out.metrics}[95.3] == 2023
