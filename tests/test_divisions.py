from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from llmx.core.divisions import (
    _BARE_STOP,
    COMMUNE_TYPES,
    DISTRICT_TYPES,
    Division,
    DivisionIndex,
    DivisionMention,
    find_divisions,
    get_divisions,
    load_data,
    lookup_division,
    lookup_divisions,
)
from llmx.core.gazetteer import get_gazetteer
from llmx.core.textnorm import tokens

ROOT = Path(__file__).resolve().parents[1]
DATA_FILE = ROOT / "llmx" / "data" / "divisions.json"


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return load_data()


@pytest.fixture(scope="module")
def index() -> DivisionIndex:
    return get_divisions()


def build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_divisions", ROOT / "scripts" / "build_divisions.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_divisions"] = module
    spec.loader.exec_module(module)
    return module


def only(text: str, **kw: Any) -> DivisionMention:
    found = find_divisions(text, **kw)
    assert len(found) == 1, found
    return found[0]


def provinces(m: DivisionMention) -> set[str]:
    return {d.province for d in m.candidates}


# ---- the data file ----------------------------------------------------------------------


def test_counts_match_the_published_lists(data: dict[str, Any]) -> None:
    old, new = data["pre2025"], data["2025"]
    assert len(old["provinces"]) == 63
    assert len(old["districts"]) == 696
    assert len(old["communes"]) == 10051
    assert len(new["provinces"]) == 34
    assert len(new["communes"]) == 3321
    assert "districts" not in new  # abolished in 2025


def test_metadata_records_sources_and_no_invented_mapping(data: dict[str, Any]) -> None:
    meta = data["meta"]
    assert meta["sources"]["pre2025"]["version"] == "0.6.0"
    assert meta["sources"]["2025"]["version"] == "2025.10.1"
    for src in meta["sources"].values():
        assert src["package"] == "vietnam-provinces"
        assert len(src["sha256"]) == 64 and src["data_version"]
    assert meta["built"]
    assert "not in the sources" in meta["old_to_new"]


def test_file_stays_small() -> None:
    assert DATA_FILE.stat().st_size < 2_000_000


def test_province_names_are_the_gazetteers(data: dict[str, Any]) -> None:
    gz = get_gazetteer()
    assert {p[1] for p in data["pre2025"]["provinces"]} == {p.name for p in gz.provinces}
    assert {p[1] for p in data["2025"]["provinces"]} == {p.merged_into for p in gz.provinces}


def test_types_are_read_from_the_names(index: DivisionIndex) -> None:
    # 0.6.0 labels every district "huyện" and every ward "xã"; the names tell the truth.
    old_districts = {d.type for d in index.divisions if d.level == "district"}
    assert old_districts == set(DISTRICT_TYPES)
    old_communes = {d.type for d in index.divisions if d.level == "commune" and d.era == "pre2025"}
    assert old_communes == {"phường", "xã", "thị trấn"}
    new = {d.type for d in index.divisions if d.era == "2025"}
    assert new == {"phường", "xã", "đặc khu"} and new <= set(COMMUNE_TYPES)
    assert all(d.level == "commune" for d in index.divisions if d.era == "2025")


def test_units_by_code(index: DivisionIndex) -> None:
    ba_dinh = index.get("pre2025", "district", 1)
    assert (ba_dinh.full_name, ba_dinh.province) == ("quận Ba Đình", "Hà Nội")
    phuc_xa = index.get("pre2025", "commune", 1)
    assert (phuc_xa.full_name, phuc_xa.district, phuc_xa.district_code) == (
        "phường Phúc Xá",
        "quận Ba Đình",
        1,
    )
    with pytest.raises(KeyError):
        index.get("2025", "district", 1)


def test_bare_stop_list_names_districts(index: DivisionIndex) -> None:
    """Every stop entry is a district name, so none of them is dead weight."""
    district_keys = {" ".join(tokens(d.name)) for d in index.divisions if d.level == "district"}
    assert set(_BARE_STOP) <= district_keys


