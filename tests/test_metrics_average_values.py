"""Which number a national average's cue announces: a value whose unit is given in brackets
after it ("đạt 85,12 (%/100 điểm tối đa)") is the average, the scale's maximum is not; a bar
the average passes ("vượt 80%") is no value of it. Sentences written for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def metrics(text: str) -> dict[float, tuple[str, str]]:
    out = RulesExtractor().extract(make_doc(text))
    return {m.value: (m.entity, m.name) for m in out.extraction.metrics}


def test_a_value_with_its_unit_in_brackets_is_the_average() -> None:
    text = (
        "Năm 2023, giá trị trung bình Chỉ số CCHC của các tỉnh đạt 85,12 (%/100 điểm tối đa), "
        "thấp hơn 0,5% so với năm 2022."
    )
    got = metrics(text)
    assert got[85.12] == ("Việt Nam", "giá trị trung bình Chỉ số CCHC cả nước")
    assert 100 not in got
    assert got[0.5][0] == "Việt Nam" and got[0.5][1].startswith("mức giảm")


def test_a_bar_the_average_passes_is_not_its_value() -> None:
    text = (
        "Năm 2023 là năm thứ 3 liên tiếp giá trị trung bình Chỉ số CCHC của các địa phương "
        "vượt 80%."
    )
    assert 80 not in metrics(text)
