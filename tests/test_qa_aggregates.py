"""Averages of the country and of the ministries' bloc, stated counts of units meeting a
condition, doubtful sources that disagree, and a "last" word about another unit, over a
hand-written store (tests/support/qa_aggregates.py), asked in Vietnamese, without diacritics
and in English."""

from __future__ import annotations

import pytest
from support.qa_aggregates import TEXTS, build_store
from support.qa_asking import grounded_answer, primary, store_fixture

from llmx.qa.answer import Answer
from llmx.store import Store

store = store_fixture(build_store, "agg")


def ask(store: Store, question: str) -> Answer:
    return grounded_answer(store, question, TEXTS)



# -- averages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Chỉ số SIPAS bình quân cả nước năm 2021 đạt bao nhiêu?",
        "chi so sipas binh quan cua cac tinh thanh pho nam 2021 dat bao nhieu",
        "What was the national average SIPAS in 2021?",
    ],
)
def test_the_national_average_is_the_countrys_average_metric(store, question):
    a = ask(store, question)
    assert a.found and a.query["aggregate"] == "nation"
    [rec] = primary(a)
    # the average itself, not its change from the year before
    assert (rec["entity"], rec["value"], rec["year"]) == ("Việt Nam", 79.40, 2021)


def test_an_english_average_record_answers_a_vietnamese_question(store):
    a = ask(store, "Năm 2022, giá trị trung bình Chỉ số SIPAS của cả nước đạt bao nhiêu?")
    assert [(r["name"], r["value"]) for r in primary(a)] == [("national average SIPAS", 81.30)]


@pytest.mark.parametrize(
    "question",
    [
        "Chỉ số CCHC bình quân của khối bộ năm 2021 đạt bao nhiêu?",
        "chi so cchc trung binh cua cac bo nam 2021",
        "What was the average PAR Index of the ministries in 2021?",
        # the bloc named as the store names it, as if a unit
        "Giá trị trung bình Chỉ số CCHC năm 2021 của 17 bộ, cơ quan ngang bộ là bao nhiêu?",
    ],
)
def test_the_blocs_average_is_the_blocs_metric(store, question):
    a = ask(store, question)
    assert a.found and a.query["aggregate"] == "bloc"
    assert [(r["entity"], r["value"]) for r in primary(a)] == [("17 bộ, cơ quan ngang bộ", 84.75)]


@pytest.mark.parametrize(
    "question",
    [
        # whose average is not said: a region's, a province's districts'?
        "Chỉ số SIPAS trung bình năm 2021 là bao nhiêu?",
        # another index's average is not stored
        "Chỉ số PCI trung bình cả nước năm 2021 là bao nhiêu?",
        # a unit against the average is not the average
        "Tỉnh nào cao hơn mức trung bình cả nước về Chỉ số SIPAS năm 2021?",
        # a region's provinces' average is not the country's
        "Chỉ số SIPAS trung bình của các tỉnh Tây Nguyên năm 2021 là bao nhiêu?",
    ],
)
def test_no_average_is_given_for_what_was_not_asked(store, question):
    a = ask(store, question)
    assert not any(r["entity"] == "Việt Nam" for r in primary(a))


# -- stated counts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Có bao nhiêu tỉnh tăng hạng trên bảng xếp hạng PCI năm 2021?",
        "co bao nhieu tinh tang hang pci nam 2021",
    ],
)
def test_a_count_of_units_that_rose_is_the_stated_count(store, question):
    a = ask(store, question)
    assert a.found and a.query["counts"]
    assert [(r["entity"], r["value"]) for r in primary(a)] == [("Việt Nam", 31)]


def test_the_narrower_count_answers_the_narrower_question(store):
    a = ask(store, "Có bao nhiêu tỉnh tăng hạng mạnh trên bảng xếp hạng PCI năm 2021?")
    assert [(r["entity"], r["value"]) for r in primary(a)] == [("Việt Nam", 5)]


def test_an_english_count_question_meets_an_english_count(store):
    a = ask(store, "How many provinces climbed in the PCI 2019?")
    assert [(r["entity"], r["value"]) for r in primary(a)] == [("Việt Nam", 40)]


def test_a_count_on_another_index_is_not_the_one_asked(store):
    a = ask(store, "Có bao nhiêu tỉnh tăng hạng Chỉ số SIPAS năm 2021?")
    assert not a.found


@pytest.mark.parametrize(
    "question",
    [
        "Bình Định có bao nhiêu huyện, thị xã đạt loại Tốt về Chỉ số CCHC năm 2020?",
        "nam 2020 binh dinh co bao nhieu huyen xep loai tot ve chi so cchc",
    ],
)
def test_a_provinces_count_of_units_rated_good(store, question):
    a = ask(store, question)
    assert [(r["entity"], r["value"]) for r in primary(a)] == [("Bình Định", 7)]


def test_a_count_of_other_units_does_not_answer(store):
    a = ask(store, "Năm 2020, Bình Định có bao nhiêu sở xếp loại Tốt về Chỉ số CCHC?")
    assert [(r["entity"], r["value"]) for r in primary(a)] == [("Bình Định", 12)]
    a = ask(store, "How many departments of Binh Dinh were rated good on the PAR Index in 2020?")
    assert not any(r["value"] == 7 for r in primary(a))


# -- doubtful sources that disagree ----------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Chỉ số CCHC năm 2020 của Yên Bái xếp thứ mấy?",
        "yen bai xep thu may ve chi so cchc nam 2020",
        "What was Yen Bai's rank on the PAR Index in 2020?",
    ],
)
def test_two_doubtful_sources_that_disagree_are_both_given(store, question):
    a = ask(store, question)
    assert a.found
    assert sorted(r["rank"] for r in primary(a)) == [21, 26]
    assert "không thống nhất" in a.text or "disagree" in a.text


# -- the last of a ranking ------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Bộ nào đứng cuối Chỉ số CCHC năm 2020 của khối bộ?",
        "bo nao xep cuoi chi so cchc nam 2020",
        "Which ministry came last on the PAR Index in 2020?",
    ],
)
def test_a_last_word_about_another_unit_does_not_make_a_unit_last(store, question):
    a = ask(store, question)
    # "Bộ Y tế xếp thứ 12, trong khi người đứng cuối ... là Bộ Công Thương": the 12th
    # is not the last; the score alone does not say Bộ Công Thương is last either.
    assert "Bộ Y tế" not in {r["entity"] for r in primary(a)}


# -- lists that would be short --------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Những tỉnh nào tăng hạng PGI năm 2022?",
        "nhung tinh nao tang hang pgi nam 2022",
        "Which provinces moved up in the PGI 2022?",
    ],
)
def test_a_list_missing_a_move_the_text_tells_is_only_candidates(store, question):
    a = ask(store, question)
    # Hòa Bình's "cú nhảy 12 bậc" is in the text, not in a record: "Lạng Sơn" alone would
    # be a short list given as the answer.
    assert not a.found
    assert "Lạng Sơn" in {r["entity"] for r in a.records}


def test_the_bloc_is_named_in_english_by_what_it_is(store):
    a = ask(store, "What was the average PAR Index of the ministries in 2021?")
    assert a.text.startswith("The 17 ministries and ministry-level agencies")
