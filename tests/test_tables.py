"""Ranking tables to index results (llmx.rules.tables), on documents built in memory: what
makes a table a ranking, where its index, year and scope come from, which rows count."""

from __future__ import annotations

from llmx.core.document import Document
from llmx.ingest.html import html_to_text
from llmx.ingest.layout import Paragraph, Table, compose
from llmx.rules.extractor import RulesExtractor
from llmx.rules.tables import Column, column_roles, table_columns, table_results, text_tables
from tests.support.documents import make_doc


def _doc(caption: str | None, header: list[str], rows: list[list[str]]) -> Document:
    blocks: list = [Paragraph("BÁO CÁO")]
    if caption is not None:
        blocks.append(Paragraph(caption))
    blocks.append(Table(rows=[header, *rows]))
    c = compose(blocks)
    return Document(doc_id="t", source="t", sha256="0" * 64, text=c.text, tables=c.tables)


def _results(doc: Document):
    return RulesExtractor().extract(doc).extraction.index_results


def test_header_words_name_the_columns():
    assert column_roles(("STT", "Đơn vị", "Điểm", "Xếp hạng")) == {"unit": 1, "score": 2, "rank": 3}
    # the total wins over component scores; the ordinal column is never the rank
    assert column_roles(("TT", "Tên đơn vị", "Điểm thẩm định", "Tổng điểm", "Thứ hạng")) == {
        "unit": 1, "score": 3, "rank": 4,
    }  # fmt: skip
    # two score columns and no total: which is the index's cannot be told, the rank stays
    assert column_roles(("STT", "Địa phương", "Điểm", "Điểm đánh giá", "Hạng")) == {
        "unit": 1, "rank": 4,
    }  # fmt: skip
    assert column_roles(("STT", "Nội dung", "Số lượng")) is None  # no ranking
    assert column_roles(("STT", "Đơn vị", "Ghi chú")) is None  # a list of units, no values


def test_caption_gives_index_year_and_province_scope():
    doc = _doc(
        "Kết quả xếp hạng Chỉ số hài lòng (SIPAS) năm 2022 của các huyện tỉnh Lào Cai",
        ["STT", "Huyện, thị xã, thành phố", "Kết quả", "Xếp hạng"],
        [["1", "huyện Bảo Thắng", "88,20", "1"], ["2", "huyện Sa Pa", "86,05", "2"]],
    )
    results = _results(doc)
    expected = ("SIPAS", 2022, "province:Lào Cai")
    assert [(r.index, r.year, r.scope) for r in results] == [expected] * 2
    assert [r.score for r in results] == [88.2, 86.05]
    for r in results:
        assert r.evidence.quote == doc.text[r.evidence.start : r.evidence.end]
        assert str(r.score).replace(".", ",") in r.evidence.quote  # grounded in the row


def test_summary_and_empty_rows_are_no_units():
    doc = _doc(
        "Chỉ số CCHC năm 2023 của các sở, ban, ngành tỉnh Nghệ An",
        ["STT", "Đơn vị", "Điểm", "Xếp hạng"],
        [["1", "Sở Tư pháp", "91,00", "1"], ["", "Trung bình", "85,10", ""], ["2", "", "80", "2"]],
    )
    assert [r.entity for r in _results(doc)] == ["Sở Tư pháp"]


def test_a_date_in_the_caption_is_not_the_year():
    doc = _doc(
        "Kèm theo Quyết định ngày 12/01/2024 công bố Chỉ số CCHC năm 2023 của các sở tỉnh Nghệ An",
        ["STT", "Đơn vị", "Điểm"],
        [["1", "Sở Tư pháp", "91,00"]],
    )
    assert [r.year for r in _results(doc)] == [2023]


def test_no_index_above_the_table_gives_no_table_results():
    doc = _doc(
        "Danh sách các đơn vị năm 2023", ["STT", "Đơn vị", "Điểm"], [["1", "Sở Tư pháp", "91,00"]]
    )
    assert table_results(doc) == []


def test_rows_of_another_width_are_left_out():
    doc = _doc(
        "Chỉ số CCHC năm 2023 của các sở tỉnh Nghệ An",
        ["STT", "Đơn vị", "Điểm", "Xếp hạng"],
        [["1", "Sở Tư pháp", "91,00", "1"], ["2", "Sở Y tế", "90,00"]],
    )
    assert [r.entity for r in _results(doc)] == ["Sở Tư pháp"]


