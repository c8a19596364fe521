"""Phrasings of a ranking the rules read in any wording, unit, order or language: each class
is checked on several sentences written for these tests (other units, other numbers), so a
rule is a phrasing and never one passage."""

from __future__ import annotations

import re

import pytest
from support.documents import make_doc

from llmx.core.numbers import values_in
from llmx.core.textnorm import fold
from llmx.core.vocab import get_vocab
from llmx.rules import lexicon as lx
from llmx.rules.extractor import RulesExtractor, is_heading


def _facts(text: str) -> set[tuple]:
    got = RulesExtractor().extract(make_doc(text)).extraction.index_results
    return {(r.entity, r.year, r.score, r.rank, r.rank_total, r.rank_change) for r in got}


# ---- leader words come from the vocabulary --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Chỉ số CCHC năm 2022 của các bộ: Bộ Tư pháp xếp đầu trong 17 bộ, ngành.",
            ("Bộ Tư pháp", 2022, None, 1, 17, None),
        ),
        (
            "Về Chỉ số PAPI năm 2021, tỉnh Bến Tre xếp đầu cả nước với 46,9 điểm.",
            ("Bến Tre", 2021, 46.9, 1, None, None),
        ),
        (
            "Chỉ số SIPAS năm 2020, Sở Nội vụ xếp đầu trong 19 sở, ngành của tỉnh Nam Định.",
            ("Sở Nội vụ", 2020, None, 1, 19, None),
        ),
    ],
)
def test_xep_dau_reads_as_first_place(text: str, fact: tuple) -> None:
    assert fact in _facts(text)


def test_every_vietnamese_word_leader_of_the_vocabulary_is_a_rules_leader() -> None:
    # One home: a leader phrasing added to rank.toml is read by the extractor too.
    words = [
        e
        for e in get_vocab().entries
        if e.kind == "leader" and e.lang == "vi" and e.label == "leader"
        and not re.search(r"\d", e.pattern)
    ]  # fmt: skip
    assert words
    for e in words:
        for example in e.examples:
            assert lx.LEADER_RE.search(fold(example)), example
    assert not lx.LEADER_RE.search("nguoi dung dau co quan")


# ---- lists paired in order ("lần lượt", "respectively") -------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In the PCI 2021, Quang Ninh, Dong Thap and Long An ranked first, second and third "
            "respectively.",
            {("Quảng Ninh", 1), ("Đồng Tháp", 2), ("Long An", 3)},
        ),
        (
            "In the 2019 PAPI, Ben Tre and Tra Vinh were 4th and 9th respectively.",
            {("Bến Tre", 4), ("Trà Vinh", 9)},
        ),
        (
            "Chỉ số SIPAS năm 2022, Sở Y tế và Sở Tư pháp của tỉnh Nam Định xếp thứ 1 và thứ 2, "
            "lần lượt đạt 88,02% và 87,5%.",
            {("Sở Y tế", 1), ("Sở Tư pháp", 2)},
        ),
        (
            "Chỉ số CCHC năm 2024, hai vị trí cuối, thứ 5 và thứ 6, lần lượt thuộc về Tây "
            "Nguyên và Đông Nam Bộ.",
            {("Tây Nguyên", 5), ("Đông Nam Bộ", 6)},
        ),
    ],
)
def test_an_ordinal_list_pairs_with_its_subjects_in_order(text: str, expected: set) -> None:
    assert {(f[0], f[3]) for f in _facts(text)} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chỉ số PCI năm 2021: Quảng Ninh, Đồng Tháp, Long An lần lượt tăng 2, 3 và 5 bậc.",
            {("Quảng Ninh", 2), ("Đồng Tháp", 3), ("Long An", 5)},
        ),
        (
            "Chỉ số CCHC năm 2022, Bộ Y tế và Bộ Xây dựng lần lượt giảm 3 và 1 bậc so với năm "
            "2021.",
            {("Bộ Y tế", -3), ("Bộ Xây dựng", -1)},
        ),
        (
            "In the PAPI 2020, Hue and Da Nang fell 4 and 7 places respectively.",
            {("Thừa Thiên Huế", -4), ("Đà Nẵng", -7)},
        ),
    ],
)
def test_a_list_of_moves_pairs_with_its_subjects_in_order(text: str, expected: set) -> None:
    assert {(f[0], f[5]) for f in _facts(text)} == expected


