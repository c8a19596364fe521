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

The parts, one job each: ``table_text`` finds tables written as lines of cells,
``table_header`` reads header cells, ``table_cells`` reads cells, ``table_context`` gives a
table its index, year, unit, scope and evidence, ``table_lists`` reads numbered lists; this
module reads each shape of table into candidates.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from llmx.core.document import Document, TableLayout
from llmx.core.textnorm import fold, fold_keep_offsets
from llmx.core.vocab import get_vocab
from llmx.rules import lexicon as lx
from llmx.rules.entities import find_entities
from llmx.rules.plausibility import implausible
from llmx.rules.table_cells import (
    RANK_CELL,
    cell_text,
    change_cell,
    could_hold,
    is_summary,
    rank_cell,
    row_values,
    score_cell,
)
from llmx.rules.table_context import (
    PARTLY_READ_CONFIDENCE,
    ROW_CONFIDENCE,
    Candidate,
    Unit,
    caption_unit,
    caption_year,
    context_start,
    head_unit,
    index_above,
    province_above,
    scope_of,
    span_evidence,
    subject_above,
    table_index,
    unit_of,
)
from llmx.rules.table_header import (
    BARE_YEAR,
    PARTS_ABOVE,
    VALUE_ROLES,
    Column,
    as_of,
    column_roles,
    component_of,
    header_role,
    read_cell,
    spanning_cost,
    spreads_over_values,
    stacked_role,
    table_columns,
    value_groups,
)
from llmx.rules.table_lists import list_results
from llmx.rules.table_text import (
    CELL_SEPARATOR,
    LEVEL,
    join_levels,
    split_cells,
    stacked_tables,
    text_tables,
)

__all__ = [
    "with_table_results", "table_results", "column_roles", "table_columns", "text_tables",
    "spanning_cost", "list_results", "Column", "CELL_SEPARATOR",
]  # fmt: skip


def _parts_above(folded: str, above: tuple[int, int]) -> bool:
    """Whether the text above a table says its columns (or rows) are an index's parts."""
    return bool(lx.COMPONENT_CUE_RE.search(folded, *above) or PARTS_ABOVE.search(folded, *above))


def _with_sub_header(text: str, table: TableLayout) -> TableLayout:
    """``table`` with a second header line of its own width joined to the header: a first
    row of no figures whose cells say what the columns hold ("Điểm", "Xếp hạng") under
    cells that span them ("2023", written once, the cells it spans left empty or repeated;
    PDF and DOCX layouts give merged cells so). Otherwise ``table`` as it is."""
    if len(table.rows) < 2:
        return table
    sub = [text[a:b] for a, b in split_cells(text, table.rows[0])]
    if len(sub) != len(table.header) or any(ch.isdigit() for c in sub for ch in c):
        if not all(BARE_YEAR.fullmatch(c) or not c.strip() or header_role(c) for c in sub):
            return table
    valued = [c for c in sub if c.strip() and header_role(c) in VALUE_ROLES]
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
    above = context_start(doc, table), table.header_span[0]
    parts = _parts_above(folded, above)
    table = _with_sub_header(text, table)
    if _is_transposed(text, table):
        return _transposed_candidates(doc, folded, table, above, parts, from_text)
    if _has_part_rows(text, table, parts):
        return _part_row_candidates(doc, folded, table, above, parts, from_text)
    columns = table_columns(table.header, parts=parts)
    columns = _years_as_ranks(text, table, columns)
    columns = _spanned_pairs(text, table, columns)
    out: list[Candidate] = []
    for block in _side_by_side(table, columns):
        for index, cols in _index_blocks(table, block):
            out += _unit_row_candidates(doc, folded, table, above, cols, from_text, index)
    return out


