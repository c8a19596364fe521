"""DOCX to paragraphs and tables, in the order the document body holds them (python-docx,
the optional extra ``docx``). Headers, footers, comments and text boxes are not read."""

from __future__ import annotations

import io
from typing import Any

from llmx.errors import DecodeError
from llmx.ingest.layout import Block, Paragraph, Table

__all__ = ["read_docx", "is_docx"]

_ZIP_MAGIC = b"PK\x03\x04"
_DOCX_PART = b"word/document.xml"


def is_docx(raw: bytes) -> bool:
    """A ZIP archive that holds a Word document part (its name is stored uncompressed in
    the archive's entries, so it can be seen in the bytes)."""
    return raw.startswith(_ZIP_MAGIC) and _DOCX_PART in raw


def _row_cells(row: Any) -> list[str]:
    """A row's cells, a merged cell once (python-docx repeats it for each grid column)."""
    cells: list[str] = []
    last = None
    for cell in row.cells:
        if cell._tc is last:  # the same merged cell again
            continue
        last = cell._tc
        cells.append(cell.text)
    return cells


def _table(table: Any) -> Table:
    return Table(rows=[_row_cells(row) for row in table.rows])


def read_docx(raw: bytes, label: str) -> list[Block]:
    """The blocks of a DOCX file. DecodeError when python-docx is missing or the file is
    not a readable Word document."""
    try:
        import docx
        from docx.table import Table as DocxTable
    except ImportError:
        raise DecodeError(
            f"{label}: reading DOCX needs python-docx: pip install 'llmx[docx]'"
        ) from None
    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise DecodeError(f"{label}: not a readable DOCX file ({type(exc).__name__})") from None
    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, DocxTable):
            blocks.append(_table(item))
        else:
            blocks.append(Paragraph(item.text))
    return blocks
