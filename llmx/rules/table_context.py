"""Where a ranking table's rows get what the cells do not say: the index, the year and the
unit a table is about, from its header, its caption, the text above it or the headline;
the scope of its units; the evidence spans; how sure a table's reading is. Used by
``llmx.rules.tables`` and ``llmx.rules.table_lists``."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from llmx.core.document import Document, TableLayout
from llmx.core.gazetteer import get_gazetteer
from llmx.rules import lexicon as lx
from llmx.rules.entities import find_entities

CONTEXT_CHARS = 600  # how far above a table its caption and heading are looked for


# A row of a recognised ranking table states its unit and values in their own cells: the
# reading is as sure as the header is, so rows get a high, fixed confidence.
ROW_CONFIDENCE = 0.9


# A header with a column no entry explains ("Tiêu chí 3") that could hold what the record
# lacks (its rank, its score): the record is read, below the cut-off.
PARTLY_READ_CONFIDENCE = 0.6


_SUB_PROVINCE = frozenset({"district", "commune", "department"})


# A year as a date's or a number's part ("12/01/2024", "2023-2025") is not the table's year.
_DATE_PART = re.compile(r"[/\-.–]\s*$")


Candidate = tuple[str, dict[str, Any]]


def context_start(doc: Document, table: TableLayout) -> int:
    start = table.header_span[0] - CONTEXT_CHARS
    if table.caption_span is not None:
        start = min(start, table.caption_span[0])
    return max(0, start)


def table_index(folded: str, table: TableLayout, above: tuple[int, int]) -> str | None:
    """The index a table ranks: the one its header names ("Chỉ số CCHC 2020", "Điểm PCI"),
    the strongest sign, when it names one; else the one its caption names; else the one
    named closest above it."""
    named = {code for rx, code in lx.INDEX_RE if rx.search(folded, *table.header_span)}
    if len(named) == 1:
        return named.pop()
    caption = table.caption_span
    found = (caption and index_above(folded, *caption)) or index_above(folded, *above)
    if found is not None:
        return found
    # A table far below its heading ("Bảng 1" under a long lead): the one index the text
    # above it names, when it names only one.
    earlier = {code for rx, code in lx.INDEX_RE if rx.search(folded, 0, above[1])}
    return earlier.pop() if len(earlier) == 1 else None


def index_above(folded: str, start: int, end: int) -> str | None:
    """The index named closest above the table (``folded[start:end]``)."""
    best: tuple[int, str] | None = None
    for rx, code in lx.INDEX_RE:
        for m in rx.finditer(folded, start, end):
            if best is None or m.start() > best[0]:
                best = (m.start(), code)
    return best[1] if best else None


# "tháng 5/2024", "quý I/2023", "tuần 03/2024": a period's year, not part of a day's date.
_PERIOD_BEFORE = re.compile(r"\b(?:thang|quy|tuan|month|quarter|week)\s+(?:\d{1,2}|[ivx]+)\s*/\s*$")


def year_above(folded: str, start: int, end: int) -> int | None:
    """The position of the year of the caption: the first one "năm YYYY" or a bare year not
    part of a date, in the caption if there is one, else the last above the table."""
    found = [
        m.start(1) if m.group(1) else m.start(2)
        for m in lx.YEAR_RE.finditer(folded, start, end)
        if m.group(1)
        or not _DATE_PART.search(folded[max(0, m.start(2) - 2) : m.start(2)])
        or _PERIOD_BEFORE.search(folded, max(0, m.start(2) - 14), m.start(2))
    ]
    return found[0] if found else None


def line_span(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def province_above(text: str, start: int, end: int) -> str | None:
    """The province named closest above the table, else the one the text names most."""
    above = get_gazetteer().find(text[start:end])
    if above:
        return above[-1].item.name
    counts = Counter(m.item.name for m in get_gazetteer().find(text))
    return min(counts, key=lambda n: (-counts[n], n)) if counts else None


# A footnote mark after a unit's name ("Quảng Nam²", "Sở Y tế (*)", "Hà Nam*").
_UNIT_FOOTNOTE = re.compile(r"\s*(?:\(\*+\)|\*+|[†¹²³⁴⁵⁶⁷⁸⁹⁰]+)$")


def unit_of(text: str, cell: tuple[int, int]) -> tuple[str, str | None, str | None]:
    """(name, level or None when not recognised, province) of the unit in a cell."""
    raw = _UNIT_FOOTNOTE.sub("", text[cell[0] : cell[1]].strip())
    found = find_entities(raw)
    if found:
        e = found[0]
        return e.name, e.level, e.province
    return raw, None, None


def below_province(level: str | None) -> bool:
    """Whether a unit of ``level`` is ranked inside a province (its scope names one)."""
    return level in _SUB_PROVINCE


def scope_of(level: str, province: str | None) -> str:
    if below_province(level) and province:
        return f"province:{province}"
    return "national"


def span_evidence(text: str, span: tuple[int, int]) -> dict[str, Any]:
    """The evidence of ``text[span]``, the spaces around it left out (a quote is trimmed)."""
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return {"quote": text[start:end], "start": start, "end": end}


def caption_year(
    text: str, folded: str, table: TableLayout, caption: tuple[int, int], above: tuple[int, int]
) -> tuple[int | None, dict[str, Any] | None]:
    """The year the caption gives the table, else the text above it, else the headline (an
    article about one edition dates its undated tables by it), and its line as the year's
    evidence."""
    year_at = year_above(folded, *caption)
    if year_at is None and table.caption_span is not None:
        year_at = year_above(folded, *above)
    if year_at is None:
        year_at = year_above(folded, *line_span(text, 0))
    if year_at is None:
        return None, None
    return int(text[year_at : year_at + 4]), span_evidence(text, line_span(text, year_at))


def head_unit(cell: str) -> Unit | None:
    """The unit a header cell is, when the cell is that unit's name and nothing more."""
    raw = cell.strip()
    found = find_entities(raw)
    if len(found) != 1 or found[0].end - found[0].start < len(raw) - 1:
        return None
    e = found[0]
    return e.name, e.level, e.province


Unit = tuple[str, str | None, str | None]  # name, level, province


def subject_above(text: str, caption: tuple[int, int], above: tuple[int, int]) -> Unit | None:
    """The one unit a table of years is about: the caption's, else that of the nearest line
    above that names exactly one unit ("Chỉ số thành phần PCI Quảng Ninh")."""
    found = caption_unit(text, caption)
    end = caption[0]
    while found is None and end > above[0]:
        start = max(above[0], text.rfind("\n", above[0], max(above[0], end - 1)) + 1)
        if text[start:end].strip():
            found = caption_unit(text, (start, end))
        end = start - 1 if start > above[0] else above[0]
    return found


def caption_unit(text: str, caption: tuple[int, int]) -> tuple[str, str | None, str | None] | None:
    """The one unit a caption names ("Thừa Thiên Huế qua các năm"), or None."""
    found = {(e.name, e.level, e.province) for e in find_entities(text, caption[0], caption[1])}
    return next(iter(found)) if len(found) == 1 else None


# The patterns above, with the first-character guard and the required-text filter
# (llmx.core.scanre): same matches, fewer tries.
from llmx.core.scanre import guard_patterns  # noqa: E402 - after the patterns it guards

guard_patterns(globals())