def _index_blocks(
    table: TableLayout, columns: list[Column | None]
) -> list[tuple[str | None, list[Column | None]]]:
    """The column sets of each index a header names, when its value columns name two or
    more ("Tỉnh | PAR Index | SIPAS", "Chỉ số CCHC › 2023 | SIPAS › 2023"): each index's
    value columns with the others' read as holding no result, and value columns naming no
    index left out (which index they are of cannot be told). ``[(None, columns)]`` (the
    table's index from its header or caption) otherwise."""
    named: dict[int, str] = {}
    for c in columns:
        if c is None or c.role not in VALUE_ROLES:
            continue
        cell = fold(table.header[c.at])
        codes = {code for rx, code in lx.INDEX_RE if rx.search(cell)}
        if len(codes) == 1:
            named[c.at] = codes.pop()
    indices = sorted(set(named.values()))
    if len(indices) < 2:
        return [(None, columns)]
    out: list[tuple[str | None, list[Column | None]]] = []
    for index in indices:
        cols = [
            c if c is None or c.role not in VALUE_ROLES or named.get(c.at) == index
            else Column(c.at, "other")
            for c in columns
        ]  # fmt: skip
        out.append((index, cols))
    return out


def _side_by_side(table: TableLayout, columns: list[Column | None]) -> list[list[Column | None]]:
    """The column sets of the tables written side by side in ``table`` ("Hạng | Tỉnh | Điểm"
    twice over: the top ten beside the bottom ten), each with the other blocks' columns
    read as holding no result; ``[columns]`` when the header is no repetition of one block
    with one unit column (empty spacer columns between blocks left out)."""
    units = [c.at for c in columns if c is not None and c.role == "unit"]
    if len(units) < 2:
        return [columns]
    kept = [i for i, cell in enumerate(table.header) if cell.strip()]
    k = len(units)
    if len(kept) % k:
        return [columns]
    width = len(kept) // k
    chunks = [kept[j * width : (j + 1) * width] for j in range(k)]

    def sign(i: int) -> tuple[str, int | None, str | None] | None:
        c = columns[i]
        return None if c is None else (c.role, c.year, c.component)

    first = [sign(i) for i in chunks[0]]
    if any([sign(i) for i in chunk] != first for chunk in chunks[1:]):
        return [columns]
    out = []
    for chunk in chunks:
        inside = set(chunk)
        out.append([c if i in inside else Column(i, "other") for i, c in enumerate(columns)])
    return out


