"""A rate given per level of government ("cấp tỉnh đạt 98%, cấp huyện đạt 97%") is one
rate per level, each named with its level, and a value told after another one and a comma
names the noun phrase that follows it. Sentences invented for these tests."""

from __future__ import annotations

from support.metric_facts import metrics


def test_each_level_of_government_names_its_rate() -> None:
    text = (
        "Năm 2023, tỷ lệ giải quyết hồ sơ đúng hạn của tỉnh Yên Bái ở cấp tỉnh đạt 98,1%, "
        "cấp huyện đạt 96,4%, cấp xã đạt 93%."
    )
    assert metrics(text) == [
        ("Yên Bái", "tỷ lệ giải quyết hồ sơ đúng hạn cấp tỉnh", 98.1, 2023),
        ("Yên Bái", "tỷ lệ giải quyết hồ sơ đúng hạn cấp huyện", 96.4, 2023),
        ("Yên Bái", "tỷ lệ giải quyết hồ sơ đúng hạn cấp xã", 93.0, 2023),
    ]


def test_levels_after_a_colon_and_semicolons() -> None:
    text = (
        "Năm 2024, tỷ lệ hồ sơ trực tuyến của tỉnh Yên Bái: cấp tỉnh đạt 61%; cấp huyện "
        "đạt 44%; cấp xã đạt 27%."
    )
    names = {(name, value) for _, name, value, _ in metrics(text)}
    assert names == {
        ("tỷ lệ hồ sơ trực tuyến cấp tỉnh", 61.0),
        ("tỷ lệ hồ sơ trực tuyến cấp huyện", 44.0),
        ("tỷ lệ hồ sơ trực tuyến cấp xã", 27.0),
    }


def test_a_level_inside_an_index_name_is_not_a_bloc() -> None:
    # "cấp tỉnh" qualifies the index here; no metric is read from the index's score
    text = "Năm 2023, Chỉ số CCHC cấp tỉnh của Yên Bái đạt 85,2%."
    assert all("cấp tỉnh" not in name for _, name, _, _ in metrics(text))


def test_a_value_after_a_comma_names_its_own_noun_phrase() -> None:
    text = (
        "Năm 2023, tỉnh Yên Bái có tỷ lệ hồ sơ trực tuyến đạt 52%, 100% thủ tục hành "
        "chính được công khai trên Cổng dịch vụ công."
    )
    assert metrics(text) == [
        ("Yên Bái", "tỷ lệ hồ sơ trực tuyến", 52.0, 2023),
        ("Yên Bái", "tỷ lệ thủ tục hành chính được công khai trên Cổng dịch vụ công", 100.0, 2023),
    ]


def test_a_list_of_values_without_nouns_keeps_the_head() -> None:
    text = "Năm 2023, tỷ lệ hồ sơ đúng hạn của tỉnh Yên Bái đạt 97%, trước hạn đạt 61%."
    first = metrics(text)[0]
    assert first == ("Yên Bái", "tỷ lệ hồ sơ đúng hạn", 97.0, 2023)


def test_levels_listed_before_respectively() -> None:
    text = (
        "Năm 2024, tỷ lệ hồ sơ trực tuyến của tỉnh Yên Bái ở cấp tỉnh, cấp huyện và cấp xã "
        "lần lượt đạt 66%, 41% và 23%."
    )
    assert [(name, value) for _, name, value, _ in metrics(text)] == [
        ("tỷ lệ hồ sơ trực tuyến cấp tỉnh", 66.0),
        ("tỷ lệ hồ sơ trực tuyến cấp huyện", 41.0),
        ("tỷ lệ hồ sơ trực tuyến cấp xã", 23.0),
    ]


