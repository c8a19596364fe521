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

Tables of HTML pages and plain text come as lines of cells too (``llmx.rules.table_text``
finds them, two-level headers included, when the document carries none).

A table is read from what is understood: its unit column and at least one score or rank
column. A header cell no entry explains gives its column no role, and its values go nowhere
(its role is never guessed). A record is as sure as the header is: full confidence when
every header cell is understood, or when the columns it uses are and no column left
unexplained could hold a value it lacks (a column of whole numbers could be its missing
rank, one of decimals its missing score); below the cut-off otherwise.

Transposed tables (``_transposed_candidates``) have the units or the years as columns and
the components, the score and the rank as rows ("Năm | 2022 | 2023" over "Điểm số PGI | … "
and "Xếp hạng | …"): each row's first cell is read as a header cell would be.

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
from llmx.core.textnorm import fold_keep_offsets
from llmx.core.vocab import Span, get_vocab
from llmx.rules import lexicon as lx
from llmx.rules.entities import find_entities
from llmx.rules.table_text import (
    CELL_SEPARATOR,
    LEVEL,
    caption_above,
    join_levels,
    split_cells,
    stacked_tables,
    text_tables,
)

__all__ = [
    "with_table_results", "table_results", "column_roles", "table_columns", "text_tables",
    "spanning_cost", "Column", "CELL_SEPARATOR",
]  # fmt: skip

_CONTEXT_CHARS = 600  # how far above a table its caption and heading are looked for
# A row of a recognised ranking table states its unit and values in their own cells: the
# reading is as sure as the header is, so rows get a high, fixed confidence.
ROW_CONFIDENCE = 0.9
# A header with a column no entry explains ("Tiêu chí 3") that could hold what the record
# lacks (its rank, its score): the record is read, below the cut-off.
PARTLY_READ_CONFIDENCE = 0.6
_VALUE_ROLES = ("total_score", "score", "rank", "rank_change", "score_change")
_HEADER_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_RANK_WITH_TOTAL = re.compile(r"(\d{1,3})\s*/\s*(\d{1,3})")
# A rank cell that gives the value too: "12 (0,4880)", "3 (85,12%)".
_RANK_WITH_VALUE = re.compile(r"(\d{1,3})\s*\(\s*(\d{1,3}[.,]\d+\s*%?)\s*\)")
_SIGNED = re.compile(r"([+\-−–↑↓▲▼])?\s*(\d+(?:[.,]\d+)?)")
_HOLD_CELL = re.compile(r"0|giữ nguyên|không đổi|unchanged")  # "-" is no data, not a hold
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
    """The component a header cell names (vocabulary kind "component", every index's parts
    declared once), or None: the label of the longest name found in the cell."""
    span = _component_span(cell)
    return span.label if span is not None else None


def _component_span(cell: str) -> Span | None:
    spans = get_vocab().find(cell, {"component"})
    return max(spans, key=lambda sp: (sp.end - sp.start, -sp.start)) if spans else None


def _named_after_role(cell: str) -> str | None:
    """The component a value column names after its role ("Xếp hạng CQS", "Điểm Cải cách
    TTHC"): as the cell writes it, an abbreviation the vocabulary expands by its name."""
    span = _component_span(cell)
    if span is None:
        return None
    written = cell[span.start :].strip()
    kept = span.entry.lang == "en" or span.entry.attrs.get("name") == "as written"
    return span.label if span.text.isupper() and not kept else written


def _read_cell(i: int, cell: str, parts: bool) -> Column | None:
    """One header cell (of one level) read as a Column, None where nothing explains it."""
    role = _role(cell)
    bare_year = _BARE_YEAR.fullmatch(cell)
    if bare_year is not None and role in (None, "year"):
        return Column(i, "score", int(bare_year.group(1)))
    named = _component(cell) is not None or (parts and role is None)
    if role in (None, "other", "score") and named:
        if _component_name(cell):
            return Column(i, "score", None, _component_name(cell))
    if role is None:
        return None
    years = _HEADER_YEAR.findall(cell) if role in _VALUE_ROLES else []
    year = int(years[0]) if len(years) == 1 else None
    component = _named_after_role(cell) if role in ("rank", "score") else None
    return Column(i, role, year, component)