def test_a_list_of_moves_without_its_subjects_gives_no_move() -> None:
    # "hai bộ" names no one: no guess whose move each number is.
    assert _facts("Chỉ số CCHC năm 2022, hai bộ giảm 3 và 1 bậc.") == set()


# ---- values written without a unit ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The PAPI 2021 scores of Hue and Da Nang were 45.12 and 44.30 respectively.",
            {("Thừa Thiên Huế", 45.12), ("Đà Nẵng", 44.3)},
        ),
        (
            "In the PCI 2019, Dong Thap and Long An had the best results, at 72.1 and 70.37 "
            "respectively.",
            {("Đồng Tháp", 72.1), ("Long An", 70.37)},
        ),
        (
            "Chỉ số PAPI năm 2021 của Bến Tre và Trà Vinh lần lượt là 46,12 và 44,3.",
            {("Bến Tre", 46.12), ("Trà Vinh", 44.3)},
        ),
    ],
)
def test_a_unitless_list_beside_its_cue_pairs_with_its_subjects(text: str, expected: set) -> None:
    assert {(f[0], f[2]) for f in _facts(text)} == expected


def test_a_unitless_list_that_does_not_pair_is_nobodys_score() -> None:
    # one unit named for two values: no guess, and no single unit gets both
    text = (
        "In the PAR Index 2017, an unnamed committee and the Ministry of Health had the "
        "lowest results, at 72.13 and 72.40 respectively."
    )
    assert {f[2] for f in _facts(text)} <= {None}


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Chỉ số PCI năm 2022, Bắc Giang đứng thứ hai với 72,8.",
            ("Bắc Giang", 2022, 72.8, 2, None, None),
        ),
        (
            "Về Chỉ số DTI năm 2021, Bộ Tài chính tiếp tục dẫn đầu với 0,6321.",
            ("Bộ Tài chính", 2021, 0.6321, 1, None, 0),
        ),
        (
            "In the DTI 2022, the Ministry of Finance led the 17 ministries with public "
            "services, scoring 0.68.",
            ("Bộ Tài chính", 2022, 0.68, 1, None, None),
        ),
    ],
)
def test_a_value_beside_a_place_is_the_units_score(text: str, fact: tuple) -> None:
    assert fact in _facts(text)


def test_a_count_beside_a_place_is_no_score() -> None:
    facts = _facts("Chỉ số PCI năm 2022, Bắc Giang đứng thứ hai với 1,2 triệu doanh nghiệp.")
    assert {f[2] for f in facts} <= {None}


# ---- the country's figures are not the main unit's ------------------------------------------


@pytest.mark.parametrize(
    "national",
    [
        "Mức độ hài lòng chung của người dân cả nước đối với sự phục vụ của cơ quan hành chính "
        "nhà nước (SIPAS 2023) đạt 81,4%, cao hơn 1,2% so với năm 2022.",
        "Tính chung toàn quốc, điểm trung bình Chỉ số PAPI 2023 đạt 42,9 điểm.",
        "Chỉ số PAPI 2023: mức cao nhất là 47,5 điểm và mức thấp nhất 38,1 điểm.",
        "Chỉ số SIPAS 2023 của người dân, doanh nghiệp trên toàn quốc đạt 81,4%.",
    ],
)
def test_a_national_figure_is_not_the_main_provinces(national: str) -> None:
    lead = "Chỉ số SIPAS năm 2023 của Hậu Giang đạt 88,3%, xếp thứ 9 cả nước. "
    facts = _facts(lead + national)
    assert facts == {("Hậu Giang", 2023, 88.3, 9, None, None)}


