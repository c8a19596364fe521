"""A loaded source document: the NFC-normalised text that every offset refers to."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict


class TableLayout(BaseModel):
    """Where a table of a PDF or DOCX lies in ``Document.text``: ingestion writes each row as
    one line of cells joined by `` | `` ("1 | Sở Tư pháp | 92,15 | 1"); spans are
    ``(start, end)`` offsets of those lines, without the newline."""

    model_config = ConfigDict(frozen=True)

    header: tuple[str, ...]  # the header row's cells, as written
    header_span: tuple[int, int]
    rows: tuple[tuple[int, int], ...]  # body rows, in order (a multi-page table is one table)
    caption_span: tuple[int, int] | None = None  # the paragraph(s) right above the table


class Document(BaseModel):
    model_config = ConfigDict(frozen=True)

    doc_id: str  # unique per source: path relative to the run's directory, or stdin-<hash>
    source: str  # the path as the user gave it
    sha256: str  # of the raw bytes as read, before decoding and cleaning
    # Stored text; evidence offsets index into this string. For a plain-text file it is the
    # file as the user has it (own newlines) with page chrome blanked by same-length spaces,
    # so offsets are the file's; for HTML it is the text made from the markup.
    text: str
    title: str | None = None
    published: date | None = None
    # PDF and DOCX only: their tables, and for a PDF the offset each page starts at (page n,
    # counted from 1, holds offsets ``page_starts[n-1]`` up to the next page's start).
    tables: tuple[TableLayout, ...] = ()
    page_starts: tuple[int, ...] = ()
