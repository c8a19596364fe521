"""Districts, wards and communes of Vietnam, before and after the 2025 reorganisation.

Provinces and regions are the gazetteer's (:mod:`llmx.core.gazetteer`); this module holds the
levels below them, read from ``llmx/data/divisions.json`` (built by
``scripts/build_divisions.py`` from the statistics-office lists in ``vietnam-provinces``):

* era ``"pre2025"``: the 63 provinces' 696 districts (quận, huyện, thị xã, thành phố) and
  10,051 wards and communes (phường, xã, thị trấn);
* era ``"2025"``: the 34 provinces' 3,321 wards, communes and special zones (phường, xã,
  đặc khu); districts were abolished.

Province names are always the gazetteer's canonical names (``Province.name``). The sources
say nothing about which 2025 commune an old one became, so neither does this module; the
province-level succession is :attr:`Division.successor_province`.

API (the data is loaded on the first call and cached; importing does no work)::

    from llmx.core.divisions import find_divisions, lookup_division, lookup_divisions

    find_divisions("UBND huyện Tam Nông, tỉnh Phú Thọ ...")       # -> [DivisionMention]
    find_divisions("xã Tân Lập đạt 95 điểm", province="Phú Thọ", era="pre2025")
    lookup_division("thành phố Bắc Giang")   # -> Division (the city, a district-level unit)
    lookup_divisions("huyện Tam Nông")       # -> (Division in Phú Thọ, Division in Đồng Tháp)

A :class:`DivisionMention` has ``start``/``end`` (the type word and the name: "huyện Tam
Nông"), ``name_start``, ``name``, ``type_word`` (as written, normalised: "TP." gives "thành
phố"; None for a bare name), ``type``, ``level`` ("district" | "commune"), ``province`` and
``code``, and ``candidates``: every unit the words can name once the context below is
applied. ``province``/``level``/``type`` are set when all candidates agree on them, ``code``
and ``division`` only when one candidate is left; ``ambiguous`` says more than one is.
Nothing is ever picked among candidates: the caller decides, or passes more context.

Matching (``find_divisions``):

* On folded text, with the gazetteer's diacritics policy: text with diacritics must agree
  with the name (old and new tone placement, "Hòa"/"Hoà", are the same); unaccented text
  ("xa Tan Lap") matches any name that folds to it; a type word without its diacritics
  does not introduce an accented name ("cơ quan Hà Đông" is no "quận Hà Đông"). Every
  capitalised syllable of the official name must be capitalised in the text (all-caps
  headings pass): "xã hội" is not a commune.
* A type word ("quận", "huyện", "thị xã", "thành phố"/"TP."/"TP", "TX.", "phường", "xã",
  "thị trấn", "đặc khu") fixes the level; units of exactly that type are preferred, other
  units of the level are kept when none exists (a thị xã that has since become a thành
  phố). Names listed after one type word ("các xã Tân Lập, Tân Hòa và Tân Phú") share it
  when they name units in the provinces the first name can mean, and end up narrowed to
  the provinces left to the first name.
* A bare name (no type word) is taken only for a district-level name of at least two
  syllables that names units of one territory only (one old province and its 2025
  successor), is not a province or region name in the gazetteer (bare "Bắc Giang" is the
  province; "thành phố Bắc Giang" is the city, a district), does not start with a surname
  ("Vũ Quang"), is not more often something else (``_BARE_STOP``: "Điện Biên Phủ", given
  names), is not part of a person's name ("ông", "Nguyễn ... ") or a longer proper noun (a
  Title-case word follows), does not follow a word that makes it a street, river, lake,
  island or similar, and is not inside a province's name ("Bà Rịa - Vũng Tàu", as the
  gazetteer finds it). Its candidates are the district and any 2025 commune of that name
  ("Nha Trang": the old city, the new ward), not old wards inside the district. Commune
  names are never taken bare: with 10,000 of them, too many are also given names, firm
  names or ordinary words.
* Context narrows candidates, in this order: ``era`` (the units of that era, when the name
  has any: "huyện X" in a 2025 text still names the old district); an address chain ("xã
  X, huyện Y, tỉnh Z", "xã X (huyện Y)", "các xã A, B, huyện Y": communes keep the
  readings inside the district that follows, and a province right after the chain keeps
  those in it); then the ``province`` hint (the article's province, any gazetteer alias):
  first units of that province (2025 units: of its successor), then units of provinces
  merged into it. A filter that would leave no candidate is not applied. A name found in
  two provinces with no context left to choose stays ambiguous.

Overlap with the gazetteer: ``Gazetteer.find`` reports "thành phố Bắc Giang" as the province
Bắc Giang; a division mention whose span contains a province mention names the lower unit
and should win.
"""

