"""Metric and count questions meet records named in the other language
(tests/support/qa_crosslang.py): words are compared by meaning (a shared glossary), while
entity, year and the required word groups (timeliness, channel) still decide."""

from __future__ import annotations

import pytest
from support.qa_asking import grounded_answer, primary, store_fixture
from support.qa_crosslang import TEXTS, build_store

from llmx.qa.answer import Answer
from llmx.store import Store

store = store_fixture(build_store, "crosslang")


def ask(store: Store, question: str) -> Answer:
    return grounded_answer(store, question, TEXTS)


def values(a: Answer) -> set[float]:
    return {r["value"] for r in primary(a) if "value" in r}


@pytest.mark.parametrize(
    ("question", "value"),
    [
        # a Vietnamese question, an English record
        ("Tỷ lệ hồ sơ trực tuyến của Ninh Thuận năm 2024 là bao nhiêu?", 61.4),
        ("ty le ho so truc tuyen cua ninh thuan nam 2024 la bao nhieu", 61.4),
        ("Tỷ lệ hồ sơ trực tuyến toàn trình của Hậu Giang năm 2024 đạt bao nhiêu phần trăm?",
         38.2),
        ("ty le ho so truc tuyen toan trinh cua hau giang nam 2024", 38.2),
        # English question, English record: the glossary reads both alike
        ("What share of end-to-end online dossiers did Hau Giang record in 2024?", 38.2),
        ("What share of dossiers did Ninh Thuan file online in 2024?", 61.4),
        # a short name whose quote says what the rate is of
        ("Mức độ hài lòng về cung ứng dịch vụ hành chính công của Sóc Trăng năm 2024?", 86.3),
        ("muc do hai long ve dich vu hanh chinh cong cua soc trang nam 2024", 86.3),
        # an English question, a Vietnamese record
        ("What was Phu Tho's on-time dossier resolution rate in 2024?", 97.2),
    ],
)
def test_a_metric_named_in_the_other_language_answers(store, question, value):
    a = ask(store, question)
    assert values(a) == {value}


@pytest.mark.parametrize(
    "question",
    [
        # another year, another province: nothing to answer
        "Tỷ lệ hồ sơ trực tuyến của Ninh Thuận năm 2023 là bao nhiêu?",
        "Tỷ lệ hồ sơ trực tuyến của Bình Thuận năm 2024 là bao nhiêu?",
        # timeliness is a required group: an online share says nothing of it
        "Tỷ lệ hồ sơ giải quyết đúng hạn của Ninh Thuận năm 2024 là bao nhiêu?",
        "What was Ninh Thuan's on-time dossier rate in 2024?",
        # the online channel is required: an on-time rate is not the online share
        "Tỷ lệ hồ sơ trực tuyến của Phú Thọ năm 2024 là bao nhiêu?",
        # satisfaction is not the online share
        "Tỷ lệ hồ sơ trực tuyến của Sóc Trăng năm 2024 là bao nhiêu?",
    ],
)
def test_cross_language_matching_keeps_the_guards(store, question):
    a = ask(store, question)
    assert not primary(a)


@pytest.mark.parametrize(
    "question",
    [
        "Có bao nhiêu tỉnh cải thiện kết quả Chỉ số SIPAS năm 2023?",
        "co bao nhieu tinh cai thien ket qua chi so sipas nam 2023",
        "How many provinces improved their SIPAS results in 2023?",
        # the year compared with says when, not what is counted
        "Có bao nhiêu tỉnh cải thiện kết quả Chỉ số SIPAS năm 2023 so với năm trước?",
        "co bao nhieu tinh cai thien ket qua chi so sipas nam 2023 so voi nam 2022",
        "How many provinces improved their SIPAS results in 2023 compared with the previous year?",
    ],
)
def test_a_count_stated_in_english_answers_a_count_question(store, question):
    a = ask(store, question)
    assert values(a) == {41}


@pytest.mark.parametrize(
    "question",
    [
        "Có bao nhiêu tỉnh cải thiện kết quả Chỉ số SIPAS năm 2022?",
        "Có bao nhiêu tỉnh cải thiện kết quả Chỉ số PAPI năm 2023?",
        "Có bao nhiêu tỉnh cải thiện kết quả Chỉ số PAPI năm 2023 so với năm trước?",
        # a count of provinces that fell is not the ones that improved
        "Có bao nhiêu tỉnh giảm hạng Chỉ số SIPAS năm 2023 so với năm trước?",
    ],
)
def test_a_count_of_another_year_or_index_does_not_answer(store, question):
    a = ask(store, question)
    assert not primary(a)


