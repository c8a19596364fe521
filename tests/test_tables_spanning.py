"""Ranking tables whose one header row has a cell spanning two columns (``colspan``: a
"Xếp hạng" or "PCI Ranking" over a score and a rank column), and English header words
that put their head last ("Ranking group" is a grade, not a rank). My own invented pages,
units and figures; negatives must give no record."""

from __future__ import annotations

from pathlib import Path

from llmx.core.records import IndexResult
from llmx.ingest.loader import load_document
from llmx.ingest.sources import expand_paths
from llmx.rules.extractor import RulesExtractor
from llmx.rules.table_header import component_of, header_role, spreads_over_values
from llmx.rules.table_text import text_tables
from tests.support.documents import make_doc

Row = tuple[str, int | None, float | None, int | None]


def _page(tmp_path: Path, body: str) -> list[IndexResult]:
    page = tmp_path / "bang.html"
    page.write_text(f"<html><head><title>Bảng xếp hạng</title></head><body>{body}</body></html>")
    doc = load_document(expand_paths([str(page)])[0])
    return list(RulesExtractor().extract(doc).extraction.index_results)


def _text(text: str) -> list[IndexResult]:
    return list(RulesExtractor().extract(make_doc(text)).extraction.index_results)


def _whole(recs: list[IndexResult]) -> list[Row]:
    """The whole index's records (components left out), whatever their confidence."""
    return sorted((r.entity, r.year, r.score, r.rank) for r in recs if r.component is None)


# -- English head-last header words -----------------------------------------------------------


def test_english_group_and_tier_words_after_rank_make_a_grade_column() -> None:
    for cell in ("Ranking group", "Rank group", "Ranking tier", "PCI Ranking group", "PCI Tier"):
        assert header_role(cell) == "other", cell
    # Vietnamese puts the head first: a rank within a group is still a rank.
    for cell in ("Xếp hạng nhóm", "Xếp hạng", "PCI Ranking", "Ranking", "Thứ hạng trong nhóm"):
        assert header_role(cell) == "rank", cell


# -- one header row with a spanning cell ------------------------------------------------------


_VI_PAGE = (
    "<h1>Kết quả Chỉ số CCHC năm 2025 của các huyện</h1>"
    "<p>Kết quả Chỉ số cải cách hành chính năm 2025 của các huyện như sau:</p>"
    "<table><thead><tr><th>STT</th><th>Đơn vị</th><th colspan='2'>Xếp hạng</th>"
    "<th>Xếp loại</th></tr></thead><tbody>"
    "<tr><td>1</td><td>Huyện Đông Sơn</td><td>88,42</td><td>1</td><td>Tốt</td></tr>"
    "<tr><td>2</td><td>Huyện Tây Hà</td><td>85</td><td>2</td><td>Khá</td></tr>"
    "<tr><td>3</td><td>Huyện Nam Lộc</td><td>79,15</td><td>3</td><td>Khá</td></tr>"
    "</tbody></table>"
)


def test_a_rank_cell_spanning_a_score_and_a_rank_column(tmp_path: Path) -> None:
    assert _whole(_page(tmp_path, _VI_PAGE)) == [
        ("huyện Nam Lộc", 2025, 79.15, 3),
        ("huyện Tây Hà", 2025, 85.0, 2),
        ("huyện Đông Sơn", 2025, 88.42, 1),
    ]


def test_the_same_table_in_lines_of_pipes() -> None:
    text = (
        "Kết quả Chỉ số cải cách hành chính năm 2025 của các huyện như sau:\n\n"
        "STT | Đơn vị | Xếp hạng | Xếp loại\n"
        "1 | Huyện Đông Sơn | 88,42 | 1 | Tốt\n"
        "2 | Huyện Tây Hà | 85 | 2 | Khá\n"
        "3 | Huyện Nam Lộc | 79,15 | 3 | Khá\n"
    )
    (table,) = text_tables(text, spreads=spreads_over_values)
    assert len(table.header) == 5 and len(table.rows) == 3
    assert _whole(_text(text)) == [
        ("huyện Nam Lộc", 2025, 79.15, 3),
        ("huyện Tây Hà", 2025, 85.0, 2),
        ("huyện Đông Sơn", 2025, 88.42, 1),
    ]


