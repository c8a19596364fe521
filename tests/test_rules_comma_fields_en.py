"""English lists of sub-scores written "name, value" (issue 10): after "Its dimension
scores were:" each item "voice of the people in local planning, 5.1 points" names a field
the vocabulary need not know, in lower case as often as not; its value is that field's, not
the index's. Invented sentences."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def parts(text: str) -> set[tuple[str | None, float | None]]:
    out = RulesExtractor().extract(make_doc(text))
    return {(r.component, r.score) for r in out.extraction.index_results}


LEAD = "In PAPI 2021, Ha Nam ranked 22nd. "


def test_comma_items_after_a_list_cue_are_fields() -> None:
    got = parts(
        LEAD + "Its dimension scores were as follows: voice of the people in local planning, "
        "5.1 points; fairness of land compensation, 4.62 points; public service delivery, "
        "7.3 points."
    )
    assert ("voice of the people in local planning", 5.1) in got, got
    assert ("fairness of land compensation", 4.62) in got, got
    assert (None, 5.1) not in got, got  # the first item's value is no overall score


def test_comma_items_without_a_list_cue_are_not_fields() -> None:
    # a place and a year before a comma, no list of scores announced
    got = parts("In PAPI 2021, in the north of the country, Ha Nam scored 41.2 points.")
    assert all(c is None for c, _ in got), got
