"""Ranking tables of the shapes reports use beyond one header line over unit rows (my own
example tables, invented units and figures): two-level headers, transposed tables, cells
that hold two values, columns that hold no result, and how sure each reading is."""

from __future__ import annotations

from llmx.core.document import Document
from llmx.ingest.html import html_to_text
from llmx.ingest.layout import Paragraph, Table, compose
from llmx.rules.extractor import RulesExtractor
from llmx.rules.table_text import LEVEL, merge_levels, split_cells, text_tables
from llmx.rules.tables import Column, spanning_cost, table_columns
from tests.support.documents import make_doc


def _recs(text: str):  # type: ignore[no-untyped-def]
    return RulesExtractor().extract(make_doc(text)).extraction.index_results


def _layout(caption: str, rows: list[list[str]]) -> Document:
    c = compose([Paragraph("BÁO CÁO"), Paragraph(caption), Table(rows=rows)])
    return Document(doc_id="t", source="t", sha256="0" * 64, text=c.text, tables=c.tables)


# -- cells ------------------------------------------------------------------------------


def test_cells_are_parted_by_pipes_or_tabs_and_empty_cells_are_kept() -> None:
    for line in ("a | | c", "| a |  | c |", "a\t\tc", "a|b|c"):
        cells = [line[s:e] for s, e in split_cells(line, (0, len(line)))]
        assert len(cells) == 3 and cells[0] == "a" and cells[2] == "c", line


def test_tab_separated_lines_are_a_table() -> None:
    text = "Chỉ số PAPI năm 2022\nTỉnh\tĐiểm\tXếp hạng\nLạng Sơn\t41,20\t12\nCao Bằng\t39,05\t40\n"
    assert sorted((r.entity, r.score, r.rank) for r in _recs(text)) == [
        ("Cao Bằng", 39.05, 40), ("Lạng Sơn", 41.2, 12),
    ]  # fmt: skip


# -- two-level headers ------------------------------------------------------------------


def test_upper_cells_span_the_lower_ones_and_rowspans_stand_alone() -> None:
    top = ["STT", "Tỉnh", "Năm 2023", "Năm 2022"]
    sub = ["Điểm", "Hạng", "Điểm", "Hạng"]
    assert merge_levels(top, sub, 6) == (
        "STT", "Tỉnh", f"Năm 2023{LEVEL}Điểm", f"Năm 2023{LEVEL}Hạng",
        f"Năm 2022{LEVEL}Điểm", f"Năm 2022{LEVEL}Hạng",
    )  # fmt: skip
    assert merge_levels(["A", "B", "C"], ["x", "y", "z", "w"], 7) is None  # no layout fits


def test_an_html_header_with_colspans_dates_each_pair_of_columns() -> None:
    page = (
        "<p>Kết quả Chỉ số PCI của một số tỉnh miền núi</p><table>"
        "<tr><th rowspan=2>Tỉnh</th><th colspan=2>2022</th><th colspan=2>2021</th></tr>"
        "<tr><th>Điểm</th><th>Xếp hạng</th><th>Điểm</th><th>Xếp hạng</th></tr>"
        "<tr><td>Hà Giang</td><td>60,12</td><td>50</td><td>58,40</td><td>57</td></tr>"
        "<tr><td>Sơn La</td><td>62,03</td><td>41</td><td>61,10</td><td>45</td></tr>"
        "</table>"
    )
    text = html_to_text(page)
    (table,) = text_tables(text)
    assert table.header[1] == f"2022{LEVEL}Điểm"
    got = sorted((r.entity, r.year, r.score, r.rank) for r in _recs(text))
    assert got == [
        ("Hà Giang", 2021, 58.4, 57), ("Hà Giang", 2022, 60.12, 50),
        ("Sơn La", 2021, 61.1, 45), ("Sơn La", 2022, 62.03, 41),
    ]  # fmt: skip
    for r in _recs(text):  # each year read from the header lines
        assert str(r.year) in r.field_evidence["year"].quote


