"""Tables written in a document's text as lines of cells: where their cells lie, which runs
of lines are tables, and two-level headers joined into one header cell per column.

Ingestion writes the tables of PDFs, DOCX and HTML pages one row a line, cells joined by
`` | `` (``llmx.ingest.layout``, ``llmx.ingest.html``); text pasted from a spreadsheet joins
them with tabs, and Markdown frames them as "| a | b |". An empty cell leaves "a | | b".

A header of two levels (a year, an index or a component cell spanning a score and a rank
cell) comes as two lines: the HTML writer drops ``colspan``, so the upper line has fewer
cells than the rows, the cells that span both lines (``rowspan``: "STT", "Tỉnh") missing
from the lower one. ``merge_levels`` gives each column its upper and lower cell, joined by
``LEVEL`` ("2023 › Điểm"), which ``llmx.rules.tables`` reads as the two parts of one header.

A header of one line with a cell spanning columns ("PCI Ranking" over a score and a rank
cell) is so many cells short of its rows; when the line under it is a row of figures, not a
lower level, ``spread_header`` writes the spanning cell once per column it stands over, and
the reader tells the columns apart by their figures (``tables._spanned_pairs``).

A group's title row (one cell spanning the table: "I. Khối sở, ban, ngành") comes as a line
of no cells between rows; it does not end the table (``_group_line``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from llmx.core.document import TableLayout

__all__ = [
    "CELL_SEPARATOR", "LEVEL", "split_cells", "merge_levels", "join_levels", "text_tables",
    "stacked_tables", "caption_above", "spread_header",
]  # fmt: skip

CELL_SEPARATOR = " | "  # as llmx.ingest.layout writes rows
LEVEL = " › "  # between the upper and the lower header cell of one column
# What parts two cells: a pipe with the spaces around it, or a tab.
# A newline parts the cells of a row stacked one cell a line (``stacked_tables``).
_SEPARATOR = re.compile(r"[ \t]*\|[ \t]*|[ ]*\t[ ]*|[ \t]*\n[ \t]*")  # one tab a cell
_RULE_LINE = re.compile(r"[\s|:\-–—=+]*")  # "|---|:---:|" under a Markdown header
_MIN_ROWS = 1  # a header and one row make a table
# A row under cells that span several rows (``rowspan``: a group's grade over its units)
# comes with so many cells fewer, at most; the reader places the gap (``tables``).
_SPANNED = 2
_SHORT_MIN = 2  # a short row keeps two cells at least


# Text set out in columns with runs of spaces (pasted from a PDF's layout or a fixed-width
# report: "Tỉnh        Điểm     Xếp hạng"): in a line with no pipe or tab, two spaces or
# more part two cells.
_SPACED = re.compile(r"[ ]{2,}")
_SPACED_CELLS = 3  # a line set out in spaced columns has three cells at least
_SPACED_CELL_CHARS = 50  # ... each of them short


def _spaced(line: str) -> bool:
    """Whether a line with no pipe, tab or newline is a row set out with runs of spaces."""
    inner = line.strip()
    if not inner or "|" in inner or "\t" in inner or "\n" in inner:
        return False
    cells = _SPACED.split(inner)
    return len(cells) >= _SPACED_CELLS and all(len(c) <= _SPACED_CELL_CHARS for c in cells)


def split_cells(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """The (start, end) of each cell of the row line at ``span`` (spaces around a cell left
    out; Markdown's framing pipes dropped; in a line set out with runs of spaces, each run
    parts two cells)."""
    start, end = span
    if _spaced(text[start:end]):
        out, at = [], start
        for m in _SPACED.finditer(text, start, end):
            out.append((at, m.start()))
            at = m.end()
        out.append((at, end))
        return [_trimmed(text, a, b) for a, b in out if text[a:b].strip()]
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    if "\t" not in text[start:end]:
        while end > start and text[end - 1] in " \t":
            end -= 1
    # (a row of tab-parted cells keeps its last tab: the empty cell of a "Ghi chú" column)
    if end - start > 1 and text[start] == "|" and text[end - 1] == "|":
        start, end = start + 1, end - 1
    out = []
    for m in _SEPARATOR.finditer(text, start, end):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, end))
    return [_trimmed(text, a, b) for a, b in out]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A cell's span without the spaces around it (an empty cell: where it starts)."""
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] in " \t":
        end -= 1
    return start, end


_DECIMAL_CELL = re.compile(r"\d+[.,]\d+%?")


def _has_decimal(cells: list[str]) -> bool:
    return any(_DECIMAL_CELL.fullmatch(c.strip()) for c in cells)


def _is_row(line: str) -> bool:
    if _spaced(line):
        return True
    inner = line.strip()
    if inner.startswith("|") and inner.endswith("|") and len(inner) > 1:
        inner = inner[1:-1]
    return bool(_SEPARATOR.search(inner))