from __future__ import annotations

import functools
import json
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal, NamedTuple

# Surnames and tone pairs are the gazetteer's: one home for them.
from llmx.core.gazetteer import SURNAMES, Mention, Province, get_gazetteer
from llmx.core.textnorm import TONE_PAIRS, fold_keep_offsets, strip_diacritics
from llmx.core.wordtrie import word_alternation

Era = Literal["pre2025", "2025"]
Level = Literal["district", "commune"]
ERAS: tuple[Era, ...] = ("pre2025", "2025")

DISTRICT_TYPES: tuple[str, ...] = ("quận", "huyện", "thị xã", "thành phố")
COMMUNE_TYPES: tuple[str, ...] = ("phường", "xã", "thị trấn", "đặc khu")

# Written type words, as folded tokens, with their accented form (None: an abbreviation,
# written without diacritics) and the type they stand for.
_TYPE_WORDS: dict[tuple[str, ...], tuple[tuple[str, ...] | None, str]] = {
    ("quan",): (("quận",), "quận"),
    ("huyen",): (("huyện",), "huyện"),
    ("thi", "xa"): (("thị", "xã"), "thị xã"),
    ("thanh", "pho"): (("thành", "phố"), "thành phố"),
    ("tp",): (None, "thành phố"),
    ("tx",): (None, "thị xã"),
    ("phuong",): (("phường",), "phường"),
    ("xa",): (("xã",), "xã"),
    ("thi", "tran"): (("thị", "trấn"), "thị trấn"),
    ("dac", "khu"): (("đặc", "khu"), "đặc khu"),
}
_TYPE_FIRST = {k[0] for k in _TYPE_WORDS}

# District names that, written bare and capitalised, are more often something else: a
# battle ("Điện Biên Phủ"), an archipelago ("Hoàng Sa", "Trường Sa"), a dynasty ("Hồng
# Bàng"), a word ("Thanh Liêm": upright) or a common given name ("Hoài Ân", "Gia Nghĩa").
# Names that start with a surname ("Vũ Quang", "Lê Chân") are left out by rule. Folded
# keys; with a type word before them the units are still found.
_BARE_STOP = frozenset(
    {
        "dien bien phu", "hoang sa", "truong sa", "hong bang", "thanh liem", "hoai an",
        "gia nghia", "an minh", "duc tho", "duc trong", "ngoc hien", "hung nguyen", "lam binh",
    }
)  # fmt: skip

# Words after which a bare capitalised name is a street, river, lake, island, market,
# bridge, hamlet or a firm, not the district ("đường Ba Đình", "hồ Ba Bể", "cầu Long Biên").
_BLOCK_BEFORE = re.compile(
    r"(?:^|[^\w])(?:đường|phố|ngõ|hẻm|đại\s+lộ|quốc\s+lộ|sông|hồ|núi|đảo|quần\s+đảo|vịnh|"
    r"biển|cầu|chợ|bến|cảng|sân\s+bay|thôn|ấp|bản|làng|xóm|tổ|khu|công\s+ty|tập\s+đoàn|"
    r"ngân\s+hàng|trường|bệnh\s+viện|nhà\s+máy|khách\s+sạn|ông|bà|anh|chị|em|cô|chú|bác|"
    r"đồng\s+chí|" + "|".join(sorted(SURNAMES)) + r"|Thị|Văn)\s+$",
    re.IGNORECASE,
)
_LOOKBACK = 24