def _two_level(i: int, upper: str, lower: str, parts: bool) -> Column | None:
    """A column under a two-level header: the lower cell says what it holds ("Điểm",
    "Xếp hạng"), the upper one for which year, index or component ("2023", "Chỉ số CCHC",
    "Cải cách TTHC"). An upper cell nothing explains leaves the column unexplained."""
    low = _read_cell(i, lower, parts=False)
    if _BARE_YEAR.fullmatch(lower) is not None and low is not None:
        # "Thứ hạng qua các năm" over "2021 | 2022": the upper cell says what, the year when.
        up = _read_cell(i, upper, parts)
        if up is not None and up.role in _VALUE_ROLES:
            return Column(i, up.role, low.year, up.component)
    if low is None and parts and _BARE_YEAR.fullmatch(lower) is None:
        low = _read_cell(i, lower, parts=True)  # "Lĩnh vực" over "Cải cách TTHC", …
    if low is None or low.role not in _VALUE_ROLES:
        return low
    up = _read_cell(i, upper, parts)
    if up is None or up.role not in (*_VALUE_ROLES, "year"):
        return None
    if low.component is not None:
        return Column(i, low.role, low.year if low.year is not None else up.year, low.component)
    # An upper "Điểm số" or "Chỉ số PCI" over "2023": the lower year dates the score.
    role = "total_score" if up.role == "total_score" and low.role == "score" else low.role
    if low.year is not None and up.component is None:
        return Column(i, role, low.year)
    return Column(i, role, low.year if low.year is not None else up.year, up.component)


def table_columns(header: tuple[str, ...], parts: bool = False) -> list[Column | None]:
    """Each header cell read as a Column, None where nothing explains it. A cell that is a
    year ("2023", "Năm 2023") titles that year's scores; one that names a known component,
    or any other cell when the text above says the columns are components (``parts``),
    that component's score, named as the header writes it. A cell of a two-level header
    (``table_text.LEVEL`` between its upper and lower part) is read by ``_two_level``."""
    out: list[Column | None] = []
    for i, cell in enumerate(header):
        if LEVEL in cell:
            upper, lower = cell.split(LEVEL, 1)
            out.append(_two_level(i, upper, lower, parts))
        else:
            out.append(_read_cell(i, cell, parts))
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


def _context_start(doc: Document, table: TableLayout) -> int:
    start = table.header_span[0] - _CONTEXT_CHARS
    if table.caption_span is not None:
        start = min(start, table.caption_span[0])
    return max(0, start)


def _table_index(folded: str, table: TableLayout, above: tuple[int, int]) -> str | None:
    """The index a table ranks: the one its header names ("Chỉ số CCHC 2020", "Điểm PCI"),
    the strongest sign, when it names one; else the one its caption names; else the one
    named closest above it."""
    named = {code for rx, code in lx.INDEX_RE if rx.search(folded, *table.header_span)}
    if len(named) == 1:
        return named.pop()
    caption = table.caption_span
    return (caption and _index_above(folded, *caption)) or _index_above(folded, *above)


def _index_above(folded: str, start: int, end: int) -> str | None:
    """The index named closest above the table (``folded[start:end]``)."""
    best: tuple[int, str] | None = None
    for rx, code in lx.INDEX_RE:
        for m in rx.finditer(folded, start, end):
            if best is None or m.start() > best[0]:
                best = (m.start(), code)
    return best[1] if best else None


# "tháng 5/2024", "quý I/2023", "tuần 03/2024": a period's year, not part of a day's date.
_PERIOD_BEFORE = re.compile(r"\b(?:thang|quy|tuan|month|quarter|week)\s+(?:\d{1,2}|[ivx]+)\s*/\s*$")


def _year_above(folded: str, start: int, end: int) -> int | None:
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


# A footnote mark after a figure ("73,02*", "5 (*)") is not part of it.
_FOOTNOTE = re.compile(r"\s*(?:\(\*+\)|\*+|†+)$")


def _number(text: str, cell: tuple[int, int]) -> str:
    return _FOOTNOTE.sub("", text[cell[0] : cell[1]].strip())


def _scope(level: str, province: str | None) -> str:
    if level in _SUB_PROVINCE and province:
        return f"province:{province}"
    return "national"


_SCORE_UNIT = re.compile(r"\s*(?:điểm|diem|points?|pts\.?)$", re.IGNORECASE)
# A place written with its word ("thứ 5", "hạng 12") or as an English ordinal ("5th").
_RANK_WORDS = re.compile(r"^(?:thứ|thu|hạng|hang|no\.?)\s*|(?<=\d)(?:st|nd|rd|th)$", re.IGNORECASE)


