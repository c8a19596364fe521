"""Metrics on sentences written for these tests: a province's own agencies, districts and
communes counted ("19 sở, ngành", "10 huyện, thị xã, thành phố") are the province's counts,
recorded in "đơn vị" and named by the kind counted and what was done to them; the second
kind of a list ("… 19 sở, ngành và 10 huyện …") shares the first one's verb."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def counts(text: str) -> dict[float, tuple[str, str, str | None]]:
    out = RulesExtractor().extract(make_doc(text))
    return {m.value: (m.entity, m.name, m.unit) for m in out.extraction.metrics}


def test_a_provinces_departments_counted_are_its_own() -> None:
    got = counts("Năm 2022, tỉnh Lào Cai có 21 sở, ban, ngành được đánh giá Chỉ số CCHC.")
    entity, name, unit = got[21]
    assert entity == "Lào Cai"
    assert unit == "đơn vị"
    assert name.startswith("số sở, ban, ngành") and "đánh giá" in name


def test_the_second_kind_of_a_list_shares_the_verb() -> None:
    got = counts("Năm 2020, tỉnh Lào Cai xếp hạng 17 sở, ngành và 9 huyện, thị xã, thành phố.")
    assert got[17][1] == "số sở, ngành xếp hạng"
    assert got[9] == ("Lào Cai", "số huyện, thị xã, thành phố xếp hạng", "đơn vị")


def test_a_count_of_the_countrys_provinces_is_still_the_countrys() -> None:
    got = counts("Năm 2022, có 12 tỉnh, thành phố đạt Chỉ số CCHC trên 90%.")
    assert got[12][0] == "Việt Nam"


def test_the_field_a_unit_leads_is_not_a_count() -> None:
    got = counts("Năm 2023, Chỉ số CCHC của Nghệ An xếp thứ 15 và đứng đầu 6 tỉnh Bắc Trung Bộ.")
    assert 6 not in got


def test_an_average_of_the_units_named_first_is_the_provinces() -> None:
    text = (
        "Năm 2023, Hải Dương công bố DDCI. Ở cấp Sở, ban, ngành, điểm trung bình là 75,12 "
        "điểm, xếp mức khá. Ở cấp địa phương, điểm trung bình đạt 81,40 điểm."
    )
    got = counts(text)
    assert got[75.12] == ("Hải Dương", "điểm trung bình cấp Sở, ban, ngành", "điểm")
    assert got[81.40] == ("Hải Dương", "điểm trung bình cấp địa phương", "điểm")


def test_a_bloc_level_opening_names_its_counts() -> None:
    got = counts(
        "Năm 2023, Hải Dương công bố DDCI. Ở cấp Sở, ban, ngành, có 18 cơ quan đạt mức điểm khá."
    )
    assert got[18][1] == "số cơ quan đạt mức điểm khá cấp sở, ban, ngành"


def test_a_sentence_about_one_level_of_government_names_it_in_its_figures() -> None:
    text = (
        "Quý I/2021, tỉnh Lâm Đồng giải quyết 600.000 hồ sơ, đạt tỷ lệ đúng hạn 98,8%. Xét theo "
        "từng cấp, cấp tỉnh giải quyết 51.780 hồ sơ, đạt tỷ lệ đúng hạn 98,6%. Ở cấp huyện, tỷ "
        "lệ đúng hạn đạt 98,3%."
    )
    got = counts(text)
    assert "cấp" not in got[98.8][1]
    assert "cấp tỉnh" in got[98.6][1]
    assert "cấp huyện" in got[98.3][1]
