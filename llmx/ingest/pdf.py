"""PDF to paragraphs and tables, page by page (pdfplumber, the optional extra ``pdf``).

On each page, ruled tables are found by their lines and read cell by cell; the text above,
between and below them is read as paragraphs, top to bottom. A table whose next page opens
with a table of as many columns goes on there (a repeated header row is dropped), so a
ranking that runs over pages is one table. A line that is only a page number is left out.

Offsets index the text made here (``llmx.ingest.layout``); ``Document.page_starts`` maps an
offset back to its page: the page of offset ``o`` is the number of page starts ``<= o``.
"""

from __future__ import annotations

import io
import re
from typing import Any

from llmx.errors import DecodeError
from llmx.ingest.layout import Block, Paragraph, Table

__all__ = ["read_pdf", "is_pdf", "NO_TEXT_LAYER"]

_PDF_MAGIC = b"%PDF-"
_PAGE_NUMBER = re.compile(r"[\s\-–—.]*(?:trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?[\s\-–—.]*", re.I)
NO_TEXT_LAYER = "no text layer (scanned PDF?)"


def is_pdf(raw: bytes) -> bool:
    """A PDF starts with ``%PDF-`` (after blank bytes some writers put first); a text that
    merely mentions the marker further on is no PDF."""
    return raw[:1024].lstrip(b" \t\r\n\x00").startswith(_PDF_MAGIC)


def _outside(boxes: list[tuple[float, float, float, float]]) -> Any:
    def keep(obj: dict[str, Any]) -> bool:
        x = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
        y = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    return keep


def _band_text(page: Any, top: float, bottom: float, boxes: list[Any]) -> str:
    """The text of the page between ``top`` and ``bottom`` that lies in no table."""
    if bottom <= top:
        return ""
    band = page.crop((0, top, page.width, bottom), strict=False).filter(_outside(boxes))
    text = band.extract_text() or ""
    lines = [line for line in text.split("\n") if not _PAGE_NUMBER.fullmatch(line)]
    return "\n".join(lines)


def _page_blocks(page: Any, page_no: int) -> list[Block]:
    """A page's paragraphs and tables, top to bottom."""
    found = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    boxes = [t.bbox for t in found]
    blocks: list[Block] = []
    y = 0.0
    for table in found:
        text = _band_text(page, y, table.bbox[1], boxes)
        if text.strip():
            blocks.append(Paragraph(text, page_no))
        rows = [[cell or "" for cell in row] for row in table.extract()]
        blocks.append(Table(rows=rows, row_pages=[page_no] * len(rows)))
        y = table.bbox[3]
    text = _band_text(page, y, page.height, boxes)
    if text.strip():
        blocks.append(Paragraph(text, page_no))
    return blocks


def _continues(prev: Block | None, table: Table) -> bool:
    return (
        isinstance(prev, Table)
        and bool(prev.rows)
        and bool(table.rows)
        and len(prev.rows[0]) == len(table.rows[0])
    )


def _join_pages(pages: list[list[Block]]) -> list[Block]:
    """The pages' blocks in order, a table that a page opens with joined to the table the
    page before ended with when their columns agree."""
    out: list[Block] = []
    for blocks in pages:
        for i, block in enumerate(blocks):
            prev = out[-1] if out else None
            if i == 0 and isinstance(block, Table) and _continues(prev, block):
                assert isinstance(prev, Table)
                rows, row_pages = block.rows, block.row_pages
                if [c.strip() for c in rows[0]] == [c.strip() for c in prev.rows[0]]:
                    rows, row_pages = rows[1:], row_pages[1:]  # the header, repeated
                prev.rows.extend(rows)
                prev.row_pages.extend(row_pages)
                continue
            out.append(block)
    return out


def read_pdf(raw: bytes, label: str) -> list[Block]:
    """The blocks of a PDF file. DecodeError when pdfplumber is missing, the file is not a
    readable PDF, or no page has any text (a scan without OCR)."""
    try:
        import pdfplumber
    except ImportError:
        raise DecodeError(
            f"{label}: reading PDF needs pdfplumber: pip install 'llmx[pdf]'"
        ) from None
    try:
        with pdfplumber.open(io.BytesIO(raw)) as pdf:
            if not any(page.chars for page in pdf.pages):
                raise DecodeError(f"{label}: {NO_TEXT_LAYER}")
            pages = [_page_blocks(page, n) for n, page in enumerate(pdf.pages, start=1)]
    except DecodeError:
        raise
    except Exception as exc:  # pdfminer raises many kinds for a damaged file
        raise DecodeError(f"{label}: not a readable PDF file ({type(exc).__name__})") from None
    return _join_pages(pages)