def _unit_row_candidates(
    doc: Document,
    folded: str,
    table: TableLayout,
    above: tuple[int, int],
    columns: list[Column | None],
    from_text: bool,
    index: str | None = None,
) -> list[Candidate]:
    """The rows of a table of units (or of the years of one unit) read by ``columns``, of
    ``index`` when given, else of the one the table's header or caption names."""
    text = doc.text
    units = [c.at for c in columns if c is not None and c.role == "unit"]
    year_cols = [c.at for c in columns if c is not None and c.role == "year" and c.year is None]
    groups = value_groups(columns)
    caption = table.caption_span or above
    subject = caption_unit(text, caption) if not units and len(year_cols) == 1 else None
    if not groups or (len(units) != 1 and subject is None):
        return []
    index = index or table_index(folded, table, above)
    if index is None:
        return []
    year, year_evidence = caption_year(text, folded, table, caption, above)
    header_evidence = span_evidence(text, table.header_span)
    # A header that dates its columns with one year ("Chỉ số CCHC 2020 | Xếp hạng") dates
    # the table: its undated columns are of that year too, whatever year the text above
    # names (often the year the results were published).
    dated = {c.year for c in columns if c is not None and c.year is not None}
    if len(dated) == 1 and subject is None:
        year, year_evidence = dated.pop(), header_evidence
    groups = as_of(groups, year)
    body = [split_cells(text, span) for span in table.rows]
    columns = _derived_changes(text, body, columns, groups)
    # Every column explained (the row number and grades included): the rows are read whole.
    understood = all(c is not None for c in columns)
    province = province_above(text, *above)
    rows = []
    percent = {i for i, cell in enumerate(table.header) if "%" in cell}
    # What the columns nobody explains could hold, from their cells.
    unexplained: set[str] = set()
    figures = False  # whether a column nobody explains holds figures
    for i, c in enumerate(columns):
        if c is None:
            cells_i = [
                cell_text(text, cells[i]) for cells in body if len(cells) == len(table.header)
            ]
            unexplained |= could_hold(cells_i)
            figures = figures or any(ch.isdigit() for v in cells_i for ch in v)
    # Lines of cells are a weaker sign of a table than a PDF's or DOCX's layout, and a
    # column of figures no entry explains says the header may not be what it seems (a
    # translated or unusual header): such a table is read only when its own figures bear
    # the reading out (``_ranks_agree``), else it is left to the sentence rules.
    doubted = from_text and figures
    numeric = _numeric_columns(text, body, len(table.header))
    for span, cells in zip(table.rows, body, strict=True):
        if len(cells) != len(table.header) and units:
            # A row under a cell that spans several rows ("Rất tốt" over the units of a
            # group) lacks that cell; one placement of the gap alone fits the columns.
            cells = (
                _fill_short_row(text, cells, len(table.header), units[0], numeric)
                or _pad_blank_end(cells, columns)
                or cells
            )
        if len(cells) != len(table.header):
            continue  # a merged or split row: its cells cannot be told apart
        found = [(key, row_values(text, cells, cols)) for key, cols in groups.items()]
        found = [(key, values) for key, values in found if values]
        for (_, values), cols in zip(found, (groups[k] for k, _ in found), strict=True):
            if "score" in values and cols.get("score") in percent:
                values["score_unit"] = "percent"  # "Chỉ số CCHC (%)" over "91,20"
        if subject is not None:
            # A row per year: the year cell dates the row's values.
            row_year = BARE_YEAR.fullmatch(cell_text(text, cells[year_cols[0]]))
            if row_year is None or not found:
                continue
            y = int(row_year.group(1))
            found = [((y, component), values) for (_, component), values in found]
            rows.append((span, subject, found))
            continue
        unit_cell = cells[units[0]]
        if not text[unit_cell[0] : unit_cell[1]].strip() or is_summary(
            text[unit_cell[0] : unit_cell[1]]
        ):
            continue
        if found:
            rows.append((span, unit_of(text, unit_cell), found))
    if doubted and not _ranks_agree([found for _, _, found in rows]):
        return []
    # A unit the gazetteer does not know is of the kind its table ranks (the others' level).
    levels = Counter(level for _, (_, level, _), _ in rows if level is not None)
    usual = min(levels, key=lambda lv: (-levels[lv], lv)) if levels else "other"
    out: list[Candidate] = []
    for span, (name, level, own_province), found in rows:
        level = level or usual
        for (col_year, component), values in found:
            rec = _record(name, level, index, component, col_year if col_year is not None else year)
            rec.update(values)
            rec["scope"] = scope_of(level, own_province or province)
            rec["confidence"] = _confidence(rec, understood, unexplained)
            rec["evidence"] = span_evidence(text, span)
            if not _without_unscaled_score(rec):
                continue
            # The year's own quote: the row's or header's cell that names it, else the caption.
            if subject is not None:
                pass  # the row itself holds its year
            elif col_year is not None:
                rec["field_evidence"] = {"year": header_evidence}
            elif year_evidence is not None:
                rec["field_evidence"] = {"year": year_evidence}
            out.append(("index_results", rec))
    return out


def _without_unscaled_score(rec: dict[str, Any]) -> bool:
    """Whether ``rec`` is worth keeping: a score beyond its index's scale (a province's own
    DTI of its departments out of 1000) is not read, and the row's place still is, below
    the cut-off (the column may not be what its header seems); False when nothing is left."""
    if rec.get("score") is None or implausible("index_results", rec) is None:
        return True
    rec["score"], rec["score_unit"] = None, None
    if rec.get("rank") is None or implausible("index_results", rec) is not None:
        return False
    rec["confidence"] = min(rec["confidence"], PARTLY_READ_CONFIDENCE)
    return True


