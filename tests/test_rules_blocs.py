"""Blocs of units as subjects ("khối bộ", "the 18 ministries and agencies"), the bounds of a
band, English ministry names. Sentences written for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def _records(text: str, title: str = "Kết quả xếp hạng các bộ") -> list:
    return RulesExtractor().extract(make_doc(text, title=title)).extraction.index_results


def _facts(text: str, title: str = "Kết quả xếp hạng các bộ") -> set[tuple]:
    return {
        (r.entity, r.year, r.score, r.rank, r.rank_total) for r in _records(text, title)
    }


def test_a_blocs_own_figure_goes_to_no_unit() -> None:
    text = (
        "Bộ Tư pháp đạt 0,7012 điểm DTI năm 2022. Riêng khối bộ không có dịch vụ công chỉ "
        "đạt 0,3125 điểm DTI năm 2022."
    )
    assert _facts(text) == {("Bộ Tư pháp", 2022, 0.7012, None, None)}


def test_an_english_blocs_average_goes_to_no_ministry() -> None:
    text = (
        "Vietnam Social Security came first in the PAR Index 2022 with 91.5 percent. "
        "The 18 ministries and agencies average 83.12 percent on the PAR Index 2022."
    )
    got = _facts(text, title="Ministries in the PAR Index")
    assert got == {("Bảo hiểm xã hội Việt Nam", 2022, 91.5, 1, None)}


def test_a_unit_named_after_the_bloc_is_the_subject_again() -> None:
    text = "Ở khối các bộ có dịch vụ công, Bộ Công Thương dẫn đầu với 0,7012 điểm DTI năm 2022."
    assert _facts(text) == {("Bộ Công Thương", 2022, 0.7012, 1, None)}


def test_the_bloc_a_place_is_taken_in_is_not_a_subject() -> None:
    text = "Bộ Công Thương dẫn đầu khối bộ với 91,2 điểm Chỉ số CCHC năm 2022."
    assert _facts(text) == {("Bộ Công Thương", 2022, 91.2, 1, None)}
    english = "The Ministry of Justice ranked first among the 18 ministries in the PAR Index 2022."
    assert _facts(english, title="PAR Index") == {("Bộ Tư pháp", 2022, None, 1, 18)}


def test_a_ranking_of_fewer_than_ten_named_as_a_bloc_gives_its_total() -> None:
    text = "Trong 8 bộ, ngành không có dịch vụ công, Bộ Quốc phòng dẫn đầu DTI 2022 với 0,5123."
    assert _facts(text) == {("Bộ Quốc phòng", 2022, 0.5123, 1, 8)}
    # a top group of fewer than ten is no total
    group = "Năm 2022, Bộ Quốc phòng nằm trong nhóm 3 bộ dẫn đầu DTI."
    assert all(r.rank_total != 3 for r in _records(group))


def test_the_bounds_of_a_band_are_no_score() -> None:
    text = (
        "Chỉ số CCHC năm 2022 của các bộ chia hai nhóm. Nhóm A, có Chỉ số CCHC trên 90%, gồm "
        "4 đơn vị: Bộ Tư pháp; Bộ Công Thương. Nhóm B, có Chỉ số CCHC từ trên 80% đến dưới "
        "90%, gồm 13 đơn vị: Bộ Y tế."
    )
    assert all(r.score not in (80.0, 90.0) for r in _records(text))


def test_a_goal_above_a_figure_is_still_a_target_score() -> None:
    text = "Năm 2025, Bộ Tư pháp phấn đấu Chỉ số SIPAS đạt trên 88%."
    got = _records(text)
    assert [(r.entity, r.score, r.is_target) for r in got] == [("Bộ Tư pháp", 88.0, True)]


def test_two_leading_places_told_respectively_are_first_and_second() -> None:
    text = (
        "Với khối tỉnh, Hải Phòng và Quảng Ninh giữ hai vị trí dẫn đầu DTI 2022, lần lượt thứ "
        "1 và thứ 2."
    )
    got = {(r.entity, r.rank) for r in _records(text, title="DTI 2022")}
    assert got == {("Hải Phòng", 1), ("Quảng Ninh", 2)}


def test_english_names_of_the_central_bank_and_the_ethnic_committee() -> None:
    text = (
        "In the PAR Index 2022, the central bank scored 90.5 points, while the Ethnic Committee "
        "scored 74.2 points."
    )
    got = {(r.entity, r.score) for r in _records(text, title="PAR Index 2022")}
    assert ("Ngân hàng Nhà nước Việt Nam", 90.5) in got
    assert ("Ủy ban Dân tộc", 74.2) in got
