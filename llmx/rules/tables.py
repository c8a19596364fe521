"""Ranking tables to index results: one result per row, the row line as its evidence.

Ingestion writes a PDF's or DOCX's tables into the text one row a line (cells joined by
`` | ``, ``llmx.ingest.layout``) and keeps each table's header and row spans in
``Document.tables``. A table is a ranking when its header names a unit column and a score or
rank column (``table_column`` entries of ``llmx/data/vocab/table.toml``: "Đơn vị", "Điểm",
"Xếp hạng"). What the rows are results of is read from the text above the table, its
caption ("Kết quả Chỉ số CCHC năm 2023 của các sở, ban, ngành"): the index named closest
above it, the year the caption gives (the year's own evidence is the caption line, so it is
grounded) and the province for the scope of departments, districts and communes.

A table whose header or context cannot be read gives nothing, and its rows are left to the
sentence rules; the rows of a ranking table are read only here.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from llmx.core.document import Document, TableLayout
from llmx.core.gazetteer import get_gazetteer
from llmx.core.numbers import parse_vn_number
from llmx.core.textnorm import fold_keep_offsets
from llmx.core.vocab import get_vocab
from llmx.rules import lexicon as lx
from llmx.rules.entities import find_entities

__all__ = ["with_table_results", "table_results", "column_roles", "CELL_SEPARATOR"]

CELL_SEPARATOR = " | "  # as llmx.ingest.layout writes rows
_CONTEXT_CHARS = 600  # how far above a table its caption and heading are looked for
# A row of a recognised ranking table states its unit and values in their own cells: the
# reading is as sure as the header is, so rows get a high, fixed confidence.
ROW_CONFIDENCE = 0.9
_SUB_PROVINCE = frozenset({"district", "commune", "department"})
_RANK_CELL = re.compile(r"\d{1,3}")
# A year as a date's or a number's part ("12/01/2024", "2023-2025") is not the table's year.
_DATE_PART = re.compile(r"[/\-.–]\s*$")

Candidate = tuple[str, dict[str, Any]]


def _role(cell: str) -> str | None:
    """What a header cell says its column holds: the label of the entry matching at its
    start, or None."""
    spans = get_vocab().find(cell, {"table_column"})
    return spans[0].label if spans and spans[0].start == 0 else None


def column_roles(header: tuple[str, ...]) -> dict[str, int] | None:
    """Column index of the unit, score and rank, or None when the table is no ranking. A
    score column is the one total score, else the one score column; two candidates for
    the same value leave it out (which one is the total cannot be told)."""
    by_role: dict[str, list[int]] = {}
    for i, cell in enumerate(header):
        role = _role(cell)
        if role is not None:
            by_role.setdefault(role, []).append(i)
    roles: dict[str, int] = {}
    units = by_role.get("unit", [])
    if len(units) != 1:
        return None
    roles["unit"] = units[0]
    score = by_role.get("total_score") or by_role.get("score") or []
    if len(score) == 1:
        roles["score"] = score[0]
    if len(by_role.get("rank", [])) == 1:
        roles["rank"] = by_role["rank"][0]
    return roles if ("score" in roles or "rank" in roles) else None


def _cells(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """The (start, end) of each cell of the row line at ``span``."""
    out = []
    start = span[0]
    while True:
        cut = text.find(CELL_SEPARATOR, start, span[1])
        if cut < 0:
            out.append((start, span[1]))
            return out
        out.append((start, cut))
        start = cut + len(CELL_SEPARATOR)


def _context_start(doc: Document, table: TableLayout) -> int:
    start = table.header_span[0] - _CONTEXT_CHARS
    if table.caption_span is not None:
        start = min(start, table.caption_span[0])
    return max(0, start)


def _index_above(folded: str, start: int, end: int) -> str | None:
    """The index named closest above the table (``folded[start:end]``)."""
    best: tuple[int, str] | None = None
    for rx, code in lx.INDEX_RE:
        for m in rx.finditer(folded, start, end):
            if best is None or m.start() > best[0]:
                best = (m.start(), code)
    return best[1] if best else None


def _year_above(folded: str, start: int, end: int) -> int | None:
    """The position of the year of the caption: the first one "năm YYYY" or a bare year not
    part of a date, in the caption if there is one, else the last above the table."""
    found = [
        m.start(1) if m.group(1) else m.start(2)
        for m in lx.YEAR_RE.finditer(folded, start, end)
        if m.group(1) or not _DATE_PART.search(folded[max(0, m.start(2) - 2) : m.start(2)])
    ]
    return found[0] if found else None


def _line_span(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _province_above(text: str, start: int, end: int) -> str | None:
    """The province named closest above the table, else the one the text names most."""
    above = get_gazetteer().find(text[start:end])
    if above:
        return above[-1].item.name
    counts = Counter(m.item.name for m in get_gazetteer().find(text))
    return min(counts, key=lambda n: (-counts[n], n)) if counts else None


def _unit(text: str, cell: tuple[int, int]) -> tuple[str, str | None, str | None]:
    """(name, level or None when not recognised, province) of the unit in a cell."""
    raw = text[cell[0] : cell[1]].strip()
    found = find_entities(raw)
    if found:
        e = found[0]
        return e.name, e.level, e.province
    return raw, None, None


def _is_summary(cell: str) -> bool:
    spans = get_vocab().find(cell, {"table_column"}, labels={"summary"})
    return bool(spans) and spans[0].start == 0


def _number(text: str, cell: tuple[int, int]) -> str:
    return text[cell[0] : cell[1]].strip()


def _scope(level: str, province: str | None) -> str:
    if level in _SUB_PROVINCE and province:
        return f"province:{province}"
    return "national"


def _row_values(
    text: str, cells: list[tuple[int, int]], roles: dict[str, int]
) -> tuple[float | None, int | None]:
    score = rank = None
    if "score" in roles:
        score = parse_vn_number(_number(text, cells[roles["score"]]))
    if "rank" in roles:
        raw = _number(text, cells[roles["rank"]])
        rank = int(raw) if _RANK_CELL.fullmatch(raw) and int(raw) > 0 else None
    return score, rank


def _table_candidates(doc: Document, folded: str, table: TableLayout) -> list[Candidate]:
    roles = column_roles(table.header)
    if roles is None:
        return []
    text = doc.text
    above = _context_start(doc, table), table.header_span[0]
    index = _index_above(folded, *above)
    if index is None:
        return []
    caption = table.caption_span or above
    year_at = _year_above(folded, *caption)
    if year_at is None and table.caption_span is not None:
        year_at = _year_above(folded, *above)
    year = int(text[year_at : year_at + 4]) if year_at is not None else None
    year_evidence = None
    if year_at is not None:
        ys, ye = _line_span(text, year_at)
        year_evidence = {"quote": text[ys:ye], "start": ys, "end": ye}
    province = _province_above(text, *above)
    rows = []
    for span in table.rows:
        cells = _cells(text, span)
        if len(cells) != len(table.header):
            continue  # a merged or split row: its cells cannot be told apart
        unit_cell = cells[roles["unit"]]
        if not text[unit_cell[0] : unit_cell[1]].strip() or _is_summary(
            text[unit_cell[0] : unit_cell[1]]
        ):
            continue
        score, rank = _row_values(text, cells, roles)
        if score is None and rank is None:
            continue
        rows.append((span, _unit(text, unit_cell), score, rank))
    # A unit the gazetteer does not know is of the kind its table ranks (the others' level).
    levels = Counter(level for _, (_, level, _), _, _ in rows if level is not None)
    usual = min(levels, key=lambda lv: (-levels[lv], lv)) if levels else "other"
    out: list[Candidate] = []
    for span, (name, level, own_province), score, rank in rows:
        level = level or usual
        rec: dict[str, Any] = {
            "entity": name,
            "entity_level": level,
            "index": index,
            "component": None,
            "year": year,
            "score": score,
            "score_unit": "points" if score is not None else None,
            "rank": rank,
            "rank_total": None,
            "rank_change": None,
            "score_change": None,
            "scope": _scope(level, own_province or province),
            "is_target": False,
            "confidence": ROW_CONFIDENCE,
            "evidence": {"quote": text[span[0] : span[1]], "start": span[0], "end": span[1]},
        }
        if year_evidence is not None:
            rec["field_evidence"] = {"year": year_evidence}
        out.append(("index_results", rec))
    return out


def table_results(doc: Document) -> list[tuple[TableLayout, list[Candidate]]]:
    """Each ranking table of ``doc`` with its rows' index-result candidates."""
    if not doc.tables:
        return []
    folded = fold_keep_offsets(doc.text)
    out = []
    for table in doc.tables:
        found = _table_candidates(doc, folded, table)
        if found:
            out.append((table, found))
    return out


def with_table_results(doc: Document, candidates: list[Candidate]) -> list[Candidate]:
    """``candidates`` with what the sentence rules read inside ranking tables replaced by
    the tables' own results, in document order."""
    tables = table_results(doc)
    if not tables:
        return candidates
    spans = [(t.header_span[0], t.rows[-1][1]) for t, _ in tables]
    kept = [c for c in candidates if not any(a <= c[1]["evidence"]["start"] < b for a, b in spans)]
    for _, found in tables:
        kept += found
    return sorted(kept, key=lambda c: c[1]["evidence"]["start"])
