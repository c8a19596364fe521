"""Questions a stored record looks like it answers but does not (tests/support/qa_guards.py):
a figure of another measured thing, an index change for a count of people, a threshold for
an average, a change list mixing another index's or year's moves. None may be answered
confidently; the records that do answer still are."""

from __future__ import annotations

import pytest
from support.qa_asking import grounded_answer, primary, store_fixture
from support.qa_guards import TEXTS, build_store

from llmx.qa.answer import Answer
from llmx.store import Store

store = store_fixture(build_store, "guards")


def ask(store: Store, question: str) -> Answer:
    return grounded_answer(store, question, TEXTS)


def values(a: Answer) -> set[float]:
    return {r["value"] for r in primary(a) if "value" in r}


def entities(a: Answer) -> set[str]:
    return {r["entity"] for r in primary(a)}


# -- a dossier count is not the late ones, nor the online ones ----------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Tháng 8/2024, Long An có bao nhiêu hồ sơ trễ hạn?",
        "thang 8/2024 long an co bao nhieu ho so tre han",
        "How many overdue dossiers did Long An have in August 2024?",
        "Tháng 8/2024, Long An tiếp nhận bao nhiêu hồ sơ trực tuyến?",
        "thang 8/2024 long an tiep nhan bao nhieu ho so truc tuyen",
        "How many dossiers did Long An receive online in August 2024?",
    ],
)
def test_a_count_saying_nothing_of_the_kind_asked_does_not_answer(store, question):
    a = ask(store, question)
    assert not primary(a)


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("Tháng 8/2024, Tây Ninh có bao nhiêu hồ sơ trễ hạn?", 42),
        ("thang 8/2024 tay ninh co bao nhieu ho so tre han", 42),
        ("Tháng 8/2024, Tây Ninh tiếp nhận bao nhiêu hồ sơ trực tuyến?", 3050),
        ("Tháng 8/2024, Long An tiếp nhận bao nhiêu hồ sơ?", 9420),
        ("thang 8/2024 long an tiep nhan bao nhieu ho so", 9420),
    ],
)
def test_a_count_of_the_kind_asked_still_answers(store, question, value):
    a = ask(store, question)
    assert values(a) == {value}


# -- a count of people is no index figure ---------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Để xác định Chỉ số SIPAS năm 2024, Bộ Nội vụ đã khảo sát bao nhiêu người dân?",
        "de xac dinh chi so sipas nam 2024 bo noi vu lay y kien bao nhieu nguoi dan",
        "How many citizens did the Ministry of Home Affairs survey for the SIPAS 2024?",
    ],
)
def test_people_counted_are_not_an_index_result(store, question):
    a = ask(store, question)
    assert not any(r["record_type"] == "index_result" for r in primary(a))


@pytest.mark.parametrize(
    "question",
    [
        "Long An tăng bao nhiêu bậc về Chỉ số SIPAS năm 2024?",
        "long an tang bao nhieu bac sipas nam 2024",
    ],
)
def test_places_climbed_still_answer(store, question):
    a = ask(store, question)
    assert {(r["entity"], r["rank_change"]) for r in primary(a)} == {("Long An", 3)}


# -- a threshold is not an average ------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Giá trị trung bình Chỉ số SIPAS của các tỉnh năm 2024 là bao nhiêu?",
        "gia tri trung binh chi so sipas cua cac tinh nam 2024 la bao nhieu",
    ],
)
def test_a_bound_is_not_the_average(store, question):
    a = ask(store, question)
    assert 80 not in values(a)


def test_a_stated_average_still_answers(store):
    a = ask(store, "Giá trị trung bình Chỉ số SIPAS cả nước năm 2023 là bao nhiêu?")
    assert values(a) == {80.1}


