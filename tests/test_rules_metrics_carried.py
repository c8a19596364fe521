"""Metric names carried across sentences: a rate named once in a paragraph and then given for
other units ("Xếp sau là Cà Mau (95,1%)"), for blocs of units ("Khối bộ, ngành đạt 70,2%")
and against its goal ("thấp hơn mục tiêu 60%"). Sentences written for these tests."""

from __future__ import annotations

import pytest
from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def metrics(text: str):
    out = RulesExtractor().extract(make_doc(text))
    for m in out.extraction.metrics:
        assert text[m.evidence.start : m.evidence.end] == m.evidence.quote
    return out.extraction.metrics


def at(text: str, value: float):
    hits = [m for m in metrics(text) if m.value == value]
    assert len(hits) == 1, [m.model_dump(exclude={"evidence"}) for m in metrics(text)]
    return hits[0]


@pytest.mark.parametrize(
    ("text", "value", "entity", "name"),
    [
        # units listed with their rate in brackets in the next sentence
        ("Năm 2023, tỷ lệ hồ sơ giải quyết đúng hạn của tỉnh Kiên Giang đạt 97,2%. Xếp sau "
         "là Cà Mau (95,1%) và Bạc Liêu (94,8%).", 94.8, "Bạc Liêu",
         "tỷ lệ hồ sơ giải quyết đúng hạn"),
        # a unit's own value after its name and a verb
        ("Năm 2024, tỷ lệ thanh toán trực tuyến của Bộ Tài chính đạt 61,3%. Bộ Tư pháp đạt "
         "55,2%, Bộ Y tế chỉ đạt 40,1%.", 40.1, "Bộ Y tế", "tỷ lệ thanh toán trực tuyến"),
        # a bare head ("với tỷ lệ") takes the rate the paragraph named
        ("Năm 2024, tỷ lệ hồ sơ được số hóa của tỉnh Hà Tĩnh đạt 71%. Huyện Kỳ Anh dẫn đầu "
         "với tỷ lệ 88,6%.", 88.6, "huyện Kỳ Anh", "tỷ lệ hồ sơ được số hóa"),
    ],
)  # fmt: skip
def test_a_rate_named_once_names_the_units_listed_after_it(
    text: str, value: float, entity: str, name: str
) -> None:
    m = at(text, value)
    assert (m.entity, m.name, m.unit, m.is_target) == (entity, name, "%", False)


@pytest.mark.parametrize(
    ("text", "value", "entity", "name"),
    [
        # blocs of the country's units: the country's figure, named with the bloc
        ("Năm 2024, tỷ lệ hồ sơ được số hóa của cả nước đạt 52%. Khối bộ, ngành đạt 70,2%; "
         "khối địa phương đạt 41%.", 70.2, "Việt Nam",
         "tỷ lệ hồ sơ được số hóa của khối bộ, ngành"),
        ("Năm 2024, tỷ lệ hồ sơ được số hóa của cả nước đạt 52%. Khối bộ, ngành đạt 70,2%; "
         "khối địa phương đạt 41%.", 41, "Việt Nam",
         "tỷ lệ hồ sơ được số hóa của khối địa phương"),
        # blocs inside a province: the province's figure
        ("Năm 2025, mức độ hài lòng bình quân của tỉnh Ninh Bình đạt 90,5%. Khối sở, ngành "
         "đạt 91,2%, khối xã, phường đạt 89,7%.", 89.7, "Ninh Bình",
         "mức độ hài lòng bình quân của khối xã, phường"),
    ],
)  # fmt: skip
def test_a_bloc_after_a_named_rate_gets_that_rate(
    text: str, value: float, entity: str, name: str
) -> None:
    m = at(text, value)
    assert (m.entity, m.name) == (entity, name)


@pytest.mark.parametrize(
    ("text", "value", "name"),
    [
        ("Năm 2024, tỷ lệ hồ sơ trực tuyến của tỉnh Hưng Yên đạt 52%, thấp hơn mục tiêu 60%.",
         60, "tỷ lệ hồ sơ trực tuyến"),
        ("Năm 2024, tỷ lệ hồ sơ trực tuyến của tỉnh Hưng Yên đạt 52%. Khối sở, ngành đạt "
         "70,2% so với chỉ tiêu 80%.", 80, "tỷ lệ hồ sơ trực tuyến của khối sở, ngành"),
        ("Năm 2024, tỷ lệ hồ sơ trực tuyến của tỉnh Hưng Yên đạt 52%, trong khi mục tiêu "
         "đề ra là 65%.", 65, "tỷ lệ hồ sơ trực tuyến"),
    ],
)  # fmt: skip
def test_a_goal_told_after_a_rate_is_that_rates_target(text: str, value: float, name: str) -> None:
    m = at(text, value)
    assert (m.entity, m.name, m.is_target, m.year) == ("Hưng Yên", name, True, 2024)
    assert at(text, 52).is_target is False


