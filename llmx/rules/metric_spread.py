"""The ends and the middle of the field an index ranks, told as the country's figures ("Tính
chung toàn quốc, điểm trung bình đạt 42,27 điểm; mức cao nhất là 48,06 điểm và mức thấp nhất
37,22 điểm", "điểm trung vị là 65,22 điểm"): metrics of ``Việt Nam`` named "điểm <index> cao
nhất", "điểm trung vị <index>" (the vocabulary's ``metric`` entries labelled ``spread``, with
the name's words in ``attrs.name``).

A median is the field's whatever the sentence is about (no unit has one); the highest and
lowest are the field's only where the sentence speaks of the whole country (its national
cues) and no unit is named in the clause before them ("Bắc Giang có điểm cao nhất là …" is
that province's result).
"""

from __future__ import annotations

import re
from functools import cache

from llmx.core.numbers import parse_vn_number
from llmx.core.vocab import Entry, get_vocab
from llmx.rules.metric_figure import MetricFigure

# The value a cue announces: right after it, with at most "là"/"đạt"/"ở mức" between.
_VALUE_AFTER = re.compile(
    r"\s*(?:la|dat|o muc|chi|chi dat|len toi|:)?\s*(?P<v>\d{1,3}(?:[.,]\d+)?)\s*(?P<u>%|diem)"
)
# A cue opens its clause: the sentence start, a clause mark, "và" or a bracket before it.
_OPENS = re.compile(r"(?:^|[;:,(]|\bva)\s*$")
_NATIONAL = re.compile(r"\b(?:toan quoc|ca nuoc|tinh chung|63 tinh|cac tinh, thanh pho)\b")
_MAX_SCORE = 100


Spread = MetricFigure  # one shape for every figure reader (metric_figure)


@cache
def _cues() -> tuple[tuple[Entry, re.Pattern[str]], ...]:
    vocab = get_vocab()
    return tuple(
        (e, vocab.matcher(e)) for e in vocab.entries if e.kind == "metric" and e.label == "spread"
    )


def find_spread(f: str, original: str, named_at: list[int], index: str | None) -> list[Spread]:
    """The field's figures of one Vietnamese sentence (folded ``f``); ``named_at``: where the
    units the sentence names end; ``index``: the short name of the index it is about."""
    if index is None or not any(w in f for w in ("cao nhat", "thap nhat", "trung vi")):
        return []
    national = bool(_NATIONAL.search(f))
    out: list[Spread] = []
    for entry, rx in _cues():
        for cue in rx.finditer(original):
            if not _OPENS.search(f, max(0, cue.start() - 6), cue.start()):
                continue
            median = entry.attrs.get("median") == "yes"
            clause = max(f.rfind(";", 0, cue.start()), f.rfind(". ", 0, cue.start()), 0)
            if not median and (not national or any(clause <= e <= cue.start() for e in named_at)):
                continue
            m = _VALUE_AFTER.match(f, cue.end())
            if m is None:
                continue
            raw = m["v"]
            value = parse_vn_number(raw)
            if value is not None and value > _MAX_SCORE and re.fullmatch(r"\d{1,3}\.\d{3}", raw):
                value = float(raw)  # "48.059 điểm": a PAPI score, no score is 48 059
            if value is None or value > _MAX_SCORE:
                continue
            unit = "%" if m["u"] == "%" else "điểm"
            name = entry.attrs["name"].replace("{index}", index)
            out.append(Spread(m.start("v"), m.end("u"), value, unit, name))
    return out


# ---- English: a field told as a range across units -----------------------------------------
# "Provincial SIPAS results ran from 73.81% to 95.26%", "with provincial results ranging from
# 78.16% to 90.59%": the units' level, what was measured (an index's short name, or nothing:
# the rate the sentence gave the level of), then the range.
_EN_RANGE = re.compile(
    r"\b(?P<who>provincial|local|district-level|commune-level|ministerial)\s+"
    r"(?P<what>(?:[A-Z]{2,6}\s+)?(?:index\s+)?)(?P<noun>results|scores|rates|levels|figures)\s+"
    r"(?:ranged|ranging|ran|range|varied|varying|went)\s+from\s+"
    r"(?P<lo>\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)\s+to\s+"
    r"(?P<hi>\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)",
    re.IGNORECASE,
)


def find_en_range(original: str, level_name: str | None) -> list[Spread]:
    """The country's lowest and highest of a range across units in one English sentence;
    ``level_name``: the rate whose level the sentence gave before the range, which a range
    naming no index is of."""
    if " from " not in original:
        return []
    out: list[Spread] = []
    for m in _EN_RANGE.finditer(original):
        what = m["what"].strip()
        if what:
            measured = f"{m['who'].lower()} {what} {m['noun'][:-1].lower()}"
        elif level_name is not None:
            measured = f"{m['who'].lower()} {level_name}"
        else:
            continue  # "the values ranged from …": of what, the sentence does not say
        lo, hi = float(m["lo"]), float(m["hi"])
        if lo > hi or hi > _MAX_SCORE:
            continue
        out.append(Spread(m.start("lo"), m.end("lo"), lo, "%", f"lowest {measured}"))
        out.append(Spread(m.start("hi"), m.end("hi"), hi, "%", f"highest {measured}"))
    return out