def test_a_province_ranked_in_the_national_table_keeps_its_figure() -> None:
    facts = _facts("Chỉ số PAPI năm 2021, trong bảng xếp hạng cả nước, Ninh Thuận đạt 43,1 điểm.")
    assert ("Ninh Thuận", 2021, 43.1, None, None, None) in facts


@pytest.mark.parametrize(
    "average",
    [
        "The national average was 84.2 percent, up 1.3 points from 2021.",
        "The nationwide figure rose 1.3 points to 84.2 percent.",
        "Tính chung toàn quốc, chỉ số bình quân tăng 1,3 điểm so với năm 2021.",
    ],
)
def test_a_change_told_after_an_average_is_not_the_units_change(average: str) -> None:
    lead = "In the PAR Index 2022, Hau Giang scored 86.1 percent. "
    got = RulesExtractor().extract(make_doc(lead + average)).extraction.index_results
    assert [(r.entity, r.score, r.score_change) for r in got] == [("Hậu Giang", 86.1, None)]


# ---- lists of sub-index scores ---------------------------------------------------------------


def _parts(text: str) -> set[tuple]:
    got = RulesExtractor().extract(make_doc(text)).extraction.index_results
    return {(r.component, r.score, r.rank) for r in got}


def test_a_field_the_component_list_does_not_know_does_not_take_the_last_ones_name() -> None:
    text = (
        "Về các chỉ số thành phần của PCI 2022, Hà Tĩnh có 3 chỉ số tăng điểm gồm: Gia nhập "
        "thị trường (7,1 điểm), Tiếp cận đất đai (6,9 điểm), Quả cảm hành động (6,2 điểm)."
    )
    parts = _parts(text)
    assert ("Tiếp cận đất đai", 6.9, None) in parts
    assert not any(score == 6.2 for _, score, _ in parts)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        (
            "Chỉ số CCHC năm 2022 của Hà Tĩnh: lĩnh vực cải cách thủ tục hành chính đạt "
            "12,5/13 điểm, lĩnh vực cải cách tổ chức bộ máy đạt 8,9/9,5 điểm.",
            ("Cải cách tổ chức bộ máy hành chính", 8.9, None),
        ),
        (
            "Chỉ số DTI năm 2022 của Hà Tĩnh: trụ cột chính quyền số đạt 0,45, xếp thứ 10; "
            "kinh tế số đạt 0,33, xếp thứ 21.",
            ("Kinh tế số", 0.33, 21),
        ),
        (
            "In the DTI 2021, Hue was fifth in digital government (0.5012) and ninth in "
            "digital society (0.3914).",
            ("digital society", 0.3914, 9),
        ),
    ],
)
def test_a_sub_scores_value_is_read_as_written(text: str, part: tuple) -> None:
    assert part in _parts(text)


@pytest.mark.parametrize(
    "text",
    [
        "Chỉ số CCHC năm 2022, Bộ Tư pháp đạt 91,2%, cao hơn Bộ Tài chính 0,5%.",
        "Chỉ số PCI năm 2022, Long An đạt 70,1 điểm, vượt Tây Ninh 1,9 điểm.",
        "Chỉ số PAPI năm 2022, Bến Tre đạt 46,1 điểm, nhỉnh hơn Trà Vinh 0,8 điểm.",
    ],
)
def test_a_gap_to_another_unit_is_nobodys_score(text: str) -> None:
    scores = {f[2] for f in _facts(text)}
    assert len(scores - {None}) == 1  # only the subject's own score


def test_a_rise_to_first_place_keeps_its_bracketed_score() -> None:
    text = "Chỉ số CCHC năm 2021, Hải Phòng vượt lên giữ ngôi quán quân (91,80%)."
    assert ("Hải Phòng", 2021, 91.8, 1, None, None) in _facts(text)


