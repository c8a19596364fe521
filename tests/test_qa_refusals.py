"""Questions the store cannot answer honestly are refused or narrowed, not answered with a
neighbouring record: regions asked as regions, counts of units meeting a condition, named
components, units inside a named province."""

from __future__ import annotations

import pytest

from llmx.qa.names import NameIndex
from llmx.qa.parse_rules import parse

NAMES = NameIndex.build()


@pytest.mark.parametrize(
    "question",
    [
        "Vùng kinh tế - xã hội nào có Chỉ số CCHC năm 2023 cao nhất?",
        "Vung nao xep cuoi ve Chi so CCHC nam 2024?",
        "Which region ranked first on the PAR Index in 2024?",
    ],
)
def test_a_region_question_asks_for_regions(question):
    assert parse(question, NAMES).entity_level == "region"


@pytest.mark.parametrize(
    "question",
    [
        "Có bao nhiêu tỉnh tăng hạng Chỉ số PCI năm 2022?",
        "Có bao nhiêu cơ quan được xếp loại Tốt về Chỉ số CCHC năm 2021?",
        "How many provinces improved their PAR Index in 2019?",
    ],
)
def test_a_count_of_units_meeting_a_condition_is_not_made_up_from_records(question):
    # Only a count the text states (a metric of the country) answers it, never a tally of
    # the records the store happens to hold.
    q = parse(question, NAMES)
    assert q.ask == "metric" and q.counts and q.entity == "Việt Nam"
    assert any("stated figure" in n for n in q.notes)


def test_a_plain_count_is_still_a_count():
    assert parse("Có bao nhiêu tỉnh có kết quả Chỉ số CCHC năm 2023?", NAMES).ask == "count"


@pytest.mark.parametrize(
    ("question", "component"),
    [
        ("Chỉ số nội dung Quản trị điện tử của tỉnh Lào Cai trong PAPI 2020 đạt bao nhiêu?",
         "Quản trị điện tử"),
        ("Tỉnh Lào Cai đạt bao nhiêu điểm ở nội dung Thủ tục hành chính công năm 2021?",
         "Thủ tục hành chính công"),
        ("What was Long An's score on the time costs sub-index of the PCI 2020?", "time costs"),
    ],
)
def test_a_named_component_is_kept(question, component):
    # without it the whole index's score would answer a sub-index question
    assert parse(question, NAMES).component == component


def test_a_district_sharing_a_province_name_is_a_district():
    q = parse("Huyện Quảng Ninh của tỉnh Quảng Bình đạt bao nhiêu điểm Chỉ số CCHC năm 2022?",
              NAMES)  # fmt: skip
    assert q.entity_level == "district" and q.scope == "province:Quảng Bình"


def test_a_city_named_with_another_province_stays_a_province():
    q = parse("Thành phố Hà Nội và tỉnh Bắc Ninh, nơi nào có điểm PAR Index cao hơn năm 2023?",
              NAMES)  # fmt: skip
    assert q.entity_level != "district"


@pytest.mark.parametrize(
    ("question", "level"),
    [
        ("Sở, ngành nào của Lâm Đồng dẫn đầu Chỉ số CCHC năm 2023?", "department"),
        ("so, ban, nganh nao cua lam dong dan dau chi so cchc nam 2023", "department"),
        ("Which department of Lam Dong led the PAR Index in 2023?", "department"),
        ("Bộ, ngành nào dẫn đầu Chỉ số CCHC năm 2023?", "ministry"),
    ],
)
def test_departments_of_a_province_are_not_ministries(question, level):
    # "ngành" after "sở," names a province's departments; after "bộ," the ministries
    assert parse(question, NAMES).entity_level == level


@pytest.mark.parametrize(
    ("question", "year"),
    [
        ("Quý I/2023, tỉnh Kon Tum tiếp nhận bao nhiêu hồ sơ?", 2023),
        ("thang 10/2020 ben tre co bao nhieu ho so tre han", 2020),
        ("How many dossiers did Kon Tum receive in Q1/2024?", 2024),
    ],
)
def test_a_period_sets_the_year(question, year):
    # a record of no known year does not answer a question that fixes one
    assert parse(question, NAMES).year == year
