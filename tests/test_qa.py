"""Question answering over a hand-written store: every question family, Vietnamese with
and without diacritics, English, ties and ambiguity, renamed provinces, targets, empty
store, not found, and hostile input. Answers must rest on stored records only."""

from __future__ import annotations

import re

import pytest
from support.qa_corpus import TEXTS, build_store

from llmx.core.numbers import find_numbers, readings
from llmx.core.textnorm import fold
from llmx.qa.engine import answer_question
from llmx.qa.names import NameIndex
from llmx.qa.parse_rules import MAX_QUESTION_CHARS, parse
from llmx.store import Store


def _numbers_in(text: str) -> set[float]:
    out: set[float] = set()
    for span in find_numbers(text):
        out |= readings(re.sub(r"\s*[^\d.,\s].*$", "", span.raw)) | {span.value}
    return out


def contains_answer(text: str, expected: str) -> bool:
    """``expected`` in the answer sentence, ignoring case and diacritics; a bare number must be
    a whole number of the text, in either decimal convention (88,54 == 88.54)."""
    want = expected.strip()
    if re.fullmatch(r"\d[\d.,]*", want):
        values = readings(want)
        have = _numbers_in(text)
        return any(abs(v - h) <= 1e-9 * max(1.0, abs(v)) for v in values for h in have)
    return fold(want) in fold(text)


@pytest.fixture(scope="module")
def store(qa_store: Store) -> Store:
    return qa_store


def ask(store: Store, question: str):
    a = answer_question(store, question)
    _check_grounded(a)
    return a


def _check_grounded(a) -> None:
    """Every citation and passage is a real span of a stored document."""
    for c in [*a.citations, *a.passages]:
        original = "-".join(c.doc_id.split("-")[:2])  # copies are "<doc_id>-<n>"
        assert TEXTS[original][c.start : c.end] == c.quote


def has(text: str, *expected: str) -> bool:
    return all(contains_answer(text, e) for e in expected)


def primary_docs(a) -> set[str]:
    return {c.doc_id for c in a.citations if c.primary}


# -- question families ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Tỉnh nào đứng thứ 12 về Chỉ số CCHC năm 2023?",
        "tinh nao dung thu 12 ve chi so cchc nam 2023",
        "TỈNH NÀO ĐỨNG THỨ 12 VỀ CHỈ SỐ CCHC NĂM 2023?",
        "Which province ranked 12th nationally on the PAR Index in 2023?",
    ],
)
def test_entity_for_rank_tie_names_both(store, question):
    a = ask(store, question)
    assert a.found and a.query["ask"] == "entity_for_rank"
    assert has(a.text, "Ninh Bình", "Hà Giang")  # two provinces stored at 12th: a tie
    assert primary_docs(a) == {"qa-ninhbinh", "qa-hagiang"}
    assert [r["role"] for r in a.records][:2] == ["best", "tie"]


def test_entity_for_rank_without_year_lists_older_as_lesser(store):
    a = ask(store, "Tỉnh nào đứng thứ 12?")
    assert a.found and has(a.text, "Ninh Bình", "Hà Giang", "Hà Tĩnh")
    # newest year first; the 2021 result follows, marked as a weaker match
    assert a.text.index("Ninh Bình") < a.text.index("Kết quả khác") < a.text.index("Hà Tĩnh")
    ht = [c for c in a.citations if c.doc_id == "qa-hatinh"]
    assert ht and not any(c.primary for c in ht)


