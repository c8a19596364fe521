"""A cheap necessary condition for a big alternation of names: a lookahead on the two
letters every alternative starts with. Python's regex engine tries each alternative in turn
at every word start; the lookahead turns most word starts away after a character or two.
It only rejects positions where no alternative could match, so matches are unchanged."""

from __future__ import annotations

import re
from collections.abc import Iterable

_META = set("\\.^$*+?{}[]|()")
_QUANTIFIER = set("?*+{")
_LOOKBEHIND = re.compile(r"\(\?<[=!][^()]*\)")
_NEVER = "$^"  # an alternative that matches nothing after a word boundary (a placeholder)


def alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of ``pattern`` (split on ``|`` outside groups and classes)."""
    out: list[str] = []
    depth, cur, i = 0, "", 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            cur += pattern[i : i + 2]
            i += 2
            continue
        if c == "[":
            j = pattern.index("]", i + 2 if pattern[i + 1 : i + 2] in ("]", "^") else i + 1)
            cur += pattern[i : j + 1]
            i = j + 1
            continue
        depth += c == "("
        depth -= c == ")"
        if c == "|" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += c
        i += 1
    out.append(cur)
    return out


def _prefix(alt: str) -> str | None:
    """The two literal characters ``alt`` must start with, or None when it need not."""
    alt = alt.removeprefix(r"\b")
    alt = _LOOKBEHIND.sub("", alt, count=1) if alt.startswith("(?<") else alt
    alt = alt.removeprefix(r"\b")
    head = alt[:2]
    if len(head) < 2 or any(c in _META for c in head) or alt[2:3] in _QUANTIFIER:
        return None
    return head


def word_start_lookahead(patterns: Iterable[str]) -> str:
    """``(?=ab|cd|…)`` for the alternatives of ``patterns``, or "" (no filter) when some
    alternative does not start with two literal characters."""
    heads: set[str] = set()
    for pattern in patterns:
        for alt in alternatives(pattern):
            if alt == _NEVER:
                continue
            head = _prefix(alt)
            if head is None:
                return ""
            heads.add(head)
    return "(?=" + "|".join(re.escape(h) for h in sorted(heads)) + ")" if heads else ""