def test_a_component_over_its_score_and_rank_gives_the_components_record() -> None:
    cols = table_columns(
        ("Tỉnh", f"Cải cách TTHC{LEVEL}Điểm", f"Cải cách TTHC{LEVEL}Xếp hạng",
         f"Chỉ số CCHC{LEVEL}Điểm", f"Ghi chú riêng{LEVEL}Điểm")
    )  # fmt: skip
    assert cols == [
        Column(0, "unit"), Column(1, "score", None, "Cải cách TTHC"),
        Column(2, "rank", None, "Cải cách TTHC"), Column(3, "total_score"),
        None,  # an upper cell nothing explains leaves its column unexplained
    ]  # fmt: skip


def test_a_layout_header_with_merged_cells_reads_its_second_line() -> None:
    doc = _layout(
        "Chỉ số SIPAS của các huyện tỉnh Điện Biên",
        [["Huyện", "Năm 2024", "", "Năm 2023", ""],
         ["", "Điểm", "Xếp hạng", "Điểm", "Xếp hạng"],
         ["huyện Tủa Chùa", "84,5", "3", "80,2", "6"]],
    )  # fmt: skip
    recs = RulesExtractor().extract(doc).extraction.index_results
    assert sorted((r.entity, r.year, r.score, r.rank) for r in recs) == [
        ("huyện Tủa Chùa", 2023, 80.2, 6), ("huyện Tủa Chùa", 2024, 84.5, 3),
    ]  # fmt: skip


# -- columns that hold no result --------------------------------------------------------


def test_a_maximum_score_column_is_no_result() -> None:
    assert table_columns(("Lĩnh vực", "Điểm tối đa", "Điểm đạt được"))[1:] == [
        Column(1, "other"), Column(2, "score"),
    ]  # fmt: skip
    text = (
        "Chỉ số CCHC năm 2023 của các sở tỉnh Yên Bái\n"
        "Đơn vị | Điểm tối đa | Điểm đạt được | Xếp hạng\n"
        "Sở Tư pháp | 100 | 90,15 | 1\n"
        "Sở Y tế | 100 | 88,40 | 2\n"
    )
    assert sorted((r.entity, r.score, r.rank) for r in _recs(text)) == [
        ("Sở Tư pháp", 90.15, 1), ("Sở Y tế", 88.4, 2),
    ]  # fmt: skip


def test_a_maximum_score_row_is_no_unit() -> None:
    text = (
        "Kết quả PAPI năm 2021 theo trụ cột\n"
        "Tỉnh | Điểm | Xếp hạng\n"
        "Điểm tối đa | 80 | \n"
        "Hòa Bình | 44,10 | 20\n"
    )
    assert [(r.entity, r.score) for r in _recs(text)] == [("Hòa Bình", 44.1)]


# -- cells that hold two values, columns that name a component --------------------------


def test_a_rank_cell_with_the_value_in_parentheses_gives_both() -> None:
    text = (
        "Xếp hạng DTI cấp tỉnh năm 2022; mỗi ô ghi thứ hạng, giá trị trong ngoặc\n"
        "Xếp hạng DTI | Tỉnh | Xếp hạng CQS\n"
        "3 (0,6120) | Hậu Giang | 5 (0,6411)\n"
        "4 (0,6025) | Bạc Liêu | 2 (0,6700)\n"
    )
    got = sorted((r.entity, r.component or "", r.score, r.rank) for r in _recs(text))
    assert got == [
        ("Bạc Liêu", "", 0.6025, 4), ("Bạc Liêu", "Chính quyền số", 0.67, 2),
        ("Hậu Giang", "", 0.612, 3), ("Hậu Giang", "Chính quyền số", 0.6411, 5),
    ]  # fmt: skip


def test_english_component_columns_are_kept_as_written() -> None:
    text = (
        "PCI 2021: sub-index scores of two provinces\n"
        "Province | Entry Costs | Law & Order | PCI Score | PCI Ranking\n"
        "Bac Kan | 7.01 | 6.50 | 60.44 | 61\n"
        "Ha Nam | 7.33 | 6.92 | 66.02 | 25\n"
    )
    got = sorted((r.entity, r.component or "", r.score, r.rank) for r in _recs(text))
    assert got == [
        ("Bắc Kạn", "", 60.44, 61), ("Bắc Kạn", "Entry Costs", 7.01, None),
        ("Bắc Kạn", "Law & Order", 6.5, None),
        ("Hà Nam", "", 66.02, 25), ("Hà Nam", "Entry Costs", 7.33, None),
        ("Hà Nam", "Law & Order", 6.92, None),
    ]  # fmt: skip


