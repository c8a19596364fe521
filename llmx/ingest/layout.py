"""Paragraphs and tables of a PDF or DOCX to one text, with where each table lies in it.

The text is what llmx reads and what evidence offsets index: paragraphs in reading order,
separated by a blank line; a table is one line per row, its cells joined by `` | ``
("1 | Sở Tư pháp | 92,15 | 1"), so a row is its own line and a quote of it reads as the row.
The first row of a table is taken for its header; the paragraph right above a table is its
caption ("Kết quả Chỉ số CCHC năm 2023 của các sở, ban, ngành").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from llmx.core.document import TableLayout

__all__ = ["Paragraph", "Table", "Block", "Composed", "compose", "CELL_SEPARATOR"]

CELL_SEPARATOR = " | "
_SPACES = re.compile(r"\s+")


@dataclass
class Paragraph:
    text: str
    page: int = 1  # counted from 1


@dataclass
class Table:
    """A table as read from the file: rows of cell texts, the first row the header, and the
    page each row is on (a table may run over several pages)."""

    rows: list[list[str]] = field(default_factory=list)
    row_pages: list[int] = field(default_factory=list)  # empty: all on page 1

    def page_of(self, row: int) -> int:
        return self.row_pages[row] if row < len(self.row_pages) else 1


Block = Paragraph | Table


def clean_cell(text: str) -> str:
    """One line of NFC text: a cell's line breaks and runs of spaces become one space, and
    the separator's bar becomes a slash, so a row line splits back into its cells."""
    text = unicodedata.normalize("NFC", text or "")
    return _SPACES.sub(" ", text).replace("|", "/").strip()


def _clean_paragraph(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


class _Writer:
    """The text as it grows, and the offset each page's first piece starts at."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.page_starts: list[int] = []

    def _put(self, piece: str, separator: str, page: int) -> tuple[int, int]:
        if self.length:
            self.parts.append(separator)
            self.length += len(separator)
        start = self.length
        while len(self.page_starts) < page:  # a page without text starts where the next does
            self.page_starts.append(start)
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    def write(self, piece: str, page: int) -> tuple[int, int]:
        """``piece`` as a new paragraph."""
        return self._put(piece, "\n\n", page)

    def line(self, piece: str, page: int) -> tuple[int, int]:
        """``piece`` on the line after the last one (a table's next row)."""
        return self._put(piece, "\n", page)


@dataclass(frozen=True)
class Composed:
    text: str
    tables: tuple[TableLayout, ...]
    page_starts: tuple[int, ...]  # offset of each page's first character (page 1 first)


def compose(blocks: list[Block]) -> Composed:
    """The document text, its tables' layouts and its pages' starts (module docstring).
    Empty paragraphs and rows are left out; a table of one row is written as a paragraph."""
    out = _Writer()
    tables: list[TableLayout] = []
    caption: tuple[int, int] | None = None
    for block in blocks:
        if isinstance(block, Paragraph):
            para = _clean_paragraph(block.text)
            if para:
                caption = out.write(para, block.page)
            continue
        rows = [
            ([clean_cell(c) for c in row], block.page_of(i)) for i, row in enumerate(block.rows)
        ]
        rows = [(cells, page) for cells, page in rows if any(cells)]
        if len(rows) < 2:
            for cells, page in rows:
                caption = out.write(CELL_SEPARATOR.join(cells), page)
            continue
        (head, head_page), body = rows[0], rows[1:]
        header = out.write(CELL_SEPARATOR.join(head), head_page)
        spans = tuple(out.line(CELL_SEPARATOR.join(cells), page) for cells, page in body)
        tables.append(
            TableLayout(header=tuple(head), header_span=header, rows=spans, caption_span=caption)
        )
        caption = None
    return Composed("".join(out.parts), tuple(tables), tuple(out.page_starts))
