"""Invented questions (Vietnamese, without diacritics, English) for answers the store holds
but the planner or the matcher missed: a rank whose quote names its own region, several
initiatives one sentence names, an English verb for a metric's noun, a doubtful rival that
its own quote places elsewhere, and a country's count "as of" a day. Each has a negative
case that must still be refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support.qa_asking import grounded_answer, primary, store_fixture
from support.qa_corpus import sentence, store_corpus

from llmx.core.records import IndexResult, Initiative, Metric
from llmx.qa.answer import Answer
from llmx.qa.names import build_index
from llmx.qa.parse_rules import parse
from llmx.store import Store

REGION = (
    "DTI vùng Tây Nguyên năm 2023\n"
    "Trong nhóm các tỉnh Tây Nguyên, tỉnh xếp thứ 3/5, tăng 1 bậc.\n"
    "Trong vùng Tây Nguyên, Kon Tum xếp thứ 2/5 về DTI năm 2023.\n"
    "Vùng Tây Nguyên đạt 0,5120 điểm DTI năm 2023.\n"
)
MODELS = (
    "Hậu Giang chọn mô hình phục vụ người dân\n"
    "UBND tỉnh Hậu Giang yêu cầu các xã chọn một trong hai mô hình “Chiều thứ Sáu lắng nghe”"
    " hoặc “Hẹn giờ trả kết quả”.\n"
    "Tỉnh cũng duy trì mô hình “Cà phê doanh nghiệp” mỗi quý.\n"
)
GROWTH = "Long An năm 2023\nNăm 2023, tăng trưởng GRDP của Long An đạt 7,25%.\n"
PCI_A = "PCI 2023\nNăm 2023, Bình Phước dẫn đầu PCI với 72,10 điểm.\n"
PCI_B = "PCI 2023 nhìn lại\nTây Ninh, tỉnh nhiều năm dẫn đầu PCI, xếp thứ 2 với 70,50 điểm.\n"
PAPI_A = "PAPI 2023\nNăm 2023, Hà Nam dẫn đầu PAPI.\n"
PAPI_B = "PAPI 2023 nhìn lại\nNam Định, tỉnh láng giềng, cũng được nêu là dẫn đầu PAPI năm 2023.\n"
COUNT = "Điểm phục vụ số\nTính đến ngày 30/9/2023, cả nước có 41.250 điểm phục vụ số lưu động.\n"
MOVES = (
    "PCI 2023 và Chỉ số CCHC, SIPAS 2022\n"
    "Năm 2023, Phú Thọ giảm 4 bậc về PCI.\n"
    "Năm 2023, Hòa Bình tăng 3 bậc về PCI.\n"
    "Thai Binh's PCI ranking for 2023 fell 6 places from the year before.\n"
    "Năm 2023, Lạng Sơn giữ nguyên thứ hạng PCI so với năm trước.\n"
    "Ninh Bình tăng 5 bậc về Chỉ số CCHC năm 2022.\n"
    "Về Chỉ số CCHC, so với năm 2021, thứ hạng của Hà Nam tăng 2 bậc.\n"
    "Hưng Yên tăng 3 bậc về SIPAS năm 2022.\n"
    "Về SIPAS, so với năm 2019, Thái Nguyên tăng 4 bậc.\n"
)
# A table of the whole national ranking that gives places without a total ("63", not
# "63/63"), as a 63-row table does; its last rows only.
TABLE = (
    "Xếp hạng PAPI năm 2019 của 63 tỉnh, thành phố\nCao Bằng | 61\nLào Cai | 62\nĐiện Biên | 63\n"
)
FALLS = "PAPI 2021\nSo với năm 2020, 9 địa phương có chỉ số PAPI đi xuống.\n"
TEXTS = {"fx-falls": FALLS, "fx-table": TABLE, "fx-moves": MOVES, "fx-region": REGION,
         "fx-models": MODELS, "fx-growth": GROWTH, "fx-pci-a": PCI_A, "fx-pci-b": PCI_B,
         "fx-papi-a": PAPI_A, "fx-papi-b": PAPI_B, "fx-count": COUNT}  # fmt: skip


def _ir(text: str, needle: str, **kw: Any) -> IndexResult:
    kw.setdefault("year", 2023)
    return IndexResult(evidence=sentence(text, needle), **kw)


def _init(text: str, needle: str, name: str) -> Initiative:
    ev = sentence(text, needle)
    return Initiative(entity="Hậu Giang", name=name, kind="mô hình", evidence=ev)


def records() -> dict[str, dict[str, list]]:
    tn = "region:Tây Nguyên"
    papi = {"index": "PAPI", "year": 2019}
    return {
        "fx-falls": {"metrics": [
            Metric(entity="Việt Nam", name="số địa phương có chỉ số PAPI đi xuống", value=9,
                   unit="địa phương", year=2021, evidence=sentence(FALLS, "đi xuống")),
        ]},
        "fx-table": {"index_results": [
            _ir(TABLE, "Cao Bằng", entity="Cao Bằng", rank=61, **papi),
            _ir(TABLE, "Lào Cai", entity="Lào Cai", rank=62, **papi),
            _ir(TABLE, "Điện Biên", entity="Điện Biên", rank=63, **papi),
        ]},
        "fx-moves": {"index_results": [
            _ir(MOVES, "Phú Thọ", entity="Phú Thọ", index="PCI", rank_change=-4),
            _ir(MOVES, "Hòa Bình", entity="Hòa Bình", index="PCI", rank_change=3),
            _ir(MOVES, "Lạng Sơn", entity="Lạng Sơn", index="PCI", rank_change=0),
            # A province's fall stored for a department, as an extractor may.
            _ir(MOVES, "Thai Binh", entity="Sở Tài chính", entity_level="department",
                index="PCI", rank_change=-6, confidence=0.2),
            _ir(MOVES, "Ninh Bình", entity="Ninh Bình", index="PAR_INDEX", year=2022,
                rank_change=5),
            # A 2022 rise stored without its year: the quote compares with 2021.
            _ir(MOVES, "Hà Nam", entity="Hà Nam", index="PAR_INDEX", year=None, rank_change=2),
            _ir(MOVES, "Hưng Yên", entity="Hưng Yên", index="SIPAS", year=2022, rank_change=3),
            # Undated, compared with 2019: not a 2022 move.
            _ir(MOVES, "Thái Nguyên", entity="Thái Nguyên", index="SIPAS", year=None,
                rank_change=4),
        ]},
        "fx-region": {"index_results": [
            # The quote names the region it ranks within, not the province: the scope said.
            _ir(REGION, "nhóm các tỉnh", entity="Gia Lai", index="DTI", rank=3, rank_total=5,
                rank_change=1, scope=tn, confidence=0.3),
            # The quote names another province: no evidence for the one stored.
            _ir(REGION, "Kon Tum", entity="Đắk Nông", index="DTI", rank=2, rank_total=5,
                scope=tn, confidence=0.3),
            _ir(REGION, "0,5120", entity="Tây Nguyên", entity_level="region", index="DTI",
                score=0.512),
        ]},
        "fx-models": {"initiatives": [
            _init(MODELS, "một trong hai", "Chiều thứ Sáu lắng nghe"),
            _init(MODELS, "một trong hai", "Hẹn giờ trả kết quả"),
            _init(MODELS, "Cà phê", "Cà phê doanh nghiệp"),
        ]},
        "fx-growth": {"metrics": [
            Metric(entity="Long An", name="tăng trưởng GRDP", value=7.25, unit="%", year=2023,
                   evidence=sentence(GROWTH, "7,25")),
        ]},
        "fx-pci-a": {"index_results": [
            _ir(PCI_A, "Bình Phước", entity="Bình Phước", index="PCI", rank=1, score=72.1,
                confidence=0.6),
        ]},
        "fx-pci-b": {"index_results": [
            # A misreading: the quote places Tây Ninh second, stored at first.
            _ir(PCI_B, "Tây Ninh", entity="Tây Ninh", index="PCI", rank=1, confidence=0.1),
        ]},
        "fx-papi-a": {"index_results": [
            _ir(PAPI_A, "Hà Nam", entity="Hà Nam", index="PAPI", rank=1, confidence=0.6),
        ]},
        "fx-papi-b": {"index_results": [
            _ir(PAPI_B, "Nam Định", entity="Nam Định", index="PAPI", rank=1, confidence=0.1),
        ]},
        "fx-count": {"metrics": [
            Metric(entity="Việt Nam", name="số điểm phục vụ số lưu động", value=41250,
                   unit="điểm", year=2023, evidence=sentence(COUNT, "41.250")),
        ]},
    }  # fmt: skip


def build_store(path: Path) -> Store:
    return store_corpus(path, TEXTS, records())


store = store_fixture(build_store, "fx")


def ask(store: Store, question: str) -> Answer:
    return grounded_answer(store, question, TEXTS)


def entities(a: Answer) -> set[str]:
    return {r["entity"] for r in primary(a)}


@pytest.mark.parametrize(
    "question",
    [
        "Gia Lai xếp thứ mấy trong vùng Tây Nguyên về DTI năm 2023?",
        "gia lai xep thu may trong vung tay nguyen ve DTI nam 2023",
        "What was Gia Lai's rank among the Central Highlands provinces in the 2023 DTI?",
    ],
)
def test_quote_naming_its_own_region_answers(store, question):
    a = ask(store, question)
    assert a.found and entities(a) == {"Gia Lai"} and primary(a)[0]["rank"] == 3


@pytest.mark.parametrize(
    "question",
    [
        "Đắk Nông xếp thứ mấy trong vùng Tây Nguyên về DTI năm 2023?",
        "Where did Dak Nong rank among the Central Highlands provinces in the 2023 DTI?",
    ],
)
def test_quote_naming_another_province_still_refused(store, question):
    assert not ask(store, question).found


@pytest.mark.parametrize(
    "question",
    [
        "UBND tỉnh Hậu Giang yêu cầu các xã chọn những mô hình nào?",
        "ubnd tinh hau giang yeu cau cac xa chon nhung mo hinh nao",
        "Which models did Hau Giang ask its communes to choose?",
    ],
)
def test_initiatives_named_in_one_sentence_all_answer(store, question):
    a = ask(store, question)
    names = {r["name"] for r in primary(a)}
    assert a.found and names == {"Chiều thứ Sáu lắng nghe", "Hẹn giờ trả kết quả"}
    # The model of another sentence is a lesser match, not part of the answer.
    assert "Cà phê doanh nghiệp" not in names
    assert "Hẹn giờ trả kết quả" in a.text and "ngang nhau" not in a.text


@pytest.mark.parametrize(
    "question",
    [
        "How much did Long An's GRDP grow in 2023?",
        "GRDP của Long An năm 2023 tăng trưởng bao nhiêu?",
        "grdp cua long an nam 2023 tang truong bao nhieu",
    ],
)
def test_growth_verb_meets_growth_noun(store, question):
    a = ask(store, question)
    assert a.found and primary(a)[0]["value"] == 7.25


def test_growth_of_something_else_refused(store):
    assert not ask(store, "How much did Long An's exports grow in 2023?").found


@pytest.mark.parametrize(
    "question",
    [
        "Tỉnh nào dẫn đầu PCI năm 2023?",
        "tinh nao dan dau PCI nam 2023",
        "Which province topped the PCI in 2023?",
    ],
)
def test_rival_placed_elsewhere_by_its_own_quote(store, question):
    a = ask(store, question)
    assert a.found and entities(a) == {"Bình Phước"}


@pytest.mark.parametrize(
    "question", ["Tỉnh nào dẫn đầu PAPI năm 2023?", "Which province topped the PAPI in 2023?"]
)
def test_rival_claiming_the_same_place_still_refused(store, question):
    assert not ask(store, question).found


@pytest.mark.parametrize(
    "question",
    [
        "Tính đến ngày 30/9/2023, cả nước có bao nhiêu điểm phục vụ số lưu động?",
        "tinh den ngay 30/9/2023 ca nuoc co bao nhieu diem phuc vu so luu dong",
    ],
)
def test_country_count_as_of_a_day(store, question):
    a = ask(store, question)
    assert a.query["year"] == 2023 and a.found and primary(a)[0]["value"] == 41250


def test_as_of_date_sets_the_year_in_english():
    q = parse("As of 30/9/2023, how many mobile digital service points were there nationwide?",
              build_index(None))  # fmt: skip
    assert q.year == 2023 and q.entity == "Việt Nam"


def test_start_date_sets_no_year():
    q = parse("Từ ngày 01/01/2023 tỉnh Hậu Giang áp dụng mô hình nào?", build_index(None))
    assert q.year is None


@pytest.mark.parametrize(
    "question",
    [
        "Những tỉnh nào tụt hạng PCI năm 2023?",
        "nhung tinh nao tut hang PCI nam 2023",
        "Which provinces dropped in the 2023 PCI rankings?",
        "Những tỉnh nào tăng hạng Chỉ số CCHC năm 2022?",
        "nhung tinh nao tang hang chi so CCHC nam 2022",
        "Which provinces moved up in the 2022 PAR Index?",
    ],
)
def test_list_short_of_a_move_held_elsewhere_is_refused(store, question):
    # Thái Bình's fall is stored for a department; Hà Nam's rise without its year.
    a = ask(store, question)
    assert not a.found


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("Những tỉnh nào tăng hạng PCI năm 2023?", {"Hòa Bình"}),
        ("Which provinces moved up in the 2023 PCI?", {"Hòa Bình"}),
        ("nhung tinh nao tang hang SIPAS nam 2022", {"Hưng Yên"}),
    ],
)
def test_moves_held_elsewhere_the_other_way_or_year_leave_the_list(store, question, want):
    a = ask(store, question)
    assert a.found and entities(a) == want


@pytest.mark.parametrize(
    "question",
    [
        "Tỉnh nào đứng cuối bảng PAPI năm 2019?",
        "tinh nao xep cuoi PAPI 2019",
        "Which province ranked last in the 2019 PAPI?",
    ],
)
def test_last_place_of_every_province(store, question):
    # 63rd of the provinces' national ranking (before the 2025 merger) is the last.
    a = ask(store, question)
    assert a.found and entities(a) == {"Điện Biên"}


@pytest.mark.parametrize(
    "question",
    [
        "3 tỉnh xếp cuối PAPI năm 2019 là những tỉnh nào?",
        "Which were the bottom 3 provinces in PAPI 2019?",
        "Which were the three lowest provinces in PAPI 2019?",
    ],
)
def test_bottom_three_of_every_province(store, question):
    a = ask(store, question)
    assert a.found and entities(a) == {"Cao Bằng", "Lào Cai", "Điện Biên"}


def test_bottom_four_not_all_stated_refused(store):
    # The store holds the last three places only: the last four are not known.
    assert not ask(store, "Which were the bottom 4 provinces in PAPI 2019?").found


@pytest.mark.parametrize(
    ("question", "ask_kind"),
    [
        ("How many points did Long An score in the PCI 2023?", "score"),
        ("How many points did Long An get in PCI 2023?", "score"),
        ("Long An đạt bao nhiêu điểm PCI năm 2023?", "score"),
        ("long an dat bao nhieu diem PCI 2023", "score"),
        ("How many points did Long An gain in PCI 2023?", "change"),
        ("How many more points did Long An get in PCI 2023 than in 2022?", "change"),
        ("Long An tăng bao nhiêu điểm PCI năm 2023?", "change"),
        ("How many places did Long An climb in PCI 2023?", "change"),
    ],
)
def test_how_many_points_is_a_score_unless_a_move_is_said(question, ask_kind):
    assert parse(question, build_index(None)).ask == ask_kind


@pytest.mark.parametrize(
    "question",
    [
        "Có bao nhiêu tỉnh có chỉ số PAPI giảm năm 2021?",
        "co bao nhieu tinh giam PAPI nam 2021",
        "How many provinces saw their PAPI decline in 2021?",
        "How many provinces fell on the PAPI in 2021?",
    ],
)
def test_count_of_falls_said_as_going_down(store, question):
    a = ask(store, question)
    assert a.found and primary(a)[0]["value"] == 9


@pytest.mark.parametrize(
    "question",
    ["Có bao nhiêu tỉnh có chỉ số PAPI tăng năm 2021?", "How many provinces rose in PAPI 2021?"],
)
def test_count_of_falls_does_not_answer_rises(store, question):
    assert not ask(store, question).found


@pytest.mark.parametrize(
    "question",
    [
        "Những tỉnh nào giữ nguyên thứ hạng PCI năm 2023?",
        "nhung tinh nao giu nguyen thu hang PCI nam 2023",
        "Which provinces kept their place in the PCI 2023?",
        "Which provinces held their rank in PCI 2023?",
    ],
)
def test_places_held(store, question):
    a = ask(store, question)
    assert a.found and entities(a) == {"Lạng Sơn"}
    assert "0 bậc" not in a.text and "0 places" not in a.text


@pytest.mark.parametrize(
    "question",
    [
        "Tỉnh nào giữ nguyên thứ hạng Chỉ số CCHC năm 2022?",
        "Which provinces kept their place in the 2022 PAR Index?",
    ],
)
def test_places_held_none_stated_refused(store, question):
    # Only a rise is stored for 2022: no unit is known to have held its place.
    assert not ask(store, question).found


@pytest.mark.parametrize(
    ("question", "ask_kind"),
    [
        # a count named as what is asked: a stated figure, not the unit's index result
        ("Số năm liên tiếp Hải Phòng đạt Chỉ số CCHC trên 90% là bao nhiêu?", "metric"),
        ("Số cơ quan của Khánh Hòa xếp hạng Tốt về Chỉ số CCHC năm 2020 là bao nhiêu?", "metric"),
        ("What was the number of online survey questionnaires for the PAR Index of Lang Son "
         "in 2022?", "metric"),
        ("tong so xa cua Binh Duong ve Chi so CCHC nam 2017 la bao nhieu", "metric"),
        # "Sở …" folds as "số …": a department's rank is still a rank
        ("Sở Tư pháp Tây Ninh xếp thứ mấy về Chỉ số CCHC năm 2021?", "rank"),
        ("so tu phap tay ninh xep thu may ve chi so cchc nam 2021", "rank"),
        # points counted are the score
        ("Số điểm Chỉ số CCHC của Hải Phòng năm 2023 là bao nhiêu?", "score"),
    ],
)  # fmt: skip
def test_a_count_named_at_the_start_asks_a_stated_figure(question, ask_kind):
    assert parse(question, build_index(None)).ask == ask_kind


@pytest.mark.parametrize(
    "question",
    [
        "Trong PCI 2021, Long An có bao nhiêu chỉ số thành phần tăng điểm so với năm 2020?",
        "trong pci 2021 long an co bao nhieu chi so thanh phan tang diem",
        "How many component indices did Long An improve in the PCI 2021?",
    ],
)
def test_a_count_of_an_index_parts_is_a_stated_figure(question):
    # "bao nhiêu chỉ số thành phần tăng điểm" counts parts: no part named "tăng điểm"
    q = parse(question, build_index(None))
    assert q.ask == "metric" and q.component is None


def test_a_part_named_after_its_cue_is_still_a_component():
    q = parse("Năm 2021, chỉ số thành phần Tính minh bạch của Long An đạt bao nhiêu điểm?",
              build_index(None))  # fmt: skip
    assert q.component is not None and q.ask != "metric"


@pytest.mark.parametrize(
    "question",
    [
        "Năm 2024 Chỉ số SIPAS của Lào Cai đạt bao nhiêu?",
        "nam 2024 chi so sipas cua lao cai dat bao nhieu",
    ],
)
def test_reaching_how_much_on_an_index_asks_its_score(question):
    q = parse(question, build_index(None))
    assert q.ask == "score"


def test_reaching_how_many_places_is_not_a_score():
    q = parse("Năm 2024 Chỉ số SIPAS của Lào Cai đạt bao nhiêu bậc?", build_index(None))
    assert q.ask != "score"


def test_a_percentage_asked_of_a_component_asks_its_score():
    q = parse("linh vuc cai cach thu tuc hanh chinh cua Kon Tum nam 2022 dat bao nhieu phan tram",
              build_index(None))  # fmt: skip
    assert q.ask == "score"


@pytest.mark.parametrize(
    "question",
    [
        "DDCI Hai Phong 2023 co bao nhieu co quan cap so dat muc kha",
        "Năm 2023, DDCI của Hải Phòng có bao nhiêu đơn vị xếp loại tốt?",
        "What was the response rate of Bac Giang's 2023 DDCI survey?",
    ],
)
def test_units_counted_by_grade_and_a_surveys_rate_are_stated_figures(question):
    assert parse(question, build_index(None)).ask == "metric"
