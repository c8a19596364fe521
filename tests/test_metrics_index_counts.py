"""Counts of the units an index ranks, or of its parts, are named with the index (an analyst's
table holds several indices: "số tỉnh giữ nguyên vị trí" says nothing without "PCI"); on
sentences written for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def names(text: str) -> dict[float, str]:
    out = RulesExtractor().extract(make_doc(text))
    return {m.value: m.name for m in out.extraction.metrics}


def test_a_count_of_ranked_provinces_names_the_index() -> None:
    got = names("Trong bảng xếp hạng PCI năm 2023, có 5 tỉnh giữ nguyên vị trí so với năm trước.")
    assert got[5] == "số tỉnh giữ nguyên vị trí (PCI)"


def test_the_par_index_is_named_as_a_vietnamese_or_english_column_title_names_it() -> None:
    vi = names("Theo kết quả Chỉ số CCHC năm 2022, cả nước có 9 tỉnh, thành phố giảm điểm.")
    assert vi[9].endswith("(Chỉ số CCHC)")
    en = names("In the 2022 PAR Index, 41 localities recorded higher scores than before.")
    assert en[41].endswith("(PAR Index)")


def test_an_english_count_of_localities_names_the_index() -> None:
    got = names("In the 2023 SIPAS, 20 localities slipped in the rankings.")
    assert "SIPAS" in got[20]


def test_a_count_of_an_indexs_parts_names_the_index() -> None:
    got = names("Theo kết quả Chỉ số PAPI năm 2022, Nam Định có 4 trục nội dung đứng đầu cả nước.")
    assert got[4] == "số trục nội dung đứng đầu cả nước (PAPI)"


def test_counts_of_other_things_and_names_that_say_the_index_are_left_alone() -> None:
    dossiers = names(
        "Năm 2023, Chỉ số CCHC của tỉnh Nam Định đạt 88,5%, tỉnh đã giải quyết 12.345 hồ sơ."
    )
    assert dossiers[12345] == "số hồ sơ giải quyết"
    said = names("Năm 2023, cả nước có 7 tỉnh có Chỉ số CCHC trên 90%.")
    assert said[7] == "số tỉnh có Chỉ số CCHC trên 90%"
    no_index = names("Năm 2023, tỉnh Nam Định có 5 huyện và 120 xã, phường.")
    assert all("Chỉ số" not in n and "PCI" not in n for n in no_index.values())
