"""A ranking table's header cells read: what each column holds (its role: unit, score,
rank, a change, a column of no result), for which year and which component. Roles are the
``table_column`` entries of ``llmx/data/vocab/table.toml``; components the ``component``
entries (``component.toml``). A two-level header's cell (``table_text.LEVEL`` between its
upper and lower part) is read from both parts. Used by ``llmx.rules.tables``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from llmx.core.vocab import Span, get_vocab
from llmx.rules.table_text import LEVEL

VALUE_ROLES = ("total_score", "score", "rank", "rank_change", "score_change")
_DATED_ROLES = ("total_score", "score", "rank")


HEADER_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def header_role(cell: str) -> str | None:
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


BARE_YEAR = re.compile(r"\s*(?:năm\s+|year\s+)?((?:19|20)\d\d)\s*", re.IGNORECASE)


_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*|[IVX]+)\s*[:.)–-]\s*")


_GENERIC_LEAD = re.compile(
    r"^(?:chỉ số thành phần|chỉ số|lĩnh vực|trụ cột|dimension|pillar)\s*\d*\s*[:.–-]?\s*",
    re.IGNORECASE,
)


# Words above a table that say its columns are an index's parts ("10 chỉ số thành phần", "the
# ten subindices", "its four sub-dimensions"): a column no entry names is then a component.
PARTS_ABOVE = re.compile(
    r"\bsub-?(?:indices|index|indexes|dimensions?|pillars?)\b|\bpillars\b|\bdimensions?\b"
)


def component_name(cell: str) -> str:
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


def component_of(cell: str) -> str | None:
    """The component a header cell names (vocabulary kind "component", every index's parts
    declared once), or None: the label of the longest name found in the cell."""
    span = component_span(cell)
    return span.label if span is not None else None


def component_span(cell: str) -> Span | None:
    spans = get_vocab().find(cell, {"component"})
    return max(spans, key=lambda sp: (sp.end - sp.start, -sp.start)) if spans else None


def named_after_role(cell: str) -> str | None:
    """The component a value column names after its role ("Xếp hạng CQS", "Điểm Cải cách
    TTHC"): as the cell writes it, an abbreviation the vocabulary expands by its name."""
    span = component_span(cell)
    if span is None:
        return None
    written = cell[span.start :].strip()
    kept = span.entry.lang == "en" or span.entry.attrs.get("name") == "as written"
    return span.label if span.text.isupper() and not kept else written


def read_cell(i: int, cell: str, parts: bool) -> Column | None:
    """One header cell (of one level) read as a Column, None where nothing explains it."""
    role = header_role(cell)
    bare_year = BARE_YEAR.fullmatch(cell)
    if bare_year is not None and role in (None, "year"):
        return Column(i, "score", int(bare_year.group(1)))
    named = component_of(cell) is not None or (parts and role is None)
    if role in (None, "other", "score") and named:
        if component_name(cell):
            return Column(i, "score", None, component_name(cell))
    if role is None:
        return None
    # A change's header names the year it is measured against ("Tăng/giảm bậc so với
    # 2021"), not the year of its values: it dates nothing.
    years = HEADER_YEAR.findall(cell) if role in _DATED_ROLES else []
    year = int(years[0]) if len(years) == 1 else None
    component = named_after_role(cell) if role in ("rank", "score") else None
    return Column(i, role, year, component)


def two_level_column(i: int, upper: str, lower: str, parts: bool) -> Column | None:
    """A column under a two-level header: the lower cell says what it holds ("Điểm",
    "Xếp hạng"), the upper one for which year, index or component ("2023", "Chỉ số CCHC",
    "Cải cách TTHC"). An upper cell nothing explains leaves the column unexplained."""
    low = read_cell(i, lower, parts=False)
    if BARE_YEAR.fullmatch(lower) is not None and low is not None:
        # "Thứ hạng qua các năm" over "2021 | 2022": the upper cell says what, the year when.
        up = read_cell(i, upper, parts)
        if up is not None and up.role in VALUE_ROLES:
            return Column(i, up.role, low.year, up.component)
    if low is None and parts and BARE_YEAR.fullmatch(lower) is None:
        low = read_cell(i, lower, parts=True)  # "Lĩnh vực" over "Cải cách TTHC", …
    if low is None or low.role not in VALUE_ROLES:
        return low
    up = read_cell(i, upper, parts)
    if up is None or up.role not in (*VALUE_ROLES, "year"):
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
    (``table_text.LEVEL`` between its upper and lower part) is read by ``two_level_column``."""
    out: list[Column | None] = []
    for i, cell in enumerate(header):
        if LEVEL in cell:
            upper, lower = cell.split(LEVEL, 1)
            out.append(two_level_column(i, upper, lower, parts))
        else:
            out.append(read_cell(i, cell, parts))
    return out


def value_groups(
    columns: list[Column | None],
) -> dict[tuple[int | None, str | None], dict[str, int]]:
    """The value columns by (year, component): for each, the column of its score, rank,
    rank change and score change. A score is the one total score, else the one score
    column; two candidates for the same value leave it out (which one counts cannot be
    told)."""
    by: dict[tuple[int | None, str | None], dict[str, list[int]]] = {}
    for c in columns:
        if c is not None and c.role in VALUE_ROLES:
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


def as_of(
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
    groups = value_groups(columns)
    if len(units) != 1 or not groups:
        return None
    own = groups.get((None, None), {})
    return {"unit": units[0], **{k: v for k, v in own.items() if k in ("score", "rank")}}


_LEAF_ROLES = frozenset({"unit", "ordinal", "rank", "rank_change", "score_change", "other"})


def spanning_cost(cell: str) -> int:
    """How unlikely an upper header cell is to span lower ones: a column's own role
    ("Xếp hạng", "Tỉnh") most, the whole index's score ("Tổng điểm") some, a year, an index
    with its year or a group title ("Điểm các lĩnh vực") not at all."""
    if BARE_YEAR.fullmatch(cell):
        return 0
    role = header_role(cell)
    if role in _LEAF_ROLES:
        return 2
    return 1 if role == "total_score" and not HEADER_YEAR.search(cell) else 0


_SPREAD_ROLES = ("rank", "total_score")


def spreads_over_values(cell: str) -> bool:
    """Whether a one-row header's cell may span several value columns ("Xếp hạng" or "PCI
    Ranking" over a score and a rank, "Chỉ số CCHC 2023" over its score and its rank)."""
    return header_role(cell) in _SPREAD_ROLES


def stacked_role(cell: str) -> str | None:
    """A line's role as a header cell of a table flattened one cell a line: the role of the
    entry that matches it whole (a line of prose is no header cell)."""
    spans = get_vocab().find(cell, {"table_column"})
    if len(spans) != 1 or spans[0].start != 0 or spans[0].end != len(cell):
        return None
    return header_role(cell)


# The patterns above, with the first-character guard and the required-text filter
# (llmx.core.scanre): same matches, fewer tries.
from llmx.core.scanre import guard_patterns  # noqa: E402 - after the patterns it guards

guard_patterns(globals())
