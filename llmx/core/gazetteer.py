"""Gazetteer of Vietnam's 63 pre-2025 provinces, the six socio-economic regions and the
ministries and ministry-level agencies.

Data lives in ``llmx/data/gazetteer.json`` and ``llmx/data/ministries.toml`` and is read
lazily on the first call to :func:`get_gazetteer` / :func:`load_ministries`; importing this
module does no work.

Two kinds of matching:

* :meth:`Gazetteer.lookup` / :meth:`Gazetteer.lookup_region` /
  :meth:`Gazetteer.ministry_by_name` resolve a single name given by
  a caller. They are case-, diacritics-, spacing- and hyphen-insensitive and strip a leading
  administrative prefix ("tỉnh", "thành phố", "TP.", "vùng", ...).
* :meth:`Gazetteer.find` / :meth:`Gazetteer.find_regions` locate mentions in running (NFC)
  text and return offsets into that text. Province names are matched as written
  (diacritics must agree; unaccented aliases only match unaccented text). Because several
  names are ordinary words in lower case ("hòa bình" = peace), a bare name is accepted only
  when every syllable is capitalised; after "tỉnh" / "thành phố" / "TP." any case is
  accepted.
"""

from __future__ import annotations

import functools
import json
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from typing import Any, Generic, TypeVar

from llmx.core.textnorm import fold, swap_tone_placement

REGIONS: tuple[str, ...] = (
    "Trung du và miền núi phía Bắc",
    "Đồng bằng sông Hồng",
    "Bắc Trung Bộ và duyên hải miền Trung",
    "Tây Nguyên",
    "Đông Nam Bộ",
    "Đồng bằng sông Cửu Long",
)
KINDS: tuple[str, ...] = ("tỉnh", "thành phố")

# Successors that are centrally-run cities: their note reads "nay thuộc thành phố ...".
# How many provinces the country has, as a national ranking's size says: 63 until the 2025
# reorganisation, 34 after it (the first from the 2025 merger on).
PROVINCES_BEFORE_2025 = 63
PROVINCES_FROM_2025 = 34
NATIONAL_SIZES = (PROVINCES_BEFORE_2025, PROVINCES_FROM_2025)

_CITY_SUCCESSORS = frozenset({"TP. Hồ Chí Minh", "Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ"})

# Folded keys of aliases that in running text need a "TP"/"thành phố" prefix: the bare
# "Hồ Chí Minh" is usually the person ("Chủ tịch Hồ Chí Minh", "tư tưởng Hồ Chí Minh").
_PREFIX_ONLY = frozenset({"ho chi minh"})
_CITY_PREFIX_KEYS = frozenset({"tp", "thanh pho"})

# Capitalised phrases that contain a province name but are not one. They are matched and
# dropped whole so that no province is found inside them ("Bình Dương" in the Pacific).
_STOP_PHRASES: tuple[str, ...] = ("Thái Bình Dương", "Điện Biên Phủ")

_PROVINCE_PREFIXES = ("tinh ", "thanh pho ", "tp ", "thu do ")
_REGION_PREFIXES = ("vung ", "khu vuc ")

_PUNCT = re.compile(r"[-–—.,;:&/()'’\"“”]")
_SYLLABLE_SPLIT = re.compile(r"[\s\-–—.]+")
_UNIT = re.compile(r"\.\s*|[\s\-–—]+|.", re.S)
_SEP_TOKEN = re.compile(r"[\s\-–—]+")
_SEP_RE = r"(?:\s*[-–—]\s*|\s+)"
_DOT_RE = r"\.\s*"

# In running text: "tỉnh X", "thành phố X", "TP. X", "TP X" (and unaccented forms).
_PREFIX_RE = r"(?:tỉnh|tinh|thành\s+phố|thanh\s+pho)\s+|tp\.\s*|tp\s+"