# -- transposed tables -------------------------------------------------------------------


def test_years_as_columns_and_components_as_rows() -> None:
    text = (
        "Chỉ số thành phần PCI của Tuyên Quang qua hai năm\n"
        "Chỉ số thành phần | 2021 | 2022\n"
        "Gia nhập thị trường | 6,90 | 7,12\n"
        "Tính minh bạch | 5,80 | 6,01\n"
        "Điểm PCI | 63,40 | 64,95\n"
        "Xếp hạng | 38 | 30\n"
    )
    got = sorted((r.entity, r.year, r.component or "", r.score, r.rank) for r in _recs(text))
    assert got == [
        ("Tuyên Quang", 2021, "", 63.4, 38),
        ("Tuyên Quang", 2021, "Gia nhập thị trường", 6.9, None),
        ("Tuyên Quang", 2021, "Tính minh bạch", 5.8, None),
        ("Tuyên Quang", 2022, "", 64.95, 30),
        ("Tuyên Quang", 2022, "Gia nhập thị trường", 7.12, None),
        ("Tuyên Quang", 2022, "Tính minh bạch", 6.01, None),
    ]  # fmt: skip


def test_units_as_columns_take_the_captions_year() -> None:
    text = (
        "So sánh Chỉ số PAPI năm 2020 của hai tỉnh\n"
        "Nội dung | Nghệ An | Hà Tĩnh\n"
        "Tổng điểm | 43,10 | 44,22\n"
        "Xếp hạng | 30 | 18\n"
    )
    assert sorted((r.entity, r.year, r.score, r.rank) for r in _recs(text)) == [
        ("Hà Tĩnh", 2020, 44.22, 18), ("Nghệ An", 2020, 43.1, 30),
    ]  # fmt: skip


def test_years_over_score_and_rank_with_components_as_rows() -> None:
    text = (
        "Chỉ số thành phần PCI của Phú Thọ\n\n"
        "Chỉ số thành phần | 2020 | 2021\n"
        "Điểm số | Thứ hạng | Điểm số | Thứ hạng\n"
        "Chi phí thời gian | 7,10 | 20 | 7,35 | 14\n"
        "Đào tạo lao động | 6,02 | 33 | 6,40 | 21\n"
    )
    got = sorted((r.year, r.component, r.score, r.rank) for r in _recs(text))
    assert got == [
        (2020, "Chi phí thời gian", 7.1, 20), (2020, "Đào tạo lao động", 6.02, 33),
        (2021, "Chi phí thời gian", 7.35, 14), (2021, "Đào tạo lao động", 6.4, 21),
    ]  # fmt: skip
    assert {r.entity for r in _recs(text)} == {"Phú Thọ"}


# -- where the index and the year come from; how sure a reading is -----------------------


def test_the_index_and_year_the_header_names_win_over_the_text_above() -> None:
    text = (
        "Kết quả được công bố năm 2021, cùng đợt với Chỉ số SIPAS.\n"
        "Xếp hạng | Tỉnh | Chỉ số CCHC 2020\n"
        "1 | Quảng Ninh | 91,04\n"
        "2 | Hải Phòng | 89,91\n"
    )
    got = sorted((r.entity, r.index, r.year, r.score, r.rank) for r in _recs(text))
    assert got == [
        ("Hải Phòng", "PAR_INDEX", 2020, 89.91, 2), ("Quảng Ninh", "PAR_INDEX", 2020, 91.04, 1),
    ]  # fmt: skip


