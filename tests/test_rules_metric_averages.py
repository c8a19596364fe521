"""Averages over many units as metrics of the country or the ministries' bloc, and the
changes and earlier values told after them, on sentences written for these tests."""

from __future__ import annotations

from support.documents import make_doc
from support.metric_facts import metrics

from llmx.rules.extractor import RulesExtractor


def test_a_national_average_is_the_countrys_named_by_its_index() -> None:
    text = (
        "Năm 2022, Chỉ số CCHC của tỉnh Hậu Giang đạt 84,3%. Mặt bằng chung đi lên: bình quân "
        "Chỉ số CCHC 2022 của 63 tỉnh, thành phố là 83,15%, cao hơn năm 2021 1,27%."
    )
    got = metrics(text)
    assert ("Việt Nam", "giá trị trung bình Chỉ số CCHC cả nước", 83.15, 2022) in got
    assert (
        "Việt Nam",
        "mức tăng giá trị trung bình Chỉ số CCHC cả nước so với năm 2021",
        1.27,
        2022,
    ) in got


def test_an_average_a_unit_is_compared_with_gives_only_its_bracketed_value() -> None:
    # "vượt điểm bình quân cả nước (0,38 điểm) 0,09 điểm": the 0,09 is the province's gap
    text = (
        "Năm 2022, Chỉ số chuyển đổi số (DTI) của tỉnh Phú Thọ đạt 0,47 điểm, vượt điểm bình "
        "quân cả nước (0,38 điểm) 0,09 điểm."
    )
    got = [g for g in metrics(text) if g[0] == "Việt Nam"]
    assert [(g[2], g[3]) for g in got] == [(0.38, 2022)]


def test_a_change_told_between_the_cue_and_a_value_is_not_the_average() -> None:
    # the level has no unit the rule reads; the number with a unit is the change
    text = (
        "Năm 2021, bình quân điểm PCI của các địa phương đạt 64,2 trên thang 100, nhỉnh hơn "
        "năm 2020 khoảng 0,5 điểm."
    )
    assert [g for g in metrics(text) if g[2] == 0.5] == []


def test_an_english_national_average_with_its_earlier_value() -> None:
    text = (
        "An official said the national average satisfaction level reached 81.9% in 2021, up "
        "from 80.3% a year earlier."
    )
    got = metrics(text, title="SIPAS 2021 results")
    assert ("Việt Nam", "national average SIPAS", 81.9, 2021) in got
    assert ("Việt Nam", "national average SIPAS", 80.3, 2020) in got


def test_english_changes_in_a_row_after_an_average() -> None:
    text = (
        "In 2020 the national Satisfaction Index of Public Administration Services (SIPAS) "
        "stood at 83.1%, nearly 0.8% above 2019 and nearly 1.6% above 2018."
    )
    got = {(g[1], g[2]) for g in metrics(text)}
    assert ("change in the national average SIPAS from 2019", 0.8) in got
    assert ("change in the national average SIPAS from 2018", 1.6) in got


def test_an_average_over_the_ministries_is_the_blocs() -> None:
    text = (
        "In the 2020 PAR Index, averaged over the 17 ministries and agencies, the index "
        "reached 86.2%, 0.6% lower than in 2019."
    )
    got = metrics(text)
    assert (
        "17 bộ, cơ quan ngang bộ",
        "average PAR Index of ministries and agencies",
        86.2,
        2020,
    ) in got
    change = [g for g in got if g[1].startswith("decrease in")]
    assert [(g[0], g[2]) for g in change] == [("17 bộ, cơ quan ngang bộ", 0.6)]


def test_a_regions_average_is_not_a_metric_of_the_country() -> None:
    text = (
        "Năm 2023, vùng Tây Nguyên có giá trị trung bình Chỉ số CCHC là 84,1%, thấp hơn bình "
        "quân cả nước."
    )
    assert [g for g in metrics(text) if g[0] == "Việt Nam"] == []