# A bare capitalised name right after one of these is a street, ward, commune, river or a
# lower administrative unit named after the province, not the province itself.
_BLOCK_BEFORE = re.compile(
    r"(?:^|[^\w])(?:phường|xã|thị\s+trấn|thôn|ấp|quận|huyện|đường|(?<!thành\s)phố|"
    r"xa\s+lộ|đại\s+lộ|quốc\s+lộ|sông)\s+$",
    re.IGNORECASE,
)
# ... or part of a person's name: "Nguyễn Thái Bình", "bà Nguyễn Thị Huế", "ông Hà Nam".
SURNAMES = frozenset(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trương "
    "Lương Đoàn Vương Trịnh Đào Lưu Tạ Quách Kiều Hứa".split()
)
_PERSON_BEFORE_CS = re.compile(r"(?:^|[^\w])(?:" + "|".join(sorted(SURNAMES)) + r"|Thị|Văn)\s+$")
_PERSON_BEFORE_CI = re.compile(r"(?:^|[^\w])(?:ông|bà|anh|chị|cô|đồng\s+chí)\s+$", re.I)
_LOOKBACK = 24
# The word right after a bare name: a Title-case word there usually means the name is part
# of a longer proper noun ("Nam Định Hải", "Hòa Bình Xanh"), unless it is a surname
# ("Sở Nội vụ Bắc Giang Nguyễn Văn A") or another province ("Quảng Nam Đà Nẵng").
# English words written after a province's name for what it is ("Yên Bái Province", "Hue
# City"): the name ends before them.
_ENGLISH_UNIT_WORDS = frozenset({"Province", "City"})
_NEXT_WORD = re.compile(r"[ \t\u00a0]+(\w+)")



def _key(text: str) -> str:
    """Lookup key: unaccented, lower case, punctuation and hyphens as single spaces."""
    return fold(_PUNCT.sub(" ", text))


def _compact(key: str) -> str:
    return key.replace(" ", "")


def _tone_variants(alias: str) -> set[str]:
    """The alias plus its form with old/new tone placement swapped."""
    return {alias, swap_tone_placement(alias)}


@dataclass(frozen=True)
class Province:
    name: str
    kind: str
    region: str
    aliases: tuple[str, ...] = ()
    merged_into: str = ""

    @property
    def renamed(self) -> bool:
        """True when the province was merged into another one in 2025."""
        return bool(self.merged_into) and self.merged_into != self.name

    def successor_note(self) -> str | None:
        """E.g. "nay thuộc tỉnh Bắc Ninh"; None when the unit survived unchanged."""
        if not self.renamed:
            return None
        kind = "thành phố" if self.merged_into in _CITY_SUCCESSORS else "tỉnh"
        return f"nay thuộc {kind} {self.merged_into.removeprefix('TP. ')}"

    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Region:
    name: str
    aliases: tuple[str, ...] = ()

    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Ministry:
    """A ministry or ministry-level agency (entity_level "ministry")."""

    name: str  # canonical Vietnamese name
    english: str  # official English name
    aliases: tuple[str, ...] = ()  # Vietnamese spellings and abbreviations
    english_aliases: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()  # as reports write it; the rules' matcher must find each
    merged_into: str = ""  # the ministry that took it over in 2025, "" when it survived
    # the province's department of the same portfolio where its name is not "Sở" + the
    # ministry's ("Bộ Ngoại giao" -> "Sở Ngoại vụ"), "" otherwise
    department: str = ""

    @property
    def renamed(self) -> bool:
        """True when the ministry was merged into another one in 2025."""
        return bool(self.merged_into)

    @property
    def department_name(self) -> str | None:
        """The name of a province's department of this portfolio ("Bộ Tư pháp" -> "Sở Tư
        pháp", "Bộ Ngoại giao" -> "Sở Ngoại vụ"); None for an agency no department mirrors."""
        if self.department:
            return self.department
        return f"Sở {self.name[3:]}" if self.name.startswith("Bộ ") else None

    @property
    def department_english_names(self) -> tuple[str, ...]:
        """The English names of that department: "Department of …" for each of the ministry's
        English names that reads "Ministry of …" ("Department of Justice")."""
        if self.department_name is None:
            return ()
        return tuple(
            "Department of " + e[len("Ministry of ") :]
            for e in (self.english, *self.english_aliases)
            if e.startswith("Ministry of ")
        )

    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases, self.english, *self.english_aliases)


