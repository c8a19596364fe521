"""Names in questions: provinces and regions (gazetteer), and the other entities and
initiative names the store holds (districts, departments, ministries, ...).

Questions are matched on folded tokens (no diacritics, lower case, punctuation dropped), so
"ninh binh", "Ninh Bình" and "NINH BÌNH" are the same name. Matching is longest-first,
left to right, over at most ``_MAX_NGRAM`` tokens.

The store's entity keys and initiative names come from the store (``Store.entity_keys``,
``Store.initiative_keys``: an index skip-scan, milliseconds on a store of 10,000 documents);
no text of the question is ever part of what the store runs.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from llmx.core.gazetteer import Province, Region, get_gazetteer
from llmx.core.textnorm import fold, fold_keep_offsets
from llmx.store import Store

_TOKEN = re.compile(r"[0-9a-z]+")
_MAX_NGRAM = 10

# Administrative prefixes of sub-provincial units: "TP. Tam Kỳ" may be asked as "Tam Kỳ".
_UNIT_PREFIXES = (
    "thanh pho ", "thi xa ", "thi tran ", "huyen ", "quan ", "phuong ", "xa ", "tp ", "tinh "
)  # fmt: skip
# Words that make a stored "entity" too generic to be recognised in a question (an
# extractor may store "Cả nước" or "Chính phủ"; they must not become the subject).
_GENERIC = frozenset(
    "ca nuoc toan quoc chinh phu tinh thanh pho viet nam trung uong dia phuong cac don vi "
    "huyen xa phuong quan thi tran so bo nganh uy ban nhan dan ubnd".split()
)


@functools.lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(fold(text)))


def tokens(text: str) -> list[str]:
    """Folded letter/digit tokens (cached: record names and quotes repeat)."""
    return list(_tokens(text))


# A few English words for metric names, so English questions and records meet Vietnamese
# ones: both sides of a metric match are read through it (``meaning_tokens``).
EN_GLOSSARY = {
    "online": "truc tuyen", "dossiers": "ho so", "dossier": "ho so", "applications": "ho so",
    "application": "ho so", "files": "ho so", "records": "ho so", "settled": "giai quyet",
    "procedures": "thu tuc tthc",
    "procedure": "thu tuc tthc", "services": "dich vu", "service": "dich vu",
    "public": "cong", "accounts": "tai khoan", "account": "tai khoan", "end": "toan trinh",
    "fully": "toan trinh hoan toan", "received": "tiep nhan", "receive": "tiep nhan",
    "resolved": "giai quyet",
    "processed": "xu ly giai quyet", "handled": "xu ly giai quyet", "payment": "thanh toan",
    "payments": "thanh toan", "digitized": "so hoa", "digitised": "so hoa",
    "time": "dung han", "early": "truoc han", "overdue": "qua han", "late": "qua han",
    "submitted": "nop", "submission": "nop", "rate": "ty le", "percentage": "ty le",
    "provincial": "cap tinh", "district": "cap huyen", "commune": "cap xa", "communal": "cap xa",
    "cut": "cat giam", "reduced": "cat giam",
    "share": "ty le", "satisfaction": "hai long", "satisfied": "hai long",
    "delivery": "cung ung", "administrative": "hanh chinh", "improved": "cai thien",
    "performance": "ket qua",
    "improve": "cai thien", "results": "ket qua", "result": "ket qua",
    # "tăng trưởng" by its second syllable only: as two words, one glossed English verb
    # would outweigh the unmatched noun beside it ("exports grow" is no GRDP growth).
    "grow": "truong", "grew": "truong", "growth": "truong", "grown": "truong",
    # A fall, in English words and in Vietnamese "đi xuống", reads as "giảm": "6 địa phương
    # có chỉ số đi xuống", "the other 6 declined" meet "bao nhiêu tỉnh giảm".
    "declined": "giam", "decreased": "giam", "fell": "giam", "dropped": "giam",
    "decline": "giam", "decrease": "giam", "xuong": "giam",
    "rose": "tang", "risen": "tang", "increased": "tang", "increase": "tang",
    # documents a ministry reviews ("rà soát, hệ thống hóa … văn bản"), fees cut, services
    # that generated dossiers ("có phát sinh hồ sơ")
    "documents": "van ban", "document": "van ban", "legal": "phap luat",
    "reviewed": "ra soat", "review": "ra soat", "systematised": "he thong hoa",
    "systematise": "he thong hoa", "systematized": "he thong hoa", "systematize": "he thong hoa",
    "fees": "phi", "fee": "phi", "charges": "phi", "generating": "phat sinh",
    "generated": "phat sinh",
    # what was done to procedures ("đang thực hiện 2.038 thủ tục", "công bố 585 thủ tục nội
    # bộ", "đơn giản hóa 161 thủ tục", "bãi bỏ 24 thủ tục")
    "implementing": "thuc hien", "implemented": "thuc hien", "implement": "thuc hien",
    "announced": "cong bo", "published": "cong bo", "publicised": "cong bo",
    "simplified": "don gian hoa", "simplification": "don gian hoa", "simplify": "don gian hoa",
    "abolished": "bai bo", "scrapped": "bai bo", "annulled": "bai bo", "internal": "noi bo",
    # an index's parts counted ("số chỉ số thành phần tăng điểm", "component indices improved")
    "indices": "chi so", "indexes": "chi so", "component": "thanh phan",
}  # fmt: skip


@functools.lru_cache(maxsize=8192)
def _meaning_tokens(text: str) -> tuple[str, ...]:
    toks = _tokens(text)
    out: list[str] = []
    for i, tok in enumerate(toks):
        before, after = toks[max(0, i - 2) : i], toks[i + 1 : i + 3]
        if tok == "end" and ("end", "to") not in (before, after[::-1]):
            out.append(tok)  # "by the end of 2024" is no end-to-end service
            continue
        out.extend(EN_GLOSSARY.get(tok, tok).split())
    return tuple(out)


def meaning_tokens(text: str) -> list[str]:
    """Folded tokens with English words read through ``EN_GLOSSARY`` ("share of dossiers
    filed online": "ty le of ho so filed truc tuyen"), so a record named in English meets
    a question asked in Vietnamese the way an English question's words already do."""
    return list(_meaning_tokens(text))


def key(text: str) -> str:
    """Folded, punctuation-free form of a name: the matching key."""
    return " ".join(tokens(text))


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """(folded token, start, end) with offsets into ``text`` (NFC)."""
    folded = fold_keep_offsets(text)
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(folded)]