def test_a_name_does_not_carry_into_another_paragraph() -> None:
    text = (
        "Năm 2023, tỷ lệ hồ sơ giải quyết đúng hạn của tỉnh Kiên Giang đạt 97,2%.\n\n"
        "Cà Mau (95,1%) và Bạc Liêu (94,8%) cũng có kết quả tốt."
    )
    assert [m for m in metrics(text) if m.value in (95.1, 94.8)] == []


def test_a_sentence_naming_its_own_rate_keeps_it() -> None:
    text = (
        "Năm 2023, tỷ lệ hồ sơ giải quyết đúng hạn của tỉnh Kiên Giang đạt 97,2%. Tỷ lệ "
        "thanh toán trực tuyến của Cà Mau đạt 35%."
    )
    assert at(text, 35).name == "tỷ lệ thanh toán trực tuyến"


def test_a_value_not_attached_to_a_unit_takes_no_carried_name() -> None:
    # "tăng 5%" after the rate is its change, not another unit's level
    text = (
        "Năm 2023, tỷ lệ hồ sơ giải quyết đúng hạn của tỉnh Kiên Giang đạt 97,2%. Con số "
        "này tăng 5% so với năm trước, nhờ Sóc Trăng hỗ trợ."
    )
    assert [m for m in metrics(text) if m.value == 5 and m.name.startswith("tỷ lệ hồ sơ")] == []


def test_a_superlative_and_its_owner_are_not_part_of_the_name() -> None:
    text = (
        "Năm 2022, tỷ lệ số hóa hồ sơ cao nhất thuộc về huyện Tân Châu (82%) và huyện Gò Dầu "
        "(79,5%)."
    )
    assert at(text, 82).name == "tỷ lệ số hóa hồ sơ"
    assert (at(text, 79.5).entity, at(text, 79.5).name) == ("huyện Gò Dầu", "tỷ lệ số hóa hồ sơ")


def test_a_blocs_goal_is_the_blocs_and_a_later_bloc_is_no_goal() -> None:
    text = (
        "Năm 2024, tỷ lệ hồ sơ được số hóa của cả nước đạt 52%. Khối bộ, ngành đạt 70,2% so "
        "với mục tiêu 75%; khối địa phương chỉ đạt 41%, trong khi mục tiêu là 50%."
    )
    goal, level, later_goal = at(text, 75), at(text, 41), at(text, 50)
    assert (goal.entity, goal.name, goal.is_target) == (
        "Việt Nam",
        "tỷ lệ hồ sơ được số hóa của khối bộ, ngành",
        True,
    )
    assert (level.entity, level.is_target) == ("Việt Nam", False)
    assert (later_goal.name, later_goal.is_target) == (
        "tỷ lệ hồ sơ được số hóa của khối địa phương",
        True,
    )


GOALS = (
    "Kế hoạch cải cách hành chính của tỉnh Lạng Sơn đề ra các chỉ tiêu đến năm 2026:\n"
    "- 100% thủ tục hành chính được công khai trên Cổng Dịch vụ công quốc gia;\n"
    "- Tối thiểu 85% hồ sơ được tiếp nhận, giải quyết trực tuyến toàn trình;\n"
    "- Ít nhất 92% người dân hài lòng với sự phục vụ của cơ quan hành chính.\n"
    "Năm 2024, tỷ lệ hồ sơ trực tuyến của tỉnh đạt 61,5%."
)


@pytest.mark.parametrize(
    ("value", "name"),
    [
        (100, "tỷ lệ thủ tục hành chính được công khai trên Cổng Dịch vụ công quốc gia"),
        (85, "tỷ lệ hồ sơ được tiếp nhận, giải quyết trực tuyến toàn trình"),
        (92, "tỷ lệ người dân hài lòng"),
    ],
)
def test_the_items_of_a_list_of_goals_are_goals_of_its_year(value: float, name: str) -> None:
    m = at(GOALS, value)
    assert (m.entity, m.name, m.is_target, m.year) == ("Lạng Sơn", name, True, 2026)


def test_a_line_after_a_list_of_goals_is_a_result() -> None:
    m = at(GOALS, 61.5)
    assert (m.is_target, m.year) == (False, 2024)


