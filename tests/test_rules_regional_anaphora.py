"""A place in "the region" named before, or in the unit's own region, is a regional place
(issue 10): "leads the region", "dẫn đầu khu vực", "trong vùng, từ thứ 2 xuống thứ 4" give a
place scoped to that region, never a national first place. A lead over a part of a region
("leads the 6 north-western provinces") is no place in any ranking we store. Invented
sentences."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def places(text: str) -> set[tuple[str, int | None, int | None, str | None]]:
    out = RulesExtractor().extract(make_doc(text))
    return {(r.entity, r.rank, r.rank_total, r.scope) for r in out.extraction.index_results}


MEKONG = "region:Đồng bằng sông Cửu Long"
NORTH = "region:Trung du và miền núi phía Bắc"


def test_leads_the_region_named_before_is_a_regional_first() -> None:
    got = places(
        "In the Mekong Delta, Ben Tre is 4th of the 13 provinces in the PCI 2022 (Dong Thap "
        "leads the region with 70.2 points, 3rd out of 63 provinces and cities)."
    )
    assert ("Đồng Tháp", 1, None, MEKONG) in got, got
    assert ("Đồng Tháp", 3, 63, "national") in got, got
    assert ("Đồng Tháp", 1, None, "national") not in got, got


def test_dan_dau_khu_vuc_without_a_name_is_the_units_region() -> None:
    got = places("Năm 2023, Chỉ số CCHC của Hậu Giang đạt 88,5%, dẫn đầu khu vực.")
    assert ("Hậu Giang", 1, None, MEKONG) in got, got
    assert not any(r == 1 and s == "national" for _, r, _, s in got), got


def test_trong_vung_refers_to_the_region_of_the_paragraph() -> None:
    got = places(
        "Năm 2022, Điện Biên thuộc vùng Trung du và miền núi phía Bắc. Chỉ số PAPI của tỉnh "
        "tăng 3 bậc trong cả nước, từ thứ 40 lên thứ 37, và tăng 2 bậc trong vùng, từ thứ 6 "
        "lên thứ 4."
    )
    assert ("Điện Biên", 4, None, NORTH) in got, got
    assert not any(r in (4, 6) and s == "national" for _, r, _, s in got), got


def test_the_whole_country_is_still_national() -> None:
    got = places("Năm 2023, Chỉ số CCHC của Hậu Giang đạt 88,5%, dẫn đầu cả nước.")
    assert ("Hậu Giang", 1, None, "national") in got, got


def test_a_sector_is_no_region() -> None:
    # "khu vực tư nhân" is the private sector, no place in a region
    got = places("Trong PCI 2022, Hậu Giang dẫn đầu cả nước về hỗ trợ khu vực tư nhân.")
    assert not any(str(s).startswith("region:") for _, _, _, s in got), got


def test_a_lead_over_part_of_a_region_is_no_national_first() -> None:
    got = places(
        "Lai Chau was 9th out of 63 provinces in the PAR Index 2024. The province leads the "
        "6 northern mountainous provinces and is 3rd of the 14 provinces of the Northern "
        "Midlands and Mountains."
    )
    assert ("Lai Châu", 3, 14, NORTH) in got, got
    assert not any(r == 1 for _, r, _, _ in got), got
    assert not any(e.startswith("Trung du") for e, _, _, _ in got), got


def test_a_place_beyond_the_regions_size_is_national() -> None:
    # a place out of 63 (or past the region's number of provinces) is no regional place
    got = places(
        "Về PGI 2024, Kon Tum xếp thứ 3 trong khu vực Tây Nguyên, chỉ sau Lâm Đồng "
        "(thứ 21/63, đạt 26,1 điểm)."
    )
    assert ("Kon Tum", 3, None, "region:Tây Nguyên") in got, got
    assert ("Lâm Đồng", 21, 63, "national") in got, got
    assert not any(r == 21 and str(s).startswith("region:") for _, r, _, s in got), got


def test_a_regional_place_within_its_size_keeps_its_region() -> None:
    got = places("Về PGI 2024, Kon Tum xếp thứ 3/5 tỉnh khu vực Tây Nguyên.")
    assert ("Kon Tum", 3, 5, "region:Tây Nguyên") in got, got


def test_a_place_out_of_63_after_a_region_is_national() -> None:
    got = places("Trong vùng Tây Nguyên, Kon Tum xếp thứ 40/63 về PCI 2022.")
    assert ("Kon Tum", 40, 63, "national") in got, got
