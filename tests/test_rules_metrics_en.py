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
        # the index the count is of titles it too (an analyst's table holds several)
        "number of provinces and cities scored from 80 percent to under 90 percent (PAR Index)",
        "provinces and cities",
        2020,
    )
    assert got[9][:3] == (
        "17 bộ, cơ quan ngang bộ",
        "number of ministries and agencies whose PAR Index improved",
        "ministries and agencies",
    )
    assert 17 not in got  # the base of "9 of the 17", not a figure


def test_a_surveys_respondents_are_the_countrys_and_people_outside_one_are_not_read() -> None:
    text = "The 2022 PCI survey drew on feedback from nearly 11,800 firms and 3,100 respondents."
    got = metrics(text)
    # a survey's size is titled with the index it measures
    assert got[11800] == ("Việt Nam", "number of firms surveyed for the PCI", "doanh nghiệp", 2022)
    assert got[3100][:2] == ("Việt Nam", "number of respondents surveyed for the PCI")
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
    assert metrics(text)[31200] == (
        "Việt Nam",
        "number of citizens surveyed for the SIPAS",
        "people",
        2019,
    )


def test_shares_of_a_surveys_respondents_and_a_measure_told_for_each_item() -> None:
    text = (
        "A 2021 survey of 12,400 respondents found that 91.5% said they had been treated "
        "fairly, while 12.1% of citizens wanted shorter queues."
    )
    got = metrics(text)
    # what they said, without "said they had been": the column is who was treated so
    assert got[91.5][:2] == ("Việt Nam", "share of respondents treated fairly")
    assert got[12.1][1] == "share of citizens wanted shorter queues"
    listed = "In 2021, satisfaction stood at 81% for access to services and 79.5% for outcomes."
    got = metrics(listed)
    assert (got[81][1], got[79.5][1]) == (
        "satisfaction for access to services",
        "satisfaction for outcomes",
    )


def test_a_share_outside_a_survey_is_not_read_as_respondents() -> None:
    assert metrics("In 2021, 64% said the new portal was easy to use.") == {}


def test_a_count_whose_units_an_earlier_count_named_takes_them() -> None:
    text = (
        "In the 2022 SIPAS, 41 of the 63 provinces and cities improved their score, while the "
        "other 22 declined. In terms of rank, 30 localities moved up, 28 slipped and 5 – "
        "Ha Nam, Tra Vinh and three others – held their places."
    )
    got = metrics(text)
    # a bare "declined" says the units' index fell: the index titles the count
    assert got[22] == (
        "Việt Nam",
        "number of provinces and cities whose SIPAS declined",
        "provinces and cities",
        2022,
    )
    assert got[28][1:3] == ("number of localities slipped (SIPAS)", "localities")
    assert got[5][1:3] == ("number of localities held their places (SIPAS)", "localities")


def test_a_count_of_them_or_among_named_units_is_read() -> None:
    text = (
        "The 18 ministries and agencies averaged 84.2 percent in 2020, and 11 of them did "
        "better than the year before. Among localities, 4 exceeded 90 percent."
    )
    got = metrics(text)
    assert got[11][1:3] == (
        "number of ministries and agencies did better than the year before",
        "ministries and agencies",
    )
    assert got[4][:3] == ("Việt Nam", "number of localities exceeded 90 percent", "localities")


def test_a_units_remaining_parts_take_the_verb_before_them() -> None:
    text = "In 2021, Ben Tre improved on 6 PCI component indexes and slipped on the remaining 4."
    assert metrics(text)[4] == (
        "Bến Tre",
        "number of PCI component indexes slipped",
        "chỉ số",
        2021,
    )


def test_a_bare_number_with_no_units_named_before_is_not_a_count() -> None:
    text = "In 2021, Ben Tre scored 66.3 points, and 4 improved in the region."
    assert 4 not in metrics(text)


def test_an_undated_figure_takes_the_latest_year_the_article_measured() -> None:
    text = (
        "Ministry tops reform ranking\n\n"
        "By Minh Anh   June 2, 2020\n\n"
        "The justice ministry has led the other government agencies for a second year, the "
        "report released in Hanoi on Tuesday shows, and it widened its lead over the rest of "
        "the field on most of the criteria assessed.\n\n"
        "In the Public Administration Reform (PAR) Index 2019, compiled by the Ministry of "
        "Home Affairs, the Ministry of Justice scored 90.1 out of 100.\n\n"
        "The rankings draw on the answers of 16,200 civil servants and 31,000 citizens."
    )
    assert metrics(text)[16200][3] == 2019


def test_shares_after_a_survey_named_earlier_in_the_paragraph_are_its_respondents() -> None:
    text = (
        "The 2020 SIPAS is based on a survey of 30,500 citizens. Overall, 84.2 percent of "
        "them said they were satisfied with the service; 2.5 percent said officials had "
        "asked for extra payments."
    )
    got = metrics(text)
    assert got[84.2][:2] == ("Việt Nam", "share of citizens satisfied with the service")
    assert got[2.5][1] == "share of citizens officials had asked for extra payments"