def test_an_undated_table_takes_the_headlines_year_else_stays_below_the_cut_off() -> None:
    body = (
        "\n\nPhần trích dưới đây gồm hai địa phương.\n"
        "Tỉnh | Chỉ số PGI | Xếp hạng\nLong An | 23,07 | 12\nBến Tre | 22,10 | 20\n"
    )
    dated = _recs("Bảng xếp hạng PGI năm 2023" + body)
    assert {(r.year, r.confidence) for r in dated} == {(2023, 0.9)}
    undated = _recs("Bảng xếp hạng PGI" + body)
    assert {r.year for r in undated} == {None}
    assert all(r.confidence is not None and r.confidence < 0.7 for r in undated)


def test_a_layout_table_with_an_unexplained_column_is_sure_only_of_what_it_could_not_hold() -> None:
    doc = _layout(
        "Chỉ số CCHC năm 2022 của các sở tỉnh Hưng Yên",
        [["Đơn vị", "Điểm", "Xếp hạng", "Tiêu chí riêng"],
         ["Sở Nội vụ", "90,1", "1", "8,5"], ["Sở Tư pháp", "89,0", "2", "8,1"]],
    )  # fmt: skip
    recs = RulesExtractor().extract(doc).extraction.index_results
    # score and rank read: the unexplained column cannot be a value they lack
    assert {(r.entity, r.confidence) for r in recs} == {("Sở Nội vụ", 0.9), ("Sở Tư pháp", 0.9)}
    doc = _layout(
        "Chỉ số CCHC năm 2022 của các sở tỉnh Hưng Yên",
        [["Đơn vị", "Điểm", "Thứ tự"], ["Sở Nội vụ", "90,1", "1"], ["Sở Tư pháp", "89,0", "2"]],
    )
    recs = RulesExtractor().extract(doc).extraction.index_results
    # whole numbers in a column nobody explains could be the rank the records lack
    assert [r.rank for r in recs] == [None, None]
    assert all(r.confidence is not None and r.confidence < 0.7 for r in recs)


def test_bare_numbered_lines_go_on_a_ranking_the_text_above_names() -> None:
    text = (
        "Xếp hạng Chỉ số PAPI năm 2019 của các tỉnh miền Trung\n\n"
        "Ba vị trí đầu được nêu ở trên; các vị trí tiếp theo trong nhóm dẫn đầu là:\n"
        "4 Quảng Trị\n5 Phú Yên\n6 Bình Định\n\n"
        "Hai số 7 và 8 không kèm tên đơn vị.\n"
    )
    recs = _recs(text)
    assert [(r.entity, r.index, r.year, r.rank) for r in recs] == [
        ("Quảng Trị", "PAPI", 2019, 4), ("Phú Yên", "PAPI", 2019, 5),
        ("Bình Định", "PAPI", 2019, 6),
    ]  # fmt: skip
    # the index and year come from above the heading, not from it: below the cut-off
    assert all(r.confidence is not None and r.confidence < 0.7 for r in recs)
    # lines of a number and words that are not a unit's whole name are no list
    assert _recs("Xếp hạng PAPI năm 2019 dẫn đầu:\n4 tỉnh tăng\n5 tỉnh giảm\n6 tỉnh giữ\n") == []


def test_a_table_flattened_one_cell_a_line_is_read() -> None:
    text = (
        "Kết quả Chỉ số CCHC năm 2022 của các huyện tỉnh Bắc Kạn\n"
        "STT\nĐơn vị\nĐiểm\nXếp hạng\n"
        "1\nhuyện Ba Bể\n86,42\n1\n"
        "2\nhuyện Pác Nặm\n84,10\n2\n"
        "Các huyện còn lại đạt dưới 84 điểm.\n"
    )
    recs = _recs(text)
    assert sorted((r.entity, r.year, r.score, r.rank) for r in recs) == [
        ("huyện Ba Bể", 2022, 86.42, 1), ("huyện Pác Nặm", 2022, 84.1, 2),
    ]  # fmt: skip
    for r in recs:  # each row's evidence is its own lines
        assert "86,42" in r.evidence.quote or "84,10" in r.evidence.quote
    # lines of prose are no header cells, so no table
    from llmx.rules.tables import table_results

    prose = "Chỉ số CCHC năm 2022\nTỉnh Bắc Kạn\nđạt 86,42 điểm\nxếp thứ 1\n"
    assert table_results(make_doc(prose)) == []


