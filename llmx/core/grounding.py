"""Grounding: find a quote in the source and check a record's numbers against its quote.

These rules are the promise llmx makes to its users: a value that cannot be read from its
quote is never stored.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from llmx.core.numbers import close, says_held, values_in
from llmx.core.textnorm import fold_keep_offsets

AlignmentStatus = Literal["exact", "whitespace", "folded"]

_QUOTE_CHARS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " "})


@dataclass(frozen=True, slots=True)
class Alignment:
    start: int
    end: int
    status: AlignmentStatus


def _loose_pattern(quote: str) -> re.Pattern[str] | None:
    words = quote.translate(_QUOTE_CHARS).split()
    if not words:
        return None
    parts = []
    for w in words:
        # Typographic and straight quotes are interchangeable in copied text.
        esc = re.escape(w).replace('"', '["“”]').replace("'", "['‘’]")
        parts.append(esc)
    return re.compile(r"\s+".join(parts))


def align_quote(text: str, quote: str, *, hint: int = 0) -> Alignment | None:
    """Locate ``quote`` in ``text``: exactly, then with whitespace and quote marks relaxed,
    then ignoring case and diacritics. ``hint`` prefers the occurrence at or after it."""
    quote = quote.strip()
    if not quote:
        return None
    i = text.find(quote, hint)
    if i < 0:
        i = text.find(quote)
    if i >= 0:
        return Alignment(i, i + len(quote), "exact")
    pat = _loose_pattern(quote)
    if pat is None:
        return None
    m = pat.search(text, hint) or pat.search(text)
    if m:
        return Alignment(m.start(), m.end(), "whitespace")
    folded_pat = _loose_pattern(fold_keep_offsets(quote))
    folded_text = fold_keep_offsets(text)
    if folded_pat is not None:
        m = folded_pat.search(folded_text, hint) or folded_pat.search(folded_text)
        if m:
            return Alignment(m.start(), m.end(), "folded")
    return None


def value_grounded(value: float, quote: str, *, derived: bool = False) -> bool:
    """True when ``value`` can be read from ``quote``. With ``derived`` (rank or score
    changes), the difference of two numbers written in the quote also counts, as in
    'tăng từ thứ 27 lên thứ 8', and a change of 0 is read from words that say the place was
    held ('giữ vững vị trí', 'retained')."""
    if derived and value == 0 and says_held(quote):
        return True
    found = values_in(quote)
    target = abs(value)
    if target in found and math.isfinite(target):
        return True  # read as written: most values are (close() needs finite numbers)
    if any(close(target, v) for v in found):
        return True
    if derived:
        vals = sorted(found)
        return any(close(target, abs(a - b)) for a in vals for b in vals if a != b)
    return False


def year_grounded(year: int, quote: str) -> bool:
    """True when ``year`` is written in ``quote``. Exactly: the relative tolerance numbers
    get would read 2021 for 2022."""
    return any(v == year for v in values_in(quote))


def name_grounded(name: str, quote: str) -> bool:
    """A name (initiative, component) is grounded when it occurs in the quote, ignoring case,
    diacritics, spacing and quote marks."""
    norm = lambda s: " ".join(fold_keep_offsets(s.translate(_QUOTE_CHARS)).split())  # noqa: E731
    return norm(name).strip("\"' ") in norm(quote)