def _score(raw: str) -> tuple[float | None, str | None]:
    """A score cell's value and unit ("88,20", "91,5%", "88,20 điểm")."""
    raw = _SCORE_UNIT.sub("", raw)
    percent = raw.endswith("%")
    value = parse_vn_number(raw.rstrip("%").strip())
    return value, ("percent" if percent else "points") if value is not None else None


def _rank(raw: str) -> tuple[int | None, int | None]:
    """A rank cell's place and, when written "5/63", the total ("thứ 5", "5th" too)."""
    raw = _RANK_WORDS.sub("", raw).strip()
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
    if raw.startswith("(") and raw.endswith(")"):
        raw = raw[1:-1].strip()  # "(+3)"
    m = _SIGNED.fullmatch(raw)
    if m is None or m.group(1) is None:
        return None
    value = parse_vn_number(m.group(2))
    if value is None or (whole and value != int(value)):
        return None
    return -value if m.group(1) in "-−–↓▼" else value


def _row_values(text: str, cells: list[tuple[int, int]], cols: dict[str, int]) -> dict[str, Any]:
    """The values one group of columns (``_groups``) gives in a row; empty when none."""
    out: dict[str, Any] = {}
    if "score" in cols:
        score, unit = _score(_number(text, cells[cols["score"]]))
        if score is not None:
            out["score"], out["score_unit"] = score, unit
    if "rank" in cols:
        raw = _number(text, cells[cols["rank"]])
        with_value = _RANK_WITH_VALUE.fullmatch(raw)
        if with_value is not None:
            raw = with_value.group(1)
            if "score" not in out:
                score, unit = _score(with_value.group(2).replace(" ", ""))
                if score is not None:
                    out["score"], out["score_unit"] = score, unit
        rank, total = _rank(raw)
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


def _parts_above(folded: str, above: tuple[int, int]) -> bool:
    """Whether the text above a table says its columns (or rows) are an index's parts."""
    return bool(lx.COMPONENT_CUE_RE.search(folded, *above) or _PARTS_ABOVE.search(folded, *above))


def _with_sub_header(text: str, table: TableLayout) -> TableLayout:
    """``table`` with a second header line of its own width joined to the header: a first
    row of no figures whose cells say what the columns hold ("Điểm", "Xếp hạng") under
    cells that span them ("2023", written once, the cells it spans left empty or repeated;
    PDF and DOCX layouts give merged cells so). Otherwise ``table`` as it is."""
    if len(table.rows) < 2:
        return table
    sub = [text[a:b] for a, b in split_cells(text, table.rows[0])]
    if len(sub) != len(table.header) or any(ch.isdigit() for c in sub for ch in c):
        if not all(_BARE_YEAR.fullmatch(c) or not c.strip() or _role(c) for c in sub):
            return table
    valued = [c for c in sub if c.strip() and _role(c) in _VALUE_ROLES]
    if len(sub) != len(table.header) or len(valued) < 2:
        return table
    upper, last = [], ""
    for cell in table.header:
        last = cell if cell.strip() else last
        upper.append(last)
    header = tuple(join_levels(u, s) if u != s else u for u, s in zip(upper, sub, strict=True))
    return TableLayout(
        header=header,
        header_span=(table.header_span[0], table.rows[0][1]),
        rows=table.rows[1:],
        caption_span=table.caption_span,
    )


_WHOLE = re.compile(r"\d{1,3}")
_DECIMAL = re.compile(r"\d{1,3}[.,]\d+%?")


def _could_hold(values: list[str]) -> set[str]:
    """What a column (or row) of no known role could hold, from its cells: whole numbers up
    to 999 a rank ("5", "5/63"), numbers up to 100 a score; text nothing."""
    cells = [v.strip() for v in values if v.strip() and v.strip() not in ("-", "–", "—")]
    if not cells:
        return set()
    out = set()
    if all(_WHOLE.fullmatch(c) or _RANK_WITH_TOTAL.fullmatch(c) for c in cells):
        out.add("rank")
    if all(
        (_WHOLE.fullmatch(c) or _DECIMAL.fullmatch(c))
        and (v := parse_vn_number(c.rstrip("%"))) is not None
        and v <= 100
        for c in cells
    ):
        out.add("score")
    return out