# ---- the build script -------------------------------------------------------------------

OLD_SAMPLE = [
    {
        "name": "Tỉnh Bắc Giang",
        "code": 24,
        "districts": [
            {
                "name": "Thành Phố Bắc Giang",
                "code": 213,
                "division_type": "huyện",
                "wards": [{"name": "Phường Trần Phú", "code": 7213, "division_type": "xã"}],
            },
            {
                "name": "Huyện Lục Ngạn",
                "code": 219,
                "wards": [{"name": "Thị trấn Chũ", "code": 7432}],
            },
        ],
    }
]
NEW_SAMPLE = [
    {"name": "Bắc Ninh", "code": 24, "wards": [{"name": "Đặc khu X", "code": 1}]},
]


def test_build_reads_types_from_names_and_names_provinces_like_the_gazetteer() -> None:
    mod = build_script()
    data = mod.build(OLD_SAMPLE, NEW_SAMPLE, {"pre2025": {}, "2025": {}}, "2026-01-01")
    assert data["pre2025"]["provinces"] == [[24, "Bắc Giang", "Tỉnh Bắc Giang"]]
    assert data["pre2025"]["districts"] == [
        [213, "thành phố", "Bắc Giang", 24],
        [219, "huyện", "Lục Ngạn", 24],
    ]
    assert data["pre2025"]["communes"] == [[7213, "phường", "Trần Phú", 213],
                                           [7432, "thị trấn", "Chũ", 219]]  # fmt: skip
    assert data["2025"]["communes"] == [[1, "đặc khu", "X", 24]]
    assert json.loads(mod.dumps(data)) == data
    index = DivisionIndex.from_dict(data)
    assert lookup_in(index, "TP Bắc Giang").level == "district"


def lookup_in(index: DivisionIndex, name: str) -> Division:
    found = index.lookup(name)
    assert found is not None
    return found


def test_build_refuses_bad_input() -> None:
    mod = build_script()
    with pytest.raises(ValueError, match="no type word"):
        mod.split_type("Làng Vũ Đại", mod.COMMUNE_TYPES)
    bad = [{"name": "Tỉnh Atlantis", "code": 99, "districts": []}]
    with pytest.raises(ValueError, match="not in the gazetteer"):
        mod.build(bad, NEW_SAMPLE, {}, "2026-01-01")
    not_survivor = [{"name": "Bắc Giang", "code": 24, "wards": []}]
    with pytest.raises(ValueError, match="merged_into"):
        mod.build(OLD_SAMPLE, not_survivor, {}, "2026-01-01")
    dup = [{**OLD_SAMPLE[0], "districts": OLD_SAMPLE[0]["districts"] * 2}]
    with pytest.raises(ValueError, match="duplicate codes"):
        mod.build(dup, NEW_SAMPLE, {}, "2026-01-01")


# ---- lookup -----------------------------------------------------------------------------


def test_lookup_with_and_without_diacritics() -> None:
    accented = lookup_division("xã Tân Lập", province="Vĩnh Phúc")
    assert accented is not None
    assert (accented.district, accented.province) == ("huyện Sông Lô", "Vĩnh Phúc")
    assert lookup_division("xa tan lap", province="vinh phuc") == accented
    assert lookup_division("XÃ  TÂN LẬP", province="Vĩnh Phúc") == accented
    assert lookup_divisions("xã Tấn Lập") == ()  # written diacritics must agree


def test_lookup_tone_placement_is_one_spelling() -> None:
    assert lookup_division("huyện Hoà Bình") == lookup_division("huyện Hòa Bình") is not None


def test_lookup_type_word_picks_the_unit() -> None:
    assert {d.province for d in lookup_divisions("quận Hoàng Mai")} == {"Hà Nội"}
    assert {d.province for d in lookup_divisions("thị xã Hoàng Mai")} == {"Nghệ An"}
    bare = {(d.type, d.province) for d in lookup_divisions("Hoàng Mai") if d.level == "district"}
    assert bare == {("quận", "Hà Nội"), ("thị xã", "Nghệ An")}


