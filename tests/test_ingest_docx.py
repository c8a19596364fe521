"""DOCX ingestion: paragraphs and tables in body order, merged cells once, the ranking
table's rows as index results, and the missing extra."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from support.office_docs import CAPTION, HEADER, ranking, ranking_docx

from llmx.errors import DecodeError
from llmx.ingest import load_document
from llmx.ingest.sources import Source
from llmx.rules.extractor import RulesExtractor

docx = pytest.importorskip("docx")


def _load(tmp_path: Path, data: bytes, name: str = "qd.docx"):
    path = tmp_path / name
    path.write_bytes(data)
    return load_document(Source(path=path, label=name, doc_id=name))


def test_paragraphs_and_table_keep_body_order(tmp_path):
    rows = ranking(20)
    doc = _load(tmp_path, ranking_docx(rows))
    text = doc.text
    order = [text.index(CAPTION), text.index(rows[0].line), text.index(rows[-1].line)]
    assert order == sorted(order) and text.index("Giao Sở Nội vụ") > order[-1]
    [table] = doc.tables
    assert list(table.header) == HEADER
    assert [text[a:b] for a, b in table.rows] == [r.line for r in rows]
    assert text[slice(*table.caption_span)] == CAPTION
    assert doc.page_starts == ()  # a DOCX has no fixed pages


def test_thirty_row_ranking_gives_thirty_correct_index_results(tmp_path):
    rows = ranking(30)
    doc = _load(tmp_path, ranking_docx(rows))
    results = RulesExtractor().extract(doc).extraction.index_results
    got = [(r.entity, r.score, r.rank, r.evidence.quote) for r in results]
    assert got == [(row.unit, row.score, row.rank, row.line) for row in rows]
    assert {(r.index, r.year, r.scope, r.entity_level) for r in results} == {
        ("PAR_INDEX", 2023, "province:Quảng Ninh", "department")
    }


def test_a_merged_cell_is_read_once(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Đơn vị"
    table.cell(0, 2).text = "Điểm"
    for c, value in enumerate(["Sở Y tế", "x", "90,1"]):
        table.cell(1, c).text = value
    buf = io.BytesIO()
    document.save(buf)
    doc = _load(tmp_path, buf.getvalue())
    assert list(doc.tables[0].header) == ["Đơn vị", "Điểm"]
    assert doc.text.splitlines()[-1] == "Sở Y tế | x | 90,1"


def test_a_docx_is_known_by_its_bytes_whatever_its_name(tmp_path):
    doc = _load(tmp_path, ranking_docx(ranking(3)), name="qd.bin")
    assert len(doc.tables) == 1


def test_without_python_docx_the_error_names_the_extra(tmp_path, monkeypatch):
    data = ranking_docx(ranking(2))
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(DecodeError, match=r"qd\.docx: .*pip install 'llmx\[docx\]'"):
        _load(tmp_path, data)
