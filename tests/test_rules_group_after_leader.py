"""A leader word followed by a group ("đứng đầu là các tỉnh, thành phố A, B, C") says which
units are at the top, not that the article's main unit, or the first of them, is first
(issue 10). "Đứng đầu là A" still gives A first place. Invented sentences."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def firsts(text: str, title: str) -> set[str]:
    out = RulesExtractor().extract(make_doc(text, title=title))
    return {r.entity for r in out.extraction.index_results if r.rank == 1}


TITLE = "Kon Tum: kết quả Chỉ số CCHC năm 2021"


def test_a_group_at_the_top_gives_no_first_place() -> None:
    got = firsts(
        "Kon Tum công bố kết quả.\n\nỞ Chỉ số CCHC 2021, đứng đầu là các tỉnh, thành phố "
        "Bắc Ninh, Hà Tĩnh, Lạng Sơn, Nam Định, Thái Bình.",
        TITLE,
    )
    assert "Kon Tum" not in got, got


def test_the_words_nhung_dia_phuong_are_a_group_too() -> None:
    got = firsts(
        "Kon Tum công bố kết quả.\n\nỞ Chỉ số CCHC 2021, dẫn đầu là những địa phương "
        "Bắc Ninh, Hà Tĩnh và Lạng Sơn.",
        TITLE,
    )
    assert "Kon Tum" not in got, got


def test_one_unit_after_the_leader_word_is_first() -> None:
    got = firsts(
        "Kon Tum công bố kết quả.\n\nỞ Chỉ số CCHC 2021, đứng đầu là Bắc Ninh với 90,1%.",
        TITLE,
    )
    assert "Bắc Ninh" in got, got
