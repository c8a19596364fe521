"""Units inside provinces over a hand-written store (tests/support/qa_units.py): a unit named
with its province is that unit there, not two entities compared; a change computed from two
years is not given when one year's sources disagree. Vietnamese, unaccented and English."""

from __future__ import annotations

import pytest
from support.qa_asking import grounded_answer, primary, store_fixture
from support.qa_units import TEXTS, build_store

from llmx.qa.answer import Answer
from llmx.store import Store

store = store_fixture(build_store, "units")


def ask(store: Store, question: str) -> Answer:
    return grounded_answer(store, question, TEXTS)


@pytest.mark.parametrize(
    ("question", "rank"),
    [
        ("Sở Tài nguyên và Môi trường Nam Định xếp thứ mấy về Chỉ số CCHC năm 2022?", 3),
        ("so tai nguyen va moi truong hung yen xep thu may ve chi so cchc nam 2022", 7),
        ("Trong khối sở của tỉnh Hưng Yên, Sở Tài nguyên và Môi trường đứng thứ mấy năm 2022?", 7),
        (
            "What was the rank of Sở Tài nguyên và Môi trường of Nam Dinh on the PAR Index in "
            "2022?",
            3,
        ),
    ],
)
def test_a_unit_named_with_its_province_is_that_unit_there(store, question, rank):
    a = ask(store, question)
    assert a.query["ask"] != "compare"
    assert [(r["entity"], r["rank"]) for r in primary(a)] == [("Sở Tài nguyên và Môi trường", rank)]


@pytest.mark.parametrize(
    "question",
    [
        "Năm 2022, huyện Đăk Hà (Kon Tum) tăng bao nhiêu bậc so với năm 2021?",
        "huyen dak ha kon tum nam 2022 tang may bac so voi nam 2021",
        "How many places did Dak Ha district of Kon Tum climb in 2022 compared with 2021?",
    ],
)
def test_no_change_is_computed_from_a_year_whose_sources_disagree(store, question):
    a = ask(store, question)
    assert not a.found  # 4th or 6th in 2021: +2 or +4 would be a guess


@pytest.mark.parametrize(
    ("question", "entity", "score"),
    [
        (
            "Phú Yên đạt bao nhiêu điểm trách nhiệm giải trình với người dân ở PAPI 2020?",
            "Phú Yên",
            6.10,
        ),
        (
            "phu yen dat bao nhieu diem trach nhiem giai trinh voi nguoi dan papi 2020",
            "Phú Yên",
            6.10,
        ),
        ("What was Khanh Hoa's Control of Corruption score in PAPI 2020?", "Khánh Hòa", 6.40),
    ],
)
def test_a_component_named_by_its_stored_name_is_the_component_asked(
    store, question, entity, score
):
    a = ask(store, question)
    assert [(r["entity"], r["score"]) for r in primary(a)] == [(entity, score)]


def test_without_the_component_the_whole_index_answers(store):
    a = ask(store, "Phú Yên đạt bao nhiêu điểm PAPI năm 2020?")
    assert [(r["entity"], r["score"]) for r in primary(a)] == [("Phú Yên", 42.10)]


@pytest.mark.parametrize(
    "question",
    [
        "Bộ Tư pháp đạt bao nhiêu phần trăm Chỉ số CCHC năm 2019?",
        "bo tu phap dat bao nhieu diem chi so cchc nam 2019",
        "What was the Ministry of Justice's PAR Index score in 2019?",
    ],
)
def test_a_doubtful_score_read_from_a_sentence_about_components_is_not_the_index(store, question):
    a = ask(store, question)
    assert not any(r.get("score") == 100 for r in primary(a))


@pytest.mark.parametrize(
    ("question", "field", "value"),
    [
        ("Quảng Bình xếp thứ mấy về trụ cột kinh tế số trong DTI 2021?", "rank", 9),
        ("quang binh xep thu may ve tru cot kinh te so trong chi so dti 2021", "rank", 9),
        (
            "What was Hai Duong's score on the public administrative procedures sub-index of "
            "PAPI 2021?",
            "score",
            7.20,
        ),
    ],
)
def test_a_component_is_known_in_either_language(store, question, field, value):
    a = ask(store, question)
    assert [r[field] for r in primary(a)] == [value]