def _confidence(rec: dict[str, Any], understood: bool, unexplained: set[str]) -> float:
    """A record's confidence: full when the header is understood, or when no column left
    unexplained could hold a value the record lacks; below the cut-off when the text gives
    the table no year (the record's year is then unknown, not the edition's)."""
    if rec.get("year") is None:
        return PARTLY_READ_CONFIDENCE
    missing = {f for f in ("score", "rank") if rec.get(f) is None}
    return ROW_CONFIDENCE if understood or not (missing & unexplained) else PARTLY_READ_CONFIDENCE


def _table_candidates(
    doc: Document, folded: str, table: TableLayout, from_text: bool = False
) -> list[Candidate]:
    """The rows of ``table`` as candidates; none when it is no ranking. Rows are units
    ("Tỉnh | Điểm | Xếp hạng"), or years of the one unit the caption names ("Năm | Điểm |
    Xếp hạng"); a transposed table is read by ``_transposed_candidates``."""
    text = doc.text
    above = _context_start(doc, table), table.header_span[0]
    parts = _parts_above(folded, above)
    table = _with_sub_header(text, table)
    if _is_transposed(text, table):
        return _transposed_candidates(doc, folded, table, above, parts, from_text)
    if _has_part_rows(text, table, parts):
        return _part_row_candidates(doc, folded, table, above, parts, from_text)
    columns = table_columns(table.header, parts=parts)
    columns = _years_as_ranks(text, table, columns)
    units = [c.at for c in columns if c is not None and c.role == "unit"]
    year_cols = [c.at for c in columns if c is not None and c.role == "year" and c.year is None]
    groups = _groups(columns)
    caption = table.caption_span or above
    subject = _caption_unit(text, caption) if not units and len(year_cols) == 1 else None
    if not groups or (len(units) != 1 and subject is None):
        return []
    index = _table_index(folded, table, above)
    if index is None:
        return []
    year, year_evidence = _caption_year(text, folded, table, caption, above)
    header_evidence = _span_evidence(text, table.header_span)
    # A header that dates its columns with one year ("Chỉ số CCHC 2020 | Xếp hạng") dates
    # the table: its undated columns are of that year too, whatever year the text above
    # names (often the year the results were published).
    dated = {c.year for c in columns if c is not None and c.year is not None}
    if len(dated) == 1 and subject is None:
        year, year_evidence = dated.pop(), header_evidence
    groups = _as_of(groups, year)
    # Every column explained (the row number and grades included): the rows are read whole.
    understood = all(c is not None for c in columns)
    province = _province_above(text, *above)
    rows = []
    body = [split_cells(text, span) for span in table.rows]
    percent = {i for i, cell in enumerate(table.header) if "%" in cell}
    # What the columns nobody explains could hold, from their cells.
    unexplained: set[str] = set()
    figures = False  # whether a column nobody explains holds figures
    for i, c in enumerate(columns):
        if c is None:
            cells_i = [_number(text, cells[i]) for cells in body if len(cells) == len(table.header)]
            unexplained |= _could_hold(cells_i)
            figures = figures or any(ch.isdigit() for v in cells_i for ch in v)
    if from_text and figures:
        # Lines of cells are a weaker sign of a table than a PDF's or DOCX's layout, and a
        # column of figures no entry explains says the header is not what it seems (a
        # translated or unusual header): such a table is left to the sentence rules.
        return []
    for span, cells in zip(table.rows, body, strict=True):
        if len(cells) != len(table.header):
            continue  # a merged or split row: its cells cannot be told apart
        found = [(key, _row_values(text, cells, cols)) for key, cols in groups.items()]
        found = [(key, values) for key, values in found if values]
        for (_, values), cols in zip(found, (groups[k] for k, _ in found), strict=True):
            if "score" in values and cols.get("score") in percent:
                values["score_unit"] = "percent"  # "Chỉ số CCHC (%)" over "91,20"
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
            rec = _record(name, level, index, component, col_year if col_year is not None else year)
            rec.update(values)
            rec["scope"] = _scope(level, own_province or province)
            rec["confidence"] = _confidence(rec, understood, unexplained)
            rec["evidence"] = _span_evidence(text, span)
            # The year's own quote: the row's or header's cell that names it, else the caption.
            if subject is not None:
                pass  # the row itself holds its year
            elif col_year is not None:
                rec["field_evidence"] = {"year": header_evidence}
            elif year_evidence is not None:
                rec["field_evidence"] = {"year": year_evidence}
            out.append(("index_results", rec))
    return out


