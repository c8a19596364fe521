"""Counts broken down by level, told after the count of all of them.

Online public services by level: "cung cấp 1.816 dịch vụ công trực tuyến, gồm 368 mức độ 2,
397 mức độ 3 và 1.051 mức độ 4", "offered 1,816 online public services: 368 at level 2, 397 at
level 3 and 1,051 at level 4", "including 368 level-2, 397 level-3 and 1,051 level-4
services". Procedures (or dossiers) by level of government: "có 1.876 thủ tục hành chính,
trong đó cấp tỉnh 1.520, cấp huyện 234, cấp xã 122", "2,011 administrative procedures in
total: 1,569 at the provincial level, 300 at the district level and 142 at the commune
level". Each item is a count of its own, named by what the head count counts and the item's
level ("số dịch vụ công trực tuyến mức độ 3", "số thủ tục hành chính cấp xã", "number of
commune-level administrative procedures"); the head count itself is read by the count
readers.

Matched on the text as written (numbers keep their group separators: "1.051", "1,051").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from llmx.core.numbers import parse_vn_number
from llmx.core.textnorm import fold

# The head: a count of services, then the words that open its breakdown.
_HEAD = re.compile(
    r"(?P<n>\d{1,3}(?:[.,]\d{3})+|\d{1,5})\s+"
    r"(?P<what>dịch vụ công trực tuyến|dịch vụ công|DVCTT|(?:online )?public services|OPS"
    r"|thủ tục hành chính|TTHC|(?:administrative )?procedures)"
    r"(?:\s+(?:in total|in all|nói chung))?"
    r"\s*(?:[,:]\s*)?(?:(?:trong đó(?: có)?|gồm(?: có)?|bao gồm|including|of which)\s+|(?<=:)\s*)",
    re.IGNORECASE,
)
# One item of the breakdown: "368 mức độ 2", "397 dịch vụ mức độ 3", "368 at level 2",
# "368 level-2".
_ITEM = re.compile(
    r"(?P<n>\d{1,3}(?:[.,]\d{3})+|\d{1,5})\s+"
    r"(?:(?:dịch vụ|DVC)\s+)?(?:(?:ở|at)\s+)?(?:mức độ|mức|level)[\s-](?P<level>[1-4])\b"
    r"(?:\s+(?:services|OPS))?",
    re.IGNORECASE,
)
# One item by level of government: "cấp tỉnh 1.520", "1.520 cấp tỉnh", "1,569 at the
# provincial level".
_GOV_ITEM = re.compile(
    r"(?:cấp (?P<gov>tỉnh|huyện|xã)(?:\s+(?:là|có))?\s+(?P<n>\d{1,3}(?:[.,]\d{3})+|\d{1,5})\b"
    r"|(?P<n2>\d{1,3}(?:[.,]\d{3})+|\d{1,5})\s+(?:(?:thủ tục|TTHC)\s+)?(?:ở\s+|thuộc\s+)?cấp "
    r"(?P<gov2>tỉnh|huyện|xã)\b"
    r"|(?P<n3>\d{1,3}(?:,\d{3})+|\d{1,5})\s+at the (?P<gov3>provincial|district|commune|"
    r"communal) level\b)(?![.,]\d)",
    re.IGNORECASE,
)
_GOV_VI = {"tinh": "tỉnh", "huyen": "huyện", "xa": "xã"}
_GOV_EN = {"provincial": "provincial", "district": "district", "commune": "commune",
           "communal": "commune"}  # fmt: skip
_ITEM_JOIN = re.compile(r"\s*(?:,|;|và|and)\s*(?:(?:và|and)\s+)?", re.IGNORECASE)


@dataclass(frozen=True)
class LevelCount:
    start: int  # of the item's number
    end: int
    value: float
    level: str
    unit: str
    name: str


def find_service_levels(original: str) -> list[LevelCount]:
    """The level items of each breakdown after a count of services in ``original``."""
    out: list[LevelCount] = []
    for head in _HEAD.finditer(original):
        english = head.group("what")[0] in "oOpPaA" or head.group("what") == "OPS"
        what = "online public services" if english else _vi_what(head.group("what"))
        at = head.end()
        if _SERVICES.match(head.group("what")):
            out += _service_items(_listed(original, at, _ITEM), english, what)
        else:
            out += _government_items(original, at, english, head.group("what"))
    taken = {c.start for c in out}
    for first in _ITEM.finditer(original):
        # "620 level-3 and 912 level-4 online public services": the items first, the services
        # they count after the last one
        if first.start("n") in taken:
            continue  # an item of a breakdown read above
        items = _listed(original, first.start(), _ITEM)
        tail = _WHAT_AFTER.match(original, items[-1].end()) if items else None
        if tail is None:
            continue
        written = tail.group("what")
        english = written[0] in "oOpP"
        what = "online public services" if english else _vi_what(written)
        found = _service_items(items, english, what)
        out += found
        taken |= {c.start for c in found}
    return out


# The services a headless breakdown counts, said after its last item.
_WHAT_AFTER = re.compile(
    r"\s+(?P<what>(?:online )?public services|dịch vụ công trực tuyến|DVCTT)\b", re.IGNORECASE
)


_SERVICES = re.compile(r"dịch vụ|dvc|online|public|ops", re.IGNORECASE)


def _listed(original: str, at: int, item: re.Pattern[str]) -> list[re.Match[str]]:
    items: list[re.Match[str]] = []
    while (m := item.match(original, at)) is not None:
        items.append(m)
        join = _ITEM_JOIN.match(original, m.end())
        if join is None:
            break
        at = join.end()
    # one item is no breakdown ("1.816 dịch vụ, trong đó 368 mức độ 2 …" is read by the
    # count readers as it is)
    return items if len(items) >= 2 else []


def _service_items(items: list[re.Match[str]], english: bool, what: str) -> list[LevelCount]:
    out: list[LevelCount] = []
    for m in items:
        value = parse_vn_number(m.group("n")) if not english else _en_number(m.group("n"))
        if value is None:
            continue
        level = m.group("level")
        name = f"number of level-{level} {what}" if english else f"số {what} mức độ {level}"
        unit = "services" if english else "dịch vụ"
        out.append(LevelCount(m.start("n"), m.end("n"), value, level, unit, name))
    return out


def _government_items(original: str, at: int, english: bool, written: str) -> list[LevelCount]:
    out: list[LevelCount] = []
    what = (
        "administrative procedures"
        if english
        else ("thủ tục hành chính" if written.upper() == "TTHC" else written.lower())
    )
    for m in _listed(original, at, _GOV_ITEM):
        group = "n" if m.group("n") else "n2" if m.group("n2") else "n3"
        raw = m.group(group)
        value = _en_number(raw) if group == "n3" else parse_vn_number(raw)
        if value is None:
            continue
        if group == "n3":
            level = _GOV_EN[m.group("gov3").lower()]
            name, unit = f"number of {level}-level {what}", "procedures"
        else:
            gov = m.group("gov") or m.group("gov2")
            level = _GOV_VI.get(fold(gov), gov.lower())
            name, unit = f"số {what} cấp {level}", "thủ tục"
        out.append(LevelCount(m.start(group), m.end(group), value, level, unit, name))
    return out


def _vi_what(written: str) -> str:
    return "dịch vụ công trực tuyến" if written.upper() == "DVCTT" else written.lower()


def _en_number(raw: str) -> float | None:
    digits = raw.replace(",", "")
    return float(digits) if digits.isdigit() else None
