"""A cheap necessary condition for a big alternation of names: a lookahead on the first
literal letters (up to six) every alternative starts with. Python's regex engine tries each
alternative in turn at every word start; the lookahead turns most word starts away after a
character or two. It only rejects positions where no alternative could match, so matches
are unchanged. (A leading \\b also keeps the engine from its own first-character scan, so
without the lookahead INDEX_ANY_RE took ~9 ms per seed document; with it ~1 ms.)"""

from __future__ import annotations

import re
from collections.abc import Iterable

from llmx.core.wordtrie import word_alternation

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


# How many literal characters a head may have: longer heads turn more word starts away
# ("ch" lets "cho", "chi", "chung" through; "chinh q" does not), but each distinct head is one
# more alternative the lookahead tries. Measured on the seeds: 6 scans fastest.
_MAX_HEAD = 6


def _heads(alt: str) -> set[str] | None:
    """The literal texts (2 to ``_MAX_HEAD`` characters) one of which ``alt`` must start
    with, or None when it need not start with any. A leading group (optional or not) is
    opened: "(?:a|b) c" starts with "a c" or "b c"."""
    alt = alt.removeprefix(r"\b")
    alt = _LOOKBEHIND.sub("", alt, count=1) if alt.startswith("(?<") else alt
    alt = alt.removeprefix(r"\b")
    if alt.startswith(("(?:", "(?P<")):
        return _group_heads(alt)
    n = 0
    while n < min(len(alt), _MAX_HEAD) and alt[n] not in _META:
        n += 1
    if alt[n : n + 1] in _QUANTIFIER and n < len(alt):
        n -= 1  # the quantifier makes the last character optional or repeated
    return {alt[:n]} if n >= 2 else None


def _group_heads(alt: str) -> set[str] | None:
    body = alt.index(">") + 1 if alt.startswith("(?P<") else 3
    close = _group_end(alt)
    rest = alt[close + 1 :]
    optional = rest[:1] == "?"
    if rest[:1] in ("*", "+", "{"):
        return None
    if optional:
        rest = rest[1:].removeprefix("?")  # "??" is a lazy "?"
    out: set[str] = set()
    branches = [a + rest for a in alternatives(alt[body:close])] + ([rest] if optional else [])
    for branch in branches:
        heads = _heads(branch)
        if heads is None:
            return None
        out |= heads
    return out


def _group_end(pattern: str) -> int:
    """Index of the ``)`` closing the group ``pattern`` starts with."""
    depth, i = 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = pattern.index("]", i + 2 if pattern[i + 1 : i + 2] in ("]", "^") else i + 1) + 1
            continue
        depth += c == "("
        depth -= c == ")"
        if depth == 0:
            return i
        i += 1
    raise ValueError(f"unbalanced group in {pattern!r}")


def word_start_lookahead(patterns: Iterable[str]) -> str:
    """``(?=abc|de|…)`` for the alternatives of ``patterns``, or "" (no filter) when some
    alternative does not start with two literal characters."""
    heads: set[str] = set()
    for pattern in patterns:
        for alt in alternatives(pattern):
            if alt == _NEVER:
                continue
            found = _heads(alt)
            if found is None:
                return ""
            heads |= found
    # A head another one starts with adds nothing: "chinh" covers "chinh q".
    kept = [h for h in sorted(heads) if not any(h != o and h.startswith(o) for o in heads)]
    # As a trie: a plain alternation of a hundred heads is a hundred tries per word start.
    return "(?=" + word_alternation(kept) + ")" if kept else ""
