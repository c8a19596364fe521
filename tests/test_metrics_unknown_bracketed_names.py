"""Metrics and index results on sentences written for these tests: values bracketed after
names the entity list does not know ("… lần lượt là Xây dựng (16,6%), Công Thương (25%)")
are not the article's unit's; a body's name ending in "về chuyển đổi số" ("Ban chỉ đạo quốc
gia về chuyển đổi số") does not make a sentence about the DTI."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def extract(text: str):
    return RulesExtractor().extract(make_doc(text)).extraction


def test_values_after_unknown_names_are_not_the_main_units() -> None:
    text = (
        "Quảng Trị tăng tỷ lệ hồ sơ trực tuyến\n\n"
        "Năm 2022, tỷ lệ hồ sơ trực tuyến của tỉnh Quảng Trị đạt 55,5%. Những bộ có tỷ lệ hồ sơ "
        "trực tuyến thấp nhất lần lượt là Xây dựng (14,2%), Công Thương (21%) và Y tế (33%)."
    )
    got = {m.value: m.entity for m in extract(text).metrics}
    assert got[55.5] == "Quảng Trị"
    assert not {14.2, 21, 33} & set(got)


def test_a_known_unit_before_a_bracket_keeps_its_value() -> None:
    text = (
        "Năm 2022, các tỉnh dẫn đầu về tỷ lệ hồ sơ trực tuyến là Hòa Bình (86,5%) và "
        "Nam Định (65,9%)."
    )
    got = {m.value: m.entity for m in extract(text).metrics}
    assert got[86.5] == "Hòa Bình" and got[65.9] == "Nam Định"


def test_a_steering_committee_on_digital_transformation_is_no_dti_ranking() -> None:
    text = (
        "Theo Ban chỉ đạo quốc gia về chuyển đổi số, năm 2022 Đà Nẵng (67%) và Hòa Bình "
        "(86,5%) là 2 tỉnh đứng đầu về tỷ lệ hồ sơ trực tuyến."
    )
    assert not [r for r in extract(text).index_results if r.index == "DTI"]


def test_a_unit_told_only_by_its_place_is_not_the_main_units() -> None:
    text = (
        "Năm 2023, Quảng Trị dẫn đầu về tỷ lệ hồ sơ trực tuyến với 91,2%. Có 6 địa phương đi "
        "xuống, song mức giảm không lớn: tỉnh giảm sâu nhất là 2,91%, tỉnh giảm nhẹ nhất là 0,51%."
    )
    got = {m.value: m.entity for m in extract(text).metrics}
    assert got[91.2] == "Quảng Trị"
    assert 2.91 not in got and 0.51 not in got
