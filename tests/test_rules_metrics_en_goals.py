"""English goals, cuts and times brought down to a level (rules/metrics_en_cuts.py and the
goal cues of rules/metrics.py), on sentences written for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def metrics(text: str) -> dict[float, tuple[str, str, str, int | None, bool]]:
    out = RulesExtractor().extract(make_doc(text))
    for m in out.extraction.metrics:
        assert text[m.evidence.start : m.evidence.end] == m.evidence.quote
    found = out.extraction.metrics
    return {m.value: (m.entity, m.name, m.unit, m.year, m.is_target) for m in found}


def test_a_planned_cut_and_a_time_brought_down_are_goals() -> None:
    text = (
        "Binh Phuoc sets its reform plan\n\n"
        "The province plans to cut at least 15 percent of its administrative procedures and "
        "bring the waiting time down to an average of 25 minutes per transaction in 2023."
    )
    got = metrics(text)
    assert got[15.0] == ("Bình Phước", "reduction in administrative procedures", "%", 2023, True)
    assert got[25.0] == (
        "Bình Phước",
        "average waiting time per transaction",
        "minutes",
        2023,
        True,
    )


def test_a_cut_told_as_done_is_no_goal() -> None:
    text = (
        "Hai Duong 2021 review\n\n"
        "In 2021 Hai Duong reduced the processing time for land procedures by 30 percent."
    )
    assert metrics(text)[30.0] == (
        "Hải Dương",
        "reduction in processing time for land procedures",
        "%",
        2021,
        False,
    )


def test_bringing_a_share_online_is_no_cut() -> None:
    text = "Da Nang plans\n\nThe city wants to bring 80 percent of procedures online by 2025."
    assert all(not name.startswith("reduction") for _, name, *_ in metrics(text).values())


def test_a_goal_year_may_open_the_sentence_and_striving_is_a_goal() -> None:
    text = (
        "Hue and Tay Ninh targets\n\n"
        "By 2025, Thua Thien Hue targets a satisfaction rate of at least 95 percent. Tay Ninh "
        "strives for the rate of online payment to reach 45 percent in 2024."
    )
    got = metrics(text)
    assert got[95.0][3:] == (2025, True)
    assert got[45.0] == ("Tây Ninh", "rate of online payment", "%", 2024, True)


def test_a_percent_lower_than_a_year_is_not_the_level() -> None:
    text = (
        "Quang Ninh 2021\n\n"
        "In Quang Ninh the rate of dossiers processed late was 20 percent lower than in 2020."
    )
    assert 20.0 not in metrics(text)
