"""PDF ingestion: text in reading order, tables one row a line with their layout, pages,
a scan without text, and the missing extra."""

from __future__ import annotations

import bisect
import subprocess
import sys
from pathlib import Path

import pytest
from support.office_docs import CAPTION, HEADER, ranking, ranking_pdf, scanned_pdf

from llmx.errors import DecodeError
from llmx.ingest import load_document
from llmx.ingest.pdf import is_pdf
from llmx.ingest.sources import Source, expand_paths
from llmx.rules.extractor import RulesExtractor

pytest.importorskip("pdfplumber")


def _load(tmp_path: Path, data: bytes, name: str = "qd.pdf"):
    path = tmp_path / name
    path.write_bytes(data)
    return load_document(Source(path=path, label=name, doc_id=name))


def _page_of(doc, offset: int) -> int:
    return bisect.bisect_right(doc.page_starts, offset)


def test_twenty_vietnamese_rows_are_one_table_of_row_lines(tmp_path):
    rows = ranking(20)
    doc = _load(tmp_path, ranking_pdf(rows))
    assert doc.text.index(CAPTION) < doc.text.index(rows[0].line)  # reading order kept
    assert doc.text.index(rows[-1].line) < doc.text.index("Giao Sở Nội vụ theo dõi")
    [table] = doc.tables
    assert list(table.header) == HEADER
    assert [doc.text[a:b] for a, b in table.rows] == [r.line for r in rows]
    assert doc.text[slice(*table.caption_span)].endswith(CAPTION)
    assert "- 1 -" not in doc.text  # the page number is no paragraph


def test_a_table_over_three_pages_is_one_table_and_offsets_map_to_pages(tmp_path):
    rows = ranking(30)
    doc = _load(tmp_path, ranking_pdf(rows, rows_per_page=12))
    [table] = doc.tables
    assert [doc.text[a:b] for a, b in table.rows] == [r.line for r in rows]
    assert doc.text.count("STT | Đơn vị") == 1  # the repeated headers are dropped
    assert len(doc.page_starts) == 3
    pages = [_page_of(doc, a) for a, _ in table.rows]
    assert pages == [1] * 12 + [2] * 12 + [3] * 6


def test_a_continued_table_without_a_repeated_header_keeps_every_row(tmp_path):
    rows = ranking(30)
    doc = _load(tmp_path, ranking_pdf(rows, rows_per_page=12, repeat_header=False))
    [table] = doc.tables
    assert [doc.text[a:b] for a, b in table.rows] == [r.line for r in rows]


def test_thirty_row_ranking_gives_thirty_correct_index_results(tmp_path):
    rows = ranking(30)
    doc = _load(tmp_path, ranking_pdf(rows, rows_per_page=16))
    results = RulesExtractor().extract(doc).extraction.index_results
    got = [(r.entity, r.score, r.rank, r.evidence.quote) for r in results]
    assert got == [(row.unit, row.score, row.rank, row.line) for row in rows]
    assert {(r.index, r.year, r.scope, r.entity_level) for r in results} == {
        ("PAR_INDEX", 2023, "province:Quảng Ninh", "department")
    }
    for r in results:
        assert doc.text[r.evidence.start : r.evidence.end] == r.evidence.quote
        assert "2023" in r.field_evidence["year"].quote


def test_a_pdf_without_text_layer_is_a_clear_error(tmp_path):
    with pytest.raises(DecodeError, match=r"scan\.pdf: no text layer \(scanned PDF\?\)$"):
        _load(tmp_path, scanned_pdf(), "scan.pdf")


def test_a_scanned_pdf_fails_alone_and_the_run_exits_non_zero(tmp_path):
    (tmp_path / "a_scan.pdf").write_bytes(scanned_pdf())
    (tmp_path / "b_ranking.pdf").write_bytes(ranking_pdf(ranking(5)))
    run = subprocess.run(
        [sys.executable, "-m", "llmx", "extract", "a_scan.pdf", "b_ranking.pdf", "--jsonl"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 1
    assert "a_scan.pdf: no text layer (scanned PDF?)" in run.stderr
    assert '"doc_id":"b_ranking.pdf"' in run.stdout.replace(" ", "")
    assert run.stdout.count('"entity"') >= 5


def test_a_directory_walk_finds_pdf_and_docx(tmp_path, monkeypatch):
    for name in ("a.pdf", "b.docx", "c.txt", "d.png"):
        (tmp_path / name).write_bytes(b"x")
    monkeypatch.chdir(tmp_path)
    assert [s.doc_id for s in expand_paths(["."])] == ["a.pdf", "b.docx", "c.txt"]


def test_without_pdfplumber_the_error_names_the_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pdfplumber", None)  # import fails
    with pytest.raises(DecodeError, match=r"pip install 'llmx\[pdf\]'"):
        _load(tmp_path, ranking_pdf(ranking(2)))


def test_only_a_file_that_starts_as_a_pdf_is_one():
    assert is_pdf(b"\n%PDF-1.7\n")
    assert not is_pdf(b"Bao cao ve dinh dang %PDF-1.7 va DOCX")


def test_a_damaged_pdf_is_a_decode_error(tmp_path):
    with pytest.raises(DecodeError, match="not a readable PDF"):
        _load(tmp_path, b"%PDF-1.4\n" + b"\x00garbage" * 50)