# ---- English places --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "The PCI 2024 report shows Da Nang reaching first place for the first time, with "
            "71.2 points.",
            ("Đà Nẵng", 2024, 71.2, 1, None, None),
        ),
        (
            "In the PAPI 2021, Ben Tre leads the ranking with 47.1 points.",
            ("Bến Tre", 2021, 47.1, 1, None, None),
        ),
        (
            "In the PAPI 2021, Tra Vinh headed the list with 46.2 points.",
            ("Trà Vinh", 2021, 46.2, 1, None, None),
        ),
        (
            "The SIPAS 2022 placed Quang Tri 21st out of 63 provinces, 3 places lower than in "
            "2021.",
            ("Quảng Trị", 2022, None, 21, 63, -3),
        ),
        (
            "In the PCI 2022, Binh Phuoc is 9th of the 63 provinces.",
            ("Bình Phước", 2022, None, 9, 63, None),
        ),
    ],
)
def test_english_places_in_other_words(text: str, fact: tuple) -> None:
    assert fact in _facts(text)


def test_an_and_clause_keeps_the_place_of_its_own_unit() -> None:
    facts = _facts("In the PCI 2022, Ha Noi was 20th and Ho Chi Minh City 27th.")
    assert {(f[0], f[3]) for f in facts} == {("Hà Nội", 20), ("TP. Hồ Chí Minh", 27)}


def test_the_start_of_an_english_move_is_no_place_of_its_own_year() -> None:
    facts = _facts("In the DTI 2023, Thanh Hoa placed 11th, up from 15th out of 63 in 2022.")
    assert ("Thanh Hóa", 2023, None, 11, None, 4) in facts


@pytest.mark.parametrize(
    "text",
    [
        "In the PCI 2021, within the northern mountainous region, Lao Cai is 2nd of the 14 "
        "provinces.",
        "Chỉ số PCI năm 2021, Lào Cai đứng thứ 2/14 tỉnh trong vùng.",
    ],
)
def test_a_provinces_place_out_of_its_regions_size_is_a_regional_rank(text: str) -> None:
    got = RulesExtractor().extract(make_doc(text)).extraction.index_results
    assert [(r.entity, r.rank, r.scope) for r in got] == [
        ("Lào Cai", 2, "region:Trung du và miền núi phía Bắc")
    ]


def test_a_place_out_of_a_regions_size_with_no_region_named_stays_national() -> None:
    got = RulesExtractor().extract(make_doc("Chỉ số PCI năm 2021, Lào Cai đứng thứ 2/14."))
    assert [r.scope for r in got.extraction.index_results] == ["national"]


# ---- ministry rankings ------------------------------------------------------------------------


def test_ordinals_that_name_their_unit_after_them_start_a_new_subject() -> None:
    text = (
        "Chỉ số CCHC năm 2021 của các bộ: dẫn đầu là Bộ Tư pháp (91,71%), thứ hai là Bộ Tài "
        "chính (90,2%), thứ ba là NHNN (89,9%)."
    )
    assert {(f[0], f[2], f[3]) for f in _facts(text)} == {
        ("Bộ Tư pháp", 91.71, 1),
        ("Bộ Tài chính", 90.2, 2),
        ("Ngân hàng Nhà nước Việt Nam", 89.9, 3),
    }
    scored_first = (
        "Chỉ số PCI năm 2021, Quảng Ninh đạt 73,02 điểm; thứ hai là Đồng Tháp với 72,1 điểm."
    )
    assert {(f[0], f[3]) for f in _facts(scored_first)} == {("Quảng Ninh", None), ("Đồng Tháp", 2)}


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Chỉ số CCHC năm 2019, vị trí cuối bảng của 17 bộ, ngành thuộc về Bộ Y tế với "
            "80,53 điểm.",
            ("Bộ Y tế", 2019, 80.53, 17, 17, None),
        ),
        (
            "Theo kết quả Chỉ số CCHC năm 2023 của 18 bộ, cơ quan ngang bộ, Bộ Tư pháp đứng "
            "đầu, Bộ Ngoại giao đứng cuối với 78,12%.",
            ("Bộ Ngoại giao", 2023, 78.12, 18, 18, None),
        ),
    ],
)
def test_the_last_place_of_a_bloc_of_stated_size(text: str, fact: tuple) -> None:
    assert fact in _facts(text)