@dataclass(frozen=True)
class Mention:
    """A name found in a question: token span ``[i, j)`` and character span."""

    i: int
    j: int
    start: int
    end: int
    text: str
    province: Province | None = None
    region: Region | None = None
    store_keys: tuple[str, ...] = ()  # folded entity keys of a non-province entity

    @property
    def is_entity(self) -> bool:
        return self.province is not None or bool(self.store_keys)


def english_department_keys(k: str) -> set[str]:
    """The English names of a province's department (folded key "so tu phap" ->
    "department of justice"), as the gazetteer gives them (Ministry.department_english_names)."""
    if not k.startswith("so "):
        return set()
    m = get_gazetteer().ministry_of_department(k)
    return {key(e) for e in m.department_english_names} if m is not None else set()


@dataclass
class NameIndex:
    """Names a question can mention, by matching key."""

    provinces: dict[str, Province] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)
    store: dict[str, set[str]] = field(default_factory=dict)  # key -> raw entity keys
    province_keys: dict[str, set[str]] = field(default_factory=dict)  # name -> raw keys
    initiatives: dict[str, str] = field(default_factory=dict)  # key -> raw name_key
    # Keys of acronyms ("MoST", "VAST", "MIC"): found only where a question writes them
    # with capitals, since lower case they are words ("the most", "a vast").
    acronyms: set[str] = field(default_factory=set)
    # The first word of every key of provinces, store and regions, and which dicts (and
    # sizes) it was made from: keys are only ever added, so a change of size remakes it.
    _starts: frozenset[str] = field(default=frozenset(), init=False, repr=False, compare=False)
    _starts_of: tuple[int, ...] = field(default=(), init=False, repr=False, compare=False)

    @classmethod
    def build(
        cls, entity_keys: Iterable[str] = (), initiative_keys: Iterable[str] = ()
    ) -> NameIndex:
        gaz = get_gazetteer()
        idx = cls()
        for p in gaz.provinces:
            for alias in p.all_names():
                k = key(alias)
                if k:
                    idx.provinces.setdefault(k, p)
            idx.province_keys.setdefault(p.name, set()).add(fold(p.name))
        for r in gaz.regions:
            for alias in r.all_names():
                k = key(alias)
                if k:
                    idx.regions.setdefault(k, r)
        for raw in entity_keys:
            idx._add_store_entity(raw)
        idx._add_ministry_names()
        idx._add_department_names()
        for raw in initiative_keys:
            k = key(raw)
            if len(k) >= 3:
                idx.initiatives.setdefault(k, raw)
        return idx

    def _add_store_entity(self, raw: str) -> None:
        k = key(raw)
        if not k or all(t in _GENERIC for t in k.split()) or (" " not in k and len(k) < 4):
            return  # too generic or too short to recognise safely in a question
        prov = self.province_of(k)
        if prov is not None:
            # A province stored under a variant ("TP Cần Thơ"): query it with the province.
            self.province_keys.setdefault(prov.name, set()).add(raw)
            return
        self.store.setdefault(k, set()).add(raw)
        core = _strip_unit_prefix(k)
        if core != k and len(core.split()) >= 2 and core not in self.provinces:
            self.store.setdefault(core, set()).add(raw)

    def _add_ministry_names(self) -> None:
        """Every name of a stored ministry, English included ("State Bank of Vietnam",
        "MoJ"), finds its records (stored under the Vietnamese name)."""
        gaz = get_gazetteer()
        for k, raws in list(self.store.items()):
            m = gaz.ministry_by_name(k)
            if m is None or key(m.name) != k:
                continue
            for alias in m.all_names():
                ak = key(alias)
                if len(ak) >= 3 and ak not in self.provinces:
                    self.store.setdefault(ak, set()).update(raws)
                    if _is_acronym(alias) and ak not in self._own_keys(raws):
                        self.acronyms.add(ak)

    def _add_department_names(self) -> None:
        """A stored department ("Sở Tư pháp") is found by its English name too ("Department of
        Justice")."""
        for k, raws in list(self.store.items()):
            for ek in english_department_keys(k):
                self.store.setdefault(ek, set()).update(raws)

    @staticmethod
    def _own_keys(raws: set[str]) -> set[str]:
        return {key(r) for r in raws}

    def province_of(self, k: str) -> Province | None:
        """The province a matching key names: an alias, or "tỉnh <alias>", or "thành phố /
        TP <alias>" for a centrally-run city ("TP. Hà Tĩnh" is a district-level city)."""
        if k in self.provinces:
            return self.provinces[k]
        for prefix in ("tinh ", "thanh pho ", "tp "):
            if k.startswith(prefix):
                p = self.provinces.get(k[len(prefix) :])
                if p is not None and (prefix == "tinh " or p.kind == "thành phố"):
                    return p
        return None

    def keys_for(self, province: Province) -> list[str]:
        return sorted(self.province_keys.get(province.name, {fold(province.name)}))

    def find(self, text: str, *, blank: Iterable[tuple[int, int]] = ()) -> list[Mention]:
        """Entity and region mentions in ``text``, longest first, left to right. Character
        spans in ``blank`` (quoted initiative names, say) are never part of a mention."""
        blank = list(blank)
        spans = token_spans(text)
        toks: list[str | None] = [None if _inside(a, blank) else t for t, a, _ in spans]
        starts = self._first_words()
        out: list[Mention] = []
        i = 0
        while i < len(toks):
            if toks[i] not in starts:
                # No name begins with this word: an evidence quote of hundreds of words
                # is read in one pass instead of trying ten n-grams at every word.
                i += 1
                continue
            hit = None
            for j in range(min(len(toks), i + _MAX_NGRAM), i, -1):
                part = toks[i:j]
                if any(t is None for t in part):
                    continue
                k = " ".join(part)  # type: ignore[arg-type]
                prov = self.provinces.get(k)
                store = None if prov is not None else self.store.get(k)
                # A region the store also holds as an entity is both: the question says
                # whether it is asked about or is where a unit is ranked.
                region = self.regions.get(k) if prov is None else None
                if prov is None and store is None and region is None:
                    continue
                start, end = spans[i][1], spans[j - 1][2]
                if store is not None and k in self.acronyms and not _capitalised(text[start:end]):
                    continue
                hit = Mention(
                    i, j, start, end, text[start:end], province=prov, region=region,
                    store_keys=tuple(sorted(store or ())),
                )  # fmt: skip
                break
            if hit is None:
                i += 1
                continue
            out.append(hit)
            i = hit.j
        return out

    def _first_words(self) -> frozenset[str]:
        dicts = (self.provinces, self.store, self.regions)
        of = tuple(x for d in dicts for x in (id(d), len(d)))
        if of != self._starts_of:
            self._starts = frozenset(k.split(" ", 1)[0] for d in dicts for k in d)
            self._starts_of = of
        return self._starts

    def find_initiatives(self, text: str) -> list[str]:
        """Stored initiative names (raw folded keys) that appear whole in ``text``, longest
        first."""
        q = " " + key(text) + " "
        found = [raw for k, raw in self.initiatives.items() if f" {k} " in q]
        return sorted(found, key=len, reverse=True)