def test_leader_of_departments_within_a_province(store):
    a = ask(store, "Sở nào dẫn đầu các sở, ngành tỉnh Ninh Bình về Chỉ số CCHC năm 2023?")
    assert a.query["scope"] == "province:Ninh Bình" and a.query["entity_level"] == "department"
    assert a.found and has(a.text, "Sở Tư pháp")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Ninh Bình xếp thứ mấy về Chỉ số CCHC năm 2022?", "17"),
        ("ninh binh xep thu may ve chi so cchc nam 2022", "17"),
        ("What was Ninh Binh's national rank on the PAR Index in 2022?", "17"),
        ("Hà Giang đứng thứ mấy trong vùng Trung du và miền núi phía Bắc về chuyển đổi số?", "3"),
        ("Lĩnh vực “Cải cách thủ tục hành chính” của Ninh Bình xếp thứ mấy?", "3"),
    ],
)
def test_rank_of_an_entity(store, question, expected):
    a = ask(store, question)
    assert a.found and a.query["ask"] == "rank" and has(a.text, expected)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Chỉ số PAR Index năm 2023 của Ninh Bình đạt bao nhiêu điểm?", "87,35"),
        ("diem chi so cai cach hanh chinh 2023 cua ninh binh", "87,35"),
        ("What was Ninh Binh's PAR Index score in 2023?", "87.35"),
        ("Chỉ số SIPAS năm 2023 của Hà Tĩnh đạt bao nhiêu điểm?", "82,5"),
    ],
)
def test_score_of_an_entity(store, question, expected):
    a = ask(store, question)
    assert a.found and a.query["ask"] == "score" and has(a.text, expected)
    assert a.lang == ("en" if question.startswith("What") else "vi")


def test_score_missing_for_that_year_is_not_found(store):
    a = ask(store, "Chỉ số PAR Index năm 2024 của Ninh Bình đạt bao nhiêu điểm?")
    assert not a.found and "Không tìm thấy" in a.text


def test_rank_change_gives_previous_rank(store):
    a = ask(store, "Ninh Bình tăng bao nhiêu bậc Chỉ số CCHC năm 2023?")
    assert a.found and a.query["ask"] == "change" and has(a.text, "5", "17", "12")


def test_change_between_years_computed_from_two_records(store):
    a = ask(store, "Điểm Chỉ số CCHC của Ninh Bình thay đổi thế nào từ 2022 đến 2023?")
    assert a.found and a.query["measure"] == "score" and has(a.text, "3,25")
    # both years' records are cited
    assert {c.quote[:9] for c in a.citations} >= {"Năm 2023,", "Năm 2022,"}


def test_top_and_bottom(store):
    # Two provinces stored, both ranked 12th of 63: they are not the top 3, only the closest
    # records (shown best first as candidates).
    top = ask(store, "3 tỉnh dẫn đầu Chỉ số CCHC năm 2023?")
    assert top.query["ask"] == "top" and top.query["n"] == 3 and not top.found
    assert top.text.index("Ninh Bình") < top.text.index("Hà Giang")
    # The store holds two of 63 provinces and none is said to be last: no guess.
    bottom = ask(store, "Which province came last on the PAR Index in 2023?")
    assert bottom.query["ask"] == "bottom" and not bottom.found
    # ... while the first is stated (rank 1 or a leader word), so "which is first" answers
    first = ask(store, "Tỉnh nào đứng đầu Chỉ số CCHC năm 2023?")
    assert first.query["ask"] in ("entity_for_rank", "top")


def test_count(store):
    # Two provinces stored, ranked 12th of 63: the store cannot tell how many have a result,
    # so it says what it holds instead of answering with a count.
    a = ask(store, "Có bao nhiêu tỉnh có kết quả Chỉ số CCHC năm 2023?")
    assert not a.found and a.query["ask"] == "count"
    assert has(a.text, "2", "Ninh Bình", "Hà Giang") and "không phải toàn bộ" in a.text


@pytest.mark.parametrize(
    "question",
    [
        "Mô hình “Một cửa thân thiện” được triển khai ở đâu?",
        "mo hinh mot cua than thien o tinh nao",
        "Which provinces use the 'Một cửa thân thiện' model?",
    ],
)
def test_who_runs_an_initiative(store, question):
    a = ask(store, question)
    assert a.found and a.query["ask"] == "initiative_who"
    # an English answer names the department by its English name
    department = "Department of Home Affairs" if a.lang == "en" else "Sở Nội vụ"
    assert has(a.text, department, "Hà Giang")
    assert primary_docs(a) == {"qa-ninhbinh", "qa-hagiang"}


def test_who_runs_an_initiative_in_english_without_cue_word(store):
    a = ask(store, "Who runs “Thứ Bảy cùng dân”?")
    assert a.found and a.lang == "en" and has(a.text, "Hà Tĩnh")


