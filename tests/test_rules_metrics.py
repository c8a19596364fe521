"""Metric records of the offline extractor: names, entity and year, on sentences written for
these tests."""

from __future__ import annotations

import pytest
from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def metrics(text: str, title: str | None = None):
    out = RulesExtractor().extract(make_doc(text, title=title))
    for m in out.extraction.metrics:
        assert text[m.evidence.start : m.evidence.end] == m.evidence.quote
    return out.extraction.metrics


def one(text: str, value: float, title: str | None = None):
    hits = [m for m in metrics(text, title) if m.value == value]
    assert len(hits) == 1, [m.model_dump(exclude={"evidence"}) for m in metrics(text, title)]
    return hits[0]


@pytest.mark.parametrize(
    ("sentence", "value", "name", "unit"),
    [
        # a count is named "số …" after the counted noun phrase, cut at the clause end, and
        # ends on the clause's verb before the number (the entity's name left out)
        ("Năm 2023, tỉnh Phú Yên tiếp nhận 1.250 hồ sơ trực tuyến, tăng so với năm trước.",
         1250, "số hồ sơ trực tuyến tiếp nhận", "hồ sơ"),
        # "cơ quan" keeps its first word: "có" is cut, "cơ" is not
        ("Năm 2022, tỉnh Yên Bái có 9 cơ quan chuyên môn xếp loại Tốt.", 9,
         "số cơ quan chuyên môn xếp loại Tốt", "cơ quan"),
        # the clause after "là" names who, not what
        ("Năm 2022, tỉnh Kon Tum chỉ có 2 đơn vị là Sở Tư pháp và Sở Y tế.", 2, "số đơn vị",
         "đơn vị"),
        # an amount of time is named by what was timed, without "số" (a bare "3 ngày làm
        # việc" names nothing: tests/test_metrics_duration_names.py)
        ("Năm 2023, tỉnh Đồng Nai rút ngắn thời gian giải quyết còn 3 ngày làm việc.", 3,
         "thời gian giải quyết", "ngày làm việc"),
        # a bare share of a noun phrase is the rate of it, the verb before it cut
        ("Năm 2024, tại tỉnh Cà Mau, 41,5% là dịch vụ công trực tuyến toàn trình.", 41.5,
         "tỷ lệ dịch vụ công trực tuyến toàn trình", "%"),
        # "đối với …" says what the rate is of; its owner is cut, no dangling "của"
        ("Năm 2023, tỷ lệ hài lòng đối với sự phục vụ của tỉnh Sóc Trăng đạt 88,1%.", 88.1,
         "tỷ lệ hài lòng đối với sự phục vụ", "%"),
        # "đất" is a noun, not the verb "đạt": it stays in the name
        ("Năm 2023, tỉnh Long An giải quyết 310 hồ sơ đất đai.", 310, "số hồ sơ đất đai giải quyết",
         "hồ sơ"),
    ],
)  # fmt: skip
def test_metric_names(sentence: str, value: float, name: str, unit: str) -> None:
    m = one(sentence, value)
    assert (m.name, m.unit) == (name, unit)


def test_a_rate_with_no_readable_name_is_not_emitted() -> None:
    # neither a rate head nor a measured noun: the words before the number do not name it
    text = "Năm 2023, tỉnh Vĩnh Long là địa phương có kết quả cao nhất, đạt 91,2%."
    assert [m for m in metrics(text) if m.value == 91.2] == []


def test_a_period_sets_the_year() -> None:
    m = one("Trong tháng 5/2025, tỉnh Bến Tre tiếp nhận 812 hồ sơ trực tuyến.", 812)
    assert m.year == 2025 and m.entity == "Bến Tre"


def test_a_national_average_after_a_province_is_the_nation() -> None:
    text = (
        "Năm 2024, tỷ lệ hồ sơ trực tuyến của tỉnh Hậu Giang đạt 87,5%; bình quân 63 tỉnh, "
        "thành phố là 85,2%."
    )
    own, avg = one(text, 87.5), one(text, 85.2)
    assert (own.entity, own.name) == ("Hậu Giang", "tỷ lệ hồ sơ trực tuyến")
    assert (avg.entity, avg.year) == ("Việt Nam", 2024)


