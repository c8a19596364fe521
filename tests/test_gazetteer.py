from __future__ import annotations

from collections import Counter

import pytest

from llmx.core.gazetteer import (
    REGIONS,
    Gazetteer,
    Mention,
    Province,
    Region,
    get_gazetteer,
)


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return get_gazetteer()


def names(mentions: list[Mention]) -> list[str]:
    return [m.item.name for m in mentions]


def assert_offsets(text: str, mentions: list[Mention]) -> None:
    for m in mentions:
        assert text[m.start : m.end] == m.text
    ends = [(m.start, m.end) for m in mentions]
    assert ends == sorted(ends)
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:], strict=False))


# ---- data -----------------------------------------------------------------------------


def test_63_unique_provinces(gz: Gazetteer) -> None:
    assert len(gz.provinces) == 63
    assert len({p.name for p in gz.provinces}) == 63


def test_34_successors_all_are_provinces(gz: Gazetteer) -> None:
    all_names = {p.name for p in gz.provinces}
    successors = {p.merged_into for p in gz.provinces}
    assert len(successors) == 34
    assert successors <= all_names
    # a surviving unit is its own successor
    for s in successors:
        assert gz.province(s).merged_into == s


def test_regions_are_the_six(gz: Gazetteer) -> None:
    assert {r.name for r in gz.regions} == set(REGIONS)
    counts = Counter(p.region for p in gz.provinces)
    assert set(counts) <= set(REGIONS)
    assert counts == {
        "Trung du và miền núi phía Bắc": 14,
        "Đồng bằng sông Hồng": 11,
        "Bắc Trung Bộ và duyên hải miền Trung": 14,
        "Tây Nguyên": 5,
        "Đông Nam Bộ": 6,
        "Đồng bằng sông Cửu Long": 13,
    }


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("Bắc Giang", "Trung du và miền núi phía Bắc"),
        ("Quảng Bình", "Bắc Trung Bộ và duyên hải miền Trung"),
        ("Bình Phước", "Đông Nam Bộ"),
        ("Lâm Đồng", "Tây Nguyên"),
        ("Hậu Giang", "Đồng bằng sông Cửu Long"),
        ("Vĩnh Phúc", "Đồng bằng sông Hồng"),
    ],
)
def test_region_of_province(gz: Gazetteer, name: str, region: str) -> None:
    assert gz.province(name).region == region


def test_kinds(gz: Gazetteer) -> None:
    cities = {p.name for p in gz.provinces if p.kind == "thành phố"}
    assert cities == {"Hà Nội", "TP. Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ"}
    assert {p.kind for p in gz.provinces} == {"tỉnh", "thành phố"}


def test_get_gazetteer_is_cached() -> None:
    assert get_gazetteer() is get_gazetteer()


def test_invalid_data_rejected() -> None:
    ok = Province("A Tỉnh", "tỉnh", REGIONS[0], (), "A Tỉnh")
    with pytest.raises(ValueError):
        Gazetteer([ok, Province("B", "tỉnh", "Miền Trăng", (), "B")], [])
    with pytest.raises(ValueError):
        Gazetteer([ok, Province("B", "tỉnh", REGIONS[0], (), "Không Có")], [])
    with pytest.raises(ValueError):  # one alias for two provinces
        Gazetteer([ok, Province("B", "tỉnh", REGIONS[0], ("a tinh",), "B")], [])


# ---- lookup ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Bac Giang", "Bắc Giang"),
        ("bắc giang", "Bắc Giang"),
        ("TP HCM", "TP. Hồ Chí Minh"),
        ("tp.hcm", "TP. Hồ Chí Minh"),
        ("TPHCM", "TP. Hồ Chí Minh"),
        ("Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh"),
        ("Sài Gòn", "TP. Hồ Chí Minh"),
        ("Ho Chi Minh City", "TP. Hồ Chí Minh"),
        ("Thừa Thiên - Huế", "Thừa Thiên Huế"),
        ("TT-Huế", "Thừa Thiên Huế"),
        ("Huế", "Thừa Thiên Huế"),
        ("Hoà Bình", "Hòa Bình"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("tỉnh Bắc Kạn", "Bắc Kạn"),
        ("Tỉnh  BẮC   CẠN", "Bắc Kạn"),
        ("Đắc Lắc", "Đắk Lắk"),
        ("Daklak", "Đắk Lắk"),
        ("BR-VT", "Bà Rịa - Vũng Tàu"),
        ("Bà Rịa–Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("Hanoi", "Hà Nội"),
        ("thành phố Cần Thơ", "Cần Thơ"),
        ("Tp. Đà Nẵng", "Đà Nẵng"),
    ],
)
def test_lookup_aliases(gz: Gazetteer, query: str, expected: str) -> None:
    hit = gz.lookup(query)
    assert hit is not None and hit.name == expected


