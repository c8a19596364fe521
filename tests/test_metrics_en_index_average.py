"""An English index that "averaged" a value in an article about no one unit: the national
average of that index; a province's own index told so is not. Written for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def metrics(text: str) -> dict[float, tuple[str, str]]:
    out = RulesExtractor().extract(make_doc(text))
    return {m.value: (m.entity, m.name) for m in out.extraction.metrics}


def test_an_index_that_averaged_a_value_is_the_national_average() -> None:
    text = (
        "Satisfaction keeps rising\n\n"
        "The Provincial Governance and Public Administration Performance Index (PAPI) averaged "
        "44.2 points in 2023."
    )
    got = metrics(text)
    assert got[44.2][0] == "Việt Nam"
    assert "average" in got[44.2][1] and "PAPI" in got[44.2][1]


def test_a_provinces_own_index_that_averaged_a_value_is_not_the_countrys() -> None:
    text = "In 2023, Nam Dinh's SIPAS averaged 86.1% across its districts."
    assert metrics(text).get(86.1, ("Nam Định",))[0] != "Việt Nam"


def test_a_change_on_a_year_earlier_follows_the_average() -> None:
    text = (
        "Satisfaction keeps rising\n\n"
        "The Provincial Governance and Public Administration Performance Index (PAPI) averaged "
        "44.2 points in 2023, 0.8 points higher than a year earlier."
    )
    got = metrics(text)
    assert got[0.8][0] == "Việt Nam"
    assert got[0.8][1].startswith("change in")


def test_a_group_named_before_its_average() -> None:
    from support.documents import make_doc

    from llmx.rules.extractor import RulesExtractor

    def got(text: str) -> dict[float, str]:
        out = RulesExtractor().extract(make_doc(text)).extraction
        return {m.value: m.entity for m in out.metrics}

    assert got("For cities and provinces, the average PAR INDEX in 2015 was 80.12 percent.") == {
        80.12: "Việt Nam"
    }
    assert got("Across the 19 ministries and agencies, the average PAR INDEX for 2015 stood at "
               "77.21 percent.") == {77.21: "19 bộ, cơ quan ngang bộ"}  # fmt: skip


def test_the_provinces_named_before_the_average_they_have() -> None:
    from support.documents import make_doc

    from llmx.rules.extractor import RulesExtractor

    out = RulesExtractor().extract(make_doc(
        "Chỉ số CCHC năm 2017 của các tỉnh, thành phố có giá trị trung bình là 77,15%."
    )).extraction  # fmt: skip
    assert [(m.entity, m.value) for m in out.metrics] == [("Việt Nam", 77.15)]
