"""Ranking tables as real Vietnamese portals and news sites mark them up (my own invented
pages, units and figures): a header row of ``<td><strong>`` cells, a two-row ``<thead>``
with ``colspan``/``rowspan``, a caption row spanning the table, cells holding ``<p>``,
``<br>``, ``<span style>`` and ``&nbsp;``, Word-exported tables, places in words, English
tables. Each page goes through the loader and the rules extractor as a file would."""

from __future__ import annotations

from pathlib import Path

from llmx.ingest.html import html_to_text
from llmx.ingest.loader import load_document
from llmx.ingest.sources import expand_paths
from llmx.rules.extractor import RulesExtractor
from llmx.rules.table_text import text_tables


def _results(tmp_path: Path, body: str) -> list[tuple[str, int, float | None, int | None]]:
    page = tmp_path / "trang.html"
    page.write_text(f"<html><head><title>Tin tức</title></head><body>{body}</body></html>")
    doc = load_document(expand_paths([str(page)])[0])
    recs = RulesExtractor().extract(doc).extraction.index_results
    return sorted((r.entity, r.year, r.score, r.rank) for r in recs if r.confidence >= 0.7)


def test_cell_paragraphs_and_breaks_keep_a_row_on_one_line() -> None:
    html = (
        "<table><tr><td><p>STT</p></td><td><p><b>Đơn vị</b></p></td></tr>"
        "<tr><td><p>1</p></td><td><p><span style='x'>Sở Giáo dục<br>và Đào tạo</span></p>"
        "<p>(khối sở)</p></td></tr></table><p>Sau bảng.</p>"
    )
    assert html_to_text(html) == (
        "STT | Đơn vị\n1 | Sở Giáo dục và Đào tạo (khối sở)\n\nSau bảng."
    )


def test_a_nested_table_in_a_cell_keeps_its_own_rows() -> None:
    inner = "<table><tr><td>x</td></tr><tr><td>y</td></tr></table>"
    html = f"<table><tr><td>A</td><td>{inner}</td></tr></table>"
    assert html_to_text(html).split("\n\n")[0].startswith("A")
    assert "x\ny" in html_to_text(html)


def test_header_in_strong_cells_and_scores_with_their_unit(tmp_path: Path) -> None:
    body = (
        "<div class='content'><h1>Công bố Chỉ số CCHC năm 2024</h1>"
        "<p>Kết quả Chỉ số cải cách hành chính năm 2024 của các sở, ban, ngành như sau:</p>"
        "<table border='1'><tbody>"
        "<tr><td><strong>STT</strong></td><td><strong>Đơn vị</strong></td>"
        "<td><strong>Điểm đạt được</strong></td><td><strong>Xếp hạng</strong></td></tr>"
        "<tr><td><p>1</p></td><td><p><span style='font-size:12pt'>Sở Tư pháp</span></p></td>"
        "<td><p>91,25&nbsp;điểm</p></td><td>01</td></tr>"
        "<tr><td><p>2</p></td><td><p>Sở Nội vụ</p></td><td><p>89,70&nbsp;điểm</p></td>"
        "<td>02</td></tr></tbody></table></div>"
    )
    assert _results(tmp_path, body) == [
        ("Sở Nội vụ", 2024, 89.7, 2), ("Sở Tư pháp", 2024, 91.25, 1),
    ]  # fmt: skip


def test_two_row_thead_with_colspan_and_rowspan(tmp_path: Path) -> None:
    body = (
        "<article><h1>Kết quả Chỉ số CCHC năm 2023 của các huyện</h1>"
        "<p>Kết quả Chỉ số cải cách hành chính năm 2023 của các huyện như sau:</p>"
        "<table><thead><tr><th rowspan='2'>STT</th><th rowspan='2'>Đơn vị</th>"
        "<th colspan='2'>Năm 2023</th></tr><tr><th>Điểm</th><th>Xếp hạng</th></tr></thead>"
        "<tbody><tr><td>1</td><td>Huyện Đông Sơn</td><td>86,44</td><td>1</td></tr>"
        "<tr><td>2</td><td>Huyện Tây Hà</td><td>84,10</td><td>2</td></tr></tbody></table>"
        "</article>"
    )
    assert _results(tmp_path, body) == [
        ("huyện Tây Hà", 2023, 84.1, 2), ("huyện Đông Sơn", 2023, 86.44, 1),
    ]  # fmt: skip


