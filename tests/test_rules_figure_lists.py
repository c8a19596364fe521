"""Lists of units with their figures, as pages write them with no final stop: "- Thanh Hóa:
89,45% (thứ 4)", "1. Quảng Ninh: 91,18%", and the foot of a ranking listed on its own ("61.
Khánh Hòa – 80,51%"). Such lines are not headings, and a numbered item's percentage is its
score. Every list here was invented for this test (issue 10)."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor, is_heading

PAR = "PAR_INDEX"


def facts(text: str) -> set[tuple[str, str, int | None, float | None, int | None]]:
    out = RulesExtractor().extract(make_doc(text))
    for r in out.extraction.index_results:
        assert text[r.evidence.start : r.evidence.end] == r.evidence.quote
    return {(r.entity, r.index, r.year, r.score, r.rank) for r in out.extraction.index_results}


def test_bulleted_figures_are_a_list_not_a_heading() -> None:
    text = (
        "Kết quả Chỉ số CCHC năm 2021 của các tỉnh.\n\n"
        "- Tiền Giang: 86,02% (thứ 9)\n- Vĩnh Long: 85,4% (thứ 10)\n"
    )
    assert facts(text) == {
        ("Tiền Giang", PAR, 2021, 86.02, 9),
        ("Vĩnh Long", PAR, 2021, 85.4, 10),
    }


def test_numbered_items_with_a_percentage_keep_it_as_their_score() -> None:
    text = (
        "Bảng xếp hạng Chỉ số CCHC năm 2021\n\n"
        "1. Tiền Giang: 86,02%\n2. Vĩnh Long: 85,4%\n"
    )
    assert facts(text) == {
        ("Tiền Giang", PAR, 2021, 86.02, 1),
        ("Vĩnh Long", PAR, 2021, 85.4, 2),
    }


def test_the_foot_of_a_ranking_listed_on_its_own() -> None:
    text = (
        "Bảng xếp hạng Chỉ số CCHC năm 2021: nhóm cuối\n\n"
        "58. Tiền Giang – 80,2%\n59. Vĩnh Long – 79,9%\n"
    )
    assert facts(text) == {
        ("Tiền Giang", PAR, 2021, 80.2, 58),
        ("Vĩnh Long", PAR, 2021, 79.9, 59),
    }


def test_numbered_lines_from_a_later_place_that_are_not_units_give_nothing() -> None:
    text = (
        "Bảng xếp hạng Chỉ số CCHC năm 2021\n\n"
        "4. Cải cách thủ tục hành chính: 86,02%\n5. Cải cách tài chính công: 85,4%\n"
    )
    assert all(rank not in (4, 5) for *_, rank in facts(text))


def test_headlines_and_teasers_are_still_headings() -> None:
    assert is_heading("Quảng Ninh dẫn đầu Chỉ số CCHC năm 2023")
    assert is_heading("Chỉ số CCHC năm 2023: 63 tỉnh, thành phố có nhiều thay đổi")
    assert not is_heading("Thanh Hóa: 89,45% (thứ 4)")
    assert not is_heading("- Sở Tư pháp – 91,25 điểm")
