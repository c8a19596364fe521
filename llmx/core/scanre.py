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

import functools
import re
import sys
from collections.abc import Iterator, MutableMapping
from collections.abc import Set as AbstractSet
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


def first_chars(source: str, flags: int = 0, parsed: Any = None) -> str | None:
    """A character class every match of ``source`` starts with, or None when there is
    none to tell (or ``re`` already skips to such a character by itself). ``parsed``:
    ``source`` parsed already (``re._parser.parse``)."""
    try:
        parsed = P.parse(source, flags) if parsed is None else parsed
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


def guarded(pattern: re.Pattern[str], parsed: Any = None) -> re.Pattern[str]:
    """``pattern`` with the first-character lookahead, or ``pattern`` itself."""
    chars = first_chars(pattern.pattern, pattern.flags, parsed)
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
            # Parsed once for both (parsing is most of what guarding costs an import);
            # the lookahead the guard adds requires no text, so the original's parse tells
            # the guarded pattern's required texts.
            parsed = P.parse(value.pattern, value.flags)
            namespace[name] = prefiltered(guarded(value, parsed), parsed)


# -- required texts ------------------------------------------------------------------------
#
# Most of the rules' patterns cannot match a sentence at all: an English one in a Vietnamese
# sentence, one about ranks in a sentence without "thu", "hang" or "vi tri". ``re`` still
# walks the sentence (with the guard, from one possible first character to the next) to find
# that out. Every match of most patterns contains one of a few literal texts (one of "%",
# "diem", "percent", "point" for a score), and ``str.__contains__`` looks for a text in C
# many times faster than ``re`` tries a pattern: a sentence holding none of them is turned
# away without the pattern being tried. Matches are unchanged, as the texts are read off the
# parsed pattern: only what every match consumes, never lookarounds, and no pattern with
# case-insensitive parts.

_MAX_EXACT = 32  # the most strings a part of a pattern is followed as exactly
_MAX_NEEDLES = 24  # the most texts a pattern is filtered on (each is one scan of the text)
_MAX_CLASS = 4  # a character class of up to this many characters is followed exactly
_NOCASE = re.IGNORECASE | re.LOCALE
_WINDOW = 48  # a window shorter than this is tried without looking (Prefiltered)


def _usable(texts: AbstractSet[str] | None) -> bool:
    """Whether a set of texts can filter: some, none empty, not too many to look for."""
    return texts is not None and 0 < len(texts) <= _MAX_NEEDLES and all(texts)


def _strength(texts: AbstractSet[str]) -> tuple[int, int]:
    """How many texts a set of required texts turns away: longest shortest text, then fewest."""
    return min(map(len, texts)), -len(texts)


def _strongest(candidates: list[AbstractSet[str] | None]) -> frozenset[str] | None:
    """The usable candidate that turns most texts away."""
    usable = [frozenset(c) for c in candidates if c is not None and _usable(c)]
    if not usable:
        return None
    return max(usable, key=_strength)


def _needles_seq(seq: Any) -> tuple[set[str] | None, frozenset[str] | None]:
    """(every string the sequence matches, when they are few; texts one of which every match
    contains, or None)."""
    run: set[str] = {""}  # the strings the run of exactly known elements so far matches
    exact = True
    candidates: list[AbstractSet[str] | None] = []
    # A parsed SubPattern's items, read off its list: indexing it goes through Python
    # (__getitem__), most of what reading the required texts cost an import.
    for op, av in seq.data if isinstance(seq, P.SubPattern) else seq:
        strings, needles = _needles_node(op, av)
        if strings is not None:
            joined = {a + b for a in run for b in strings}
            if len(joined) <= _MAX_EXACT:
                run = joined
                continue
            candidates.append(run)
            run, exact = set(strings), False
            continue
        exact = False
        candidates += [run, needles]
        run = {""}
    candidates.append(run)
    return (run if exact else None), _strongest(candidates)


def _needles_node(op: Any, av: Any) -> tuple[set[str] | None, frozenset[str] | None]:
    if op in _ZERO_WIDTH:
        return {""}, None  # consumes nothing: the texts on either side stay adjacent
    if op is C.LITERAL:
        return {chr(av)}, None
    if op is C.IN:
        chars: set[str] = set()
        for o, a in av:
            if o is C.LITERAL:
                chars.add(chr(a))
            elif o is C.RANGE and a[1] - a[0] < _MAX_CLASS:
                chars.update(chr(c) for c in range(a[0], a[1] + 1))
            else:
                return None, None
        return (chars, None) if len(chars) <= _MAX_CLASS else (None, None)
    if op is C.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if (add_flags | del_flags) & _NOCASE:
            return None, None
        return _needles_seq(sub)
    if op is C.ATOMIC_GROUP:
        return _needles_seq(av)
    if op is C.BRANCH:
        every: set[str] | None = set()
        union: set[str] | None = set()  # one of each alternative's required texts
        for alt in av[1]:
            strings, found = _needles_seq(alt)
            if every is not None:
                every = every | strings if strings is not None else None
                if every is not None and len(every) > _MAX_EXACT:
                    every = None
            if strings is not None and _usable(strings):
                found = frozenset(strings)
            if union is not None:
                union = union | found if found is not None else None
        return every, (frozenset(union) if union is not None and _usable(union) else None)
    if op in _REPEATS:
        low, high, sub = av
        strings, inner = _needles_seq(sub)
        if low == 0:
            return (strings | {""} if high == 1 and strings is not None else None), None
        if strings is not None and _usable(strings):
            inner = frozenset(strings)
        return (strings if low == high == 1 else None), inner
    return None, None  # any character, a category, a back-reference, …


