"""A document's text with its evidence spans as ``<mark>`` elements, always validly nested.

Spans overlap (a record's sentence holds another record's field quote; two records share a
sentence), and HTML elements cannot: ``<mark>a<mark>b</mark>c</mark>`` nests, a half-overlap
does not. So the text is cut at every span boundary; each piece is wrapped in the marks of
every span covering it, outermost (earliest start, then longest) first, and closed in reverse.
A span cut into several pieces gives several marks with the same ``data-record-id``, numbered
by ``data-part``. All text and attribute values are escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True, order=True)
class Span:
    """One highlighted span: ``text[start:end]`` of a record (``record_id``), its record
    type (the CSS class), and the field it evidences (None: the record's own evidence)."""

    start: int
    end: int
    record_id: str
    record_type: str
    field: str | None = None


def _boundaries(spans: list[Span], length: int) -> list[int]:
    cuts = {0, length}
    for s in spans:
        cuts.add(s.start)
        cuts.add(s.end)
    return sorted(c for c in cuts if 0 <= c <= length)


def _outer_first(span: Span) -> tuple[int, int, str, str]:
    return (span.start, -span.end, span.record_id, span.field or "")


def _open_tag(span: Span, part: int, title: str | None) -> str:
    kind = "field" if span.field is not None else "ev"
    attrs = [
        f'class="{escape(kind)} t-{escape(span.record_type)}"',
        f'data-record-id="{escape(span.record_id)}"',
        f'data-part="{part}"',
    ]
    if span.field is not None:
        attrs.append(f'data-field="{escape(span.field)}"')
    if title is not None:
        attrs.append(f'title="{escape(title)}"')
    return "<mark " + " ".join(attrs) + ">"


def marked_text(text: str, spans: list[Span], titles: dict[str, str] | None = None) -> str:
    """``text`` as escaped HTML with every span of ``spans`` (offsets into ``text``; empty or
    out-of-range spans are left out) as ``<mark>`` pieces; ``titles``: hover text per
    record id."""
    titles = titles or {}
    usable = sorted(s for s in spans if 0 <= s.start < s.end <= len(text))
    cuts = _boundaries(usable, len(text))
    parts: dict[Span, int] = {}
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = sorted((s for s in usable if s.start <= a and s.end >= b), key=_outer_first)
        for s in covering:
            out.append(_open_tag(s, parts.get(s, 0), titles.get(s.record_id)))
            parts[s] = parts.get(s, 0) + 1
        out.append(escape(text[a:b], quote=False))
        out.append("</mark>" * len(covering))
    return "".join(out)
