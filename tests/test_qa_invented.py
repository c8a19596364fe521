"""Invented questions of each family, the way analysts and journalists word them, over an
invented corpus (tests/support/qa_invented.py): answers must rest on records of the entity,
index, year and scope the question fixes, and a figure the store cannot establish is
refused with candidates rather than answered."""

from __future__ import annotations

import pytest
from support.qa_asking import grounded_answer, primary, store_fixture
from support.qa_invented import TEXTS, build_store

from llmx.qa.answer import Answer
from llmx.qa.names import NameIndex
from llmx.qa.parse_rules import parse
from llmx.store import Store

store = store_fixture(build_store, "inv")


def ask(store: Store, question: str) -> Answer:
    return grounded_answer(store, question, TEXTS)


def answered(a: Answer) -> set[tuple[str, int | None]]:
    return {(r["entity"], r.get("rank")) for r in primary(a)}


# -- words that fold like a move verb ---------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "tinh nao xep thu ba chi so nang luc canh tranh cap tinh nam 2024",
        "Tỉnh nào xếp thứ ba Chỉ số năng lực cạnh tranh cấp tỉnh năm 2024?",
        "Which province came third in the 2024 PCI?",
    ],
)
def test_nang_luc_is_no_rise(store, question):
    # "năng lực" (capacity) folds to "nang luc", like "nâng" (raise): not a rises question.
    a = ask(store, question)
    assert a.query["ask"] == "entity_for_rank" and "direction" not in a.query
    assert answered(a) == {("Khánh Hòa", 3)}


@pytest.mark.parametrize(
    ("question", "direction"),
    [
        ("nhung tinh nao thang hang pci 2024", "up"),
        ("Những tỉnh nào thăng hạng PCI năm 2024?", "up"),
        ("tinh nao nang hang PCI 2024", "up"),
        ("tinh nao giam hang pci 2024", "down"),
        ("Tỉnh nào giảm bậc PCI 2024?", "down"),
    ],
)
def test_move_verbs_still_read(store, question, direction):
    a = ask(store, question)
    assert a.query["ask"] == "change_list" and a.query["direction"] == direction


@pytest.mark.parametrize(
    "question",
    [
        "thang 12/2024 tinh nao dan dau PCI",
        "Tháng 12/2024, tỉnh nào dẫn đầu PCI?",
        "Giám đốc sở hỏi: tỉnh nào dẫn đầu PCI năm 2024?",
    ],
)
def test_month_and_director_are_no_moves(store, question):
    a = ask(store, question)
    assert a.query["ask"] == "entity_for_rank" and answered(a) == {("Bình Định", 1)}


# -- top and bottom N -------------------------------------------------------------------------


def test_top_n_with_the_first_places_stated(store):
    a = ask(store, "Top 3 tỉnh dẫn đầu PCI năm 2024")
    assert a.found and [r["entity"] for r in primary(a)] == ["Bình Định", "Phú Yên", "Khánh Hòa"]
    # without a year: the newest one, said so
    b = ask(store, "3 tỉnh dẫn đầu PCI là những tỉnh nào?")
    assert b.found and "không nêu năm: dùng năm 2024" in b.text


@pytest.mark.parametrize(
    "question",
    [
        "Top 5 tỉnh dẫn đầu PCI năm 2024",
        "5 tinh co diem PCI cao nhat nam 2024",
        "Which were the five best provinces in the PCI 2024?",
        "3 tỉnh xếp cuối PCI năm 2024 là những tỉnh nào?",
        "Bottom 3 provinces in the PCI 2024",
    ],
)
def test_top_or_bottom_n_the_store_cannot_establish_is_refused(store, question):
    # The store holds places 1-3, 17, 50 and 63 of 63: the 4th and 5th (and the 61st and
    # 62nd) are unknown, so the best (worst) five (three) stored are candidates only.
    a = ask(store, question)
    assert a.query["ask"] in ("top", "bottom") and not a.found and not primary(a)
    assert a.records  # shown as candidates


def test_last_place_stated(store):
    a = ask(store, "Tỉnh nào xếp cuối bảng PCI năm 2024?")
    assert answered(a) == {("Cà Mau", 63)}


# -- a region as the scope of a ranking, or as the entity asked about --------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Kon Tum đứng thứ mấy trong vùng Tây Nguyên về PCI năm 2024?",
        "kon tum xep hang may trong vung tay nguyen ve pci 2024",
        "What was Kon Tum's rank in the Central Highlands region on the PCI 2024?",
    ],
)
def test_rank_within_a_region_the_store_also_holds_as_an_entity(store, question):
    a = ask(store, question)
    assert a.query["entity"] == "Kon Tum" and a.query["scope"] == "region:Tây Nguyên"
    assert answered(a) == {("Kon Tum", 2)}


def test_national_rank_is_not_the_regional_one(store):
    a = ask(store, "Kon Tum xếp thứ mấy PCI năm 2024?")
    assert answered(a) == {("Kon Tum", 41)}
    b = ask(store, "Tỉnh nào đứng thứ 2 PCI năm 2024?")
    assert answered(b) == {("Phú Yên", 2)}