# -- a change list resting on another index's or year's sentence ----------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Những tỉnh nào tăng hạng PCI năm 2024?",
        "nhung tinh nao tang hang pci nam 2024",
        "Which provinces moved up in the 2024 PCI?",
        "Những tỉnh nào tăng hạng Chỉ số CCHC năm 2024?",
        "nhung tinh nao tang hang chi so cchc nam 2024",
        "Which provinces moved up in the 2024 PAR Index?",
        "Những tỉnh nào tăng hạng DTI năm 2024?",
        "nhung tinh nao tang hang chi so chuyen doi so nam 2024",
        "Which provinces moved up in the 2024 DTI?",
    ],
)
def test_a_list_with_a_foreign_sentence_is_not_confident(store, question):
    a = ask(store, question)
    assert not primary(a)
    assert not {"Phú Yên", "Cà Mau"} & entities(a) or not a.found


def test_a_clean_list_still_answers(store):
    a = ask(store, "Những tỉnh nào giảm hạng PCI năm 2024?")
    assert not primary(a)  # nothing fell: nothing to list


# -- one unit's figure resting on another index's or year's sentence ------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Phú Yên tăng bao nhiêu bậc về PCI năm 2024?",
        "phu yen tang may bac pci nam 2024",
        "How many places did Phu Yen climb in the 2024 PCI?",
        "Cà Mau tăng bao nhiêu bậc về Chỉ số CCHC năm 2024?",
        "ca mau tang may bac chi so cchc nam 2024",
        "How many places did Ca Mau climb on the 2024 PAR Index?",
    ],
)
def test_a_figure_from_another_index_or_year_does_not_answer(store, question):
    a = ask(store, question)
    assert not primary(a)


@pytest.mark.parametrize(
    ("question", "entity", "change"),
    [
        ("Bình Định tăng bao nhiêu bậc về PCI năm 2024?", "Bình Định", 3),
        ("kien giang tang may bac chi so cchc nam 2024", "Kiên Giang", 6),
        ("How many places did Lam Dong climb in the 2024 DTI?", "Lâm Đồng", 4),
    ],
)
def test_a_figure_from_its_own_sentence_still_answers(store, question, entity, change):
    a = ask(store, question)
    assert {(r["entity"], r["rank_change"]) for r in primary(a)} == {(entity, change)}


# -- two sources seating different units at one place ----------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Tỉnh nào xếp thứ 4 cả nước về Chỉ số SIPAS năm 2024?",
        "tinh nao xep thu 4 sipas 2024",
        "Which province ranked fourth in the 2024 SIPAS?",
    ],
)
def test_rival_claims_to_one_place_are_candidates(store, question):
    a = ask(store, question)
    assert not primary(a) and not a.found


@pytest.mark.parametrize(
    "question",
    ["Tỉnh nào xếp thứ 7 cả nước về Chỉ số SIPAS năm 2024?", "tinh nao xep thu 7 sipas 2024"],
)
def test_a_place_said_to_be_shared_names_both(store, question):
    a = ask(store, question)
    assert entities(a) == {"Hà Nam", "Nam Định"}


# -- an initiative stored for a unit its quote does not name ---------------------------------


def names_of(a: Answer) -> set[str]:
    return {r["name"] for r in primary(a) if "name" in r}


@pytest.mark.parametrize(
    "question",
    [
        "Đơn vị nào triển khai mô hình “Công chức tận tâm”?",
        "don vi nao trien khai mo hinh “Cong chuc tan tam”",
        "Which agency runs the “Công chức tận tâm” model?",
    ],
)
def test_an_initiative_of_another_unit_is_not_answered_for_this_one(store, question):
    a = ask(store, question)
    assert "Sở Tư pháp" not in entities(a)


@pytest.mark.parametrize(
    "question",
    [
        "Sở Tư pháp tỉnh Bến Tre triển khai mô hình nào năm 2024?",
        "so tu phap tinh ben tre trien khai mo hinh nao nam 2024",
    ],
)
def test_the_units_own_initiative_still_answers(store, question):
    a = ask(store, question)
    assert names_of(a) == {"Thứ Năm lắng nghe"}


def test_who_runs_an_initiative_its_quote_names(store):
    a = ask(store, "Đơn vị nào duy trì mô hình “Thứ Năm lắng nghe”?")
    assert entities(a) == {"Sở Tư pháp"}


