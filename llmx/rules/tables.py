"""Ranking tables to index results: one result per row, the row line as its evidence.

Ingestion writes a PDF's or DOCX's tables into the text one row a line (cells joined by
`` | ``, ``llmx.ingest.layout``) and keeps each table's header and row spans in
``Document.tables``. A table is a ranking when its header names a unit column and a score or
rank column (``table_column`` entries of ``llmx/data/vocab/table.toml``: "Đơn vị", "Điểm",
"Xếp hạng"). What the rows are results of is read from the text above the table, its
caption ("Kết quả Chỉ số CCHC năm 2023 của các sở, ban, ngành"): the index named closest
above it, the year the caption gives (the year's own evidence is the caption line, so it is
grounded) and the province for the scope of departments, districts and communes.

Columns are read from the header alone (``table_columns``): each cell's role (unit, score,
rank, rank change, score change, a column of no result such as a grade), the year it names
("Điểm 2022", "Xếp hạng năm 2023": an earlier edition's values get records of that year)
and the component it names ("Chính quyền số": that component's score). The columns of one
year and component make one record per row. A row's confidence says how well the header is
understood: every column has a role, or some column is left unexplained.

Numbered ranking lists ("1. Bộ Tài chính" lines under "Top 10 xếp hạng DTI năm 2020") are
one-column rankings: ``list_results`` gives each line's unit its place.

Tables of HTML pages and plain text come as lines of cells too (``llmx.ingest.html`` joins
cells with `` | ``; text may frame them as "| a | b |"): ``text_tables`` finds such blocks
of lines with one cell count, the first line the header, when the document carries none.

A table whose header or context cannot be read gives nothing, and its rows are left to the
sentence rules; the rows of a ranking table are read only here.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from llmx.core.document import Document, TableLayout
from llmx.core.gazetteer import get_gazetteer
from llmx.core.numbers import parse_vn_number
from llmx.core.textnorm import fold, fold_keep_offsets
from llmx.core.vocab import get_vocab
from llmx.rules import lexicon as lx
from llmx.rules.entities import find_entities

__all__ = [
    "with_table_results", "table_results", "column_roles", "table_columns", "text_tables",
    "Column", "CELL_SEPARATOR",
]  # fmt: skip

CELL_SEPARATOR = " | "  # as llmx.ingest.layout writes rows
_CONTEXT_CHARS = 600  # how far above a table its caption and heading are looked for
# A row of a recognised ranking table states its unit and values in their own cells: the
# reading is as sure as the header is, so rows get a high, fixed confidence.
ROW_CONFIDENCE = 0.9
# A header with a column no entry explains ("Tiêu chí 3"): the rows are read, but that column
# may hold what the record should (a second score, the real rank), so below the cut-off.
PARTLY_READ_CONFIDENCE = 0.6
_VALUE_ROLES = ("total_score", "score", "rank", "rank_change", "score_change")
_HEADER_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_RANK_WITH_TOTAL = re.compile(r"(\d{1,3})\s*/\s*(\d{1,3})")
_SIGNED = re.compile(r"([+\-−–↑↓▲▼])?\s*(\d+(?:[.,]\d+)?)")
_HOLD_CELL = re.compile(r"0|giữ nguyên|không đổi|unchanged")  # "-" is no data, not a hold
_SEPARATOR_LINE = re.compile(r"[\s|:\-–—=+]*")
_SUB_PROVINCE = frozenset({"district", "commune", "department"})
_RANK_CELL = re.compile(r"\d{1,3}")
# A year as a date's or a number's part ("12/01/2024", "2023-2025") is not the table's year.
_DATE_PART = re.compile(r"[/\-.–]\s*$")

Candidate = tuple[str, dict[str, Any]]


def _role(cell: str) -> str | None:
    """What a header cell says its column holds: the label of the entry matching at its
    start, or None. English puts the head last: "PCI Ranking" and "PCI Tier" are a rank
    and a grade column, "PCI Score" the total score."""
    spans = get_vocab().find(cell, {"table_column"})
    if not spans or spans[0].start != 0:
        return None
    head = spans[0].label
    if head == "total_score" and len(spans) > 1 and spans[-1].label in ("rank", "other"):
        return spans[-1].label
    return head


_BARE_YEAR = re.compile(r"\s*(?:năm\s+|year\s+)?((?:19|20)\d\d)\s*", re.IGNORECASE)
_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*|[IVX]+)\s*[:.)–-]\s*")
_GENERIC_LEAD = re.compile(
    r"^(?:chỉ số thành phần|chỉ số|lĩnh vực|trụ cột|dimension|pillar)\s*\d*\s*[:.–-]?\s*",
    re.IGNORECASE,
)
# Words above a table that say its columns are an index's parts ("10 chỉ số thành phần", "the
# ten subindices", "its four sub-dimensions"): a column no entry names is then a component.
_PARTS_ABOVE = re.compile(
    r"\bsub-?(?:indices|index|indexes|dimensions?|pillars?)\b|\bpillars\b|\bdimensions?\b"
)


def _component_name(cell: str) -> str:
    """A component column's name as the text writes it, numbering and generic lead dropped
    ("1.1: Civic Knowledge" → "Civic Knowledge")."""
    return _GENERIC_LEAD.sub("", _NUMBERING.sub("", cell)).strip()


@dataclass(frozen=True, slots=True)
class Column:
    """One header cell read: where it is, what it holds, for which year and component."""

    at: int
    role: str  # a table_column label: unit, total_score, score, rank, rank_change, ...
    year: int | None = None  # the year the header names, None: the table's year
    component: str | None = None  # the component the header names, None: the whole index


def _component(cell: str) -> str | None:
    """The known component a header cell names (lexicon.COMPONENT_INDICES), the longest."""
    folded = fold(cell).lower()
    found = [c for c in lx.COMPONENT_INDICES if fold(c).lower() in folded]
    return max(found, key=lambda c: (len(c), c)) if found else None


def table_columns(header: tuple[str, ...], parts: bool = False) -> list[Column | None]:
    """Each header cell read as a Column, None where nothing explains it. A cell that is a
    year ("2023", "Năm 2023") titles that year's scores; one that names a known component,
    or any other cell when the text above says the columns are components (``parts``),
    that component's score, named as the header writes it."""
    out: list[Column | None] = []
    for i, cell in enumerate(header):
        role = _role(cell)
        bare_year = _BARE_YEAR.fullmatch(cell)
        if bare_year is not None and role in (None, "year"):
            out.append(Column(i, "score", int(bare_year.group(1))))
            continue
        known = _component(cell) if role in (None, "other", "score") else None
        if role in (None, "other", "score") and (known is not None or (parts and role is None)):
            if _component_name(cell):
                out.append(Column(i, "score", None, _component_name(cell)))
                continue
        if role is None:
            out.append(None)
            continue
        years = _HEADER_YEAR.findall(cell) if role in _VALUE_ROLES else []
        year = int(years[0]) if len(years) == 1 else None
        out.append(Column(i, role, year))
    return out