def _years_as_ranks(
    text: str, table: TableLayout, columns: list[Column | None]
) -> list[Column | None]:
    """``columns`` with the columns titled by a bare year ("2021 | 2022") read as ranks when
    the caption speaks of places and not of scores ("Thứ hạng PCI của Lào Cai qua các năm")
    and every cell of them is a whole number; else as they are (a year titles scores)."""
    by_year = [
        c for c in columns
        if c is not None and c.role == "score" and c.component is None
        and _BARE_YEAR.fullmatch(table.header[c.at])
    ]  # fmt: skip
    if not by_year or table.caption_span is None:
        return columns
    caption = text[table.caption_span[0] : table.caption_span[1]]
    said = {sp.label for sp in get_vocab().find(caption, {"table_column"})}
    if "rank" not in said or "score" in said:
        return columns
    body = [split_cells(text, span) for span in table.rows]
    cells = [_number(text, row[c.at]) for row in body if len(row) == len(columns) for c in by_year]
    if not all(_RANK_CELL.fullmatch(v) or not v for v in cells):
        return columns
    ranked = {c.at for c in by_year}
    return [
        Column(c.at, "rank", c.year) if c is not None and c.at in ranked else c for c in columns
    ]


def _record(
    name: str, level: str, index: str, component: str | None, year: int | None
) -> dict[str, Any]:
    return {
        "entity": name, "entity_level": level, "index": index, "component": component,
        "year": year, "score": None, "score_unit": None, "rank": None, "rank_total": None,
        "rank_change": None, "score_change": None, "scope": "national", "is_target": False,
    }  # fmt: skip


def _span_evidence(text: str, span: tuple[int, int]) -> dict[str, Any]:
    return {"quote": text[span[0] : span[1]], "start": span[0], "end": span[1]}


def _caption_year(
    text: str, folded: str, table: TableLayout, caption: tuple[int, int], above: tuple[int, int]
) -> tuple[int | None, dict[str, Any] | None]:
    """The year the caption gives the table, else the text above it, else the headline (an
    article about one edition dates its undated tables by it), and its line as the year's
    evidence."""
    year_at = _year_above(folded, *caption)
    if year_at is None and table.caption_span is not None:
        year_at = _year_above(folded, *above)
    if year_at is None:
        year_at = _year_above(folded, *_line_span(text, 0))
    if year_at is None:
        return None, None
    return int(text[year_at : year_at + 4]), _span_evidence(text, _line_span(text, year_at))


# -- transposed tables: units or years as columns, the values as rows ------------------------


def _head_unit(cell: str) -> Unit | None:
    """The unit a header cell is, when the cell is that unit's name and nothing more."""
    raw = cell.strip()
    found = find_entities(raw)
    if len(found) != 1 or found[0].end - found[0].start < len(raw) - 1:
        return None
    e = found[0]
    return e.name, e.level, e.province


Unit = tuple[str, str | None, str | None]  # name, level, province


def _subject_above(text: str, caption: tuple[int, int], above: tuple[int, int]) -> Unit | None:
    """The one unit a table of years is about: the caption's, else that of the nearest line
    above that names exactly one unit ("Chỉ số thành phần PCI Quảng Ninh")."""
    found = _caption_unit(text, caption)
    end = caption[0]
    while found is None and end > above[0]:
        start = max(above[0], text.rfind("\n", above[0], max(above[0], end - 1)) + 1)
        if text[start:end].strip():
            found = _caption_unit(text, (start, end))
        end = start - 1 if start > above[0] else above[0]
    return found


def _head_key(cell: str) -> tuple[int | None, Unit | None, str | None]:
    """A transposed table's column header: (year, unit, role of its lower cell). The upper
    cell ("2023", "Đà Nẵng") is a year or a unit; a lower one ("Điểm số", "Thứ hạng") says
    what the column's cells are, where the row's own label does not."""
    upper, _, lower = cell.partition(LEVEL)
    bare = _BARE_YEAR.fullmatch(upper)
    year = int(bare.group(1)) if bare else None
    unit = None if bare else _head_unit(upper)
    role = _role(lower) if lower else None
    return year, unit, role


def _has_part_rows(text: str, table: TableLayout, parts: bool) -> bool:
    """Whether a table gives one unit's parts as rows ("Chỉ số nội dung | Điểm | Xếp hạng"
    over "Quản trị điện tử | 3,01 | 40"): no unit column, every other header cell a value
    column of the whole row, and some row's first cell a component."""
    head = _read_cell(0, table.header[0], parts=False)
    if head is not None and head.role in ("unit", "year"):
        return False
    rest = table_columns(table.header[1:])
    if not rest or not all(c is not None and c.role in _VALUE_ROLES and c.component is None
                           for c in rest):  # fmt: skip
        return False
    labels = [text[a:b] for a, b in (split_cells(text, span)[0] for span in table.rows)]
    return any(_component(lab) for lab in labels)