_TOKEN = re.compile(r"[0-9a-z]+")
# Between the syllables of one name: spaces, or a hyphen/apostrophe ("Phan Rang-Tháp Chàm",
# "Cư M'gar", "Ia H' Drai").
_NAME_GAP = re.compile(r"[ \t\u00a0]*[-–'’‘]?[ \t\u00a0]*|\s+")
_TYPE_GAP = re.compile(r"\s+")
_ABBR_GAP = re.compile(r"\.?[ \t\u00a0]*")
_LIST_GAP = re.compile(r"[ \t\u00a0]*,[ \t\u00a0]*|[ \t\u00a0]+")
# Between the parts of an address: "xã X, huyện Y - tỉnh Z", "xã X (huyện Y)", "phường X
# (Hà Nội)", or spaces in a heading ("XÃ X HUYỆN Y"); a bare province needs the
# punctuation, a prefixed one does not.
_CHAIN_GAP = re.compile(r"\s*[,\-–(]\s*|\s+")
_PROVINCE_PREFIX = re.compile(r"(?:tỉnh|tinh|thành\s+phố|thanh\s+pho|tp\.?)\s*", re.IGNORECASE)
_NEXT_WORD = re.compile(r"[ \t\u00a0]+(\w+)")

_NEW_TO_OLD_TONE = {new: old for old, new in TONE_PAIRS.items()}
_TONE_RE = re.compile("(" + "|".join(_NEW_TO_OLD_TONE) + ")$")


@functools.lru_cache(maxsize=8192)  # a few thousand syllables make up every name
def _syllable(text: str) -> str:
    """Lower case, old tone placement ("hoà" -> "hòa"): equal when the diacritics agree."""
    low = text.lower()
    return _TONE_RE.sub(lambda m: _NEW_TO_OLD_TONE[m.group(1)], low)


def _is_plain(text: str) -> bool:
    # ASCII has no diacritics to strip (the check most names written plain stop at)
    return text.isascii() or strip_diacritics(text) == text


def _key_tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(fold_keep_offsets(text)))


@dataclass(frozen=True)
class Division:
    """One district, ward, commune or special zone."""

    code: int
    name: str  # without the type word: "Tân Lập"
    type: str  # "xã", "huyện", ...
    level: Level
    era: Era
    province: str  # gazetteer canonical name, in the unit's own era
    district: str = ""  # "huyện Yên Lạc" for a pre-2025 commune
    district_code: int | None = None

    @property
    def full_name(self) -> str:
        return f"{self.type} {self.name}"

    @property
    def successor_province(self) -> str:
        """The 2025 province whose territory holds the unit."""
        if self.era == "2025":
            return self.province
        return get_gazetteer().province(self.province).merged_into


@dataclass(frozen=True)
class DivisionMention:
    """Where a district or commune is named in running text; see the module docstring."""

    start: int
    end: int
    text: str
    name_start: int
    type_word: str | None
    candidates: tuple[Division, ...]

    @property
    def name(self) -> str:
        return self.candidates[0].name

    @property
    def typed(self) -> bool:
        return self.type_word is not None

    @property
    def level(self) -> Level | None:
        if self.type_word is not None:
            return "district" if self.type_word in DISTRICT_TYPES else "commune"
        return _agreed(d.level for d in self.candidates)

    @property
    def type(self) -> str | None:
        return self.type_word or _agreed(d.type for d in self.candidates)

    @property
    def province(self) -> str | None:
        return _agreed(d.province for d in self.candidates)

    @property
    def division(self) -> Division | None:
        return self.candidates[0] if len(self.candidates) == 1 else None

    @property
    def code(self) -> int | None:
        return self.candidates[0].code if len(self.candidates) == 1 else None

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1


def _agreed(values: Iterable[Any]) -> Any:
    distinct = set(values)
    return distinct.pop() if len(distinct) == 1 else None


@dataclass(frozen=True)
class _Unit:
    """A division with its name prepared for matching."""

    division: Division
    written: tuple[str, ...]  # the official name's syllables
    syllables: tuple[str, ...]  # accented, lower case, old tone placement
    capitals: tuple[bool, ...]  # which syllables the official name capitalises


class _Token(NamedTuple):
    # A NamedTuple, not a dataclass: a document has thousands of words and a tuple is
    # built in under two thirds of the time (measured), with the same attribute access.
    start: int
    end: int
    key: str  # folded


class _Words(list[_Token]):
    """The folded words of a text from one offset on, read as far as ``has`` is asked: a
    mention spans a few words, so the rest of a long text is never split into tokens. A
    list (indexing stays the built-in's); a word is read by ``has`` before it is indexed."""

    __slots__ = ("_folded", "_next")

    def __init__(self, folded: str, start: int) -> None:
        super().__init__()
        self._folded = folded
        self._next = start  # where the next unread word is looked for
        self.has(0)

    def has(self, i: int) -> bool:
        """Whether there is a word ``i`` (what ``i < len(words)`` is for a whole list)."""
        while len(self) <= i:
            m = _TOKEN.search(self._folded, self._next)
            if m is None:
                return False
            self.append(_Token(m.start(), m.end(), m.group()))
            self._next = m.end()
        return True