# ---- paragraphs that end on a credit -------------------------------------------------------


def test_a_short_paragraph_ending_on_a_bracketed_credit_is_read() -> None:
    text = (
        "Chỉ số PCI 2019\n\nBình Dương dẫn đầu PCI 2019 với 70,1 điểm.\n\n"
        "Xếp thứ 2 là Bắc Ninh (69,2 điểm). (Ảnh: TTXVN)\n\n"
        "Long An (68,4 điểm) đứng thứ 3. (Photo: VNA)\n"
    )
    facts = {(f[0], f[2], f[3]) for f in _facts(text)}
    assert {("Bắc Ninh", 69.2, 2), ("Long An", 68.4, 3)} <= facts


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("Chỉ số PCI 2019: Bình Dương dẫn đầu", True),
        ("Bình Dương dẫn đầu (ảnh minh họa)", True),
        ("Long An (68,4 điểm) đứng thứ 3. (Ảnh: KT)", False),
        ("Long An đứng thứ 3.", False),
    ],
)
def test_what_a_heading_is(line: str, heading: bool) -> None:
    assert is_heading(line) is heading


@pytest.mark.parametrize(
    "text",
    [
        "Mức độ hài lòng của người dân, tổ chức với sự phục vụ của các cơ quan hành chính nhà "
        "nước trên địa bàn tỉnh Sơn La năm 2022 xếp thứ 20/63 tỉnh, tăng 4 bậc.",
        "Năm 2022, mức độ hài lòng của người dân và doanh nghiệp đối với sự phục vụ của các cơ "
        "quan hành chính tỉnh Sơn La xếp thứ 20/63, tăng 4 bậc.",
    ],
)
def test_the_sipas_told_by_what_it_measures(text: str) -> None:
    got = RulesExtractor().extract(make_doc(text)).extraction.index_results
    assert [(r.entity, r.index, r.rank, r.rank_change) for r in got] == [
        ("Sơn La", "SIPAS", 20, 4)
    ]


def test_edition_names_are_the_vocabularys() -> None:
    # One home: each short name index.toml gives an edition year reads it, in both patterns.
    names = [
        alt
        for e in get_vocab().entries
        if e.kind == "index" and "edition" in e.attrs
        for alt in e.attrs["edition"].split("|")
    ]
    assert len(names) >= 6
    for name in names:
        folded = fold(name)
        m = lx.EDITION_YEAR_RE.search(f"theo {folded} 2021 cua tinh")
        assert m is not None and "2021" in m.group(0), name
        assert lx.COMPARISON_YEAR_RE.search(f"higher than {folded} 2019"), name


def test_a_field_several_indices_name_follows_its_list_into_the_borrowed_index() -> None:
    text = (
        "Kon Tum ranked 40th in the PCI 2019. Its component scores are: (1) market entry: "
        "7.1 points; (2) access to land: 6.2 points; (3) transparency: 5.9 points."
    )
    got = RulesExtractor().extract(make_doc(text)).extraction.index_results
    assert {(r.component, r.index) for r in got if r.component} == {
        ("market entry", "PCI"),
        ("access to land", "PCI"),
        ("transparency", "PCI"),
    }


# ---- counts of places in words ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("In the PAPI 2021, Hue rose five places to 12th.", ("Thừa Thiên Huế", 12, 5)),
        ("In the PCI 2022, Hanoi was 10th, three places lower than in 2021.", ("Hà Nội", 10, -3)),
        ("Chỉ số PCI năm 2021, Bình Dương tăng năm bậc, lên thứ 4.", ("Bình Dương", 4, 5)),
        ("Chỉ số PAPI năm 2020 của Hà Giang giảm hai bậc so với năm 2019.", ("Hà Giang", None, -2)),
    ],
)
def test_a_count_of_places_in_words_is_the_move(text: str, fact: tuple) -> None:
    assert {(f[0], f[3], f[5]) for f in _facts(text)} == {fact}


