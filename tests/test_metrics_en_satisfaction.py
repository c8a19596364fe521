"""English satisfaction rates named by what people are satisfied with ("satisfaction with
the handling of land procedures reached 81.5%"); on sentences written for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def metrics(text: str) -> dict[float, tuple[str, str, int | None]]:
    out = RulesExtractor().extract(make_doc(text))
    return {m.value: (m.entity, m.name, m.year) for m in out.extraction.metrics}


def test_satisfaction_with_a_service_is_named_by_the_service() -> None:
    text = "In Nam Dinh, satisfaction with the handling of land procedures reached 81.5% in 2024."
    assert metrics(text)[81.5] == (
        "Nam Định",
        "satisfaction with the handling of land procedures",
        2024,
    )


def test_overall_satisfaction_stood_at_is_read_and_its_change_is_not_the_level() -> None:
    text = (
        "In 2023, Nam Dinh's overall satisfaction with the delivery of public services stood "
        "at 86.2%, 1.4% more than in 2022."
    )
    got = metrics(text)
    assert got[86.2][1] == "overall satisfaction with the delivery of public services"
    assert got.get(1.4, ("", "", None))[1] != got[86.2][1]


def test_satisfaction_without_what_it_is_with_is_not_named_so() -> None:
    text = "In 2023, Nam Dinh's satisfied customers numbered 500, and 86.2% were women."
    assert all(not n.startswith("satisfaction with") for _, n, _ in metrics(text).values())
