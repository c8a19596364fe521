"""Metrics on sentences written for these tests: whose a figure is when the sentence names no
unit and the article's most-named unit is a ministry that only reports it (the country's), and
the period shorter than a year that the headline, lead or paragraph sets for the figures that
state none (eval/CONVENTIONS.md: the period belongs in the name)."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def metrics(text: str) -> dict[float, tuple[str, str, int | None]]:
    out = RulesExtractor().extract(make_doc(text))
    return {m.value: (m.entity, m.name, m.year) for m in out.extraction.metrics}


# -- a reporting ministry does not own the country's figures ---------------------------------


def test_a_ministry_that_reports_the_figures_does_not_own_them() -> None:
    text = (
        "Hồ sơ trực tuyến toàn trình tăng mạnh\n\n"
        "Theo số liệu của Bộ Nội vụ, đến ngày 15/9/2024, tỷ lệ hồ sơ trực tuyến toàn trình "
        "trên tổng số hồ sơ là 41,5%."
    )
    got = metrics(text)
    assert got[41.5][0] == "Việt Nam"
    assert got[41.5][1].startswith("tỷ lệ hồ sơ trực tuyến toàn trình")


def test_an_english_reporting_ministry_does_not_own_the_figures() -> None:
    text = (
        "Online dossiers keep rising\n\n"
        "The Ministry of Home Affairs released its report on Tuesday. In 2024, 61 percent of "
        "dossiers were submitted online."
    )
    got = metrics(text)
    assert got[61][0] == "Việt Nam"


def test_a_ministry_named_in_the_sentence_still_owns_its_figure() -> None:
    got = metrics("Năm 2023, Bộ Tư pháp có tỷ lệ hồ sơ trực tuyến đạt 92%.")
    assert got[92][0] == "Bộ Tư pháp"
    # an article about the ministry: its headline names it, the figures are its own
    about = (
        "Bộ Tư pháp đẩy mạnh dịch vụ công trực tuyến\n\n"
        "Năm 2023, Bộ Tư pháp tiếp tục cải cách hành chính. Tỷ lệ hồ sơ xử lý trực tuyến "
        "đạt 76,5%."
    )
    assert metrics(about)[76.5][0] == "Bộ Tư pháp"


def test_a_province_article_keeps_the_province_as_owner() -> None:
    text = "Năm 2023, tỉnh Nam Định có tỷ lệ hồ sơ trực tuyến đạt 45,5%. Tỷ lệ hài lòng đạt 97%."
    got = metrics(text)
    assert got[45.5][0] == "Nam Định"
    assert got[97][0] == "Nam Định"


# -- the period the headline or lead sets -----------------------------------------------------


def test_the_headlines_period_names_the_figures_that_state_none() -> None:
    text = (
        "Nam Định giải quyết hơn 20 nghìn hồ sơ trong quý II/2024\n\n"
        "Năm 2024, tỉnh Nam Định tiếp tục đẩy mạnh cải cách hành chính. "
        "Các cơ quan đã giải quyết 20.345 hồ sơ, đạt tỷ lệ 94,8%."
    )
    got = metrics(text)
    assert got[20345][1] == "số hồ sơ giải quyết quý II/2024"
    assert got[94.8][1] == "tỷ lệ hồ sơ giải quyết quý II/2024"


def test_the_leads_period_carries_to_the_next_paragraph() -> None:
    text = (
        "Trung tâm Phục vụ hành chính công tỉnh Nam Định tiếp nhận hơn 9 ngàn hồ sơ\n\n"
        "Tháng 7-2023, Trung tâm Phục vụ hành chính công tỉnh Nam Định tiếp nhận 9.120 hồ sơ.\n\n"
        "Các cơ quan chức năng đã giải quyết 8.870 hồ sơ."
    )
    got = metrics(text)
    assert got[8870][1] == "số hồ sơ giải quyết tháng 7-2023"


def test_a_period_of_another_year_or_a_yearly_article_adds_nothing() -> None:
    yearly = (
        "Nam Định giải quyết hơn 20 nghìn hồ sơ năm 2024\n\n"
        "Trong năm 2024, các cơ quan đã giải quyết 20.345 hồ sơ."
    )
    assert metrics(yearly)[20345][1] == "số hồ sơ giải quyết"
    other_year = (
        "Nam Định giải quyết hơn 5 nghìn hồ sơ trong quý I/2024\n\n"
        "Năm 2023, các cơ quan của tỉnh Nam Định đã giải quyết 20.345 hồ sơ."
    )
    assert metrics(other_year)[20345][1] == "số hồ sơ giải quyết"


def test_a_period_compared_with_is_not_the_figures_period() -> None:
    text = (
        "Nam Định tiếp nhận hơn 9 ngàn hồ sơ\n\n"
        "So với tháng 6-2023, số hồ sơ tiếp nhận của tỉnh Nam Định giảm 142 hồ sơ.\n\n"
        "Năm 2023, các cơ quan chức năng đã giải quyết 8.870 hồ sơ."
    )
    assert metrics(text)[8870][1] == "số hồ sơ giải quyết"


def test_a_datelines_month_is_not_the_figures_period() -> None:
    text = (
        "Nam Định dẫn đầu về hồ sơ trực tuyến toàn trình\n\n"
        "Tháng 02/2025\n\n"
        "Năm 2025, tỉnh Nam Định đã giải quyết trực tuyến toàn trình 12.345 hồ sơ."
    )
    assert "tháng" not in metrics(text)[12345][1]
