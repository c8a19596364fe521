"""Reform metrics: percentages and counts, named by the noun phrase they measure."""

from __future__ import annotations

import re
from typing import Any

from llmx.core.numbers import parse_vn_number
from llmx.core.textnorm import fold
from llmx.rules import lexicon as lx
from llmx.rules.entities import EntityMention

# Numbers that are identifiers or dates, not measurements.
_NOT_A_MEASURE_BEFORE = re.compile(
    r"(?:\bso|de an|muc do|iso|nghi dinh|chi thi|quyet dinh|giai doan|quy|thang|ngay|luc|"
    r"thu|khoan|dieu|phien|lan thu|top|nhom|/|-|:|\bnam)\s*$"
)
_CLAUSE_BREAK = re.compile(r"[;:()]|, (?=[^\d])|\. ")
_VERBS = re.compile(
    r"\s+(?:dat|la|chiem|da|dang|co|tang|giam|len|o muc|khoang|tren|hon|gan|toi|voi|"
    r"tuong ung|bang|lan luot|nam \d{4})(?:\s|$).*$"
)
_MAX_NAME_WORDS = 12
_AS_OF_RE = re.compile(
    r"(?:tinh den|den|tinh toi)\s+(?:het\s+)?ngay\s+\d{1,2}[-/.]\d{1,2}[-/.]((?:19|20)\d\d)"
)
_NATIONAL_SUBJECT_RE = re.compile(r"\b(?:quoc gia|ca nuoc|toan quoc|trung uong)\b")
_LOCAL_SUBJECT_RE = re.compile(r"\b(?:tinh|thanh pho|huyen|thi xa|quan|xa|phuong|dia phuong|so)\b")
_NATION = EntityMention(0, 0, "Việt Nam", "nation")
_DIGIT = re.compile(r"\d")  # the same digits as the value patterns' \d
_FRACTION_RE = re.compile(
    rf"(?<![\d.,/])(?P<a>\d+(?:\.\d{{3}})*)\s*/\s*(?P<b>\d+(?:\.\d{{3}})*)\s+(?P<u>{lx.COUNT_UNITS})\b"
)


def _clause_start(f: str, pos: int) -> int:
    last = 0
    for m in _CLAUSE_BREAK.finditer(f, 0, pos):
        last = m.end()
    return last


def _clean(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" ,;:.-–(")
    words = name.split()
    return " ".join(words[:_MAX_NAME_WORDS])


def _rate_name(f: str, original: str, num_start: int) -> str | None:
    """'tỷ lệ hồ sơ được xử lý trực tuyến đạt 79,15%' -> 'tỷ lệ hồ sơ được xử lý trực tuyến'.
    The latest 'tỷ lệ' head before the number names it, also across a list of values
    ('tỷ lệ … năm 2021 là 98,5%; năm 2022 là 98,89%')."""
    heads = list(lx.RATE_HEAD_RE.finditer(f, 0, num_start))
    if not heads:
        return None
    h = heads[-1].start()
    if len(f[h:num_start].split()) > 40:
        return None
    seg_f = f[h:num_start]
    seg_o = original[h:num_start]
    cut = _VERBS.search(seg_f)
    if cut:
        seg_o = seg_o[: cut.start()]
    cut = re.search(r"[;:(]", seg_o)
    if cut:
        seg_o = seg_o[: cut.start()]
    owner = lx.METRIC_NAME_OWNER_RE.search(f, h, h + len(seg_o))
    if owner:
        seg_o = seg_o[: owner.start() - h]
    return _tidy(f, original, h, h + len(seg_o))


def _tidy(f: str, original: str, s: int, e: int) -> str:
    """The measured noun phrase in ``original[s:e]``: without the verbs that open it
    ("là", "đạt"), cut where a new clause starts ("… là Bộ X", "… do …"), and without the
    dangling words a cut leaves ("đối", "của")."""
    low = original.lower() if len(original.lower()) == len(original) else f
    while s < e and low[s] in " ,:–-":
        s += 1
    lead = lx.METRIC_NAME_LEAD_RE.match(low[s:e])
    if lead:
        s += lead.end()
    stop = lx.METRIC_NAME_STOP_RE.search(low, s, e)
    if stop:
        e = stop.start()
    tail = lx.METRIC_NAME_TAIL_RE.search(low[s:e].rstrip(" ,;:.-–("))
    if tail:
        e = s + tail.start()
    return _clean(original[s:e])


def _following_name(f: str, original: str, pos: int) -> str:
    """Noun phrase after a number: '100% các xã được phủ sóng' -> 'các xã được phủ sóng'."""
    m = re.compile(r"[;:,.()]|\s(?:va|nhung|trong do|tang|giam)\s").search(f, pos)
    end = m.start() if m else len(f)
    return _tidy(f, original, pos, end)


def _count_name(f: str, original: str, unit_start: int, unit: str) -> str:
    """'12 hồ sơ trực tuyến' -> 'số hồ sơ trực tuyến'; an amount ('15 ngày') keeps its noun."""
    phrase = _following_name(f, original, unit_start)
    if not phrase or lx.AMOUNT_UNITS_RE.match(fold(unit)):
        return phrase
    return f"số {phrase}"


def _names_a_thing(phrase: str) -> bool:
    """Whether a phrase after a bare rate names what is measured: a Vietnamese noun phrase
    that opens on a metric unit or a rate's usual nouns."""
    key = fold(phrase)
    return bool(lx.RATE_OBJECT_RE.match(key))