def test_caption_row_inside_a_figure_and_places_in_words(tmp_path: Path) -> None:
    body = (
        "<div class='detail'><h1>Công bố Chỉ số CCHC năm 2022</h1>"
        "<p>UBND tỉnh công bố Chỉ số CCHC năm 2022 của các sở, ngành.</p>"
        "<figure class='table'><table>"
        "<tr><td colspan='4'><b>BẢNG XẾP HẠNG CHỈ SỐ CCHC NĂM 2022 CÁC SỞ, NGÀNH</b></td></tr>"
        "<tr><td><b>STT</b></td><td><b>Tên đơn vị</b></td><td><b>Tổng điểm</b></td>"
        "<td><b>Xếp thứ</b></td></tr>"
        "<tr><td>1</td><td>Sở Y tế</td><td>90,02</td><td>Nhất</td></tr>"
        "<tr><td>2</td><td>Sở Xây dựng</td><td>88,54</td><td>Nhì</td></tr>"
        "<tr><td>3</td><td>Sở Công Thương</td><td>85,31</td><td>Thứ ba</td></tr>"
        "</table></figure></div>"
    )
    assert _results(tmp_path, body) == [
        ("Sở Công Thương", 2022, 85.31, 3), ("Sở Xây dựng", 2022, 88.54, 2),
        ("Sở Y tế", 2022, 90.02, 1),
    ]  # fmt: skip


def test_word_exported_table(tmp_path: Path) -> None:
    def cell(text: str, bold: bool = False) -> str:
        span = f"<span style='font-size:13.0pt'>{text}</span>" if bold else f"<span>{text}</span>"
        inner = f"<b>{span}</b>" if bold else span
        return f"<td width=40><p class=MsoNormal align=center>{inner}</p></td>"

    def row(cells: list[str], bold: bool = False) -> str:
        return "<tr>" + "".join(cell(c, bold) for c in cells) + "</tr>"

    body = (
        "<div><h1>Kết quả Chỉ số CCHC năm 2021 của các sở, ban, ngành</h1>"
        "<p class=MsoNormal>Kết quả Chỉ số CCHC năm 2021 của các sở, ban, ngành như sau:</p>"
        "<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0>"
        + row(["STT", "Cơ quan, đơn vị", "Điểm số", "Thứ hạng"], bold=True)
        + row(["1", "Sở Giáo dục<br>và Đào tạo", "92,10", "1"])
        + row(["2", "Sở Kế hoạch và Đầu tư", "90,55", "2"])
        + "</table></div>"
    )
    assert _results(tmp_path, body) == [
        ("Sở Giáo dục và Đào tạo", 2021, 92.1, 1), ("Sở Kế hoạch và Đầu tư", 2021, 90.55, 2),
    ]  # fmt: skip


def test_english_table_with_bold_header_cells(tmp_path: Path) -> None:
    body = (
        "<div class='article'><h1>Provincial Competitiveness Index 2023 rankings</h1>"
        "<p>The PCI 2023 results for the top provinces are as follows:</p>"
        "<table><tr><td><strong>Rank</strong></td><td><strong>Province</strong></td>"
        "<td><strong>PCI score</strong></td></tr>"
        "<tr><td>1st</td><td>Hoa Lam</td><td>72.45</td></tr>"
        "<tr><td>Second</td><td>Dong Son</td><td>71.10</td></tr></table></div>"
    )
    assert _results(tmp_path, body) == [
        ("Dong Son", 2023, 71.1, 2), ("Hoa Lam", 2023, 72.45, 1),
    ]  # fmt: skip


