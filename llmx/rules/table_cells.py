"""A ranking table's cells read: a score ("88,20", "91,5%", "88,20 điểm"), a place ("5",
"5/63", "thứ 5", "12 (0,4880)" with its value), a change ("+3", "↓2", "(-1)"), and what a
column nobody explains could hold. Used by ``llmx.rules.tables``."""

from __future__ import annotations

import re
from typing import Any

from llmx.core.numbers import parse_vn_number
from llmx.core.textnorm import fold
from llmx.core.vocab import get_vocab
from llmx.rules.lexicon import EN_ORDINALS, VI_ORDINALS

RANK_WITH_TOTAL = re.compile(r"(\d{1,3})\s*/\s*(\d{1,3})")


# A rank cell that gives the value too: "12 (0,4880)", "3 (85,12%)".
_RANK_WITH_VALUE = re.compile(r"(\d{1,3})\s*\(\s*(\d{1,3}[.,]\d+\s*%?)\s*\)")


_SIGNED = re.compile(r"([+\-−–↑↓▲▼])?\s*(\d+(?:[.,]\d+)?)")


_HOLD_CELL = re.compile(
    r"0|giữ nguyên( (vị trí|thứ hạng|hạng|bậc))?|không (đổi|thay đổi)|unchanged|no change|="
)  # "-" is no data, not a hold


# A move written in words: "Tăng 2 bậc", "giảm 3 hạng", "up 4", "lên 2 bậc", "down 1 place".
_MOVE_WORDS = re.compile(
    r"(?P<dir>tăng|lên|up|giảm|tụt|xuống|down)\s*(?P<n>\d+(?:[.,]\d+)?)"
    r"(?:\s*(?:bậc|hạng|thứ hạng|vị trí|điểm|places?|positions?|spots?|points?))?",
    re.IGNORECASE,
)
_DOWN_WORDS = frozenset({"giảm", "tụt", "xuống", "down"})


# A place with its move in brackets: "5 (+2)", "12 (↓3)".
_RANK_WITH_MOVE = re.compile(r"(\d{1,3})\s*\(\s*([+\-−–↑↓▲▼]\s*\d{1,3})\s*\)")


RANK_CELL = re.compile(r"\d{1,3}")


def is_summary(cell: str) -> bool:
    spans = get_vocab().find(cell, {"table_column"}, labels={"summary"})
    return bool(spans) and spans[0].start == 0


# A footnote mark after a figure ("73,02*", "5 (*)") is not part of it.
_FOOTNOTE = re.compile(r"\s*(?:\(\*+\)|\*+|†+)$")


def cell_text(text: str, cell: tuple[int, int]) -> str:
    return _FOOTNOTE.sub("", text[cell[0] : cell[1]].strip())


_SCORE_UNIT = re.compile(r"\s*(?:điểm|diem|points?|pts\.?)$", re.IGNORECASE)


# A place written with its word ("thứ 5", "xếp thứ 5", "hạng 12") or as an English ordinal
# ("5th").
_RANK_WORDS = re.compile(
    r"^(?:(?:xếp|xep)\s+)?(?:thứ|thu|hạng|hang)\s*|^no\.?\s*|(?<=\d)(?:st|nd|rd|th)$",
    re.IGNORECASE,
)


# A score written over its maximum: "25,5/30", "8,5 / 10 điểm", "45.1 (out of 80)".
_OVER_MAXIMUM = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(?:/\s*|\(\s*(?:out of|trên|tối đa)\s*)(\d+(?:[.,]\d+)?)\s*\)?",
    re.IGNORECASE,
)


def score_cell(raw: str) -> tuple[float | None, str | None]:
    """A score cell's value and unit ("88,20", "91,5%", "88,20 điểm", "25,5/30": the
    score, not its maximum)."""
    raw = _SCORE_UNIT.sub("", raw)
    over = _OVER_MAXIMUM.fullmatch(raw.strip())
    if over is not None:
        value, top = parse_vn_number(over.group(1)), parse_vn_number(over.group(2))
        if value is None or top is None or not 0 <= value <= top:
            return None, None
        return value, "points"
    percent = raw.endswith("%")
    value = parse_vn_number(raw.rstrip("%").strip())
    return value, ("percent" if percent else "points") if value is not None else None