def test_a_number_word_grounds_only_as_a_count_of_places() -> None:
    assert 5.0 in values_in("tăng năm bậc so với năm 2020")
    assert 3.0 in values_in("up three places")
    assert 5.0 not in values_in("năm 2020 tỉnh xếp thứ 12")  # "năm" is a year here
    assert 3.0 not in values_in("three provinces")


def test_an_english_lead_the_extractor_reads_is_one_grounding_reads() -> None:
    # EN_LEADER_RE and the vocabulary's leader entries agree on "led with", "led all".
    text = (
        "In the 2020 PAR Index, among ministries, the State Bank of Vietnam led with 92.1 "
        "percent, while the Ministry of Health was last with 78.3 percent."
    )
    assert ("Ngân hàng Nhà nước Việt Nam", 2020, 92.1, 1, None, None) in _facts(text)
    assert 1.0 in values_in("Hanoi led all provinces")


# ---- series and bands ----------------------------------------------------------------------


def test_a_series_of_years_and_places_gives_each_year_its_place() -> None:
    text = (
        "Thứ hạng Chỉ số PAR INDEX của tỉnh Hậu Giang những năm qua: năm 2012 đứng hạng 40, "
        "năm 2013 hạng 35, năm 2014 hạng 22; đến năm 2015, tỉnh xếp hạng 18."
    )
    assert {(f[1], f[3]) for f in _facts(text)} == {(2012, 40), (2013, 35), (2014, 22), (2015, 18)}


def test_the_bounds_of_a_band_are_nobodys_score() -> None:
    text = (
        "Chỉ số CCHC năm 2021 của Kiên Giang xếp hạng 63 và rơi vào nhóm C (nhóm A từ 90% trở "
        "lên, nhóm B từ 80% đến dưới 90%, nhóm C từ 70% đến dưới 80%)."
    )
    assert _facts(text) == {("Kiên Giang", 2021, None, 63, None, None)}
    goal = "Năm 2023, Kon Tum phấn đấu Chỉ số CCHC đạt từ 85 điểm trở lên."
    got = RulesExtractor().extract(make_doc(goal)).extraction.index_results
    assert [(r.score, r.is_target) for r in got] == [(85.0, True)]


def test_a_decimal_value_is_no_year() -> None:
    text = (
        "Chỉ số DTI năm 2021 khối bộ: xếp sau lần lượt là Đài Truyền hình Việt Nam (0,4192) và "
        "Ủy ban Dân tộc (0,2046)."
    )
    assert {(f[0], f[1], f[2]) for f in _facts(text)} == {
        ("Đài Truyền hình Việt Nam", 2021, 0.4192),
        ("Ủy ban Dân tộc", 2021, 0.2046),
    }


def test_an_earlier_years_value_on_the_0_1_scale_needs_no_unit() -> None:
    text = (
        "Về Chỉ số DTI năm 2021, Bộ Tài chính đứng đầu với giá trị 0,6321, cao hơn năm 2020 "
        "(0,4944)."
    )
    assert {(f[1], f[2]) for f in _facts(text)} == {(2021, 0.6321), (2020, 0.4944)}


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "In the PAR Index 2022, Lang Son reached 81.45%, ranking 54/63 provinces, a drop of "
            "5.66% and of 31 places compared with 2021.",
            ("Lạng Sơn", 2022, 81.45, 54, 63, -31),
        ),
        (
            "Results put Son La province's PAR Index for 2024 at 12th out of 63 provinces, 1 "
            "place higher than in 2023.",
            ("Sơn La", 2024, None, 12, 63, 1),
        ),
    ],
)
def test_english_places_in_digits_and_moves_after_a_change(text: str, fact: tuple) -> None:
    assert fact in _facts(text)