T = TypeVar("T", Province, Region, Ministry)


@dataclass(frozen=True)
class Mention(Generic[T]):
    """Where a province (``find``) or a region (``find_regions``) is named."""

    start: int
    end: int
    text: str
    item: T


class _Trie:
    """Builds one regex alternation that shares common prefixes, so matching does not try
    hundreds of alternatives at every position. At each node the longer continuation is
    tried before ending, so the regex prefers the longest alias at a position."""

    def __init__(self) -> None:
        self.root: dict[str, Any] = {}

    def add(self, alias: str) -> None:
        node = self.root
        for tok in _UNIT.findall(alias.strip()):
            if tok.startswith("."):
                unit = _DOT_RE
            elif _SEP_TOKEN.fullmatch(tok):
                unit = _SEP_RE
            else:
                unit = re.escape(tok.lower())
            node = node.setdefault(unit, {})
        node[""] = {}

    def pattern(self) -> str:
        return self._emit(self.root)

    def _emit(self, node: dict[str, Any]) -> str:
        alts = [unit + self._emit(child) for unit, child in sorted(node.items()) if unit]
        if "" in node:
            alts.append(r"(?!\w)")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def _is_capitalised(text: str) -> bool:
    return all(s[0].isupper() for s in _SYLLABLE_SPLIT.split(text) if s)