def test_a_level_of_government_asked_in_english_keeps_its_guard(store):
    # "communal" names the commune level as "commune" does: a province's rate is not it.
    a = ask(store, "What share of dossiers did communal People's Committees in Ninh Thuan "
                   "file online in 2024?")
    assert not primary(a)


@pytest.mark.parametrize(
    "question",
    [
        "What share of end-to-end online dossiers did Vietnam record in 2024?",
        "What was the nationwide share of end-to-end online dossiers in 2024?",
        "Tỷ lệ hồ sơ trực tuyến toàn trình của cả nước năm 2024 là bao nhiêu?",
        "ty le ho so truc tuyen toan trinh ca nuoc nam 2024",
        "Năm 2024, tỷ lệ hồ sơ trực tuyến toàn trình trên toàn quốc đạt bao nhiêu phần trăm?",
    ],
)
def test_the_country_named_asks_the_countrys_figure(store, question):
    # "cả nước" / "Vietnam": the country's figure, not a province's of the same kind.
    a = ask(store, question)
    assert values(a) == {44.6}
    assert {r["entity"] for r in primary(a)} == {"Việt Nam"}


@pytest.mark.parametrize(
    "question",
    [
        "What was the nationwide share of end-to-end online dossiers in 2024, according to MIC?",
        "According to the Ministry of Home Affairs, what share of end-to-end online dossiers "
        "did Vietnam record in 2024?",
        "Theo Bộ Nội vụ, tỷ lệ hồ sơ trực tuyến toàn trình của cả nước năm 2024 là bao nhiêu?",
        "theo bo noi vu ty le ho so truc tuyen toan trinh ca nuoc nam 2024",
    ],
)
def test_the_unit_reporting_a_figure_is_not_whose_it_is(store, question):
    # "according to MIC", "theo Bộ Nội vụ": who reports the figure; it is still the country's
    a = ask(store, question)
    assert values(a) == {44.6}
    assert {r["entity"] for r in primary(a)} == {"Việt Nam"}


def test_a_ministry_asked_as_whose_figure_is_still_answered(store):
    a = ask(store, "Tỷ lệ hồ sơ trực tuyến toàn trình của Bộ Nội vụ năm 2024 là bao nhiêu?")
    assert values(a) == {52.3}


@pytest.mark.parametrize(
    "question",
    [
        "Tỷ lệ hồ sơ trực tuyến toàn trình của cả nước năm 2023 là bao nhiêu?",
        "Tỷ lệ hồ sơ giải quyết đúng hạn của cả nước năm 2024 là bao nhiêu?",
        "What was Vietnam's on-time dossier rate in 2024?",
        # no place named: which one's figure is not known
        "Tỷ lệ hồ sơ trực tuyến toàn trình năm 2024 là bao nhiêu?",
    ],
)
def test_the_countrys_figure_keeps_its_guards(store, question):
    a = ask(store, question)
    assert not primary(a)


@pytest.mark.parametrize(
    "question",
    [
        "Năm 2024, 63 tỉnh, thành phố tiếp nhận bao nhiêu hồ sơ trực tuyến?",
        "nam 2024 63 tinh thanh pho tiep nhan bao nhieu ho so truc tuyen",
        "Năm 2024, cả nước tiếp nhận bao nhiêu hồ sơ trực tuyến?",
        "How many dossiers did Vietnam receive online in 2024?",
    ],
)
def test_all_provinces_named_ask_the_countrys_count(store, question):
    a = ask(store, question)
    assert values(a) == {7_200_000}


@pytest.mark.parametrize(
    "question",
    [
        # a part of the provinces is not the country
        "Năm 2024, 12 tỉnh tiếp nhận bao nhiêu hồ sơ trực tuyến?",
        # the late dossiers are not said
        "Năm 2024, 63 tỉnh, thành phố tiếp nhận bao nhiêu hồ sơ trễ hạn?",
        "Năm 2023, cả nước tiếp nhận bao nhiêu hồ sơ trực tuyến?",
    ],
)
def test_the_countrys_count_keeps_its_guards(store, question):
    a = ask(store, question)
    assert not primary(a)


def entities(a: Answer) -> set[str]:
    return {r["entity"] for r in primary(a)}


