"""The change of an average is the average's, not the article's main unit's (issue 10): "the
SIPAS averaged 84.2% in 2023, 1.5% higher than a year earlier" in an article of the ministry
that publishes the index gives the ministry no change. A unit named with its own change still
has it. Invented sentences."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def results(text: str, title: str) -> set[tuple[str, float | None, float | None]]:
    out = RulesExtractor().extract(make_doc(text, title=title))
    return {(r.entity, r.score, r.score_change) for r in out.extraction.index_results}


TITLE = "Ministry of Home Affairs announces the SIPAS 2023"


def test_an_averages_change_is_no_units_change() -> None:
    got = results(
        "The Ministry of Home Affairs announced the results on Monday.\n\nThe Satisfaction "
        "Index of Public Administrative Services (SIPAS) averaged 84.2% in 2023, 1.5% higher "
        "than a year earlier.",
        TITLE,
    )
    assert not any(c is not None for _, _, c in got), got


def test_an_average_in_vietnamese_changes_no_unit() -> None:
    got = results(
        "Bộ Nội vụ vừa công bố kết quả.\n\nChỉ số SIPAS năm 2023 bình quân chung cả nước đạt "
        "84,2%, tăng 1,5% so với năm trước.",
        "Bộ Nội vụ công bố Chỉ số SIPAS 2023",
    )
    assert not any(c is not None for _, _, c in got), got


def test_a_named_units_change_after_the_average_stays() -> None:
    got = results(
        "The SIPAS averaged 84.2% in 2023. Quang Ninh reached 91.3%, up 1.5 points on 2022.",
        TITLE,
    )
    assert ("Quảng Ninh", 91.3, 1.5) in got, got


def test_a_total_average_score_of_units_is_no_provinces_score() -> None:
    got = results(
        "Lai Chau announced its PAR Index results for 2023.\n\nPAR Index: in 2023, the "
        "departments' total average score was 84.1 points, 2.3 points lower than in 2022.",
        "Lai Chau announces PAR Index 2023 of its departments",
    )
    assert not any(e == "Lai Châu" for e, _, _ in got), got


def test_a_units_own_score_beside_the_word_average_stays() -> None:
    got = results(
        "Lai Chau announced its PAR Index results for 2023.\n\nIn the PAR Index 2023, Lai "
        "Chau scored 84.1 points, above the average score of the region.",
        "Lai Chau announces PAR Index 2023",
    )
    assert ("Lai Châu", 84.1, None) in got, got


def test_an_average_over_the_provinces_levels_is_no_provinces_score() -> None:
    got = results(
        "Lạng Sơn công bố kết quả.\n\nTính bình quân cho cả 3 cấp, Chỉ số CCHC năm 2023 "
        "đạt 86,41/100 điểm, tăng 0,35 điểm so với năm 2022.",
        "Lạng Sơn: Chỉ số CCHC năm 2023 của các cơ quan, đơn vị 3 cấp",
    )
    assert not any(e == "Lạng Sơn" for e, _, _ in got), got