def test_an_english_index_ranking_spanning_two_columns_beside_its_group(
    tmp_path: Path,
) -> None:
    body = (
        "<h1>Provincial Competitiveness Index 2025</h1>"
        "<p>The PCI 2025 results of the provinces:</p>"
        "<table><tr><th>Province</th><th colspan='2'>PCI Ranking</th><th>Ranking group</th></tr>"
        "<tr><td>Ninh Bình</td><td>70.05</td><td>1</td><td>Excellent</td></tr>"
        "<tr><td>Hà Giang</td><td>66.4</td><td>2</td><td>Very good</td></tr>"
        "<tr><td>Cao Bằng</td><td>64</td><td>3</td><td>Good</td></tr></table>"
    )
    assert _whole(_page(tmp_path, body)) == [
        ("Cao Bằng", 2025, 64.0, 3),
        ("Hà Giang", 2025, 66.4, 2),
        ("Ninh Bình", 2025, 70.05, 1),
    ]


def test_a_spanned_pair_of_whole_numbers_is_left_unread(tmp_path: Path) -> None:
    # Two columns of places under one "Xếp hạng": which is this year's cannot be told.
    body = _VI_PAGE.replace("88,42", "4").replace("<td>85</td>", "<td>5</td>")
    body = body.replace("79,15", "6")
    assert _whole(_page(tmp_path, body)) == []


def test_a_header_short_of_its_rows_with_no_spanning_value_cell_is_no_table() -> None:
    text = (
        "Kết quả Chỉ số cải cách hành chính năm 2025 của các huyện như sau:\n\n"
        "STT | Đơn vị | Ghi chú\n"
        "1 | Huyện Đông Sơn | 88,42 | 1\n"
        "2 | Huyện Tây Hà | 85,10 | 2\n"
    )
    assert _whole(_text(text)) == []


def test_a_two_row_header_over_the_rows_is_still_read_by_its_levels(tmp_path: Path) -> None:
    body = (
        "<p>Kết quả Chỉ số cải cách hành chính năm 2025 của các huyện như sau:</p>"
        "<table><tr><th rowspan='2'>Đơn vị</th><th colspan='2'>Năm 2025</th></tr>"
        "<tr><th>Điểm</th><th>Xếp hạng</th></tr>"
        "<tr><td>Huyện Đông Sơn</td><td>88,42</td><td>1</td></tr>"
        "<tr><td>Huyện Tây Hà</td><td>85,10</td><td>2</td></tr></table>"
    )
    assert _whole(_page(tmp_path, body)) == [
        ("huyện Tây Hà", 2025, 85.1, 2),
        ("huyện Đông Sơn", 2025, 88.42, 1),
    ]


def test_an_index_part_joined_by_an_ampersand_is_known() -> None:
    assert component_of("Labor & Training") == "Đào tạo lao động"
    assert component_of("Labour and Training") == "Đào tạo lao động"
    assert component_of("Labour force") is None


def test_an_index_title_spanning_its_score_and_its_place(tmp_path: Path) -> None:
    body = (
        "<p>UBND tỉnh công bố kết quả đánh giá của các sở, ban, ngành như sau:</p>"
        "<table><tr><th>TT</th><th>Cơ quan</th><th colspan='2'>Chỉ số CCHC năm 2025</th></tr>"
        "<tr><td>1</td><td>Sở Xây dựng</td><td>90,12</td><td>1</td></tr>"
        "<tr><td>2</td><td>Sở Nội vụ</td><td>87,5</td><td>2</td></tr></table>"
    )
    assert _whole(_page(tmp_path, body)) == [
        ("Sở Nội vụ", 2025, 87.5, 2),
        ("Sở Xây dựng", 2025, 90.12, 1),
    ]


def test_a_rank_spanning_cell_over_prose_rows_is_no_table() -> None:
    text = (
        "Bảng xếp hạng năm 2025:\n\n"
        "Đơn vị | Xếp hạng\n"
        "Huyện Đông Sơn | đứng đầu | tăng 2 bậc so với năm trước, đạt 88,42 điểm\n"
    )
    tables = text_tables(text, spreads=spreads_over_values)
    assert all(len(t.header) == 2 or t.header[0] != "Đơn vị" for t in tables)