class Gazetteer:
    def __init__(
        self,
        provinces: Iterable[Province],
        regions: Iterable[Region],
        ministries: Iterable[Ministry] = (),
    ) -> None:
        self.provinces: tuple[Province, ...] = tuple(provinces)
        self.regions: tuple[Region, ...] = tuple(regions)
        self.ministries: tuple[Ministry, ...] = tuple(ministries)
        self._by_name = {p.name: p for p in self.provinces}
        if len(self._by_name) != len(self.provinces):
            raise ValueError("duplicate province names in gazetteer")
        for p in self.provinces:
            if p.kind not in KINDS:
                raise ValueError(f"{p.name}: unknown kind {p.kind!r}")
            if p.region not in REGIONS:
                raise ValueError(f"{p.name}: unknown region {p.region!r}")
            if p.merged_into not in self._by_name:
                raise ValueError(f"{p.name}: merged_into {p.merged_into!r} is not a province")
        self._province_keys, self._province_compact = self._index(self.provinces)
        self._region_keys, self._region_compact = self._index(self.regions)
        self._check_ministries()
        self._ministry_keys, self._ministry_compact = self._index(self.ministries)
        self._by_department = {
            " ".join(fold(m.department_name).split()): m
            for m in self.ministries
            if m.department_name is not None
        }
        self._stop_keys = frozenset(_key(s) for s in _STOP_PHRASES)

    def _check_ministries(self) -> None:
        names = {m.name for m in self.ministries}
        if len(names) != len(self.ministries):
            raise ValueError("duplicate ministry names in gazetteer")
        for m in self.ministries:
            if m.merged_into and (m.merged_into not in names or m.merged_into == m.name):
                raise ValueError(f"{m.name}: merged_into {m.merged_into!r} is not another ministry")

    # ---- construction -------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: dict[str, Any], ministries: Iterable[Ministry] = ()) -> Gazetteer:
        provinces = [
            Province(
                name=p["name"],
                kind=p["kind"],
                region=p["region"],
                aliases=tuple(p.get("aliases", ())),
                merged_into=p.get("merged_into") or p["name"],
            )
            for p in data["provinces"]
        ]
        regions = [
            Region(name=r["name"], aliases=tuple(r.get("aliases", ())))
            for r in data.get("regions", ())
        ]
        return cls(provinces, regions, ministries)

    @staticmethod
    def _index(
        items: Iterable[T],
    ) -> tuple[dict[str, T], dict[str, T | None]]:
        keys: dict[str, T] = {}
        compact: dict[str, T | None] = {}
        for item in items:
            for alias in item.all_names():
                k = _key(alias)
                if not k:
                    continue
                other = keys.setdefault(k, item)
                if other is not item:
                    raise ValueError(f"alias {alias!r} names both {other.name} and {item.name}")
                c = _compact(k)
                if compact.setdefault(c, item) is not item:
                    compact[c] = None  # ambiguous without spaces: only exact keys resolve
        return keys, compact

    @staticmethod
    def _variants(items: Iterable[Province | Region]) -> Iterator[str]:
        for item in items:
            for alias in item.all_names():
                yield from _tone_variants(alias)

    @cached_property
    def _province_re(self) -> re.Pattern[str]:
        trie = _Trie()
        for alias in self._variants(self.provinces):
            trie.add(alias)
        for phrase in _STOP_PHRASES:
            trie.add(phrase)
        return re.compile(
            rf"(?<!\w)(?P<prefix>{_PREFIX_RE})?(?P<name>{trie.pattern()})", re.IGNORECASE
        )

    @cached_property
    def _region_re(self) -> re.Pattern[str]:
        trie = _Trie()
        for alias in self._variants(self.regions):
            trie.add(alias)
        return re.compile(rf"(?<!\w)(?:{trie.pattern()})", re.IGNORECASE)

    # ---- lookup -----------------------------------------------------------------------

    @staticmethod
    def _resolve(
        name: str, keys: dict[str, T], compact: dict[str, T | None], prefixes: tuple[str, ...]
    ) -> T | None:
        if not isinstance(name, str):
            return None
        key = _key(name)
        if not key:
            return None
        candidates = [key] + [key[len(p) :] for p in prefixes if key.startswith(p)]
        for k in candidates:
            if k in keys:
                return keys[k]
        for k in candidates:
            hit = compact.get(_compact(k))
            if hit is not None:
                return hit
        return None

    def lookup(self, name: str) -> Province | None:
        """Province for a name or alias, ignoring case, diacritics, spacing, hyphens and a
        leading "tỉnh" / "thành phố" / "TP." prefix."""
        return self._resolve(name, self._province_keys, self._province_compact, _PROVINCE_PREFIXES)

    def lookup_region(self, name: str) -> Region | None:
        """Region for a name or alias, ignoring case, diacritics, spacing, hyphens and a
        leading "vùng" / "khu vực"."""
        return self._resolve(name, self._region_keys, self._region_compact, _REGION_PREFIXES)

    def ministry_by_name(self, name: str) -> Ministry | None:
        """Ministry for its name, an alias or its English name ("MoJ", "Bộ TN&MT",
        "State Bank of Vietnam"), ignoring case, diacritics, spacing and punctuation."""
        return self._resolve(name, self._ministry_keys, self._ministry_compact, ())

    def ministry_of_department(self, name: str) -> Ministry | None:
        """The ministry whose portfolio a province's department ``name`` is ("Sở Tư pháp" ->
        Bộ Tư pháp, "Sở Ngoại vụ" -> Bộ Ngoại giao), ignoring case and diacritics."""
        return self._by_department.get(" ".join(fold(name).split()))

    def ministry(self, name: str) -> Ministry:
        """Ministry by canonical name (KeyError if unknown)."""
        for m in self.ministries:
            if m.name == name:
                return m
        raise KeyError(name)

    def province(self, name: str) -> Province:
        """Province by canonical name (KeyError if unknown)."""
        return self._by_name[name]

    def successor(self, name: str) -> Province | None:
        """The post-2025 unit a province (any alias) belongs to."""
        p = self.lookup(name)
        return None if p is None else self._by_name[p.merged_into]

    # ---- running text -----------------------------------------------------------------

    def find(self, text: str) -> list[Mention[Province]]:
        """Non-overlapping province mentions, left to right, longest alias first at each
        position. Spans cover the name only ("tỉnh " is left out), except when the prefix is
        part of an alias ("TP. Hồ Chí Minh", "TP HCM")."""
        rx = self._province_re
        out: list[Mention[Province]] = []
        pos, n = 0, len(text)
        while pos < n:
            m = rx.search(text, pos)
            if m is None:
                break
            name_start, name_end = m.span("name")
            matched = m.group("name")
            key = _key(matched)
            if key in self._stop_keys:
                pos = m.end()
                continue
            prov = self._province_keys.get(key)
            prefix = m.group("prefix")
            start = name_start
            if prov is None:
                ok = False
            elif prefix:
                pkey = _key(prefix)
                ok = key not in _PREFIX_ONLY or pkey in _CITY_PREFIX_KEYS
                if ok and self._province_keys.get(_key(prefix + matched)) is prov:
                    start = m.start()
            else:
                ok = (
                    key not in _PREFIX_ONLY
                    and _is_capitalised(matched)
                    and not self._blocked_before(text, name_start)
                    and not self._continues(text, name_end)
                )
            if ok:
                assert prov is not None
                out.append(Mention(start, name_end, text[start:name_end], prov))
                pos = name_end
            else:
                pos = name_start + 1
        return out

    @staticmethod
    def _blocked_before(text: str, start: int) -> bool:
        before = text[max(0, start - _LOOKBACK) : start]
        return bool(
            _BLOCK_BEFORE.search(before)
            or _PERSON_BEFORE_CS.search(before)
            or _PERSON_BEFORE_CI.search(before)
        )

    def _continues(self, text: str, end: int) -> bool:
        """True when a Title-case word that is neither a surname nor the start of a
        province name follows ``end`` on the same line."""
        m = _NEXT_WORD.match(text, end)
        if m is None:
            return False
        word = m.group(1)
        if not (word[0].isupper() and any(c.islower() for c in word[1:])):
            return False
        if word in SURNAMES or word in _ENGLISH_UNIT_WORDS:
            return False  # "Yên Bái Province": the English word for what the name is
        nxt = self._province_re.match(text, m.start(1))
        return nxt is None or _key(nxt.group("name")) not in self._province_keys

    def find_regions(self, text: str) -> list[Mention[Region]]:
        """Non-overlapping region mentions (case-insensitive, diacritics as written)."""
        out: list[Mention[Region]] = []
        for m in self._region_re.finditer(text):
            region = self._region_keys.get(_key(m.group()))
            if region is not None:
                out.append(Mention(m.start(), m.end(), m.group(), region))
        return out