def test_a_list_under_a_lead_with_no_goal_is_no_goal() -> None:
    text = (
        "Kết quả năm 2024 của tỉnh Lạng Sơn như sau:\n"
        "- 98% hồ sơ được giải quyết đúng hạn;\n"
        "- 76% hồ sơ được nộp trực tuyến."
    )
    assert at(text, 98).is_target is False and at(text, 76).year == 2024


@pytest.mark.parametrize(
    ("text", "value", "name"),
    [
        # a count restating a rate is the count of what the rate measures
        ("Năm 2024, tỷ lệ hồ sơ giải quyết trước hạn của tỉnh Bình Định đạt 35,2%, tương "
         "ứng với hơn 41.000 hồ sơ.", 41000, "số hồ sơ giải quyết trước hạn"),
        ("Năm 2023, tỷ lệ thanh toán trực tuyến của tỉnh Bình Định đạt 40%, tương ứng 12.500 "
         "hồ sơ.", 12500, "số hồ sơ thanh toán trực tuyến"),
        # a share restating a count is the share of what was counted
        ("Năm 2023, tỉnh Bình Định có 25/31 hồ sơ đạt chuẩn, tương đương 80,65%.", 80.65,
         "tỷ lệ hồ sơ đạt chuẩn"),
        # a decimal comma does not end the counted noun phrase
        ("Năm 2021, tỉnh Bình Định có 120 hồ sơ đạt từ 0,5 điểm trở lên, tương đương 42,5%.",
         42.5, "tỷ lệ hồ sơ đạt từ 0,5 điểm trở lên"),
    ],
)  # fmt: skip
def test_a_figure_restated_in_another_unit_takes_the_first_ones_name(
    text: str, value: float, name: str
) -> None:
    m = at(text, value)
    assert (m.entity, m.name) == ("Bình Định", name)


def test_a_count_with_its_own_words_after_a_rate_keeps_them() -> None:
    text = (
        "Năm 2024, tỷ lệ hồ sơ trực tuyến của tỉnh Bình Định đạt 35,2%, tương ứng 1,2 triệu "
        "hồ sơ trực tuyến toàn trình."
    )
    assert at(text, 1_200_000).name == "số hồ sơ trực tuyến toàn trình"


def test_a_count_of_ministries_and_provinces_together_is_the_countrys() -> None:
    text = "Năm 2023, hệ thống đã kết nối văn bản điện tử tới 88/94 bộ, ngành, địa phương."
    m = at(text, 88)
    assert (m.entity, m.unit) == ("Việt Nam", "bộ, ngành, địa phương")


def test_a_count_inside_a_rates_name_is_not_a_figure() -> None:
    # "25 TTHC" names what the rate is of; the rate is the figure
    text = "Năm 2024, tỷ lệ giải quyết 18 TTHC thiết yếu của tỉnh Bình Định đạt 91,5%."
    assert [m.value for m in metrics(text)] == [91.5]


def test_a_share_after_a_list_of_places_is_each_places() -> None:
    text = (
        "Năm 2019, tại TX. Long Khánh, huyện Xuân Lộc và huyện Cẩm Mỹ, 100% đơn vị cấp xã "
        "trực thuộc đều tăng điểm."
    )
    got = sorted(m.entity for m in metrics(text) if m.value == 100)
    assert got == ["huyện Cẩm Mỹ", "huyện Xuân Lộc", "thị xã Long Khánh"]


def test_a_share_after_one_place_or_a_plain_list_stays_one_record() -> None:
    text = (
        "Năm 2019, huyện Xuân Lộc và huyện Cẩm Mỹ được khen; 100% đơn vị cấp xã của huyện "
        "Cẩm Mỹ đều tăng điểm."
    )
    assert len([m for m in metrics(text) if m.value == 100]) == 1


def test_sentences_do_not_end_after_the_abbreviation_of_a_town() -> None:
    from llmx.core.sentences import sentences

    text = "Tại TX. Long Khánh, 100% hồ sơ được giải quyết đúng hạn."
    assert len(list(sentences(text))) == 1


def test_an_open_ended_goal_is_the_goal() -> None:
    text = "Năm 2025, tỉnh Quảng Trị phấn đấu tỷ lệ hồ sơ trực tuyến đạt từ 80% trở lên."
    m = at(text, 80)
    assert (m.name, m.is_target, m.year) == ("tỷ lệ hồ sơ trực tuyến", True, 2025)


def test_an_open_ended_bound_outside_a_goal_is_no_figure() -> None:
    text = "Năm 2024, tỉnh Quảng Trị có 9 xã đạt tỷ lệ hồ sơ trực tuyến từ 80% trở lên."
    assert [m for m in metrics(text) if m.value == 80] == []


