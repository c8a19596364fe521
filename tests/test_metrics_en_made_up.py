"""English shares told as what a subject makes up ("online dossiers made up 42 percent of the
total", "… accounted for 55.5 percent"), named "share of <the subject>"; on sentences written
for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def metrics(text: str) -> dict[float, tuple[str, str, int | None]]:
    out = RulesExtractor().extract(make_doc(text))
    return {m.value: (m.entity, m.name, m.year) for m in out.extraction.metrics}


def test_what_a_subject_made_up_is_its_share() -> None:
    text = "In 2023, in Nam Dinh, online dossiers made up 47 percent of the total."
    assert metrics(text)[47] == ("Nam Định", "share of online dossiers", 2023)


def test_accounted_for_after_a_long_subject_opening_the_sentence() -> None:
    text = (
        "Procedures offered as end-to-end online public services in Nam Dinh accounted for "
        "61.5 percent in 2023."
    )
    got = metrics(text)
    assert got[61.5][0] == "Nam Định"
    assert got[61.5][1] == "share of procedures offered as end-to-end online public services"


def test_a_subject_after_a_time_phrase_and_a_comma() -> None:
    text = "In the first half of 2023, Nam Dinh's online payments accounted for about 12 percent."
    assert metrics(text)[12][1] == "share of online payments"


def test_a_change_or_a_number_as_subject_is_not_a_share() -> None:
    text = "In 2023, the growth of Nam Dinh made up for the 5 percent it lost in 2022."
    assert 5 not in metrics(text)
