"""Relative changes of a unit's score: "with 80.87 points, a rise of 4.3%", "đạt 0,4736, tăng
66,29%", "its score grew by 2.8%".

A change in percent of a score told in points (or on the 0-1 scale) is no score change
(eval/CONVENTIONS.md: a relative change is a metric named as a change). The cues are the
vocabulary's (``metric`` entries ``relative_change`` and, in percent, ``average_change``, with
their ``sign``); this module says
where they must stand: right after the unit's score ("80.87 points, a rise of 4.3%"), or
naming the score itself (``attrs.after = "subject"``: "its score grew by 2.8%"). A change
with no score before it ("tăng 12,4%" of a count of dossiers) is left to the other readers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from llmx.core.numbers import parse_vn_number
from llmx.core.vocab import Entry, get_vocab

# A score right before a change (folded text): "80.87 points, ", "0,4736, ", "48,5 điểm và ".
_SCORE_BEFORE = re.compile(
    r"(?<![\d.,])(?:\d{1,3}(?:[.,]\d{1,3})?\s*(?:points?|diem)|0[.,]\d{2,4})"
    r"\s*,\s*(?:(?:and|va)\s+)?$"
)
_SCORE_WINDOW = 40
# Every cue holds a percent: a cheap test before the cues.
_PERCENT_HINT = re.compile(r"%|percent|per cent")
# A score before a change, or a cue naming one: a second cheap test.
_SCORE_HINT = re.compile(
    r"\d\s*(?:diem|points?)\b|\b0[.,]\d\d|\b(?:its|their) (?:score|index|result)"
)


@dataclass(frozen=True)
class RelativeChange:
    """One relative change: where its value is, the value (unsigned), its sign, the
    language of the cue, the year it is compared with when told, and where the score it
    changes starts (the cue's start when the cue names the score itself)."""

    start: int
    end: int
    value: float
    sign: int
    lang: str
    compared: int | None
    score_at: int


@cache
def _matchers() -> tuple[tuple[Entry, re.Pattern[str]], ...]:
    vocab = get_vocab()
    return tuple(
        (e, vocab.matcher(e))
        for e in vocab.entries
        if e.kind == "metric" and e.label in ("relative_change", "average_change")
    )


def _number(raw: str, lang: str) -> float | None:
    if lang == "vi":
        return parse_vn_number(raw)
    try:
        return float(raw.replace(",", "")) if re.fullmatch(r"\d+(?:\.\d+)?", raw) else None
    except ValueError:
        return None


def find_relative_changes(f: str, original: str) -> list[RelativeChange]:
    """The relative changes of one sentence (folded ``f``, ``original`` text), one per value,
    in text order."""
    if not _PERCENT_HINT.search(f) or not _SCORE_HINT.search(f):
        return []
    best: dict[int, tuple[int, RelativeChange]] = {}  # value start -> (cue length, change)
    for entry, rx in _matchers():
        for m in rx.finditer(original):
            if entry.attrs.get("after") == "subject":
                score_at = m.start()
            else:
                score = _SCORE_BEFORE.search(f, max(0, m.start() - _SCORE_WINDOW), m.start())
                if score is None:
                    continue
                score_at = score.start()
            if "%" not in m.group(0) and "percent" not in m.group(0).replace("percentage", ""):
                continue  # "tăng 1,2 điểm": a score change, the index results' own
            value = _number(m["num"], entry.lang)
            if value is None or value > 1000:
                continue
            year = m.groupdict().get("year")
            change = RelativeChange(
                m.start("num"),
                m.end(),
                value,
                entry.sign or 1,
                entry.lang,
                int(year) if year else None,
                score_at,
            )
            length = m.end() - m.start()
            if m.start("num") not in best or best[m.start("num")][0] < length:
                best[m.start("num")] = (length, change)
    return [c for _, (_, c) in sorted(best.items())]


# The patterns above, with the first-character guard and the required-text filter
# (llmx.core.scanre): same matches, fewer tries.
from llmx.core.scanre import guard_patterns  # noqa: E402 - after the patterns it guards

guard_patterns(globals())