def load_data() -> dict[str, Any]:
    """The raw gazetteer JSON shipped in ``llmx.data``."""
    ref = resources.files("llmx.data").joinpath("gazetteer.json")
    return json.loads(ref.read_text(encoding="utf-8"))


def ministries_from_dict(data: dict[str, Any]) -> tuple[Ministry, ...]:
    """Ministries from the parsed ``ministries.toml`` (a ``[[ministry]]`` array)."""
    return tuple(
        Ministry(
            name=m["name"],
            english=m["english"],
            aliases=tuple(m.get("aliases", ())),
            english_aliases=tuple(m.get("english_aliases", ())),
            examples=tuple(m.get("examples", ())),
            merged_into=m.get("merged_into", ""),
            department=m.get("department", ""),
        )
        for m in data["ministry"]
    )


@functools.lru_cache(maxsize=1)
def load_ministries() -> tuple[Ministry, ...]:
    """The ministries shipped in ``llmx/data/ministries.toml``, in file order; the rules'
    matcher reads these without loading the province data."""
    ref = resources.files("llmx.data").joinpath("ministries.toml")
    return ministries_from_dict(tomllib.loads(ref.read_text(encoding="utf-8")))


@functools.lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    return Gazetteer.from_dict(load_data(), load_ministries())


def ministry_by_name(name: str) -> Ministry | None:
    """:meth:`Gazetteer.ministry_by_name` on the shipped data."""
    return get_gazetteer().ministry_by_name(name)


# The patterns above, with the first-character guard and the required-text filter
# (llmx.core.scanre): same matches, fewer tries.
from llmx.core.scanre import guard_patterns  # noqa: E402 - after the patterns it guards

guard_patterns(globals())
