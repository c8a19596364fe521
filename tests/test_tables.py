"""Ranking tables to index results (llmx.rules.tables), on documents built in memory: what
makes a table a ranking, where its index, year and scope come from, which rows count."""

from __future__ import annotations

from llmx.core.document import Document
from llmx.ingest.layout import Paragraph, Table, compose
from llmx.rules.extractor import RulesExtractor
from llmx.rules.tables import column_roles, table_results


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
