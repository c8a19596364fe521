"""Who a sentence is about: provinces (gazetteer), districts, communes, departments,
ministries; and the document's main entity, used when a sentence names none."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from llmx.core.gazetteer import Province, get_gazetteer
from llmx.core.textnorm import fold_keep_offsets
from llmx.rules import lexicon as lx

_DISTRICT_PREFIX = {
    "tp.": "TP.", "tp": "TP.", "thành phố": "TP.", "thị xã": "thị xã", "tx.": "thị xã",
    "huyện": "huyện", "quận": "quận",
}  # fmt: skip
_NATION_RE = re.compile(
    r"\b(?:gia tri |diem )?(?:trung binh|binh quan) (?:chung )?(?:cua )?(?:ca nuoc|toan quoc)\b"
)
_COMMUNE_PREFIX = {"xã": "xã", "phường": "phường", "thị trấn": "thị trấn"}


@dataclass(frozen=True, slots=True)
class EntityMention:
    start: int
    end: int
    name: str  # canonical
    level: str  # contract entity_level
    province: str | None = None  # the province it is or belongs to, when known


def _capitalised(words: str) -> str:
    """Leading words that start with a capital (proper-name part of a loose capture)."""
    kept = []
    for w in words.split():
        if not w[:1].isupper():
            break
        kept.append(w)
    return " ".join(kept)


def find_entities(
    text: str, start: int = 0, end: int | None = None, folded: str | None = None
) -> list[EntityMention]:
    """Entity mentions in ``text[start:end]`` with offsets into ``text``; non-overlapping,
    earlier and longer first. ``folded`` is ``fold_keep_offsets(text)`` when the caller has it."""
    end = len(text) if end is None else end
    seg = text[start:end]
    fseg = folded[start:end] if folded is not None else fold_keep_offsets(seg)
    gz = get_gazetteer()
    found: list[EntityMention] = []

    for m in lx.DISTRICT_RE.finditer(seg):
        name = _capitalised(m.group(2))
        if not name:
            continue
        prefix = _DISTRICT_PREFIX.get(m.group(1).lower(), m.group(1).lower())
        name_end = m.start(2) + len(name)
        prov = gz.lookup(name)
        if prov is not None and prefix == "TP." and prov.kind == "thành phố":
            # "TP. Hồ Chí Minh", "thành phố Cần Thơ": a centrally-run city = a province.
            found.append(
                EntityMention(
                    start + m.start(2), start + name_end, prov.name, "province", prov.name
                )
            )
            continue
        # "TP. Lào Cai", "TP. Buôn Ma Thuột", "huyện X": a unit inside a province.
        found.append(
            EntityMention(
                start + m.start(),
                start + name_end,
                f"{prefix} {name}",
                "district",
                prov.name if prov is not None else None,
            )
        )
    for m in lx.COMMUNE_RE.finditer(seg):
        name = _capitalised(m.group(2))
        if name:
            prefix = _COMMUNE_PREFIX.get(m.group(1).lower(), m.group(1).lower())
            found.append(
                EntityMention(
                    start + m.start(), start + m.start(2) + len(name), f"{prefix} {name}", "commune"
                )
            )
    # One scan serves both the department filter and the ministry mentions below.
    ministries = list(lx.MINISTRY_RE.finditer(fseg))
    ministry_starts = {m.start() for m in ministries}
    for m in lx.DEPARTMENT_RE.finditer(fseg):
        if m.start() in ministry_starts:
            continue  # the ministry table names it (canonically)
        raw = seg[m.start() : m.end()]
        level = (
            "ministry"
            if fseg.startswith(
                ("bo ", "van phong chinh", "thanh tra chinh", "ngan hang", "uy ban dan"), m.start()
            )
            else "department"
        )
        found.append(EntityMention(start + m.start(), start + m.end(), _canon_unit(raw), level))
    for m in ministries:
        if fseg.startswith("bo", m.start()) and m.start() > 0 and fseg[m.start() - 1].isalnum():
            continue
        if m.group() in lx.MINISTRY_ACRONYMS and not lx.acronym_written(seg[m.start() : m.end()]):
            continue  # "most", "Mic": an English word, not the acronym
        assert m.lastgroup is not None  # every alternative is a named group
        name = lx.MINISTRIES[int(m.lastgroup[1:])][0]
        found.append(EntityMention(start + m.start(), start + m.end(), name, "ministry"))
    for m in _NATION_RE.finditer(fseg):
        found.append(EntityMention(start + m.start(), start + m.end(), "Việt Nam", "nation"))
    for pm in gz.find(seg):
        prov = pm.item
        found.append(
            EntityMention(start + pm.start, start + pm.end, prov.name, "province", prov.name)
        )
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    out: list[EntityMention] = []
    for e in found:
        if out and e.start < out[-1].end:
            continue  # overlapped by an earlier/longer mention (e.g. the city in "TP. Huế")
        out.append(e)
    return out


def _canon_unit(raw: str) -> str:
    """'sở Tư pháp' -> 'Sở Tư pháp': capitalise the head word, keep the rest as written."""
    raw = " ".join(raw.split())
    return raw[:1].upper() + raw[1:]


def main_entity(
    title: str | None, text: str, entities: list[EntityMention] | None = None
) -> EntityMention | None:
    """The entity a document is about: most mentioned, with the title counting triple and
    sub-province units preferred when the title names one."""
    counts: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], EntityMention] = {}
    # In title order: iterating a set here made the choice depend on the hash seed.
    title_keys: dict[tuple[str, str], None] = {}
    if title:
        for e in find_entities(title):
            key = (e.name, e.level)
            counts[key] += 3
            title_keys[key] = None
            first.setdefault(key, e)
    # The lead decides; page footers with teasers come later.
    head = entities if entities is not None else find_entities(text[:20000])
    for e in head:
        if e.start >= 20000:
            break
        key = (e.name, e.level)
        counts[key] += 1
        first.setdefault(key, e)
    if not counts:
        return None
    for key in title_keys:
        if key[1] in ("district", "department", "ministry", "commune"):
            return first[key]
    key = max(counts, key=lambda k: (counts[k], k in title_keys))
    return first[key]


def province_of(name: str) -> Province | None:
    return get_gazetteer().lookup(name)