@pytest.mark.parametrize(
    "question",
    [
        "Đơn vị nào tổ chức mô hình “Cà phê sáng thứ Bảy” ở Bến Tre?",
        "mo hinh “Ca phe sang thu Bay” o Ben Tre do don vi nao to chuc",
    ],
)
def test_a_unit_whose_quote_shortens_its_name_still_answers(store, question):
    a = ask(store, question)
    assert entities(a) == {"Hiệp hội Doanh nghiệp tỉnh Bến Tre"}


# -- the headline says what office the article's figures are of --------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Tháng 5/2024, Trung tâm Phục vụ hành chính công tỉnh Vĩnh Long có bao nhiêu hồ sơ "
        "trễ hạn?",
        "thang 5/2024 trung tam phuc vu hanh chinh cong vinh long co bao nhieu ho so tre han",
    ],
)
def test_the_headline_names_the_office_of_a_figure(store, question):
    a = ask(store, question)
    assert values(a) == {23}


def test_the_headline_does_not_make_a_late_count_an_on_time_one(store):
    a = ask(store, "Tháng 5/2024, Trung tâm Phục vụ hành chính công tỉnh Vĩnh Long có bao nhiêu "
                   "hồ sơ đúng hạn?")
    assert not primary(a)


# -- the people surveyed for an index ------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("Để xác định Chỉ số SIPAS năm 2025, Bộ Nội vụ lấy ý kiến bao nhiêu người dân?", 40120),
        ("de xac dinh chi so sipas nam 2025 bo noi vu lay y kien bao nhieu nguoi dan", 40120),
        ("How many citizens were interviewed for the PAPI in 2025?", 15200),
    ],
)
def test_people_surveyed_for_an_index_are_the_countrys_figure(store, question, value):
    a = ask(store, question)
    assert values(a) == {value} and entities(a) == {"Việt Nam"}


def test_a_total_of_forms_is_not_the_citizens_forms(store):
    a = ask(store, "Năm 2025, Bộ Nội vụ thu về bao nhiêu phiếu khảo sát người dân cho SIPAS?")
    assert 92300 not in values(a)


# -- the average of a province's units is not the province's score ------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Chỉ số SIPAS bình quân của các sở, ngành tỉnh Yên Bái năm 2025 là bao nhiêu?",
        "sipas binh quan cua cac so nganh tinh yen bai nam 2025",
        "What was the average SIPAS of Yen Bai's departments in 2025?",
    ],
)
def test_the_average_of_a_provinces_units_is_not_its_score(store, question):
    a = ask(store, question)
    assert not any(r["record_type"] == "index_result" for r in primary(a))


@pytest.mark.parametrize(
    "question",
    [
        "Chỉ số SIPAS bình quân của các sở, ngành tỉnh Yên Bái năm 2025 là bao nhiêu?",
        "sipas binh quan cua cac so nganh tinh yen bai nam 2025",
    ],
)
def test_the_average_of_a_provinces_units_is_answered(store, question):
    assert values(ask(store, question)) == {93.25}


def test_the_provinces_own_score_still_answers(store):
    a = ask(store, "Chỉ số SIPAS của Yên Bái năm 2025 đạt bao nhiêu?")
    assert {r.get("score") for r in primary(a)} == {84.1}


# -- a commune placed in its province by the official lists --------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Xã nào của tỉnh Đắk Lắk duy trì mô hình “Chiều thứ Sáu nghe dân nói”?",
        "xa nao cua tinh dak lak duy tri mo hinh “Chieu thu Sau nghe dan noi”",
    ],
)
def test_a_commune_is_placed_in_its_province(store, question):
    assert entities(ask(store, question)) == {"xã Ea Kar"}


def test_a_commune_is_not_placed_in_another_province(store):
    a = ask(store, "Xã nào của tỉnh Gia Lai duy trì mô hình “Chiều thứ Sáu nghe dân nói”?")
    assert not primary(a)


