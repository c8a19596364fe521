"""A ranking size stated with a regional place is that place's (issue 10): "ranked 12th
nationally and is 4th of the 14 provinces of the Northern Midlands and Mountains" gives
the national place no size of 14. A size stated apart from the places still reaches every
place of its one ranking. Invented sentences."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def places(text: str) -> set[tuple[str, int | None, int | None, str | None]]:
    out = RulesExtractor().extract(make_doc(text))
    return {(r.entity, r.rank, r.rank_total, r.scope) for r in out.extraction.index_results}


def test_regional_size_stays_with_the_regional_place() -> None:
    got = places(
        "In the PAR Index 2024, Lai Chau ranked 9th nationally and is 3rd of the 14 "
        "provinces of the Northern Midlands and Mountains."
    )
    assert ("Lai Châu", 9, None, "national") in got, got
    assert ("Lai Châu", 3, 14, "region:Trung du và miền núi phía Bắc") in got, got


def test_one_ranking_size_reaches_each_place() -> None:
    got = places("Among the 63 provinces in the PCI 2023, Lai Chau was 20th and Son La 25th.")
    assert ("Lai Châu", 20, 63, "national") in got, got
    assert ("Sơn La", 25, 63, "national") in got, got


def test_a_group_after_trong_is_the_field_of_the_place_not_its_subject() -> None:
    # "Trong nhóm các tỉnh …, tỉnh xếp thứ 10/13": the group is where the place is taken
    text = (
        "Năm 2022, Bến Tre xếp thứ 51/63 về DTI.\n\nTrong nhóm các tỉnh đồng bằng sông Cửu "
        "Long, tỉnh xếp thứ 10/13, giảm 3 bậc."
    )
    got = places(text)
    assert ("Bến Tre", 10, 13, "region:Đồng bằng sông Cửu Long") in got, got


def test_a_group_as_the_subject_still_says_several_units() -> None:
    # "các tỉnh … đạt": the figure is the group's, not the main province's
    text = "Năm 2022, Bến Tre xếp thứ 51/63 về DTI.\n\nCác tỉnh đồng bằng sông Cửu Long xếp thứ 10."
    got = places(text)
    assert not any(r == 10 for _, r, _, _ in got), got


def test_a_regional_size_past_the_regions_provinces_is_not_made_national() -> None:
    # the region has 14 provinces: "4/15" contradicts itself, and is no national place either
    text = (
        "Năm 2023, Chỉ số CCHC của Hà Tĩnh xếp thứ 4/15 tỉnh vùng Bắc Trung Bộ và duyên hải "
        "miền Trung."
    )
    out = RulesExtractor().extract(make_doc(text))
    assert not [r for r in out.extraction.index_results if r.rank == 4], out.extraction
    reasons = [r.reason for r in out.rejected]
    assert any("larger than its region" in x for x in reasons), reasons


def test_a_national_size_beside_a_region_is_still_national() -> None:
    got = places(
        "Năm 2023, Chỉ số CCHC của Gia Lai xếp thứ 2 trong khu vực Tây Nguyên; "
        "Gia Lai xếp thứ 29/63 tỉnh, thành phố."
    )
    assert ("Gia Lai", 29, 63, "national") in got, got
