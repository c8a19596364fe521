"""Sizes of the groups an index sorts provinces into (rules/metric_groups.py), on sentences
written for these tests: the country's metric, named by the group; bounds ("nhóm 10 tỉnh dẫn
đầu", "the top 10") are not read."""

from __future__ import annotations

from support.metric_facts import metrics


def test_a_quartile_group_is_the_countrys_whatever_its_size() -> None:
    text = (
        "Với 43,1 điểm, Lào Cai nằm trong nhóm 15 tỉnh, thành phố có chỉ số trung bình cao "
        "và xếp thứ 20."
    )
    got = metrics(text, title="PAPI 2021: kết quả của Lào Cai")
    assert (
        "Việt Nam",
        "số tỉnh, thành phố thuộc nhóm có chỉ số PAPI trung bình cao",
        15.0,
        2021,
    ) in got


def test_a_lowest_group_of_a_size_no_bound_has() -> None:
    text = "Năm 2022, Đồng Nai bị xếp vào nhóm 14 tỉnh, thành có chỉ số thấp nhất."
    got = metrics(text, title="PAPI 2022")
    assert ("Việt Nam", "số tỉnh, thành thuộc nhóm có chỉ số PAPI thấp nhất", 14.0, 2022) in got


def test_a_highest_group_takes_the_index_before_its_words() -> None:
    text = "Năm 2020, Tuyên Quang có tên trong nhóm 17 tỉnh, thành phố đạt điểm cao nhất cả nước."
    got = metrics(text, title="PAPI 2020")
    assert ("Việt Nam", "số tỉnh, thành phố thuộc nhóm PAPI đạt điểm cao nhất", 17.0, 2020) in got


def test_a_round_top_group_or_a_leading_group_is_a_bound() -> None:
    text = (
        "Nhóm 10 tỉnh, thành phố có chỉ số DTI cao nhất năm 2022 gồm Đà Nẵng, Thừa Thiên Huế. "
        "Bình Dương lần đầu vào nhóm 7 địa phương dẫn đầu."
    )
    assert [g for g in metrics(text, title="DTI 2022") if g[2] in (10.0, 7.0)] == []


def test_english_groups_of_an_index() -> None:
    text = (
        "Nghe An was one of 17 provinces in the high average group in 2020, while the group "
        "of 13 localities with the lowest scores included Thanh Hoa."
    )
    got = metrics(text, title="PAPI 2020 findings")
    assert ("Việt Nam", "number of provinces in the PAPI high average group", 17.0, 2020) in got
    assert (
        "Việt Nam",
        "number of localities in the group with the lowest PAPI scores",
        13.0,
        2020,
    ) in got


def test_english_bounds_and_bases_are_not_groups() -> None:
    text = (
        "Binh Duong aims to join the top 10 provinces by 2025. Long An was one of 20 provinces "
        "with the highest scores. Among the 63 provinces surveyed, Quang Tri was last."
    )
    got = metrics(text, title="PCI 2022")
    assert [g for g in got if g[2] in (10.0, 20.0, 63.0)] == []


def test_a_share_that_restates_a_fraction_names_the_count_and_its_parts() -> None:
    text = (
        "Hiện nay, Long An thực hiện 1.250/1.900 thủ tục (1.100 thủ tục cấp sở, ngành, 150 "
        "thủ tục cấp xã), tỷ lệ 65,79% dịch vụ công trực tuyến toàn trình."
    )
    got = {g[2]: g[1] for g in metrics(text, title="Long An chuyển đổi số năm 2024")}
    assert got[1250.0] == "số thủ tục thực hiện dịch vụ công trực tuyến toàn trình"
    assert got[1100.0] == "số thủ tục cấp sở, ngành thực hiện dịch vụ công trực tuyến toàn trình"
    assert got[150.0] == "số thủ tục cấp xã thực hiện dịch vụ công trực tuyến toàn trình"


def test_a_share_that_is_not_the_fraction_leaves_the_counts_name() -> None:
    text = "Hiện nay, Long An thực hiện 1.250/1.900 thủ tục, tỷ lệ 70% hồ sơ được giải quyết."
    got = {g[2]: g[1] for g in metrics(text, title="Long An chuyển đổi số năm 2024")}
    assert got[1250.0] == "số thủ tục thực hiện"


def test_a_share_of_units_where_something_was_done_is_named_by_what_was_done() -> None:
    text = (
        "Trong năm 2023, toàn tỉnh đã triển khai mô hình “Chính quyền thân thiện, gần dân” và "
        "“Một cửa thân thiện” tại 100% xã, phường, thị trấn trên địa bàn tỉnh."
    )
    got = metrics(text, title="Bắc Ninh năm 2023")
    assert (
        "Bắc Ninh",
        "tỷ lệ xã, phường, thị trấn triển khai mô hình “Chính quyền thân thiện, gần dân”",
        100.0,
        2023,
    ) in got


def test_a_share_of_units_doing_something_keeps_its_words() -> None:
    text = "Năm 2023, 100% xã, phường, thị trấn trên địa bàn tỉnh đã triển khai mô hình một cửa."
    got = metrics(text, title="Bắc Ninh năm 2023")
    assert [g[1] for g in got] == [
        "tỷ lệ xã, phường, thị trấn trên địa bàn tỉnh đã triển khai mô hình một cửa"
    ]