@dataclass
class _Raw:
    start: int
    end: int
    name_start: int
    type_word: str | None
    units: list[_Unit]
    next_index: int
    head: _Raw | None = None  # the first name of a list this one continues


class DivisionIndex:
    def __init__(self, divisions: Iterable[Division], meta: dict[str, Any] | None = None) -> None:
        self.divisions: tuple[Division, ...] = tuple(divisions)
        self.meta: dict[str, Any] = meta or {}
        gz = get_gazetteer()
        self._gz = gz
        for name in sorted({d.province for d in self.divisions}):  # 97 names, not 14,000
            gz.province(name)  # KeyError for a province the gazetteer lacks
        self._by_key: dict[tuple[str, ...], list[_Unit]] = defaultdict(list)
        self._by_code: dict[tuple[Era, Level, int], Division] = {}
        prepared: dict[str, tuple[tuple[str, ...], tuple[Any, ...]]] = {}
        for d in self.divisions:
            if d.name not in prepared:  # names repeat across provinces and eras
                folded = fold_keep_offsets(d.name)
                spans = [m.span() for m in _TOKEN.finditer(folded)]
                written = tuple(d.name[a:b] for a, b in spans)
                matching = (
                    written,
                    tuple(_syllable(w) for w in written),
                    tuple(w[0].isupper() for w in written),
                )
                prepared[d.name] = (tuple(folded[a:b] for a, b in spans), matching)
            key, (written, syllables, capitals) = prepared[d.name]
            self._by_key[key].append(_Unit(d, written, syllables, capitals))
            self._by_code[(d.era, d.level, d.code)] = d
        # Per first word, the most words a name starting with it has.
        self._first: dict[str, int] = {}
        for key in self._by_key:
            self._first[key[0]] = max(self._first.get(key[0], 0), len(key))
        self._bare = self._bare_keys()
        self._bare_first = {k[0] for k in self._bare}
        self._bare_first2 = {k[:2] for k in self._bare}
        # A word a mention can start with: a type word, or a bare name's first word.
        starts = word_alternation(_TYPE_FIRST | self._bare_first)
        self._trigger = re.compile(r"(?<![0-9a-z])(?:" + starts + r")(?![0-9a-z])")

    # ---- construction -------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DivisionIndex:
        out: list[Division] = []
        old = data["pre2025"]
        old_prov = {r[0]: r[1] for r in old["provinces"]}
        districts: dict[int, Division] = {}
        for code, typ, name, prov in old["districts"]:
            d = Division(code, name, typ, "district", "pre2025", old_prov[prov])
            districts[code] = d
            out.append(d)
        for code, typ, name, dist in old["communes"]:
            parent = districts[dist]
            out.append(
                Division(
                    code, name, typ, "commune", "pre2025", parent.province, parent.full_name, dist
                )
            )
        new = data["2025"]
        new_prov = {r[0]: r[1] for r in new["provinces"]}
        for code, typ, name, prov in new["communes"]:
            out.append(Division(code, name, typ, "commune", "2025", new_prov[prov]))
        return cls(out, data.get("meta"))

    def _bare_keys(self) -> frozenset[tuple[str, ...]]:
        """Keys a bare name may match: see the module docstring."""
        aliases = [a for p in self._gz.provinces for a in p.all_names()]
        aliases += [a for r in self._gz.regions for a in r.all_names()]
        gz_keys = {_key_tokens(a) for a in aliases}
        keys = set()
        for key, units in self._by_key.items():
            if len(key) < 2 or key in gz_keys or " ".join(key) in _BARE_STOP:
                continue
            if units[0].written[0] in SURNAMES:
                continue  # shaped like a person's name
            if not any(u.division.level == "district" for u in units):
                continue
            if self._one_territory([u.division for u in units]):
                keys.add(key)
        return frozenset(keys)

    def _one_territory(self, divisions: Sequence[Division]) -> bool:
        """All old units in one province and all 2025 units in its successor."""
        old = {d.province for d in divisions if d.era == "pre2025"}
        new = {d.province for d in divisions if d.era == "2025"}
        if len(old) > 1 or len(new) > 1:
            return False
        if old and new:
            return self._gz.province(next(iter(old))).merged_into in new
        return True

    # ---- lookup -----------------------------------------------------------------------

    def get(self, era: Era, level: Level, code: int) -> Division:
        """A unit by its statistics-office code (KeyError if unknown)."""
        return self._by_code[(era, level, code)]

    def lookup_all(
        self, name: str, province: str | None = None, era: Era | None = None
    ) -> tuple[Division, ...]:
        """Every unit a name can mean ("Tân Lập", "xã Tân Lập", "TP. Bắc Giang", "Tan Lap"):
        case, spacing and hyphens do not matter; diacritics, where written, must agree. A
        leading type word keeps units of its level (of its exact type when there are any);
        ``era`` and the ``province`` hint narrow as in ``find``. Empty when unknown."""
        hint = self._hint(province)
        words = _words(name)
        type_word: str | None = None
        for n in (2, 1):
            tw = _TYPE_WORDS.get(tuple(w.key for w in words[:n]))
            if tw is not None and len(words) > n and _agrees(name, words[:n], tw[0]):
                type_word, words = tw[1], words[n:]
                break
        units = self._by_key.get(tuple(w.key for w in words), [])
        units = _with_diacritics(name, words, units)
        if type_word is not None:
            units = _of_type(units, type_word)
        found = [u.division for u in units]
        if era is not None:
            found = [d for d in found if d.era == era] or found
        return tuple(self._narrow_by_hint(found, hint))

    def lookup(
        self, name: str, province: str | None = None, era: Era | None = None
    ) -> Division | None:
        """The one unit a name means, or None when it names none or several."""
        found = self.lookup_all(name, province, era)
        return found[0] if len(found) == 1 else None

    # ---- running text -----------------------------------------------------------------

    def find(
        self,
        text: str,
        province: str | None = None,
        era: Era | None = None,
        *,
        provinces: list[Mention[Province]] | None = None,
        folded: str | None = None,
    ) -> list[DivisionMention]:
        """Non-overlapping district and commune mentions, left to right. ``provinces`` is
        ``get_gazetteer().find(text)`` and ``folded`` is ``fold_keep_offsets(text)`` when the
        caller has them (neither is computed twice)."""
        hint = self._hint(province)
        folded = fold_keep_offsets(text) if folded is None else folded
        named = self._gz.find(text) if provinces is None else provinces
        named_at = {m.start for m in named}
        raws: list[_Raw] = []
        # Only a type word or the first word of a bare name can start a mention: the
        # trigger pattern jumps from one to the next, and the words are read from there.
        pos = 0
        while (m := self._trigger.search(folded, pos)) is not None:
            key = m.group()
            if key not in _TYPE_FIRST and not text[m.start()].isupper():
                pos = m.end()  # a bare name is capitalised
                continue
            words = _Words(folded, m.start())
            found: _Raw | None = None
            skip = 0  # a type word with no known name after it: the words it spans
            if key in _TYPE_FIRST:
                typed = self._typed_at(text, words, 0)
                if isinstance(typed, int):
                    skip = typed  # its words name nothing ("thị xã X": not "xã X")
                else:
                    found = typed
            if found is None and not skip and key in self._bare_first and text[m.start()].isupper():
                found = self._bare_at(text, words, 0)
            if found is None:
                pos = words[max(skip, 1) - 1].end
                continue
            raws.append(found)
            raws.extend(self._listed_after(text, words, found, named_at))
            pos = words[raws[-1].next_index - 1].end
        if era is not None:
            for r in raws:
                r.units = _narrowed(r.units, "era", {era})
        if any(r.type_word is None for r in raws):
            # A bare name inside a province's name is part of it: "Bà Rịa - Vũng Tàu".
            raws = [r for r in raws if r.type_word is not None or not _overlaps(r, named)]
        self._narrow_by_chain(text, raws, named)
        resolved: dict[int, list[Division]] = {}
        out = []
        for r in raws:
            divisions = self._narrow_by_hint([u.division for u in r.units], hint)
            if r.head is not None:  # a listed name lies where the list's first name does
                where = {d.province for d in resolved[id(r.head)]}
                divisions = [d for d in divisions if d.province in where] or divisions
            resolved[id(r)] = divisions
            out.append(
                DivisionMention(
                    r.start, r.end, text[r.start : r.end], r.name_start, r.type_word,
                    tuple(divisions),
                )
            )  # fmt: skip
        return out

    @staticmethod
    def _type_at(
        text: str, words: _Words, i: int
    ) -> tuple[int, tuple[tuple[str, ...] | None, str]] | None:
        """The type word starting at word ``i``: (its length in words, _TYPE_WORDS entry)."""
        if words[i].key not in _TYPE_FIRST:
            return None
        words.has(i + 1)  # the two-word type words
        for n in (2, 1):
            key = tuple(w.key for w in words[i : i + n])
            tw = _TYPE_WORDS.get(key) if len(key) == n else None
            if tw is None or not _agrees(text, words[i : i + n], tw[0]):
                continue
            if n == 2 and not _TYPE_GAP.fullmatch(text, words[i].end, words[i + 1].start):
                continue
            return n, tw
        return None

    def _type_len(self, text: str, words: _Words, i: int) -> int:
        found = self._type_at(text, words, i)
        return found[0] if found else 0

    def _typed_at(self, text: str, words: _Words, i: int) -> _Raw | int:
        """A type word and the name after it; else how many words a type word there spans
        (0: none)."""
        found = self._type_at(text, words, i)
        if found is None:
            return 0
        n, (accented, type_word) = found
        j = i + n
        if not words.has(j):
            return n
        gap = _ABBR_GAP if accented is None else _TYPE_GAP
        if not gap.fullmatch(text, words[j - 1].end, words[j].start):
            return n
        hit = self._name_at(text, words, j, lambda us: _of_type(us, type_word))
        if hit is None:
            return n
        end_index, units = hit
        if accented is not None and _is_plain(text[words[i].start : words[j - 1].end]):
            if not _is_plain(text[words[j].start : words[end_index - 1].end]):
                return n  # "cơ quan Hà Đông": a plain "quan" before an accented name
        return _Raw(words[i].start, words[end_index - 1].end, words[j].start, type_word, units,
                    end_index)  # fmt: skip

    def _bare_at(self, text: str, words: _Words, i: int) -> _Raw | None:
        w = words[i]
        if w.key not in self._first or not text[w.start].isupper():
            return None
        if not words.has(i + 1) or (w.key, words[i + 1].key) not in self._bare_first2:
            return None  # bare names have two words at least: no bare name starts here
        hit = self._name_at(text, words, i, _bare_readings)
        if hit is None:
            return None
        end_index, units = hit
        key = tuple(x.key for x in words[i:end_index])
        if key not in self._bare or not self._one_territory([u.division for u in units]):
            return None
        if not any(u.division.level == "district" for u in units):
            return None  # the diacritics left only a 2025 commune: that needs a type word
        end = words[end_index - 1].end
        if _BLOCK_BEFORE.search(text[max(0, w.start - _LOOKBACK) : w.start]):
            return None
        if self._continues(text, end):
            return None
        return _Raw(w.start, end, w.start, None, units, end_index)

    @staticmethod
    def _continues(text: str, end: int) -> bool:
        """A Title-case word right after the name: part of a longer proper noun."""
        m = _NEXT_WORD.match(text, end)
        if m is None:
            return False
        word = m.group(1)
        return word[0].isupper() and any(c.islower() for c in word[1:])

    def _name_at(
        self, text: str, words: _Words, j: int, keep: Callable[[list[_Unit]], list[_Unit]]
    ) -> tuple[int, list[_Unit]] | None:
        """The longest name starting at word ``j`` whose units survive ``keep``, diacritics
        and capitalisation; (index after the name, units)."""
        most = self._first.get(words[j].key, 0)
        if not most:
            return None
        longest = 1
        while (
            longest < most
            and words.has(j + longest)
            and _NAME_GAP.fullmatch(text, words[j + longest - 1].end, words[j + longest].start)
        ):
            longest += 1
        for n in range(longest, 0, -1):
            span = words[j : j + n]
            units = self._by_key.get(tuple(w.key for w in span))
            if not units:
                continue
            units = keep(_with_diacritics(text, span, units))
            if units:
                written_caps = tuple(not text[w.start].islower() for w in span)
                units = [u for u in units if _capitalised(written_caps, u.capitals)]
            if units:
                return j + n, units
        return None

    def _listed_after(self, text: str, words: _Words, head: _Raw, named_at: set[int]) -> list[_Raw]:
        """Names that share the head's type word: "các xã A, B và C"; a province's name
        ends the list ("xã A, Phú Thọ")."""
        if head.type_word is None:
            return []
        provinces = {u.division.province for u in head.units}
        type_word: str = head.type_word

        def keep(units: list[_Unit]) -> list[_Unit]:
            return [u for u in _of_type(units, type_word) if u.division.province in provinces]

        out: list[_Raw] = []
        k = head.next_index
        while words.has(k):
            prev_end = words[k - 1].end
            gap = text[prev_end : words[k].start]
            if not _LIST_GAP.fullmatch(gap):
                break
            if words[k].key == "va" and _agrees(text, words[k : k + 1], ("và",)):
                if not words.has(k + 1) or not _TYPE_GAP.fullmatch(
                    text, words[k].end, words[k + 1].start
                ):
                    break
                k += 1
            elif "," not in gap:
                break  # names follow one another only through a comma or "và"
            if self._type_len(text, words, k) or words[k].start in named_at:
                break  # a new type word (the main loop reads it) or a province
            hit = self._name_at(text, words, k, keep)
            if hit is None:
                break
            end_index, units = hit
            out.append(_Raw(words[k].start, words[end_index - 1].end, words[k].start,
                            head.type_word, units, end_index, head))  # fmt: skip
            k = end_index
        return out

    # ---- context ------------------------------------------------------------------------

    def _hint(self, province: str | None) -> Province | None:
        if province is None:
            return None
        p = self._gz.lookup(province)
        if p is None:
            raise ValueError(f"unknown province hint {province!r}")
        return p

    def _narrow_by_hint(self, divisions: list[Division], hint: Province | None) -> list[Division]:
        if hint is None or len(divisions) < 2:
            return divisions

        def own(d: Division) -> bool:
            return d.province == (hint.name if d.era == "pre2025" else hint.merged_into)

        def merged(d: Division) -> bool:
            return d.era == "2025" and own(d) or d.successor_province == hint.name

        for test in (own, merged):
            kept = [d for d in divisions if test(d)]
            if kept:
                return kept
        return divisions

    def _narrow_by_chain(
        self, text: str, raws: list[_Raw], provinces: list[Mention[Province]]
    ) -> None:
        """Address chains, "xã X, huyện Y, tỉnh Z" or "các xã A, B, huyện Y": the communes
        before a district keep the readings inside it (and the district those that hold
        one of them); a province right after the chain narrows every part of it."""
        starts = {m.start: m.item for m in provinces}
        for chain in self._chains(text, raws):
            communes: list[_Raw] = []
            for r in chain:
                if r.type_word not in DISTRICT_TYPES:
                    communes.append(r)
                    continue
                districts = {u.division.code for u in r.units if u.division.level == "district"}
                hosts: set[int | None] = set()
                for c in communes:
                    inner = _narrowed(c.units, "district_code", districts)
                    if inner is not c.units:
                        c.units = inner
                        hosts |= {u.division.district_code for u in inner}
                if hosts:
                    r.units = _narrowed(r.units, "code", hosts)
                communes = []
            province = self._province_after(text, chain[-1].end, starts)
            if province is not None:
                for r in chain:
                    r.units = _narrowed(r.units, "province", {province.name})

    @staticmethod
    def _chains(text: str, raws: list[_Raw]) -> list[list[_Raw]]:
        """Runs of mentions separated only by a comma, a dash or spaces."""
        chains: list[list[_Raw]] = []
        for r in raws:
            if chains and _CHAIN_GAP.fullmatch(text, chains[-1][-1].end, r.start):
                chains[-1].append(r)
            else:
                chains.append([r])
        return chains

    @staticmethod
    def _province_after(text: str, end: int, starts: dict[int, Province]) -> Province | None:
        """The province named right after a chain: ", tỉnh Z", ", TP. Hồ Chí Minh", " - Z"."""
        sep = _CHAIN_GAP.match(text, end)
        if sep is None:
            return None
        prefix = _PROVINCE_PREFIX.match(text, sep.end())
        if prefix:  # the gazetteer's span holds the prefix when the alias does ("TP. HCM")
            return starts.get(prefix.end()) or starts.get(sep.end())
        return starts.get(sep.end()) if sep.group().strip() else None


