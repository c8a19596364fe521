"""English counts of ministries, provinces and a province's own units against a bar or an
average (rules/metrics_en.py), on sentences written for these tests: whose each count is,
the bloc's size the article gives, and names as an analyst titles the column."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def metrics(text: str) -> dict[float, tuple[str, str, int | None]]:
    out = RulesExtractor().extract(make_doc(text))
    for m in out.extraction.metrics:
        assert text[m.evidence.start : m.evidence.end] == m.evidence.quote
    return {m.value: (m.entity, m.name, m.year) for m in out.extraction.metrics}


def test_ministries_above_a_bar_and_the_other_ones_in_the_next_paragraph() -> None:
    text = (
        "Finance ministry tops PAR Index 2017\n\n"
        "The Ministry of Finance came first among 21 ministries and ministry-level agencies "
        "in the PAR Index 2017.\n\n"
        "In 2017, 7 ministries and ministry-level agencies had a PAR Index above 85 percent.\n\n"
        "The other 14 scored between 72 percent and 85 percent."
    )
    got = metrics(text)
    assert got[7.0] == (
        "21 bộ, cơ quan ngang bộ",
        "number of ministries and ministry-level agencies with a PAR Index above 85 percent",
        2017,
    )
    assert got[14.0][0] == "21 bộ, cơ quan ngang bộ"
    assert got[14.0][1].endswith("scored between 72 percent and 85 percent (PAR Index)")


def test_units_counted_of_them_after_an_average_are_above_the_indexs_average() -> None:
    text = (
        "PAR Index 2018 announced\n\n"
        "The 63 provinces and cities, for their part, average 76.2 percent, and 28 of them "
        "are above that average."
    )
    got = metrics(text)
    assert got[28.0] == (
        "Việt Nam",
        "number of provinces and cities above the average PAR Index",
        2018,
    )


def test_ministries_named_without_a_number_are_what_of_them_counts() -> None:
    text = (
        "PAR Index 2020 for ministries\n\n"
        "Averaged over the 17 ministries and agencies, the index reached 84.2% this year. "
        "None of the ministries fell below 75%, and 13 of them did better than the previous "
        "year."
    )
    got = metrics(text)
    assert got[13.0] == (
        "17 bộ, cơ quan ngang bộ",
        "number of ministries did better than the previous year (PAR Index)",
        2020,
    )


def test_a_provinces_units_and_localities_are_its_own() -> None:
    text = (
        "Ha Giang reviews its 2022 PAR Index\n\n"
        "PAR Index: In 2022, 12 units scored above that average, and 6 localities beat the "
        "average. SIPAS: 15 of the 19 departments reached 90% or more."
    )
    got = metrics(text)
    assert got[12.0] == ("Hà Giang", "number of units scored above the average PAR Index", 2022)
    assert got[6.0] == ("Hà Giang", "number of localities beat the average PAR Index", 2022)
    assert got[15.0][0] == "Hà Giang"


def test_a_department_named_alone_is_no_count() -> None:
    text = (
        "Ha Giang reviews its 2022 PAR Index\n\n"
        "In 2022, the Department of Finance scored 91.2 points and ranked 2 among the 19 "
        "departments."
    )
    assert 19.0 not in metrics(text)


def test_more_than_a_number_in_millions_is_the_count() -> None:
    got = metrics("In 2023, Hanoi received more than 2.1 million dossiers.")
    assert got[2_100_000][:2] == ("Hà Nội", "number of dossiers received")