# -- a department's short name, as its ministry's ---------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Sở nào dẫn đầu chỉ số chuyển đổi số của tỉnh Phú Yên năm 2025?",
        "so nao dan dau dti tinh phu yen nam 2025",
    ],
)
def test_a_department_named_short_is_not_contradicted(store, question):
    assert entities(ask(store, question)) == {"Sở Tài nguyên và Môi trường"}


# -- a move over several years is not the year's ------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Những tỉnh nào tăng hạng SIPAS năm 2023?",
        "nhung tinh nao tang hang sipas nam 2023",
        "Which provinces moved up in the 2023 SIPAS?",
    ],
)
def test_a_list_with_a_move_over_several_years_is_not_confident(store, question):
    assert not primary(ask(store, question))


@pytest.mark.parametrize(
    "question",
    [
        "Những tỉnh nào tăng hạng DTI năm 2023?",
        "nhung tinh nao tang hang dti nam 2023",
        "Which provinces moved up in the 2023 DTI?",
    ],
)
def test_a_list_of_the_years_moves_answers(store, question):
    assert entities(ask(store, question)) == {"Sóc Trăng", "Bạc Liêu"}


# -- the country's figure stored for a province ---------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Tỷ lệ hồ sơ trực tuyến toàn trình chung của Hòa Bình năm 2024 là bao nhiêu?",
        "ty le ho so truc tuyen toan trinh chung cua hoa binh nam 2024",
    ],
)
def test_a_figure_after_a_sentence_about_the_country_is_not_the_provinces(store, question):
    assert 41.3 not in values(ask(store, question))


def test_the_provinces_own_figure_still_answers(store):
    a = ask(store, "Tỷ lệ hồ sơ trực tuyến toàn trình của Hòa Bình năm 2024 là bao nhiêu?")
    assert values(a) == {61.2}


@pytest.mark.parametrize(
    "question",
    [
        "Những tỉnh nào tăng hạng DTI năm 2022?",
        "nhung tinh nao tang hang dti nam 2022",
        "Which provinces moved up in the 2022 DTI?",
    ],
)
def test_a_move_told_by_a_former_place_leaves_the_list_short(store, question):
    assert not primary(ask(store, question))


# -- a close name is perhaps another initiative -------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Đơn vị nào tổ chức mô hình “Cà phê doanh nhân”?",
        "don vi nao to chuc mo hinh “Ca phe doanh nhan”",
        "Who runs the “Cà phê doanh nhân” model?",
    ],
)
def test_a_close_name_is_not_answered_as_the_one_asked(store, question):
    assert not primary(ask(store, question))


def test_the_name_itself_still_answers(store):
    a = ask(store, "Đơn vị nào duy trì mô hình “Cà phê doanh nghiệp”?")
    assert entities(a) == {"Sở Công Thương"}


# -- one grade's count is not another's ---------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Năm 2024, tỉnh Quảng Bình có bao nhiêu huyện xếp loại Khá?",
        "nam 2024 tinh quang binh co bao nhieu huyen xep loai kha",
        "How many districts of Quang Binh were rated fair in 2024?",
    ],
)
def test_a_count_of_another_grade_does_not_answer(store, question):
    assert not primary(ask(store, question))


@pytest.mark.parametrize(
    "question",
    [
        "Năm 2024, tỉnh Quảng Bình có bao nhiêu huyện xếp loại Tốt?",
        "nam 2024 tinh quang binh co bao nhieu huyen xep loai tot",
    ],
)
def test_the_grades_own_count_answers(store, question):
    assert values(ask(store, question)) == {5}


@pytest.mark.parametrize(
    "question",
    [
        "Năm 2024, Tây Ninh có bao nhiêu dịch vụ công trực tuyến toàn trình?",
        "nam 2024 tay ninh co bao nhieu dich vu cong truc tuyen toan trinh",
    ],
)
def test_a_fully_online_service_is_online_without_saying_so(store, question):
    assert values(ask(store, question)) == {410}