def test_a_share_after_a_semicolon_names_its_own_noun_phrase() -> None:
    text = (
        "Năm 2023, tỷ lệ hồ sơ trực tuyến của tỉnh Quảng Trị đạt 68,4%; 97% hồ sơ được giải "
        "quyết đúng hạn."
    )
    assert at(text, 97).name == "tỷ lệ hồ sơ được giải quyết đúng hạn"
    assert at(text, 68.4).name == "tỷ lệ hồ sơ trực tuyến"


@pytest.mark.parametrize(
    ("text", "value", "name"),
    [
        ("Năm 2023, tỉnh Quảng Trị giảm 30% lệ phí cấp phiếu lý lịch tư pháp.", 30,
         "mức giảm lệ phí cấp phiếu lý lịch tư pháp"),
        ("Năm 2023, tỉnh Quảng Trị cắt giảm ít nhất 25% thời gian giải quyết thủ tục.", 25,
         "mức giảm thời gian giải quyết thủ tục"),
    ],
)  # fmt: skip
def test_a_cut_of_a_noun_phrase_is_named_as_the_cut(text: str, value: float, name: str) -> None:
    assert (at(text, value).entity, at(text, value).name) == ("Quảng Trị", name)


def test_a_change_compared_with_a_year_is_not_a_cut() -> None:
    text = "Năm 2023, số hồ sơ của tỉnh Quảng Trị giảm 5% so với năm trước."
    assert all(not m.name.startswith("mức giảm") for m in metrics(text))


def test_a_change_after_a_rate_is_named_as_its_change() -> None:
    text = (
        "Tháng 5/2022, tỷ lệ hồ sơ trễ hạn của tỉnh Phú Thọ chỉ còn 2,1%, thấp hơn 1,4% so "
        "với tháng 4/2022."
    )
    # the period shorter than a year belongs in the names (CONVENTIONS)
    assert at(text, 2.1).name == "tỷ lệ hồ sơ trễ hạn tháng 5/2022"
    assert at(text, 1.4).name == "mức giảm tỷ lệ hồ sơ trễ hạn so với tháng 4/2022 tháng 5/2022"


def test_a_share_in_brackets_after_a_count_is_the_share_of_what_it_counts() -> None:
    text = (
        "Tháng 5/2022, tỉnh Phú Thọ có 8.412 hồ sơ đến hạn, trong đó 8.130 hồ sơ được trả "
        "đúng hạn (đạt 96,65%), còn 282 hồ sơ quá hạn (chiếm 3,35%)."
    )
    assert at(text, 96.65).name == "tỷ lệ hồ sơ được trả đúng hạn tháng 5/2022"
    assert at(text, 3.35).name == "tỷ lệ hồ sơ quá hạn tháng 5/2022"


def test_figures_told_before_the_article_first_names_a_district_are_the_provinces() -> None:
    text = (
        "Kết quả giải quyết hồ sơ tại bộ phận một cửa cấp huyện, xã tháng 5/2022\n\n"
        "Trong tháng 5/2022, bộ phận một cửa cấp huyện và cấp xã tiếp nhận 9.120 hồ sơ.\n\n"
        "Huyện Thanh Sơn có tỷ lệ hồ sơ trễ hạn thấp nhất, chỉ 0,4%. Huyện Thanh Sơn được "
        "biểu dương; huyện Thanh Sơn tiếp tục dẫn đầu."
    )
    assert at(text, 9120).entity == "Phú Thọ"
    assert at(text, 0.4).entity == "huyện Thanh Sơn"


def test_a_rate_given_for_each_level_of_a_province_is_named_with_the_level() -> None:
    text = (
        "Năm 2022, về tỷ lệ giải quyết hồ sơ đúng hạn của tỉnh Yên Bái: các cơ quan chuyên môn "
        "cấp tỉnh đạt 99,1%, UBND cấp huyện đạt 98,7%."
    )
    prov, district = at(text, 99.1), at(text, 98.7)
    assert (prov.entity, prov.name) == (
        "Yên Bái",
        "tỷ lệ giải quyết hồ sơ đúng hạn của các cơ quan chuyên môn cấp tỉnh",
    )
    assert district.name == "tỷ lệ giải quyết hồ sơ đúng hạn của UBND cấp huyện"