def test_plain_text_documents_are_untouched():
    doc = Document(doc_id="t", source="t", sha256="0" * 64, text="Sở Tư pháp | 91,00 | 1")
    assert table_results(doc) == []


def test_a_national_ranking_of_provinces_is_national():
    doc = _doc(
        "Bảng xếp hạng Chỉ số PAPI năm 2021 của 63 tỉnh, thành phố",
        ["STT", "Tỉnh, thành phố", "Tổng điểm", "Xếp hạng"],
        [["1", "Quảng Ninh", "46,12", "1"], ["2", "Thừa Thiên Huế", "45,80", "2"]],
    )
    got = [(r.entity, r.entity_level, r.index, r.scope, r.rank) for r in _results(doc)]
    assert got == [
        ("Quảng Ninh", "province", "PAPI", "national", 1),
        ("Thừa Thiên Huế", "province", "PAPI", "national", 2),
    ]


# -- tables written as lines of cells (HTML pages, plain text) ----------------------------



def test_header_cells_give_role_year_and_component():
    cols = table_columns(
        ("TT", "Tỉnh/thành phố", "Điểm 2023", "Điểm 2022", "Xếp hạng 2023", "Tăng/giảm bậc",
         "Chính quyền số", "Xếp loại", "Tiêu chí riêng")
    )  # fmt: skip
    assert cols == [
        Column(0, "ordinal"), Column(1, "unit"), Column(2, "score", 2023),
        Column(3, "score", 2022), Column(4, "rank", 2023), Column(5, "rank_change"),
        Column(6, "score", None, "Chính quyền số"), Column(7, "other"), None,
    ]  # fmt: skip


def test_an_html_table_gives_a_result_per_row_with_its_columns():
    page = (
        "<html><body><p>Bảng xếp hạng Chỉ số DTI cấp tỉnh năm 2023 (trích)</p><table>"
        "<tr><th>STT</th><th>Tỉnh</th><th>Tổng điểm</th><th>Xếp hạng</th>"
        "<th>Tăng/giảm bậc</th></tr>"
        "<tr><td>1</td><td>Bắc Kạn</td><td>0,6120</td><td>7/63</td><td>+4</td></tr>"
        "<tr><td>2</td><td>Trà Vinh</td><td>0,5891</td><td>12/63</td><td>-3</td></tr>"
        "<tr><td>3</td><td>Trung bình</td><td>0,5</td><td></td><td></td></tr>"
        "</table></body></html>"
    )
    text = html_to_text(page)
    recs = RulesExtractor().extract(make_doc(text)).extraction.index_results
    got = sorted((r.entity, r.year, r.score, r.rank, r.rank_total, r.rank_change) for r in recs)
    assert got == [
        ("Bắc Kạn", 2023, 0.612, 7, 63, 4),
        ("Trà Vinh", 2023, 0.5891, 12, 63, -3),
    ]
    assert all(r.index == "DTI" and r.confidence == 0.9 for r in recs)


def test_a_column_of_an_earlier_year_gives_records_of_that_year():
    text = (
        "Kết quả Chỉ số PAPI của một số địa phương\n\n"
        "| Địa phương | Điểm 2021 | Điểm 2020 |\n"
        "|---|---|---|\n"
        "| Lai Châu | 43,12 | 41,05 |\n"
        "| Hòa Bình | 42,80 | 42,99 |\n"
    )
    (table,) = text_tables(text)
    assert table.header == ("Địa phương", "Điểm 2021", "Điểm 2020")
    recs = RulesExtractor().extract(make_doc(text)).extraction.index_results
    got = sorted((r.entity, r.year, r.score) for r in recs)
    assert got == [("Hòa Bình", 2020, 42.99), ("Hòa Bình", 2021, 42.8),
                   ("Lai Châu", 2020, 41.05), ("Lai Châu", 2021, 43.12)]  # fmt: skip
    for r in recs:  # the year is read from the header line, the score from the row
        assert r.field_evidence is not None and str(r.year) in r.field_evidence["year"].quote


