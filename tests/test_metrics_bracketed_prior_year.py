"""A figure bracketed right after a year it is compared with ("…, cao hơn 1,9% so với năm
2021 (77,4%)") is that year's level, not the level of the year the sentence reports.
Sentences written for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def years(text: str) -> dict[float, int | None]:
    out = RulesExtractor().extract(make_doc(text))
    return {m.value: m.year for m in out.extraction.metrics}


def test_a_level_bracketed_after_the_compared_year_is_that_years() -> None:
    got = years(
        "Năm 2022, mức độ hài lòng của người dân tỉnh Phú Yên đối với dịch vụ hành chính "
        "đạt 79,3%, cao hơn 1,9% so với năm 2021 (77,4%)."
    )
    assert got[79.3] == 2022
    assert got[77.4] == 2021


def test_a_bracket_not_after_a_year_keeps_the_sentences_year() -> None:
    got = years(
        "Năm 2022, tỉnh Phú Yên tiếp nhận 5.200 hồ sơ, trong đó hồ sơ trực tuyến (3.100 "
        "hồ sơ) tăng so với năm 2021."
    )
    assert got.get(3100) in (None, 2022)
    assert 2021 not in got.values()
