"""Vietnamese superlative moves told right after a unit's name, in a sentence that borrows
its index from the one before (issue 10): "X tăng mạnh nhất với 7,45%", "Y giảm sâu nhất,
mất 3,2%", "Z ở mức tăng lớn nhất (+1,8%)". The figure is the unit's score change, not a
score and not a metric. Invented sentences."""

from __future__ import annotations

import pytest
from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor

Move = tuple[str, float | None, float | None]  # entity, score, score_change


def moves(text: str) -> set[Move]:
    out = RulesExtractor().extract(make_doc(text))
    return {(r.entity, r.score, r.score_change) for r in out.extraction.index_results}


LEAD = "Năm 2023, Chỉ số CCHC của phần lớn các tỉnh miền núi đều thay đổi so với năm 2022. "

CASES: dict[str, set[Move]] = {
    LEAD + "Hà Giang tăng mạnh nhất với 7,45%, còn Cao Bằng giảm sâu nhất, mất 3,2%.": {
        ("Hà Giang", None, 7.45), ("Cao Bằng", None, -3.2),
    },
    LEAD + "Lạng Sơn ở mức tăng lớn nhất (+1,8%), Bắc Kạn ở mức giảm lớn nhất (-2,15%).": {
        ("Lạng Sơn", None, 1.8), ("Bắc Kạn", None, -2.15),
    },
    LEAD + "Hà Giang (tỉnh biên giới) tăng nhiều nhất, với 7,45%.": {("Hà Giang", None, 7.45)},
}


@pytest.mark.parametrize("text", list(CASES))
def test_largest_move_after_a_name_is_its_change(text: str) -> None:
    got = moves(text)
    assert CASES[text] <= got, got
    assert not any(s is not None for _, s, _ in got), got  # no figure read as a score


def test_a_share_that_rose_most_is_no_index_move() -> None:
    # the rate of a service rose, not the unit's index: a metric, no index result
    got = moves(LEAD + "Hà Giang có tỷ lệ hồ sơ trực tuyến tăng mạnh nhất với 7,45%.")
    assert not any(e == "Hà Giang" and c == 7.45 for e, _, c in got), got


def test_a_district_in_brackets_only_locates_the_commune_before_it() -> None:
    # the commune moved; the district in brackets says where it lies, it did not move
    text = (
        "Chỉ số CCHC cấp xã năm 2023 của tỉnh Bình Dương tăng so với năm 2022; xã Tân Long "
        "(huyện Phú Giáo) tăng mạnh nhất với 9,1%."
    )
    got = moves(text)
    assert not any("Phú Giáo" in e for e, _, _ in got), got
    # a district named as the subject, with its province in brackets, keeps its move
    text2 = (
        "Chỉ số CCHC cấp huyện năm 2023 của tỉnh Bình Dương tăng so với năm 2022; huyện Phú "
        "Giáo tăng mạnh nhất với 9,1%."
    )
    assert any("Phú Giáo" in e and c == 9.1 for e, _, c in moves(text2)), moves(text2)
