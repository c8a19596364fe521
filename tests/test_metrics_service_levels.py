"""Counts of online public services by level, told after the count of all of them: each
level's count, named by the services counted and its level. Sentences invented for these
tests."""

from __future__ import annotations

from support.metric_facts import metrics

from llmx.rules.metric_service_levels import find_service_levels


def test_a_vietnamese_breakdown_by_level() -> None:
    text = (
        "Năm 2022, tỉnh Lạng Sơn cung cấp 1.816 dịch vụ công trực tuyến, gồm 368 mức độ 2, "
        "397 mức độ 3 và 1.051 mức độ 4."
    )
    got = set(metrics(text))
    for value, level in ((368, 2), (397, 3), (1051, 4)):
        assert ("Lạng Sơn", f"số dịch vụ công trực tuyến mức độ {level}", value, 2022) in got


def test_an_english_breakdown_by_level_in_either_word_order() -> None:
    for items in ("368 at level 2, 397 at level 3 and 1,051 at level 4",
                  "including 368 level-2, 397 level-3 and 1,051 level-4 services"):  # fmt: skip
        text = f"In 2022, Lang Son offered 1,816 online public services: {items}."
        got = set(metrics(text))
        assert ("Lạng Sơn", "number of level-4 online public services", 1051, 2022) in got, got


def test_one_item_or_no_head_count_is_no_breakdown() -> None:
    assert find_service_levels("Tỉnh có 1.816 dịch vụ công trực tuyến, gồm 368 mức độ 2.") == []
    assert find_service_levels("Tỉnh có 368 mức độ 2, 397 mức độ 3 và 1.051 mức độ 4.") == []


def test_procedures_by_level_of_government() -> None:
    text = (
        "Năm 2023, Quảng Trị có 1.876 thủ tục hành chính, trong đó cấp tỉnh 1.520, cấp huyện "
        "234, cấp xã 122."
    )
    got = set(metrics(text))
    for value, level in ((1520, "tỉnh"), (234, "huyện"), (122, "xã")):
        assert ("Quảng Trị", f"số thủ tục hành chính cấp {level}", value, 2023) in got, got
    text = (
        "In 2021, Lao Cai had 2,011 administrative procedures in total: 1,569 at the "
        "provincial level, 300 at the district level and 142 at the commune level."
    )
    got = set(metrics(text))
    assert ("Lào Cai", "number of commune-level administrative procedures", 142, 2021) in got


def test_a_breakdown_told_before_the_services_it_counts() -> None:
    got = set(
        metrics("In 2022, Yen Bai offered 410 level-3 and 655 level-4 online public services.")
    )
    assert ("Yên Bái", "number of level-3 online public services", 410, 2022) in got
    assert ("Yên Bái", "number of level-4 online public services", 655, 2022) in got
    got = set(
        metrics(
            "Năm 2022, tỉnh Yên Bái cung cấp 410 mức độ 3 và 655 mức độ 4 dịch vụ công trực tuyến."
        )
    )
    assert ("Yên Bái", "số dịch vụ công trực tuyến mức độ 4", 655, 2022) in got


def test_levels_with_no_services_after_them_are_no_headless_breakdown() -> None:
    assert find_service_levels("Có 410 mức độ 3 và 655 mức độ 4 trong năm.") == []