def test_units_listed_before_respectively_stay_owners() -> None:
    text = (
        "Năm 2024, Hà Giang, Tuyên Quang và Lào Cai có tỷ lệ hồ sơ trực tuyến lần lượt là "
        "61%, 44% và 30%."
    )
    assert metrics(text) == [
        ("Hà Giang", "tỷ lệ hồ sơ trực tuyến", 61.0, 2024),
        ("Tuyên Quang", "tỷ lệ hồ sơ trực tuyến", 44.0, 2024),
        ("Lào Cai", "tỷ lệ hồ sơ trực tuyến", 30.0, 2024),
    ]


def test_level_lists_of_another_length_name_nothing() -> None:
    # two levels, three values: the pairing is not told, so no level is guessed
    text = (
        "Năm 2024, tỷ lệ hồ sơ trực tuyến của tỉnh Yên Bái ở cấp huyện và cấp xã lần lượt "
        "đạt 66%, 41% và 23%."
    )
    assert all("cấp" not in name for _, name, _, _ in metrics(text))


def test_a_share_of_dossiers_named_with_how_they_were_handled() -> None:
    text = "Năm 2024, Hà Nam giải quyết đúng hạn 98,2% hồ sơ thủ tục hành chính."
    assert metrics(text) == [
        ("Hà Nam", "tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn", 98.2, 2024)
    ]
    text = "Năm 2024, Hà Nam đã giải quyết trực tuyến toàn trình 68,54% hồ sơ."
    assert metrics(text) == [
        ("Hà Nam", "tỷ lệ hồ sơ giải quyết trực tuyến toàn trình", 68.54, 2024)
    ]


def test_a_share_of_the_dossiers_a_sentence_counts_is_named_by_their_handling() -> None:
    text = (
        "Trên tổng số 168.000 hồ sơ thủ tục hành chính năm 2024, Hà Nam đã giải quyết trực "
        "tuyến toàn trình 68,54%."
    )
    assert ("Hà Nam", "tỷ lệ hồ sơ giải quyết trực tuyến toàn trình", 68.54, 2024) in metrics(text)
    # no dossiers named: what the share is of is not known
    assert metrics("Năm 2024, Hà Nam đã giải quyết đúng hạn 99%.") == []


def test_two_actions_joined_by_a_comma_name_one_count() -> None:
    text = "Năm 2023, Quảng Trị đã cắt giảm, đơn giản hóa 156 thủ tục hành chính."
    assert metrics(text) == [
        ("Quảng Trị", "số thủ tục hành chính cắt giảm, đơn giản hóa", 156, 2023)
    ]
    # a comma after a count's noun ends that count: the next verb is the next count's
    text = "Năm 2023, Quảng Trị tiếp nhận 1.200 hồ sơ, giải quyết 1.150 hồ sơ."
    assert {name for _, name, _, _ in metrics(text)} == {
        "số hồ sơ tiếp nhận",
        "số hồ sơ giải quyết",
    }


def test_an_earlier_years_value_told_beside_its_year_is_that_years() -> None:
    for text in (
        "Năm 2023, tỷ lệ thanh toán trực tuyến của Hà Nội đạt 45%, tăng từ mức 30% của năm 2022.",
        "Năm 2023, tỷ lệ thanh toán trực tuyến của Hà Nội đạt 45% (năm 2022 là 30%).",
    ):
        got = {(value, year) for _, _, value, year in metrics(text)}
        assert got == {(45.0, 2023), (30.0, 2022)}, text
    # a comparison's gap told after the earlier year is the later year's figure
    text = "Năm 2023, tỷ lệ hồ sơ trực tuyến của Hà Nội đạt 82,9%, cao hơn năm 2022 là 2,6%."
    assert {year for _, _, _, year in metrics(text)} == {2023}


def test_a_count_of_dossiers_of_procedures_keeps_what_was_done_to_them() -> None:
    text = "Năm 2022, Hòa Bình đã tiếp nhận 336.418 hồ sơ thủ tục hành chính."
    assert metrics(text) == [("Hòa Bình", "số hồ sơ thủ tục hành chính tiếp nhận", 336418, 2022)]
