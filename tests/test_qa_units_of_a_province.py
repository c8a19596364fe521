"""Questions about a province's own units: the level asked as "Which Hanoi district …" or
"Cơ quan chuyên môn nào …" is the province's units of that level; a district's name in an
English answer puts its type after it ("Dong Da district"). Questions and names invented."""

from __future__ import annotations

import pytest

from llmx.qa.names import NameIndex
from llmx.qa.parse_rules import parse
from llmx.qa.render import english_name


@pytest.mark.parametrize(
    ("question", "ask", "scope", "level"),
    [
        ("Which Hanoi district came first in the city's PAR Index 2023?",
         "entity_for_rank", "province:Hà Nội", "district"),
        ("Which Quang Ninh department ranked third in the PAR Index 2022?",
         "entity_for_rank", "province:Quảng Ninh", "department"),
        ("Cơ quan chuyên môn nào xếp cuối cùng về Chỉ số CCHC năm 2022 của tỉnh Nghệ An?",
         "bottom", "province:Nghệ An", "department"),
        ("co quan chuyen mon nao xep cuoi cung ve chi so cchc nam 2022 cua tinh nghe an",
         "bottom", "province:Nghệ An", "department"),
    ],
)  # fmt: skip
def test_a_provinces_units_of_the_level_asked(question, ask, scope, level):
    q = parse(question, NameIndex.build())
    assert (q.ask, q.scope, q.entity, q.entity_level) == (ask, scope, None, level)


def test_words_between_which_and_a_level_that_name_no_place_ask_no_unit():
    q = parse("What share of Hanoi districts improved?", NameIndex.build())
    assert q.ask == "metric" and q.entity_level is None


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("quận Đống Đa", "Dong Da district"),
        ("huyện Phú Xuyên", "Phu Xuyen district"),
        ("thị xã Sơn Tây", "Son Tay town"),
        ("phường Hòa Xuân", "Hoa Xuan ward"),
        ("Đồng Tháp", "Dong Thap"),
    ],
)
def test_a_units_type_follows_its_name_in_english(name, english):
    assert english_name(name) == english
