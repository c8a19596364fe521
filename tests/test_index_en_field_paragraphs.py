"""Index results and metrics on English sentences written for these tests: a paragraph that
opens on one field's score ("Access to land reached 7.67 points.") gives that field the
places its later sentences state without naming an index or field; a move told with its unit
between verb and count ("lifting Binh Duong 6 places") and a place after "putting the
province" are read; "7 of its 10 indicators" counts 7."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor

_LEAD = "Long An came 15th in the PCI 2021, two places higher than a year earlier.\n\n"


def extract(text: str):
    return RulesExtractor().extract(make_doc(text)).extraction


def fields(text: str) -> dict[str | None, tuple]:
    return {
        r.component: (r.score, r.rank, r.rank_change)
        for r in extract(text).index_results
        if r.scope == "national"
    }


def test_a_fields_paragraph_gives_it_the_place_told_next() -> None:
    got = fields(
        _LEAD + "Access to land reached 7.12 points. 8 of its 10 indicators got better, lifting "
        "Long An 5 places to 9th out of 63 provinces and cities."
    )
    assert got["Access to land"] == (7.12, 9, 5)
    assert got[None][1] == 15  # the whole index keeps its own place


def test_a_place_after_putting_the_province_is_the_fields() -> None:
    got = fields(_LEAD + "Labor policy reached 6.40 points, putting the province 41st.")
    assert got["Labor policy"] == (6.40, 41, None)


def test_a_new_paragraph_does_not_carry_the_field() -> None:
    got = fields(
        _LEAD + "Access to land reached 7.12 points.\n\nLong An rose 3 places to 12th in 2022."
    )
    assert got["Access to land"][1] is None


def test_n_of_its_m_counts_n() -> None:
    metrics = extract(
        _LEAD + "Access to land reached 7.12 points; 8 of its 10 indicators got better."
    ).metrics
    assert [m.value for m in metrics if m.unit == "indicators"] == [8]


def test_a_place_in_words_in_a_region_is_read_without_a_digit() -> None:
    got = [
        (r.rank, r.scope)
        for r in extract("Binh Duong came 13th in the PCI 2019. It nonetheless ranked first in "
                         "the Southeast region.").index_results
    ]  # fmt: skip
    assert (1, "region:Đông Nam Bộ") in got and (13, "national") in got


def test_an_earlier_place_in_brackets_dates_and_places_nothing_of_this_year() -> None:
    out = extract(
        "In the department bloc of the 2023 DDCI of Bac Giang, the Department of Planning and "
        "Investment retained first place with 89.29 points, followed by the Department of "
        "Agriculture and Rural Development with 82.17 points (the department was 6th in 2022)."
    )
    got = {r.score: (r.year, r.rank) for r in out.index_results}
    assert got[89.29] == (2023, 1)
    assert got[82.17] == (2023, None)


def test_a_response_rate_is_a_metric_and_a_satisfaction_rate_a_score() -> None:
    out = extract(
        "For the 2023 DDCI of Bac Giang, the survey got back 1,821 questionnaires, a response "
        "rate of 45.5 percent."
    )
    assert not out.index_results
    assert [m.value for m in out.metrics if m.unit == "%"] == [45.5]
    sipas = extract("In SIPAS 2023, Bac Giang recorded a satisfaction rate of 84.6 percent.")
    assert [r.score for r in sipas.index_results] == [84.6]


def test_a_place_and_total_in_brackets_after_a_name() -> None:
    out = extract(
        "In SIPAS 2020, Hanoi was 19th, ahead of Cantho (38/63 or 84%), Ho Chi Minh City (43/63 "
        "or 84%) and Danang (47/63 or 83%)."
    )
    got = {r.entity: (r.rank, r.rank_total, r.score) for r in out.index_results}
    assert got["Cần Thơ"] == (38, 63, 84.0)
    assert got["Đà Nẵng"] == (47, 63, 83.0)
    assert got["Hà Nội"][2] is None  # Cantho's 84% is not Hanoi's


def test_a_span_since_an_edition_and_an_own_earlier_place_date_nothing() -> None:
    out = extract(
        "Hanoi moved up 19 places in the 2020 SIPAS. It is the best score the city has had since "
        "the first SIPAS in 2017.\n\nWith this score Hanoi is ranked 33rd out of 63 provinces, "
        "well above its 52nd place in 2019."
    )
    placed = [(r.year, r.rank) for r in out.index_results if r.rank == 33]
    assert placed == [(2020, 33)]


def test_a_move_told_in_words_is_read_without_a_digit() -> None:
    out = extract(
        "Da Nang came first in the PAR Index 2016. The capital Hanoi climbed six places to third."
    )
    got = {r.entity: (r.rank, r.rank_change) for r in out.index_results}
    assert got["Hà Nội"] == (3, 6)