def test_a_vietnamese_fall_is_named_as_a_fall_and_a_0_to_1_score_needs_no_unit() -> None:
    sipas = "Chỉ số SIPAS chung của cả nước năm 2020 là 84,1%, thấp hơn năm 2019 1,2%."
    assert (
        "Việt Nam",
        "mức giảm giá trị trung bình Chỉ số SIPAS cả nước so với năm 2019",
        1.2,
        2020,
    ) in metrics(sipas)
    dti = "Năm 2022, DTI cấp tỉnh bình quân đạt 0,4512, tăng 12,4% so với năm 2021."
    got = metrics(dti)
    assert ("Việt Nam", "giá trị trung bình Chỉ số chuyển đổi số cả nước", 0.4512, 2022) in got


def test_a_bloc_of_a_stated_size_and_an_average_of_the_provinces() -> None:
    text = (
        "In the 2015 PAR Index, the 18 ministries and agencies average 79.1 percent. The 63 "
        "provinces and cities, for their part, average 76.4 percent."
    )
    got = metrics(text)
    assert (
        "18 bộ, cơ quan ngang bộ",
        "average PAR Index of ministries and agencies",
        79.1,
        2015,
    ) in got
    assert ("Việt Nam", "average PAR Index of provinces and cities", 76.4, 2015) in got


def test_a_part_of_the_bloc_is_not_the_bloc() -> None:
    text = "Năm 2022, giá trị trung bình DTI của khối bộ có cung cấp dịch vụ công là 0,47."
    assert [g for g in metrics(text) if g[2] == 0.47] == []


def test_the_cheap_tests_let_every_vocabulary_example_through() -> None:
    # the hints skip sentences before the vocabulary's cues run: they must not skip a cue
    from llmx.core.textnorm import fold
    from llmx.core.vocab import get_vocab
    from llmx.rules import metric_averages, metrics_en

    hints = {
        "average": metric_averages._AVERAGE_HINT,
        "en_count": metrics_en._EN_HINT,
    }
    for entry in get_vocab().entries:
        hint = hints.get(entry.label)
        for example in entry.examples if hint is not None else []:
            assert hint.search(fold(example)), (entry.label, example)


def test_a_provinces_own_units_average_is_the_provinces() -> None:

    text = (
        "Dien Bien publishes its 2023 SIPAS\n\n"
        "In 2023, Dien Bien province improved its SIPAS. The departments and agencies averaged "
        "93.2% last year, 0.5% below 2022, and the localities averaged 91.7%."
    )
    out = RulesExtractor().extract(make_doc(text))
    got = {m.value: (m.entity, m.name) for m in out.extraction.metrics}
    assert got[93.2] == ("Điện Biên", "average SIPAS of departments and agencies")
    assert got[0.5] == (
        "Điện Biên",
        "decrease in the average SIPAS of departments and agencies from 2022",
    )
    assert got[91.7] == ("Điện Biên", "average SIPAS of localities")


def test_a_vietnamese_average_of_a_provinces_units_is_the_provinces() -> None:

    text = (
        "Bình Phước công bố Chỉ số CCHC năm 2018\n\n"
        "Chỉ số cải cách hành chính (CCHC) bình quân của các xã, phường, thị trấn tỉnh Bình "
        "Phước đạt 80,45%, cao hơn năm 2017 là 5,2%."
    )
    out = RulesExtractor().extract(make_doc(text))
    got = {m.value: (m.entity, m.name, m.year) for m in out.extraction.metrics}
    assert got[80.45] == ("Bình Phước", "Chỉ số CCHC bình quân của xã, phường, thị trấn", 2018)
    assert got[5.2] == (
        "Bình Phước",
        "mức tăng Chỉ số CCHC bình quân của xã, phường, thị trấn so với năm 2017",
        2018,
    )
    assert all(r.score != 80.45 for r in out.extraction.index_results)


def test_the_year_in_a_blocs_average_cue_is_not_its_size() -> None:
    text = "Giá trị trung bình Chỉ số CCHC năm 2021 của 18 bộ, cơ quan ngang bộ là 84,5%."
    got = metrics(text)
    assert [g[0] for g in got if g[2] == 84.5] == ["18 bộ, cơ quan ngang bộ"]