def _preceding_words(original: str, pos: int, n: int = 6) -> str:
    words = re.split(r"\s+", original[:pos].strip())
    return _clean(" ".join(words[-n:]))


def lead_period_year(head: str) -> int | None:
    """The year of the period an article reports on, read from its folded headline and lead
    (the first few hundred characters): the year of its otherwise undated figures."""
    m = lx.PERIOD_YEAR_RE.search(head) or lx.DATELINE_YEAR_RE.search(head)
    return int(m.group(1)) if m else None


def find_metrics(
    f: str,
    original: str,
    ents: list[EntityMention],
    years: list[tuple[int, int]],
    main: EntityMention | None,
    mask: list[bool],
    context_year: int | None = None,
) -> list[dict[str, Any]]:
    """Metrics of one sentence. ``context_year`` is the year an earlier sentence of the
    same paragraph set ("Trong năm 2023, … Tổng hồ sơ đã giải quyết là …")."""
    if not _DIGIT.search(f):
        return []  # every value below is read from digits: most prose has none
    out: list[dict[str, Any]] = []
    as_of = _AS_OF_RE.search(f)
    if as_of:
        years = [*years, (as_of.start(1), int(as_of.group(1)))]
    # "tháng 4/2025" is a year the year finder does not read as one
    periods = [(p.start(1), int(p.group(1))) for p in lx.PERIOD_YEAR_RE.finditer(f)]
    years = sorted({*years, *periods})
    is_target_sentence = bool(lx.TARGET_RE.search(f))

    def owner(pos: int) -> EntityMention | None:
        before = [e for e in ents if e.end <= pos and e.level != "nation"]
        national = [c.end() for c in lx.NATIONAL_FIGURE_RE.finditer(f, max(0, pos - 60), pos)]
        if national and (not before or before[-1].end < national[-1]):
            return _NATION  # "…, bình quân 63 địa phương là 88,37%" after a province's name
        if before:
            if before[-1].level == "ministry" and lx.SURVEY_RE.search(f):
                return _NATION
            return before[-1]
        if _NATIONAL_SUBJECT_RE.search(f, 0, pos) and not _LOCAL_SUBJECT_RE.search(f, 0, pos):
            return _NATION  # "Cổng Dịch vụ công quốc gia có 7,2 triệu tài khoản"
        return main

    def year_at(pos: int) -> int | None:
        before = [y for p, y in years if p <= pos]
        return before[-1] if before else (years[0][1] if years else context_year)

    period = lx.SUB_YEAR_PERIOD_RE.search(f)

    def emit(s: int, e: int, value: float, unit: str, name: str) -> None:
        if any(mask[s:e]) or not name:
            return
        if period and period.start() < s and fold(period.group(0)) not in fold(name):
            # the period is part of what is measured (CONVENTIONS: shorter than a year)
            name = f"{name} {original[period.start() : period.end()]}"
        for i in range(s, e):
            mask[i] = True
        ent = owner(s)
        out.append(
            {
                "entity": ent.name if ent else "không rõ",
                "name": name,
                "value": value,
                "unit": unit,
                "year": year_at(s),
                "is_target": is_target_sentence and bool(lx.TARGET_RE.search(f, 0, s)),
            }
        )

    for m in lx.PERCENT_RE.finditer(f):
        s = m.start("v")
        if _NOT_A_MEASURE_BEFORE.search(f[max(0, s - 14) : s]):
            continue
        value = parse_vn_number(m.group("v"))
        if value is None or value > 100:
            continue
        if lx.BOUND_BEFORE_RE.search(f, max(0, s - 16), s) or lx.BOUND_AFTER_RE.match(f[m.end() :]):
            continue  # a threshold or a range end, not a measured rate
        name = _rate_name(f, original, s)
        if name is None:
            before = f[_clause_start(f, s) : s]
            if re.search(r"\b(?:tang|giam)\s*(?:them\s*)?$", before):
                name = _preceding_words(original, s, 8)
            else:
                following = _following_name(f, original, m.end())
                # "38% là dịch vụ công trực tuyến một phần": the share of what follows. A
                # rate with no head and nothing measured after it has no readable name.
                name = f"tỷ lệ {following}" if _names_a_thing(following) else ""
        emit(m.start(), m.end(), value, "%", name)

    for m in _FRACTION_RE.finditer(f):
        # "1.121/1.807 thủ tục": the count achieved out of a total.
        value = parse_vn_number(m.group("a"))
        total = parse_vn_number(m.group("b"))
        if value is None or total is None or value > total:
            continue
        unit = original[m.start("u") : m.end("u")]
        emit(m.start(), m.end("u"), value, unit, _count_name(f, original, m.start("u"), unit))

    for m in lx.COUNT_RE.finditer(f):
        s = m.start("v")
        if _NOT_A_MEASURE_BEFORE.search(f[max(0, s - 14) : s]):
            continue
        raw = m.group("v")
        if m.group("m"):
            raw = f"{raw} {original[m.start('m') : m.end('m')]}"
        value = parse_vn_number(raw)
        if value is None:
            continue
        if 1990 <= value <= 2100 and "." not in m.group("v") and "," not in m.group("v"):
            continue  # a year followed by a noun ("2022 hồ sơ" is rare, years are common)
        unit = original[m.start("u") : m.end("u")]
        emit(s, m.end("u"), value, unit, _count_name(f, original, m.start("u"), unit))
    return out