@pytest.mark.parametrize("query", ["", "   ", "Vũng Tàu", "Hà Tây", "tỉnh", "Bắc"])
def test_lookup_misses(gz: Gazetteer, query: str) -> None:
    assert gz.lookup(query) is None


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Bắc Giang", "Bắc Ninh"),
        ("Bắc Kạn", "Thái Nguyên"),
        ("Tiền Giang", "Đồng Tháp"),
        ("Quảng Bình", "Quảng Trị"),
        ("Kon Tum", "Quảng Ngãi"),
        ("Bà Rịa - Vũng Tàu", "TP. Hồ Chí Minh"),
        ("Hòa Bình", "Phú Thọ"),
        ("Nam Định", "Ninh Bình"),
        ("Hà Nội", "Hà Nội"),
        ("Thừa Thiên Huế", "Thừa Thiên Huế"),
    ],
)
def test_merges(gz: Gazetteer, old: str, new: str) -> None:
    p = gz.lookup(old)
    assert p is not None and p.merged_into == new
    assert p.renamed is (old != new)
    succ = gz.successor(old)
    assert succ is not None and succ.name == new


def test_successor_note(gz: Gazetteer) -> None:
    assert gz.province("Bắc Giang").successor_note() == "nay thuộc tỉnh Bắc Ninh"
    assert gz.province("Bình Dương").successor_note() == "nay thuộc thành phố Hồ Chí Minh"
    assert gz.province("Hải Dương").successor_note() == "nay thuộc thành phố Hải Phòng"
    assert gz.province("Quảng Nam").successor_note() == "nay thuộc thành phố Đà Nẵng"
    assert gz.province("Sóc Trăng").successor_note() == "nay thuộc thành phố Cần Thơ"
    assert gz.province("Kiên Giang").successor_note() == "nay thuộc tỉnh An Giang"
    assert gz.province("Hà Nội").successor_note() is None
    assert gz.province("Thừa Thiên Huế").successor_note() is None
    assert gz.province("Bắc Ninh").successor_note() is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ĐBSCL", "Đồng bằng sông Cửu Long"),
        ("đbscl", "Đồng bằng sông Cửu Long"),
        ("vùng Đồng bằng sông Cửu Long", "Đồng bằng sông Cửu Long"),
        ("Dong bang song Cuu Long", "Đồng bằng sông Cửu Long"),
        ("miền Tây Nam Bộ", "Đồng bằng sông Cửu Long"),
        ("khu vực Tây Nguyên", "Tây Nguyên"),
        ("ĐBSH", "Đồng bằng sông Hồng"),
        ("miền núi phía Bắc", "Trung du và miền núi phía Bắc"),
        ("Duyên hải miền Trung", "Bắc Trung Bộ và duyên hải miền Trung"),
        ("Nam Trung Bộ", "Bắc Trung Bộ và duyên hải miền Trung"),
        ("Đông Nam bộ", "Đông Nam Bộ"),
    ],
)
def test_lookup_region(gz: Gazetteer, query: str, expected: str) -> None:
    hit = gz.lookup_region(query)
    assert isinstance(hit, Region) and hit.name == expected


def test_lookup_region_miss(gz: Gazetteer) -> None:
    assert gz.lookup_region("Bắc Giang") is None
    assert gz.lookup_region("vùng") is None


# ---- find -----------------------------------------------------------------------------


def test_find_offsets_and_prefix_excluded(gz: Gazetteer) -> None:
    text = "Theo báo cáo quý III, tỉnh Bắc Giang xếp trên Bắc Kạn nhưng sau TP.HCM và Hoà Bình."
    found = gz.find(text)
    assert_offsets(text, found)
    assert names(found) == ["Bắc Giang", "Bắc Kạn", "TP. Hồ Chí Minh", "Hòa Bình"]
    assert found[0].text == "Bắc Giang"  # "tỉnh " is not part of the span
    assert found[0].start == text.index("Bắc Giang")
    assert found[2].text == "TP.HCM"


def test_find_longest_alias(gz: Gazetteer) -> None:
    text = "Đoàn công tác của Thừa Thiên Huế làm việc với Bà Rịa – Vũng Tàu hôm qua."
    found = gz.find(text)
    assert_offsets(text, found)
    assert [m.text for m in found] == ["Thừa Thiên Huế", "Bà Rịa – Vũng Tàu"]
    assert names(found) == ["Thừa Thiên Huế", "Bà Rịa - Vũng Tàu"]