def test_city_sharing_its_provinces_name_is_a_district() -> None:
    city = lookup_division("thành phố Bắc Giang")
    assert city is not None
    assert (city.level, city.type, city.province) == ("district", "thành phố", "Bắc Giang")
    assert city.successor_province == "Bắc Ninh"
    assert lookup_division("TP. Bắc Giang") == city
    assert lookup_division("thành phố Hà Nội") is None  # the province, not a district


def test_lookup_two_provinces_needs_a_hint() -> None:
    both = lookup_divisions("huyện Tam Nông")
    assert {d.province for d in both} == {"Phú Thọ", "Đồng Tháp"}
    assert lookup_division("huyện Tam Nông") is None
    hinted = lookup_division("huyện Tam Nông", province="Đồng Tháp")
    assert hinted is not None and hinted.province == "Đồng Tháp"


def test_unknown_hint_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown province hint"):
        lookup_divisions("huyện Tam Nông", province="Atlantis")


def test_era_selects_the_unit() -> None:
    both = lookup_divisions("phường Cửa Nam", province="Hà Nội")
    assert {d.era for d in both} == {"pre2025", "2025"}
    new = lookup_division("phường Cửa Nam", province="Hà Nội", era="2025")
    assert new is not None and new.era == "2025" and new.district == ""


# ---- running text -----------------------------------------------------------------------


def test_offsets_and_fields() -> None:
    text = "Năm 2023, UBND huyện Tam Nông, tỉnh Phú Thọ đã số hóa hồ sơ."
    m = only(text)
    assert text[m.start : m.end] == m.text == "huyện Tam Nông"
    assert text[m.name_start : m.end] == m.name == "Tam Nông"
    assert (m.type_word, m.level, m.type, m.province) == ("huyện", "district", "huyện", "Phú Thọ")
    assert m.division is not None and m.code == m.division.code and not m.ambiguous


def test_name_in_two_provinces_is_not_guessed() -> None:
    m = only("UBND huyện Tam Nông đã số hóa hồ sơ.")
    assert m.ambiguous and m.province is None and m.code is None and m.division is None
    assert provinces(m) == {"Phú Thọ", "Đồng Tháp"}
    assert m.level == "district"  # what is known is still said


def test_province_hint_resolves_ambiguity() -> None:
    m = only("UBND huyện Tam Nông đã số hóa hồ sơ.", province="Đồng Tháp")
    assert m.province == "Đồng Tháp" and not m.ambiguous
    # A hint for a province without such a unit is no evidence: still ambiguous.
    assert only("huyện Tam Nông", province="Cà Mau").ambiguous


def test_hint_of_a_2025_province_covers_the_provinces_merged_into_it() -> None:
    # Chợ Mới: Bắc Kạn and An Giang; Bắc Kạn is now part of Thái Nguyên.
    assert provinces(only("huyện Chợ Mới")) == {"Bắc Kạn", "An Giang"}
    assert only("huyện Chợ Mới", province="Thái Nguyên").province == "Bắc Kạn"
    assert only("huyện Chợ Mới", province="Bắc Kạn").province == "Bắc Kạn"
    assert only("huyện Chợ Mới", province="An Giang").province == "An Giang"


def test_address_chain_resolves() -> None:
    text = "xã Tân Lập, huyện Đan Phượng, thành phố Hà Nội"
    commune, district = find_divisions(text)
    assert (commune.province, commune.division and commune.division.district) == (
        "Hà Nội",
        "huyện Đan Phượng",
    )
    assert district.name == "Đan Phượng" and district.division is not None
    assert only("huyện Tam Nông - tỉnh Đồng Tháp").province == "Đồng Tháp"
    assert only("HUYỆN TAM NÔNG TỈNH ĐỒNG THÁP").province == "Đồng Tháp"
    ward, _ = find_divisions("phường 12, quận 3, TP. Hồ Chí Minh")
    assert ward.division is not None and ward.division.district == "quận 3"


