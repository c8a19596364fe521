"""English component names written longer than the vocabulary's phrase (issue 10).

An English passage keeps a component's name as it writes it (eval/CONVENTIONS.md), and the
vocabulary knows the head of many such names ("Transparency", "Control of Corruption",
"Legal institutions"). Where a list item or a quoted name goes on past the known phrase
("Transparency in Local Decision-making (6.5 points)", "legal institutions and security
and order: 7.9 points", "“Impact of Administrative Reform on …” scored"), the record's
component is the whole name, not its head. Every sentence here was invented for this test.
"""

from __future__ import annotations

import pytest
from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor

# (entity, index, component, year, score, rank)
Row = tuple[str, str, str | None, int | None, float | None, int | None]


def rows(text: str) -> set[Row]:
    out = RulesExtractor().extract(make_doc(text))
    got = set()
    for r in out.extraction.index_results:
        assert text[r.evidence.start : r.evidence.end] == r.evidence.quote
        got.add((r.entity, r.index, r.component, r.year, r.score, r.rank))
    return got


def components(text: str) -> set[str | None]:
    return {r[2] for r in rows(text)}


LONGER: dict[str, set[str]] = {
    # a list item in parentheses after the name
    "In PAPI 2021, Thai Binh scored well on Transparency in Commune Budgets (6.12 points) "
    "and on Public Service Delivery (7.35 points).": {
        "Transparency in Commune Budgets", "Public Service Delivery",
    },
    # name, comma, value
    "In PAPI 2018, Ha Nam's dimension scores were: control of corruption in the public "
    "sector and in business, 6.91 points; public administrative procedures, 7.02 points.": {
        "control of corruption in the public sector and in business",
        "public administrative procedures",
    },
    # a numbered list with colons
    "In the PCI 2019, Nam Dinh's component scores were: (1) market entry: 7.1 points; "
    "(9) legal institutions and public order: 6.8 points.": {
        "market entry", "legal institutions and public order",
    },
    # a quoted name that runs past the known phrase
    'In the PAR Index 2022, the "Administrative Procedure Reform and One-Stop Shops" '
    "component of Ben Tre scored 12.4 points.": {
        "Administrative Procedure Reform and One-Stop Shops",
    },
}


@pytest.mark.parametrize("text", list(LONGER))
def test_component_keeps_the_whole_written_name(text: str) -> None:
    got = components(text)
    assert LONGER[text] <= got, got


NOT_LONGER: dict[str, set[str | None]] = {
    # the words after the name are a verb phrase, not part of the name
    "In PAPI 2021, Thai Binh's Transparency rose to 6.12 points.": {"Transparency"},
    # "with" opens the value, it does not continue the name
    "In the PCI 2019, Nam Dinh came first for legal institutions with 7.2 points.": {
        "legal institutions"
    },
    # the name ends where it is followed by a place and a year, not a value
    "In the PCI 2019, market entry in Nam Dinh scored 7.1 points.": {"market entry"},
}


@pytest.mark.parametrize("text", list(NOT_LONGER))
def test_name_is_not_stretched_over_other_words(text: str) -> None:
    got = components(text)
    assert NOT_LONGER[text] <= got, got


def test_shared_first_place_reaches_every_longer_name() -> None:
    # "ranked first on two dimensions: X (…) and Y (…)": each named field is first
    text = (
        "In PAPI 2021, Thai Binh ranked 9th overall. It ranked first on two dimensions: "
        "Transparency in Commune Budgets (6.12 points) and Control of Corruption in the "
        "Public Sector and Business (7.48 points)."
    )
    got = rows(text)
    assert ("Thái Bình", "PAPI", "Transparency in Commune Budgets", 2021, 6.12, 1) in got, got
    assert (
        "Thái Bình", "PAPI", "Control of Corruption in the Public Sector and Business", 2021,
        7.48, 1,
    ) in got, got  # fmt: skip


def test_name_does_not_swallow_a_unit_or_a_second_field() -> None:
    # a unit after the name, then the value: the unit is no part of the name
    got = components("In the PCI 2019, market entry in Nam Dinh, 7.1 points, led the way.")
    assert "market entry in Nam Dinh" not in got, got
    # two known fields joined by "and" before one value stay two names
    got = components(
        "In PAPI 2021, Thai Binh led on Transparency and Public Service Delivery (7.2 points)."
    )
    assert "Transparency and Public Service Delivery" not in got, got


# ---- a place in each of several fields -------------------------------------------------
# "took first place in X and in Y, second place in Z": a place, then the field it is in; the
# repeated preposition ("in X and in Y") gives the one place to both fields. The DTI's main
# indices have everyday names ("digital infrastructure"): a place in them names them.

PLACES_IN_FIELDS: dict[str, set[tuple[str | None, int]]] = {
    "In the DTI 2023, Binh Duong took first place in digital infrastructure and in digital "
    "institutions, and third place in digital government.": {
        ("digital infrastructure", 1), ("digital institutions", 1), ("digital government", 3),
    },
    "In the DTI 2023, Binh Duong came second in digital awareness.": {
        ("digital awareness", 2),
    },
}


@pytest.mark.parametrize("text", list(PLACES_IN_FIELDS))
def test_a_place_in_each_named_field(text: str) -> None:
    got = {(r[2], r[5]) for r in rows(text)}
    assert PLACES_IN_FIELDS[text] <= got, got


def test_everyday_field_name_without_a_place_is_no_component() -> None:
    # "digital infrastructure" as a topic, not a field a place is taken in
    got = components(
        "In the DTI 2023, Binh Duong ranked 5th and invested heavily in digital infrastructure."
    )
    assert "digital infrastructure" not in got, got
    # a place, then "and" opening a clause of its own: the second field has its own place
    got2 = {(r[2], r[5]) for r in rows(
        "In the DTI 2023, Binh Duong was first in digital government, and in digital economy "
        "it was 9th."
    )}  # fmt: skip
    assert ("digital economy", 1) not in got2, got2