def _part_row_candidates(
    doc: Document,
    folded: str,
    table: TableLayout,
    above: tuple[int, int],
    parts: bool,
    from_text: bool,
) -> list[Candidate]:
    """The rows of a table of one unit's parts as candidates: each row a component (or the
    whole index, "Tổng điểm"), the columns its score and rank; the unit the one the caption
    or the nearest line above names."""
    text = doc.text
    caption = table.caption_span or above
    subject = _subject_above(text, caption, above)
    index = _table_index(folded, table, above)
    if subject is None or index is None:
        return []
    year, year_evidence = _caption_year(text, folded, table, caption, above)
    columns: list[Column | None] = [None, *table_columns(table.header[1:])]
    groups = _groups([Column(i, c.role, c.year) if c else None for i, c in enumerate(columns)])
    keys = [(None, None)] if (None, None) in groups else list(groups)
    if len(keys) != 1:
        return []  # columns of several years: which one a row's figure is cannot be told
    cols = groups[keys[0]]
    if keys[0][0] is not None:  # "Điểm 2022 | Xếp hạng 2022": the header dates the rows
        year, year_evidence = keys[0][0], _span_evidence(text, table.header_span)
    name, level, own_province = subject
    lvl = level or "province"
    province = _province_above(text, *above)
    understood, unexplained = True, set()
    found = []
    for span in table.rows:
        cells = split_cells(text, span)
        if len(cells) != len(table.header):
            continue
        label = _read_cell(0, text[cells[0][0] : cells[0][1]], parts)
        values = _row_values(text, cells, cols)
        if label is None or label.role not in _VALUE_ROLES:
            understood = False
            row = [_number(text, c) for c in cells[1:]]
            if from_text and any(ch.isdigit() for v in row for ch in v):
                return []  # an unexplained row of figures: left to the sentence rules
            unexplained |= _could_hold(row)
            continue
        if values:
            found.append((span, label.component, values))
    out: list[Candidate] = []
    for span, component, values in found:
        rec = _record(name, lvl, index, component, year)
        rec.update(values)
        rec["scope"] = _scope(lvl, own_province or province)
        rec["confidence"] = _confidence(rec, understood, unexplained)
        rec["evidence"] = _span_evidence(text, span)
        if year_evidence is not None:
            rec["field_evidence"] = {"year": year_evidence}
        out.append(("index_results", rec))
    return out


def _is_transposed(text: str, table: TableLayout) -> bool:
    """Whether the header's cells after the first are all years or all units (each maybe
    over a lower cell of a value role), the first names no unit column, and some row's
    first cell says what the row holds."""
    head, rest = table.header[0], table.header[1:]
    if not rest or _role(head) == "unit":
        return False
    keys = [_head_key(c) for c in rest]
    if not (all(y is not None for y, _, _ in keys) or all(u is not None for _, u, _ in keys)):
        return False
    pairs = zip(rest, keys, strict=True)
    if any(LEVEL in c and role not in _VALUE_ROLES for c, (_, _, role) in pairs):
        return False
    labels = [text[a:b] for a, b in (split_cells(text, span)[0] for span in table.rows)]
    return any(_role(lab) in _VALUE_ROLES or _component(lab) for lab in labels)


