"""Counts of online public services by level, told after the count of all of them: "cung cấp
1.816 dịch vụ công trực tuyến, gồm 368 mức độ 2, 397 mức độ 3 và 1.051 mức độ 4", "offered
1,816 online public services: 368 at level 2, 397 at level 3 and 1,051 at level 4",
"including 368 level-2, 397 level-3 and 1,051 level-4 services". Each item is a count of its
own, named by the services the head count counts and the item's level ("số dịch vụ công
trực tuyến mức độ 3", "number of level-3 online public services"); the head count itself is
read by the count readers.

Matched on the text as written (numbers keep their group separators: "1.051", "1,051").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from llmx.core.numbers import parse_vn_number

# The head: a count of services, then the words that open its breakdown.
_HEAD = re.compile(
    r"(?P<n>\d{1,3}(?:[.,]\d{3})+|\d{1,5})\s+"
    r"(?P<what>dịch vụ công trực tuyến|dịch vụ công|DVCTT|(?:online )?public services|OPS)"
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
        english = head.group("what")[0] in "oOpP" or head.group("what") == "OPS"
        what = "online public services" if english else _vi_what(head.group("what"))
        at = head.end()
        items: list[re.Match[str]] = []
        while (m := _ITEM.match(original, at)) is not None:
            items.append(m)
            join = _ITEM_JOIN.match(original, m.end())
            if join is None:
                break
            at = join.end()
        if len(items) < 2:
            continue  # one item is no breakdown ("1.816 dịch vụ, trong đó 368 mức độ 2 …"
            # is read by the count readers as it is)
        for m in items:
            value = parse_vn_number(m.group("n")) if not english else _en_number(m.group("n"))
            if value is None:
                continue
            level = m.group("level")
            name = (
                f"number of level-{level} {what}" if english else f"số {what} mức độ {level}"
            )
            unit = "services" if english else "dịch vụ"
            out.append(LevelCount(m.start("n"), m.end("n"), value, level, unit, name))
    return out


def _vi_what(written: str) -> str:
    return "dịch vụ công trực tuyến" if written.upper() == "DVCTT" else written.lower()


def _en_number(raw: str) -> float | None:
    digits = raw.replace(",", "")
    return float(digits) if digits.isdigit() else None
