"""A move told as a noun is a change of place like a verb's (issue 10): "an improvement of 21
places", "an advance of 4 places", "với cú nhảy 18 bậc", "bước nhảy vọt 9 bậc". A noun with
no count of places, or a count of something else, is no move. Invented sentences."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def moves(text: str) -> set[tuple[str, int | None, int | None]]:
    out = RulesExtractor().extract(make_doc(text))
    return {(r.entity, r.rank, r.rank_change) for r in out.extraction.index_results}


def test_an_improvement_of_places_is_a_rise() -> None:
    got = moves(
        "On the SIPAS, Tra Vinh came 11th out of 63 provinces in 2023, an improvement of "
        "17 places on 2022."
    )
    assert ("Trà Vinh", 11, 17) in got, got


def test_an_advance_of_places_is_a_rise() -> None:
    got = moves("In the PCI 2021 Ninh Thuan was 30th, an advance of 4 places on the year before.")
    assert ("Ninh Thuận", 30, 4) in got, got


def test_a_fronted_jump_of_places_in_vietnamese() -> None:
    got = moves("Với cú nhảy 13 bậc, Hậu Giang hiện đứng thứ 9 trong số 63 tỉnh về DTI 2022.")
    assert ("Hậu Giang", 9, 13) in got, got


def test_a_leap_of_places_in_vietnamese() -> None:
    got = moves("Chỉ số PAPI 2021 của Hậu Giang xếp thứ 9/63, bước nhảy vọt 11 bậc so với 2020.")
    assert ("Hậu Giang", 9, 11) in got, got


def test_an_improvement_without_places_is_no_move() -> None:
    got = moves(
        "On the SIPAS, Tra Vinh came 11th out of 63 provinces in 2023, an improvement of "
        "2.5 points on 2022."
    )
    assert ("Trà Vinh", 11, None) in got, got
    assert not any(c for _, _, c in got), got


def test_a_jump_in_something_else_is_no_move() -> None:
    got = moves("Hậu Giang xếp thứ 9/63 về DTI 2022, với cú nhảy vọt về số hồ sơ trực tuyến.")
    assert ("Hậu Giang", 9, None) in got, got


def test_a_slide_of_places_is_a_fall() -> None:
    got = moves("In the PAPI 2020 Ninh Thuan was 41st, a slide of 6 places on 2019.")
    assert ("Ninh Thuận", 41, -6) in got, got
