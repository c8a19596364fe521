"""An article dated only by its dateline ("Tháng 01/2025", when it was published) whose body
already said which year it reports on ("trong năm 2024, …"): its later undated figures are
that year's, not the dateline's. On sentences written for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def metrics(text: str) -> dict[float, tuple[str, int | None]]:
    out = RulesExtractor().extract(make_doc(text))
    return {m.value: (m.entity, m.year) for m in out.extraction.metrics}


_HEAD = "Nam Định tăng mạnh tỷ lệ hồ sơ trực tuyến\n\nTháng 01/2025\n\n"


def test_undated_figures_after_the_body_named_a_year_are_that_years() -> None:
    got = metrics(
        _HEAD + "Theo số liệu mới công bố, trong năm 2024, tỉnh Nam Định đã giải quyết trực tuyến "
        "61,2% hồ sơ thủ tục hành chính.\n\nTrong khối bộ, ngành, Bộ Tài chính đứng đầu với "
        "tỷ lệ 72,5%."
    )
    assert got[61.2] == ("Nam Định", 2024)
    assert got[72.5] == ("Bộ Tài chính", 2024)


def test_a_dateline_still_dates_an_article_that_names_no_year() -> None:
    got = metrics(_HEAD + "Ở khối bộ, Bộ Tài chính có tỷ lệ hồ sơ trực tuyến toàn trình là 72,5%.")
    assert got[72.5] == ("Bộ Tài chính", 2025)