def required_texts(source: str, flags: int = 0, parsed: Any = None) -> frozenset[str] | None:
    """Texts one of which every match of ``source`` contains, or None when there are none
    to tell (or too many). ``parsed``: as for ``first_chars``."""
    if flags & _NOCASE:
        return None
    try:
        parsed = P.parse(source, flags) if parsed is None else parsed
    except re.error:
        return None
    if parsed.state.flags & _NOCASE:
        return None
    strings, needles = _needles_seq(parsed)
    if strings is not None:
        needles = _strongest([strings, needles])
    if not needles:
        return None
    # a text that holds another adds nothing: the shorter one is there whenever it is
    return frozenset(s for s in needles if not any(o != s and o in s for o in needles))


class Prefiltered:
    """A compiled pattern that first looks for its required texts (``required_texts``):
    ``search``, ``finditer``, ``findall``, ``sub``, ``subn`` and ``split`` answer "no
    match" without trying the pattern when the text holds none of them. ``match`` and
    ``fullmatch`` (tried at one place) and everything else are the pattern's own."""

    __slots__ = (
        "compiled", "needles", "pattern", "flags", "groups", "groupindex", "match",
        "fullmatch", "_search", "_finditer",
    )  # fmt: skip

    def __init__(self, compiled: re.Pattern[str], needles: frozenset[str]) -> None:
        self.compiled = compiled
        self.needles = tuple(sorted(needles, key=lambda s: (-len(s), s)))
        self.pattern = compiled.pattern
        self.flags = compiled.flags
        self.groups = compiled.groups
        self.groupindex = compiled.groupindex
        self.match = compiled.match
        self.fullmatch = compiled.fullmatch
        self._search = compiled.search
        self._finditer = compiled.finditer

    # The texts are looked for in the whole string, or in a window of it longer than
    # _WINDOW (a short window is tried at once: looking costs about what trying does).

    def _absent(self, string: str, pos: int, endpos: int) -> bool:
        pos, endpos = max(pos, 0), max(endpos, 0)  # str.find counts negatives from the end
        if endpos - pos < _WINDOW:
            return False
        for n in self.needles:
            if string.find(n, pos, endpos) >= 0:
                return False
        return True

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if pos == 0 and endpos >= len(string):
            for n in self.needles:
                if n in string:
                    return self._search(string)
            return None
        if self._absent(string, pos, endpos):
            return None
        return self._search(string, pos, endpos)

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        if pos == 0 and endpos >= len(string):
            for n in self.needles:
                if n in string:
                    return self._finditer(string)
            return iter(())
        if self._absent(string, pos, endpos):
            return iter(())
        return self._finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        if self._absent(string, pos, endpos):
            return []
        return self.compiled.findall(string, pos, endpos)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        if self._absent(string, 0, len(string)):
            return string
        return self.compiled.sub(repl, string, count)

    def subn(self, repl: Any, string: str, count: int = 0) -> tuple[str, int]:
        if self._absent(string, 0, len(string)):
            return string, 0
        return self.compiled.subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        if self._absent(string, 0, len(string)):
            return [string]
        return self.compiled.split(string, maxsplit)

    def __getattr__(self, name: str) -> Any:
        if name == "compiled":  # not set yet (a copy being built): no recursion
            raise AttributeError(name)
        return getattr(self.compiled, name)  # scanner, and whatever else ``re`` adds

    def __repr__(self) -> str:
        return f"Prefiltered({self.compiled!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (prefiltered, (self.compiled,))


def prefiltered(pattern: re.Pattern[str], parsed: Any = None) -> re.Pattern[str]:
    """``pattern`` looking for its required texts first (a ``Prefiltered``), or ``pattern``
    itself when every match need not contain any of a few texts. ``parsed``: the parse
    of ``pattern``'s source, or of one with the same required texts."""
    needles = required_texts(pattern.pattern, pattern.flags, parsed)
    if needles is None:
        return pattern
    return Prefiltered(pattern, needles)  # type: ignore[return-value]  # same methods


# -- one scan per sentence ------------------------------------------------------------------

# Several readers of one sentence scan it with the same pattern (the years it compares with
# are read for the measured years and for the comparison itself; the first index it names by
# the index, metric and English readers): ``all_matches`` runs each (pattern, text) once and
# hands the same matches to every reader. Safe to share: a pattern's matches on a string are
# a pure function of the two, and ``re.Match`` objects are immutable. The cache is small on
# purpose: it holds the patterns of the last sentence or two (a sentence repeated later in
# the document or corpus is simply scanned again), so it never grows with the corpus.
_SHARED_SCANS = 64


@functools.lru_cache(maxsize=_SHARED_SCANS)
def all_matches(pattern: re.Pattern[str], text: str) -> tuple[re.Match[str], ...]:
    """``tuple(pattern.finditer(text))``, computed once for the last few (pattern, text)."""
    return tuple(pattern.finditer(text))
