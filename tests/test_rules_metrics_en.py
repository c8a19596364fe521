"""English counts as metrics: named "number of …" in English, owned by the country, the
ministries' bloc or the sentence's unit; on sentences written for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def metrics(text: str, title: str | None = None) -> dict[float, tuple[str, str, str, int | None]]:
    out = RulesExtractor().extract(make_doc(text, title=title))
    return {m.value: (m.entity, m.name, m.unit, m.year) for m in out.extraction.metrics}


def test_counts_of_provinces_and_ministries_say_what_they_did() -> None:
    text = (
        "In the 2020 PAR Index, 48 provinces and cities scored from 80 percent to under 90 "
        "percent. Compared with 2019, 9 of the 17 ranked ministries and agencies improved "
        "their index."
    )
    got = metrics(text)
    assert got[48] == (
        "Việt Nam",
        "number of provinces and cities scored from 80 percent to under 90 percent",
        "provinces and cities",
        2020,
    )
    assert got[9][:3] == (
        "17 bộ, cơ quan ngang bộ",
        "number of ministries and agencies improved their index",
        "ministries and agencies",
    )
    assert 17 not in got  # the base of "9 of the 17", not a figure


def test_a_surveys_respondents_are_the_countrys_and_people_outside_one_are_not_read() -> None:
    text = "The 2022 PCI survey drew on feedback from nearly 11,800 firms and 3,100 respondents."
    got = metrics(text)
    assert got[11800] == ("Việt Nam", "number of firms surveyed", "doanh nghiệp", 2022)
    assert got[3100][:2] == ("Việt Nam", "number of respondents surveyed")
    outside = "In 2022, Quang Tri welcomed 4,000 citizens to its one-stop shops."
    assert 4000 not in metrics(outside)


def test_a_units_own_parts_take_the_verb_before_them() -> None:
    text = "Binh Phuoc improved on 7 component indexes in 2021."
    assert metrics(text)[7] == (
        "Bình Phước",
        "number of component indexes improved",
        "chỉ số",
        2021,
    )


def test_a_count_with_nothing_said_of_it_is_not_emitted() -> None:
    # "with …" does not say what was measured, and no survey is named
    assert 52 not in metrics("In 2021, 52 provinces with large populations were listed.")
    assert metrics("Da Nang has 6 districts and 56 wards, according to the 2021 report.") == {}


def test_a_surveys_size_after_from_is_read() -> None:
    text = "The 2019 SIPAS drew on feedback from 31,200 citizens aged 18 and over."
    assert metrics(text)[31200] == ("Việt Nam", "number of citizens surveyed", "people", 2019)


def test_shares_of_a_surveys_respondents_and_a_measure_told_for_each_item() -> None:
    text = (
        "A 2021 survey of 12,400 respondents found that 91.5% said they had been treated "
        "fairly, while 12.1% of citizens wanted shorter queues."
    )
    got = metrics(text)
    assert got[91.5][:2] == ("Việt Nam", "share of respondents said they had been treated fairly")
    assert got[12.1][1] == "share of citizens wanted shorter queues"
    listed = "In 2021, satisfaction stood at 81% for access to services and 79.5% for outcomes."
    got = metrics(listed)
    assert (got[81][1], got[79.5][1]) == (
        "satisfaction for access to services",
        "satisfaction for outcomes",
    )


def test_a_share_outside_a_survey_is_not_read_as_respondents() -> None:
    assert metrics("In 2021, 64% said the new portal was easy to use.") == {}