def is_bloc(name: str) -> bool:
    """Whether ``name`` is, whole, a name of the ministries' bloc ("19 bộ, cơ quan ngang
    bộ", folded or not; vocabulary kind "bloc")."""
    from llmx.core.vocab import get_vocab

    spans = get_vocab().find(name, {"bloc"})
    return len(spans) == 1 and spans[0].start == 0 and spans[0].end == len(name.strip())


def strip_unit_prefix(k: str) -> str:
    """A matching key without its administrative prefix: "huyen quang ninh" -> "quang ninh"."""
    return _strip_unit_prefix(k)


def _strip_unit_prefix(k: str) -> str:
    for p in _UNIT_PREFIXES:
        if k.startswith(p):
            return k[len(p) :]
    return k


def _is_acronym(alias: str) -> bool:
    """One word with two capitals or more that reads as a word when written in lower case
    (it has a vowel): "MoST", "VAST", "MIC"; not "SBV" or "NHNN", safe in any case."""
    a = alias.strip()
    return (
        " " not in a and sum(c.isupper() for c in a) >= 2 and any(c in "aeiouy" for c in a.lower())
    )


def _capitalised(written: str) -> bool:
    """Whether a word is written as an acronym is: two capitals or more ("MoST", "MOST")."""
    return sum(c.isupper() for c in written) >= 2


def _inside(pos: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def build_index(store: Store | None) -> NameIndex:
    """The name index for a store (gazetteer only when ``store`` is None)."""
    if store is None:
        return NameIndex.build()
    return NameIndex.build(store.entity_keys(), store.initiative_keys())