def test_cells_at_the_end_that_span_both_lines_are_told_from_a_group() -> None:
    text = (
        "Chỉ số CCHC năm 2021 của hai tỉnh theo lĩnh vực\n"
        "STT | Tỉnh | Điểm các lĩnh vực | Tổng điểm | Xếp hạng\n"
        "Thể chế | Tài chính công\n"
        "1 | Hà Nam | 8,10 | 5,92 | 86,02 | 12\n"
        "2 | Ninh Bình | 7,75 | 6,01 | 84,30 | 20\n"
    )
    (table,) = text_tables(text, spanning_cost)
    assert table.header[2:] == (
        f"Điểm các lĩnh vực{LEVEL}Thể chế", f"Điểm các lĩnh vực{LEVEL}Tài chính công",
        "Tổng điểm", "Xếp hạng",
    )  # fmt: skip
    got = sorted((r.entity, r.component or "", r.score, r.rank) for r in _recs(text))
    assert got == [
        ("Hà Nam", "", 86.02, 12), ("Hà Nam", "Thể chế", 8.1, None),
        ("Hà Nam", "Tài chính công", 5.92, None),
        ("Ninh Bình", "", 84.3, 20), ("Ninh Bình", "Thể chế", 7.75, None),
        ("Ninh Bình", "Tài chính công", 6.01, None),
    ]  # fmt: skip


def test_a_transposed_table_with_an_unexplained_row_of_figures_is_left_to_the_sentences() -> None:
    text = (
        "So sánh Chỉ số PAPI năm 2020 của hai tỉnh\n"
        "Nội dung | Nghệ An | Hà Tĩnh\n"
        "Tổng điểm | 43,10 | 44,22\n"
        "Chỉ tiêu phụ | 1.210 | 1.195\n"
    )
    from llmx.rules.tables import table_results

    assert table_results(make_doc(text)) == []


def test_cells_written_with_their_words_footnotes_or_brackets_give_their_values() -> None:
    text = (
        "Chỉ số SIPAS năm 2023 của các sở tỉnh Lào Cai\n"
        "Đơn vị | Kết quả | Xếp hạng | Tăng/giảm bậc\n"
        "Sở Tư pháp | 91,20 điểm | thứ 1 | (+3)\n"
        "Sở Y tế | 88,05* | 2nd | (-1)\n"
    )
    got = sorted((r.entity, r.score, r.rank, r.rank_change) for r in _recs(text))
    assert got == [("Sở Tư pháp", 91.2, 1, 3), ("Sở Y tế", 88.05, 2, -1)]


def test_a_change_that_does_not_say_of_what_is_no_result() -> None:
    assert [c.role if c else None for c in table_columns(
        ("Tỉnh", "Điểm", "Tăng/giảm", "Tăng/giảm bậc", "Tăng/giảm điểm", "Thay đổi so với 2022")
    )] == ["unit", "score", "other", "rank_change", "score_change", "other"]  # fmt: skip


def test_years_under_a_rank_title_are_ranks_of_those_years() -> None:
    cols = table_columns(("Tỉnh", f"Thứ hạng qua các năm{LEVEL}2021", f"Xếp hạng{LEVEL}2022"))
    assert cols == [Column(0, "unit"), Column(1, "rank", 2021), Column(2, "rank", 2022)]


def test_year_columns_under_a_caption_of_places_are_ranks() -> None:
    ranks = "Thứ hạng PCI của một số tỉnh qua các năm\nTỉnh | 2021 | 2022\nLào Cai | 12 | 8\n"
    assert [(r.year, r.score, r.rank) for r in sorted(_recs(ranks), key=lambda r: r.year)] == [
        (2021, None, 12), (2022, None, 8),
    ]  # fmt: skip
    scores = "Điểm PCI của một số tỉnh qua các năm\nTỉnh | 2021 | 2022\nLào Cai | 66,40 | 67,02\n"
    assert sorted((r.year, r.score, r.rank) for r in _recs(scores)) == [
        (2021, 66.4, None), (2022, 67.02, None),
    ]  # fmt: skip