def test_a_units_short_form_defined_by_the_article_is_read_as_that_unit() -> None:
    text = (
        "Tháng 10-2021, Trung tâm Phục vụ hành chính công tỉnh Trà Vinh tiếp nhận 9,4 ngàn hồ "
        "sơ (HS) các loại.\n\n"
        "Các cơ quan đã giải quyết 8,7 ngàn HS, trong đó 8,6 ngàn HS được giải quyết đúng hạn. "
        "So với tháng 9-2021, số HS tiếp nhận giảm 120 HS."
    )
    got = {m.value: (m.entity, m.name, m.unit, m.year) for m in metrics(text)}
    assert got[9400][3] == 2021  # "tháng 10-2021" dates the figures
    # the lead's month is the period of the later paragraph's figures too (CONVENTIONS)
    assert got[8600][1:3] == ("số hồ sơ được giải quyết đúng hạn tháng 10-2021", "hồ sơ")
    assert got[120][1] == "mức giảm số hồ sơ tiếp nhận so với tháng 9-2021"


def test_an_undefined_short_form_is_not_a_unit() -> None:
    text = "Năm 2021, tỉnh Trà Vinh có 120 HS đạt giải học sinh giỏi."
    assert [m for m in metrics(text) if m.value == 120] == []


def test_the_rate_a_headline_names_names_the_units_listed_in_the_body() -> None:
    text = (
        "Long An dẫn đầu về tỷ lệ thanh toán trực tuyến\n\n"
        "Năm 2023, Long An đạt kết quả cao nhất. Đứng sau là Tây Ninh (61,2%) và Bến Tre "
        "(58,4%)."
    )
    m = at(text, 61.2)
    assert (m.entity, m.name) == ("Tây Ninh", "tỷ lệ thanh toán trực tuyến")


def test_a_headline_with_no_rate_names_nothing() -> None:
    text = (
        "Long An dẫn đầu cả nước\n\n"
        "Năm 2023, Long An đạt kết quả cao nhất. Đứng sau là Tây Ninh (61,2%) và Bến Tre "
        "(58,4%)."
    )
    assert [m for m in metrics(text) if m.value == 61.2] == []


def test_a_rate_named_by_what_follows_it_names_the_next_units_value() -> None:
    text = (
        "Năm 2023, Sở Tư pháp tỉnh Hà Tĩnh giải quyết 100% hồ sơ đúng hạn, Sở Xây dựng đạt 98,5%."
    )
    first, second = at(text, 100), at(text, 98.5)
    assert (first.entity, first.name) == ("Sở Tư pháp", "tỷ lệ hồ sơ đúng hạn")
    assert (second.entity, second.name) == ("Sở Xây dựng", "tỷ lệ hồ sơ đúng hạn")


def test_a_count_restating_an_unnamed_rate_is_not_emitted() -> None:
    text = "Năm 2023, tỉnh Bình Định còn 20,9% chưa đồng bộ, tương ứng với trên 44.000 hồ sơ."
    assert [m for m in metrics(text) if m.value == 44000] == []


@pytest.mark.parametrize(
    ("text", "value", "entity", "name"),
    [
        # a list's lead and a unit named inside the head end the rate's name
        ("Năm 2023, tỷ lệ hồ sơ đúng hạn của các sở như sau: Sở Tư pháp 99,5%, Sở Y tế 98,2%.",
         98.2, "Sở Y tế", "tỷ lệ hồ sơ đúng hạn của các sở"),
        ("Về tỷ lệ hồ sơ trực tuyến năm 2023, huyện Cẩm Xuyên đạt 72,4%; huyện Nghi Xuân đạt "
         "68,1%.", 68.1, "huyện Nghi Xuân", "tỷ lệ hồ sơ trực tuyến"),
    ],
)  # fmt: skip
def test_a_rates_name_stops_before_its_lead_year_and_units(
    text: str, value: float, entity: str, name: str
) -> None:
    m = at(text, value)
    assert (m.entity, m.name) == (entity, name)


def test_a_count_after_a_comma_starts_another_figure() -> None:
    text = "Năm 2023, huyện Lộc Hà tiếp nhận 5.120 hồ sơ, giải quyết đúng hạn 5.050 hồ sơ."
    assert at(text, 5120).name == "số hồ sơ tiếp nhận"
    assert at(text, 5050).name == "số hồ sơ giải quyết đúng hạn"


def test_a_share_after_a_count_and_dat_is_the_share_of_what_was_counted() -> None:
    text = "Năm 2023, huyện Lộc Hà đã giải quyết 5.050 hồ sơ đúng hạn, đạt 98,6%."
    m = at(text, 98.6)
    assert (m.entity, m.name) == (
        "huyện Lộc Hà",
        "tỷ lệ hồ sơ đúng hạn giải quyết",
    )  # the count's words
