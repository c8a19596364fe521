"""A figure the text gives no year ("Hiện nay, …") takes the latest year the article measures
or dates: the scorer checks a metric's year only where the text states one, and an undated
figure of a current report is that year's. Sentences written for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def years(text: str) -> dict[float, int | None]:
    out = RulesExtractor().extract(make_doc(text))
    return {m.value: m.year for m in out.extraction.metrics}


def test_an_undated_figure_takes_the_articles_latest_date() -> None:
    text = (
        "Nam Định đẩy mạnh dịch vụ công trực tuyến\n\n"
        "Hiện nay, tỷ lệ hồ sơ trực tuyến của tỉnh Nam Định đạt 45%.\n\n"
        "Từ ngày 1/7/2024 đến ngày 30/9/2024, tỉnh Nam Định đã tiếp nhận 12.000 hồ sơ."
    )
    got = years(text)
    assert got[45] == 2024
    assert got[12000] == 2024


def test_an_article_with_no_year_leaves_its_figures_undated() -> None:
    text = (
        "Nam Định đẩy mạnh dịch vụ công\n\n"
        "Hiện nay, tỷ lệ hồ sơ trực tuyến của tỉnh Nam Định đạt 45%."
    )
    assert years(text)[45] is None
