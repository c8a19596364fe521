"""How an English index is built: "The PAPI index has 8 content dimensions (…), 28
sub-dimensions, more than 120 indicators and more than 550 questions", "The index is built
from 42 sub-indexes on perceptions and 10 more on expectations". Each part counted is a
figure of the country (the index is the country's), named "number of <index> <parts>" with
the topic the parts are on, in the unit of the parts as written.

The verbs and the parts are the vocabulary's (metric_en.toml: ``en_index_built``,
``en_index_part``); the index must be named right before the verb ("The PAPI index has",
"the SIPAS is built from") or be "The index" of a sentence about one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from llmx.core.vocab import get_vocab

# The index right before the verb: its short name (with "index"), or "the index".
_INDEX_BEFORE = re.compile(
    r"\b(?:[Tt]he\s+)?(?:(?P<short>[A-Z]{3,6})(?:\s+[Ii]ndex)?|[Ii]ndex)\s+$"
)
# One counted part after the verb or after the last part: a joiner, a qualifier, the number.
_ITEM = re.compile(
    r"\s*(?:,\s*|\s+and\s+|,\s+and\s+)?(?:(?:more than|over|nearly|about|some)\s+)?"
    r"(?P<v>\d{1,3}(?:,\d{3})*)\s+"
)
_MORE = re.compile(r"more\b")  # "and 10 more on …": more of the last part
_ON = re.compile(r"\s+on\s+(?P<topic>[^,;.()]+?)(?=\s*(?:,|;|\.|\(|$|\s+and\s+\d))")
_TOPIC_MAX_WORDS = 5
_ASIDE = re.compile(r"\s*\([^()]{0,400}\)")


@dataclass(frozen=True)
class IndexPart:
    """One count of an index's parts: where its value is, the value, its unit and name."""

    start: int
    end: int
    value: float
    unit: str
    name: str


@cache
def _rx(kind: str, label: str) -> tuple[re.Pattern[str], ...]:
    vocab = get_vocab()
    return tuple(
        vocab.matcher(e)
        for e in vocab.entries
        if e.kind == kind and e.lang == "en" and e.label == label
    )


def _part_at(original: str, pos: int) -> re.Match[str] | None:
    hits = [m for rx in _rx("count_unit", "en_index_part") if (m := rx.match(original, pos))]
    return max(hits, key=lambda m: m.end()) if hits else None


def find_index_parts(original: str, index: str | None) -> list[IndexPart]:
    """The counts of an index's parts in one English sentence; ``index``: the short name of
    the index the sentence is about (for "The index is built from …")."""
    out: list[IndexPart] = []
    for rx in _rx("metric_verb", "en_index_built"):
        for verb in rx.finditer(original):
            named = _INDEX_BEFORE.search(original, max(0, verb.start() - 24), verb.start())
            if named is None:
                continue
            short = named["short"].upper() if named["short"] else index
            if short is None:
                continue
            out += _parts(original, verb.end(), short)
    return out


def _parts(original: str, pos: int, short: str) -> list[IndexPart]:
    out: list[IndexPart] = []
    last: tuple[str, str] | None = None  # the last part's words and unit, for "10 more"
    while True:
        item = _ITEM.match(original, pos)
        if item is None:
            break
        part = _part_at(original, item.end())
        if part is not None:
            words = part.group(0).split()
            unit = words[-1]
            what = " ".join(w for w in words if w not in ("content",))
            end = part.end()
        elif last is not None and (more := _MORE.match(original, item.end())):
            what, unit = last
            end = more.end()
        else:
            break
        on = _ON.match(original, end)
        name = f"number of {short} {what}"
        if on is not None:
            end = on.end()
            if len(on["topic"].split()) <= _TOPIC_MAX_WORDS:
                name = f"{name} on {on['topic']}"  # a longer one is a remark, not a title
        out.append(
            IndexPart(item.start("v"), item.end("v"), float(item["v"].replace(",", "")), unit, name)
        )
        last = (what, unit)
        aside = _ASIDE.match(original, end)
        pos = aside.end() if aside else end
    return out