def test_a_table_of_unclear_columns_gives_no_sure_records(tmp_path: Path) -> None:
    body = (
        "<div><h1>Chỉ số CCHC năm 2024</h1><p>Kết quả Chỉ số CCHC năm 2024 như sau:</p>"
        "<table><tr><td><b>STT</b></td><td><b>Đơn vị</b></td><td><b>Ghi chú</b></td></tr>"
        "<tr><td><p>1</p></td><td><p>Sở Tư pháp</p></td><td><p>Nhất</p></td></tr>"
        "<tr><td><p>2</p></td><td><p>Sở Nội vụ</p></td><td><p>Nhì</p></td></tr></table></div>"
    )
    assert _results(tmp_path, body) == []


def test_thead_of_two_years_over_wider_rows(tmp_path: Path) -> None:
    body = (
        "<div class='news'><h1>Kết quả Chỉ số CCHC năm 2023 của các tỉnh</h1>"
        "<p>Bộ Nội vụ công bố Chỉ số CCHC năm 2023 của các tỉnh, thành phố.</p>"
        "<table><thead><tr><th rowspan='2'>TT</th><th rowspan='2'>Tỉnh</th>"
        "<th colspan='2'>Năm 2023</th><th colspan='2'>Năm 2022</th></tr>"
        "<tr><th>Điểm</th><th>Thứ hạng</th><th>Điểm</th><th>Thứ hạng</th></tr></thead><tbody>"
        "<tr><td>1</td><td>Quảng Ninh</td><td>91,21</td><td>1</td><td>90,10</td><td>2</td></tr>"
        "<tr><td>2</td><td>Hải Phòng</td><td>90,30</td><td>2</td><td>91,00</td><td>1</td></tr>"
        "</tbody></table></div>"
    )
    assert _results(tmp_path, body) == [
        ("Hải Phòng", 2022, 91.0, 1), ("Hải Phòng", 2023, 90.3, 2),
        ("Quảng Ninh", 2022, 90.1, 2), ("Quảng Ninh", 2023, 91.21, 1),
    ]  # fmt: skip


def test_header_cell_broken_over_lines_and_rank_with_total(tmp_path: Path) -> None:
    body = (
        "<div><h1>Chỉ số CCHC năm 2023 của các tỉnh dẫn đầu</h1>"
        "<p>Bộ Nội vụ công bố Chỉ số CCHC năm 2023 của các tỉnh, thành phố.</p>"
        "<table><tr><td>STT</td><td>Tỉnh, thành phố</td><td>Điểm<br>năm 2023</td>"
        "<td>Hạng</td></tr><tr><td>1</td><td>Quảng Ninh</td><td>91,21</td><td>1/63</td></tr>"
        "<tr><td>2</td><td>Hải Phòng</td><td>90,30</td><td>2/63</td></tr></table></div>"
    )
    page = tmp_path / "p.html"
    page.write_text(body)
    doc = load_document(expand_paths([str(page)])[0])
    recs = RulesExtractor().extract(doc).extraction.index_results
    assert sorted((r.entity, r.score, r.rank, r.rank_total) for r in recs) == [
        ("Hải Phòng", 90.3, 2, 63), ("Quảng Ninh", 91.21, 1, 63),
    ]  # fmt: skip


def test_ordered_list_items_get_the_numbers_a_browser_shows() -> None:
    html = "<p>Đầu</p><ol start='4'><li>Một</li><li><b>Hai</b></li></ol><ul><li>Ba</li></ul>"
    assert html_to_text(html) == "Đầu\n\n4. Một\n5. Hai\n\nBa"


def test_ranking_as_an_ordered_list_with_scores(tmp_path: Path) -> None:
    body = (
        "<div><h1>Tin tức</h1><p>Bảng xếp hạng Chỉ số CCHC năm 2023 các tỉnh dẫn đầu:</p>"
        "<ol><li>Quảng Ninh – 91,21 điểm</li><li>Hải Phòng – 90,30 điểm</li></ol></div>"
    )
    assert _results(tmp_path, body) == [
        ("Hải Phòng", 2023, 90.3, 2), ("Quảng Ninh", 2023, 91.21, 1),
    ]  # fmt: skip