def _groups(columns: list[Column | None]) -> dict[tuple[int | None, str | None], dict[str, int]]:
    """The value columns by (year, component): for each, the column of its score, rank,
    rank change and score change. A score is the one total score, else the one score
    column; two candidates for the same value leave it out (which one counts cannot be
    told)."""
    by: dict[tuple[int | None, str | None], dict[str, list[int]]] = {}
    for c in columns:
        if c is not None and c.role in _VALUE_ROLES:
            by.setdefault((c.year, c.component), {}).setdefault(c.role, []).append(c.at)
    out: dict[tuple[int | None, str | None], dict[str, int]] = {}
    for key, roles in by.items():
        picked: dict[str, int] = {}
        score = roles.get("total_score") or roles.get("score") or []
        if len(score) == 1:
            picked["score"] = score[0]
        for role in ("rank", "rank_change", "score_change"):
            if len(roles.get(role, [])) == 1:
                picked[role] = roles[role][0]
        if "score" in picked or "rank" in picked:
            out[key] = picked
    return out


def _as_of(
    groups: dict[tuple[int | None, str | None], dict[str, int]], year: int | None
) -> dict[tuple[int | None, str | None], dict[str, int]]:
    """``groups`` with the columns dated the table's own year joined to the undated ones:
    "Xếp hạng" and "Điểm 2023" under a 2023 caption are one record's rank and score."""
    out: dict[tuple[int | None, str | None], dict[str, int]] = {}
    for (col_year, component), cols in groups.items():
        key = (None if col_year == year else col_year, component)
        out[key] = {**cols, **out.get(key, {})}
    return out


def column_roles(header: tuple[str, ...]) -> dict[str, int] | None:
    """Column index of the unit and of the score and rank of the table's own year and whole
    index, or None when the table is no ranking (no single unit column, no value column)."""
    columns = table_columns(header)
    units = [c.at for c in columns if c is not None and c.role == "unit"]
    groups = _groups(columns)
    if len(units) != 1 or not groups:
        return None
    own = groups.get((None, None), {})
    return {"unit": units[0], **{k: v for k, v in own.items() if k in ("score", "rank")}}


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