def _numeric_columns(text: str, body: list[list[tuple[int, int]]], width: int) -> set[int]:
    """The columns whose cells, in the rows of the header's width, mostly hold figures."""
    full = [cells for cells in body if len(cells) == width]
    out = set()
    for i in range(width):
        values = [text[a:b] for a, b in (cells[i] for cells in full) if b > a]
        digits = sum(1 for v in values if any(ch.isdigit() for ch in v))
        if values and digits * 2 > len(values):
            out.add(i)
    return out


_MAX_SPANNED = 2  # cells a row may lack under cells spanning rows


def _pad_blank_end(
    cells: list[tuple[int, int]], columns: list[Column | None]
) -> list[tuple[int, int]] | None:
    """``cells`` with empty cells at the end, when the columns it lacks there hold no value
    ("Ghi chú" left blank in lines set out with spaces, whose empty last cells vanish)."""
    gap = len(columns) - len(cells)
    if not 0 < gap <= _MAX_SPANNED or not cells:
        return None
    if any(c is not None and c.role in (*VALUE_ROLES, "unit") for c in columns[-gap:]):
        return None
    end = cells[-1][1]
    return cells + [(end, end)] * gap


def _fill_short_row(
    text: str, cells: list[tuple[int, int]], width: int, unit_at: int, numeric: set[int]
) -> list[tuple[int, int]] | None:
    """``cells`` with empty cells where the cells spanning rows above stand, when exactly
    one placement of the gap puts a unit's name in the unit column and figures only in
    the columns of figures; None otherwise."""
    gap = width - len(cells)
    if not 0 < gap <= _MAX_SPANNED or not numeric:
        return None
    fits = []
    for at in range(len(cells) + 1):
        pos = cells[at][0] if at < len(cells) else cells[-1][1]
        placed = cells[:at] + [(pos, pos)] * gap + cells[at:]
        a, b = placed[unit_at]
        if b <= a or not find_entities(text, a, b):
            continue
        if all(
            any(ch.isdigit() for ch in text[a:b]) == (i in numeric)
            for i, (a, b) in enumerate(placed)
            if b > a and i != unit_at
        ):
            fits.append(placed)
    return fits[0] if len(fits) == 1 else None


def _derived_changes(
    text: str,
    body: list[list[tuple[int, int]]],
    columns: list[Column | None],
    groups: dict[tuple[int | None, str | None], dict[str, int]],
) -> list[Column | None]:
    """``columns`` with a column that does not say what it holds ("Change", "Tăng/giảm")
    read as the rank change (or the score change) of the table's year when, in every row,
    its signed figure is the move between the rank (score) of an earlier year's column
    and that of the table's year; ``groups`` gets the column too. Else as they are."""
    own = groups.get((None, None))
    earlier = [cols for (y, comp), cols in groups.items() if y is not None and comp is None]
    if own is None or len(earlier) != 1:
        return columns
    before = earlier[0]
    for role, change in (("rank", "rank_change"), ("score", "score_change")):
        if role not in own or role not in before or change in own:
            continue
        for c in columns:
            if c is not None and c.role != "other":
                continue
            at = columns.index(c) if c is None else c.at
            if c is None and columns.count(None) != 1:
                continue  # which unexplained column is meant cannot be told
            if _moves_between(text, body, len(columns), at, before[role], own[role], role):
                own[change] = at
                return [Column(at, change) if i == at else col for i, col in enumerate(columns)]
    return columns


def _moves_between(
    text: str,
    body: list[list[tuple[int, int]]],
    width: int,
    at: int,
    before: int,
    after: int,
    role: str,
) -> bool:
    """Whether column ``at`` holds, in at least ``_AGREEING_ROWS`` rows and in every row
    that gives it, the move from column ``before`` to column ``after`` (a place gained is
    a rise: the earlier place less the later one)."""
    seen = 0
    for cells in body:
        if len(cells) != width:
            continue
        move = change_cell(cell_text(text, cells[at]), whole=role == "rank")
        if move is None:
            if cell_text(text, cells[at]) not in ("", "-", "–", "—"):
                return False
            continue
        if role == "rank":
            a = rank_cell(cell_text(text, cells[before]))[0]
            b = rank_cell(cell_text(text, cells[after]))[0]
            if a is None or b is None or a - b != move:
                return False
        else:
            x = score_cell(cell_text(text, cells[before]))[0]
            y = score_cell(cell_text(text, cells[after]))[0]
            if x is None or y is None or abs((y - x) - move) > _ROUNDING:
                return False
        seen += 1
    return seen >= _AGREEING_ROWS - 1


