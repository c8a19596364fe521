"""A first-character guard for the rules' regular expressions.

``re`` looks for a match by trying the whole pattern at every position of the text, except
when the pattern starts with a literal or a character class: then it skips in C to the next
position holding one of those characters. Most of the rules' patterns start with ``\\b``, a
look-behind or an optional group ("(?:gia tri )?(?:trung binh|binh quan)"), which turns that
skip off, so a sentence costs one full attempt per character per pattern. A lookahead on the
characters a match can start with, ``(?=[gtb])``, brings the skip back (measured: two to
four times faster on such patterns, a tenth of the rules' time on the corpus).

The guard only turns away positions where no match can start (every match begins with one of
those characters), so matches, groups and ``lastgroup`` are unchanged; a pattern whose first
character cannot be told (it may match the empty string, or start with any character) is
left as it is, and so is one ``re`` already skips for.

    guard_patterns(globals())   # at the end of a module: its module-level patterns guarded
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

_CATEGORIES = {
    C.CATEGORY_DIGIT: r"\d",
    C.CATEGORY_NOT_DIGIT: r"\D",
    C.CATEGORY_WORD: r"\w",
    C.CATEGORY_NOT_WORD: r"\W",
    C.CATEGORY_SPACE: r"\s",
    C.CATEGORY_NOT_SPACE: r"\S",
}
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


class _Unknown(Exception):
    """The first character of a match cannot be told from the pattern."""


def _first(seq: Any) -> tuple[list[tuple[str, Any]], bool]:
    """(what a match of the parsed sequence can start with, whether it can be empty)."""
    items: list[tuple[str, Any]] = []
    for op, av in seq:
        if op in _ZERO_WIDTH:
            continue  # \b, look-behind, lookahead: they consume nothing
        if op is C.LITERAL:
            return [*items, ("lit", av)], False
        if op is C.IN:
            for o, a in av:
                if o is C.LITERAL:
                    items.append(("lit", a))
                elif o is C.RANGE:
                    items.append(("range", a))
                elif o is C.CATEGORY and a in _CATEGORIES:
                    items.append(("cat", a))
                else:  # a negated class, or one that ``re`` writes some other way
                    raise _Unknown
            return items, False
        if op is C.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                raise _Unknown  # "(?i:…)": the guard would match with other flags
            found, empty = _first(sub)
        elif op is C.ATOMIC_GROUP:
            found, empty = _first(av)
        elif op is C.BRANCH:
            found, empty = [], False
            for alt in av[1]:
                f, e = _first(alt)
                found += f
                empty = empty or e
        elif op in _REPEATS:
            low, _high, sub = av
            found, empty = _first(sub)
            empty = empty or low == 0
        else:  # any character, a back-reference, a conditional group, …
            raise _Unknown
        items += found
        if not empty:
            return items, False
    return items, True


def _head(seq: Any) -> tuple[Any, Any] | None:
    """The pattern's first element, inside the groups it opens with."""
    while len(seq):
        op, av = seq[0]
        if op is not C.SUBPATTERN or av[1] or av[2]:
            return op, av
        seq = av[3]
    return None


def _skips_itself(seq: Any) -> bool:
    """Whether the pattern starts with what ``re`` skips to by itself: a literal, a class,
    alternatives that each start so, or a repeat (at least once) of one."""
    head = _head(seq)
    if head is None:
        return False
    op, av = head
    if op in (C.LITERAL, C.IN):
        return True
    if op is C.BRANCH:
        return all(_skips_itself(alt) for alt in av[1])
    if op in _REPEATS:
        return av[0] >= 1 and _skips_itself(av[2])
    return False


def first_chars(source: str, flags: int = 0) -> str | None:
    """A character class every match of ``source`` starts with, or None when there is
    none to tell (or ``re`` already skips to such a character by itself)."""
    try:
        parsed = P.parse(source, flags)
        if _skips_itself(parsed):
            return None  # re finds its first character itself
        head = _head(parsed)
        if head is None:
            return None
        if head[0] is C.AT and head[1] in (C.AT_BEGINNING, C.AT_BEGINNING_STRING):
            return None  # anchored: tried at one place only
        items, empty = _first(parsed)
    except _Unknown:
        return None
    if empty or not items:
        return None
    parts = []
    for kind, value in dict.fromkeys(items):
        if kind == "lit":
            parts.append(f"\\U{value:08x}")
        elif kind == "range":
            parts.append(f"\\U{value[0]:08x}-\\U{value[1]:08x}")
        else:
            parts.append(_CATEGORIES[value])
    return "[" + "".join(parts) + "]"


def guarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with the first-character lookahead, or ``pattern`` itself."""
    chars = first_chars(pattern.pattern, pattern.flags)
    if chars is None:
        return pattern
    source = pattern.pattern
    lead = _GLOBAL_FLAGS.match(source)  # "(?i)" must stay first
    head = lead.group() if lead else ""
    return re.compile(f"{head}(?={chars})(?:{source[len(head) :]})", pattern.flags)


def guard_patterns(namespace: MutableMapping[str, Any]) -> None:
    """Guard every compiled pattern bound at module level in ``namespace``."""
    for name, value in list(namespace.items()):
        if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
            namespace[name] = guarded(value)