def merge_levels(
    top: list[str], sub: list[str], width: int, spanning: Callable[[str], int] | None = None
) -> tuple[str, ...] | None:
    """One header cell per column (``width`` of them) from a two-level header: ``top`` has
    the cells that span both lines (first and, when the counts say so, last) and the cells
    that span several lower ones, each spanning as many; ``sub`` has the lower cells. A
    lower line as wide as the rows leaves the columns it has empty to the upper cell above.
    Where the counts fit several layouts (which upper cells stand over both lines at the
    end), ``spanning`` says how unlikely a cell is to span lower ones ("Xếp hạng" more than
    "Tổng điểm", a group title not at all); the likeliest layout wins, then the one with
    fewer cells at the end. None when the counts fit no layout."""
    k, m = len(top), len(sub)
    if m == width:
        lead = 0
        while lead < m and not sub[lead].strip():
            lead += 1
        groups = k - lead
        if lead > k or groups <= 0 or (width - lead) % groups:
            return None
        span = (width - lead) // groups
        uppers = top[:lead] + [t for t in top[lead:] for _ in range(span)]
        return tuple(join_levels(u, s) for u, s in zip(uppers, sub, strict=True))
    if m > width or k >= width:
        return None
    both = width - m  # cells that span both lines
    groups = k - both
    if groups <= 0 or m % groups:
        return None
    span = m // groups
    cost = spanning or (lambda _: 0)
    trail = min(range(both + 1), key=lambda t: (sum(map(cost, top[both - t : k - t])), t))
    lead = both - trail
    uppers = [t for t in top[lead : k - trail] for _ in range(span)]
    out = list(top[:lead])
    out += [join_levels(u, s) for u, s in zip(uppers, sub, strict=True)]
    out += top[k - trail :]
    return tuple(out)


def join_levels(upper: str, lower: str) -> str:
    """One column's header cell from its upper and lower cell (either may be empty)."""
    upper, lower = upper.strip(), lower.strip()
    if not lower:
        return upper
    if not upper:
        return lower
    return f"{upper}{LEVEL}{lower}"


_SPREAD_MAX = 2  # a spanning cell of a one-row header stands over three columns at most


def spread_header(
    head: list[str], rows: list[list[str]], spreads: Callable[[str], bool]
) -> tuple[str, ...] | None:
    """A one-row header as wide as its ``rows``, when it is short of them because one cell
    spans several columns (``colspan``, dropped by the HTML writer: "PCI Ranking" over a
    score and a rank column): the one cell ``spreads`` allows (a value column's title)
    whose columns, so placed, hold figures in every row, written once per column it spans.
    None when no cell or more than one fits."""
    extra = len(rows[0]) - len(head) if rows else 0
    if not 0 < extra <= _SPREAD_MAX:
        return None
    fits = [
        at for at, cell in enumerate(head)
        if spreads(cell) and all(
            _FIGURE_CELL.fullmatch(row[k]) for row in rows for k in range(at, at + extra + 1)
        )
    ]  # fmt: skip
    if len(fits) != 1:
        return None
    at = fits[0]
    return tuple(c.strip() for c in [*head[:at], *[head[at]] * (extra + 1), *head[at + 1 :]])


def text_tables(
    text: str,
    spanning: Callable[[str], int] | None = None,
    spreads: Callable[[str], bool] | None = None,
) -> tuple[TableLayout, ...]:
    """Tables written in the text as lines of cells: runs of such lines (rule lines such as
    "---|---" skipped), the first of a run its header, each later line of the header's cell
    count a row. A run whose second line is wider than its first has a two-level header
    (``merge_levels``) when the lines after it are as wide as the second or wider; so has
    one whose second line is as wide as its first and whose rows are wider. A second line
    wider than the first that is a row of figures (a decimal among them) is a row under a
    one-row header with a spanning cell (``spread_header``, the cells ``spreads`` allows).
    The paragraph right above is the caption. Cell spans are the text's own, so a row's
    evidence is its line."""
    out: list[TableLayout] = []
    run: list[tuple[int, int]] = []  # (start, end) of the lines of the current run

    def cells_of(span: tuple[int, int]) -> list[str]:
        return [text[a:b] for a, b in split_cells(text, span)]

    def close() -> None:
        tables: list[TableLayout] = []
        i = 0
        while i < len(run) - _MIN_ROWS:
            head = cells_of(run[i])
            width = len(head)
            header: tuple[str, ...] | None = tuple(c.strip() for c in head)
            body = i + 1
            second = cells_of(run[i + 1])
            wide = len(cells_of(run[body + 1])) if body + 1 < len(run) else width
            # A second line as wide as the first is a lower level too when the rows are
            # wider still: "TT | Tỉnh | Năm 2023 | Năm 2022" over "Điểm | Hạng | Điểm | Hạng"
            # (a page's <thead> of rowspan and colspan cells) over rows of six cells.
            # Lines set out with spaces lose their empty last cells ("Ghi chú" left blank):
            # a first row narrower than the header, of figures, is a row, not a lower level.
            spaced = _spaced(text[run[i][0] : run[i][1]])
            lower = not (spaced and len(second) < width and _has_decimal(second))
            spread = _spread(head, run[body:], cells_of, spreads) if lower else None
            if spread is not None:
                header, width = spread, len(spread)
            elif lower and body + 1 < len(run) and (len(second) != width or wide > width):
                header = merge_levels(head, second, wide, spanning)
                width, body = wide, body + 1
            rows: list[tuple[int, int]] = []
            j = body
            while j < len(run):
                n = len(cells_of(run[j]))
                short = (bool(rows) or spaced) and _SHORT_MIN <= n < width <= n + _SPANNED
                if n != width and not short:
                    break
                rows.append(run[j])  # a row lacking the cells that span rows above it kept
                j += 1
            if header is not None and rows:
                tables.append(
                    TableLayout(
                        header=header,
                        header_span=(run[i][0], run[body - 1][1]),
                        rows=tuple(rows),
                        caption_span=caption_above(text, run[i][0]),
                    )
                )
                i = j
            else:
                i += 1
        out.extend(tables)
        run.clear()

    lines = text.split("\n")
    pos = 0
    for k, line in enumerate(lines):
        start, end = pos, pos + len(line)
        pos = end + 1
        if run and "|" in line and _RULE_LINE.fullmatch(line):
            continue
        if not _is_row(line):
            if run and _group_line(line, cells_of(run[-1]), lines[k + 1 : k + 2]):
                continue
            close()
            continue
        run.append((start, end))
    close()
    return tuple(out)


