"""An English field told as a range across units ("Provincial PAPI results ran from 38.5% to
47.2%", "…, with provincial results ranging from 71.3% to 88.9%"): the country's lowest and
highest, named by the units' level and what is measured (the index, else the rate the
sentence gave the level of); on sentences written for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def metrics(text: str) -> dict[float, tuple[str, str, int | None]]:
    out = RulesExtractor().extract(make_doc(text))
    return {m.value: (m.entity, m.name, m.year) for m in out.extraction.metrics}


def test_a_range_of_an_index_across_provinces_is_the_fields_ends() -> None:
    got = metrics("In 2022, provincial PAPI results ran from 38.5% to 47.2%.")
    assert got[38.5] == ("Việt Nam", "lowest provincial PAPI result", 2022)
    assert got[47.2] == ("Việt Nam", "highest provincial PAPI result", 2022)


def test_a_range_after_a_rates_level_is_that_rates() -> None:
    got = metrics(
        "Nationwide, satisfaction with land procedures reached 80.5% in 2022, with provincial "
        "results ranging from 71.3% to 88.9%."
    )
    assert got[71.3] == ("Việt Nam", "lowest provincial satisfaction with land procedures", 2022)
    assert got[88.9] == ("Việt Nam", "highest provincial satisfaction with land procedures", 2022)


def test_a_range_that_names_no_units_nor_measure_is_not_read() -> None:
    got = metrics("In 2022, the values ranged from 38.5% to 47.2%.")
    assert 38.5 not in got and 47.2 not in got