def test_find_hue_alone(gz: Gazetteer) -> None:
    text = "Cố đô Huế đón đoàn khảo sát; bà Nguyễn Thị Huế phát biểu."
    found = gz.find(text)
    assert_offsets(text, found)
    assert [(m.text, m.item.name) for m in found] == [("Huế", "Thừa Thiên Huế")]
    assert found[0].start == text.index("Huế")


def test_lower_case_common_words_not_matched(gz: Gazetteer) -> None:
    text = "Cả nước chung tay vì hòa bình, thái bình và an giang thịnh vượng; long an là ước vọng."
    assert gz.find(text) == []


def test_capitalised_names_and_all_caps(gz: Gazetteer) -> None:
    text = "BẮC GIANG DẪN ĐẦU; Long An và An Giang theo sau."
    found = gz.find(text)
    assert_offsets(text, found)
    assert names(found) == ["Bắc Giang", "Long An", "An Giang"]


def test_prefix_allows_lower_case_name(gz: Gazetteer) -> None:
    text = "Ủy ban nhân dân tỉnh Bắc giang và thành phố hòa bình cùng tham dự."
    found = gz.find(text)
    assert_offsets(text, found)
    assert [(m.text, m.item.name) for m in found] == [
        ("Bắc giang", "Bắc Giang"),
        ("hòa bình", "Hòa Bình"),
    ]


def test_ho_chi_minh_person_not_matched(gz: Gazetteer) -> None:
    text = "Học tập và làm theo tư tưởng Hồ Chí Minh, noi gương Chủ tịch Hồ Chí Minh."
    assert gz.find(text) == []


def test_ho_chi_minh_city_with_prefix(gz: Gazetteer) -> None:
    text = "Thành phố Hồ Chí Minh, TP Hồ Chí Minh và thành phố Hồ Chí Minh đều tăng hạng."
    found = gz.find(text)
    assert_offsets(text, found)
    assert names(found) == ["TP. Hồ Chí Minh"] * 3
    assert [m.text for m in found] == [
        "Thành phố Hồ Chí Minh",
        "TP Hồ Chí Minh",
        "thành phố Hồ Chí Minh",
    ]


def test_word_boundaries(gz: Gazetteer) -> None:
    assert gz.find("Công ty Long Anh khai trương.") == []
    assert gz.find("Nhóm Nam Định Hải biểu diễn.") == []
    assert gz.find("Vùng biển Thái Bình Dương rộng lớn.") == []
    found = gz.find("Hà Nội, Hà Nam.")
    assert names(found) == ["Hà Nội", "Hà Nam"]


def test_not_province_contexts(gz: Gazetteer) -> None:
    assert gz.find("Trụ sở phường Hòa Bình nằm trên đường Hà Nội.") == []
    assert gz.find("Ông Nguyễn Thái Bình được bổ nhiệm.") == []
    assert gz.find("Chiến thắng Điện Biên Phủ là mốc son.") == []


def test_unaccented_aliases_only_match_unaccented_text(gz: Gazetteer) -> None:
    text = "Ket qua cua Bac Giang va Ha Noi."
    found = gz.find(text)
    assert_offsets(text, found)
    assert [(m.text, m.item.name) for m in found] == [
        ("Bac Giang", "Bắc Giang"),
        ("Ha Noi", "Hà Nội"),
    ]
    # a half-accented spelling is neither form
    assert gz.find("Tin từ Bac Giáng.") == []


def test_find_regions(gz: Gazetteer) -> None:
    text = "Các tỉnh ĐBSCL và vùng đồng bằng sông Cửu Long nói chung; Tây Nguyên thì khác."
    found = gz.find_regions(text)
    assert_offsets(text, found)
    assert [(m.text, m.item.name) for m in found] == [
        ("ĐBSCL", "Đồng bằng sông Cửu Long"),
        ("đồng bằng sông Cửu Long", "Đồng bằng sông Cửu Long"),
        ("Tây Nguyên", "Tây Nguyên"),
    ]
    assert gz.find(text) == []  # regions are not provinces


def test_find_in_ten_kilobytes(gz: Gazetteer) -> None:
    # How fast: benchmarks/inprocess_latency.py.
    para = (
        "Chỉ số cải cách hành chính năm 2024 của tỉnh Bắc Giang đạt 91,5%, xếp thứ hai; "
        "Hải Phòng, Quảng Ninh và TP.HCM tiếp tục nằm trong nhóm dẫn đầu cả nước. "
    )
    text = (para * (10_000 // len(para) + 1))[:10_000]
    found = gz.find(text)
    assert found