def _spread(
    head: list[str],
    lines: list[tuple[int, int]],
    cells_of: Callable[[tuple[int, int]], list[str]],
    spreads: Callable[[str], bool] | None,
) -> tuple[str, ...] | None:
    """The header ``spread_header`` makes of ``head`` over the run's first ``lines`` as wide
    as the first of them, when that one is a row of figures (a decimal among its cells: a
    lower header level has none) wider than the header; None otherwise."""
    if spreads is None or not lines:
        return None
    first = cells_of(lines[0])
    if len(first) <= len(head) or not _has_decimal(first):
        return None
    rows = []
    for span in lines:
        cells = cells_of(span)
        if len(cells) != len(first):
            break
        rows.append([c.strip() for c in cells])
    return spread_header(head, rows, spreads)


_GROUP_CHARS = 80  # a group's title row ("I. Khối sở, ban, ngành") is short
_FIGURE_CELL = re.compile(r"\s*\d{1,3}(?:[.,]\d+)?\s*%?\s*")


def _group_line(line: str, above: list[str], below: list[str]) -> bool:
    """Whether ``line``, inside a run of rows, is a group's title row of the same table (one
    cell spanning the table: "I. Khối sở, ban, ngành", "Khối huyện, thị xã"): short, and the
    next line a row of figures as wide as the line above it. Rows of the groups then stay one
    table under the header."""
    if not line.strip() or len(line) > _GROUP_CHARS or not below or not _is_row(below[0]):
        return False
    cells = _SEPARATOR.split(below[0].strip())
    return len(cells) == len(above) and any(_FIGURE_CELL.fullmatch(c) for c in cells)


_STACKED_CELL = 40  # a header cell stacked on its own line is a short one


def stacked_tables(
    text: str, header_role: Callable[[str], str | None], value_roles: tuple[str, ...]
) -> tuple[TableLayout, ...]:
    """Tables flattened one cell a line (copied from a page or a PDF): a run of at least
    three short lines that are all header cells (``header_role`` names a role for each, one
    of them the unit column and one a value), then the rows as runs of as many lines, each
    row one span whose lines are its cells (``split_cells`` parts them at the newlines)."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    out: list[TableLayout] = []
    i = 0
    while i < len(lines):
        j = i
        roles = []
        while j < len(lines):
            cell = text[lines[j][0] : lines[j][1]].strip()
            role = header_role(cell) if cell and len(cell) <= _STACKED_CELL else None
            if role is None:
                break
            roles.append(role)
            j += 1
        width = j - i
        if width < 3 or "unit" not in roles or not any(r in value_roles for r in roles):
            i = max(j, i + 1)
            continue
        rows = []
        while j + width <= len(lines):
            chunk = lines[j : j + width]
            cells = [text[a:b].strip() for a, b in chunk]
            if not all(cells) or not any(c[:1].isdigit() for c in cells):
                break
            rows.append((chunk[0][0], chunk[-1][1]))
            j += width
        if rows:
            header = tuple(text[a:b].strip() for a, b in lines[i : i + width])
            out.append(
                TableLayout(
                    header=header,
                    header_span=(lines[i][0], lines[i + width - 1][1]),
                    rows=tuple(rows),
                    caption_span=caption_above(text, lines[i][0]),
                )
            )
        i = max(j, i + 1)
    return tuple(out)


def caption_above(text: str, start: int) -> tuple[int, int] | None:
    """The span of the non-empty line right above ``start`` (blank lines skipped)."""
    end = start - 1
    while end > 0 and text[end - 1] in " \n\t":
        end -= 1
    if end <= 0:
        return None
    line_start = text.rfind("\n", 0, end) + 1
    return (line_start, end) if text[line_start:end].strip() else None


# The patterns above, with the first-character guard and the required-text filter
# (llmx.core.scanre): same matches, fewer tries.
from llmx.core.scanre import guard_patterns  # noqa: E402 - after the patterns it guards

guard_patterns(globals())
