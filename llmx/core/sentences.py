"""Sentence spans for Vietnamese news text, with offsets into the original string."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# A sentence ends at . ! ? … or ; followed by space and an upper-case letter, a digit or an
# opening quote/bracket, or at a line break. Abbreviations like "TP." and "Sở NN." don't end
# a sentence because a name (capitalised) follows them; handled by the _ABBREV check.
_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“(A-ZÀ-Ỹ0-9Đ])|\n+")
_ABBREV = re.compile(r"(?:\b(?:TP|Tp|tp|TX|TT|Q|P|H|X|ThS|TS|PGS|GS|Th|Mr|Ms|Dr|St)\.)$")
# "No." before a number is "number" ("came in at No. 20"); elsewhere it may end a sentence.
_NUMBER_ABBREV = re.compile(r"\bNos?\.$")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraphs(text: str) -> Iterator[Span]:
    """Non-empty lines (news text has one paragraph per line)."""
    pos = 0
    for line in text.split("\n"):
        s, e = _trim(text, pos, pos + len(line))
        if e > s:
            yield Span(s, e)
        pos += len(line) + 1


def sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[Span]:
    """Sentence spans of ``text[start:end]`` (offsets into ``text``)."""
    end = len(text) if end is None else end
    cur = start
    for m in _END.finditer(text, start, end):
        if "\n" not in m.group(0) and (
            _ABBREV.search(text, max(cur, m.start() - 5), m.start())
            or (
                _NUMBER_ABBREV.search(text, max(cur, m.start() - 5), m.start())
                and text[m.end() : m.end() + 1].isdigit()
            )
        ):
            continue
        s, e = _trim(text, cur, m.start())
        if e > s:
            yield Span(s, e)
        cur = m.end()
    s, e = _trim(text, cur, end)
    if e > s:
        yield Span(s, e)


# The patterns above, with the first-character guard and the required-text filter
# (llmx.core.scanre): same matches, fewer tries.
from llmx.core.scanre import guard_patterns  # noqa: E402 - after the patterns it guards

guard_patterns(globals())