def test_an_undated_figure_takes_the_articles_dated_period() -> None:
    text = (
        "Bộ phận Một cửa tỉnh Trà Vinh bảo đảm tiến độ giải quyết hồ sơ\n\n"
        "06/2025\n\n"
        "Trong tháng, Bộ phận Một cửa tỉnh Trà Vinh đã tiếp nhận 2.318 hồ sơ trực tuyến."
    )
    m = one(text, 2318)
    assert (m.year, m.name) == (2025, "số hồ sơ trực tuyến tiếp nhận")


def test_a_period_shorter_than_a_year_belongs_in_the_name() -> None:
    m = one("Trong quý III/2024, tỉnh Bạc Liêu tiếp nhận 4.105 hồ sơ trực tuyến.", 4105)
    assert (m.name, m.year) == ("số hồ sơ trực tuyến tiếp nhận quý III/2024", 2024)


def test_a_survey_a_ministry_ran_counts_for_the_country() -> None:
    text = "Năm 2023, Bộ Nội vụ đã khảo sát 41.250 người dân trên cả nước."
    assert one(text, 41250).entity == "Việt Nam"


def test_the_headlines_year_dates_undated_figures_over_the_dateline() -> None:
    # the headline names the year reported on; the dateline the month it was published
    text = (
        "Kết quả đánh giá cải cách hành chính năm 2020 của tỉnh Nam Định\n\n"
        "Tháng 3/2021\n\n"
        "Trong khối sở, tỉnh Nam Định có 15 cơ quan xếp loại Tốt."
    )
    assert one(text, 15).year == 2020


def test_a_year_later_in_the_values_clause_dates_it_and_one_past_a_clause_does_not() -> None:
    text = (
        "Năm 2023, tỉnh Sóc Trăng đạt 62,1 điểm PCI. Tỉnh có 6 chỉ số tăng điểm; trong khi năm "
        "2022 còn 3 chỉ số dưới mức trung bình."
    )
    assert (one(text, 6).year, one(text, 3).year) == (2023, 2022)
    later = "Tỉnh Cà Mau tiếp nhận 5.120 hồ sơ trực tuyến trong năm 2024."
    assert one(later, 5120).year == 2024


def test_a_generic_count_after_its_bloc_is_named_by_the_blocs_kind() -> None:
    text = (
        "Năm 2023, tỉnh Gia Lai công bố kết quả. Ở khối sở, ngành, 9/12 đơn vị (75%) đạt loại "
        "tốt; ở khối UBND các huyện, 4 đơn vị xếp loại khá."
    )
    assert (one(text, 9).name, one(text, 75).name, one(text, 4).name) == (
        "số sở, ngành đạt loại tốt",
        "tỷ lệ sở, ngành loại tốt",
        "số UBND huyện xếp loại khá",
    )
    # a count of a named kind keeps its own name
    kept = "Năm 2023, ở khối sở, tỉnh Gia Lai có 3 hồ sơ quá hạn."
    assert one(kept, 3).name.startswith("số hồ sơ")


def test_a_verb_of_two_short_words_joined_by_va_stays_whole() -> None:
    text = (
        "Năm 2022, huyện Lý Sơn giải quyết 980 hồ sơ, trong đó, giải quyết đúng và sớm hạn là "
        "960 hồ sơ."
    )
    assert one(text, 960).name == "số hồ sơ giải quyết đúng và sớm hạn"


def test_a_bracketed_aside_of_words_takes_no_part_in_a_name() -> None:
    text = "Năm 2021, tỉnh Hà Giang có 100% hồ sơ (trừ hồ sơ mật) được số hóa."
    assert one(text, 100).name == "tỷ lệ hồ sơ được số hóa"