def test_ranking_as_numbered_paragraphs_with_scores(tmp_path: Path) -> None:
    body = (
        "<div><h1>Tin tức</h1><p>Xếp hạng Chỉ số CCHC năm 2024 các sở của tỉnh Hòa Bình "
        "dẫn đầu:</p><p>1. Sở Tư pháp – 91,25 điểm</p><p>2. Sở Nội vụ: 89,70</p></div>"
    )
    assert _results(tmp_path, body) == [
        ("Sở Nội vụ", 2024, 89.7, 2), ("Sở Tư pháp", 2024, 91.25, 1),
    ]  # fmt: skip


def test_departments_listed_with_no_province_named_stay_below_the_cut_off(
    tmp_path: Path,
) -> None:
    # whose departments these are is only a guess (the province named last above, if any)
    body = (
        "<div><h1>Tin tức</h1><p>Tỉnh Sơn La tổng kết năm.</p><p>Tin khác.</p>"
        "<p>Xếp hạng Chỉ số CCHC năm 2024 các sở dẫn đầu:</p>"
        "<p>1. Sở Tư pháp – 91,25 điểm</p><p>2. Sở Nội vụ: 89,70</p></div>"
    )
    assert _results(tmp_path, body) == []


def test_a_list_line_saying_more_than_a_score_keeps_it_unread(tmp_path: Path) -> None:
    body = (
        "<div><h1>Tin tức</h1><p>Xếp hạng Chỉ số CCHC năm 2024 các sở của tỉnh Hòa Bình "
        "dẫn đầu:</p><p>1. Sở Tư pháp – tăng 3 bậc so với năm 2023</p>"
        "<p>2. Sở Nội vụ – 89,70 điểm</p></div>"
    )
    assert _results(tmp_path, body) == [("Sở Nội vụ", 2024, 89.7, 2)]


def test_a_layout_table_cell_keeps_its_paragraphs() -> None:
    article = "<p>" + "Chỉ số CCHC của tỉnh năm nay tăng so với năm trước. " * 10 + "</p>"
    rows = "<tr><td>STT</td><td><p>Đơn vị</p></td></tr><tr><td>1</td><td>Sở A</td></tr>"
    inner = f"<table>{rows}</table>"
    html = (
        f"<table><tr><td>Menu</td><td><h1>Tiêu đề</h1>{article}<p>Hai.</p></td></tr></table>"
        f"<table><tr><td><h2>Bài khác</h2><p>Ngắn.</p>{inner}<p>Sau.</p></td></tr></table>"
    )
    text = html_to_text(html)
    assert "\n\nTiêu đề\n\nChỉ số" in text and "trước.\n\nHai." in text  # a long cell
    assert "Ngắn.\n\nSTT | Đơn vị\n1 | Sở A\n\nSau." in text  # a cell holding a table


def test_a_unit_of_measure_column_is_no_second_unit_column(tmp_path: Path) -> None:
    body = (
        "<div><h1>Kết quả Chỉ số CCHC năm 2023 của các sở tỉnh Hưng Yên</h1><table>"
        "<tr><th>STT</th><th>Đơn vị</th><th>Đơn vị tính</th><th>Điểm</th><th>Xếp hạng</th></tr>"
        "<tr><td>1</td><td>Sở Nội vụ</td><td>điểm</td><td>90,10</td><td>1</td></tr>"
        "<tr><td>2</td><td>Sở Tư pháp</td><td>điểm</td><td>89,00</td><td>2</td></tr></table></div>"
    )
    assert _results(tmp_path, body) == [
        ("Sở Nội vụ", 2023, 90.1, 1), ("Sở Tư pháp", 2023, 89.0, 2),
    ]  # fmt: skip