def test_component_columns_give_component_scores():
    text = (
        "Kết quả DTI năm 2022 theo trụ cột\n"
        "Tỉnh | Chính quyền số | Kinh tế số | Xếp hạng\n"
        "Bình Phước | 0,55 | 0,41 | 20\n"
        "Kon Tum | 0,47 | 0,39 | 31\n"
    )
    recs = RulesExtractor().extract(make_doc(text)).extraction.index_results
    got = sorted((r.entity, r.component or "", r.score, r.rank) for r in recs)
    assert got == [
        ("Bình Phước", "", None, 20), ("Bình Phước", "Chính quyền số", 0.55, None),
        ("Bình Phước", "Kinh tế số", 0.41, None), ("Kon Tum", "", None, 31),
        ("Kon Tum", "Chính quyền số", 0.47, None), ("Kon Tum", "Kinh tế số", 0.39, None),
    ]  # fmt: skip


def test_a_column_no_entry_explains_keeps_rows_below_the_cut_off():
    doc = _doc(
        "Chỉ số SIPAS năm 2024 của các huyện tỉnh Lai Châu",
        ["Đơn vị", "Điểm", "Tiêu chí phụ"],
        [["huyện Mường Tè", "88,1", "412"], ["huyện Sìn Hồ", "85,6", "398"]],
    )
    recs = _results(doc)
    assert sorted(r.score for r in recs) == [85.6, 88.1]
    assert all(r.confidence is not None and r.confidence < 0.7 for r in recs)


def test_lines_of_cells_with_an_unexplained_column_of_figures_are_left_to_the_sentences():
    text = (
        "Chỉ số SIPAS năm 2024 của các huyện\n"
        "Đơn vị | Điểm | Tiêu chí phụ\n"
        "huyện Mường Tè | 88,1 | 412\n"
        "huyện Sìn Hồ | 85,6 | 398\n"
    )
    assert len(text_tables(text)) == 1
    assert table_results(make_doc(text)) == []


def test_lines_of_cells_with_an_unexplained_column_of_words_are_read():
    text = (
        "Chỉ số SIPAS năm 2024 của các huyện tỉnh Lai Châu\n"
        "Đơn vị | Điểm | Xếp hạng | Nhận xét\n"
        "huyện Mường Tè | 88,1 | 1 | Tốt\n"
        "huyện Sìn Hồ | 85,6 | 2 | Khá\n"
    )
    recs = RulesExtractor().extract(make_doc(text)).extraction.index_results
    # the column of words holds no value; the records use only understood columns
    assert sorted((r.entity, r.score, r.rank) for r in recs) == [
        ("huyện Mường Tè", 88.1, 1), ("huyện Sìn Hồ", 85.6, 2),
    ]  # fmt: skip
    assert all(r.confidence == 0.9 for r in recs)


def test_unsigned_moves_and_dashes_give_no_change():
    text = (
        "Chỉ số CCHC năm 2023\n"
        "Tỉnh | Xếp hạng | Tăng/giảm bậc\n"
        "Hà Giang | 30 | 5\n"
        "Cao Bằng | 40 | -\n"
        "Sơn La | 50 | 0\n"
    )
    recs = RulesExtractor().extract(make_doc(text)).extraction.index_results
    assert sorted((r.entity, r.rank, r.rank_change) for r in recs) == [
        ("Cao Bằng", 40, None), ("Hà Giang", 30, None), ("Sơn La", 50, 0),
    ]  # fmt: skip


def test_page_chrome_with_pipes_is_no_table():
    text = "Trang chủ | Thời sự | Kinh tế\nChỉ số CCHC năm 2023 của tỉnh Hà Giang đạt 85,1 điểm.\n"
    assert text_tables(text) == ()
    recs = RulesExtractor().extract(make_doc(text)).extraction.index_results
    assert [(r.entity, r.score) for r in recs] == [("Hà Giang", 85.1)]


def test_columns_dated_the_tables_year_are_one_record_with_the_undated_ones():
    text = (
        "Top 3 Chỉ số PCI năm 2022\n"
        "Xếp hạng | Tỉnh | PCI 2022 | PCI 2021\n"
        "1 | Quảng Ninh | 72,95 | 73,02\n"
        "2 | Hải Phòng | 70,61 | 69,27\n"
    )
    recs = RulesExtractor().extract(make_doc(text)).extraction.index_results
    assert sorted((r.entity, r.year, r.score, r.rank) for r in recs) == [
        ("Hải Phòng", 2021, 69.27, None), ("Hải Phòng", 2022, 70.61, 2),
        ("Quảng Ninh", 2021, 73.02, None), ("Quảng Ninh", 2022, 72.95, 1),
    ]  # fmt: skip


