"""English rates told as a move between two dated levels ("the share of … rose from 35
percent in 2020 to 62.5 percent in 2023"): two records of the rate, one per year, the later
one titled with its period when that is shorter than a year; and counts told as "N out of
M <units>" ("14 out of 63 provinces across the country have issued …"); on sentences
written for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def metrics(text: str) -> dict[float, tuple[str, str, int | None, bool]]:
    out = RulesExtractor().extract(make_doc(text))
    return {m.value: (m.entity, m.name, m.year, bool(m.is_target)) for m in out.extraction.metrics}


def test_a_rate_rising_from_one_year_to_another_is_two_levels() -> None:
    got = metrics(
        "In Ha Nam, the share of dossiers filed online rose from 35 percent in 2020 to "
        "62.5 percent in 2023."
    )
    assert got[35] == ("Hà Nam", "share of dossiers filed online", 2020, False)
    assert got[62.5] == ("Hà Nam", "share of dossiers filed online", 2023, False)


def test_the_later_level_of_a_month_is_titled_with_it() -> None:
    got = metrics(
        "In Ha Nam, the satisfaction rate went up from 81 percent in 2021 to 88 percent in "
        "June 2023."
    )
    assert got[81] == ("Hà Nam", "satisfaction rate", 2021, False)
    assert got[88] == ("Hà Nam", "satisfaction rate (June 2023)", 2023, False)


def test_a_falling_rate_gives_its_two_levels_not_a_change() -> None:
    got = metrics(
        "In Ha Nam, the rate of late dossiers fell from 4.5 percent in 2021 to 1.2 percent in 2023."
    )
    assert got[4.5][1:3] == ("rate of late dossiers", 2021)
    assert got[1.2][1:3] == ("rate of late dossiers", 2023)


def test_a_move_between_ranks_or_undated_levels_is_not_read_as_levels() -> None:
    ranked = metrics("Ha Nam rose from 12th place in 2020 to 5th place in 2023.")
    assert not any(name.startswith("rate") or "share" in name for _, name, _, _ in ranked.values())
    undated = metrics("In Ha Nam, the share of dossiers filed online rose from 35 to 62 percent.")
    assert 35 not in undated


def test_a_count_out_of_a_total_names_what_the_counted_did() -> None:
    got = metrics(
        "In 2022, 14 out of 63 provinces across the country have issued their own plans on "
        "digital transformation."
    )
    entity, name, year, _ = got[14]
    assert (entity, year) == ("Việt Nam", 2022)
    assert name == "number of provinces that have issued their own plans on digital transformation"
    assert 63 not in got  # the total is the base of the count, not a figure


def test_a_total_out_of_which_nothing_is_said_done_is_not_a_count() -> None:
    got = metrics("In 2022, Ha Nam ranked 14 out of 63 provinces.")
    assert 14 not in got and 63 not in got


def test_this_year_is_the_year_of_the_leads_date() -> None:
    got = metrics(
        "On May 5, 2023, the provincial People's Committee held a review meeting.\n\n"
        "In Ha Nam, the share of payments made online rose from 30 percent in 2021 to 45 "
        "percent in April this year."
    )
    assert got[30][1:3] == ("share of payments made online", 2021)
    assert got[45][1:3] == ("share of payments made online", 2023)


def test_units_that_improved_their_index_are_titled_by_the_index() -> None:
    got = metrics(
        "In the SIPAS 2022, 41 of the 63 provinces and cities improved their index, while the "
        "other 22 declined."
    )
    assert got[41][1] == "number of provinces and cities whose SIPAS improved"
    assert got[22][1] == "number of provinces and cities whose SIPAS declined"


def test_units_that_improved_something_else_keep_its_words() -> None:
    got = metrics("In the SIPAS 2022, 41 of the 63 provinces and cities improved their websites.")
    assert got[41][1].startswith("number of provinces and cities improved their websites")


def test_what_grew_by_a_percent_is_its_growth() -> None:
    got = metrics("In 2023, Ha Nam's Gross Regional Domestic Product (GRDP) grew by 9.2 per cent.")
    assert got[9.2] == ("Hà Nam", "GRDP growth", 2023, False)
    got = metrics("In 2023, Ha Nam's export turnover grew by 12.5 percent.")
    assert got[12.5] == ("Hà Nam", "export turnover growth", 2023, False)


def test_a_rank_or_score_that_grew_is_not_a_growth_figure() -> None:
    got = metrics("In 2023, Ha Nam's PCI score grew by 2.5 points.")
    assert all(not name.endswith("growth") for _, name, _, _ in got.values())