def test_group_title_rows_keep_the_groups_under_one_header(tmp_path: Path) -> None:
    def row(*cells: str) -> str:
        return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"

    body = (
        "<div><h1>Kết quả Chỉ số CCHC năm 2023 tỉnh Hưng Yên</h1>"
        "<p>Kết quả Chỉ số CCHC năm 2023 của các sở và các huyện như sau:</p><table>"
        + row("<b>STT</b>", "<b>Đơn vị</b>", "<b>Điểm</b>", "<b>Xếp hạng</b>")
        + "<tr><td colspan=4><b>I. Khối sở, ban, ngành</b></td></tr>"
        + row("1", "Sở Nội vụ", "90,10", "1")
        + "<tr><td colspan=4><b>II. Khối huyện, thành phố</b></td></tr>"
        + row("1", "Huyện Văn Lâm", "88,10", "1")
        + row("2", "Huyện Mỹ Hào", "87,00", "2")
        + "</table><p>Ghi chú: số liệu tổng hợp.</p></div>"
    )
    assert _results(tmp_path, body) == [
        ("Sở Nội vụ", 2023, 90.1, 1), ("huyện Mỹ Hào", 2023, 87.0, 2),
        ("huyện Văn Lâm", 2023, 88.1, 1),
    ]  # fmt: skip


def test_a_short_line_between_tables_is_no_group_row() -> None:
    text = (
        "Chỉ số CCHC năm 2023 của các sở\nĐơn vị | Điểm\nSở Nội vụ | 90,10\n"
        "Bảng 2: Chỉ số CCHC năm 2023 của các huyện\nĐơn vị | Điểm\nHuyện Văn Lâm | 88,10\n"
    )
    tables = text_tables(text)
    assert [t.header for t in tables] == [("Đơn vị", "Điểm"), ("Đơn vị", "Điểm")]
    assert all(len(t.rows) == 1 for t in tables)


def test_rank_cells_written_with_their_words() -> None:
    from llmx.rules.table_cells import rank_cell

    cells = ["Xếp thứ 5", "xếp hạng 12", "Hạng 3", "thứ 5/63", "Thứ Nhất", "Nhì", "05", "2nd"]
    assert [rank_cell(c) for c in cells] == [
        (5, None), (12, None), (3, None), (5, 63), (1, None), (2, None), (5, None), (2, None),
    ]  # fmt: skip
    assert rank_cell("Xếp loại") == (None, None) and rank_cell("Tốt") == (None, None)


def test_a_page_wrapped_in_one_form_keeps_its_article_but_not_the_controls() -> None:
    html = (
        "<html><body><form id='aspnetForm' method='post'><input type=hidden value='x'>"
        "<div class='content'><h1>Chỉ số CCHC năm 2023</h1><p>Tỉnh đạt 88,54 điểm.</p></div>"
        "<select><option>Chọn năm</option></select><button>Gửi</button></form></body></html>"
    )
    assert html_to_text(html) == "Chỉ số CCHC năm 2023\n\nTỉnh đạt 88,54 điểm."


def test_an_articles_own_header_is_kept_and_the_pages_is_not() -> None:
    html = (
        "<html><body><header><div>Báo Tin Tức</div></header><main><article><header>"
        "<h1>Tiêu đề bài</h1><p>Chỉ số CCHC năm 2023 tỉnh đạt 88,54 điểm.</p></header>"
        "<p>Thân bài.</p></article></main><footer>Bản quyền</footer></body></html>"
    )
    assert html_to_text(html) == (
        "Tiêu đề bài\n\nChỉ số CCHC năm 2023 tỉnh đạt 88,54 điểm.\n\nThân bài."
    )


def test_invisible_characters_do_not_part_a_cell_from_its_number(tmp_path: Path) -> None:
    body = (
        "<div><h1>Kết quả Chỉ số CCHC năm 2023 của các sở tỉnh Hưng Yên</h1><table>"
        "<tr><th>STT</th><th>Đơn vị</th><th>Điểm</th><th>Xếp hạng</th></tr>"
        "<tr><td>1</td><td>Sở Nội vụ&#8203;</td><td>90,10\u200b</td><td>1&#xFEFF;</td></tr>"
        "<tr><td>2</td><td>Sở Tư pháp</td><td>89,00</td><td>&#8288;2</td></tr></table></div>"
    )
    assert _results(tmp_path, body) == [
        ("Sở Nội vụ", 2023, 90.1, 1), ("Sở Tư pháp", 2023, 89.0, 2),
    ]  # fmt: skip
