"""Never confidently wrong (issue 12): an answer rests on a record whose entity, index, year,
scope, component and record type agree with the question and which carries the field it
asks for; otherwise the question is refused (or answered with candidates). Each class in
Vietnamese, without diacritics and in English, over tests/support/qa_grounding.py."""

from __future__ import annotations

import pytest
from support.qa_asking import grounded_answer, primary, store_fixture
from support.qa_grounding import TEXTS, build_store

from llmx.qa.answer import Answer
from llmx.store import Store

store = store_fixture(build_store, "grounding")


def ask(store: Store, question: str) -> Answer:
    return grounded_answer(store, question, TEXTS)


# -- the field asked must be on the record answering ------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Yên Bái đạt bao nhiêu điểm trong bảng xếp hạng PCI năm 2021?",
        "yen bai dat bao nhieu diem trong bang xep hang pci nam 2021",
        "What value did Yen Bai reach on the PCI 2021?",
    ],
)
def test_a_score_question_rests_on_the_score_not_the_rank(store, question):
    a = ask(store, question)
    assert a.found and a.query["ask"] == "score"
    assert [r["score"] for r in primary(a)] == [66.2]
    # the record is doubtful: the answer says so
    assert "độ tin cậy thấp" in a.text or "low confidence" in a.text


def test_a_rank_question_still_rests_on_the_rank(store):
    a = ask(store, "Yên Bái đứng thứ mấy về PCI năm 2021?")
    assert [r["rank"] for r in primary(a)] == [7]


# -- the component asked (or the whole index) -------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Kon Tum đạt bao nhiêu điểm DTI năm 2022?",
        "kon tum dat bao nhieu diem dti nam 2022",
        "What did Kon Tum score on the DTI 2022?",
    ],
)
def test_a_whole_index_question_is_not_answered_with_a_component(store, question):
    a = ask(store, question)
    assert not a.found and not primary(a)


@pytest.mark.parametrize(
    "question",
    [
        "Kon Tum đạt bao nhiêu điểm ở trụ cột “Chính quyền số” của DTI năm 2022?",
        "kon tum dat bao nhieu diem o tru cot chinh quyen so cua dti nam 2022",
        "What did Kon Tum score on the digital government (chính quyền số) component of the "
        "DTI 2022?",
    ],
)
def test_a_named_component_is_answered_by_that_component(store, question):
    a = ask(store, question)
    assert [(r["component"], r["score"]) for r in primary(a)] == [("Chính quyền số", 0.41)]


@pytest.mark.parametrize(
    "question",
    [
        "Kon Tum xếp thứ mấy ở lĩnh vực này của DTI năm 2022?",
        "kon tum xep thu may o linh vuc nay cua dti nam 2022",
        "In the DTI 2022, where did Kon Tum rank on that component?",
    ],
)
def test_a_component_the_parser_cannot_read_is_refused(store, question):
    # the whole index's rank 11 would answer another question
    a = ask(store, question)
    assert not a.found and a.query["ask"] == "free_text"


def test_a_which_component_question_is_not_refused_for_its_cue():
    from llmx.qa.names import NameIndex
    from llmx.qa.parse_rules import parse

    q = parse("Những lĩnh vực nào của Kon Tum giảm bậc trong DTI năm 2022?", NameIndex.build())
    assert q.ask != "free_text" or not any("component" in n for n in q.notes)


# -- the scope asked ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Tỉnh nào dẫn đầu vùng Trung du và miền núi phía Bắc về PCI năm 2021?",
        "tinh nao dan dau vung trung du mien nui phia bac ve pci nam 2021",
        "Which province led the Northern mountainous region in the PCI 2021?",
    ],
)
def test_a_regional_leader_is_not_the_national_one(store, question):
    a = ask(store, question)
    assert [r["entity"] for r in primary(a)] == ["Lạng Sơn"]


@pytest.mark.parametrize(
    "question",
    [
        "Lạng Sơn xếp thứ mấy về PCI năm 2021?",
        "lang son xep thu may ve pci nam 2021",
        "What rank did Lang Son get on the PCI 2021?",
    ],
)
def test_a_rank_in_the_region_is_not_the_rank_asked_without_a_scope(store, question):
    # 1st in its region; its national rank is not stored
    a = ask(store, question)
    assert not a.found