def _transposed_candidates(
    doc: Document,
    folded: str,
    table: TableLayout,
    above: tuple[int, int],
    parts: bool,
    from_text: bool = False,
) -> list[Candidate]:
    """The columns of a transposed table as candidates: each column is a year of the unit
    the caption names, or a unit of the caption's year; each row's first cell says what its
    values are (the whole index's score or rank, a component's score), or, under a column
    whose lower header cell gives the role ("2023 › Thứ hạng"), which component they are of."""
    text = doc.text
    width = len(table.header)
    caption = table.caption_span or above
    index = _table_index(folded, table, above) or _index_above(
        folded, table.header_span[0], table.rows[-1][1]
    )
    if index is None:
        return []
    keys = [_head_key(c) for c in table.header[1:]]
    by_year = all(y is not None for y, _, _ in keys)
    subject = _subject_above(text, caption, above) if by_year else None
    if by_year and subject is None:
        return []
    year, year_evidence = (None, None) if by_year else _caption_year(
        text, folded, table, caption, above
    )  # fmt: skip
    # (column year, unit, component) -> role -> (row, column) of the cell holding it
    found: dict[tuple[int | None, Unit, str | None], dict[str, list[tuple[int, int]]]] = {}
    understood = True
    unexplained: set[str] = set()
    for r, span in enumerate(table.rows):
        cells = split_cells(text, span)
        if len(cells) != width:
            continue
        label = _read_cell(r, text[cells[0][0] : cells[0][1]], parts)
        if label is None or label.role not in _VALUE_ROLES:
            understood = understood and label is not None
            if label is None:
                row = [_number(text, c) for c in cells[1:]]
                if from_text and any(ch.isdigit() for v in row for ch in v):
                    return []  # as for columns: lines of cells with unexplained figures
                unexplained |= _could_hold(row)
            continue
        for j, (col_year, unit, role) in enumerate(keys, start=1):
            unit = subject if by_year else unit
            if unit is None:
                continue
            if (
                role is not None
                and label.component is None
                and label.role != role
                and not ({label.role, role} <= {"score", "total_score"})
            ):
                continue  # the row's role and the column's disagree
            field = role or label.role
            key = (col_year or label.year, unit, label.component)
            found.setdefault(key, {}).setdefault(field, []).append((r, j))
    header_evidence = _span_evidence(text, table.header_span)
    province = _province_above(text, *above)
    out: list[Candidate] = []
    for (col_year, (name, level, own_province), component), fields in found.items():
        # One cell per value: the total score over a plain score, two candidates none.
        picked: dict[str, tuple[int, int]] = {}
        score = fields.get("total_score") or fields.get("score") or []
        if len(score) == 1:
            picked["score"] = score[0]
        for role in ("rank", "rank_change", "score_change"):
            if len(fields.get(role, [])) == 1:
                picked[role] = fields[role][0]
        if not picked:
            continue
        cells_at = [split_cells(text, table.rows[r])[j] for r, j in picked.values()]
        values = _row_values(text, cells_at, {role: i for i, role in enumerate(picked)})
        if not values:
            continue
        lvl = level or "province"
        rec = _record(name, lvl, index, component, col_year if col_year is not None else year)
        rec.update(values)
        rec["scope"] = _scope(lvl, own_province or province)
        rec["confidence"] = _confidence(rec, understood, unexplained)
        last = max(table.rows[r][1] for r, _ in picked.values())
        rec["evidence"] = _span_evidence(text, (table.header_span[0], last))
        if col_year is not None:
            rec["field_evidence"] = {"year": header_evidence}
        elif year_evidence is not None:
            rec["field_evidence"] = {"year": year_evidence}
        out.append(("index_results", rec))
    return out


def _caption_unit(text: str, caption: tuple[int, int]) -> tuple[str, str | None, str | None] | None:
    """The one unit a caption names ("Thừa Thiên Huế qua các năm"), or None."""
    found = {(e.name, e.level, e.province) for e in find_entities(text, caption[0], caption[1])}
    return next(iter(found)) if len(found) == 1 else None


def _tables_in_text(text: str) -> tuple[TableLayout, ...]:
    """The tables a text writes as lines of cells, or one cell a line."""
    lines = text_tables(text, spanning_cost) if "|" in text or "\t" in text else ()
    return lines + stacked_tables(text, _stacked_role, _VALUE_ROLES)


_LEAF_ROLES = frozenset({"unit", "ordinal", "rank", "rank_change", "score_change", "other"})


def spanning_cost(cell: str) -> int:
    """How unlikely an upper header cell is to span lower ones: a column's own role
    ("Xếp hạng", "Tỉnh") most, the whole index's score ("Tổng điểm") some, a year, an index
    with its year or a group title ("Điểm các lĩnh vực") not at all."""
    if _BARE_YEAR.fullmatch(cell):
        return 0
    role = _role(cell)
    if role in _LEAF_ROLES:
        return 2
    return 1 if role == "total_score" and not _HEADER_YEAR.search(cell) else 0


def _stacked_role(cell: str) -> str | None:
    """A line's role as a header cell of a table flattened one cell a line: the role of the
    entry that matches it whole (a line of prose is no header cell)."""
    spans = get_vocab().find(cell, {"table_column"})
    if len(spans) != 1 or spans[0].start != 0 or spans[0].end != len(cell):
        return None
    return _role(cell)