def test_initiatives_of_an_entity(store):
    a = ask(store, "Hà Giang thực hiện mô hình nào?")
    assert a.found and a.query["ask"] == "initiatives_of" and has(a.text, "Một cửa thân thiện")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Hà Giang có bao nhiêu dịch vụ công trực tuyến toàn trình?", "1.250"),
        ("Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình của Ninh Bình là bao nhiêu?", "46,2"),
        ("ty le ho so giai quyet truc tuyen toan trinh cua ninh binh", "46,2"),
    ],
)
def test_metric_value(store, question, expected):
    a = ask(store, question)
    assert a.found and a.query["ask"] == "metric" and has(a.text, expected)


def test_metric_words_must_match(store):
    a = ask(store, "Hà Giang có bao nhiêu xe buýt điện?")
    assert not a.found


# -- renamed provinces, targets ------------------------------------------------------------


def test_renamed_province_answered_under_historical_name(store):
    a = ask(store, "Tỉnh Hà Giang cũ (nay thuộc Tuyên Quang) xếp thứ mấy về Chỉ số CCHC năm 2023?")
    assert a.query["entity"] == "Hà Giang"
    assert a.found and "Hà Giang (nay thuộc tỉnh Tuyên Quang)" in a.text and has(a.text, "12")
    en = ask(store, "Before it merged into Tuyen Quang, what was Ha Giang's PAR rank in 2023?")
    assert en.found and "Ha Giang (now part of Tuyen Quang province)" in en.text


def test_successor_name_is_not_the_historical_province(store):
    a = ask(store, "Tuyên Quang xếp thứ mấy về Chỉ số CCHC năm 2023?")
    assert not a.found  # records are stored under Hà Giang; no invented merge


def test_targets_only_when_asked(store):
    a = ask(store, "Hà Tĩnh phấn đấu tăng bao nhiêu bậc Chỉ số CCHC năm 2025?")
    assert a.found and has(a.text, "4") and "mục tiêu" in a.text
    b = ask(store, "Hà Tĩnh tăng bao nhiêu bậc Chỉ số CCHC năm 2025?")
    assert not b.found


# -- not found, empty store ----------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Chỉ số PAPI năm 2021 của Hà Nội là bao nhiêu điểm?",
        "Đà Nẵng xếp thứ mấy về Chỉ số CCHC năm 2023?",
        "What was Quang Ninh's PAR Index score in 2023?",
        "Atlantis xếp thứ mấy?",
        "Thời tiết hôm nay thế nào?",
    ],
)
def test_unanswerable_is_not_found_with_passages(store, question):
    a = ask(store, question)
    assert not a.found and a.records == [] and not any(c.primary for c in a.citations)
    assert "không tìm thấy" in a.text.lower()
    assert a.reason in ("no_records", "no_entity", "unstructured")


def test_not_found_offers_closest_passages(store):
    a = ask(store, "Chỉ số PAPI năm 2021 của Hà Nội là bao nhiêu điểm?")
    assert a.passages and all("chỉ số" in p.quote.lower() for p in a.passages[:1])


def test_empty_store(tmp_path):
    with Store(tmp_path / "empty.db") as s:
        a = answer_question(s, "Tỉnh nào đứng thứ 4?")
        assert not a.found and a.reason == "empty_store"
        assert "Kho dữ liệu trống" in a.text and "llmx extract" in a.text
        en = answer_question(s, "Which province ranked 4th?")
        assert en.lang == "en" and "store is empty" in en.text


def test_records_backend_filter(store):
    assert answer_question(store, "Tỉnh nào đứng thứ 12?", backend="rules").found
    assert not answer_question(store, "Tỉnh nào đứng thứ 12?", backend="openai:x").found


def test_duplicated_facts_are_one_answer_with_sources(tmp_path):
    with build_store(tmp_path / "dup.db", copies=4) as s:
        a = answer_question(s, "Ninh Bình xếp thứ mấy về Chỉ số CCHC năm 2022?")
        assert a.found and len([r for r in a.records if r["role"] == "best"]) == 1
        assert a.records[0]["sources"] == 4
        assert a.citations[0].doc_id == "qa-ninhbinh"  # the earliest stored copy


# -- hostile input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "'; DROP TABLE index_results; --",
        'Ninh Bình" OR 1=1 --',
        "Tỉnh nào đứng thứ 12'); DELETE FROM documents; --",
        'NEAR("chỉ số" "cải cách") OR * ^ : ( ) "',
        "%_% LIKE '%' ESCAPE '\\'",
        "",
        "   ",
        "?!…",
        "🙂🙂🙂",
    ],
)
def test_hostile_input_is_harmless(store, question):
    before = store.counts()
    a = ask(store, question)
    assert isinstance(a.found, bool) and isinstance(a.text, str) and a.text
    assert store.counts() == before


