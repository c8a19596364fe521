"""An English rate's change told right after its level ("reached 86.5% in 2023, up 2.4% on
2022", "… 1.2% more than in 2022", "… 1.5 percentage points lower than in 2022"): a record of
the change, named as a change of that rate from the year compared with (a fall by its
direction, unsigned), the level's unit's; on sentences written for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def metrics(text: str) -> dict[float, tuple[str, str, str, int | None]]:
    out = RulesExtractor().extract(make_doc(text))
    return {m.value: (m.entity, m.name, m.unit, m.year) for m in out.extraction.metrics}


def test_a_rise_on_an_earlier_year_after_a_rate_is_its_change() -> None:
    got = metrics(
        "In Ha Nam, satisfaction with online services reached 86.5% in 2023, up 2.4% on 2022."
    )
    assert got[86.5][1] == "satisfaction with online services"
    assert got[2.4] == (
        "Hà Nam",
        "change in the satisfaction with online services from 2022",
        "%",
        2023,
    )


def test_more_than_in_an_earlier_year_is_a_change_too() -> None:
    got = metrics(
        "In Ha Nam, satisfaction with online services stood at 84.1% in 2023, 1.2% more than "
        "in 2022."
    )
    assert got[1.2][1] == "change in the satisfaction with online services from 2022"


def test_a_fall_is_named_by_its_direction_and_unsigned() -> None:
    got = metrics(
        "In Ha Nam, the on-time settlement rate was 95.5% in 2023, 1.5 percentage points lower "
        "than in 2022."
    )
    assert got[1.5][:2] == ("Hà Nam", "decrease in the on-time settlement rate from 2022")


def test_a_change_in_a_later_clause_is_not_the_rates() -> None:
    got = metrics(
        "In Ha Nam, satisfaction with online services reached 86.5% in 2023, while the number "
        "of visitors to the centre went up 4% on 2022."
    )
    assert 4 not in got
