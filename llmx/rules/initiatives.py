"""Named reform models: a name after one of the vocabulary's initiative cues (mô hình, sáng
kiến, phương châm, phong trào, khâu đột phá… in ``data/vocab/initiative.toml``), quoted, in a
list (các mô hình “A”, “B” và “C”), or for a model a capitalised name without quotes
(đưa mô hình Cà phê doanh nhân vào hoạt động); and who runs each one.

Who runs it, most explicit first: a unit linked right after the name (“A” của TP. Hội An,
“A” do Tỉnh đoàn phát động, “A” được Sở X hướng dẫn, “A”, “B” lần lượt do X và Y); the last
unit named before the cue in the same clause (Quận Ninh Kiều duy trì mô hình “A”), leaving out
units governed by a preposition (do, với, của) and place qualifiers in brackets; a bare level
word opening the clause (Thị xã duy trì …), read as the last unit of that level the document
named; else the document's main entity. A name already recorded is recorded again only when
a clause names a different owner for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from llmx.core.gazetteer import get_gazetteer
from llmx.core.textnorm import fold
from llmx.core.vocab import Span, get_vocab
from llmx.rules.entities import EntityMention

_CUE_KINDS = ("initiative_kind", "initiative_cue")
_MAX_NAME_WORDS = 16
# Words allowed between a cue and its quoted name: "phong trào thi đua “…”",
# "ứng dụng Công dân thông minh “…”".
_CUE_TO_QUOTE = re.compile(r"(?:\s+[^\W\d_][\w-]*){0,4}?\s*:?\s*(?=[“\"‘'])")
# A quoted name; books open with “ or " (and ‘ or ' in some outlets) and close with any mark.
_QUOTED = re.compile(r"[“\"‘']([^“”\"‘’'\n]{2,120})[”\"’']")
# Between two names of one list: “A”, “B” và “C” (folded text).
_LIST_SEP = re.compile(r"\s*(?:,|;|va|hoac|cung voi)\s*$")
_LIST_GAP = 24
# A capitalised name without quotes runs over these many words at most and stops at a word
# that cannot be part of a name (folded): "mô hình Cà phê doanh nhân vào hoạt động".
_BARE_MAX_WORDS = 6
_BARE_STOP = frozenset(
    "vao duoc tai cua do voi va o trong da de nay nhu nham cho tu theo la co tren moi hang "
    "ma thi se dang van cung khi ve nen".split()
)
# Right after a name: the unit that runs it. "lần lượt do A, B và C": one each. Matched on the
# text as written, where "do" (by) is not "Đô" (a place name) as it is once folded.
_OWNER_LINK = re.compile(
    r"\s*(?:(?P<resp>lần lượt do)|(?P<of>của)|(?P<by>được)|(?:[^\W\d_]+\s+){0,4}?(?P<agent>do))"
    r"\s+(?:(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+)?",
    re.IGNORECASE,
)
# "của tỉnh Bắc Giang": a province mention starts after its type word.
_PROVINCE_TYPE = re.compile(r"tỉnh\s+", re.IGNORECASE)
# A unit governed by one of these is an agent or partner, not the clause's subject.
_GOVERNED = re.compile(
    r"\b(?:do|với|của|cho|giao|theo)\s+(?:(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+)?$",
    re.IGNORECASE,
)
# A clause opened by a bare level word: "Thị xã duy trì…", "Ngoài ra, huyện còn…".
# Matched on the text as written: folded, "Sở" and "số" are one word.
_LEVEL_OPENING = re.compile(
    r"\s*(?:[^\W\d_]+(?:\s+[^\W\d_]+)?,\s*)?"
    r"(?P<w>[Tt]hị xã|[Tt]hành phố|[Hh]uyện|[Qq]uận|[Tt]ỉnh|[Bb]ộ(?! phận)|[Ss]ở|[Pp]hường|[Xx]ã)\s"
)
_LEVEL_OF_WORD: dict[str, tuple[str, str]] = {
    # level word -> (entity level, name prefix that unit must carry; "" for any)
    "thi xa": ("district", "thị xã "),
    "thanh pho": ("district", "TP. "),
    "huyen": ("district", "huyện "),
    "quan": ("district", "quận "),
    "tinh": ("province", ""),
    "bo": ("ministry", ""),
    "so": ("department", ""),
    "phuong": ("commune", "phường "),
    "xa": ("commune", "xã "),
}


@dataclass
class InitiativeMemory:
    """What the initiative finder keeps across one document's sentences: the last unit of
    each level named (for "Thị xã …"), and the owners each name was recorded with."""

    last_of_level: dict[str, list[EntityMention]] = field(default_factory=dict)
    recorded: dict[str, set[str]] = field(default_factory=dict)

    def note(self, ents: list[EntityMention]) -> None:
        for e in ents:
            self.last_of_level.setdefault(e.level, []).append(e)

    def unit_for(self, word: str) -> EntityMention | None:
        level, prefix = _LEVEL_OF_WORD[word]
        for e in reversed(self.last_of_level.get(level, [])):
            if not prefix or e.name.startswith(prefix):
                return e
        return None


@dataclass(frozen=True)
class _Owner:
    name: str
    # Named in the clause by a link or as its subject; not the document's main entity nor a
    # bare level word ("Tỉnh cần triển khai Đề án 06" implements a scheme, it does not own it).
    explicit: bool


@dataclass(frozen=True)
class _Name:
    text: str
    start: int
    end: int


def _province_unit(name: str) -> str:
    prov = get_gazetteer().lookup(name)
    if prov is not None and fold(prov.kind) == "thanh pho":
        return f"TP. {prov.name}"
    return f"tỉnh {name}"


def _bodies(
    original: str, ents: list[EntityMention], main: EntityMention | None
) -> list[EntityMention]:
    """Units the entity finder names plus bodies of the vocabulary's ``initiative_owner``
    ("Tỉnh đoàn", "Hiệp hội DN tỉnh Tiền Giang"), which win over a province inside them."""
    bodies: list[EntityMention] = []
    for span in get_vocab().find(original, ["initiative_owner"]):
        after = [e for e in ents if e.level == "province" and 0 <= e.start - span.end <= 1]
        province = after[0].name if after else (main.province if main else None)
        template = span.entry.attrs.get("name", span.text)
        if "{" in template and province is None:
            continue
        end = after[0].end if after else span.end
        name = template.format(province=province, unit=_province_unit(province or ""))
        bodies.append(EntityMention(span.start, end, name, "department", province))
    kept = [e for e in ents if not any(b.start <= e.start < b.end for b in bodies)]
    return sorted(kept + bodies, key=lambda e: e.start)


def _clause_start(f: str, pos: int) -> int:
    return f.rfind(";", 0, pos) + 1


def _in_brackets(original: str, e: EntityMention, clause: int) -> bool:
    """A place qualifier "(tỉnh Quảng Trị)" after the unit it locates."""
    return original.rfind("(", clause, e.start) > original.rfind(")", clause, e.start)


def _subject_before(
    f: str, original: str, bodies: list[EntityMention], cue: int
) -> EntityMention | None:
    clause = _clause_start(f, cue)
    cands = [
        e
        for e in bodies
        if clause <= e.start and e.end <= cue and not _GOVERNED.search(original[clause : e.start])
    ]
    unbracketed = [e for e in cands if not _in_brackets(original, e, clause)]
    pool = unbracketed or cands
    return pool[-1] if pool else None


def _linked_after(
    original: str, bodies: list[EntityMention], pos: int, stop: int
) -> tuple[list[EntityMention], bool]:
    """Units linked right after a name (before ``stop``), and whether "lần lượt" pairs them
    one to one with the names of a list."""
    m = _OWNER_LINK.match(original, pos, stop)
    if m is None:
        return [], False
    units: list[EntityMention] = []
    at = m.end()
    for e in bodies:
        if e.start < at or e.start >= stop:
            continue
        if e.start != at and not _PROVINCE_TYPE.fullmatch(original, at, e.start):
            break
        units.append(e)
        sep = re.match(r"\s*(?:,|và\b)\s*", original[e.end : stop], re.IGNORECASE)
        if m.group("resp") is None or sep is None:
            break
        at = e.end + sep.end()
    return units, m.group("resp") is not None


def _cue_names(f: str, original: str, cue: Span, next_cue: int) -> list[_Name]:
    """The names a cue introduces: the match itself ("Đề án 06"), quoted names (a list of
    them), or a capitalised name without quotes."""
    if cue.entry.attrs.get("name") == "match":
        return [_Name(cue.text, cue.start, cue.end)]
    lead = _CUE_TO_QUOTE.match(original, cue.end)
    if lead is None:
        bare = _bare_name(original, cue) if cue.entry.attrs.get("bare") else None
        return [bare] if bare else []
    names: list[_Name] = []
    pos = lead.end()
    while pos < next_cue:
        q = _QUOTED.match(original, pos)
        if q is None:
            break
        text = q.group(1).strip().strip(",;.").strip()
        if text and len(text.split()) <= _MAX_NAME_WORDS:
            names.append(_Name(text, q.start(), q.end()))
        nxt = _QUOTED.search(original, q.end())
        if nxt is None or nxt.start() - q.end() > _LIST_GAP or nxt.start() >= next_cue:
            break
        if not _LIST_SEP.fullmatch(f[q.end() : nxt.start()].rstrip() or ","):
            break
        pos = nxt.start()
    return names


# English names a model before its kind word ("the “Saturday for the People” model", "the
# pilot “X” model") or after it ("a model called “X”", "the initiative “X”").
_EN_QUOTED_BEFORE = re.compile(r"[“\"‘']([^“”\"‘’'\n]{2,120})[”\"’']\s+(?:(?:pilot|new)\s+)?$")
_EN_TO_QUOTE = re.compile(r"\s+(?:(?:called|named|dubbed|known as)\s+)?(?=[“\"‘'])")


def _english_names(original: str, cue: Span, next_cue: int) -> list[_Name]:
    """The quoted name an English kind word ("model", "initiative") stands beside."""
    before = _EN_QUOTED_BEFORE.search(original, max(0, cue.start - 140), cue.start)
    if before is not None:
        text = before.group(1).strip().strip(",;.").strip()
        if text and len(text.split()) <= _MAX_NAME_WORDS:
            return [_Name(text, before.start(), before.end())]
    lead = _EN_TO_QUOTE.match(original, cue.end, next_cue)
    q = _QUOTED.match(original, lead.end()) if lead is not None else None
    if q is not None:
        text = q.group(1).strip().strip(",;.").strip()
        if text and len(text.split()) <= _MAX_NAME_WORDS:
            return [_Name(text, q.start(), q.end())]
    return []


_BARE_WORD = re.compile(r"\s+([^\W\d_][\w-]*)")


def _bare_name(original: str, cue: Span) -> _Name | None:
    """A name without quotes, as in "mô hình Cà phê doanh nhân vào …": a capitalised first
    word, then words up to one that cannot be in a name; two words at least, and no province
    inside ("mô hình Long An" is not a name)."""
    words: list[re.Match[str]] = []
    pos = cue.end
    while len(words) <= _BARE_MAX_WORDS:
        m = _BARE_WORD.match(original, pos)
        if m is None or fold(m.group(1)) in _BARE_STOP:
            break
        words.append(m)
        pos = m.end()
    if not (2 <= len(words) <= _BARE_MAX_WORDS) or not words[0].group(1)[:1].isupper():
        return None
    if original[pos : pos + 1] not in ("", " "):
        return None  # the name runs into punctuation: a clause, not a name
    start, end = words[0].start(1), words[-1].end(1)
    if get_gazetteer().find(original[start:end]):
        return None
    return _Name(original[start:end], start, end)


def _owners(
    f: str,
    original: str,
    names: list[_Name],
    cue: Span,
    next_cue: int,
    bodies: list[EntityMention],
    memory: InitiativeMemory,
    main: EntityMention | None,
) -> list[_Owner | None]:
    tail, respective = _linked_after(original, bodies, names[-1].end, next_cue)
    if respective and len(tail) == len(names):
        return [_Owner(e.name, True) for e in tail]
    shared = _Owner(tail[0].name, True) if tail and not respective else None
    out: list[_Owner | None] = []
    for i, n in enumerate(names):
        stop = names[i + 1].start if i + 1 < len(names) else next_cue
        own, _ = _linked_after(original, bodies, n.end, stop)
        if own:
            out.append(_Owner(own[0].name, True))
        elif shared is not None:
            out.append(shared)
        else:
            out.append(_owner_before(f, original, bodies, cue.start, memory, main))
    return out


def _owner_before(
    f: str,
    original: str,
    bodies: list[EntityMention],
    cue: int,
    memory: InitiativeMemory,
    main: EntityMention | None,
) -> _Owner | None:
    subject = _subject_before(f, original, bodies, cue)
    if subject is not None:
        return _Owner(subject.name, True)
    opening = _LEVEL_OPENING.match(original, _clause_start(f, cue), cue)
    if opening is not None:
        word = fold(opening.group("w")).lower()
        unit = memory.unit_for(word)
        if unit is None and main is not None and main.level == _LEVEL_OF_WORD[word][0]:
            unit = main
        if unit is not None:
            return _Owner(unit.name, False)
    return _Owner(main.name, False) if main is not None else None


def _is_restatement(memory: InitiativeMemory, name: str, owner: _Owner | None) -> bool:
    """A name already recorded, unless this clause names a new owner for it."""
    seen = memory.recorded.get(fold(name))
    if seen is None:
        return False
    return owner is None or not owner.explicit or owner.name in seen


def find_initiatives(
    f: str,
    original: str,
    ents: list[EntityMention],
    years: list[tuple[int, int]],
    main: EntityMention | None,
    memory: InitiativeMemory | None = None,
) -> list[dict[str, Any]]:
    """Initiatives of one sentence (``f`` folded, ``original`` as written, ``ents`` its
    units); ``memory`` carries what earlier sentences of the document named."""
    memory = memory if memory is not None else InitiativeMemory()
    cues = get_vocab().find(original, _CUE_KINDS)
    bodies = _bodies(original, ents, main) if cues else ents
    year = years[0][1] if years else None
    out: list[dict[str, Any]] = []
    for i, cue in enumerate(cues):
        next_cue = cues[i + 1].start if i + 1 < len(cues) else len(original)
        english = cue.entry.lang == "en"
        names = _english_names(original, cue, next_cue) if english else _cue_names(
            f, original, cue, next_cue
        )
        if not names:
            continue
        kind = (
            get_vocab().display(cue.entry.kind, cue.entry.label, "vi")
            if english
            else cue.entry.attrs.get("kind") or fold_kind(cue.text)
        )
        for n, owner in zip(
            names, _owners(f, original, names, cue, next_cue, bodies, memory, main), strict=True
        ):
            if _is_restatement(memory, n.text, owner):
                continue
            entity = owner.name if owner else "không rõ"
            memory.recorded.setdefault(fold(n.text), set()).add(entity)
            out.append({"entity": entity, "name": n.text, "kind": kind, "year": year})
    memory.note(ents)
    return out


def fold_kind(cue_text: str) -> str:
    """The stored kind: the cue as written, lower case ("Mô hình" -> "mô hình")."""
    return " ".join(cue_text.lower().split())


# The patterns above, each with a lookahead on the characters its matches start with
# (same matches; re skips to those characters instead of trying every position).
from llmx.core.scanre import guard_patterns  # noqa: E402 - after the patterns it guards

guard_patterns(globals())