def _overlaps(raw: _Raw, mentions: list[Mention[Province]]) -> bool:
    return any(m.start < raw.end and raw.start < m.end for m in mentions)


def _bare_readings(units: list[_Unit]) -> list[_Unit]:
    """What a bare district name can mean: the district, or the 2025 commune that took its
    name once districts were gone ("Nha Trang"); not an old ward inside it ("Sa Pa")."""
    return [u for u in units if u.division.level == "district" or u.division.era == "2025"]


def _narrowed(units: list[_Unit], field: str, values: Collection[Any]) -> list[_Unit]:
    """The units whose ``Division.<field>`` is one of ``values``; all of them (the same
    list) if none is: context that contradicts every reading is not applied."""
    kept = [u for u in units if getattr(u.division, field) in values]
    return kept if kept else units


def _words(text: str, folded: str | None = None) -> list[_Token]:
    folded = fold_keep_offsets(text) if folded is None else folded
    return [_Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(folded)]


def _agrees(text: str, span: Sequence[_Token], accented: Sequence[str] | None) -> bool:
    """Type word written without diacritics, or with exactly the right ones."""
    written = [text[w.start : w.end] for w in span]
    if accented is None or all(_is_plain(s) for s in written):
        return True
    return [_syllable(s) for s in written] == [_syllable(a) for a in accented]


