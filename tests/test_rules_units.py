"""Units inside a province (districts, towns, cities, communes, wards, special zones) and
provincial bodies, as the rules' entity finder reads them."""

from __future__ import annotations

import pytest
from support.documents import make_doc

from llmx.rules.entities import PROVINCIAL_BODY_EXAMPLES, EntityMention, find_entities
from llmx.rules.extractor import RulesExtractor


def _found(text: str) -> list[tuple[str, str, str, str | None]]:
    """(span as written, canonical name, level, province) of each mention."""
    return [(text[e.start : e.end], e.name, e.level, e.province) for e in find_entities(text)]


def _one(text: str, level: str) -> EntityMention:
    hits = [e for e in find_entities(text) if e.level == level]
    assert len(hits) == 1, _found(text)
    return hits[0]


def test_town_after_an_unnamed_type_word_is_the_town_not_a_commune() -> None:
    text = "Khối cấp huyện do thị xã Hòa Thành dẫn đầu với 93,08%"
    assert _found(text) == [("thị xã Hòa Thành", "thị xã Hòa Thành", "district", "Tây Ninh")]


def test_district_gets_its_province_from_the_division_lists() -> None:
    # "Quảng Ninh" is also a province's name; the district lies in Quảng Bình.
    e = _one("UBND huyện Quảng Ninh với 88,58 điểm", "district")
    assert (e.name, e.province) == ("huyện Quảng Ninh", "Quảng Bình")


def test_a_name_in_several_provinces_keeps_no_province() -> None:
    e = _one("vị trí cuối bảng thuộc về UBND huyện Châu Thành (76,54%)", "district")
    assert (e.name, e.province) == ("huyện Châu Thành", None)


def test_special_zone_is_a_commune_level_unit() -> None:
    e = _one("đặc khu Cát Hải đứng thứ nhất", "commune")
    assert (e.name, e.province) == ("đặc khu Cát Hải", "Hải Phòng")


def test_ward_and_district_in_an_address_chain() -> None:
    text = "phường Bình Thắng (TX. Dĩ An) giảm sâu nhất"
    assert _found(text) == [
        ("phường Bình Thắng", "phường Bình Thắng", "commune", "Bình Dương"),
        ("TX. Dĩ An", "thị xã Dĩ An", "district", "Bình Dương"),
    ]


def test_city_inside_a_province_vs_centrally_run_city() -> None:
    assert _found("TP. Lào Cai và thành phố Cần Thơ") == [
        ("TP. Lào Cai", "TP. Lào Cai", "district", "Lào Cai"),
        ("Cần Thơ", "Cần Thơ", "province", "Cần Thơ"),
    ]


def test_bare_district_name_gets_its_type_word() -> None:
    text = "Bắc Trà My vươn lên vị trí thứ nhất về Chỉ số cải cách hành chính cấp huyện"
    e = _one(text, "district")
    assert (text[e.start : e.end], e.name, e.province) == (
        "Bắc Trà My",
        "huyện Bắc Trà My",
        "Quảng Nam",
    )


def test_unit_the_lists_lack_is_still_read_after_its_type_word() -> None:
    assert _found("huyện Hoa Mai Lan và thị xã Hoa Đào đạt 90%") == [
        ("huyện Hoa Mai Lan", "huyện Hoa Mai Lan", "district", None),
        ("thị xã Hoa Đào", "thị xã Hoa Đào", "district", None),
    ]


@pytest.mark.parametrize("text", ["công tác xã hội hóa", "phường hội ngành nghề", "huyện này"])
def test_lower_case_words_after_a_type_word_are_no_unit(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize("body", PROVINCIAL_BODY_EXAMPLES)
def test_provincial_bodies_are_departments_named_as_written(body: str) -> None:
    text = f"{body} đứng thứ 14 với 73,475 điểm"
    assert _found(text)[:1] == [(body, body, "department", None)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ban Dân tộc tỉnh thứ 15 (80,696 điểm)", "Ban Dân tộc tỉnh"),
        ("Văn phòng UBND thành phố (thứ 2)", "Văn phòng UBND thành phố"),
        ("Sở Y tế xếp cuối bảng, tỷ lệ điểm chỉ đạt 55,27%", "Sở Y tế"),
        ("thấp nhất là Ban Quản lý các khu công nghiệp với 90 điểm",
         "Ban Quản lý các khu công nghiệp"),
    ],
)  # fmt: skip
def test_department_in_a_ranking_sentence(text: str, name: str) -> None:
    assert _one(text, "department").name == name


@pytest.mark.parametrize(
    "text", ["công tác thanh tra, kiểm tra", "văn phòng làm việc", "ban quản lý dự án"]
)
def test_common_words_are_no_department(text: str) -> None:
    assert [e for e in find_entities(text) if e.level == "department"] == []


def test_the_government_inspectorate_stays_a_ministry() -> None:
    assert _found("Thanh tra Chính phủ đứng thứ 3") == [
        ("Thanh tra Chính phủ", "Thanh tra Chính phủ", "ministry", None)
    ]