def _score(raw: str) -> tuple[float | None, str | None]:
    """A score cell's value and unit ("88,20", "91,5%")."""
    percent = raw.endswith("%")
    value = parse_vn_number(raw.rstrip("%").strip())
    return value, ("percent" if percent else "points") if value is not None else None


def _rank(raw: str) -> tuple[int | None, int | None]:
    """A rank cell's place and, when written "5/63", the total."""
    if _RANK_CELL.fullmatch(raw):
        return (int(raw), None) if int(raw) > 0 else (None, None)
    m = _RANK_WITH_TOTAL.fullmatch(raw)
    if m and 0 < int(m.group(1)) <= int(m.group(2)):
        return int(m.group(1)), int(m.group(2))
    return None, None


def _change(raw: str, whole: bool) -> float | None:
    """A change cell's signed value: "+3", "-2", "↑3", "1,25"; 0 for a held place ("-",
    "0", "giữ nguyên"). An unsigned non-zero move has no direction: None. ``whole``: a
    rank change, which is a whole number."""
    if _HOLD_CELL.fullmatch(raw.lower()):
        return 0.0
    m = _SIGNED.fullmatch(raw)
    if m is None or m.group(1) is None:
        return None
    value = parse_vn_number(m.group(2))
    if value is None or (whole and value != int(value)):
        return None
    return -value if m.group(1) in "-−–↓▼" else value


def _row_values(
    text: str, cells: list[tuple[int, int]], cols: dict[str, int]
) -> dict[str, Any]:
    """The values one group of columns (``_groups``) gives in a row; empty when none."""
    out: dict[str, Any] = {}
    if "score" in cols:
        score, unit = _score(_number(text, cells[cols["score"]]))
        if score is not None:
            out["score"], out["score_unit"] = score, unit
    if "rank" in cols:
        rank, total = _rank(_number(text, cells[cols["rank"]]))
        if rank is not None:
            out["rank"], out["rank_total"] = rank, total
    if out and "rank_change" in cols:
        move = _change(_number(text, cells[cols["rank_change"]]), whole=True)
        if move is not None:
            out["rank_change"] = int(move)
    if out and "score_change" in cols:
        delta = _change(_number(text, cells[cols["score_change"]]), whole=False)
        if delta is not None:
            out["score_change"] = delta
    return out


def _table_candidates(
    doc: Document, folded: str, table: TableLayout, whole_header: bool = False
) -> list[Candidate]:
    """The rows of ``table`` as candidates; none when it is no ranking, or (``whole_header``)
    when a header cell is left unexplained. Rows are units ("Tỉnh | Điểm | Xếp hạng"), or
    years of the one unit the caption names ("Năm | Điểm | Xếp hạng")."""
    text = doc.text
    above = _context_start(doc, table), table.header_span[0]
    parts = bool(
        lx.COMPONENT_CUE_RE.search(folded, *above) or _PARTS_ABOVE.search(folded, *above)
    )
    columns = table_columns(table.header, parts=parts)
    if whole_header and not all(c is not None for c in columns):
        return []
    units = [c.at for c in columns if c is not None and c.role == "unit"]
    year_cols = [c.at for c in columns if c is not None and c.role == "year" and c.year is None]
    groups = _groups(columns)
    caption = table.caption_span or above
    subject = _caption_unit(text, caption) if not units and len(year_cols) == 1 else None
    if not groups or (len(units) != 1 and subject is None):
        return []
    index = _index_above(folded, *above)
    if index is None:
        return []
    year_at = _year_above(folded, *caption)
    if year_at is None and table.caption_span is not None:
        year_at = _year_above(folded, *above)
    year = int(text[year_at : year_at + 4]) if year_at is not None else None
    year_evidence = None
    if year_at is not None:
        ys, ye = _line_span(text, year_at)
        year_evidence = {"quote": text[ys:ye], "start": ys, "end": ye}
    groups = _as_of(groups, year)
    header_evidence = {
        "quote": text[table.header_span[0] : table.header_span[1]],
        "start": table.header_span[0],
        "end": table.header_span[1],
    }
    # Every column explained (the row number and grades included): the rows are read whole.
    understood = all(c is not None for c in columns)
    confidence = ROW_CONFIDENCE if understood else PARTLY_READ_CONFIDENCE
    province = _province_above(text, *above)
    rows = []
    for span in table.rows:
        cells = _cells(text, span)
        if len(cells) != len(table.header):
            continue  # a merged or split row: its cells cannot be told apart
        found = [(key, _row_values(text, cells, cols)) for key, cols in groups.items()]
        found = [(key, values) for key, values in found if values]
        if subject is not None:
            # A row per year: the year cell dates the row's values.
            row_year = _BARE_YEAR.fullmatch(_number(text, cells[year_cols[0]]))
            if row_year is None or not found:
                continue
            y = int(row_year.group(1))
            found = [((y, component), values) for (_, component), values in found]
            rows.append((span, subject, found))
            continue
        unit_cell = cells[units[0]]
        if not text[unit_cell[0] : unit_cell[1]].strip() or _is_summary(
            text[unit_cell[0] : unit_cell[1]]
        ):
            continue
        if found:
            rows.append((span, _unit(text, unit_cell), found))
    # A unit the gazetteer does not know is of the kind its table ranks (the others' level).
    levels = Counter(level for _, (_, level, _), _ in rows if level is not None)
    usual = min(levels, key=lambda lv: (-levels[lv], lv)) if levels else "other"
    out: list[Candidate] = []
    for span, (name, level, own_province), found in rows:
        level = level or usual
        for (col_year, component), values in found:
            rec: dict[str, Any] = {
                "entity": name,
                "entity_level": level,
                "index": index,
                "component": component,
                "year": col_year if col_year is not None else year,
                "score": None,
                "score_unit": None,
                "rank": None,
                "rank_total": None,
                "rank_change": None,
                "score_change": None,
                **values,
                "scope": _scope(level, own_province or province),
                "is_target": False,
                "confidence": confidence,
                "evidence": {"quote": text[span[0] : span[1]], "start": span[0], "end": span[1]},
            }
            # The year's own quote: the row's or header's cell that names it, else the caption.
            if subject is not None:
                pass  # the row itself holds its year
            elif col_year is not None:
                rec["field_evidence"] = {"year": header_evidence}
            elif year_evidence is not None:
                rec["field_evidence"] = {"year": year_evidence}
            out.append(("index_results", rec))
    return out