def table_results(doc: Document) -> list[tuple[TableLayout, list[Candidate]]]:
    """Each ranking table of ``doc`` with its rows' index-result candidates."""
    from_text = not doc.tables
    tables = doc.tables or _tables_in_text(doc.text)
    if not tables:
        return []
    folded = fold_keep_offsets(doc.text)
    out = []
    for table in tables:
        found = _table_candidates(doc, folded, table, from_text=from_text)
        if found:
            out.append((table, found))
    return out


# -- numbered ranking lists ------------------------------------------------------------------
# "Top 10 xếp hạng DTI năm 2020 cấp bộ" over lines "1. Bộ Tài chính", "2. Ngân hàng Nhà nước":
# a one-column ranking, the place written before each unit.
_LIST_ITEM = re.compile(r"[ \t]*(\d{1,3})[.)][ \t]+(\S[^\n]*?)[ \t]*$", re.MULTILINE)
# ... or "6 Lạng Sơn": the place and the unit alone on the line, the unit's whole name; such a
# list may go on from places the text gave before ("các vị trí tiếp theo … là: 6 …").
_BARE_ITEM = re.compile(r"[ \t]*(\d{1,3})[ \t]+([^\W\d][^\n]*?)[ \t]*$", re.MULTILINE)
_RANKING_WORDS = re.compile(r"\b(?:xep hang|bang xep hang|top|ranking|rankings|ranked|dan dau)\b")
LIST_CONFIDENCE = ROW_CONFIDENCE  # each line names its place and its unit, nothing else
_ITEM_WITH_MORE = 0.6  # a line that holds more than its unit: what else it says is not read


def _list_runs(text: str, item: re.Pattern[str] = _LIST_ITEM) -> list[list[re.Match[str]]]:
    """Runs of consecutive lines "N. text" numbered 1, 2, 3, … (blank lines between allowed);
    of ``_BARE_ITEM`` lines, runs of three or more from any place on, each line's text a
    short, whole unit name (checked last: the numbering alone turns most lines away)."""
    bare = item is _BARE_ITEM
    runs: list[list[re.Match[str]]] = []
    for m in item.finditer(text):
        n = int(m.group(1))
        if bare and m.end(2) - m.start(2) > _BARE_NAME:
            continue
        if (
            runs
            and int(runs[-1][-1].group(1)) == n - 1
            and not text[runs[-1][-1].end() : m.start()].strip()
        ):
            runs[-1].append(m)
        elif n == 1 or (bare and n > 0):
            runs.append([m])
    if not bare:
        return [r for r in runs if len(r) >= 2]
    return [
        r for r in runs if len(r) >= 3 and all(_whole_unit(text, (m.start(2), m.end(2))) for m in r)
    ]


_BARE_NAME = 60  # a unit's name alone on its line is short


def _whole_unit(text: str, span: tuple[int, int]) -> bool:
    found = find_entities(text, *span)
    return bool(found) and found[0].start == span[0] and found[0].end == span[1]


def list_results(doc: Document) -> list[tuple[tuple[int, int], list[Candidate]]]:
    """Each numbered ranking list of ``doc`` (its span) with a candidate per item: the
    heading right above names the ranking (an index and a ranking word) and dates it."""
    text = doc.text
    folded = fold_keep_offsets(text)
    out = []
    runs = _list_runs(text) if "1." in text or "1)" in text else []
    for run in runs + _list_runs(text, _BARE_ITEM):
        heading = caption_above(text, run[0].start())
        if heading is None or not _RANKING_WORDS.search(folded, *heading):
            continue
        # The heading names the ranking and dates it; else the text above it does (its
        # reading then below the cut-off: the heading is not the list's own title).
        above = (max(0, heading[0] - _CONTEXT_CHARS), heading[1])
        index = _index_above(folded, *heading)
        year_at = _year_above(folded, *heading)
        own = index is not None and year_at is not None
        if not own:
            index = index or _index_above(folded, *above)
            if year_at is None:
                found_year = [m for m in lx.YEAR_RE.finditer(folded, *above) if m.group(1)]
                year_at = found_year[-1].start(1) if found_year else None
        if index is None or year_at is None:
            continue
        year = int(text[year_at : year_at + 4])
        line_of_year = _line_span(text, year_at) if not own else heading
        year_evidence = _span_evidence(text, line_of_year)
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
                "confidence": LIST_CONFIDENCE if whole and own else _ITEM_WITH_MORE,
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
