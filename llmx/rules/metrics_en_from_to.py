"""English rates told as a move between two dated levels: "the share of eligible services
delivered online rose from 28 percent in 2021 to 51.5 percent in August 2024". Each level is
a record of the rate in its own year (CONVENTIONS: a change is not the level; here both
levels are stated), the later one titled with its period when that is shorter than a year
("(August 2024)"), as an analyst titles a column of a dated figure.

The move verbs are the vocabulary's (``metric_verb`` ``en_move_verb``, metric_en.toml); the
name is the rate's noun phrase, the subject of the verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from llmx.core.vocab import get_vocab

# "from 28 percent in 2021 to 51.5 percent in August this year": both levels, each dated.
_FROM_TO = re.compile(
    r"\s+from\s+(?P<a>\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)\s+in\s+(?P<ya>(?:19|20)\d\d)"
    r"\s+to\s+(?P<b>\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)"
    r"(?:\s+(?:in|by)\s+(?P<when>(?:(?:early|mid|late|end)[- ])?"
    r"(?:(?P<month>January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+)?(?:(?P<yb>(?:19|20)\d\d)|this year)))?"
)
# The rate's noun phrase before the verb: from the clause's start (a comma, or the
# sentence's start), its determiner left out.
_SUBJECT = re.compile(
    r"(?:^|[,;:]\s*)(?:(?:the|its|their)\s+)?(?P<np>[A-Za-z][\w' -]{2,80}?)\s*$", re.IGNORECASE
)
# The subject must be a rate: its head word says so ("satisfaction rate", "share of …").
_RATE_WORD = re.compile(r"\b(?:rate|share|proportion|percentage|ratio)\b", re.IGNORECASE)
_MAX_WORDS = 12


@dataclass(frozen=True)
class EnLevel:
    """One level of a moving rate: where its value is, the value, its name and year (None:
    the article's own year, "this year")."""

    start: int
    end: int
    value: float
    name: str
    year: int | None


@cache
def _verbs() -> tuple[re.Pattern[str], ...]:
    vocab = get_vocab()
    return tuple(
        vocab.matcher(e)
        for e in vocab.entries
        if e.kind == "metric_verb" and e.lang == "en" and e.label == "en_move_verb"
    )


def find_en_levels(original: str) -> list[EnLevel]:
    """The two levels of each rate the sentence moves from one dated level to another."""
    if " from " not in original or " to " not in original:
        return []  # most sentences
    out: list[EnLevel] = []
    for rx in _verbs():
        for verb in rx.finditer(original):
            span = _FROM_TO.match(original, verb.end())
            if span is None:
                continue
            subject = _SUBJECT.search(original, 0, verb.start())
            if subject is None:
                continue
            name = subject.group("np").strip()
            name = name[0].lower() + name[1:]
            if not _RATE_WORD.search(name) or len(name.split()) > _MAX_WORDS:
                continue
            later = int(span["yb"]) if span["yb"] else None
            # "in August 2024": a level of a month is titled with it; "this year" leaves the
            # year to the article's (the caller's) and the title to the rate alone
            titled = f"{name} ({span['when']})" if span["month"] and later else name
            a, b = float(span["a"]), float(span["b"])
            if a > 100 or b > 100:
                continue
            out.append(EnLevel(span.start("a"), span.end("a"), a, name, int(span["ya"])))
            out.append(EnLevel(span.start("b"), span.end("b"), b, titled, later))
    return sorted(out, key=lambda x: x.start)


# "Bac Giang's Gross Regional Domestic Product (GRDP) grew by 13.45 per cent": the growth of
# what the subject names (its short form when the text gives one), a change told as such.
_GREW_BY = re.compile(
    r"(?:^|[,;:]\s*|\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*'s\s+|\b(?:the|its|their)\s+)"
    r"(?P<np>[A-Za-z][\w -]{2,60}?)(?:\s+\((?P<short>[A-Z]{2,6})\))?\s+"
    r"(?:grew|expanded|increased|rose)\s+(?:by\s+)?"
    r"(?P<v>\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)"
)
# A subject that is a unit's score, rank or rate moves as a change of that (other readers'),
# not as a growth figure.
_NOT_GROWTH = re.compile(r"\b(?:score|rank|ranking|index|rate|share|points?)\b", re.IGNORECASE)


def find_en_growth(original: str) -> list[EnLevel]:
    """The growth figures of one English sentence ("… (GRDP) grew by 13.45 per cent" ->
    "GRDP growth"), with no year of their own (the sentence's)."""
    if "grew" not in original and "expanded" not in original and " by " not in original:
        return []
    out: list[EnLevel] = []
    for m in _GREW_BY.finditer(original):
        np = m["np"].strip()
        if _NOT_GROWTH.search(np) or len(np.split()) > 6:
            continue
        what = m["short"] or f"{np[0].lower()}{np[1:]}"
        out.append(EnLevel(m.start("v"), m.end("v"), float(m["v"]), f"{what} growth", None))
    return out