def _with_diacritics(text: str, span: Sequence[_Token], units: list[_Unit]) -> list[_Unit]:
    written = [text[w.start : w.end] for w in span]
    if all(_is_plain(s) for s in written):
        return units
    syllables = tuple(_syllable(s) for s in written)
    return [u for u in units if u.syllables == syllables]


@functools.lru_cache(maxsize=4096)
def _capitalised(written: tuple[bool, ...], official: tuple[bool, ...]) -> bool:
    """Every syllable the official name capitalises is capitalised (or a digit) as written."""
    return all(w or not o for w, o in zip(written, official, strict=True))


def _of_type(units: list[_Unit], type_word: str) -> list[_Unit]:
    """Units of the type word's level; only those of its exact type when there are any."""
    level = "district" if type_word in DISTRICT_TYPES else "commune"
    same_level = [u for u in units if u.division.level == level]
    exact = [u for u in same_level if u.division.type == type_word]
    return exact or same_level


def load_data() -> dict[str, Any]:
    """The raw division JSON shipped in ``llmx.data``."""
    ref = resources.files("llmx.data").joinpath("divisions.json")
    data: dict[str, Any] = json.loads(ref.read_text(encoding="utf-8"))
    return data


@functools.lru_cache(maxsize=1)
def get_divisions() -> DivisionIndex:
    return DivisionIndex.from_dict(load_data())