def test_a_ministries_table_of_the_2022_framework_gives_each_fields_score() -> None:
    text = (
        "Kết quả Chỉ số CCHC năm 2023 của các bộ, cơ quan ngang bộ\n"
        "STT | Bộ, cơ quan ngang bộ | Cải cách thể chế | Cải cách TTHC | Cải cách chế độ công vụ"
        " | Xây dựng và phát triển Chính phủ điện tử, Chính phủ số | Chỉ số CCHC (%) | Xếp hạng\n"
        "1 | Bộ Xây dựng | 11,20 | 12,10 | 11,90 | 10,30 | 90,15 | 1\n"
        "2 | Bộ TT&TT | 10,80 | 11,50 | 11,10 | 9,70 | 88,02 | 2\n"
    )
    recs = _recs(text)
    whole = sorted((r.entity, r.entity_level, r.score, r.score_unit, r.rank)
                   for r in recs if r.component is None)  # fmt: skip
    assert whole == [
        ("Bộ Thông tin và Truyền thông", "ministry", 88.02, "percent", 2),
        ("Bộ Xây dựng", "ministry", 90.15, "percent", 1),
    ]
    fields = {r.component for r in recs if r.component is not None}
    assert fields == {
        "Cải cách thể chế", "Cải cách TTHC", "Cải cách chế độ công vụ",
        "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
    }  # fmt: skip
    assert {r.year for r in recs} == {2023} and {r.confidence for r in recs} == {0.9}


def test_an_english_header_naming_the_index_is_its_score_not_a_component() -> None:
    text = (
        "SIPAS 2023 results of provinces\n"
        "# | Province/City | Satisfaction index (%) | Ranking\n"
        "1 | Quang Ninh | 91.2 | 1\n2 | Hai Phong | 90.1 | 2\n"
    )
    recs = _recs(text)
    got = sorted((r.entity, r.index, r.component, r.score, r.score_unit, r.rank) for r in recs)
    assert got == [
        ("Hải Phòng", "SIPAS", None, 90.1, "percent", 2),
        ("Quảng Ninh", "SIPAS", None, 91.2, "percent", 1),
    ]


def test_one_units_parts_as_rows_give_each_parts_score_and_rank() -> None:
    text = (
        "Điểm các chỉ số nội dung PAPI 2022 của Quảng Trị\n"
        "Chỉ số nội dung | Điểm | Xếp hạng\n"
        "Tham gia của người dân ở cấp cơ sở | 5,12 | 20\n"
        "Quản trị điện tử | 3,01 | 40\n"
        "Tổng điểm | 42,10 | 25\n"
    )
    got = sorted((r.entity, r.component or "", r.year, r.score, r.rank) for r in _recs(text))
    assert got == [
        ("Quảng Trị", "", 2022, 42.1, 25),
        ("Quảng Trị", "Quản trị điện tử", 2022, 3.01, 40),
        ("Quảng Trị", "Tham gia của người dân ở cấp cơ sở", 2022, 5.12, 20),
    ]  # fmt: skip


def test_a_satisfaction_rate_column_is_the_sipas_score_and_a_months_table_is_dated() -> None:
    sipas = (
        "Chỉ số SIPAS năm 2022 của các huyện tỉnh Quảng Nam\n"
        "STT | Huyện, thị xã, thành phố | Tỷ lệ hài lòng (%) | Xếp hạng\n"
        "1 | huyện Quế Sơn | 92,10 | 1\n | Trung bình | 88,00 | \n"
    )
    assert [(r.entity, r.score, r.score_unit, r.scope) for r in _recs(sipas)] == [
        ("huyện Quế Sơn", 92.1, "percent", "province:Quảng Nam"),
    ]
    monthly = (
        "Bộ chỉ số phục vụ người dân, doanh nghiệp tháng 5/2024 của các tỉnh\n"
        "Tỉnh | Số hóa hồ sơ | Tổng điểm\nLào Cai | 20,0 | 89,7\nYên Bái | 18,5 | 85,2\n"
    )
    assert {(r.index, r.year, r.confidence) for r in _recs(monthly)} == {
        ("SERVICE_INDEX", 2024, 0.9),
    }
