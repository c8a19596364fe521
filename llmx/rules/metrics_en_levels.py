"""English figures told per level of government: "90,010 records were received at the
provincial level, 136,350 records at the district level and 187,299 at the commune level".
The first figure's reader names what is measured; the level said right after it qualifies
that name, and each figure listed after it with a level of its own is the same measure at
that level, titled as an analyst's column ("number of records received at the district
level"). The levels are the vocabulary's (``metric`` entries ``en_government_level``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from llmx.core.vocab import get_vocab

# A figure's clause may go on for a few words before its level ("… were received at the
# provincial level"); no number, clause break or conjunction may stand between them.
_MAX_WORDS_BEFORE_LEVEL = 6
_GAP = re.compile(r"\s+")
_WORD = re.compile(r"(?P<w>[A-Za-z][\w'-]*)")
# A level as a name already says it, in any form.
_LEVEL_WORD = re.compile(
    r"\b(?:provincial|district|commune|communal|ward|grassroots)(?:[- ]levels?)?\b", re.IGNORECASE
)
_CONJUNCTIONS = frozenset(("and", "while", "but", "whereas", "or"))
# One listed figure: its joint, its value, a percent or a unit of up to three words (up to
# the preposition its level opens on).
_ITEM = re.compile(
    r"(?:\s*,\s*(?:and\s+|while\s+)?|\s*;\s*|\s+(?:and|while|with)\s+)"
    r"(?P<v>\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<pct>\s*(?:%|percent\b|per cent\b))?"
    r"(?P<words>(?:\s+(?!(?:at|on|for)\b)[a-z][\w-]*){0,3})\s+"
)


@dataclass(frozen=True)
class LevelFigure:
    """A figure listed with its own level: where its number is, its value and its level."""

    start: int
    end: int
    value: float
    level: str  # as written: "at the district level"


def _levels() -> tuple[re.Pattern[str], ...]:
    return get_vocab().matchers("metric", "en_government_level")


def _level_at(original: str, pos: int) -> re.Match[str] | None:
    best = None
    for rx in _levels():
        m = rx.match(original, pos)
        if m is not None and (best is None or m.end() > best.end()):
            best = m
    return best


def says_a_level(original: str) -> bool:
    """Whether a sentence names a level of government in English at all (a cheap test
    before its figures are looked at one by one)."""
    return any(rx.search(original) for rx in _levels())


def level_after(original: str, end: int) -> re.Match[str] | None:
    """The level of government said right after a figure ending at ``end``, in its clause:
    at most six words on, with no number, clause break or conjunction between them."""
    if not _levels():
        return None
    pos = end
    for _ in range(_MAX_WORDS_BEFORE_LEVEL + 1):
        gap = _GAP.match(original, pos)
        start = gap.end() if gap else pos
        hit = _level_at(original, start)
        if hit is not None:
            return hit
        word = _WORD.match(original, start)
        if word is None or word["w"].lower() in _CONJUNCTIONS:
            return None
        pos = word.end()
    return None


def listed_levels(original: str, level_end: int, percent: bool, unit: str) -> list[LevelFigure]:
    """The figures listed after a figure's level (which ends at ``level_end``), each followed
    by a level of its own: percents after a percent, counts in the same unit (said or left
    out) after a count."""
    out: list[LevelFigure] = []
    pos = level_end
    head = unit.split()[-1].lower() if unit.split() else ""
    while True:
        m = _ITEM.match(original, pos)
        if m is None or bool(m["pct"]) != percent:
            return out
        words = m["words"].split()
        if words and (percent or words[-1].lower() != head):
            return out  # another measure's figure, not this one's at another level
        level = _level_at(original, m.end())
        if level is None:
            return out
        value = float(m["v"].replace(",", ""))
        out.append(LevelFigure(m.start("v"), m.end("v"), value, level.group(0)))
        pos = level.end()


def names_a_level(name: str) -> bool:
    """Whether a figure's name already says its level ("number of commune-level procedures")."""
    return bool(_LEVEL_WORD.search(name))


def with_level(name: str, level: str) -> str:
    """``name`` at ``level``: a level the name already says is replaced by this one."""
    for rx in _levels():
        said = rx.search(name)
        if said is not None:
            return f"{name[: said.start()]}{level}{name[said.end() :]}"
    return f"{name} {level}"
