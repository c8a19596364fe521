"""Averages over many units ("bình quân 63 địa phương là 88,37%", "the national average
satisfaction level reached 82.66%") and the change of such an average from an earlier year.

An average is the figure of the country or of the ministries' bloc, never of the unit the
sentence is otherwise about (eval/CONVENTIONS.md: national and bloc averages). Its name is the
vocabulary's name for an average of that owner with the index measured ("giá trị trung bình
Chỉ số CCHC cả nước"), since the words before the number ("Xu hướng đi lên … là") name
nothing an analyst would title a column with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from llmx.core.numbers import parse_vn_number
from llmx.core.vocab import Entry, get_vocab
from llmx.rules import lexicon as lx
from llmx.rules.entities import EntityMention

# The value an average cue announces: the next percentage or score in its clause.
# A unit may stand in brackets after the value ("đạt 84,79 (%/100 điểm tối đa)").
_VALUE_RE = re.compile(
    r"(?<![\d.,])(?P<v>\d{1,3}(?:[.,]\d+)?)\s*(?:\(\s*)?(?P<u>%|diem\b|percent\b|points?\b)"
)
# A score on the 0-1 scale (DTI) is told without a unit ("… bình quân năm 2021 đạt 0,4014").
_SCALE_VALUE_RE = re.compile(
    r"\b(?:dat|la|of|at|reached)\s+(?P<v>0[.,]\d{2,4})(?P<u>)(?![\d%]|\s*(?:%|diem|percent))"
)
_VALUE_WINDOW = 70
_BRACKET_TAIL = 30  # how far a bracketed unit's words may run ("%/100 điểm tối đa")
# A word every average cue of the vocabulary holds (folded): a cheap test before the cues.
_AVERAGE_HINT = re.compile(r"binh quan|trung binh|averag|ca nuoc|toan quoc|quoc gia|national")
# A bloc counts fewer than a hundred units: a four-digit number in the cue is its year
# ("… năm 2017 của 19 bộ").
_BLOC_SIZE = re.compile(r"(?<![\d.,])\d{1,2}(?![\d.,])")
_MAX_SCORE = 100
_POINT_DECIMAL = re.compile(r"\d{1,3}\.\d{3}")
_QUALIFIED = re.compile(r"\s+(?:co|khong)\b")
_SIZE_BEFORE = re.compile(r"(?<![\d.,])\d{1,2}(?=\s+$)")
_CLAUSE_END = re.compile(r";|\.\s|:\s")
# A cue right after a comparison ("cao hơn bình quân cả nước 3,2%", "beat the average of …
# by 4.38 points") is what a unit is compared with: the number after it is the gap, and only
# a value in brackets right after the cue is the average itself.
_GAP_BEFORE = re.compile(
    r"\b(?:hon|vuot|thua|kem|so voi|above|below|than|beat|over|exceed(?:ed|s)?)\s+$"
)
_BRACKETED_RE = re.compile(
    r"\s*\(\s*(?P<v>\d{1,3}(?:[.,]\d+)?)\s*(?P<u>%|diem\b|percent\b|points?\b)\s*\)"
)
# Words between a cue and its value that make the value someone else's change or bound.
_NOT_THE_LEVEL_BEFORE = re.compile(
    r"\b(?:tang|giam|hon|tren|duoi|tu|vuot|up|down|by|above|below|over|than)\s*(?:them\s*)?$"
)
# A change told between a cue and the next value: that value is the change, not the level.
_CHANGE_WORD = re.compile(
    r"\b(?:tang|giam|cao hon|thap hon|nhinh hon|up|down|higher|lower|rose|fell)\b"
)
# What may stand between an average's value and a change or earlier value told after it.
_JOIN_RE = re.compile(r"[\s,]*(?:(?:and|va|this year|last year|in (?:19|20)\d\d|so voi)\s*)?[\s,]*")
_FOLLOW_UP_WINDOW = 90
_MAX_FOLLOW_UPS = 3
# The parts of a cue that names the units first ("Ở cấp Sở, ban, ngành, điểm trung bình").
_UNITS_FIRST = re.compile(
    r"(?P<lvl>(?:cấp|khối) .+?),? (?P<m>(?:điểm|chỉ số \S+) (?:bình quân|trung bình))$",
    re.IGNORECASE,
)
_UNITS_WORDS = re.compile(
    r"departments and agencies|departments|agencies|localities|districts|communes|"
    r"(?<=\s)(?:xã, phường, thị trấn|sở, ban, ngành|huyện, thị xã, thành phố|cơ quan, đơn vị|"
    r"cơ quan chuyên môn|đơn vị cấp (?:huyện|xã)|sở, ngành|sở|huyện|xã)$"
    # "Ở cấp Sở, ban, ngành, điểm trung bình …": the units named first
    r"|(?:(?<=cấp )|(?<=khối ))(?:sở, ban, ngành|sở, ngành|địa phương|huyện, thị xã, thành phố|"
    r"xã, phường, thị trấn|huyện|xã)(?=,? )",
    re.IGNORECASE,
)
# "… bình quân của các xã, phường, thị trấn tỉnh Bình Dương đạt": the province named right
# after a province's units average is whose they are, not a unit with a figure of its own.
_OF_PROVINCE_AFTER = 12
_UNIT_RE = re.compile(r"%|percent(?:age points?)?|points?|diem")


@dataclass(frozen=True)
class Average:
    """One average read from a sentence: where its value is, the value, its unit as
    written, its name and whose figure it is ("nation" or "bloc")."""

    start: int
    end: int
    value: float
    unit: str
    name: str
    owner: str
    year: int | None = None  # the year it gives itself (an earlier value's)
    back: int = 0  # years before the sentence's year (an earlier value "a year earlier")
    size: int | None = None  # how many units the bloc has, where the text says it


@cache
def _matchers(label: str) -> tuple[tuple[Entry, re.Pattern[str]], ...]:
    vocab = get_vocab()
    return tuple(
        (e, vocab.matcher(e)) for e in vocab.entries if e.kind == "metric" and e.label == label
    )


# Cached: the index, metric and English readers ask this of the same sentence (and its
# clauses) several times over. A pure function of an immutable string; a small cache, so
# only the last sentences' answers are kept.
@lru_cache(maxsize=64)
def index_in(f: str) -> str | None:
    """The first index the (folded) sentence names: the leftmost name, the first of
    INDEX_RE where two start at one place. One pass of the alternation of all names (and
    none when no name's head is there) instead of one search per index: called for most
    sentences, it was the rules' most frequent search."""
    if not lx.INDEX_HINT_RE.search(f):
        return None
    m = lx.INDEX_ANY_RE.search(f)
    if m is None:
        return None
    assert m.lastgroup is not None  # every alternative of the pattern is a named group
    return lx.INDEX_CODES[int(m.lastgroup[1:])]


def _index_name(code: str, lang: str) -> str:
    """The index's display name without its bracketed alias ("Chỉ số CCHC (PAR Index)" ->
    "Chỉ số CCHC"): the short name an analyst writes in a column title."""
    name = get_vocab().index_display(code, "en" if lang == "en" else "vi")
    return re.sub(r"\s*\([^)]*\)", "", name).strip()


def _name(template_label: str, lang: str, index: str | None) -> str | None:
    concept = get_vocab().concept("metric", template_label)
    if concept is None or index is None:
        return None
    template = concept.en if lang == "en" else concept.vi
    # ``{short}``: the index's code where it is the name texts use ("DTI"), else its name
    short = index if index.isalpha() and index.isupper() else _index_name(index, lang)
    return template.replace("{index}", _index_name(index, lang)).replace("{short}", short)


def _unit(raw: str) -> str:
    if raw in ("points", "point"):
        return "points"  # English keeps its unit as written, as its counts do
    return "%" if raw in ("%", "percent") else "điểm"  # a bare 0-1 score is in points too


def _value_after(
    f: str, cue_end: int, ents: list[EntityMention], gap: bool
) -> re.Match[str] | None:
    """The value an average cue ending at ``cue_end`` announces, or None: the bracketed
    one after a comparison, else the next value in the clause with no unit named between."""
    if gap:
        return _BRACKETED_RE.match(f, cue_end)
    bracketed = _BRACKETED_RE.match(f, cue_end)
    if bracketed:
        return bracketed
    stop = _CLAUSE_END.search(f, cue_end)
    limit = min(len(f), cue_end + _VALUE_WINDOW, stop.start() if stop else len(f))
    found = [
        x
        for x in (_VALUE_RE.search(f, cue_end, limit), _SCALE_VALUE_RE.search(f, cue_end, limit))
        if x
    ]
    if not found:
        return None
    m = min(found, key=lambda x: x.start("v"))
    if any(cue_end <= e.start < m.start() for e in ents):
        return None  # "bình quân cả nước, tỉnh X đạt …": a unit's own figure follows
    if _NOT_THE_LEVEL_BEFORE.search(f, max(cue_end, m.start() - 12), m.start()):
        return None
    if _CHANGE_WORD.search(f, cue_end, m.start()):
        return None  # "Bình quân … đạt 65,74 trên thang 100, nhỉnh hơn năm 2021 0,37 điểm"
    if _VALUE_RE.search(f, cue_end, m.start()) or re.search(r"\d+\s*/", f[cue_end : m.start()]):
        return None
    return m


def find_averages(
    f: str, original: str, ents: list[EntityMention], index: str | None
) -> list[Average]:
    """The averages of one sentence (folded ``f``, ``original`` text) and the changes told
    right after them. ``index`` is the index the paragraph is about when the sentence names
    none. A sentence that names a region before the cue is left alone: a region's average
    is that region's index result."""
    if not _AVERAGE_HINT.search(f):
        return []  # every cue holds one of these words: most sentences hold none
    out: list[Average] = []
    sentence_index: str | None = None
    for entry, rx in _matchers("average"):
        for cue in rx.finditer(original):
            if any(e.level == "region" and e.end <= cue.start() for e in ents):
                continue
            if entry.attrs.get("unowned") and any(e.end <= cue.start() for e in ents):
                continue  # "Nam Dinh's SIPAS averaged …": the unit's own index
            if entry.attrs.get("owner") == "bloc" and _QUALIFIED.match(f, cue.end()):
                continue  # "khối bộ có cung cấp dịch vụ công": a part of the bloc
            gap = bool(_GAP_BEFORE.search(f, max(0, cue.start() - 16), cue.start()))
            after = ents
            if entry.attrs.get("owner") == "province":
                near = range(cue.end(), cue.end() + _OF_PROVINCE_AFTER + 1)
                after = [e for e in ents if e.start not in near]
            m = _value_after(f, cue.end(), after, gap)
            if m is None:
                continue
            value = parse_vn_number(m.group("v")) if entry.lang == "vi" else _en_number(m["v"])
            if value is not None and value > _MAX_SCORE and _POINT_DECIMAL.fullmatch(m["v"]):
                value = float(m["v"])  # "điểm trung bình đạt 42.269 điểm": no score is 42 269
            owner = entry.attrs.get("owner", "nation")
            sentence_index = sentence_index or index_in(f) or index  # read once, when needed
            first = _UNITS_FIRST.search(cue.group(0))
            if entry.attrs.get("name") == "units_first" and first is not None:
                # "Ở cấp Sở, ban, ngành, điểm trung bình là …": titled as said, "điểm trung
                # bình cấp Sở, ban, ngành" (what the index is, the text leaves to its article)
                name: str | None = f"{first.group('m')} {first.group('lvl')}"
            else:
                label = entry.attrs.get("name", f"{owner}_average")
                name = _name(label, entry.lang, sentence_index)
            units = _UNITS_WORDS.search(cue.group(0))
            if name is not None and "{units}" in name:
                # "The localities averaged …": the units named by the cue
                said = units.group(0) if units else ""
                name = name.replace("{units}", said if entry.lang == "vi" else said.lower())
                name = name if units else None
            if value is None or name is None:
                continue
            start, end = m.start("v"), m.end("u")
            # "bình quân của 18 bộ", "The 19 ministries and agencies average": the bloc's size
            size = (
                _BLOC_SIZE.search(cue.group(0))
                or _SIZE_BEFORE.search(original, max(0, cue.start() - 6), cue.start())
                if owner == "bloc"
                else None
            )
            out.append(
                Average(
                    start,
                    end,
                    value,
                    _unit(m.group("u")),
                    name,
                    owner,
                    size=int(size.group(0)) if size else None,
                )
            )
            bloc_size = out[-1].size
            out += [
                replace(a, size=bloc_size)
                for a in _follow_ups(f, original, _past_bracket(f, m), entry.lang, name, owner)
            ]
    # one record per value; the full key keeps the order the same in every process
    return sorted(set(out), key=lambda a: (a.start, a.end, a.name, a.owner, a.value, a.unit))


def _past_bracket(f: str, m: re.Match[str]) -> int:
    """Where a value's words end: past the bracket its unit opens ("84,79 (%/100 điểm tối
    đa)"), where a change told after it may follow."""
    end = m.end("u")
    if "(" not in f[m.start("v") : end]:
        return end
    close = f.find(")", end, end + _BRACKET_TAIL)
    return close + 1 if close >= 0 else end


def _follow_ups(
    f: str, original: str, pos: int, lang: str, level_name: str, owner: str
) -> list[Average]:
    """The changes and earlier values of an average told right after its value ("…88,37%,
    cao hơn năm 2023 1,39%", "…81.15%, up 4.23% from 2018", "…84.45%, nearly 1.5% above
    2018 and nearly 2.3% above 2017", "… so với năm 2022 (80,08%)"): each one close after
    the last, a change named as a change of the average (a fall by its direction, unsigned),
    an earlier value named as the average itself with the year it gives (``back`` = 1: the
    year before)."""
    out: list[Average] = []
    after = pos  # where the last follow-up's words end ("… above 2018"), past its value
    for _ in range(_MAX_FOLLOW_UPS):
        hit = _next_follow_up(f, original, pos, after, lang)
        if hit is None:
            break
        entry, m = hit
        raw = m.group("num")
        value = parse_vn_number(raw) if lang == "vi" else _en_number(raw)
        if value is None:
            break
        year = m.groupdict().get("year")
        start = m.start("num")
        unit_m = _UNIT_RE.search(f, m.start("num"), m.end())
        unit = _unit(unit_m.group(0)) if unit_m else "%"
        end = unit_m.end() if unit_m else start + len(raw)
        if entry.label == "average_prior":
            back = 0 if year else 1
            out.append(
                Average(
                    start, end, value, unit, level_name, owner, int(year) if year else None, back
                )
            )
        else:
            down = (entry.sign or 1) < 0
            # a fall says its direction in the name, in both languages ("mức giảm …", 7.08;
            # "decrease in the …", 0.44), as the labels write it (CONVENTIONS: a change is
            # named as a change); an English rise is a "change in …"
            label = "average_decrease" if down and lang == "en" else "average_change"
            concept = get_vocab().concept("metric", label)
            if concept is None:
                break
            template = concept.en if lang == "en" else concept.vi
            said = year or ("the year before" if lang == "en" else "năm trước")
            if lang == "vi" and year:
                said = f"năm {year}"
            name = (
                template.replace("{level}", level_name)
                .replace("{year}", said)
                .replace("{direction}", "giảm" if down else "tăng")
            )
            out.append(Average(start, end, value, unit, name, owner))
            prior = m.groupdict().get("prior")
            level = parse_vn_number(prior) if prior and lang == "vi" else None
            if level is not None and year is not None:
                # "cao hơn năm 2022 (80,08%) là 2,58%": the bracket is that year's average
                p_unit = _UNIT_RE.search(f, m.start("prior"), m.end())
                p_end = p_unit.end() if p_unit else m.end("prior")
                said = _unit(p_unit.group(0)) if p_unit else unit
                out.append(
                    Average(m.start("prior"), p_end, level, said, level_name, owner, int(year))
                )
        pos, after = end, max(end, m.end())
    return out


def en_level_changes(f: str, original: str, pos: int, level_name: str) -> list[Average]:
    """The changes told right after an English rate's level that ends at ``pos`` ("…
    reached 83.84% in 2024, up 1.35% on 2023"), each named as a change of that rate (the
    averages' follow-ups, of any level: "change in the … from 2023"); earlier values are
    left to the readers of earlier years."""
    return [
        a
        for a in _follow_ups(f, original, pos, "en", level_name, "subject")
        if a.name != level_name
    ]


def _next_follow_up(
    f: str, original: str, pos: int, after: int, lang: str
) -> tuple[Entry, re.Match[str]] | None:
    """The change or earlier value that starts closest after ``pos`` (the last value's end)
    with at most a few joining words after that value or after the last follow-up's words
    (``after``), or None."""
    best: tuple[Entry, re.Match[str]] | None = None
    for label in ("average_change", "average_prior"):
        for entry, rx in _matchers(label):
            if entry.lang != lang:
                continue
            m = rx.search(original, pos, pos + _FOLLOW_UP_WINDOW)
            if m is None or not (
                _JOIN_RE.fullmatch(f, pos, m.start())
                or (m.start() >= after and _JOIN_RE.fullmatch(f, after, m.start()))
            ):
                continue
            if best is None or m.start() < best[1].start():
                best = (entry, m)
    return best


def _en_number(raw: str) -> float | None:
    """An English number: "," groups thousands ("49,600"), "." is the decimal point."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw):
        raw = raw.replace(",", "")
    try:
        return float(raw)
    except ValueError:
        return None


# The patterns above, with the first-character guard and the required-text filter
# (llmx.core.scanre): same matches, fewer tries.
from llmx.core.scanre import guard_patterns  # noqa: E402 - after the patterns it guards

guard_patterns(globals())