@pytest.mark.parametrize(
    "question",
    [
        "Tỉnh nào đứng thứ 2 vùng Tây Nguyên về PCI 2024?",
        "Which province came second in the Central Highlands on the PCI 2024?",
    ],
)
def test_who_is_nth_in_a_region(store, question):
    a = ask(store, question)
    assert a.query["scope"] == "region:Tây Nguyên" and answered(a) == {("Kon Tum", 2)}


def test_region_asked_about_is_the_entity(store):
    a = ask(store, "Vùng Tây Nguyên đạt bao nhiêu điểm PCI năm 2024?")
    assert [r["entity"] for r in primary(a)] == ["Tây Nguyên"] and primary(a)[0]["score"] == 62.4


def test_a_regional_rank_beyond_the_regions_size_answers_nothing(store):
    # Tây Nguyên holds five provinces: "30/63" is no rank within it.
    a = ask(store, "Đắk Lắk xếp thứ mấy trong vùng Tây Nguyên về PCI 2024?")
    assert not a.found


# -- names of ministries: a plan word, an acronym that is a word ------------------------------


def test_a_plan_word_inside_a_name_asks_no_plan(store):
    a = ask(store, "Bộ Kế hoạch và Đầu tư xếp thứ mấy về Chỉ số CCHC?")
    assert not a.query.get("targets") and answered(a) == {("Bộ Kế hoạch và Đầu tư", 6)}
    # ... while a plan asked in so many words reads the target
    b = ask(store, "Bộ Kế hoạch và Đầu tư đặt mục tiêu xếp thứ mấy về Chỉ số CCHC năm 2025?")
    assert b.query.get("targets") and answered(b) == {("Bộ Kế hoạch và Đầu tư", 3)}


@pytest.mark.parametrize(
    "question",
    [
        "Which ministry climbed the most in the PAR Index 2024?",
        "Which ministry gained the most places in the 2024 PAR Index?",
    ],
)
def test_the_most_is_not_the_ministry_of_science(store, question):
    # "MoST" is the Ministry of Science and Technology; "the most" is not.
    a = ask(store, question)
    assert a.query["ask"] == "change_extreme" and answered(a) == {("Bộ Tư pháp", 4)}


def test_acronyms_written_as_acronyms_still_name_their_ministry(store):
    a = ask(store, "What was MoST's PAR Index rank in 2024?")
    assert answered(a) == {("Bộ Khoa học và Công nghệ", 9)}


def test_acronym_parse_without_a_store():
    names = NameIndex.build(["bo khoa hoc va cong nghe", "ngan hang nha nuoc viet nam"])
    assert parse("Which province improved the most in the PCI 2024?", names).entity is None
    assert parse("MOST PAR Index 2024 rank", names).entity_keys == ["bo khoa hoc va cong nghe"]
    # an acronym that reads as no word is found in any case
    assert parse("sbv xep thu may chi so cchc 2024", names).entity_keys == [
        "ngan hang nha nuoc viet nam"
    ]


# -- a unit of the same name in two provinces --------------------------------------------------


def test_a_department_named_without_its_province_in_two_provinces_is_ambiguous(store):
    a = ask(store, "Sở Xây dựng xếp thứ mấy về Chỉ số CCHC năm 2024?")
    assert not a.found and {r["scope"] for r in a.records} == {
        "province:Hậu Giang", "province:Bạc Liêu"
    }


@pytest.mark.parametrize(
    ("question", "rank"),
    [
        ("Sở Xây dựng tỉnh Hậu Giang xếp thứ mấy về Chỉ số CCHC năm 2024?", 5),
        ("so xay dung bac lieu dung thu may chi so cchc 2024", 12),
    ],
)
def test_a_department_with_its_province(store, question, rank):
    assert answered(ask(store, question)) == {("Sở Xây dựng", rank)}


# -- a component named between "về"/"on" and the index ------------------------------------------


@pytest.mark.parametrize(
    ("question", "score"),
    [
        ("Tuyên Quang đạt bao nhiêu điểm về Nhân lực số trong DTI năm 2024?", 0.441),
        ("tuyen quang dat bao nhieu diem ve nhan luc so trong dti 2024", 0.441),
        ("What did Tuyen Quang score on Nhân lực số in the DTI 2024?", 0.441),
        ("Tuyên Quang đạt bao nhiêu điểm về Nhận thức số trong DTI năm 2024?", 0.95),
        ("What did Tuyen Quang score on transparency in the PAPI 2024?", 5.61),
        ("Tuyên Quang đạt bao nhiêu điểm về Transparency trong PAPI 2024?", 5.61),
    ],
)
def test_a_component_before_the_index_is_asked(store, question, score):
    # Folded, "Nhận thức số" and "Nhân lực số" share two words of three: the one named
    # exactly is the answer, and the whole index's score never is.
    a = ask(store, question)
    assert [(r["component"], r["score"]) for r in primary(a)] == [
        (primary(a)[0]["component"], score)
    ]
    assert primary(a)[0]["component"] is not None