def rank_cell(raw: str) -> tuple[int | None, int | None]:
    """A rank cell's place and, when written "5/63", the total ("thứ 5", "5th" too); a place
    in words ("Nhất", "Nhì", "Thứ ba", "First": ordinal.toml) in a column already known to
    hold places."""
    raw = _RANK_WORDS.sub("", raw).strip()
    word = fold(raw).lower()
    if word in VI_ORDINALS or word in EN_ORDINALS:
        return VI_ORDINALS.get(word) or EN_ORDINALS[word], None
    if RANK_CELL.fullmatch(raw):
        return (int(raw), None) if int(raw) > 0 else (None, None)
    m = RANK_WITH_TOTAL.fullmatch(raw)
    if m and 0 < int(m.group(1)) <= int(m.group(2)):
        return int(m.group(1)), int(m.group(2))
    return None, None


def change_cell(raw: str, whole: bool) -> float | None:
    """A change cell's signed value: "+3", "-2", "↑3", "1,25"; 0 for a held place ("-",
    "0", "giữ nguyên"). An unsigned non-zero move has no direction: None. ``whole``: a
    rank change, which is a whole number."""
    if _HOLD_CELL.fullmatch(raw.lower()):
        return 0.0
    words = _MOVE_WORDS.fullmatch(raw)
    if words is not None:
        value = parse_vn_number(words.group("n"))
        if value is None or (whole and value != int(value)):
            return None
        return -value if words.group("dir").lower() in _DOWN_WORDS else value
    if raw.startswith("(") and raw.endswith(")"):
        raw = raw[1:-1].strip()  # "(+3)"
    m = _SIGNED.fullmatch(raw)
    if m is None or m.group(1) is None:
        return None
    value = parse_vn_number(m.group(2))
    if value is None or (whole and value != int(value)):
        return None
    return -value if m.group(1) in "-−–↓▼" else value


def row_values(text: str, cells: list[tuple[int, int]], cols: dict[str, int]) -> dict[str, Any]:
    """The values one group of columns (``value_groups``) gives in a row; empty when none."""
    out: dict[str, Any] = {}
    if "score" in cols:
        score, unit = score_cell(cell_text(text, cells[cols["score"]]))
        if score is not None:
            out["score"], out["score_unit"] = score, unit
    if "rank" in cols:
        raw = cell_text(text, cells[cols["rank"]])
        with_value = _RANK_WITH_VALUE.fullmatch(raw)
        if with_value is not None:
            raw = with_value.group(1)
            if "score" not in out:
                score, unit = score_cell(with_value.group(2).replace(" ", ""))
                if score is not None:
                    out["score"], out["score_unit"] = score, unit
        with_move = _RANK_WITH_MOVE.fullmatch(raw)
        if with_move is not None:
            raw = with_move.group(1)
        rank, total = rank_cell(raw)
        if rank is not None:
            out["rank"], out["rank_total"] = rank, total
            if with_move is not None and "rank_change" not in cols:
                move = change_cell(with_move.group(2).replace(" ", ""), whole=True)
                if move is not None:
                    out["rank_change"] = int(move)
    if out and "rank_change" in cols:
        move = change_cell(cell_text(text, cells[cols["rank_change"]]), whole=True)
        if move is not None:
            out["rank_change"] = int(move)
    if out and "score_change" in cols:
        delta = change_cell(cell_text(text, cells[cols["score_change"]]), whole=False)
        if delta is not None:
            out["score_change"] = delta
    return out


_WHOLE = re.compile(r"\d{1,3}")


_DECIMAL = re.compile(r"\d{1,3}[.,]\d+%?")


def could_hold(values: list[str]) -> set[str]:
    """What a column (or row) of no known role could hold, from its cells: whole numbers up
    to 999 a rank ("5", "5/63"), numbers up to 100 a score; text nothing."""
    cells = [v.strip() for v in values if v.strip() and v.strip() not in ("-", "–", "—")]
    if not cells:
        return set()
    out = set()
    if all(_WHOLE.fullmatch(c) or RANK_WITH_TOTAL.fullmatch(c) for c in cells):
        out.add("rank")
    if all(
        (_WHOLE.fullmatch(c) or _DECIMAL.fullmatch(c))
        and (v := parse_vn_number(c.rstrip("%"))) is not None
        and v <= 100
        for c in cells
    ):
        out.add("score")
    return out


# The patterns above, with the first-character guard and the required-text filter
# (llmx.core.scanre): same matches, fewer tries.
from llmx.core.scanre import guard_patterns  # noqa: E402 - after the patterns it guards

guard_patterns(globals())