def test_shares_in_a_paragraph_with_no_survey_are_not_read() -> None:
    text = (
        "In 2020, Quang Nam welcomed 30,500 citizens to its one-stop shops. Overall, 84.2 "
        "percent of them said they were satisfied."
    )
    assert 84.2 not in metrics(text)


def test_english_rates_are_named_by_what_they_are_shares_of() -> None:
    text = (
        "In 2023, Da Nang handled 98.5% of administrative dossiers on time, and the share of "
        "online applications reached 62%. In 2022, 71% of dossiers were submitted online."
    )
    got = metrics(text)
    assert got[98.5] == ("Đà Nẵng", "share of administrative dossiers handled on time", "%", 2023)
    assert got[62][1] == "share of online applications"
    assert got[71][1:] == ("share of dossiers submitted online", "%", 2022)


def test_an_english_goal_is_a_target_of_the_year_it_is_set_for() -> None:
    text = (
        "In 2023, Bac Ninh aims to have 80% of public services provided fully online by 2025 "
        "and targets a satisfaction rate of at least 90%."
    )
    out = RulesExtractor().extract(make_doc(text))
    got = {m.value: (m.name, m.is_target, m.year) for m in out.extraction.metrics}
    assert got[80] == ("share of public services provided fully online", True, 2025)
    assert got[90][:2] == ("satisfaction rate", True)


def test_an_english_share_of_a_place_or_of_them_is_not_named_by_it() -> None:
    # the place after "rate of" is whose the rate is; "30% of them" names nothing
    text = "In 2022, the online payment rate of Hanoi was 40%, and 30% of them were late."
    assert metrics(text) == {40.0: ("Hà Nội", "online payment rate", "%", 2022)}


def test_a_count_a_unit_acted_on_is_named_by_the_act() -> None:
    text = (
        "In 2021, Yen Bai province issued 64 decisions on procedures and cut 215 "
        "administrative procedures. In 2022 alone the province took in 512,400 administrative "
        "procedure requests."
    )
    got = metrics(text)
    assert got[64][:2] == ("Yên Bái", "number of decisions issued")
    # a unit's own things are recorded in their head noun, as a table's unit column has them
    assert got[215][1:3] == ("number of administrative procedures cut", "procedures")
    assert got[512400][1] == "number of administrative procedure requests received"


def test_english_goals_named_by_a_rating_or_wanted_are_targets() -> None:
    text = (
        "Goals of Tuyen Quang\n\n"
        "In March 2023, Tuyen Quang set its reform goals.\n\n"
        "Agencies are aiming at an approval rating of at least 92 percent, and the province "
        "wants at least 55 percent of procedures to be payable online."
    )
    out = RulesExtractor().extract(make_doc(text))
    got = {m.value: (m.entity, m.name, m.is_target, m.year) for m in out.extraction.metrics}
    assert got[92] == ("Tuyên Quang", "approval rating", True, 2023)
    assert got[55][1:3] == ("share of procedures payable online", True)


def test_a_provinces_localities_average_is_not_the_countrys() -> None:
    text = "In 2023, Son La's departments averaged 95.1%, and the localities averaged 94.2%."
    assert all(entity != "Việt Nam" for entity, *_ in metrics(text).values())


def test_an_english_cut_is_named_as_a_reduction_and_a_raised_share_by_its_noun() -> None:
    text = (
        "In 2022, processing time for land procedures in Nghe An was cut by 35 percent. The "
        "province plans to cut the waiting time by 20% and to raise the proportion of online "
        "applications to 50 percent by 2025."
    )
    out = RulesExtractor().extract(make_doc(text))
    got = {m.value: (m.name, m.is_target) for m in out.extraction.metrics}
    assert got[35] == ("reduction in processing time for land procedures in Nghe An", False)
    assert got[20] == ("reduction in waiting time", True)
    assert got[50] == ("proportion of online applications", True)


def test_a_vietnamese_shortening_is_named_as_a_cut() -> None:
    text = "Năm 2022, tỉnh Nghệ An rút ngắn 30% thời gian giải quyết thủ tục đất đai."
    out = RulesExtractor().extract(make_doc(text))
    assert [m.name for m in out.extraction.metrics if m.value == 30] == [
        "mức giảm thời gian giải quyết thủ tục đất đai"
    ]


def test_an_english_share_of_a_places_things_is_that_places() -> None:
    text = (
        "Reform results of 2023\n\n"
        "In 2023, Quang Ninh led the region. In 2023, 95.2% of dossiers in Hai Phong were "
        "settled ahead of or on schedule."
    )
    assert metrics(text)[95.2] == (
        "Hải Phòng",
        "share of dossiers settled ahead of or on schedule",
        "%",
        2023,
    )
