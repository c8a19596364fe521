"""English goals named with what the rate is of or for: "District offices are aiming at a
satisfaction rate of at least 95 percent" -> "satisfaction rate of district offices" (the
agencies whose rate it is, when they are the subject, not a place), "a satisfaction level of
80 percent for procedures on land and housing" -> "satisfaction level for procedures on land
and housing"; on sentences written for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def metrics(text: str) -> dict[float, tuple[str, bool]]:
    out = RulesExtractor().extract(make_doc(text))
    return {m.value: (m.name, bool(m.is_target)) for m in out.extraction.metrics}


_LEAD = "In 2023, Nam Dinh province set its reform goals.\n\n"


def test_a_goal_rate_of_agencies_that_aim_at_it_is_theirs() -> None:
    got = metrics(
        _LEAD + "District offices are aiming at a satisfaction rate of at least 95 percent "
        "from their visitors."
    )
    assert got[95] == ("satisfaction rate of district offices", True)


def test_a_goal_rate_for_some_procedures_says_which() -> None:
    got = metrics(
        _LEAD + "Nam Dinh is aiming at a satisfaction level of 80 percent for procedures on "
        "land and housing."
    )
    assert got[80] == ("satisfaction level for procedures on land and housing", True)


def test_a_place_aiming_at_a_rate_is_not_in_its_name() -> None:
    got = metrics(_LEAD + "Nam Dinh is aiming at a satisfaction rate of at least 95 percent.")
    assert got[95] == ("satisfaction rate", True)