_ROUNDING = 0.011  # two scores' difference against a change written to two decimals


_AGREEING_ROWS = 3  # so many rows at least, for their order to bear a reading out


def _ranks_agree(rows: list[list[tuple[Any, dict[str, Any]]]]) -> bool:
    """Whether a table's rows bear out its header's reading: some group of columns gives
    a score and a rank in at least ``_AGREEING_ROWS`` rows, and in every group that gives
    both, a better place never goes with a lower score (ties aside)."""
    by_group: dict[Any, list[tuple[int, float]]] = {}
    for found in rows:
        for key, values in found:
            if values.get("score") is not None and values.get("rank") is not None:
                by_group.setdefault(key, []).append((values["rank"], values["score"]))
    if not any(len(pairs) >= _AGREEING_ROWS for pairs in by_group.values()):
        return False
    for pairs in by_group.values():
        ordered = sorted(pairs)
        for (r1, s1), (r2, s2) in zip(ordered, ordered[1:], strict=False):
            if r2 > r1 and s2 > s1:
                return False
    return True


def _years_as_ranks(
    text: str, table: TableLayout, columns: list[Column | None]
) -> list[Column | None]:
    """``columns`` with the columns titled by a bare year ("2021 | 2022") read as ranks when
    the caption speaks of places and not of scores ("Thứ hạng PCI của Lào Cai qua các năm")
    and every cell of them is a whole number; else as they are (a year titles scores)."""
    by_year = [
        c for c in columns
        if c is not None and c.role == "score" and c.component is None
        and BARE_YEAR.fullmatch(table.header[c.at])
    ]  # fmt: skip
    if not by_year or table.caption_span is None:
        return columns
    caption = text[table.caption_span[0] : table.caption_span[1]]
    said = {sp.label for sp in get_vocab().find(caption, {"table_column"})}
    if "rank" not in said or "score" in said:
        return columns
    body = [split_cells(text, span) for span in table.rows]
    cells = [
        cell_text(text, row[c.at]) for row in body if len(row) == len(columns) for c in by_year
    ]
    if not all(RANK_CELL.fullmatch(v) or not v for v in cells):
        return columns
    ranked = {c.at for c in by_year}
    return [
        Column(c.at, "rank", c.year) if c is not None and c.at in ranked else c for c in columns
    ]


_PAIRED_ROLES = ("rank", "total_score")


def _spanned_pairs(
    text: str, table: TableLayout, columns: list[Column | None]
) -> list[Column | None]:
    """``columns`` with each pair of neighbouring columns under one header cell of a rank or
    the whole index ("PCI Ranking" spanning two columns, written twice by
    ``table_text.spread_header``) read as a score and a rank, when the cells say which is
    which: one column of figures with decimals among them, the other of whole numbers
    only. Else as they are (two ranks, or two scores, which one counts cannot be told)."""
    out = list(columns)
    body = [split_cells(text, span) for span in table.rows]
    full = [row for row in body if len(row) == len(columns)]
    for at in range(len(columns) - 1):
        a, b = columns[at], columns[at + 1]
        if a is None or b is None or a.role != b.role or a.role not in _PAIRED_ROLES:
            continue
        same_cell = table.header[at] == table.header[at + 1]
        if not same_cell or (a.year, a.component) != (b.year, b.component):
            continue
        kinds = [_figure_kind([cell_text(text, row[i]) for row in full]) for i in (at, at + 1)]
        if sorted(kinds, key=str) != ["decimal", "whole"]:
            continue
        score_at, rank_at = (at, at + 1) if kinds[0] == "decimal" else (at + 1, at)
        score_role = "total_score" if a.role == "total_score" else "score"
        out[score_at] = Column(score_at, score_role, a.year, a.component)
        out[rank_at] = Column(rank_at, "rank", a.year, a.component)
    return out