@pytest.mark.parametrize(
    ("question", "moved"),
    [
        ("Có bao nhiêu tỉnh tăng hạng PCI năm 2024?", {"Bình Phước", "Long An"}),
        ("co bao nhieu tinh tang hang pci nam 2024", {"Bình Phước", "Long An"}),
        ("How many provinces climbed in the 2024 PCI?", {"Bình Phước", "Long An"}),
        ("Có bao nhiêu tỉnh giảm hạng PCI năm 2024?", {"Tây Ninh", "Đồng Nai"}),
        ("How many provinces fell in the 2024 PCI?", {"Tây Ninh", "Đồng Nai"}),
    ],
)
def test_a_count_of_moves_is_counted_from_a_complete_ranking(store, question, moved):
    # no count stated, but every place 1..4 of the 4 is stored with its move
    a = ask(store, question)
    assert a.found and entities(a) == moved


@pytest.mark.parametrize(
    "question",
    [
        # a place of the ranking is missing: the count is not known
        "Có bao nhiêu tỉnh tăng hạng PAPI năm 2024?",
        # a province's move is not stored: the count is not known
        "Có bao nhiêu tỉnh tăng hạng DTI năm 2024?",
        "How many provinces climbed in the 2024 DTI?",
        # another year
        "Có bao nhiêu tỉnh tăng hạng PCI năm 2023?",
    ],
)
def test_a_count_of_moves_from_an_incomplete_ranking_is_refused(store, question):
    a = ask(store, question)
    assert not primary(a)


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("Năm 2024, Kiên Giang có bao nhiêu dịch vụ công trực tuyến toàn trình?", 310),
        ("nam 2024 kien giang co bao nhieu dich vu cong truc tuyen toan trinh", 310),
        ("Năm 2024, Kiên Giang có bao nhiêu dịch vụ công trực tuyến một phần?", 120),
        ("How many fully online public services did Kien Giang offer in 2024?", 310),
        ("Năm 2024, Cà Mau có bao nhiêu dịch vụ công trực tuyến mức độ 3?", 95),
    ],
)
def test_service_modes_and_levels_meet_across_languages(store, question, value):
    a = ask(store, question)
    assert values(a) == {value}


@pytest.mark.parametrize(
    "question",
    [
        # level 4 is not level 3, in either language
        "Năm 2024, Cà Mau có bao nhiêu dịch vụ công trực tuyến mức độ 4?",
        "nam 2024 ca mau co bao nhieu dich vu cong truc tuyen muc do 4",
        "How many level-4 online public services did Ca Mau offer in 2024?",
    ],
)
def test_service_levels_stay_apart_across_languages(store, question):
    a = ask(store, question)
    assert values(a) != {95}


@pytest.mark.parametrize(
    "question",
    [
        "Which provinces beat the nationwide share of end-to-end online dossiers in 2024?",
        "Tỉnh nào vượt tỷ lệ hồ sơ trực tuyến toàn trình của cả nước năm 2024?",
    ],
)
def test_which_unit_is_not_the_countrys_figure(store, question):
    # who is asked, not the country's figure
    a = ask(store, question)
    assert 44.6 not in values(a)


@pytest.mark.parametrize(
    "question",
    [
        # a move of a size, or of the score, is not every rise in places
        "Có bao nhiêu tỉnh tăng từ 2 bậc trở lên về PCI năm 2024?",
        "Có bao nhiêu tỉnh tăng hạng mạnh PCI năm 2024?",
        "Có bao nhiêu tỉnh tăng điểm PCI năm 2024?",
        "How many provinces climbed more than one place in the 2024 PCI?",
    ],
)
def test_a_qualified_count_of_moves_is_not_counted(store, question):
    a = ask(store, question)
    assert not primary(a)


def test_an_english_question_meets_a_vietnamese_review_count(store):
    # "legal documents … review and systematise": "rà soát, hệ thống hóa … văn bản"
    a = ask(store, "How many legal documents did the Ministry of Justice review and "
                   "systematise in 2024?")
    assert values(a) == {4200}


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("By how much did Kien Giang cut processing times in 2024?", 35),
        # the services whose fees were cut are named only in the headline
        ("By how much did Ha Nam cut fees for public administrative services in 2024?", 40),
    ],
)
def test_a_cut_asked_with_no_index_is_a_stated_figure(store, question, value):
    # no index named and no place or score moved: not an index result's change
    a = ask(store, question)
    assert values(a) == {value}