def find_divisions(
    text: str,
    province: str | None = None,
    era: Era | None = None,
    *,
    provinces: list[Mention[Province]] | None = None,
    folded: str | None = None,
) -> list[DivisionMention]:
    """District and commune mentions in ``text``; see the module docstring. ``provinces``
    (the gazetteer's mentions in ``text``) and ``folded`` (``fold_keep_offsets(text)``):
    when the caller has them already."""
    return get_divisions().find(text, province, era, provinces=provinces, folded=folded)


def lookup_division(
    name: str, province: str | None = None, era: Era | None = None
) -> Division | None:
    """The one unit ``name`` means, or None (unknown, or several and nothing to choose)."""
    return get_divisions().lookup(name, province, era)


def lookup_divisions(
    name: str, province: str | None = None, era: Era | None = None
) -> tuple[Division, ...]:
    """Every unit ``name`` can mean."""
    return get_divisions().lookup_all(name, province, era)


__all__ = [
    "COMMUNE_TYPES",
    "DISTRICT_TYPES",
    "ERAS",
    "Division",
    "DivisionIndex",
    "DivisionMention",
    "Era",
    "Level",
    "find_divisions",
    "get_divisions",
    "lookup_division",
    "lookup_divisions",
]


# The patterns above, with the first-character guard and the required-text filter
# (llmx.core.scanre): same matches, fewer tries.
from llmx.core.scanre import guard_patterns  # noqa: E402 - after the patterns it guards

guard_patterns(globals())
