"""A goal set by a plan for a period "with a vision to" a later year ("giai đoạn 2021 - 2025,
định hướng đến năm 2030"): the goals are the period's, set for its last year; the vision's
year dates none of them. On sentences written for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def metrics(text: str) -> dict[float, tuple[str, int | None, bool]]:
    out = RulesExtractor().extract(make_doc(text))
    return {m.value: (m.entity, m.year, bool(m.is_target)) for m in out.extraction.metrics}


def test_a_plans_goals_are_for_the_end_of_its_period_not_its_vision() -> None:
    got = metrics(
        "Kế hoạch chuyển đổi số của tỉnh Hà Nam giai đoạn 2021 - 2025, định hướng đến năm 2030 "
        "đặt ra nhiều chỉ tiêu, trong đó: tối thiểu 90% hồ sơ thủ tục hành chính được giải "
        "quyết trực tuyến."
    )
    assert got[90] == ("Hà Nam", 2025, True)


def test_a_goal_set_for_a_year_keeps_that_year() -> None:
    got = metrics(
        "Tỉnh Hà Nam phấn đấu đến năm 2030, tối thiểu 90% hồ sơ thủ tục hành chính được giải "
        "quyết trực tuyến."
    )
    assert got[90] == ("Hà Nam", 2030, True)


def test_a_period_without_a_vision_sets_nothing_new() -> None:
    got = metrics(
        "Giai đoạn 2021 - 2025, tỉnh Hà Nam phấn đấu đến năm 2024 có 90% hồ sơ thủ tục hành "
        "chính được giải quyết trực tuyến."
    )
    assert got[90] == ("Hà Nam", 2024, True)


def test_an_open_ended_value_listed_in_a_goal_is_the_goal() -> None:
    from support.documents import make_doc

    from llmx.rules.extractor import RulesExtractor

    text = (
        "Năm 2025, phường Hòa Xuân phấn đấu 100% thủ tục được phân công rõ theo quy trình và "
        "trên 95% hồ sơ có đầy đủ thông tin xử lý."
    )
    got = {
        m.value: (m.name, m.is_target)
        for m in RulesExtractor().extract(make_doc(text)).extraction.metrics
    }
    assert got[95] == ("tỷ lệ hồ sơ có đầy đủ thông tin xử lý", True)