def test_sql_fragments_around_a_real_question_still_answer(store):
    a = ask(store, "Ninh Bình xếp thứ mấy về Chỉ số CCHC năm 2022'; DROP TABLE metrics; --")
    assert a.found and has(a.text, "17")


def test_ten_kilobyte_question_is_bounded(store):
    q = "Ninh Bình xếp thứ mấy về Chỉ số CCHC năm 2022? " + "lorem ipsum " * 900
    assert len(q) > 10_000
    a = ask(store, q)  # how fast: benchmarks/inprocess_latency.py
    assert a.found and has(a.text, "17")
    assert a.question == q  # kept as asked; only the parsed copy is cut
    assert len(parse(q, NameIndex.build()).keywords) < MAX_QUESTION_CHARS


def test_control_characters_are_ignored(store):
    a = ask(store, "\x00Tỉnh\x1b[31m nào\x07 đứng thứ 12\u200b về Chỉ số CCHC năm 2023?\x00")
    assert a.found and has(a.text, "Ninh Bình")
    assert not re.search(r"[\x00-\x08\x0b-\x1f]", a.text)


# -- the parser alone ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "fields"),
    [
        ("Tỉnh nào đứng thứ 4?", {"ask": "entity_for_rank", "rank": 4, "entity_level": "province"}),
        ("Bắc Giang đạt bao nhiêu điểm PAR Index năm 2022?",
         {"ask": "score", "entity": "Bắc Giang", "index": "PAR_INDEX", "year": 2022}),
        ("Chỉ số CCHC năm 2022 của X tăng bao nhiêu bậc so với năm 2021?",
         {"ask": "change", "entity": None, "year": 2022, "year_from": 2021}),
        ("Cần Thơ tăng bao nhiêu bậc SIPAS so với năm 2022?",
         {"ask": "change", "measure": "rank", "index": "SIPAS", "year_from": 2022}),
        ("Which provinces use the 'Ngày không hẹn' model?",
         {"ask": "initiative_who", "initiative": "Ngày không hẹn", "lang": "en"}),
        ("Top 5 tỉnh về chỉ số chuyển đổi số năm 2023", {"ask": "top", "n": 5, "index": "DTI"}),
        ("Lào Cai đứng thứ mấy trong khu vực Tây Bắc?", {"ask": "rank", "entity": "Lào Cai"}),
        ("Hậu Giang xếp thứ mấy ở vùng ĐBSCL về PCI?",
         {"ask": "rank", "scope": "region:Đồng bằng sông Cửu Long", "index": "PCI"}),
        ("Mô hình “Ngày thứ Năm không hẹn” ở tỉnh nào?",
         {"ask": "initiative_who", "rank": None}),  # "thứ Năm" in a name is not a rank
        ("Tỉnh Quảng Nam cũ (nay sáp nhập vào Đà Nẵng) đạt bao nhiêu điểm SIPAS?",
         {"ask": "score", "entity": "Quảng Nam"}),
    ],
)  # fmt: skip
def test_parser(question, fields):
    q = parse(question, NameIndex.build())
    for k, v in fields.items():
        assert getattr(q, k) == v, (k, q.describe())


def test_names_added_after_a_search_are_found() -> None:
    """``NameIndex.find`` looks only where a known name can begin (the first words of its
    keys, kept between calls): a name added to the index, or a new dict put in, counts."""
    idx = NameIndex.build(["so tu phap"])
    text = "Sở Tư pháp và Trung tâm Phục vụ hành chính công xếp đầu"
    assert [m.text for m in idx.find(text)] == ["Sở Tư pháp"]
    idx.store.setdefault("trung tam phuc vu hanh chinh cong", set()).add("trung tam phuc vu")
    assert [m.text for m in idx.find(text)] == ["Sở Tư pháp", "Trung tâm Phục vụ hành chính công"]
    idx.store = {"xep dau": {"x"}}
    assert [m.text for m in idx.find(text)] == ["xếp đầu"]
