"""Tables of figures per level of government: a header naming what each column measures
("Cấp | Hồ sơ tiếp nhận | Hồ sơ trực tuyến | Tỷ lệ trực tuyến") over rows that each give one
level ("Cấp huyện | 6.776 | 2.521 | 37,76%"). Each cell is a metric of the province the
article is about, named by its column (a count's column opens "số …") and its row's level,
as an analyst's table titles it ("số hồ sơ tiếp nhận cấp huyện"); the levels are the
vocabulary's (``metric`` entries ``government_level``). Ranking tables, whose rows are units
with results of their own, are the index results' (rules/tables.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from llmx.core.numbers import parse_vn_number
from llmx.core.textnorm import fold
from llmx.core.vocab import get_vocab

_CELL_SEP = re.compile(r"\s*\|\s*")
_NUMBER_CELL = re.compile(r"\d[\d.,]*\s*%?")
_MIN_COLUMNS = 3  # a label and at least two measures
_MIN_ROWS = 2
_COUNT_HEAD = re.compile(r"^(?:so|tong so)\b")
_RATE_HEAD = re.compile(r"^(?:ty le|ti le)\b")
_UNIT_WORDS = 2  # a count's unit: the first words of its column ("Hồ sơ tiếp nhận" -> "hồ sơ")


@dataclass(frozen=True)
class LevelCell:
    """One cell: where it is in the text, its value, unit and name, and its row's span."""

    start: int
    end: int
    value: float
    unit: str
    name: str
    row: tuple[int, int]


def _levels() -> tuple[re.Pattern[str], ...]:
    return get_vocab().matchers("metric", "government_level")


def _is_level(label: str) -> bool:
    return any(rx.fullmatch(label.strip()) for rx in _levels())


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _measure(header: str) -> tuple[str, str | None]:
    """A column's name as a column title and its count's unit (None: a rate's column)."""
    said = header.strip()
    said = f"{said[0].lower()}{said[1:]}"
    f = fold(said)
    if _RATE_HEAD.match(f):
        return said, None
    words = said.split()
    if _COUNT_HEAD.match(f):
        return said, " ".join(words[1 : 1 + _UNIT_WORDS])
    return f"số {said}", " ".join(words[:_UNIT_WORDS])


def _level_name(label: str) -> str:
    said = label.strip()
    said = f"{said[0].lower()}{said[1:]}"
    return said if fold(said).startswith("cap ") else f"tại {said}"


def find_level_tables(text: str) -> list[LevelCell]:
    """The cells of the document's tables of figures per level of government."""
    if "|" not in text:
        return []
    out: list[LevelCell] = []
    lines = _lines(text)
    i = 0
    while i < len(lines):
        header = _CELL_SEP.split(lines[i][1].strip())
        rows = []
        j = i + 1
        while j < len(lines) and "|" in lines[j][1]:
            cells = _CELL_SEP.split(lines[j][1].strip())
            if len(cells) != len(header) or not _is_level(cells[0]):
                break
            if not all(_NUMBER_CELL.fullmatch(c) for c in cells[1:]):
                break
            rows.append(j)
            j += 1
        if (
            len(header) >= _MIN_COLUMNS
            and len(rows) >= _MIN_ROWS
            and not any(re.search(r"\d", h) for h in header)
        ):
            for r in rows:
                out += _row_cells(lines[r], header)
            i = j
        else:
            i += 1
    return out


def _row_cells(row: tuple[int, str], header: list[str]) -> list[LevelCell]:
    start, line = row
    cells = _CELL_SEP.split(line.strip())
    level = _level_name(cells[0])
    out: list[LevelCell] = []
    pos = start + line.index(cells[0]) + len(cells[0])
    for head, cell in zip(header[1:], cells[1:], strict=True):
        at = line.index(cell, pos - start) + start
        pos = at + len(cell)
        value = parse_vn_number(cell.rstrip("% "))
        if value is None:
            continue
        measure, unit = _measure(head)
        is_rate = cell.endswith("%")
        if is_rate != (unit is None) or not unit and not is_rate:
            continue  # a rate's column holds percentages, a count's column counts
        out.append(
            LevelCell(
                at,
                pos,
                value,
                "%" if is_rate else unit or "",
                f"{measure} {level}",
                (start, start + len(line)),
            )
        )
    return out
