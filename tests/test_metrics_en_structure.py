"""How an English index is built ("The PGI has 6 dimensions, 20 sub-dimensions and more than
90 indicators", "The index is built from 30 sub-indexes on access and 12 more on costs"):
counts of the index's parts, the country's, named "number of <index> <parts>" with what
the parts are on; on sentences written for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def metrics(text: str) -> dict[float, tuple[str, str, str]]:
    out = RulesExtractor().extract(make_doc(text))
    return {m.value: (m.entity, m.name, m.unit) for m in out.extraction.metrics}


def test_the_parts_an_index_has_are_counted() -> None:
    got = metrics(
        "In 2021, the PAPI has 6 dimensions (voice, transparency and services), 20 "
        "sub-dimensions, more than 90 indicators and more than 400 questions."
    )
    assert got[6] == ("Việt Nam", "number of PAPI dimensions", "dimensions")
    assert got[20] == ("Việt Nam", "number of PAPI sub-dimensions", "sub-dimensions")
    assert got[90] == ("Việt Nam", "number of PAPI indicators", "indicators")
    assert got[400] == ("Việt Nam", "number of PAPI questions", "questions")


def test_parts_on_a_topic_and_more_of_them_keep_their_topic() -> None:
    got = metrics(
        "In 2021, the SIPAS is built from 30 sub-indexes on access to services and 12 more on "
        "service costs."
    )
    assert got[30] == (
        "Việt Nam",
        "number of SIPAS sub-indexes on access to services",
        "sub-indexes",
    )
    assert got[12] == ("Việt Nam", "number of SIPAS sub-indexes on service costs", "sub-indexes")


def test_a_province_that_has_services_is_not_an_index_structure() -> None:
    got = metrics("In 2021, the PAPI team said Nam Dinh has 6 indicators above average.")
    assert all("number of PAPI indicators" != name for _, name, _ in got.values())


def test_the_index_is_the_one_the_sentence_is_about() -> None:
    got = metrics(
        "In 2021, the SIPAS was revised. The index is built from 30 sub-indexes on access."
    )
    assert got[30][1] == "number of SIPAS sub-indexes on access"


def test_a_long_remark_on_the_parts_is_no_part_of_their_title() -> None:
    got = metrics(
        "In 2021, the PAPI has more than 400 questions on a very wide range of local policy issues."
    )
    assert got[400][1] == "number of PAPI questions"