@pytest.mark.parametrize(
    "question",
    [
        "What did Tuyen Quang score on accountability to the people in the PAPI 2024?",
        "Tuyên Quang đạt bao nhiêu điểm về kiểm soát tham nhũng trong PAPI năm 2024?",
    ],
)
def test_a_component_not_stored_is_refused_not_answered_with_the_total(store, question):
    a = ask(store, question)
    assert a.query.get("component") and not a.found


@pytest.mark.parametrize(
    ("question", "score"),
    [
        ("Tuyên Quang đạt bao nhiêu điểm về PAPI năm 2024?", 44.1),
        ("What was Tuyen Quang's score in the PAPI 2024?", 44.1),
        ("Tuyên Quang xếp thứ mấy trên bảng xếp hạng DTI năm 2024?", 0.612),
        ("What was Tuyen Quang's rank on the national ranking of the DTI 2024?", 0.612),
    ],
)
def test_no_component_between_about_and_the_index(store, question, score):
    a = ask(store, question)
    assert "component" not in a.query and [r["score"] for r in primary(a)] == [score]


def test_which_component_questions_stay_unread_by_the_slot():
    q = parse("nhung linh vuc nao cua ha tinh bi giam bac trong chi so cchc nam 2021",
              NameIndex.build())  # fmt: skip
    assert q.component is None


# -- a confident reading is not lost to a doubtful one holding more figures ---------------------


def test_confident_first_places_of_two_groups_are_both_the_answer(store):
    a = ask(store, "Bộ nào dẫn đầu DTI năm 2024?")
    assert {r["entity"] for r in primary(a)} == {"Bộ Nội vụ", "Thông tấn xã Việt Nam"}


# -- ties at the rank asked --------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    ["Tỉnh nào dẫn đầu SIPAS năm 2024?", "Which province topped SIPAS 2024?"],
)
def test_a_quote_naming_no_unit_does_not_tie_with_one_naming_its_own(store, question):
    assert answered(ask(store, question)) == {("Bắc Kạn", 1)}


@pytest.mark.parametrize(
    "question",
    [
        "Sở nào dẫn đầu SIPAS trong các sở tỉnh Long An năm 2024?",
        # "các sở tỉnh" folds to "so tinh", like "số tỉnh" (how many provinces): no count
        "so nao dan dau sipas trong cac so tinh long an 2024",
    ],
)
def test_a_record_its_quote_contradicts_is_no_tie(store, question):
    a = ask(store, question)
    assert a.query["ask"] == "entity_for_rank" and answered(a) == {("Sở Tài chính", 1)}


@pytest.mark.parametrize(
    "question",
    ["Số tỉnh tăng hạng PCI năm 2024 là bao nhiêu?", "so tinh tang hang pci 2024 la bao nhieu"],
)
def test_so_tinh_still_asks_a_count(question):
    q = parse(question, NameIndex.build())
    assert q.ask == "metric" and q.counts


# -- a period shorter than the year --------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("Tháng 9/2024, Trà Vinh tiếp nhận bao nhiêu hồ sơ?", 2150),
        ("thang 9/2024 tra vinh tiep nhan bao nhieu ho so", 2150),
        ("9 tháng năm 2024, Trà Vinh tiếp nhận bao nhiêu hồ sơ?", 18400),
        ("Lũy kế 9 tháng đầu năm 2024 Trà Vinh tiếp nhận bao nhiêu hồ sơ?", 18400),
        ("How many dossiers did Tra Vinh receive in the first nine months of 2024?", 18400),
    ],
)
def test_the_period_asked_selects_the_figure(store, question, value):
    assert [r["value"] for r in primary(ask(store, question))] == [value]


@pytest.mark.parametrize(
    "question",
    [
        "Quý III/2024, Trà Vinh tiếp nhận bao nhiêu hồ sơ?",
        "6 tháng đầu năm 2024 Trà Vinh tiếp nhận bao nhiêu hồ sơ?",
        "How many dossiers did Tra Vinh receive in August 2024?",
    ],
)
def test_another_period_is_not_the_one_asked(store, question):
    assert not primary(ask(store, question))


@pytest.mark.parametrize(
    "question",
    [
        "Năm 2024 Trà Vinh tiếp nhận bao nhiêu hồ sơ?",
        "How many dossiers did Tra Vinh receive in 2024?",
    ],
)
def test_a_part_of_the_year_is_no_answer_for_the_year(store, question):
    # Only a month's and nine months' figures are stored: the year's is not known.
    a = ask(store, question)
    assert not primary(a) and {r["value"] for r in a.records} == {2150, 18400}


def test_a_date_in_a_month_is_no_period():
    from llmx.core.textnorm import fold
    from llmx.qa.execute import _periods

    assert _periods(fold("As of December 31, 2021, agencies processed 99% on time")) == set()
    assert _periods(fold("In October 2020 the centre received 10,180 dossiers")) == {("month", 10)}
    assert _periods(fold("Cộng dồn đến hết tháng 4/2025")) == {("months", 4)}
    assert _periods(fold("Tháng 4/2025, trung tâm tiếp nhận")) == {("month", 4)}
    assert _periods(fold("quý III/2020")) == {("quarter", 3)}