def test_the_rank_in_the_region_answers_when_the_region_is_asked(store):
    a = ask(store, "Lạng Sơn xếp thứ mấy trong vùng Trung du và miền núi phía Bắc về PCI 2021?")
    assert [(r["entity"], r["rank"]) for r in primary(a)] == [("Lạng Sơn", 1)]


@pytest.mark.parametrize(
    "question",
    [
        "Tỉnh nào dẫn đầu khu vực của mình về PCI năm 2021?",
        "tinh nao dan dau khu vuc cua minh ve pci nam 2021",
        "Which province led its region in the PCI 2021?",
    ],
)
def test_a_region_not_named_is_never_answered_nationally(store, question):
    a = ask(store, question)
    assert "Quảng Ninh" not in [r["entity"] for r in primary(a)]
    assert all(r["scope"].startswith("region:") for r in primary(a))


@pytest.mark.parametrize(
    "question",
    [
        "Huyện Phong Thổ xếp thứ mấy trong các huyện của tỉnh Lai Châu về Chỉ số CCHC năm 2023?",
        "huyen phong tho xep thu may trong cac huyen cua tinh lai chau ve chi so cchc nam 2023",
        "Where did huyen Phong Tho rank among the districts of Lai Chau on the PAR Index 2023?",
    ],
)
def test_the_province_closing_a_group_of_units_is_the_scope(store, question):
    a = ask(store, question)
    assert a.query["ask"] == "rank" and a.query.get("scope") == "province:Lai Châu"
    assert [(r["entity"], r["rank"]) for r in primary(a)] == [("huyện Phong Thổ", 3)]


@pytest.mark.parametrize(
    "question",
    [
        "So sánh thứ hạng Chỉ số CCHC năm 2023 của huyện Phong Thổ và Lai Châu",
        "so sanh thu hang chi so cchc nam 2023 cua huyen phong tho va lai chau",
        "Compare the PAR Index 2023 ranks of huyen Phong Tho and Lai Chau",
    ],
)
def test_ranks_of_different_scopes_are_not_compared(store, question):
    # 3rd among the province's districts is not above 40th nationally
    a = ask(store, question)
    assert a.query["ask"] == "compare" and not a.found


# -- the index asked ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Cổng dịch vụ công trực tuyến của tỉnh Sóc Trăng xếp thứ mấy năm 2022?",
        "cong thong tin dien tu tinh soc trang xep thu may nam 2022",
        "Where did Soc Trang's public service portal rank in 2022?",
    ],
)
def test_a_portal_ranking_is_not_answered_with_an_index(store, question):
    a = ask(store, question)
    assert a.query["index"] == "OTHER" and not a.found


def test_doubtful_ranks_on_indexes_not_named_are_candidates(store):
    a = ask(store, "Sóc Trăng xếp thứ mấy năm 2022?")
    assert not a.found and {r["index"] for r in a.records} == {"PCI", "PGI"}


@pytest.mark.parametrize(
    "question",
    [
        "Bộ nào dẫn đầu về tỷ lệ hồ sơ giải quyết trực tuyến năm 2024?",
        "bo nao dan dau ve ty le ho so giai quyet truc tuyen nam 2024",
        "Which ministry led the ministries in the share of dossiers handled online in 2024?",
    ],
)
def test_a_leader_on_a_metric_is_not_an_index_leader(store, question):
    a = ask(store, question)
    assert not a.found and not any(r["record_type"] == "index_result" for r in primary(a))


def test_a_leader_on_an_index_is_still_answered(store):
    a = ask(store, "Bộ nào dẫn đầu Bộ chỉ số phục vụ người dân, doanh nghiệp năm 2024?")
    assert [r["entity"] for r in primary(a)] == ["Bộ Xây dựng"]


