"""Who reports figures is not whose they are ("Báo cáo của Sở Kế hoạch và Đầu tư tỉnh X cho
biết, …"); a percent after "above the" is a bar, not a unit's score; a department written
without its ministry's punctuation takes the canonical name. Sentences invented."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def extract(text: str):
    return RulesExtractor().extract(make_doc(text)).extraction


def test_the_department_whose_report_tells_the_figures_does_not_own_them() -> None:
    text = (
        "Báo cáo của Sở Tư pháp Phú Thọ cho biết, năm 2022 toàn tỉnh tiếp nhận 3.450 hồ sơ "
        "lý lịch tư pháp."
    )
    got = {m.value: m.entity for m in extract(text).metrics}
    assert got[3450] == "Phú Thọ"


def test_a_percent_after_above_the_is_a_bar() -> None:
    text = (
        "In the PAR Index 2023, Gia Lai led with 90.5%. For the first time, every locality "
        "recorded a PAR Index above the 80% benchmark."
    )
    scores = sorted(r.score for r in extract(text).index_results if r.score is not None)
    assert scores == [90.5]


def test_a_department_written_without_the_ministrys_punctuation() -> None:
    text = (
        "Chỉ số CCHC năm 2022 của các sở, ngành tỉnh Phú Thọ: Sở Lao động Thương binh và Xã "
        "hội xếp thứ 18, Sở Tài nguyên Môi trường xếp thứ 17."
    )
    got = {r.rank: r.entity for r in extract(text).index_results}
    assert got == {18: "Sở Lao động - Thương binh và Xã hội", 17: "Sở Tài nguyên và Môi trường"}


def test_bare_district_names_listed_beside_a_typed_one_are_its_provinces_districts() -> None:
    text = (
        "In Hanoi's PAR Index 2023, Ba Dinh district came first with 96.1%, followed by Hoan "
        "Kiem and Long Bien, both on 95.4%, and Cau Giay (95.02%)."
    )
    got = {(r.entity, r.score) for r in extract(text).index_results}
    assert ("quận Ba Đình", 96.1) in got
    assert {("quận Hoàn Kiếm", 95.4), ("quận Long Biên", 95.4), ("quận Cầu Giấy", 95.02)} <= got


def test_a_bare_name_with_no_typed_district_beside_it_is_left_alone() -> None:
    text = "In the PAR Index 2023, Long Bien scored 95.4%."
    assert [r.entity for r in extract(text).index_results] == []


def test_more_ways_of_saying_first_place() -> None:
    for text in (
        "Quang Ninh tops PCI rankings: in PCI 2020 it scored 75.09 points.",
        "In the PCI 2013, Da Nang took the lead with 66.45 points.",
        "In the PCI 2013, Da Nang came top with 66.45 points.",
        "Năm 2024, Sở Ngoại vụ nhất bảng về Chỉ số CCHC của các sở, ngành tỉnh Hà Tĩnh.",
    ):
        assert [r.rank for r in extract(text).index_results] == [1], text


def test_a_top_group_is_no_first_place() -> None:
    text = "In the PCI 2013, Da Nang came top 10 with 66.45 points."
    assert [r.rank for r in extract(text).index_results] == [None]


def test_a_bracketed_earlier_place_with_its_subject_word_dates_no_later_sentence() -> None:
    text = (
        "Ban Chỉ đạo công bố PAR INDEX năm 2020. Bộ Xây dựng tụt 6 bậc so với một năm trước "
        "(năm 2019 Bộ xếp thứ 8). Còn Bộ Y tế, xếp hạng thứ 15, tiếp tục ở nhóm cuối bảng."
    )
    got = {(r.entity, r.rank): r.year for r in extract(text).index_results}
    assert got[("Bộ Xây dựng", 8)] == 2019
    assert got[("Bộ Y tế", 15)] == 2020


def test_a_score_then_its_place_in_one_bracket() -> None:
    text = (
        "In the PCI 2014, Binh Duong led with 64.1 points, followed by Lao Cai (63.2, second "
        "place) and Ben Tre (62.9, third place)."
    )
    got = {(r.entity, r.score, r.rank) for r in extract(text).index_results}
    assert {("Lào Cai", 63.2, 2), ("Bến Tre", 62.9, 3)} <= got


def test_the_first_months_of_a_year_are_no_first_place() -> None:
    text = (
        "The Ministry of Information and Communications released the Digital Transformation "
        "Index (DTI) results on July 12, at a conference reviewing national digital "
        "transformation in the first 6 months of 2023."
    )
    assert [r.rank for r in extract(text).index_results] == []
