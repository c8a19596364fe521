"""Who a sentence is about: provinces (gazetteer), districts, communes, departments,
ministries; and the document's main entity, used when a sentence names none."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from llmx.core.divisions import DivisionMention, find_divisions, lookup_divisions
from llmx.core.gazetteer import Mention, Province, get_gazetteer
from llmx.core.textnorm import fold, fold_keep_offsets
from llmx.core.vocab import get_vocab
from llmx.core.vocab.compile import folded_source
from llmx.rules import lexicon as lx

_DISTRICT_PREFIX = {
    "tp.": "TP.", "tp": "TP.", "thành phố": "TP.", "thị xã": "thị xã", "tx.": "thị xã",
    "huyện": "huyện", "quận": "quận",
}  # fmt: skip
_NATION_RE = re.compile(
    r"\b(?:gia tri |diem )?(?:trung binh|binh quan) (?:chung )?(?:cua )?(?:ca nuoc|toan quoc)\b"
)
_COMMUNE_PREFIX = {"xã": "xã", "phường": "phường", "thị trấn": "thị trấn"}
# The type word a unit's name is given with (eval/CONVENTIONS.md): "TP. Lào Cai".
_UNIT_PREFIX = {"thành phố": "TP."}
# "xã" right after "thị" is the town ("thị xã"), not a commune.
_THI_BEFORE_RE = re.compile(r"(?:^|[^\w])[Tt]hị\s+$")

# Provincial bodies ranked with the departments, named with the level word the text gives
# ("Thanh tra tỉnh", "Văn phòng UBND thành phố"); matched on folded text.
PROVINCIAL_BODY_EXAMPLES = (
    "Ban Dân tộc tỉnh", "Ban Dân tộc", "Ban Quản lý Khu Kinh tế, công nghiệp tỉnh",
    "Ban Quản lý các khu công nghiệp", "Ban Quản lý khu kinh tế", "Thanh tra thành phố",
    "Thanh tra tỉnh", "Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân thành phố",
    "Văn phòng Đoàn ĐBQH và HĐND tỉnh",
)  # fmt: skip
_LEVEL_WORD = r"(?: (?:tinh|thanh pho))"
_ZONE = r"(?:kinh te|cong nghiep|cong nghe cao|che xuat)"
_PROVINCIAL_BODY_RE = re.compile(
    rf"\bban dan toc{_LEVEL_WORD}?\b"
    rf"|\bban quan ly (?:cac )?khu {_ZONE}(?:(?:,| va) (?:cac )?(?:khu )?{_ZONE})*{_LEVEL_WORD}?\b"
    rf"|\bthanh tra{_LEVEL_WORD}\b"
    rf"|\bvan phong (?:ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan){_LEVEL_WORD}\b"
    rf"|\bvan phong doan (?:dbqh|dai bieu quoc hoi) va (?:hdnd|hoi dong nhan dan){_LEVEL_WORD}\b"
)

# A provincial branch of a central agency right before a province's name ("Cục Hải quan
# Quảng Ninh", "Cục Thuế tỉnh Kiên Giang"): the branch is the unit, named with its province
# (the vocabulary's agency entries labelled "branch", unit.toml).
_BRANCH_BEFORE_RE = re.compile(
    r"\b(?:"
    + "|".join(
        folded_source(e.pattern)
        for e in get_vocab().entries
        if e.kind == "agency" and e.label == "branch"
    )
    + r")\s+(?:(?:tinh|thanh pho|tp\.?)\s+)?$"
)


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
    provinces = get_gazetteer().find(seg)
    found = _units(seg, fseg, start, provinces)
    found += _agencies(seg, fseg, start)
    for m in _NATION_RE.finditer(fseg):
        found.append(EntityMention(start + m.start(), start + m.end(), "Việt Nam", "nation"))
    for pm in provinces:
        prov = pm.item
        found.append(
            EntityMention(start + pm.start, start + pm.end, prov.name, "province", prov.name)
        )
        found += _branch_of(seg, fseg, start, pm)
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    out: list[EntityMention] = []
    for e in found:
        if out and e.start < out[-1].end:
            continue  # overlapped by an earlier/longer mention (e.g. the city in "TP. Huế")
        out.append(e)
    return out


def _branch_of(seg: str, fseg: str, start: int, pm: Mention[Province]) -> list[EntityMention]:
    """The agency branch a province's name completes ("Cục Thuế tỉnh Kiên Giang"), if any:
    it starts earlier, so it wins over the bare province when overlaps are resolved."""
    m = _BRANCH_BEFORE_RE.search(fseg, max(0, pm.start - 40), pm.start)
    if m is None:
        return []
    name = " ".join(seg[m.start() : pm.end].split())
    return [EntityMention(start + m.start(), start + pm.end, name, "department", pm.item.name)]


def _units(
    seg: str, fseg: str, start: int, provinces: list[Mention[Province]]
) -> list[EntityMention]:
    """Districts, towns, cities inside a province, communes and wards: the published
    division lists first (they know "thị xã Hòa Thành" is a town and which province
    "huyện Quảng Ninh" lies in), then a type word before a capitalised name the lists lack."""
    mentions = find_divisions(seg, provinces=provinces, folded=fseg)
    found = _divisions(seg, start, mentions)
    taken = [(e.start, e.end) for e in found]
    for e in _typed_units(seg, start):
        if not any(e.start < b and a < e.end for a, b in taken):
            found.append(e)
    # the provinces whose districts the segment names as such ("Dong Da district came first,
    # followed by Hoan Kiem"): a bare name listed beside them is that province's district
    listing = {e.province for e in found if e.level == "district" and e.province}
    for dm in mentions if listing else []:
        if dm.type is not None and dm.level is not None:
            continue  # read above
        districts = [d for d in dm.candidates if d.level == "district" and d.province in listing]
        a, b = start + dm.start, start + dm.end
        if len(districts) == 1 and not any(e.start < b and a < e.end for e in found):
            d = districts[0]
            name = f"{_UNIT_PREFIX.get(d.type, d.type)} {d.name}"
            found.append(EntityMention(a, b, name, "district", d.province))
    return found


def _divisions(seg: str, start: int, mentions: list[DivisionMention]) -> list[EntityMention]:
    out = []
    for dm in mentions:
        level, type_word = dm.level, dm.type
        if level is None or type_word is None:
            continue  # a bare name that may be a district or a (2025) commune: not ours to pick
        written = seg[dm.name_start : dm.end]
        if not _has_marks(written) and fold(written) == fold(dm.name):
            written = dm.name  # "Nam Tu Liem" in English text: the unit's name, with its marks
        name = f"{_UNIT_PREFIX.get(type_word, type_word)} {written}"
        out.append(EntityMention(start + dm.start, start + dm.end, name, level, dm.province))
    return out


def _has_marks(text: str) -> bool:
    """Whether ``text`` carries any Vietnamese diacritic (then it is kept as written)."""
    return fold(text) != text.lower()


def _typed_units(seg: str, start: int) -> list[EntityMention]:
    """A type word and the capitalised words after it (a unit the division lists lack)."""
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
    found += _english_units(seg, start)
    for m in lx.COMMUNE_RE.finditer(seg):
        name = _capitalised(m.group(2))
        if name and not _THI_BEFORE_RE.search(seg, max(0, m.start() - 4), m.start()):
            prefix = _COMMUNE_PREFIX.get(m.group(1).lower(), m.group(1).lower())
            found.append(
                EntityMention(
                    start + m.start(), start + m.start(2) + len(name), f"{prefix} {name}", "commune"
                )
            )
    return found


# Capitalised words an English sentence opens with, not part of a unit's name.
_EN_LEADING = frozenset("The In At Of For By And From To With Its Their Meanwhile".split())


def _english_units(seg: str, start: int) -> list[EntityMention]:
    """"Nam Chinh commune", "Soc Trang ward": a unit named before its English type word, given
    the Vietnamese type word and, where the division lists know the name, its diacritics."""
    gz = get_gazetteer()
    found: list[EntityMention] = []
    for m in lx.EN_UNIT_RE.finditer(seg):
        words = m.group(1).split()
        while words and words[0] in _EN_LEADING:
            words = words[1:]
        if not words:
            continue
        name = " ".join(words)
        vi_type, level = lx.EN_UNIT_TYPES[m.group(2).lower()]
        if level == "district" and gz.lookup(name) is not None:
            continue  # "the Hai Duong district": a province's name, not a district's
        known = lookup_divisions(f"{vi_type} {name}") or lookup_divisions(name)
        levels = {d.level for d in known}
        if known and levels == {level}:
            d = known[0]
            name = d.name if all(k.name == d.name for k in known) else name
            if level == "district" and all(k.type == d.type for k in known):
                vi_type = _UNIT_PREFIX.get(d.type, d.type)
        prov = known[0].province if len({d.province for d in known}) == 1 and known else None
        at = m.start(1) + m.group(1).index(words[0])
        found.append(
            EntityMention(start + at, start + m.end(), f"{vi_type} {name}", level, prov)
        )
    return found


def _agencies(seg: str, fseg: str, start: int) -> list[EntityMention]:
    """Departments and provincial bodies, and ministries (canonical names from the table)."""
    found: list[EntityMention] = []
    # One scan serves both the department filter and the ministry mentions below.
    ministries = list(lx.MINISTRY_RE.finditer(fseg))
    ministry_starts = {m.start() for m in ministries}
    for m in [*lx.DEPARTMENT_RE.finditer(fseg), *_PROVINCIAL_BODY_RE.finditer(fseg)]:
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
        name = _department_name(raw) if level == "department" else None
        found.append(
            EntityMention(start + m.start(), start + m.end(), name or _canon_unit(raw), level)
        )
    found += _english_departments(fseg, start, [(e.start - start, e.end - start) for e in found])
    for m in ministries:
        if fseg.startswith("bo", m.start()) and m.start() > 0 and fseg[m.start() - 1].isalnum():
            continue
        if m.group() in lx.MINISTRY_ACRONYMS and not lx.acronym_written(seg[m.start() : m.end()]):
            continue  # "most", "Mic": an English word, not the acronym
        assert m.lastgroup is not None  # every alternative is a named group
        name = lx.MINISTRIES[int(m.lastgroup[1:])][0]
        found.append(EntityMention(start + m.start(), start + m.end(), name, "ministry"))
    return found


_EN_DEPARTMENT_RE = re.compile(r"\b(?:provincial |city )?department of ")


def _english_departments(
    fseg: str, start: int, taken: list[tuple[int, int]]
) -> list[EntityMention]:
    """ "the Department of Transport": a province's department, named as the ministry of the
    same portfolio is in English ("Ministry of Transport" -> "Sở Giao thông vận tải")."""
    out: list[EntityMention] = []
    for m in _EN_DEPARTMENT_RE.finditer(fseg):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        probe = "ministry of " + fseg[m.end() : m.end() + 80]
        hit = lx.MINISTRY_RE.match(probe)
        if hit is None or hit.lastgroup is None or hit.end() <= len("ministry of "):
            continue
        ministry = lx.MINISTRIES[int(hit.lastgroup[1:])][0]
        department = get_gazetteer().ministry(ministry).department_name
        if department is None:
            continue
        end = m.end() + hit.end() - len("ministry of ")
        name = department
        out.append(EntityMention(start + m.start(), start + end, name, "department"))
    return out


def _department_name(raw: str) -> str | None:
    """A department named by its sector's abbreviation ("Sở NN&PTNT", "Sở KH-CN") takes the
    sector's full name from the ministry of the same portfolio ("Bộ NN&PTNT" -> "Bộ Nông
    nghiệp và Phát triển nông thôn" -> "Sở Nông nghiệp và Phát triển nông thôn"). A name
    written out takes it too where the ministry table knows that way of writing it ("Sở Lao
    động Thương binh và Xã hội" -> "Sở Lao động - Thương binh và Xã hội"), else it is kept as
    the text gives it (a province's portfolio may differ from a ministry's)."""
    head, _, sector = " ".join(raw.split()).partition(" ")
    if fold(head) != "so" or not sector:
        return None
    m = lx.MINISTRY_RE.fullmatch(fold(f"bo {sector}"))
    if m is None or m.lastgroup is None:
        return None
    ministry = lx.MINISTRIES[int(m.lastgroup[1:])][0]
    return get_gazetteer().ministry(ministry).department_name


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


# The patterns above, each with a lookahead on the characters its matches start with
# (same matches; re skips to those characters instead of trying every position).
from llmx.core.scanre import guard_patterns  # noqa: E402 - after the patterns it guards

guard_patterns(globals())