def test_names_listed_after_one_type_word() -> None:
    found = find_divisions("Các xã Sài Sơn, Phượng Sơn và Cộng Hòa, huyện Quốc Oai")
    assert [m.name for m in found] == ["Sài Sơn", "Phượng Sơn", "Cộng Hòa", "Quốc Oai"]
    assert [m.type for m in found] == ["xã", "xã", "xã", "huyện"]
    assert all(m.division is not None for m in found)
    assert {m.division.district for m in found[:3] if m.division} == {"huyện Quốc Oai"}
    assert found[1].text == "Phượng Sơn"  # a listed name's span has no type word
    # Without a comma or "và" nothing is listed.
    assert [m.name for m in find_divisions("xã Sài Sơn Phượng Sơn")] == ["Sài Sơn"]


def test_city_and_province_of_one_name() -> None:
    text = "Thành phố Bắc Giang là trung tâm của tỉnh Bắc Giang."
    m = only(text)
    assert (m.text, m.level, m.type, m.province) == (
        "Thành phố Bắc Giang",
        "district",
        "thành phố",
        "Bắc Giang",
    )
    provs = get_gazetteer().find(text)
    assert len(provs) == 2 and m.start <= provs[0].start < provs[0].end <= m.end
    assert find_divisions("tỉnh Bắc Giang") == []
    assert find_divisions("Bắc Giang") == []  # bare: the province's name, the gazetteer's
    assert find_divisions("UBND Thành phố Hồ Chí Minh") == []


def test_abbreviated_and_unaccented_type_words() -> None:
    assert only("TP. Thái Nguyên").province == "Thái Nguyên"
    assert only("TP Thái Nguyên").level == "district"
    assert only("TX. Phú Thọ").type == "thị xã"
    m, _ = find_divisions("xa Tan Lap, huyen Dan Phuong")
    assert m.province == "Hà Nội" and m.type == "xã"


def test_mixed_or_wrong_diacritics_do_not_match() -> None:
    assert find_divisions("xã Tan Lập") == []
    assert find_divisions("xã Tân Lâp") == []
    assert find_divisions("xá Tân Lập") == []


def test_names_must_be_capitalised() -> None:
    assert find_divisions("phát triển kinh tế - xã hội ở cấp xã, cấp huyện; Xã hội hóa") == []
    assert find_divisions("xa tan lap") == []
    assert only("XÃ TÂN LẬP", province="Hà Nội").province == "Hà Nội"


def test_type_word_prefers_its_own_type_but_keeps_renamed_units() -> None:
    m = only("thị xã Từ Sơn")  # a city since 2021: the text's word is kept, the unit found
    assert m.type == "thị xã" and m.division is not None and m.division.type == "thành phố"
    assert only("quận Hoàng Mai").province == "Hà Nội"
    assert only("thị xã Hoàng Mai").province == "Nghệ An"


def test_a_type_word_without_a_name_lends_nothing_to_the_next_word() -> None:
    # No district is called Tân Lập; the "xã" of "thị xã" must not read "xã Tân Lập".
    assert find_divisions("thị xã Tân Lập") == []


def test_bare_district_names() -> None:
    m = only("Krông Pắc là huyện nông nghiệp.")
    assert m.type_word is None and m.province == "Đắk Lắk" and m.level is None
    assert {(d.level, d.era) for d in m.candidates} == {("district", "pre2025"),
                                                       ("commune", "2025")}  # fmt: skip
    assert only("Krông Pắc", era="pre2025").level == "district"
    assert only("Cầu Giấy đứng đầu.").province == "Hà Nội"
    # The town or the 2025 ward named after it, not the old ward inside the town.
    sa_pa = only("Sa Pa thu hút du khách").candidates
    assert {(d.full_name, d.era) for d in sa_pa} == {("thị xã Sa Pa", "pre2025"),
                                                     ("phường Sa Pa", "2025")}  # fmt: skip