def test_columns_the_text_calls_components_are_component_scores():
    text = (
        "Kết quả PCI năm 2020 của ba tỉnh, điểm 10 chỉ số thành phần được trích hai cột:\n\n"
        "Tỉnh | Chi phí gia nhập | Minh bạch thông tin | Điểm tổng hợp | Bảng xếp hạng | Xếp loại\n"
        "Yên Bái | 7,11 | 6,02 | 64,1 | 30 | Khá\n"
        "Hà Nam | 6,85 | 6,44 | 65,3 | 26 | Khá\n"
    )
    recs = RulesExtractor().extract(make_doc(text)).extraction.index_results
    got = sorted((r.entity, r.component or "", r.score, r.rank) for r in recs)
    assert got == [
        ("Hà Nam", "", 65.3, 26), ("Hà Nam", "Chi phí gia nhập", 6.85, None),
        ("Hà Nam", "Minh bạch thông tin", 6.44, None),
        ("Yên Bái", "", 64.1, 30), ("Yên Bái", "Chi phí gia nhập", 7.11, None),
        ("Yên Bái", "Minh bạch thông tin", 6.02, None),
    ]  # fmt: skip
    # without such words above, a column of figures no entry explains ("Chi phí gia nhập")
    # says the header is not all understood: lines of cells are left to the sentences
    plain = text.replace(", điểm 10 chỉ số thành phần được trích hai cột", "")
    assert table_results(make_doc(plain)) == []


def test_english_headers_put_their_head_last_and_numbering_is_dropped():
    cols = table_columns(("Province", "2.1: Civic Duties", "PCI Score", "PCI Ranking", "PCI Tier"),
                         parts=True)  # fmt: skip
    assert cols == [
        Column(0, "unit"), Column(1, "score", None, "Civic Duties"), Column(2, "total_score"),
        Column(3, "rank"), Column(4, "other"),
    ]  # fmt: skip


def test_a_table_of_years_gives_the_captions_unit_a_result_per_year():
    text = (
        "Nghe An in the PAPI, 2019 to 2021\n"
        "Year | Score | Ranking\n"
        "2019 | 42,1 | 30/63\n"
        "2020 | 43,35 | 21/63\n"
        "2021 | 44,02 | 15/63\n"
    )
    recs = RulesExtractor().extract(make_doc(text)).extraction.index_results
    assert sorted((r.entity, r.year, r.score, r.rank, r.rank_total) for r in recs) == [
        ("Nghệ An", 2019, 42.1, 30, 63), ("Nghệ An", 2020, 43.35, 21, 63),
        ("Nghệ An", 2021, 44.02, 15, 63),
    ]  # fmt: skip


def test_year_titled_columns_hold_that_years_scores():
    text = "Điểm số PGI của một số tỉnh\nTỉnh | 2023 | 2022\nNinh Thuận | 21,5 | 18,02\n"
    recs = RulesExtractor().extract(make_doc(text)).extraction.index_results
    assert sorted((r.entity, r.year, r.score) for r in recs) == [
        ("Ninh Thuận", 2022, 18.02), ("Ninh Thuận", 2023, 21.5),
    ]  # fmt: skip


# -- numbered ranking lists -----------------------------------------------------------------


def test_a_numbered_list_under_a_ranking_heading_gives_each_unit_its_place():
    text = (
        "Kết quả được công bố hôm qua.\n\n"
        "Top 3 xếp hạng Chỉ số SIPAS năm 2022 khối bộ\n\n"
        "1. Bộ Tư pháp\n2. Bộ Nội vụ\n3. Bộ Xây dựng\n\n"
        "Các bộ còn lại được nêu trong báo cáo.\n"
    )
    recs = RulesExtractor().extract(make_doc(text)).extraction.index_results
    assert [(r.entity, r.entity_level, r.index, r.year, r.rank) for r in recs] == [
        ("Bộ Tư pháp", "ministry", "SIPAS", 2022, 1),
        ("Bộ Nội vụ", "ministry", "SIPAS", 2022, 2),
        ("Bộ Xây dựng", "ministry", "SIPAS", 2022, 3),
    ]
    assert all(r.confidence == 0.9 for r in recs)


def test_numbered_lines_without_a_ranking_heading_are_no_ranking():
    text = (
        "Chỉ số CCHC năm 2022 được tổng hợp từ các nguồn:\n"
        "1. Bộ Nội vụ thẩm định\n2. Điều tra xã hội học\n"
    )
    recs = RulesExtractor().extract(make_doc(text)).extraction.index_results
    assert recs == []