@pytest.mark.parametrize(
    "text",
    [
        "For 2022, the PAR index covered 8 fields, for a maximum of 100 points: 68 points were "
        "assessed from reports and 32 points through a survey.",
        "Chỉ số CCHC năm 2022 được chấm trên thang 100 điểm; phần điều tra xã hội học chiếm "
        "37,5 điểm.",
        "Chỉ số CCHC năm 2022 có thang điểm 100, trong đó 68 điểm được đánh giá qua báo cáo.",
    ],
)
def test_how_an_index_is_built_gives_no_score(text: str) -> None:
    assert _facts(text) == set()


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
        ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
        ("Sở TN&MT", "Sở Tài nguyên và Môi trường"),
        ("Sở Tư pháp", "Sở Tư pháp"),  # written out: kept as given
    ],
)
def test_a_department_named_by_its_sectors_abbreviation_takes_the_full_name(
    written: str, name: str
) -> None:
    text = f"Chỉ số CCHC năm 2023 của các sở tỉnh Quảng Nam: {written} đứng đầu với 95,26%."
    got = RulesExtractor().extract(make_doc(text)).extraction.index_results
    assert [(r.entity, r.entity_level) for r in got] == [(name, "department")]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "In the PGI 2023, Ben Tre ranked 9th. Reducing waste in industrial zones: 6.1 points, "
            "8th out of 30; and Green procurement by the province: 5.2 points, 14th out of 30.",
            {
                ("Reducing waste in industrial zones", 6.1, 8),
                ("Green procurement by the province", 5.2, 14),
            },
        ),
        (
            "Chỉ số PGI năm 2023 của Bến Tre xếp thứ 9. Giảm thiểu rác thải khu công nghiệp: 6,1 "
            "điểm, thứ 8/30; Mua sắm xanh của tỉnh: 5,2 điểm, thứ 14/30.",
            {("Giảm thiểu rác thải khu công nghiệp", 6.1, 8), ("Mua sắm xanh của tỉnh", 5.2, 14)},
        ),
    ],
)
def test_a_list_item_labelled_with_its_field_is_that_fields(text: str, parts: set) -> None:
    assert parts <= _parts(text)
    assert not any(c is None and score is not None for c, score, _ in _parts(text))


def test_a_label_that_is_a_clause_leaves_the_field_named_after_the_value() -> None:
    text = (
        "In the DTI 2023, Thanh Hoa placed 11th. Its three pillars were fairly balanced: 9th "
        "for Digital Government and 8th for Digital Economy."
    )
    assert ("Digital Government", None, 9) in _parts(text)


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        (
            "In the PAR Index 2023 of Son La departments, the Department of Transport came "
            "first with 95.44 points.",
            "Sở Giao thông vận tải",
        ),
        (
            "In the SIPAS 2023 of Ha Giang, the provincial Department of Health came first with "
            "90.1%.",
            "Sở Y tế",
        ),
    ],
)
def test_an_english_department_is_named_after_its_ministrys_portfolio(
    text: str, entity: str
) -> None:
    got = RulesExtractor().extract(make_doc(text)).extraction.index_results
    assert [(r.entity, r.entity_level, r.rank) for r in got] == [(entity, "department", 1)]


def test_english_earlier_places_and_own_earlier_results() -> None:
    facts = _facts("In PCI 2021, Ha Noi had been 10th and Ho Chi Minh City 14th of 63.")
    assert {(f[0], f[1], f[3]) for f in facts} == {
        ("Hà Nội", 2021, 10),
        ("TP. Hồ Chí Minh", 2021, 14),
    }
    moved = _facts(
        "In the PCI 2022, Bac Giang took second place, climbing 29 places and adding 8.06 "
        "points on its PCI 2021 result."
    )
    assert {(f[1], f[3], f[5]) for f in moved} == {(2022, 2, 29)}