def test_bare_names_that_need_a_type_word() -> None:
    assert find_divisions("Tam Nông đạt điểm cao.") == []  # two provinces
    assert find_divisions("Tân Lập đạt điểm cao.") == []  # a commune name
    assert find_divisions("Ông Vũ Quang phát biểu.") == []  # starts with a surname
    assert only("huyện Vũ Quang").province == "Hà Tĩnh"
    assert find_divisions("Chiến thắng Điện Biên Phủ") == []  # stop list
    assert only("thành phố Điện Biên Phủ").level == "district"


def test_bare_names_in_other_words() -> None:
    assert find_divisions("đường Cầu Giấy") == []
    assert find_divisions("ông Cầu Giấy") == []
    assert find_divisions("Cầu Giấy Paper") == []  # part of a longer proper noun
    assert find_divisions("cầu giấy") == []


def test_2025_units() -> None:
    m = only("đặc khu Phú Quốc")
    assert (m.type, m.province, m.division and m.division.era) == ("đặc khu", "An Giang", "2025")
    assert only("phường Hoàn Kiếm").division == lookup_division("phường Hoàn Kiếm")
    assert only("quận Hoàn Kiếm").level == "district"


def test_era_narrows_mentions() -> None:
    m = only("phường Cửa Nam", province="Hà Nội")
    assert m.ambiguous and m.province == "Hà Nội" and m.code is None
    new = only("phường Cửa Nam", province="Hà Nội", era="2025")
    assert new.division is not None and new.division.era == "2025"
    # A district in a 2025 text is still the old district.
    assert only("huyện Đan Phượng", era="2025").level == "district"


def test_offsets_survive_non_nfc_neighbours() -> None:
    text = "Cafe\u0301 ở xã Tân Lập, huyện Đan Phượng."
    found = find_divisions(text)
    assert [text[m.start : m.end] for m in found] == ["xã Tân Lập", "huyện Đan Phượng"]


def test_parenthesised_parents_narrow() -> None:
    assert only("UBND phường Ngọc Hà (Hà Nội) thí điểm").province == "Hà Nội"
    commune, district = find_divisions("xã Lai Hưng (huyện Bàu Bàng) tăng điểm")
    assert commune.division is not None and commune.division.district == "huyện Bàu Bàng"
    assert only("xã Tân Lập (tỉnh Phú Thọ)").province == "Phú Thọ"


def test_bare_names_inside_a_province_name_are_the_province() -> None:
    # Bà Rịa and Vũng Tàu are cities of the province Bà Rịa - Vũng Tàu.
    assert find_divisions("tỉnh Bà Rịa - Vũng Tàu dẫn đầu") == []
    assert find_divisions("Ba Ria - Vung Tau") == []
    assert only("thành phố Vũng Tàu").province == "Bà Rịa - Vũng Tàu"


def test_a_province_after_a_comma_ends_a_list() -> None:
    # "Phú Thọ" and "Vĩnh Phúc" are also communes elsewhere; after a comma they are the
    # province, which narrows the commune.
    assert only("xã Tân Lập, Phú Thọ").province == "Phú Thọ"
    assert only("xã Tân Lập, Vĩnh Phúc").province == "Vĩnh Phúc"


def test_an_unaccented_type_word_does_not_introduce_an_accented_name() -> None:
    assert find_divisions("cơ quan Hà Đông") == []
    assert only("quận Hà Đông").level == "district"
    assert only("quan Ha Dong").level == "district"  # all unaccented: the policy's case


def test_era_is_a_preference_in_lookup_too() -> None:
    district = lookup_division("huyện Đan Phượng", era="2025")
    assert district is not None and district.era == "pre2025"  # districts are gone in 2025
