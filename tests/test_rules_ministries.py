"""Ministries in the rules backend: abbreviations, a bloc's average beside a ministry's own
score, a province in the same sentence. Sentences written for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def _facts(text: str) -> set[tuple]:
    got = RulesExtractor().extract(make_doc(text)).extraction.index_results
    return {(r.entity, r.entity_level, r.year, r.score, r.rank) for r in got}


def test_abbreviated_ministries_get_their_full_names() -> None:
    text = (
        "Về Chỉ số CCHC năm 2021 của các bộ, NHNN xếp thứ 3 với 88,4%, Bộ TT&TT xếp thứ 8 "
        "với 85,2%."
    )
    assert _facts(text) == {
        ("Ngân hàng Nhà nước Việt Nam", "ministry", 2021, 88.4, 3),
        ("Bộ Thông tin và Truyền thông", "ministry", 2021, 85.2, 8),
    }


def test_a_blocs_average_in_another_clause_leaves_the_ministrys_score_alone() -> None:
    text = "Về Chỉ số CCHC năm 2022, khối bộ có giá trị trung bình 85,9%; Bộ Xây dựng đạt 87,7%."
    assert _facts(text) == {("Bộ Xây dựng", "ministry", 2022, 87.7, None)}
    # in the same clause the average stays no ministry's result
    same = "Về Chỉ số CCHC năm 2022, Bộ Xây dựng có giá trị trung bình của khối là 85,9%."
    assert _facts(same) == set()


def test_a_ministry_and_a_province_in_one_sentence_keep_their_own_values() -> None:
    text = (
        "Bộ Y tế đạt 80,5% Chỉ số CCHC năm 2021, tăng 2 bậc, trong khi Đà Nẵng đạt 89,3% và "
        "xếp thứ 5 cả nước."
    )
    assert _facts(text) == {
        ("Bộ Y tế", "ministry", 2021, 80.5, None),
        ("Đà Nẵng", "province", 2021, 89.3, 5),
    }


def test_a_levels_average_is_no_publishing_ministrys_score() -> None:
    text = (
        "Theo báo cáo Chỉ số DTI năm 2022 do Bộ Thông tin và Truyền thông công bố, DTI cấp "
        "tỉnh bình quân năm 2022 đạt 0,5012."
    )
    assert _facts(text) == set()