@pytest.mark.parametrize(
    "text",
    [
        "In the PAPI 2020, Quang Ninh ranked first on three dimensions: Transparency (6.499 "
        "points), Vertical Accountability (5.1 points) and Control of Corruption (7.2 points).",
        "Chỉ số PAPI năm 2020, Quảng Ninh dẫn đầu ở 3 chỉ số nội dung: Công khai, minh bạch "
        "(6,5 điểm), Trách nhiệm giải trình với người dân (5,1 điểm) và Kiểm soát tham nhũng "
        "trong khu vực công (7,2 điểm).",
    ],
)
def test_first_place_on_listed_dimensions_is_each_dimensions_not_the_index(text: str) -> None:
    parts = _parts(text)
    assert len(parts) == 3
    assert all(component is not None and rank == 1 for component, _, rank in parts)


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("Chỉ số DTI năm 2023, TP. Đà Nẵng vẫn dẫn đầu cả nước.", None),
        ("Chỉ số DTI năm 2023, Đà Nẵng tiếp tục dẫn đầu cả nước.", 0),
        ("Chỉ số PCI năm 2023, Quảng Ninh vẫn đứng đầu bảng xếp hạng.", None),
    ],
)
def test_a_lead_is_held_only_where_the_vocabulary_says_so(text: str, change: int | None) -> None:
    # The extractor and grounding read "held" from the same phrasings: a lead the extractor
    # called held where grounding could not read it lost the whole record.
    got = RulesExtractor().extract(make_doc(text)).extraction.index_results
    assert [(r.rank, r.rank_change) for r in got] == [(1, change)]


def test_every_hold_the_extractor_reads_is_one_grounding_reads() -> None:
    text = "In the PCI 2022, Quang Ninh held its place, 1st with 73.1 points."
    got = RulesExtractor().extract(make_doc(text)).extraction.index_results
    assert [(r.rank, r.rank_change, r.score) for r in got] == [(1, 0, 73.1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chỉ số phục vụ người dân và doanh nghiệp quý II/2024 của Lâm Đồng: trong 16 đơn vị "
            "của khối này, điểm cao nhất thuộc về Sở Công Thương với 98,63 điểm, thấp nhất là "
            "Sở Y tế với 83,61 điểm.",
            {("Sở Công Thương", 98.63, 1, 16), ("Sở Y tế", 83.61, 16, 16)},
        ),
        (
            "Chỉ số CCHC năm 2024 của Lâm Đồng: trong 12 đơn vị cấp huyện, UBND huyện Lâm Hà đạt "
            "điểm cao nhất với 97,63 điểm, còn UBND huyện Di Linh có điểm thấp nhất với 90,96 "
            "điểm.",
            {("huyện Lâm Hà", 97.63, 1, 12), ("huyện Di Linh", 90.96, 12, 12)},
        ),
    ],
)
def test_the_top_and_bottom_score_of_a_bloc_of_stated_size(text: str, expected: set) -> None:
    assert {(f[0], f[2], f[3], f[4]) for f in _facts(text)} == expected


def test_a_top_group_reaching_the_highest_scores_gives_no_first_place() -> None:
    text = (
        "Chỉ số PAPI năm 2020, với 44,396 điểm, Tuyên Quang có tên trong nhóm 16 tỉnh, thành "
        "phố đạt điểm cao nhất cả nước."
    )
    assert {f[3] for f in _facts(text)} <= {None}


def test_the_service_index_told_by_what_it_measures() -> None:
    text = (
        "Kết quả đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục "
        "hành chính quý II/2024: Sở Tư pháp tỉnh Lâm Đồng đạt 97,1 điểm, xếp thứ 2."
    )
    got = RulesExtractor().extract(make_doc(text)).extraction.index_results
    assert [(r.index, r.score, r.rank) for r in got] == [("SERVICE_INDEX", 97.1, 2)]
