"""English figures told per level of government ("… at the provincial level, 136,350 at the
district level and …"): each is the measure at its level, named as an analyst's column; a
rate told as "were settled on time at a rate of N%"; a passive count titled by its
participle; the year a review plans for is not the year it reports. On sentences written
for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor
from llmx.rules.metrics_en_levels import level_after, listed_levels, with_level


def metrics(text: str) -> dict[float, tuple[str, str, int | None]]:
    out = RulesExtractor().extract(make_doc(text))
    return {m.value: (m.entity, m.name, m.year) for m in out.extraction.metrics}


def test_counts_listed_by_level_each_name_their_level() -> None:
    text = (
        "In 2022, Binh Dinh received 41,200 dossiers at the provincial level, 65,310 dossiers "
        "at the district level and 120,045 dossiers at the commune level."
    )
    got = metrics(text)
    assert got[41200] == ("Bình Định", "number of dossiers received at the provincial level", 2022)
    assert got[65310][1] == "number of dossiers received at the district level"
    assert got[120045][1] == "number of dossiers received at the commune level"


def test_percents_listed_by_level_share_the_first_ones_name() -> None:
    text = (
        "In 2022 in Binh Dinh, online dossiers made up 71.2% of the total at the provincial "
        "level, 28.4% at the district level and 55% at the commune level."
    )
    got = metrics(text)
    assert got[71.2][1] == "share of online dossiers at the provincial level"
    assert got[28.4][1] == "share of online dossiers at the district level"
    assert got[55][1] == "share of online dossiers at the commune level"
    assert {v[0] for v in got.values()} == {"Bình Định"}


def test_a_rate_at_which_something_was_done() -> None:
    text = "In 2022 in Binh Dinh, dossiers were settled on time at a rate of 97.3%."
    assert metrics(text)[97.3] == ("Bình Định", "rate of dossiers settled on time", 2022)


def test_a_passive_count_is_titled_by_its_participle() -> None:
    text = "In 2022 in Binh Dinh, 8,450 administrative procedure records were received."
    got = metrics(text)
    assert got[8450][1] == "number of administrative procedure records received"


def test_a_passive_count_lists_its_levels() -> None:
    text = (
        "In 2022 in Binh Dinh, 8,450 administrative procedure records were received at the "
        "provincial level and 12,900 records at the district level."
    )
    got = metrics(text)
    named = "number of administrative procedure records received"
    assert got[8450][1] == f"{named} at the provincial level"
    assert got[12900][1] == f"{named} at the district level"


def test_a_listed_figure_of_another_measure_is_not_this_ones_level() -> None:
    text = "Records received: 4,100 at the provincial level, 37 procedures at the district level."
    level = level_after(text, text.index(" at the provincial"))
    assert level is not None and level.group(0) == "at the provincial level"
    assert listed_levels(text, level.end(), percent=False, unit="records") == []


def test_a_percent_does_not_continue_a_list_of_counts() -> None:
    text = "They received 4,100 records at the provincial level and 37% at the district level."
    level = level_after(text, text.index(" at the provincial"))
    assert level is not None
    assert listed_levels(text, level.end(), percent=False, unit="records") == []


def test_no_level_past_a_clause_break() -> None:
    text = "They received 4,100 records, and staff worked at the district level."
    assert level_after(text, text.index(",")) is None


def test_a_level_already_named_is_replaced() -> None:
    assert with_level("share of dossiers at the provincial level", "at the commune level") == (
        "share of dossiers at the commune level"
    )


def test_the_year_a_review_plans_for_does_not_date_its_figures() -> None:
    text = (
        "On January 12, Binh Dinh reviewed how dossiers were handled in 2022 and set out the "
        "key tasks for 2023.\n\n"
        "Online dossiers made up 40.5% of the total at the provincial level."
    )
    assert metrics(text)[40.5][2] == 2022