@pytest.mark.parametrize(
    "question",
    [
        "Quý II/2022, cấp xã ở Tuyên Quang tiếp nhận bao nhiêu hồ sơ?",
        "quy ii/2022 cap xa o tuyen quang tiep nhan bao nhieu ho so",
        "How many dossiers did the commune level of Tuyen Quang receive in Q2/2022?",
    ],
)
def test_a_level_of_government_asked_is_the_level_answered(store, question):
    a = ask(store, question)
    assert [r["value"] for r in primary(a)] == [15000]


def test_another_levels_figure_does_not_answer(store):
    a = ask(store, "Quý II/2022, cấp xã ở Yên Bái tiếp nhận bao nhiêu hồ sơ?")
    assert not a.found  # the province's 30.000 is not the communes' figure


@pytest.mark.parametrize(
    "question",
    [
        "Chỉ số cải cách hành chính năm 2020 của Phú Yên đạt bao nhiêu điểm?",
        "chi so cai cach hanh chinh nam 2020 cua phu yen dat bao nhieu diem",
        "What did Phu Yen score on the administrative reform index in 2020?",
    ],
)
def test_the_index_named_is_not_a_component_of_the_same_words(store, question):
    a = ask(store, question)
    assert [r["score"] for r in primary(a)] == [84.20]


@pytest.mark.parametrize(
    "question",
    [
        "Hải Dương đạt bao nhiêu điểm cung ứng dịch vụ công trong PAPI 2021?",
        "hai duong dat bao nhieu diem cung ung dich vu cong papi 2021",
        "What was Hai Duong's PAPI score for public service delivery in 2021?",
    ],
)
def test_a_known_component_named_without_a_cue_is_asked_not_the_index(store, question):
    # no record of that component is stored: the whole index's score is no answer
    a = ask(store, question)
    assert a.query["component"] == "Cung ứng dịch vụ công"
    assert not a.found


@pytest.mark.parametrize(
    ("question", "rank"),
    [
        (
            "What was the rank of Nam Dinh's Department of Natural Resources and Environment on "
            "the PAR Index in 2022?",
            3,
        ),
        (
            "Where did the Department of Natural Resources and Environment of Hung Yen rank on "
            "the PAR Index in 2022?",
            7,
        ),
    ],
)
def test_an_english_department_name_is_that_department(store, question, rank):
    a = ask(store, question)
    assert a.found
    assert [(r["entity"], r["rank"]) for r in primary(a)] == [("Sở Tài nguyên và Môi trường", rank)]
    # named in English, its province without diacritics
    assert "Department of Natural Resources and Environment" in a.text
    assert "Sở" not in a.text and "Định" not in a.text and "Hưng" not in a.text


@pytest.mark.parametrize(
    "question",
    [
        "How many administrative procedures does Ha Giang have at the commune level?",
        "Hà Giang có bao nhiêu thủ tục hành chính cấp xã?",
    ],
)
def test_the_level_asked_is_the_one_the_name_says(store, question):
    # the 420 procedures' quote names the commune level in passing; the 142 are the communes'
    a = ask(store, question)
    assert a.found and [r["value"] for r in primary(a)] == [142]


def test_a_percentage_asked_is_not_answered_by_points(store):
    # the field's 9,50 is in points: no percentage is stored
    a = ask(store, "Lĩnh vực cải cách hành chính của Phú Yên năm 2020 đạt bao nhiêu phần trăm?")
    assert not a.found
    b = ask(store, "Lĩnh vực cải cách hành chính của Phú Yên năm 2020 đạt bao nhiêu điểm?")
    assert b.found and [r["score"] for r in primary(b)] == [9.5]


def test_a_question_naming_no_level_takes_the_whole_provinces_figure(store):
    # "Quý II/2022, toàn tỉnh Tuyên Quang tiếp nhận 40.000 hồ sơ. Riêng cấp xã … 15.000"
    a = ask(store, "Quý II/2022, Tuyên Quang tiếp nhận bao nhiêu hồ sơ?")
    assert a.found and [r["value"] for r in primary(a)] == [40000]