def _figure_kind(cells: list[str]) -> str | None:
    """``whole`` for a column of whole numbers only (places), ``decimal`` for one of figures
    with a decimal among them (scores), None otherwise (empty cells passed)."""
    values = [c.strip() for c in cells if c.strip()]
    if not values:
        return None
    if all(RANK_CELL.fullmatch(v) for v in values):
        return "whole"
    if all(score_cell(v)[0] is not None for v in values) and any(
        not RANK_CELL.fullmatch(v) for v in values
    ):
        return "decimal"
    return None


def _record(
    name: str, level: str, index: str, component: str | None, year: int | None
) -> dict[str, Any]:
    return {
        "entity": name, "entity_level": level, "index": index, "component": component,
        "year": year, "score": None, "score_unit": None, "rank": None, "rank_total": None,
        "rank_change": None, "score_change": None, "scope": "national", "is_target": False,
    }  # fmt: skip


def _head_key(cell: str) -> tuple[int | None, Unit | None, str | None]:
    """A transposed table's column header: (year, unit, role of its lower cell). The upper
    cell ("2023", "Đà Nẵng") is a year or a unit; a lower one ("Điểm số", "Thứ hạng") says
    what the column's cells are, where the row's own label does not."""
    upper, _, lower = cell.partition(LEVEL)
    bare = BARE_YEAR.fullmatch(upper)
    year = int(bare.group(1)) if bare else None
    unit = None if bare else head_unit(upper)
    role = header_role(lower) if lower else None
    return year, unit, role


def _has_part_rows(text: str, table: TableLayout, parts: bool) -> bool:
    """Whether a table gives one unit's parts as rows ("Chỉ số nội dung | Điểm | Xếp hạng"
    over "Quản trị điện tử | 3,01 | 40"): no unit column, every other header cell a value
    column of the whole row or a column of no result ("Điểm tối đa", "Ghi chú"), and some
    row's first cell a component. A row number before the first cell ("STT") is passed."""
    at = _label_at(table)
    head = read_cell(at, table.header[at], parts=False)
    if head is not None and head.role in ("unit", "year"):
        return False
    rest = table_columns(table.header[at + 1 :])
    if not rest or not all(
        c is not None and (c.role in VALUE_ROLES or c.role == "other") and c.component is None
        for c in rest
    ) or not any(c is not None and c.role in VALUE_ROLES for c in rest):
        return False
    labels = [
        text[cells[at][0] : cells[at][1]]
        for cells in (split_cells(text, span) for span in table.rows)
        if len(cells) > at
    ]
    return any(component_of(lab) for lab in labels)


def _label_at(table: TableLayout) -> int:
    """The column of a table's row labels: the first, or the second after a row number."""
    first = read_cell(0, table.header[0], parts=False)
    return 1 if first is not None and first.role == "ordinal" and len(table.header) > 2 else 0


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
    subject = subject_above(text, caption, above)
    index = table_index(folded, table, above)
    if subject is None or index is None:
        return []
    year, year_evidence = caption_year(text, folded, table, caption, above)
    at = _label_at(table)
    lead: list[Column | None] = [None] * (at + 1)
    columns = lead + table_columns(table.header[at + 1 :])
    groups = value_groups([Column(i, c.role, c.year) if c else None for i, c in enumerate(columns)])
    keys = [(None, None)] if (None, None) in groups else list(groups)
    if len(keys) != 1:
        return []  # columns of several years: which one a row's figure is cannot be told
    cols = groups[keys[0]]
    if keys[0][0] is not None:  # "Điểm 2022 | Xếp hạng 2022": the header dates the rows
        year, year_evidence = keys[0][0], span_evidence(text, table.header_span)
    name, level, own_province = subject
    lvl = level or "province"
    province = province_above(text, *above)
    understood, unexplained = True, set()
    found = []
    for span in table.rows:
        cells = split_cells(text, span)
        if len(cells) != len(table.header):
            continue
        label = read_cell(0, text[cells[at][0] : cells[at][1]], parts)
        values = row_values(text, cells, cols)
        if label is not None and label.role not in VALUE_ROLES:
            continue  # a row of no result ("Tổng cộng", "Ghi chú"): explained, not read
        if label is None:
            understood = False
            row = [cell_text(text, c) for c in cells[at + 1 :]]
            if from_text and any(ch.isdigit() for v in row for ch in v):
                return []  # an unexplained row of figures: left to the sentence rules
            unexplained |= could_hold(row)
            continue
        if values:
            found.append((span, label.component, values))
    out: list[Candidate] = []
    for span, component, values in found:
        rec = _record(name, lvl, index, component, year)
        rec.update(values)
        rec["scope"] = scope_of(lvl, own_province or province)
        rec["confidence"] = _confidence(rec, understood, unexplained)
        rec["evidence"] = span_evidence(text, span)
        if year_evidence is not None:
            rec["field_evidence"] = {"year": year_evidence}
        out.append(("index_results", rec))
    return out