def _caption_unit(text: str, caption: tuple[int, int]) -> tuple[str, str | None, str | None] | None:
    """The one unit a caption names ("Thừa Thiên Huế qua các năm"), or None."""
    found = {(e.name, e.level, e.province) for e in find_entities(text, caption[0], caption[1])}
    return next(iter(found)) if len(found) == 1 else None


def _row_line(line: str) -> str | None:
    """A text line as a table row (its cells' text, framing pipes dropped), or None."""
    inner = line.strip()
    if inner.startswith("|") and inner.endswith("|") and len(inner) > 1:
        inner = inner[1:-1].strip()
    if CELL_SEPARATOR not in inner:
        return None
    return inner


def text_tables(text: str) -> tuple[TableLayout, ...]:
    """Tables written in the text as lines of cells joined by `` | ``: runs of at least two
    consecutive such lines with one cell count (rules lines such as "---|---" skipped), the
    first the header; the paragraph right above is the caption. Cell spans are the text's
    own, so a row's evidence is its line."""
    out: list[TableLayout] = []
    run: list[tuple[int, int, int]] = []  # (start, end, cells) of the lines of the current run

    def close() -> None:
        if len(run) >= 2:
            header_at = run[0]
            header = tuple(c.strip() for c in text[header_at[0] : header_at[1]].split("|"))
            caption = _caption_above(text, header_at[0])
            out.append(
                TableLayout(
                    header=header,
                    header_span=(header_at[0], header_at[1]),
                    rows=tuple((a, b) for a, b, _ in run[1:]),
                    caption_span=caption,
                )
            )
        run.clear()

    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if run and _SEPARATOR_LINE.fullmatch(line) and "|" in line:
            continue
        inner = _row_line(line)
        if inner is None:
            close()
            continue
        at = start + line.index(inner)
        cells = inner.count(CELL_SEPARATOR) + 1
        if run and run[-1][2] != cells:
            close()
        run.append((at, at + len(inner), cells))
    close()
    return tuple(out)


def _caption_above(text: str, start: int) -> tuple[int, int] | None:
    """The span of the non-empty line right above ``start`` (blank lines skipped)."""
    end = start - 1
    while end > 0 and text[end - 1] in " \n\t":
        end -= 1
    if end <= 0:
        return None
    line_start = text.rfind("\n", 0, end) + 1
    return (line_start, end) if text[line_start:end].strip() else None


