"""Read one source into a Document: bytes -> text -> (HTML to text) -> chrome hidden.

What offsets index (``Document.text``):

- a plain-text file (``.txt``, ``.md``, stdin): the file as the user has it, decoded and
  NFC-normalised with its own newlines (CRLF kept), chrome lines blanked with spaces of the
  same length (``clean.mask_chrome``), so ``quote == file_text[start:end]`` holds;
- HTML (by name, or a text file that is markup: ``html.looks_like_html``): the text made
  from it, chrome lines dropped; ``llmx extract --jsonl --with-text`` shows it;
- PDF and DOCX (by their first bytes, whatever the name): the text made from their
  paragraphs and tables (``llmx.ingest.layout``: a table row is one line, cells joined by
  `` | ``), with the tables' layout in ``Document.tables`` and, for a PDF, the offset each
  page starts at in ``Document.page_starts`` (how a quote maps back to its page).
"""

from __future__ import annotations

import hashlib
import sys
from typing import BinaryIO

from llmx.core.document import Document
from llmx.errors import DecodeError
from llmx.ingest.clean import ChromeMask, strip_chrome
from llmx.ingest.decode import decode_pieces, normalize_newlines
from llmx.ingest.docx import is_docx, read_docx
from llmx.ingest.html import html_to_text, looks_like_html
from llmx.ingest.layout import compose
from llmx.ingest.metadata import extract_published, extract_title
from llmx.ingest.pdf import is_pdf, read_pdf
from llmx.ingest.sources import Source

__all__ = ["load_document", "source_sha256", "DEFAULT_MAX_BYTES"]

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
_HTML_SUFFIXES = frozenset({".html", ".htm"})


def _too_large(name: str, max_bytes: int) -> DecodeError:
    return DecodeError(f"{name}: file larger than {max_bytes / (1024 * 1024):g} MB")


_READ_CHUNK = 1 << 20


def _read_stream(stream: BinaryIO, limit: int) -> bytes:
    """At most ``limit`` bytes, read in chunks into a buffer that grows in place: a read
    of ``limit`` bytes at once would allocate all of ``limit`` however little comes."""
    buf = bytearray()
    while len(buf) < limit:
        chunk = stream.read(min(_READ_CHUNK, limit - len(buf)))
        if not chunk:
            break
        buf += chunk
    return buf  # type: ignore[return-value]  # a bytearray reads as bytes everywhere here


def _read(source: Source, max_bytes: int) -> bytes:
    if source.path is None:
        raw = _read_stream(sys.stdin.buffer, max_bytes + 1)
        if len(raw) > max_bytes:
            raise _too_large(source.label, max_bytes)
        return raw
    try:
        size = source.path.stat().st_size
        if size > max_bytes:
            raise _too_large(source.label, max_bytes)
        with source.path.open("rb") as fh:
            raw = fh.read(size + 1)  # one byte more tells that it has grown since stat()
            if len(raw) > size:
                raw += _read_stream(fh, max_bytes + 1 - len(raw))
    except OSError as exc:
        raise DecodeError(f"{source.label}: cannot read: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        raise _too_large(source.label, max_bytes)
    return raw


def _sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def source_sha256(source: Source, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """``load_document(source).sha256`` without decoding or cleaning: enough to tell whether
    a stored extraction is current. Raises DecodeError as ``load_document`` would for a file
    that cannot be read."""
    return _sha256(_read(source, max_bytes))


def load_document(source: Source, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Load, decode and clean one source. Raises DecodeError (an InputError) for files that
    are too large, unreadable, empty, binary or in an unknown encoding."""
    raw = _read(source, max_bytes)
    sha256 = _sha256(raw)
    if is_pdf(raw) or is_docx(raw):
        return _load_office(source, raw, sha256)
    # Plain text is decoded and masked a piece at a time into one string that grows in
    # place, so a large file costs its bytes plus its text (the memory benchmark).
    pieces = decode_pieces(raw, source.label, keep_newlines=True)
    text = next(pieces)
    is_html_name = source.path is not None and source.path.suffix.lower() in _HTML_SUFFIXES
    if is_html_name or looks_like_html(text):
        for piece in pieces:
            text += piece
        del raw
        text = strip_chrome(html_to_text(normalize_newlines(text)))
    else:
        mask = ChromeMask()
        text = mask.apply(text)
        for piece in pieces:
            text += mask.apply(piece)
        del raw
    if not text or text.isspace():  # strip() would copy the whole text
        raise DecodeError(f"{source.label}: empty file (no text left after cleaning)")
    return Document(
        doc_id=source.id_for(sha256),
        source=source.label,
        sha256=sha256,
        text=text,
        title=extract_title(text),
        published=extract_published(text),
    )


def _load_office(source: Source, raw: bytes, sha256: str) -> Document:
    """A PDF or DOCX file as a Document with its tables (and pages)."""
    blocks = read_pdf(raw, source.label) if is_pdf(raw) else read_docx(raw, source.label)
    composed = compose(blocks)
    if not composed.text.strip():
        raise DecodeError(f"{source.label}: empty file (no text in it)")
    return Document(
        doc_id=source.id_for(sha256),
        source=source.label,
        sha256=sha256,
        text=composed.text,
        title=extract_title(composed.text),
        published=extract_published(composed.text),
        tables=composed.tables,
        page_starts=composed.page_starts if is_pdf(raw) else (),
    )