@pytest.mark.parametrize(
    ("question", "among", "nation"),
    [
        ("Bộ Tài chính xếp thứ mấy về Chỉ số CCHC năm 2020?", "trong khối bộ", "cả nước"),
        ("bo tai chinh xep thu may ve chi so cchc nam 2020", "trong khối bộ", "cả nước"),
        (
            "Where did the Ministry of Finance rank on the PAR Index 2020?",
            "among the ministries",
            "nationally",
        ),
    ],
)
def test_a_ministry_rank_is_said_to_be_among_the_ministries(store, question, among, nation):
    # ministries are ranked as a bloc of their own: 3rd of them is not 3rd in the country
    a = ask(store, question)
    assert [(r["entity"], r.get("rank")) for r in primary(a)] == [("Bộ Tài chính", 3)]
    assert among in a.text and nation not in a.text


@pytest.mark.parametrize(
    "question",
    [
        "Bộ Tài chính đạt bao nhiêu phần trăm Chỉ số CCHC năm 2020?",
        "bo tai chinh dat bao nhieu phan tram chi so cchc nam 2020",
        "What value did the Ministry of Finance reach on the PAR Index 2020?",
    ],
)
def test_a_doubtful_figure_its_sentence_gives_to_components_does_not_answer(store, question):
    # "đạt 100% ở hai chỉ số thành phần": not the ministry's PAR Index score
    a = ask(store, question)
    assert not a.found and 100.0 not in [r.get("score") for r in primary(a)]


# -- the record type asked: a rate is not a count -------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Tỷ lệ hồ sơ trực tuyến của Bạc Liêu năm 2023 là bao nhiêu phần trăm?",
        "ty le ho so truc tuyen cua bac lieu nam 2023 la bao nhieu phan tram",
        "What percentage of dossiers were submitted online in Bac Lieu in 2023?",
    ],
)
def test_a_rate_question_is_not_answered_with_a_count(store, question):
    a = ask(store, question)
    assert a.query["ask"] == "metric" and not a.found


def test_a_count_question_is_answered_with_the_count(store):
    a = ask(store, "Năm 2023 Bạc Liêu tiếp nhận bao nhiêu hồ sơ trực tuyến?")
    assert [r["value"] for r in primary(a)] == [12000]


@pytest.mark.parametrize(
    "question",
    [
        "Năm 2023 Bạc Liêu có bao nhiêu dịch vụ công trực tuyến toàn trình?",
        "nam 2023 bac lieu co bao nhieu dich vu cong truc tuyen toan trinh",
        "How many fully online public services did Bac Lieu offer in 2023?",
    ],
)
def test_fully_online_services_are_not_the_partly_online_count(store, question):
    a = ask(store, question)
    assert 300 not in [r.get("value") for r in primary(a)] and not a.found


def test_partly_online_services_answer_their_own_question(store):
    a = ask(store, "Năm 2023 Bạc Liêu có bao nhiêu dịch vụ công trực tuyến một phần?")
    assert [r["value"] for r in primary(a)] == [300]


# -- initiatives: who runs it there, and the year asked --------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Chương trình “Sáng thứ Bảy gặp gỡ” ở Hậu Giang do đơn vị nào tổ chức?",
        "chuong trinh “sang thu bay gap go” o hau giang do don vi nao to chuc",
        "Which body runs the “Sáng thứ Bảy gặp gỡ” programme in Hau Giang?",
    ],
)
def test_the_unit_running_an_initiative_not_the_province_it_is_in(store, question):
    a = ask(store, question)
    assert [r["entity"] for r in primary(a)] == ["Hội Doanh nhân trẻ tỉnh Hậu Giang"]


@pytest.mark.parametrize(
    "question",
    [
        "Phường Tân An thực hiện mô hình nào năm 2024?",
        "phuong tan an thuc hien mo hinh nao nam 2024",
        "Which model did phuong Tan An run in 2024?",
    ],
)
def test_an_initiative_of_another_year_or_none_does_not_answer_a_year(store, question):
    a = ask(store, question)
    assert not a.found
    assert "Tổ công tác lưu động" not in [r["name"] for r in a.records]  # stated for 2020


def test_without_a_year_the_initiative_answers(store):
    a = ask(store, "Phường Tân An thực hiện mô hình nào?")
    assert a.found and primary(a)[0]["entity"] == "phường Tân An"
