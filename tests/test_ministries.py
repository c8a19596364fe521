"""The ministries table (llmx/data/ministries.toml): loading, lookup, and the rules' matcher
compiled from it."""

from __future__ import annotations

import re

import pytest

from llmx.core.gazetteer import (
    Gazetteer,
    Ministry,
    get_gazetteer,
    load_ministries,
    ministry_by_name,
)
from llmx.core.textnorm import fold_keep_offsets
from llmx.rules import lexicon as lx
from llmx.rules.entities import find_entities

MINISTRIES = load_ministries()


def _ministries_in(text: str) -> list[tuple[str, str]]:
    return [(text[e.start : e.end], e.name) for e in find_entities(text) if e.level == "ministry"]


def test_table_is_loaded_with_english_names() -> None:
    assert len(MINISTRIES) >= 25
    assert get_gazetteer().ministries == MINISTRIES
    assert all(m.english and m.examples for m in MINISTRIES)
    assert get_gazetteer().ministry("Bộ Tư pháp").english == "Ministry of Justice"
    assert get_gazetteer().ministry("Ngân hàng Nhà nước Việt Nam").english == (
        "State Bank of Vietnam"
    )


@pytest.mark.parametrize(
    ("ministry", "example"), [(m.name, ex) for m in MINISTRIES for ex in m.examples]
)
def test_every_example_is_found_as_its_ministry(ministry: str, example: str) -> None:
    text = f"Theo {example}, kết quả năm 2024 tăng."
    assert _ministries_in(text) == [(example, ministry)]


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("MoJ", "Bộ Tư pháp"),
        ("ministry of justice", "Bộ Tư pháp"),
        ("bo tu phap", "Bộ Tư pháp"),
        ("SBV", "Ngân hàng Nhà nước Việt Nam"),
        ("NHNN", "Ngân hàng Nhà nước Việt Nam"),
        ("Bộ TN & MT", "Bộ Tài nguyên và Môi trường"),
        ("Bộ TT&TT", "Bộ Thông tin và Truyền thông"),
        ("bộ kh-đt", "Bộ Kế hoạch và Đầu tư"),
        ("Bộ Văn hoá, Thể thao và Du lịch", "Bộ Văn hóa, Thể thao và Du lịch"),
        ("Uỷ ban Dân tộc", "Ủy ban Dân tộc"),
    ],
)
def test_lookup_by_any_name(name: str, canonical: str) -> None:
    found = ministry_by_name(name)
    assert found is not None and found.name == canonical


@pytest.mark.parametrize("name", ["Bộ Kế hoạch", "Sở Tư pháp", "", "Ministry"])
def test_lookup_of_a_non_ministry_is_none(name: str) -> None:
    assert ministry_by_name(name) is None


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Bộ Kế hoạch và Đầu tư", "Bộ Tài chính"),
        ("Bộ Lao động - Thương binh và Xã hội", "Bộ Nội vụ"),
        ("Bộ Thông tin và Truyền thông", "Bộ Khoa học và Công nghệ"),
        ("Bộ Tài nguyên và Môi trường", "Bộ Nông nghiệp và Môi trường"),
        ("Bộ Nông nghiệp và Phát triển nông thôn", "Bộ Nông nghiệp và Môi trường"),
        ("Bộ Giao thông vận tải", "Bộ Xây dựng"),
        ("Ủy ban Dân tộc", "Bộ Dân tộc và Tôn giáo"),
    ],
)
def test_2025_mergers(old: str, new: str) -> None:
    ministry = get_gazetteer().ministry(old)
    assert ministry.renamed and ministry.merged_into == new
    assert not get_gazetteer().ministry(new).renamed


def test_surviving_ministries_are_not_renamed() -> None:
    for name in ("Bộ Tư pháp", "Bộ Tài chính", "Bộ Nội vụ", "Ngân hàng Nhà nước Việt Nam"):
        assert not get_gazetteer().ministry(name).renamed


def test_table_rejects_an_alias_shared_by_two_ministries() -> None:
    one = Ministry("Bộ A", "Ministry A", aliases=("BA",))
    two = Ministry("Bộ B", "Ministry B", aliases=("BA",))
    with pytest.raises(ValueError, match="names both"):
        Gazetteer([], [], [one, two])


def test_table_rejects_a_merger_into_an_unknown_ministry() -> None:
    with pytest.raises(ValueError, match="merged_into"):
        Gazetteer([], [], [Ministry("Bộ A", "Ministry A", merged_into="Bộ Z")])


# The examples the hand-written patterns in lexicon.MINISTRIES carried before the table.
@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("bo tn & mt", "Bộ Tài nguyên và Môi trường"),
        ("bo tn-mt", "Bộ Tài nguyên và Môi trường"),
        ("bo nn va ptnt", "Bộ Nông nghiệp và Phát triển nông thôn"),
        ("bo giao thong - van tai", "Bộ Giao thông vận tải"),
        ("bo giao thong van tai", "Bộ Giao thông vận tải"),
        ("ministry of information and communication", "Bộ Thông tin và Truyền thông"),
        ("bo ld-tb & xh", "Bộ Lao động - Thương binh và Xã hội"),
        ("ministry of labor invalids and social affairs", "Bộ Lao động - Thương binh và Xã hội"),
        ("bo van hoa the thao va du lich", "Bộ Văn hóa, Thể thao và Du lịch"),
        ("bo vh,tt&dl", "Bộ Văn hóa, Thể thao và Du lịch"),
        ("state bank of viet nam", "Ngân hàng Nhà nước Việt Nam"),
        ("ngan hang nha nuoc viet nam", "Ngân hàng Nhà nước Việt Nam"),
        ("uy ban quan ly von nha nuoc", "Ủy ban Quản lý vốn nhà nước tại doanh nghiệp"),
        ("ministry of defense", "Bộ Quốc phòng"),
        ("bo kh&dt", "Bộ Kế hoạch và Đầu tư"),
    ],
)
def test_matcher_keeps_the_former_patterns_matches(text: str, canonical: str) -> None:
    m = lx.MINISTRY_RE.fullmatch(text)
    assert m is not None and m.lastgroup is not None
    assert lx.MINISTRIES[int(m.lastgroup[1:])][0] == canonical


def test_longest_name_wins() -> None:
    text = "Ngân hàng Nhà nước Việt Nam công bố"
    assert _ministries_in(text) == [("Ngân hàng Nhà nước Việt Nam", "Ngân hàng Nhà nước Việt Nam")]


def test_a_name_does_not_match_inside_a_longer_word() -> None:
    assert lx.MINISTRY_RE.search(fold_keep_offsets("bo y tetra")) is None
    assert lx.MINISTRY_RE.search("admiral") is None


@pytest.mark.parametrize(
    "text",
    [
        "Most provinces improved in 2024.",
        "the most improved province",
        "a mic was on the table",
        "vast improvements were seen",
    ],
)
def test_acronyms_need_capitals(text: str) -> None:
    assert _ministries_in(text) == []


def test_alias_pattern_loosens_separators_only() -> None:
    rx = re.compile(lx.alias_pattern("Bộ LĐ-TB&XH"))
    for written in ("bo ld-tb&xh", "bo ld - tb & xh", "bo ld -tb& xh"):
        assert rx.fullmatch(written), written
    assert rx.fullmatch("bo ldtbxh") is None
    assert lx.is_acronym("MoJ") and lx.is_acronym("NHNN")
    assert not lx.is_acronym("Bộ TT&TT") and not lx.is_acronym("Mic")