# ---- units in ranking sentences (written for these tests) ---------------------------------


def _records(text: str, title: str | None = None) -> list[tuple]:
    out = RulesExtractor().extract(make_doc(text, title=title))
    return [
        (r.entity, r.entity_level, r.index, r.year, r.score, r.rank, r.scope)
        for r in out.extraction.index_results
    ]


def test_unit_named_after_the_bloc_of_departments_is_the_subject() -> None:
    text = (
        "UBND tỉnh Gia Lai công bố Chỉ số cải cách hành chính năm 2023 của các sở, ngành. "
        "Ở khối các sở, ban, ngành tỉnh, Sở Tư pháp đứng đầu với 95,1 điểm."
    )
    assert ("Sở Tư pháp", "department", "PAR_INDEX", 2023, 95.1, 1, "province:Gia Lai") in (
        _records(text)
    )


def test_score_share_of_a_unit_is_its_score_not_a_rate() -> None:
    text = (
        "Chỉ số cải cách hành chính năm 2023 của các sở, ngành tỉnh Gia Lai được công bố. "
        "Sở Tư pháp đứng đầu với tỷ lệ điểm số 95,12%."
    )
    assert [r[:6] for r in _records(text)] == [
        ("Sở Tư pháp", "department", "PAR_INDEX", 2023, 95.12, 1)
    ]


def test_a_rate_of_files_stays_no_score() -> None:
    text = "Chỉ số cải cách hành chính năm 2023: Sở Tư pháp có tỷ lệ hồ sơ trực tuyến đạt 95,12%."
    assert [r for r in _records(text) if r[4] == 95.12] == []


def test_satisfaction_with_administrative_service_is_sipas() -> None:
    text = (
        "Kết quả đo lường sự hài lòng đối với sự phục vụ hành chính năm 2025 của các sở, ban, "
        "ngành tỉnh Gia Lai: Sở Tư pháp đứng thứ nhất."
    )
    assert [(r[0], r[2], r[3], r[5]) for r in _records(text)] == [
        ("Sở Tư pháp", "SIPAS", 2025, 1)
    ]


def test_english_bound_is_no_score_of_the_ministry_named_next() -> None:
    text = (
        "In the 2021 PAR Index, three ministries scored above 90 percent: the Ministry of "
        "Justice (91.9 percent), the Ministry of Finance and the State Bank of Vietnam."
    )
    got = [(r[0], r[4]) for r in _records(text)]
    assert ("Bộ Tư pháp", 91.9) in got
    assert all(score != 90.0 for _, score in got)


def test_signed_change_after_a_ministry_in_a_sentence_naming_no_index() -> None:
    text = (
        "So với năm 2022, PAR INDEX 2023 của 9/17 bộ tăng, mạnh nhất là Bộ Y tế (+4,12%). "
        "Các bộ còn lại giảm; giảm sâu nhất là Bộ Xây dựng (-3,05%)."
    )
    out = RulesExtractor().extract(make_doc(text)).extraction.index_results
    got = {(r.entity, r.score_change) for r in out}
    assert {("Bộ Y tế", 4.12), ("Bộ Xây dựng", -3.05)} <= got


def test_signed_percentage_after_a_rate_stays_no_index_result() -> None:
    text = (
        "Chỉ số CCHC năm 2023 của tỉnh Gia Lai đạt 85,1%. Tỷ lệ hồ sơ trực tuyến "
        "đạt 60% (+5%) so với năm trước."
    )
    out = RulesExtractor().extract(make_doc(text)).extraction.index_results
    assert all(r.score_change != 5.0 for r in out)


def test_last_among_the_wards_is_the_last_rank() -> None:
    text = (
        "Chỉ số cải cách hành chính năm 2025 của thành phố Hải Phòng: phường Hồng Bàng "
        "đứng cuối trong 45 phường."
    )
    assert [(r[0], r[5]) for r in _records(text)] == [("phường Hồng Bàng", 45)]


def test_a_ministry_compared_with_is_not_the_subject() -> None:
    text = (
        "Chỉ số cải cách hành chính năm 2023 được công bố. Với 88,1 điểm, Bộ Y tế chỉ thua "
        "Bộ Xây dựng 0,2 điểm và đứng thứ 2 trong số 17 bộ."
    )
    got = [(r[0], r[5]) for r in _records(text)]
    assert ("Bộ Y tế", 2) in got
    assert all(name != "Bộ Xây dựng" for name, _ in got)


def test_a_compared_unit_with_its_own_value_keeps_its_record() -> None:
    text = "Chỉ số PCI năm 2023 của tỉnh Gia Lai đạt 66,2 điểm, vượt Kon Tum (64,9 điểm)."
    got = {(r[0], r[4]) for r in _records(text)}
    assert {("Gia Lai", 66.2), ("Kon Tum", 64.9)} <= got
