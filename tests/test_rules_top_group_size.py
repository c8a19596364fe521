"""The size of a top group ("nhóm 10 địa phương có chất lượng điều hành tốt nhất", "among the
30 provinces with the best governance") is not the size of the ranking a place is taken in
(issue 10): the place keeps no total. A plain stated size still is one. Invented sentences."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def places(text: str) -> set[tuple[str, int | None, int | None]]:
    out = RulesExtractor().extract(make_doc(text))
    return {(r.entity, r.rank, r.rank_total) for r in out.extraction.index_results}


def test_a_top_group_is_no_ranking_size() -> None:
    got = places(
        "Theo bảng xếp hạng PCI 2021, Bình Dương đứng đầu nhóm 10 địa phương có chất lượng "
        "điều hành kinh tế tốt nhất."
    )
    assert ("Bình Dương", 1, None) in got, got


def test_an_english_top_group_is_no_ranking_size() -> None:
    got = places(
        "Among the 20 provinces and cities with the best governance in PCI 2021, Hue was "
        "11th and Da Nang 15th."
    )
    assert ("Thừa Thiên Huế", 11, None) in got, got


def test_a_plain_group_size_is_the_ranking_size() -> None:
    got = places("Trong khối 19 sở, ngành, Sở Tư pháp đứng đầu Chỉ số CCHC 2021.")
    assert ("Sở Tư pháp", 1, 19) in got, got