def _is_transposed(text: str, table: TableLayout) -> bool:
    """Whether the header's cells after the first are all years or all units (each maybe
    over a lower cell of a value role), the first names no unit column, and some row's
    first cell says what the row holds."""
    head, rest = table.header[0], table.header[1:]
    if not rest or header_role(head) == "unit":
        return False
    keys = [_head_key(c) for c in rest]
    if not (all(y is not None for y, _, _ in keys) or all(u is not None for _, u, _ in keys)):
        return False
    pairs = zip(rest, keys, strict=True)
    if any(LEVEL in c and role not in VALUE_ROLES for c, (_, _, role) in pairs):
        return False
    labels = [text[a:b] for a, b in (split_cells(text, span)[0] for span in table.rows)]
    return any(header_role(lab) in VALUE_ROLES or component_of(lab) for lab in labels)


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
    index = table_index(folded, table, above) or index_above(
        folded, table.header_span[0], table.rows[-1][1]
    )
    if index is None:
        return []
    keys = [_head_key(c) for c in table.header[1:]]
    by_year = all(y is not None for y, _, _ in keys)
    subject = subject_above(text, caption, above) if by_year else None
    if by_year and subject is None:
        return []
    year, year_evidence = (None, None) if by_year else caption_year(
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
        label = read_cell(r, text[cells[0][0] : cells[0][1]], parts)
        if label is None or label.role not in VALUE_ROLES:
            understood = understood and label is not None
            if label is None:
                row = [cell_text(text, c) for c in cells[1:]]
                if from_text and any(ch.isdigit() for v in row for ch in v):
                    return []  # as for columns: lines of cells with unexplained figures
                unexplained |= could_hold(row)
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
    header_evidence = span_evidence(text, table.header_span)
    province = province_above(text, *above)
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
        values = row_values(text, cells_at, {role: i for i, role in enumerate(picked)})
        if not values:
            continue
        lvl = level or "province"
        rec = _record(name, lvl, index, component, col_year if col_year is not None else year)
        rec.update(values)
        rec["scope"] = scope_of(lvl, own_province or province)
        rec["confidence"] = _confidence(rec, understood, unexplained)
        last = max(table.rows[r][1] for r, _ in picked.values())
        rec["evidence"] = span_evidence(text, (table.header_span[0], last))
        if col_year is not None:
            rec["field_evidence"] = {"year": header_evidence}
        elif year_evidence is not None:
            rec["field_evidence"] = {"year": year_evidence}
        out.append(("index_results", rec))
    return out


def _tables_in_text(text: str) -> tuple[TableLayout, ...]:
    """The tables a text writes as lines of cells, or one cell a line."""
    tabular = "|" in text or "\t" in text or "  " in text
    lines = text_tables(text, spanning_cost, spreads_over_values) if tabular else ()
    return lines + stacked_tables(text, stacked_role, VALUE_ROLES)


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