def table_results(doc: Document) -> list[tuple[TableLayout, list[Candidate]]]:
    """Each ranking table of ``doc`` with its rows' index-result candidates."""
    # Lines of cells found in the text are a weaker sign of a table than the layout a PDF or
    # DOCX gives: they are read only when every header cell is understood.
    from_text = not doc.tables
    tables = doc.tables or (text_tables(doc.text) if CELL_SEPARATOR in doc.text else ())
    if not tables:
        return []
    folded = fold_keep_offsets(doc.text)
    out = []
    for table in tables:
        found = _table_candidates(doc, folded, table, whole_header=from_text)
        if found:
            out.append((table, found))
    return out


# -- numbered ranking lists ------------------------------------------------------------------
# "Top 10 xếp hạng DTI năm 2020 cấp bộ" over lines "1. Bộ Tài chính", "2. Ngân hàng Nhà nước":
# a one-column ranking, the place written before each unit.
_LIST_ITEM = re.compile(r"[ \t]*(\d{1,3})[.)][ \t]+(\S[^\n]*?)[ \t]*$", re.MULTILINE)
_RANKING_WORDS = re.compile(r"\b(?:xep hang|bang xep hang|top|ranking|rankings|ranked|dan dau)\b")
LIST_CONFIDENCE = ROW_CONFIDENCE  # each line names its place and its unit, nothing else
_ITEM_WITH_MORE = 0.6  # a line that holds more than its unit: what else it says is not read


def _list_runs(text: str) -> list[list[re.Match[str]]]:
    """Runs of consecutive lines "N. text" numbered 1, 2, 3, … (blank lines between allowed)."""
    runs: list[list[re.Match[str]]] = []
    for m in _LIST_ITEM.finditer(text):
        n = int(m.group(1))
        if runs and int(runs[-1][-1].group(1)) == n - 1 and not text[
            runs[-1][-1].end() : m.start()
        ].strip():
            runs[-1].append(m)
        elif n == 1:
            runs.append([m])
    return [r for r in runs if len(r) >= 2]


def list_results(doc: Document) -> list[tuple[tuple[int, int], list[Candidate]]]:
    """Each numbered ranking list of ``doc`` (its span) with a candidate per item: the
    heading right above names the ranking (an index and a ranking word) and dates it."""
    text = doc.text
    if "1." not in text and "1)" not in text:
        return []
    folded = fold_keep_offsets(text)
    out = []
    for run in _list_runs(text):
        heading = _caption_above(text, run[0].start())
        if heading is None or not _RANKING_WORDS.search(folded, *heading):
            continue
        index = _index_above(folded, *heading)
        year_at = _year_above(folded, *heading)
        if index is None or year_at is None:
            continue
        year = int(text[year_at : year_at + 4])
        year_evidence = {"quote": text[heading[0] : heading[1]], "start": heading[0],
                         "end": heading[1]}  # fmt: skip
        items = []
        for m in run:
            name_span = (m.start(2), m.end(2))
            found = find_entities(text, *name_span)
            whole = bool(found) and found[0].start == name_span[0] and found[0].end == name_span[1]
            name, level, province = _unit(text, name_span)
            items.append((m, name, level, province, whole))
        levels = Counter(level for _, _, level, _, _ in items if level is not None)
        usual = min(levels, key=lambda lv: (-levels[lv], lv)) if levels else "other"
        province_of_doc = _province_above(text, 0, heading[0])
        found_recs: list[Candidate] = []
        for m, name, level, province, whole in items:
            level = level or usual
            line = (m.start(), m.end())
            found_recs.append(("index_results", {
                "entity": name, "entity_level": level, "index": index, "component": None,
                "year": year, "score": None, "score_unit": None, "rank": int(m.group(1)),
                "rank_total": None, "rank_change": None, "score_change": None,
                "scope": _scope(level, province or province_of_doc), "is_target": False,
                "confidence": LIST_CONFIDENCE if whole else _ITEM_WITH_MORE,
                "evidence": {"quote": text[line[0] : line[1]], "start": line[0], "end": line[1]},
                "field_evidence": {"year": year_evidence},
            }))  # fmt: skip
        out.append(((run[0].start(), run[-1].end()), found_recs))
    return out


def with_table_results(doc: Document, candidates: list[Candidate]) -> list[Candidate]:
    """``candidates`` with what the sentence rules read inside ranking tables and numbered
    ranking lists replaced by their own results, in document order."""
    tables = table_results(doc)
    lists = list_results(doc)
    if not tables and not lists:
        return candidates
    spans = [(t.header_span[0], t.rows[-1][1]) for t, _ in tables] + [s for s, _ in lists]
    kept = [c for c in candidates if not any(a <= c[1]["evidence"]["start"] < b for a, b in spans)]
    for found in [f for _, f in tables] + [f for _, f in lists]:
        kept += found
    return sorted(kept, key=lambda c: c[1]["evidence"]["start"])