def test_the_system_a_sentence_opens_on_says_where_its_figures_are_counted() -> None:
    text = (
        "Đối với Hệ thống thông tin giải quyết TTHC tỉnh Lào Cai, năm 2023 có 41.200 tài "
        "khoản đăng ký…"
    )
    assert one(text, 41200).name == (
        "số tài khoản đăng ký trên Hệ thống thông tin giải quyết TTHC tỉnh Lào Cai"
    )


def test_a_predicate_told_once_after_a_list_of_counts_names_every_count() -> None:
    text = (
        "Năm 2020, tại tỉnh Cao Bằng, 100% xã và 35 đơn vị sự nghiệp cấp huyện đã áp dụng phần "
        "mềm một cửa điện tử."
    )
    assert one(text, 100).name == "tỷ lệ xã đã áp dụng phần mềm một cửa điện tử"
    # a comma alone lists another figure, whose words are its own
    other = "Năm 2020, huyện Hòa An tiếp nhận 2.310 hồ sơ, 98% hồ sơ được giải quyết đúng hạn."
    assert one(other, 2310).name == "số hồ sơ tiếp nhận"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a unit's share of the maximum score is its index result, not a metric
        ("Năm 2022, Sở Xây dựng tỉnh Bến Tre xếp cuối, tỷ lệ điểm số đạt 61,2%.", 61.2),
        # what changed is named in another sentence
        ("Năm 2022, tỉnh Bến Tre đạt 80,1%. Kết quả này giảm 2,4% so với năm trước.", 2.4),
        # the make-up of an index, not anyone's figure
        ("Bộ tiêu chí năm 2022 được cấu trúc thành 9 lĩnh vực đánh giá.", 9),
        ("Năm 2022, Chỉ số PAPI được xây dựng trên 8 tiêu chí đánh giá.", 8),
        # and the later parts of the list the make-up opens
        ("Năm 2020, bộ tiêu chí gồm 8 lĩnh vực, 42 tiêu chí và 90 tiêu chí thành phần.", 90),
        # every province: the base of the figures that follow
        ("Năm 2022, 63 tỉnh, thành phố được chia thành ba nhóm.", 63),
    ],
)  # fmt: skip
def test_figures_that_are_not_metrics(text: str, value: float) -> None:
    assert [m for m in metrics(text) if m.value == value] == []


def test_a_units_rank_in_the_country_does_not_make_its_count_the_countrys() -> None:
    text = "Năm 2022, điểm của tỉnh Hà Nam thuộc nhóm cao nhất toàn quốc ở cả 6 lĩnh vực."
    assert one(text, 6).entity == "Hà Nam"


def test_rates_told_respectively_go_to_the_units_listed_in_order() -> None:
    text = (
        "Năm 2023, tỷ lệ hồ sơ trực tuyến cao nhất thuộc về Bộ Tư pháp, Bộ Y tế và Bộ Xây "
        "dựng, với tỷ lệ lần lượt là 98,1%, 95,4% và 93,2%."
    )
    got = {m.value: m.entity for m in metrics(text)}
    assert got == {98.1: "Bộ Tư pháp", 95.4: "Bộ Y tế", 93.2: "Bộ Xây dựng"}
    # lists of different lengths pair nothing: each rate keeps the usual owner
    uneven = (
        "Năm 2023, Bộ Tư pháp và Bộ Y tế có tỷ lệ hồ sơ trực tuyến lần lượt là 98,1%, 95,4% "
        "và 93,2%."
    )
    assert {m.entity for m in metrics(uneven)} == {"Bộ Y tế"}


def test_a_rate_of_agencies_keeps_co_quan_and_services_that_had_dossiers_keep_co() -> None:
    # folded, "cơ" (cơ quan) and "có" (has) read alike: only "có" is a verb
    m = one("Năm 2023, tỷ lệ cơ quan hành chính của tỉnh Hà Tĩnh áp dụng ISO đạt 95%.", 95)
    assert m.name == "tỷ lệ cơ quan hành chính"
    text = "Năm 2022, tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ của Bộ Y tế đạt 98%."
    assert one(text, 98).name == "tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ"
