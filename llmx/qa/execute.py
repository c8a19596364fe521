"""Run a ``Query`` against the store: the records that answer it, best first.

Records are read as distinct facts (``facts.select_facts``: fixed SQL, bound parameters,
identical copies grouped). What SQL cannot express (fuzzy component and metric-name
matching, region names written differently) is done here on the facts returned.

Ranking follows the issue: national over regional (over within-province), whole index over
component, the index asked (else the PAR Index) over others, newest year first; targets
first only when the question asks about plans. Records tied with the best one for a
different entity are ties (both answer the question); the rest are lesser matches.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from llmx.core.gazetteer import PROVINCES_BEFORE_2025, PROVINCES_FROM_2025, get_gazetteer
from llmx.core.numbers import NumberSpan, find_numbers
from llmx.core.terms import DEFAULT_CONFIDENCE
from llmx.core.textnorm import fold, nfc
from llmx.core.vocab import get_vocab
from llmx.qa.facts import Fact, latest_year, select_facts
from llmx.qa.metric_guards import contradicts
from llmx.qa.names import (
    Mention,
    NameIndex,
    english_department_keys,
    key,
    meaning_tokens,
    strip_unit_prefix,
    tokens,
)
from llmx.qa.parse_rules import count_direction, stated_rank
from llmx.qa.query import ANY_REGION, NEEDS_ENTITY, UNIT_LEVELS, AskKind, Query
from llmx.store.results import SentenceHit
from llmx.store.store import Store
from llmx.store.views import IndexResultView, InitiativeView, MetricView

PASSAGES = 3  # FTS passages shown when nothing answers
MAX_OTHERS = 3  # lesser matches kept after the best one(s)
_COMPONENT_MATCH = 0.6  # Dice similarity of component names (folded tokens)
_METRIC_COVER = 0.6  # share of the question's content words a metric record must cover
_METRIC_OTHERS = 0.8  # lesser metric matches must score this share of the best one

Record = IndexResultView | MetricView | InitiativeView

# Words too common to tell metric records apart (the parser drops most; these are in names):
# function words of a metric's name (Vietnamese and English, folded): they say nothing of
# what is measured, and would weigh against an English name's share of matching words.
_NAME_STOP = frozenset(
    "cua la va cac duoc tren trong cho voi tai o of the a an in on at for by with to their "
    "its and from that".split()
)


@dataclass
class Hit:
    """One fact that answers (or nearly answers) the query."""

    kind: str  # "index" | "metric" | "initiative"
    record: Record
    rank_key: tuple = ()
    role: str = "other"  # "best" | "tie" | "other"
    sources: int = 1  # stored rows (documents) that state this fact
    derived: dict[str, Any] = field(default_factory=dict)  # figures computed from records
    support: list[Record] = field(default_factory=list)  # other records a derivation used
    conflict: bool = False  # another source states a different figure for the same fact
    contradicted: bool = False  # its quote names another entity, not its own

    @property
    def primary(self) -> bool:
        return self.role in ("best", "tie")


@dataclass
class Result:
    query: Query
    hits: list[Hit] = field(default_factory=list)
    passages: list[SentenceHit] = field(default_factory=list)
    reason: str | None = None  # why nothing was found
    # Records that might answer but that the question does not tell apart ("ambiguous"), or
    # the closest stored ones when none is stated to answer ("unstated_extreme"): shown as
    # candidates, never as the answer.
    candidates: list[Hit] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return any(h.primary for h in self.hits)


# -- helpers -----------------------------------------------------------------------------


def similarity(a: str, b: str) -> float:
    """Dice coefficient of folded token sets; 1.0 when one name contains the other whole."""
    ta, tb = set(tokens(a)), set(tokens(b))
    if not ta or not tb:
        return 0.0
    ka, kb = f" {key(a)} ", f" {key(b)} "
    if (ka in kb or kb in ka) and min(len(ta), len(tb)) >= 2:
        return 1.0
    return 2 * len(ta & tb) / (len(ta) + len(tb))


def known_component(name: str) -> str | None:
    """The canonical name of a component the extractor's table knows, in either language
    ("digital economy", "kinh tế số" -> "Kinh tế số"), when the name is mostly that."""
    # The extractor's table (imported here: compiling the lexicon costs a cold `llmx ask`
    # ~80 ms, paid only by questions that name a component).
    from llmx.rules.lexicon import KNOWN_COMPONENT_RE, KNOWN_COMPONENTS

    folded = fold(name).strip()
    m = KNOWN_COMPONENT_RE.search(folded)
    if m is None or m.lastgroup is None or (m.end() - m.start()) < 0.6 * len(folded):
        return None
    return KNOWN_COMPONENTS[int(m.lastgroup[1:])][0]


def component_match(stored: str, asked: str) -> bool:
    """A stored component answers the one asked: the same known component in either
    language, else names alike (Dice of folded tokens)."""
    a, b = known_component(stored), known_component(asked)
    if a is not None and b is not None:
        return a == b
    if _accented(stored) and _accented(asked):
        # Both written with diacritics: "Nhận thức số" is not "Nhân lực số", though folded
        # they share two words of three.
        return _written_similarity(stored, asked) >= _COMPONENT_MATCH
    return similarity(stored, asked) >= _COMPONENT_MATCH


_WORD = re.compile(r"\w+")


def _accented(text: str) -> bool:
    return fold(text) != text.lower()


def _written_similarity(a: str, b: str) -> float:
    """Dice coefficient of lower-case word sets as written (diacritics kept)."""
    ta, tb = set(_WORD.findall(nfc(a).lower())), set(_WORD.findall(nfc(b).lower()))
    if not ta or not tb:
        return 0.0
    return 2 * len(ta & tb) / (len(ta) + len(tb))


def _scope_class(scope: str) -> int:
    return 0 if scope == "national" else 1 if scope.startswith("region:") else 2


def scope_matches(record_scope: str, wanted: str | None) -> bool:
    """Scope filter that tolerates region/province names written differently."""
    if wanted is None:
        return True
    if wanted == "national" or record_scope == "national":
        return record_scope == wanted
    kind, _, name = wanted.partition(":")
    rkind, _, rname = record_scope.partition(":")
    if kind != rkind:
        return False
    if wanted == ANY_REGION:
        return True
    gaz = get_gazetteer()
    lookup = gaz.lookup_region if kind == "region" else gaz.lookup
    a, b = lookup(name), lookup(rname)
    if a is not None and b is not None:
        return a.name == b.name
    return key(name) == key(rname)


def _year_key(year: int | None) -> float:
    return -year if year is not None else math.inf


def _dedupe(hits: list[Hit], fact: Callable[[Record], tuple]) -> list[Hit]:
    """One hit per fact (the store groups exact copies; names differing only in case or
    punctuation are merged here)."""
    seen: dict[tuple, Hit] = {}
    out: list[Hit] = []
    for h in hits:
        k = fact(h.record)
        if k in seen:
            seen[k].sources += h.sources
        else:
            seen[k] = h
            out.append(h)
    return out


def _ir_fact(r: Record) -> tuple:
    assert isinstance(r, IndexResultView)
    return (
        fold(r.entity), r.index, key(r.component or ""), r.year, r.score, r.rank, r.rank_total,
        r.rank_change, r.score_change, r.scope, r.is_target,
    )  # fmt: skip


_FIGURES = ("score", "rank", "rank_total", "rank_change", "score_change")


def _drop_subsumed(hits: list[Hit]) -> list[Hit]:
    """Drop an index result whose figures all appear, equal, in another result about the
    same entity, index, component, year and scope (one sentence often yields both), one
    as trustworthy."""
    groups: dict[tuple, list[tuple[Hit, dict[str, Any]]]] = {}
    for h in hits:
        r = h.record
        assert isinstance(r, IndexResultView)
        figures = {f: getattr(r, f) for f in _FIGURES if getattr(r, f) is not None}
        groups.setdefault((*_ir_fact(r)[:4], r.scope, r.is_target), []).append((h, figures))
    out = []
    for h in hits:
        r = h.record
        assert isinstance(r, IndexResultView)
        group = groups[(*_ir_fact(r)[:4], r.scope, r.is_target)]
        mine = next(f for o, f in group if o is h)
        if not any(
            len(theirs) > len(mine) and all(theirs.get(k) == v for k, v in mine.items())
            and _doubtful(o) <= _doubtful(h)
            for o, theirs in group
            if o is not h
        ):
            # A confident record is kept beside a doubtful one holding more figures: the
            # doubtful one would carry the fact alone, below other confident answers.
            out.append(h)
    return out


def _doubtful(h: Hit) -> bool:
    """A record its backend rated below the confident cut-off (unassessed ones are not), or
    one whose own quote names another entity and not its own."""
    c = h.record.confidence
    return h.contradicted or (c is not None and c < DEFAULT_CONFIDENCE)


def _evidence_text(r: Record) -> str:
    quotes = [r.evidence.quote, *(ev.quote for ev in r.field_evidence.values())]
    return " ".join(quotes)


def _entity_keys_of(name: str) -> set[str]:
    """Matching keys a quote may name an entity by: its name and aliases, with and without
    the unit word ("Sở Tư pháp" / "Tư pháp", "tỉnh Hà Giang" / "Hà Giang")."""
    gaz = get_gazetteer()
    p = gaz.lookup(name)
    m = gaz.ministry_by_name(name)
    out = {key(a) for a in p.all_names()} if p is not None else {key(name)}
    if m is not None and key(m.name) == key(name):
        out |= {key(a) for a in m.all_names()}  # "Ministry of Justice" names Bộ Tư pháp
    out |= _department_short_names(name)
    return out | {strip_unit_prefix(k) for k in out}


def _department_short_names(name: str) -> set[str]:
    """A provincial department's short names, from its ministry's ("Sở NN&PTNT" for Sở
    Nông nghiệp và Phát triển nông thôn, as "Bộ NN&PTNT" is the ministry's)."""
    k = key(name)
    if not k.startswith("so "):
        return set()
    m = get_gazetteer().ministry_by_name("Bộ " + nfc(name).split(" ", 1)[1])
    if m is None:
        return set()
    short = {"so " + key(a).removeprefix("bo ") for a in m.all_names() if key(a).startswith("bo ")}
    return short | english_department_keys(k)  # "the Department of Justice" names Sở Tư pháp


def mark_contradicted(hits: list[Hit], names: NameIndex) -> None:
    """Flag records whose evidence names some other entity and never their own: "vị trí số
    một ... thuộc về Văn phòng UBND tỉnh" stored for another department is not evidence of
    that department's rank. A quote naming no entity at all ("tỉnh đạt 85 điểm") is left
    alone: the extractor read the entity from the sentences around it."""
    seen: dict[tuple[str, str], bool] = {}  # one ranking's records share their quotes
    for h in hits:
        text = _evidence_text(h.record)
        where = _scope_name(h.record)
        if (text, where) not in seen:
            seen[text, where] = any(
                m.is_entity and not _names_scope(m, where) for m in names.find(text)
            )
        if not seen[text, where]:
            continue
        mine = _entity_keys_of(h.record.entity)
        spoken = f" {key(text)} "
        if any(f" {k} " in spoken for k in mine if k):
            continue
        h.contradicted = True


def _scope_name(r: Record) -> str:
    """The folded name of the region or province a record's rank is within ("" if none)."""
    scope = getattr(r, "scope", "") or ""
    kind, _, name = scope.partition(":")
    return key(name) if kind in ("region", "province") and name else ""


def _names_scope(m: Mention, where: str) -> bool:
    """Whether a mention is the ranking's own region or province ("Trong nhóm các tỉnh đồng
    bằng sông Cửu Long, tỉnh xếp thứ 10/13"): the scope said, not a rival entity."""
    if not where:
        return False
    said = {key(m.text)}
    if m.region is not None:
        said.add(key(m.region.name))
    if m.province is not None:
        said.add(key(m.province.name))
    return where in said


def _assign_roles(hits: list[Hit], *, ties_by_entity: bool) -> list[Hit]:
    """By rank_key (how well a record answers), confident records first among equal keys,
    and records their own quotes contradict last; the first is best; those with the same key
    (and confidence class) for another entity are ties; MAX_OTHERS lesser matches are kept.
    Confidence only breaks ties: put first, it let a confident record of the wrong scope or
    level beat the doubtful one asked for."""
    hits.sort(key=lambda h: (h.contradicted, h.rank_key, _doubtful(h)))
    if not hits:
        return hits
    if hits[0].contradicted:
        # Nothing but records their own quotes contradict: candidates, not an answer.
        for h in hits:
            h.role = "other"
        return hits[: 1 + MAX_OTHERS]
    best = hits[0]
    best.role = "best"
    others = 0
    kept = [best]
    for h in hits[1:]:
        same = (
            h.rank_key == best.rank_key and _doubtful(h) == _doubtful(best)
            and not h.contradicted
        )
        if same and ties_by_entity and fold(h.record.entity) != fold(best.record.entity):
            h.role = "tie"
            kept.append(h)
        elif others < MAX_OTHERS:
            h.role = "other"
            kept.append(h)
            others += 1
    return kept


# -- index results -------------------------------------------------------------------------


def _index_filters(q: Query, backend: str | None, **filters: Any) -> dict[str, Any]:
    """The store filters for ``q``'s index results; ``filters`` override or add to them
    (``entity_level``, ``has_change``: conditions the caller would otherwise test on every
    row in Python, after the store had grouped and built them all)."""
    return {
        "entity_keys": q.entity_keys or None,
        "index": q.index,
        "year": q.year,
        "rank": None,
        "scope": "national" if q.scope == "national" else None,
        "backend": backend,
        **filters,
    }


def _index_rows(store: Store, q: Query, backend: str | None, **filters: Any) -> list[Fact]:
    return select_facts(
        store, "index_results", include_targets=q.targets, **_index_filters(q, backend, **filters)
    )


def _has_figure(r: IndexResultView, q: Query) -> bool:
    if q.ask == "rank":
        return r.rank is not None
    if q.ask == "score":
        return r.score is not None
    if q.ask == "change":
        if q.measure == "rank":
            return r.rank_change is not None
        if q.measure == "score":
            return r.score_change is not None
        return r.rank_change is not None or r.score_change is not None
    if q.ask == "entity_for_rank":
        return r.rank == q.rank
    if q.ask in ("top", "bottom"):
        return r.rank is not None or r.score is not None
    return True


def _index_filter(r: IndexResultView, q: Query, level: str | None) -> bool:
    if not _has_figure(r, q):
        return False
    if _beyond_region(r):
        return False
    if level is not None and r.entity_level != level:
        return False
    if not scope_matches(r.scope, q.scope):
        return False
    if _narrower_rank(r, q):
        return False
    if q.component is not None:
        return r.component is not None and component_match(r.component, q.component)
    # A question naming no component asks about the whole index: a component's figure
    # (Bắc Ninh's "digital government" score) is not the province's DTI score.
    return r.component is None and not _component_figure(r, answer_fields_of(q))


_RANK_ASKS = frozenset({"rank", "entity_for_rank"})


@functools.lru_cache(maxsize=16)
def _region_size(name: str) -> int | None:
    """How many provinces the region holds (the gazetteer's 63), None when not known."""
    gaz = get_gazetteer()
    region = gaz.lookup_region(name)
    if region is None:
        return None
    return sum(1 for p in gaz.provinces if p.region == region.name) or None


def _beyond_region(r: IndexResultView) -> bool:
    """A rank "within a region" beyond the number of provinces it holds ("29/63" stored
    with a region's scope): a national rank read as a regional one, no answer to either."""
    if not r.scope.startswith("region:") or r.entity_level != "province":
        return False
    size = _region_size(r.scope.partition(":")[2])
    return size is not None and any(v is not None and v > size for v in (r.rank, r.rank_total))


def _narrower_rank(r: IndexResultView, q: Query) -> bool:
    """A province's rank within a region (or a province) where the question fixes no scope:
    "Lạng Sơn xếp thứ mấy về PCI?" asks its national rank, which its 1st place in the
    region is not. Scores do not depend on the ranking they are read in; ranks do."""
    if q.ask not in _RANK_ASKS or q.scope is not None:
        return False
    return r.entity_level in ("province", "region") and r.scope != "national"


def _component_figure(r: IndexResultView, asked: tuple[str, ...] = ()) -> bool:
    """A doubtful whole-index record whose own quote speaks of components ("reached 100
    percent in two sub-indexes", "chỉ số thành phần ... đạt 97%"): its figure is more
    likely a component's than the index's, so it does not answer for the whole index.
    The quotes the ``asked`` figures (score, rank) were read from are looked at too ("The
    ministry reached full marks in two sub-indexes"): only those, since a
    doubtful score does not make the record's stated change doubtful."""
    c = r.confidence
    if c is None or c >= DEFAULT_CONFIDENCE:
        return False
    figures = [v for v in (r.score, r.rank) if v is not None]
    quotes = [r.evidence.quote, *(ev.quote for f, ev in r.field_evidence.items()
                                  if f in asked and f in ("score", "rank"))]  # fmt: skip
    for quote in quotes:
        for sp in find_numbers(quote):
            if any(abs(sp.value - v) < 1e-9 for v in figures):
                near = quote[max(0, sp.start - _NEAR_CHARS) : sp.end + _NEAR_CHARS]
                if get_vocab().find(near, {"component_cue"}, labels={"component"}):
                    return True
    return False


_NEAR_CHARS = 50  # characters either side of a figure that say what it is a figure of


def _index_key(r: IndexResultView, q: Query) -> tuple:
    wanted_index = q.index or "PAR_INDEX"
    return (
        0 if (r.is_target == q.targets) else 1,
        _scope_class(r.scope),
        0 if (r.component is None) == (q.component is None) else 1,
        0 if r.index == wanted_index else 1,
        0 if (q.entity_level or r.entity_level == "province") else 1,
        _year_key(r.year),
    )


def run_index(
    store: Store, q: Query, backend: str | None, names: NameIndex | None = None,
    question: str = "",
) -> list[Hit]:  # fmt: skip
    level = q.entity_level
    rows = _index_rows(store, q, backend, rank=q.rank if q.ask == "entity_for_rank" else None)
    if q.component is None and q.entity_keys:
        named = _component_named(rows, question)
        if named is not None:
            q = replace(q, component=named)
    percent_asked = q.ask == "score" and bool(_PERCENT_ASKED.search(fold(question)))
    hits = [
        Hit("index", f.record, _index_key(f.record, q), sources=f.sources)
        for f in rows
        if _index_filter(f.record, q, level)
        # "… đạt bao nhiêu phần trăm": a score in points ("11,88/13 điểm") is not it
        and not (percent_asked and f.record.score_unit == "points")
    ]
    hits = _drop_subsumed(_dedupe(hits, _ir_fact))
    hits, unsure = _closest_components(hits, q)
    if q.ask == "change" and not hits and q.year and q.year_from:
        hits = _derived_changes(store, q, backend)
    for h in hits:
        _derive(h)
    if names is not None:
        mark_contradicted(hits, names)
    for h in hits:
        r = h.record
        if isinstance(r, IndexResultView) and (
            (q.index is not None and _foreign_index(r, q.index)) or _foreign_year(r)
        ):
            # Its quote is about another index or year: no evidence for this one.
            h.contradicted = True
    if q.ask == "entity_for_rank":
        hits = _assign_roles(hits, ties_by_entity=True)
        return _settle_ties(hits, question)
    hits = _assign_roles(hits, ties_by_entity=False)
    if unsure or _index_unsettled(hits, q) or _unit_unsettled(hits, q):
        return [_as_candidate(h) for h in hits]
    _mark_conflicts(hits, answer_fields_of(q))
    return hits


def _component_key(name: str | None) -> str:
    return known_component(name or "") or key(name or "")


def _closest_components(hits: list[Hit], q: Query) -> tuple[list[Hit], bool]:
    """(the results of the component asked, whether which component is meant is unsure):
    those named exactly as asked when there are some ("nhan luc so" is "Nhân lực số", not
    "Nhận thức số", which folded names alike); else, when results of two different
    components both come near the name asked, which one is meant is not known."""
    if q.component is None or not hits:
        return hits, False
    asked = key(q.component)
    exact = [h for h in hits if key(h.record.component or "") == asked]  # type: ignore[union-attr]
    if exact:
        return exact, False
    names = {_component_key(h.record.component) for h in hits}  # type: ignore[union-attr]
    return hits, len(names) > 1


def _component_named(rows: list[Fact], question: str) -> str | None:
    """The one component of the entity's stored results that the question names whole,
    without a cue word ("X's score for Quality of Village Head Elections in PAPI"): the
    question asks it, not the whole index. Names of one word are too loose."""
    # The index's own name is no component's ("Chỉ số cải cách hành chính" does not name
    # the field "Cải cách hành chính").
    spans = get_vocab().find(question, {"index"})
    for sp in reversed(spans):
        question = question[: sp.start] + " " + question[sp.end :]
    words = set(tokens(question))
    found: dict[str, str] = {}
    for f in rows:
        c = f.record.component
        if not c:
            continue
        mine = set(tokens(c)) - _NAME_STOP
        if len(mine) >= 2 and mine <= words:
            found.setdefault(key(c), c)
    return next(iter(found.values())) if len(found) == 1 else None


def _index_unsettled(hits: list[Hit], q: Query) -> bool:
    """A question naming no index ("Hải Dương xếp thứ mấy năm 2023?") whose entity has
    results on several indexes (the confident ones, else all), none of them the PAR Index
    the question would default to: which one is meant is not known, so they are
    candidates. Doubtful records count when there is nothing else: a PCI and a PGI rank,
    both doubtful, do not make the PCI one the answer."""
    if q.index is not None or q.component is not None or not hits or not hits[0].primary:
        return False
    indexes = {h.record.index for h in hits if not _doubtful(h)}  # type: ignore[union-attr]
    if not indexes:
        indexes = {h.record.index for h in hits}  # type: ignore[union-attr]
    return len(indexes) > 1 and "PAR_INDEX" not in indexes


def _unit_unsettled(hits: list[Hit], q: Query) -> bool:
    """A unit named without its province ("Sở Xây dựng xếp thứ mấy?") whose results are
    of units of that name in several provinces: which one is meant is not known."""
    if q.scope is not None or not hits or not hits[0].primary:
        return False
    best = hits[0].record
    assert isinstance(best, IndexResultView)
    if not best.scope.startswith("province:"):
        return False
    return any(
        isinstance(h.record, IndexResultView) and h.record.scope.startswith("province:")
        and fold(h.record.entity) == fold(best.entity)
        and not scope_matches(h.record.scope, best.scope)
        for h in hits[1:]
    )  # fmt: skip


# The figures an answer of each kind states (where two sources can disagree).
_STATED = {
    "rank": ("rank",), "score": ("score",), "result": ("score", "rank"),
    "change": ("rank_change", "score_change"),
}  # fmt: skip


def answer_fields_of(q: Query) -> tuple[str, ...]:
    if q.ask == "change" and q.measure is not None:
        return (f"{q.measure}_change",)
    return _STATED.get(q.ask, ())


def _claim(r: IndexResultView) -> tuple:
    """What a result is about (entity, index, component, year, scope, target): two records
    with the same claim and different figures disagree."""
    return (*_ir_fact(r)[:4], r.scope, r.is_target)


def _mark_conflicts(hits: list[Hit], fields: tuple[str, ...]) -> None:
    """Make a lesser match that states another figure for the best record's claim, and is
    as trustworthy, a primary answer too: the answer then says the sources disagree and
    cites both (one rank for Bắc Giang 2022 in one article, another in a second). Two
    doubtful records that disagree are as trustworthy as each other: giving the one that
    sorted first alone would be a guess stated as the answer."""
    if not hits or not hits[0].primary or not fields:
        return
    best = hits[0]
    assert isinstance(best.record, IndexResultView)
    claim = _claim(best.record)
    for h in hits[1:]:
        r = h.record
        if h.role != "other" or not isinstance(r, IndexResultView) or h.contradicted:
            continue
        if _doubtful(h) and not _doubtful(best):
            continue
        if _claim(r) != claim or h.rank_key != best.rank_key:
            continue
        differs = [
            f for f in fields
            if getattr(r, f) is not None and getattr(best.record, f) is not None
            and getattr(r, f) != getattr(best.record, f)
        ]  # fmt: skip
        if differs:
            h.role, h.conflict, best.conflict = "tie", True, True


_NEGATION = frozenset({"khong", "chua", "not", "without", "non", "no"})


def _negates(toks: list[str], other: set[str]) -> bool:
    """Whether ``toks`` negate what ``other`` says: a negation word whose next three words
    are all in ``other`` while the negation itself is not ("không có dịch vụ công" against
    "có cung cấp dịch vụ công")."""
    for i, t in enumerate(toks):
        after = toks[i + 1 : i + 4]
        if t in _NEGATION and t not in other and len(after) == 3 and set(after) <= other:
            return True
    return False


def _settle_ties(hits: list[Hit], question: str) -> list[Hit]:
    """Several entities at the rank asked: drop the ones whose quotes contradict the
    question (a quote saying "không có dịch vụ công" does not answer a question about the
    units that have them). The rest stay ties: the answer names them all."""
    primary = [h for h in hits if h.primary]
    if len(primary) < 2:
        return hits
    words = set(tokens(question))

    def clash(h: Hit) -> bool:
        return _negates(tokens(h.record.evidence.quote), words) or _negates(
            tokens(question), set(tokens(h.record.evidence.quote))
        )

    keep = [h for h in primary if not clash(h) and not _states_other_place(h)]
    named = [h for h in keep if _names_itself(h.record)]
    if named:
        # "The province leads the 7 northern mountainous provinces" beside "Hải Phòng đứng
        # đầu cả nước": a quote naming no unit is the extractor's guess of whom it is
        # about, weaker than quotes naming theirs.
        keep = named
    if _rival_claims(keep):
        # Two sources give the place to different units and neither says they share it:
        # one of them is wrong, and the store cannot tell which; candidates.
        return [_as_candidate(h) for h in hits]
    if not keep or len(keep) == len(primary):
        return hits
    for h in primary:
        h.role = "other"
    for i, h in enumerate(keep):
        h.role = "best" if i == 0 else "tie"
    return [*keep, *(h for h in hits if h not in keep)]


def _states_other_place(h: Hit) -> bool:
    """A doubtful record whose own quote states another place than the one stored
    ("Quang Ninh ... took second place" stored at first): a misreading, no rival claim."""
    r = h.record
    if not _doubtful(h) or not isinstance(r, IndexResultView) or r.rank is None:
        return False
    said = stated_rank(r.evidence.quote)
    return said is not None and said != r.rank


# A shared place said as such ("đồng hạng", "cùng xếp thứ 4", "tied for fourth").
_SHARED_PLACE = re.compile(
    r"\b(?:dong hang|ngang nhau|bang nhau|cung (?:xep|dung|dat|o)|tied|joint(?:ly)?|shared?|"
    r"level with|equal)\b"
)


def _rival_claims(hits: list[Hit]) -> bool:
    """Whether units at the place asked come from different documents, one of them read
    doubtfully, with no quote saying the place is shared: one ranking cannot seat two
    units at one place, and a doubtful reading is the likelier mistake (confident
    readings of two sources stay ties: the sources disagree, the answer shows both)."""
    if len(hits) < 2 or len({h.record.doc_id for h in hits}) < 2:
        return False
    if not any(_doubtful(h) for h in hits):
        return False
    return not any(_SHARED_PLACE.search(fold(h.record.evidence.quote)) for h in hits)


def _names_itself(r: Record) -> bool:
    """Whether a record's quotes name its entity (by a name or alias of it)."""
    spoken = f" {key(_evidence_text(r))} "
    return any(f" {k} " in spoken for k in _entity_keys_of(r.entity) if k)


def _derive(h: Hit) -> None:
    """Figures that follow from one record: the previous rank from rank and rank change."""
    r = h.record
    if isinstance(r, IndexResultView) and r.rank is not None and r.rank_change:
        prev = r.rank + r.rank_change
        if prev >= 1:
            h.derived.setdefault("previous_rank", prev)


def _derived_changes(store: Store, q: Query, backend: str | None) -> list[Hit]:
    """A change between two years computed from two stored results (rank or score of the
    same entity, index, component and scope), when no record states the change."""
    assert q.year is not None and q.year_from is not None
    later = [f.record for f in _index_rows(store, q, backend, year=q.year) if _plain(f.record, q)]
    earlier = [
        f.record for f in _index_rows(store, q, backend, year=q.year_from) if _plain(f.record, q)
    ]
    out = []
    for a in later:
        for b in earlier:
            assert isinstance(a, IndexResultView) and isinstance(b, IndexResultView)
            if _ranking_of(a) != _ranking_of(b):
                continue
            if _disputed(a, later, q.measure) or _disputed(b, earlier, q.measure):
                # Two ranks stated for one of the years: a change computed from either
                # would be a guess (its sources disagree), not a figure of the text.
                continue
            d: dict[str, Any] = {}
            if q.measure != "score" and a.rank is not None and b.rank is not None:
                d = {"rank_change": b.rank - a.rank, "previous_rank": b.rank}
            elif q.measure != "rank" and a.score is not None and b.score is not None:
                d = {"score_change": round(a.score - b.score, 4), "previous_score": b.score}
            if d:
                d["from_year"] = b.year
                out.append(Hit("index", a, _index_key(a, q), derived=d, support=[b]))
    return _dedupe(out, _ir_fact)


def _ranking_of(r: IndexResultView) -> tuple:
    return (fold(r.entity), r.index, key(r.component or ""), r.scope)


def _disputed(r: IndexResultView, rows: list[Record], measure: str | None) -> bool:
    """Whether another of ``rows`` in the same ranking states another figure of the
    ``measure`` a change would be computed from (rank unless scores are asked)."""
    field = "score" if measure == "score" else "rank"
    mine = getattr(r, field)
    return mine is not None and any(
        isinstance(o, IndexResultView) and _ranking_of(o) == _ranking_of(r)
        and getattr(o, field) is not None and getattr(o, field) != mine
        for o in rows
    )  # fmt: skip


def _plain(r: Record, q: Query) -> bool:
    return (
        isinstance(r, IndexResultView)
        and scope_matches(r.scope, q.scope)
        and not _beyond_region(r)
        and (
            r.component is None and not _component_figure(r)
            if q.component is None
            else r.component is not None and component_match(r.component, q.component)
        )
    )


def run_ranking(store: Store, q: Query, backend: str | None) -> list[Hit]:
    """Top/bottom N and counts: one result per entity on one index and year (the newest
    year with national results when none is asked), ordered by score, then stored rank."""
    index = q.index or "PAR_INDEX"
    level = q.entity_level or "province"
    scope = q.scope or "national"
    q2 = replace(q, index=index, scope=scope)
    year = q.year
    if year is None:
        year = latest_year(
            store, "index_results", include_targets=False,
            **_index_filters(q2, backend, year=None, entity_level=level),
        )  # fmt: skip
        if year is None:
            return []
    q2 = replace(q2, year=year)
    best: dict[str, IndexResultView] = {}
    wanted = {"entity_level": level, "has_rank_or_score": q2.ask in ("top", "bottom")}
    for f in _index_rows(store, q2, backend, year=year, **wanted):
        r = f.record
        if r.is_target or r.entity_level != level:
            continue
        if not _has_figure(r, q2) or not scope_matches(r.scope, scope) or _beyond_region(r):
            continue
        if (r.component is None) != (q.component is None):
            continue
        if q.component is None and _component_figure(r):
            continue
        if q.component is not None and not component_match(r.component or "", q.component):
            continue
        k = fold(r.entity)
        cur = best.get(k)
        if cur is None or _entity_order(r) < _entity_order(cur):
            best[k] = r
    ordered = _order_entities(list(best.values()), bottom=q.ask == "bottom")
    if q.ask == "count":
        # How many units have a result is known only when the stored ranking is complete
        # (ranks 1..N of a stated total N): the store holds only the units articles named,
        # so any other tally would be a confident wrong count. It is shown as candidates.
        role = "best" if _complete_ranking(ordered) else "candidate"
        return [Hit("index", r, (i,), role=role) for i, r in enumerate(ordered)]
    n = q.n or 1
    bottom = q.ask == "bottom"
    if n == 1 and ordered and not _stated_extreme(ordered[0], bottom=bottom):
        # The store holds only the units articles named: the best of those is the first
        # (or last) only where a record says so; otherwise refuse rather than guess. A
        # record that says so while others outscore it (a ranking given without scores
        # for its last place) answers when it is the only one that says so.
        ranked = [r.rank for r in ordered if r.rank is not None]
        rivals = tuple(r.entity for r in ordered)
        stated = [
            r for r in ordered if _stated_extreme(r, bottom=bottom, ranks=ranked, rivals=rivals)
        ]
        if len({fold(r.entity) for r in stated}) != 1:
            return []
        ordered = [stated[0], *(r for r in ordered if r is not stated[0])]
    hits = []
    for i, r in enumerate(ordered[: n + MAX_OTHERS]):
        hits.append(Hit("index", r, (i,), role="best" if i < n else "other"))
        _derive(hits[-1])
    _derive_first(hits, bottom=q.ask == "bottom")
    if n > 1 and not _stated_places(ordered[:n], n, bottom=bottom):
        # "Top 5": the five best the store holds are the five best only where their ranks
        # are 1 to 5 (for the bottom, the last five places of a stated total); otherwise
        # they are the closest records, not the answer.
        return [_as_candidate(h) for h in hits]
    return hits


# The words of a plain count of moves ("bao nhiêu tỉnh tăng hạng", "how many provinces
# fell"), folded: any other word (a size, "mạnh", the score) qualifies the move.
_PLAIN_MOVE_WORDS = frozenset(
    "tang giam hang bac len xuong thang nang tut sut cai thien tien bo vi tri thu ket qua "
    "improved rose climbed gained fell dropped lost slipped declined moved up down rank "
    "ranking provinces cities localities".split()
)
_SMALL_NUMBER = re.compile(r"(?<![\d/.,])\d{1,3}(?![\d/.,])")  # a size or a place, not a year


def run_counted_moves(store: Store, q: Query, backend: str | None, question: str) -> list[Hit]:
    """The units that moved the way asked ("bao nhiêu tỉnh tăng hạng"), counted from the
    stored ranking only where it is complete (places 1..N of a stated total N) and every
    unit's move is stored: the store holds only what articles said, so any other tally
    would be a confidently wrong count. Nothing otherwise (the question is refused)."""
    if q.year is None or key(q.entity or "") != "viet nam":
        return []  # a province's units are ranked within it: not counted here
    if not set(q.keywords) <= _PLAIN_MOVE_WORDS or _SMALL_NUMBER.search(fold(question)):
        return []  # "tăng 2 bậc", "tăng hạng mạnh", "tăng điểm": not every rise in places
    whole = replace(q, ask="count", entity=None, entity_keys=[])  # the ranking, not the country
    rows = [h.record for h in run_ranking(store, whole, backend)
            if h.primary and isinstance(h.record, IndexResultView)]  # fmt: skip
    if not rows or any(r.rank_change is None for r in rows):
        return []
    sign = 1 if q.direction == "up" else -1
    moved = [r for r in rows if r.rank_change is not None and r.rank_change * sign > 0]
    return [Hit("index", r, (i,), role="best") for i, r in enumerate(moved)]


def _stated_places(rows: list[IndexResultView], n: int, *, bottom: bool) -> bool:
    """Whether ``rows`` hold the first ``n`` places of the ranking (``bottom``: the last
    ``n`` of a total one of them states), each by its own stated rank."""
    ranks = sorted(r.rank for r in rows if r.rank is not None)
    if len(rows) != n or len(ranks) != n:
        return False
    if not bottom:
        return ranks == list(range(1, n + 1))
    totals = {t for r in rows if (t := _ranking_total(r))}
    if len(totals) != 1:
        return False
    total = totals.pop()
    return ranks == list(range(total - n + 1, total + 1))


def _ranking_total(r: IndexResultView) -> int | None:
    """How many units the record's ranking holds: its stated total, else, for the
    provinces' national ranking of a known year, every province (63 until the 2025
    merger, 34 for results of 2025 on): a table giving "63" without "/63" is the last."""
    if r.rank_total:
        return r.rank_total
    if r.entity_level != "province" or r.scope != "national" or r.year is None:
        return None
    return PROVINCES_FROM_2025 if r.year >= 2025 else PROVINCES_BEFORE_2025


def _complete_ranking(rows: list[IndexResultView]) -> bool:
    totals = {r.rank_total for r in rows if r.rank_total}
    ranks = sorted(r.rank for r in rows if r.rank is not None)
    return (
        len(totals) == 1 and len(rows) == len(ranks) and ranks == list(range(1, totals.pop() + 1))
    )


def _derive_first(hits: list[Hit], *, bottom: bool) -> None:
    """The leader's rank, when its record gives only a score: first, if the stored
    runner-up is ranked 2nd with a lower score (the ranking is by score)."""
    if bottom or len(hits) < 2:
        return
    a, b = hits[0].record, hits[1].record
    assert isinstance(a, IndexResultView) and isinstance(b, IndexResultView)
    if a.rank is None and b.rank == 2 and a.score is not None and b.score is not None:
        if a.score > b.score:
            hits[0].derived["rank"] = 1


_LAST_WORDS = re.compile(r"\b(?:cuoi|thap nhat|last|lowest|bottom)\b")
_FIRST_WORDS = re.compile(r"\b(?:cao nhat|dan dau|dung dau|highest|topped|leads?|led)\b")


def _stated_extreme(
    r: IndexResultView, *, bottom: bool, ranks: list[int] | None = None,
    rivals: tuple[str, ...] = (),
) -> bool:  # fmt: skip
    """Whether the record itself says its entity is the first (or last) of the ranking: by
    its rank (1st; last of a stated total), by a word in the clause naming it, or, for the
    lowest of the stored ``ranks``, by a word in its sentence that no other of the
    ranking's entities (``rivals``) answers ("Hai vị trí cuối, thứ 5 và thứ 6, lần lượt
    thuộc về A và B": B, 6th, is the last; "X đứng thứ 9, còn vị trí cuối bảng thuộc về
    Y": the last is Y, not X)."""
    whole = fold(r.evidence.quote)
    quote = _clause_naming(whole, r.entity)
    if quote is None:
        # A quote naming no unit at all ("đứng cuối bảng"): the extractor read the unit
        # from the sentences around it. One naming other units of the ranking but not this
        # one cannot say by a word that it is first or last: only its rank says so.
        quote = "" if _names_any(whole, r.entity, rivals) else whole
        whole = quote
    if bottom:
        total = _ranking_total(r)
        at_total = r.rank is not None and total is not None and r.rank == total
        lowest = bool(ranks) and r.rank is not None and r.rank == max(ranks or [0])
        return (
            at_total
            or bool(_LAST_WORDS.search(quote))
            or (lowest and _last_word_is_mine(whole, r.entity, rivals))
        )
    return r.rank == 1 or bool(_FIRST_WORDS.search(quote))


_SENTENCE_END = re.compile(r";|\.(?!\d)")  # not the point of "91.07"


def _names_any(text: str, entity: str, rivals: tuple[str, ...]) -> bool:
    """Whether the folded ``text`` names one of ``rivals`` other than ``entity``."""
    spoken = f" {key(text)} "
    return any(
        f" {k} " in spoken
        for name in rivals
        if fold(name) != fold(entity)
        for k in _entity_keys_of(name)
        if k
    )


def _last_word_is_mine(whole: str, entity: str, rivals: tuple[str, ...]) -> bool:
    """Whether a "last" word of the folded sentence is about ``entity``: the units named
    after it in its sentence include the entity, or include none of the ``rivals``."""
    mine = [k for k in _entity_keys_of(entity) if k]
    theirs = [k for name in rivals if fold(name) != fold(entity)
              for k in _entity_keys_of(name) if k]  # fmt: skip
    for m in _LAST_WORDS.finditer(whole):
        after = f" {key(_SENTENCE_END.split(whole[m.end() :], maxsplit=1)[0])} "
        if any(f" {k} " in after for k in mine) or not any(f" {k} " in after for k in theirs):
            return True
    return False


def _clause_naming(quote: str, entity: str) -> str | None:
    """The clause of a folded quote (between commas, semicolons, colons) that names the
    entity: "..., Thanh tra tỉnh thứ 20, Ban Quản lý ... đứng cuối" says "cuối" of the
    Ban, not of the Thanh tra. None when the quote does not name it."""
    clauses = re.split(r"[,;:]", quote)
    keys = [k for k in _entity_keys_of(entity) if k]
    for c in clauses:
        spoken = f" {key(c)} "
        if any(f" {k} " in spoken for k in keys):
            return c
    # A name holding a comma ("Sở Văn hóa, Thể thao và Du lịch") is in no clause.
    return quote if any(f" {k} " in f" {key(quote)} " for k in keys) else None


def _entity_order(r: IndexResultView) -> tuple:
    """Which of an entity's results represents it: a ranked one, then the best score."""
    return (
        r.rank if r.rank is not None else math.inf,
        -r.score if r.score is not None else math.inf,
    )


def _order_entities(rows: list[IndexResultView], *, bottom: bool) -> list[IndexResultView]:
    """Entities with a score, by score (scores of one index and year compare even where an
    article gave no rank); then those with only a rank, by rank."""
    scored = sorted((r for r in rows if r.score is not None), key=lambda r: r.score or 0.0,
                    reverse=not bottom)  # fmt: skip
    ranked = sorted((r for r in rows if r.score is None), key=lambda r: r.rank or 0,
                    reverse=bottom)  # fmt: skip
    return scored + ranked


# -- rises and falls, the most gained or lost ---------------------------------------------

# How a record states that its change is the largest: "mức tăng lớn nhất", "thăng hạng tốt
# nhất", "tăng mạnh nhất", "tụt sâu nhất", "the biggest gain".
_EXTREME_QUOTE = re.compile(
    r"\b(?:nhieu|manh|lon|cao|sau|tot|dang ke|an tuong)\s+(?:\w+\s+){0,2}?nhat\b"
    r"|\b(?:most|biggest|largest|sharpest|greatest|steepest|best)\b"
)


def _change_of(r: IndexResultView, measure: str) -> float | None:
    return r.rank_change if measure == "rank" else r.score_change


def _measures(q: Query) -> tuple[str, ...]:
    return (q.measure,) if q.measure is not None else ("rank", "score")


def _change_pool(store: Store, q: Query, backend: str | None) -> tuple[int | None, list[Hit]]:
    """(the year used, one change record per entity on the index, level and scope asked):
    the year asked, else the newest year with such records."""
    index = q.index or "PAR_INDEX"
    level = q.entity_level or "province"
    q2 = replace(q, index=index, year=None, ask="change")
    rows = [
        f for f in _index_rows(store, q2, backend, year=q.year, entity_level=level, has_change=True)
        if not f.record.is_target and f.record.entity_level == level
        and (f.record.rank_change is not None or f.record.score_change is not None)
        and scope_matches(f.record.scope, q.scope or ("national" if level in
                                                          ("province", "region") else None))
        and _plain(f.record, q)
    ]  # fmt: skip
    years = [f.record.year for f in rows if f.record.year is not None]
    year = q.year if q.year is not None else (max(years) if years else None)
    hits = [
        Hit("index", f.record, (fold(f.record.entity),), sources=f.sources)
        for f in rows
        if f.record.year == year
    ]
    return year, _dedupe(hits, _ir_fact)


def _signed(change: float | None, direction: str | None) -> bool:
    if direction == "same":
        return change == 0  # a place held: a stated nil move (None: not stated)
    if change is None or change == 0:
        return False
    return change > 0 if direction == "up" else change < 0


def _moved(h: Hit, q: Query) -> bool:
    """Whether the record's change goes the way the question asks, on a measure it asks."""
    r = h.record
    assert isinstance(r, IndexResultView)
    return any(_signed(_change_of(r, m), q.direction) for m in _measures(q))


def run_change_list(store: Store, q: Query, backend: str | None, names: NameIndex) -> list[Hit]:
    """Entities whose stored change goes the way asked ("tăng hạng": rank_change > 0), one
    record per entity; an entity whose sources disagree on the direction is left out."""
    year, pool = _change_pool(store, q, backend)
    mark_contradicted([h for h in pool if _moved(h, q)], names)
    by_entity: dict[str, list[Hit]] = {}
    for h in pool:
        r = h.record
        assert isinstance(r, IndexResultView)
        moves = [_change_of(r, m) for m in _measures(q)]
        held = q.direction == "same"
        if any(c is not None and (held or c != 0) for c in moves) and not h.contradicted:
            by_entity.setdefault(fold(r.entity), []).append(h)
    out: list[Hit] = []
    for group in by_entity.values():
        agree = [
            h for h in group
            if any(_signed(_change_of(h.record, m), q.direction) for m in _measures(q))  # type: ignore[arg-type]
        ]  # fmt: skip
        if agree and len(agree) == len(group):
            agree[0].role = "best" if not out else "tie"
            out.append(agree[0])
    if any(_foreign_sentence(h.record, q.index or "PAR_INDEX") for h in out):  # type: ignore[arg-type]
        # A member rests on a sentence about another index or another year ("Chỉ số DTI
        # của X tăng 5 bậc" stored as a PCI move): the list mixes rankings; candidates.
        return [_as_candidate(h) for h in out]
    if (
        _unlisted_mentions(out, pool, names) or _uncaptured_moves(store, q, backend, year, pool)
        or _moves_held_elsewhere(store, q, backend, year, out, names)
    ):  # fmt: skip
        # A sentence the list rests on names a unit the store has no change for ("Cần Thơ
        # fell 5 places, Hà Nội 10 and HCM City 13", the last not extracted), or a unit's
        # result tells of a move no record holds: the list would be short, so it is shown
        # as candidates.
        return [_as_candidate(h) for h in out]
    return out


_YEAR_SPAN = re.compile(r"\b((?:19|20)\d{2})(?:\s*[-–]\s*((?:19|20)\d{2}))?\b")


def _quote_years(quote: str) -> set[int]:
    """The years a quote names; a span ("2021-2025") names each year in it."""
    out: set[int] = set()
    for m in _YEAR_SPAN.finditer(quote):
        a = int(m.group(1))
        b = int(m.group(2)) if m.group(2) else a
        out.update(range(a, b + 1) if a <= b <= a + 20 else (a, b))
    return out


def _foreign_index(r: IndexResultView, index: str) -> bool:
    """Whether a record's quote is about another index: it names indexes, not this one."""
    named = {sp.label for sp in get_vocab().find(r.evidence.quote, {"index"})
             if not sp.entry.questions_only}  # fmt: skip
    return bool(named) and index not in named and index != "OTHER"


def _foreign_year(r: IndexResultView) -> bool:
    """Whether a record's quote is about another year: it names years, neither the
    record's nor the one before it (which a move or a score is compared with)."""
    years = _quote_years(r.evidence.quote)
    return bool(r.year and years and r.year not in years and not years <= {r.year - 1})


def _foreign_scope(r: IndexResultView) -> bool:
    """Whether a national record's quote says a region and never the country ("trong vùng
    Tây Nguyên, X tăng 2 bậc"): a regional place or move."""
    if r.scope != "national":
        return False
    said = {sp.label for sp in get_vocab().find(r.evidence.quote, {"scope"})}
    return "region" in said and not said & {"national", "out_of_63"}


_COMPARED_YEAR = re.compile(
    r"\b(?:so voi|than|from|compared (?:with|to)|since|on)\s+(?:nam\s+|in\s+)?((?:19|20)\d{2})\b"
)


def _moved_over_years(r: IndexResultView) -> bool:
    """Whether the record's quote compares with a year before the one before it ("tăng
    10 bậc so với năm 2019" for 2022): a move over several years, not the year's."""
    if not r.year:
        return False
    years = [int(y) for y in _COMPARED_YEAR.findall(fold(r.evidence.quote))]
    return bool(years) and all(y < r.year - 1 for y in years)


def _foreign_sentence(r: IndexResultView, index: str) -> bool:
    """Whether a record rests on a sentence about another index, year or scope, or tells
    a move over several years."""
    return (_foreign_index(r, index) or _foreign_year(r) or _foreign_scope(r)
            or _moved_over_years(r))  # fmt: skip


# A move told in places ("cú nhảy 9 bậc", "9 places higher"): a rank change.
_PLACES_MOVED = re.compile(
    r"\b\d{1,2}\s+(?:bac|hang|places?|positions?|spots?)\b"
    r"|\b(?:up|down) from (?:the )?\d{1,2}(?:st|nd|rd|th)?\b"
    r"|\btu (?:vi tri )?(?:thu |hang )?\d{1,2}\s*(?:/\s*\d+\s*)?(?:len|xuong)\b"
    r"|\b(?:thang hang|tut hang|moved (?:up|down)|climbed|slipped|slid)\b"
)


def _uncaptured_moves(
    store: Store, q: Query, backend: str | None, year: int | None, pool: list[Hit]
) -> bool:
    """Whether a unit of the ranking listed has a result for the year whose quote tells
    of a move in places while no record holds a change for it ("Với cú nhảy 9 bậc, tỉnh
    X ... đứng thứ 11"): its rise or fall is in the text, not in the store."""
    if year is None or q.measure == "score":
        return False
    level = q.entity_level or "province"
    q2 = replace(q, index=q.index or "PAR_INDEX", ask="result")
    moved = {fold(h.record.entity) for h in pool}
    scope = q.scope or ("national" if level in ("province", "region") else None)
    told = [
        r for f in _index_rows(store, q2, backend, year=year, entity_level=level)
        if _PLACES_MOVED.search(quote := fold((r := f.record).evidence.quote))
        and not r.is_target and r.entity_level == level and fold(r.entity) not in moved
        and not _compared_with(quote, r.year) and scope_matches(r.scope, scope)
        and _plain(r, q)
    ]  # fmt: skip
    if not told:
        return False
    # Moves already held by a record of another year ("từ thứ 30 lên thứ 12": the earlier
    # place's record shares the later one's quote).
    keys = sorted({fold(r.entity) for r in told})  # the store's entity_key is the folded name
    held = {
        (fold(f.record.entity), f.record.evidence.quote)
        for f in _index_rows(store, replace(q2, entity_keys=keys), backend, year=None,
                             entity_level=level, has_change=True)
    }  # fmt: skip
    return any((fold(r.entity), r.evidence.quote) not in held for r in told)


def _moves_held_elsewhere(
    store: Store, q: Query, backend: str | None, year: int | None, out: list[Hit],
    names: NameIndex,
) -> bool:  # fmt: skip
    """Whether a move the way asked, on the index asked, is stored where the list cannot
    take it: undated, its quote comparing with the year before the one asked ("so với năm
    2020, thứ hạng tăng 1 bậc" for 2021), or for a unit of another level whose quote names
    a province not listed ("Yen Bai's PCI ranking fell 11 places" stored for a department).
    The list would be short; its members are shown as candidates."""
    if year is None:
        return False
    index = q.index or "PAR_INDEX"
    listed = {fold(h.record.entity) for h in out}
    level = q.entity_level or "province"
    q2 = replace(q, index=index, year=None, entity_keys=[], ask="change")
    undated = _index_rows(store, q2, backend, year=None, undated=True, has_change=True)
    misfiled = [
        f for f in _index_rows(store, q2, backend, year=year, has_change=True)
        if f.record.entity_level != level
    ]  # fmt: skip
    for f in [*undated, *misfiled]:
        h = Hit("index", f.record, ())
        r = f.record
        if r.is_target or fold(r.entity) in listed or not _moved(h, q):
            continue
        quote = fold(r.evidence.quote)
        if r.year is None and _compared_with(quote, year - 1) and r.entity_level == level:
            return True
        if r.year == year and level == "province" and any(
            m.province is not None and fold(m.province.name) not in listed
            and fold(m.province.name) != fold(r.entity)
            for m in names.find(r.evidence.quote)
        ):  # fmt: skip
            return True
    return False


def _compared_with(quote: str, year: int | None) -> bool:
    """Whether the folded quote gives ``year`` as the year compared with ("tăng 4 bậc so
    với năm 2020"): a move it tells is the later year's, not this year's result's."""
    return year is not None and bool(
        re.search(rf"\b(?:so voi|than|from|compared (?:with|to))\s+(?:nam\s+|in\s+)?{year}\b",
                  quote)
    )  # fmt: skip


def _unlisted_mentions(out: list[Hit], pool: list[Hit], names: NameIndex) -> bool:
    """Whether an evidence sentence of the list names a province with no record in the
    pool (of either direction)."""
    known = {fold(h.record.entity) for h in pool}
    known |= {fold(p.name) for h in pool if (p := get_gazetteer().lookup(h.record.entity))}
    for h in out:
        for m in names.find(h.record.evidence.quote):
            if m.province is not None and fold(m.province.name) not in known:
                return True
    return False


def run_change_extreme(store: Store, q: Query, backend: str | None, names: NameIndex) -> list[Hit]:
    """The entity that gained (lost) the most, when a record says its change is the largest
    and no stored record of the same ranking moved further; otherwise the largest stored
    changes are candidates (the store holds only the units articles named)."""
    _, pool = _change_pool(store, q, backend)
    pool = [h for h in pool if _moved(h, q)]
    mark_contradicted(pool, names)
    pool = [h for h in pool if not h.contradicted]
    for measure in _measures(q):
        moved = [
            h for h in pool
            if _signed(_change_of(h.record, measure), q.direction)  # type: ignore[arg-type]
        ]  # fmt: skip
        if not moved:
            continue
        moved.sort(key=lambda h: -abs(_change_of(h.record, measure) or 0))  # type: ignore[arg-type]
        top = abs(_change_of(moved[0].record, measure) or 0)  # type: ignore[arg-type]
        stated = [
            h for h in moved
            if _EXTREME_QUOTE.search(fold(h.record.evidence.quote))
            and abs(_change_of(h.record, measure) or 0) == top  # type: ignore[arg-type]
        ]  # fmt: skip
        if len({fold(h.record.entity) for h in stated}) == 1:
            stated[0].role = "best"
            return [stated[0], *(_as_other(h) for h in moved[1 : 1 + MAX_OTHERS])]
        return [_as_candidate(h) for h in moved[: 1 + MAX_OTHERS]]
    return []


def _as_other(h: Hit) -> Hit:
    h.role = "other"
    return h


def _as_candidate(h: Hit) -> Hit:
    h.role = "candidate"
    return h


# -- several entities, one entity over the years -------------------------------------------


def run_compare(store: Store, q: Query, backend: str | None, names: NameIndex,
                question: str) -> list[Hit]:  # fmt: skip
    """Each entity's answer to the same question (same index, year, scope), best first; the
    year is the one asked, else the newest year every entity has a result for. When one
    entity has none, nothing is compared: what was found becomes the candidates."""
    ask: AskKind = "metric" if q.metric else (q.measure or "result")
    year = q.year
    if year is None and ask != "metric":
        common: set[int] | None = None
        for _, keys in q.compared:
            sub = replace(q, ask=ask, entity_keys=keys)
            ys = {f.record.year for f in _index_rows(store, sub, backend, year=None)
                  if f.record.year is not None and _index_filter(f.record, sub, None)}  # fmt: skip
            common = ys if common is None else common & ys
        year = max(common) if common else None
    out: list[Hit] = []
    missing = False
    for name, keys in q.compared:
        sub = replace(q, ask=ask, entity_keys=keys, entity=name, year=year)
        hits = (
            run_metrics(store, sub, backend, question) if ask == "metric"
            else run_index(store, sub, backend, names, question)
        )  # fmt: skip
        mine = [h for h in hits if h.primary]
        if not mine:
            missing = True
            continue
        for h in mine:
            h.role = "best" if not out else "tie"
            out.append(h)
    if missing or not _comparable(out):
        return [_as_candidate(h) for h in out]
    return out


def _comparable(hits: list[Hit]) -> bool:
    """Whether the entities' answers are figures of one ranking: the same index and kind of
    scope (a district's rank inside its province does not compare with a province's
    national rank, nor a PCI rank with a PGI one)."""
    irs = [h.record for h in hits if isinstance(h.record, IndexResultView)]
    return len({r.index for r in irs}) <= 1 and len({_scope_class(r.scope) for r in irs}) <= 1


def _by_year(store: Store, q: Query, backend: str | None, names: NameIndex) -> list[Hit]:
    """One result per year of the entity on the index asked (whole index unless a component
    is named; the scope asked, else national for a province), oldest year first. A year
    whose sources disagree keeps both."""
    index = q.index or "PAR_INDEX"
    q2 = replace(q, index=index, ask="result", year=None)
    if q2.scope is None and not q.entity_level:
        q2 = replace(q2, scope=None)
    rows = [
        f for f in _index_rows(store, q2, backend, year=None)
        if f.record.year is not None and not f.record.is_target and _plain(f.record, q2)
        and _has_measure(f.record, q.measure)
    ]  # fmt: skip
    hits = [Hit("index", f.record, (_scope_class(f.record.scope), f.record.year),
                sources=f.sources) for f in rows]  # fmt: skip
    hits = _drop_subsumed(_dedupe(hits, _ir_fact))
    _mark_initiatives_contradicted(hits, names)
    hits = [h for h in hits if not h.contradicted]
    if not hits:
        return []
    widest = min(h.rank_key[0] for h in hits)
    hits = [h for h in hits if h.rank_key[0] == widest]
    hits.sort(key=lambda h: h.rank_key)
    return hits


def _has_measure(r: IndexResultView, measure: str | None) -> bool:
    if measure == "rank":
        return r.rank is not None
    if measure == "score":
        return r.score is not None
    return r.rank is not None or r.score is not None


def run_trend(store: Store, q: Query, backend: str | None, names: NameIndex) -> list[Hit]:
    """The entity's results year by year (every year stored is part of the answer)."""
    hits = _by_year(store, q, backend, names)
    if len({h.record.year for h in hits}) < 2:
        return [_as_candidate(h) for h in hits]
    for i, h in enumerate(hits):
        h.role = "best" if i == 0 else "tie"
    return hits


def run_best_year(store: Store, q: Query, backend: str | None, names: NameIndex) -> list[Hit]:
    """The year of the entity's best (worst) result: by score where every year has one,
    else by rank; the other years are listed after it."""
    hits = _by_year(store, q, backend, names)
    years = {h.record.year for h in hits}
    if len(years) < 2:
        return [_as_candidate(h) for h in hits]
    up = q.direction != "down"
    use_score = q.measure != "rank" and all(h.record.score is not None for h in hits)  # type: ignore[union-attr]
    if not use_score and not all(h.record.rank is not None for h in hits):  # type: ignore[union-attr]
        return [_as_candidate(h) for h in hits]

    def value(h: Hit) -> float:
        r = h.record
        assert isinstance(r, IndexResultView)
        v = float(r.score if use_score else -(r.rank or 0))  # type: ignore[arg-type]
        return v if up else -v

    best = max(value(h) for h in hits)
    top = [h for h in hits if value(h) == best]
    ordered = top + [h for h in hits if h not in top]
    for i, h in enumerate(ordered):
        h.role = ("best" if i == 0 else "tie") if h in top else "other"
    return ordered


# -- metrics -------------------------------------------------------------------------------


def _metric_score(
    m: MetricView, words: set[str], wants_percent: bool, context: frozenset[str] = frozenset()
) -> float | None:
    """How well a metric record matches the question's content words, or None when it
    does not: its name must share a word with them and its name and quote together, with
    its document's headline (``context``: the office or programme every figure of the
    article is of), must cover most of them."""
    # Read through the glossary as the question is: a record named in English ("share of
    # dossiers filed online") meets a Vietnamese question ("tỷ lệ hồ sơ trực tuyến").
    name = set(meaning_tokens(m.name)) - _NAME_STOP or set(meaning_tokens(m.unit))
    quote = set(meaning_tokens(m.evidence.quote))
    common = name & words
    if not common or not words:
        return None
    cover = len((name | quote | set(meaning_tokens(m.unit)) | context) & words) / len(words)
    if cover < _METRIC_COVER:
        return None
    score = 2 * len(common) / len(name) + len(common) / len(words) + 0.5 * cover
    score += _LOCAL_WEIGHT * len(_around_value(m) & words) / len(words)
    if wants_percent:
        score += 0.5 if m.unit == "%" else 0.0
    elif m.unit != "%":
        score += 0.25
    return score


_LOCAL_WEIGHT = 2.5  # how much the words around the value count, against the name's
_LOCAL_CHARS = 90  # characters either side of the value that describe it


def _around_value(m: MetricView) -> set[str]:
    """Folded words near the value in the quote, inside its clause: of two figures in one
    sentence ("13.181 hồ sơ (4.840 hồ sơ trực tuyến)") only the words by each describe it."""
    return set(meaning_tokens(_value_clause(m)))


def _is_value(written: str, read: float, value: float) -> bool:
    """Whether a number written in a quote is the record's value: read alike, or the same
    digits in the other language's separators ("14,138" is 14138 in an English quote)."""
    if abs(read - value) < 1e-9:
        return True
    digits = re.sub(r"[.,\s]", "", written)
    whole = f"{value:.0f}" if value == int(value) else None
    return digits in {whole, f"{value:g}".replace(".", "")}


def _value_spans(quote: str, value: float) -> list[NumberSpan]:
    """Where a quote writes a record's value."""
    return [
        sp for sp in find_numbers(quote) if _is_value(quote[sp.start : sp.end], sp.value, value)
    ]


def _value_clause(m: MetricView) -> str:
    """The quote's words either side of the value, inside its clause ("" when the value is
    not written in the quote)."""
    quote = m.evidence.quote
    spans = _value_spans(quote, m.value)
    if not spans:
        return ""
    a, b = spans[0].start, spans[0].end
    left = re.split(r"[;:()]", quote[max(0, a - _LOCAL_CHARS) : a])[-1]
    right = _PARTS_FOLLOW.split(quote[b : b + _LOCAL_CHARS])[0]
    return f"{left} {right}"


# Where a total's clause ends on its right: a bracket or a list, or the parts it is
# divided into ("9,8 triệu hồ sơ, trong đó 7,2 triệu hồ sơ trực tuyến", "of which"): the
# words of a part do not describe the total.
_PARTS_FOLLOW = re.compile(
    r"[;:()]|\b(?:trong (?:đó|do|số đó|so do)|of which|of them|including)\b", re.IGNORECASE
)


# Levels of government a metric may be of, as a question's folded content words say them
# (English questions' words are glossed to Vietnamese ones by the parser) and as a record's
# name or quote may (either language).
_GOVERNMENT_LEVELS = {
    "commune": (("cap xa",), ("cap xa", "commune", "communal", "ward")),
    "district": (("cap huyen",), ("cap huyen", "district")),
    "province": (("cap tinh",), ("cap tinh", "provincial", "province level")),
}


def _government_levels(words: str) -> set[str]:
    """The levels of government a question's folded content words name ("cấp xã")."""
    spoken = f" {words} "
    return {lvl for lvl, (asked, _) in _GOVERNMENT_LEVELS.items()
            if any(f" {a} " in spoken for a in asked)}  # fmt: skip


def _same_government_level(m: MetricView, levels: set[str]) -> bool:
    """Whether a metric is of every level of government the question names: a figure
    whose name and quote never name the level ("12.000 hồ sơ ... trên địa bàn tỉnh" for
    a question about communes) is another level's."""
    if not levels:
        return True
    said = f" {key(m.name)} {key(m.evidence.quote)} "
    return all(
        any(f" {w} " in said for w in _GOVERNMENT_LEVELS[lvl][1]) for lvl in levels
    )


def _names_government_levels(m: MetricView, levels: set[str]) -> bool:
    """Whether a metric's name (not only its quote) names every level of government the
    question does; where the question names none, whether the name names none either (the
    whole province's figure before its provincial, district and commune parts)."""
    said = f" {key(m.name)} "
    if not levels:
        return not any(
            f" {w} " in said for _, words in _GOVERNMENT_LEVELS.values() for w in words
        )
    return all(any(f" {w} " in said for w in _GOVERNMENT_LEVELS[lvl][1]) for lvl in levels)


# A percentage asked for (folded): "bao nhiêu phần trăm", "what percentage", "%".
_PERCENT_ASKED = re.compile(r"\b(?:phan tram|percent(?:age)?)\b|%")


# A rate or share asked for, in the question's own words (folded).
_RATE_ASKED = re.compile(r"\b(?:ty le|ti le|phan tram|percent(?:age)?|rate|share)\b")


@functools.cache
def _contrast_groups() -> dict[str, tuple[frozenset[str], str]]:
    """The vocabulary's exclusive groups (attribute ``contrast``): each group's labels and
    when a question naming one needs a record naming one (attribute ``required``: "yes"
    always, "counts" for counts, "" never)."""
    labels: dict[str, set[str]] = {}
    required: dict[str, str] = {}
    for e in get_vocab().entries:
        group = e.attrs.get("contrast") if e.kind == "metric" else None
        if group:
            labels.setdefault(group, set()).add(e.label)
            required[group] = required.get(group) or e.attrs.get("required", "")
    return {g: (frozenset(ls), required[g]) for g, ls in labels.items()}


def _contrasts(text: str) -> dict[str, set[str]]:
    """The metric kinds of exclusive groups ``text`` names (vocabulary attribute
    ``contrast``): {"online_service_mode": {"full_online_service"}} for "toàn trình". Each
    group is read on its own: "trực tuyến" (a channel) inside "dịch vụ công trực tuyến toàn
    trình" (a service mode) is both."""
    out: dict[str, set[str]] = {}
    for group, (labels, _) in _contrast_groups().items():
        for sp in get_vocab().find(text, {"metric"}, labels=labels):
            out.setdefault(group, set()).add(sp.label)
    return out


def _contrary(m: MetricView, asked: dict[str, set[str]], *, counts: bool = False) -> bool:
    """Whether the record is of another kind of a group the question names: "một phần"
    services for a question about "toàn trình" ones, level 3 for level 4. Its name and the
    words by its value say its kind; a record saying none is not contrary, except for a
    group whose kind must be said ("hồ sơ trễ hạn": a count of all dossiers received is
    not the late ones)."""
    if not asked:
        return False
    mine = _contrasts(f"{m.name} ; {_value_clause(m)}")
    groups = _contrast_groups()
    return any(
        (mine[g].isdisjoint(labels) if g in mine else _must_say(groups[g][1], counts))
        for g, labels in asked.items()
    )


def _must_say(required: str, counts: bool) -> bool:
    return required == "yes" or (required == "counts" and counts)


# Periods shorter than a year (folded text): "9 tháng (đầu năm)", "lũy kế 4 tháng", "đến
# hết tháng 4" (months since January), "tháng 10" (one month), "quý III", "Q3", "the first
# nine months", "the third quarter", "in October".
_MONTHS_EN = ("january february march april may june july august september october "
              "november december").split()  # fmt: skip
_PERIOD = re.compile(
    r"\b(?P<n>\d{1,2}|" + "|".join(("first", "six", "nine", "three", "four", "five", "seven",
                                      "eight", "ten", "eleven")) + r")\s+(?:thang|months?)\b"
    r"|\b(?:den|toi)\s+(?:het\s+|cuoi\s+)?thang\s+(?P<c>\d{1,2})\b"  # "cộng dồn đến hết tháng 4"
    r"|\bthang\s+(?P<m>\d{1,2})\b"
    r"|\b(?:quy|quarter)\s+(?P<q>iv|i{1,3}|[1-4])\b|\bq(?P<q2>[1-4])\b"
    r"|\b(?P<qe>first|second|third|fourth)\s+quarter\b"
    r"|\b(?:in|during)\s+(?P<me>" + "|".join(_MONTHS_EN) + r")\b(?!\s+\d{1,2}\b)"
    r"|\b(?P<h>nua dau nam|nua nam dau|first half)\b"
)  # fmt: skip
_NUMBER_WORDS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11}  # fmt: skip
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "first": 1, "second": 2, "third": 3,
             "fourth": 4}  # fmt: skip


def _periods(folded: str) -> set[tuple[str, int]]:
    """The periods shorter than a year a folded text names: ("months", 9) for nine months
    from January, ("month", 10) for October, ("quarter", 3)."""
    out: set[tuple[str, int]] = set()
    for m in _PERIOD.finditer(folded):
        if m.group("n") and m.group("n") != "first":
            n = m.group("n")
            out.add(("months", int(n) if n.isdigit() else _NUMBER_WORDS[n]))
        elif m.group("c"):
            out.add(("months", int(m.group("c"))))
        elif m.group("m"):
            out.add(("month", int(m.group("m"))))
        elif q := m.group("q") or m.group("q2") or m.group("qe"):
            out.add(("quarter", int(q) if q.isdigit() else _QUARTERS[q]))
        elif m.group("me"):
            out.add(("month", _MONTHS_EN.index(m.group("me")) + 1))
        elif m.group("h"):
            out.add(("months", 6))
    return out


def _period_words(folded: str) -> set[str]:
    return {t for m in _PERIOD.finditer(folded) for t in tokens(m.group())
            if t not in ("in", "during")}  # fmt: skip


def _record_periods(m: MetricView) -> set[tuple[str, int]]:
    """The periods a metric is of: the ones the words around its value say ("cộng dồn đến
    hết tháng 9": nine months), else the ones its name says ("tháng 9/2024")."""
    return _periods(fold(_value_clause(m))) or _periods(fold(m.name))


def _year_distance(quote: str, year: int | None, value: float) -> int:
    """Characters from a mention of ``year`` to the value after it in the quote (a record
    whose value follows the asked year closely is the better reading of the sentence)."""
    if year is None:
        return 0
    ys = [m.end() for m in re.finditer(str(year), quote)]
    vs = [s.start for s in find_numbers(quote) if abs(s.value - value) < 1e-9]
    gaps = [v - y for y in ys for v in vs if v >= y]
    return min(gaps) if gaps else 10_000


def run_metrics(store: Store, q: Query, backend: str | None, question: str = "") -> list[Hit]:
    words = set(q.keywords)
    if q.lang == "en":
        # The English words of a period asked ("the first nine months") select the figure
        # by its period; no Vietnamese name holds them.
        words = words - _period_words(fold(question)) or words
    asked = _contrasts(question)
    rate_asked = bool(_RATE_ASKED.search(fold(question)))
    wants_percent = bool({"ty", "le"} <= words or "ti" in words or "phan" in words)
    hits = []
    docs: dict[str, str | None] = {}
    titles: dict[str, frozenset[str]] = {}
    eligible: list[Fact] = []
    levels = _government_levels(" ".join(q.keywords))
    periods = _periods(fold(question))
    facts = select_facts(
        store, "metrics", entity_keys=q.entity_keys, year=q.year, backend=backend,
        include_targets=q.targets,
    )  # fmt: skip
    for f in facts:
        m = f.record
        if rate_asked and m.unit not in ("%", ""):
            # A rate asked ("tỷ lệ ... bao nhiêu phần trăm") is not a count of dossiers.
            continue
        if _contrary(m, asked, counts=q.counts):
            continue
        if question and contradicts(question, m.name, m.unit):
            continue  # "số huyện xếp loại tốt" is not a count graded "Khá", nor a change
        if not _same_government_level(m, levels):
            continue  # "cấp xã giải quyết bao nhiêu hồ sơ": not the province's total
        if periods and (mine := _record_periods(m)) and not (mine & periods):
            continue  # "9 tháng năm 2020": not October's figure, nor the third quarter's
        if q.counts and (m.unit == "%" or m.value != int(m.value)):
            continue  # how many units: a count, not a rate or an average
        if q.counts and _counts_other_units(m, q.entity_level):
            continue  # "bao nhiêu huyện": not a count of departments
        if q.counts and q.direction and _counts_other_moves(m, q.direction):
            continue  # "bao nhiêu tỉnh tăng": not the count of those that went down
        if q.counts and q.index is not None and _about_index(store, m, docs) != q.index:
            continue  # "bao nhiêu tỉnh thăng hạng" on the PCI: not another ranking's count
        eligible.append(f)
    for with_headline in (False, True):
        # The headline's words (the office or programme the article is about) count only
        # where no record's own words cover the question: they widen what matches.
        for f in eligible:
            m = f.record
            context = _headline_words(store, m.doc_id, titles) if with_headline else frozenset()
            s = _metric_score(m, words, wants_percent, context)
            if s is None:
                continue
            rk = (  # the match score at _METRIC_SCORE_AT
                # a level of government asked ("at the commune level") that the name says,
                # not only the quote ("the provincial and commune centres provide 420 …")
                0 if _names_government_levels(m, levels) else 1,
                # a period asked ("tháng 6/2025") that the record states, before one that
                # states none (a figure "tính đến ngày 26/10" of the same year)
                0 if not periods or _record_periods(m) & periods else 1,
                -round(s, 6),
                0 if m.is_target == q.targets else 1,
                _year_key(m.year),
                _year_distance(m.evidence.quote, q.year, m.value),
            )
            hits.append(Hit("metric", m, rk, sources=f.sources))
        if hits:
            break

    def fact(r: Record) -> tuple:
        assert isinstance(r, MetricView)
        return (fold(r.entity), key(r.name), r.value, r.unit, r.year, r.is_target)

    hits = _assign_roles(_dedupe(hits, fact), ties_by_entity=False)
    if hits and hits[0].primary and _the_countrys_sentence(store, hits[0].record, q):  # type: ignore[arg-type]
        # "Cả nước vẫn chưa đạt mục tiêu. Tỷ lệ ... chung mới đạt 45,8%" stored for a
        # province: the sentence before makes it the country's figure; candidates.
        return [_as_candidate(h) for h in hits]
    if hits and hits[0].primary and not periods and _record_periods(hits[0].record):  # type: ignore[arg-type]
        # No period asked, a figure of part of the year ("tháng 9", "9 tháng") found: the
        # year's figure is not known; the closest records are candidates.
        return [_as_candidate(h) for h in hits]
    if hits:
        # Lesser metric matches only when they match nearly as well: a rate about online
        # payments is not a weaker answer to a question about online services.
        floor = -hits[0].rank_key[_METRIC_SCORE_AT] * _METRIC_OTHERS
        hits = [h for h in hits if h.primary or -h.rank_key[_METRIC_SCORE_AT] >= floor]
        if q.counts and _rival_counts(hits, words):
            # Two stated counts nearly as close to the question: the one whose name says
            # nothing the question does not ("31 tỉnh tăng hạng" against "5 tỉnh tăng
            # hạng mạnh" for "bao nhiêu tỉnh tăng hạng"), else which one it asks is not
            # known; candidates.
            return _plainest_count(hits, set(tokens(question)))
    return hits


# Where a metric hit's rank key holds its (negated) match score: after the level and period
# preferences, which order before it.
_METRIC_SCORE_AT = 2
_COUNTRY_SAID = re.compile(r"\b(?:ca nuoc|toan quoc|nationwide|the whole country|the country)\b")
# A sentence placing the unit in the country's ranking, or speaking of the unit itself.
_RANK_OR_SELF = re.compile(
    r"\b(?:xep|dung|thu|hang|ranked|ranking|place[ds]?)\b|\b\d+(?:st|nd|rd|th)\b"
    r"|\b(?:tinh|thanh pho|huyen|province|city|district|department|ministry)\b"
)


def _the_countrys_sentence(store: Store, m: MetricView, q: Query) -> bool:
    """Whether a figure of a unit below the country rests on a quote naming no unit
    whose sentence before names the country and not the unit: the country's figure."""
    if key(m.entity) in ("viet nam", "vietnam") or q.aggregate is not None:
        return False
    own = _entity_keys_of(m.entity)
    if any(f" {k} " in f" {key(m.evidence.quote)} " for k in own if k):
        return False
    before = store.document_slice(m.doc_id, m.evidence.start - 300, m.evidence.start)
    if before is None:
        return False
    last = re.split(r"(?<=[.!?])\s+|\n", before.strip())[-1] if before.strip() else ""
    said = f" {key(last)} "
    if _RANK_OR_SELF.search(fold(last)):
        return False  # "xếp thứ 3 cả nước", "của tỉnh": the unit's, placed in the country
    return bool(_COUNTRY_SAID.search(fold(last))) and not any(
        f" {k} " in said for k in own if k
    )


def _headline_words(store: Store, doc_id: str, cache: dict[str, frozenset[str]]) -> frozenset[str]:
    """The folded words of a document's headline (cached by document), English ones read
    through the glossary as the question's and the records' words are."""
    if doc_id not in cache:
        cache[doc_id] = frozenset(meaning_tokens(store.document_title(doc_id) or ""))
    return cache[doc_id]


def _plainest_count(hits: list[Hit], asked: set[str]) -> list[Hit]:
    def says_no_more(h: Hit) -> bool:
        r = h.record
        return isinstance(r, MetricView) and set(tokens(r.name)) - _NAME_STOP - {"so"} <= asked

    plain = [h for h in hits if says_no_more(h)]
    if len({h.record.value for h in plain}) != 1:  # type: ignore[union-attr]
        return [_as_candidate(h) for h in hits]
    for h in hits:
        h.role = "other"
    plain[0].role = "best"
    return [plain[0], *(h for h in hits if h is not plain[0])]


def _rival_counts(hits: list[Hit], words: set[str]) -> bool:
    """Whether a lesser match states another count for the best one's owner and year and
    its name holds every question word the best one's name holds ("số huyện xếp loại Khá"
    is no rival of "số huyện xếp loại Tốt" for a question about "Tốt")."""
    best = hits[0].record
    assert isinstance(best, MetricView)
    said = set(tokens(best.name)) & words
    return any(
        isinstance(h.record, MetricView) and fold(h.record.entity) == fold(best.entity)
        and h.record.year == best.year and h.record.value != best.value
        and said <= set(tokens(h.record.name))
        for h in hits[1:]
    )  # fmt: skip


# An average's change is named "mức tăng … so với …" / "change in the … from …" (the
# vocabulary's concept ``average_change``): it is not the average.
_CHANGE_NAME = re.compile(r"\b(?:muc (?:tang|giam)|change|increase|decrease|growth)\b")


def _average_index(m: MetricView) -> str | None:
    """The index an average record is of: named in its name, else in its quote."""
    for text in (m.name, m.evidence.quote):
        span = get_vocab().first(text, kinds={"index"})
        if span is not None:
            return span.label
    return None


def _counted_level(m: MetricView) -> str | None:
    """The level of the units a count counts: its unit word ("huyện"), else the noun its
    name counts ("số sở đạt loại tốt"); None for generic ones ("đơn vị", "địa phương")."""
    for text in (m.unit, key(m.name).removeprefix("so ")):
        words = key(text).split()
        for n in (2, 1):
            level = UNIT_LEVELS.get(" ".join(words[:n]))
            if level is not None and len(words) >= n:
                return level
    return None


def _counts_other_moves(m: MetricView, direction: str) -> bool:
    """Whether a count's name (else the words by its value) says the units moved the
    other way than asked: "6 địa phương có chỉ số đi xuống" counts no rises."""
    said = count_direction(fold(m.name)) or count_direction(fold(_value_clause(m)))
    return said is not None and said != direction


def _counts_other_units(m: MetricView, level: str | None) -> bool:
    mine = _counted_level(m)
    return level is not None and mine is not None and mine != level


def _about_index(store: Store, m: MetricView, docs: dict[str, str | None]) -> str | None:
    """The index a count is about: the one its quote names, else the first one its
    document names (its title, mostly); ``docs`` caches documents' first indexes. A count
    ("31 tỉnh tăng hạng") carries no index of its own."""
    span = get_vocab().first(m.evidence.quote, kinds={"index"})
    if span is not None:
        return span.label
    if m.doc_id not in docs:
        body = store.document_text(m.doc_id)
        text = f"{store.document_title(m.doc_id) or ''}\n{body}" if body is not None else ""
        first = get_vocab().first(text, kinds={"index"}) if text else None
        docs[m.doc_id] = first.label if first is not None else None
    return docs[m.doc_id]


# A bound said before a value ("vượt 80%", "trên 90%", "over 80%"): the value is a
# threshold the figure passed, not the figure.
_BOUND_BEFORE = re.compile(
    r"\b(?:vuot(?: qua)?|tren|hon|cao hon|duoi|thap hon|toi thieu|it nhat|over|above|more than|"
    r"exceed(?:ed|s|ing)?|at least|below|under|less than)(?:\s+(?:muc|the))?\s*$"
)


def _bound_value(m: MetricView) -> bool:
    """Whether every mention of the record's value in its quote follows a bound word."""
    quote = m.evidence.quote
    spans = _value_spans(quote, m.value)
    return bool(spans) and all(
        _BOUND_BEFORE.search(fold(quote[max(0, sp.start - 20) : sp.start])) for sp in spans
    )


def run_average(store: Store, q: Query, backend: str | None, question: str = "") -> list[Hit]:
    """The country's (the bloc's) average on the index asked: a metric of that owner named
    as an average of that index, the year asked else the newest. Sources that state
    different averages for that year leave it unsettled: candidates, not an answer."""
    if q.index is None:
        return run_metrics(store, q, backend, question)
    hits = []
    facts = select_facts(
        store, "metrics", entity_keys=q.entity_keys, year=q.year, backend=backend,
        include_targets=q.targets,
    )  # fmt: skip
    for f in facts:
        m = f.record
        if m.is_target != q.targets or _CHANGE_NAME.search(fold(m.name)):
            continue
        if not get_vocab().find(m.name, {"metric"}, labels={"average", "average_asked"}):
            continue
        if _average_index(m) != q.index:
            continue
        if _bound_value(m):
            continue  # "giá trị trung bình ... vượt 80%": a threshold passed, not the average
        if question and contradicts(question, m.name, m.unit):
            continue  # "mức tăng giá trị trung bình …": the average's change, not its level
        hits.append(Hit("metric", m, (_year_key(m.year),), sources=f.sources))

    def fact(r: Record) -> tuple:
        assert isinstance(r, MetricView)
        return (fold(r.entity), r.value, r.year)

    hits = _assign_roles(_dedupe(hits, fact), ties_by_entity=False)
    if hits and any(h.rank_key == hits[0].rank_key for h in hits[1:]):
        return [_as_candidate(h) for h in hits]
    return hits


# -- initiatives ---------------------------------------------------------------------------


def _init_fact(r: Record) -> tuple:
    assert isinstance(r, InitiativeView)
    return (fold(r.entity), key(r.name))


def run_initiative_who(store: Store, q: Query, names: NameIndex, backend: str | None) -> list[Hit]:
    """Who runs a named initiative: exact name first, then names containing it, then close
    names; every entity with the best-matching name is an answer."""
    wanted = q.initiative or ""
    wk = key(wanted)
    if not wk:
        return []
    candidates = {
        k for k in names.initiatives if similarity(k, wk) >= 0.75 or f" {wk} " in f" {k} "
    }
    raw_keys = sorted({names.initiatives[k] for k in candidates})
    facts = select_facts(store, "initiatives", name_keys=raw_keys, backend=backend)
    hits = []
    for f in facts:
        r = f.record
        rk_name = key(r.name)
        exact = rk_name == wk
        sim = similarity(rk_name, wk)
        if not exact and sim < 0.75 and f" {wk} " not in f" {rk_name} ":
            continue
        if not _in_place(r.entity, q) or not _year_agrees(r, q):
            continue
        rk = (0 if exact else 1, -round(sim, 6), _year_key(r.year))
        hits.append(Hit("initiative", r, rk, sources=f.sources))
    hits = _dedupe(hits, _init_fact)
    # A unit its quote does not name, where the quote names another ("Sở Nội vụ triển
    # khai mô hình X" stored for the department of the sentence before) runs nothing there.
    _mark_initiatives_contradicted(hits, names)
    hits = [h for h in hits if not h.contradicted]
    hits.sort(key=lambda h: h.rank_key)
    if not hits:
        return []
    top = hits[0].rank_key[:2]
    if top[0] != 0 and not any(
        isinstance(h.record, InitiativeView) and f" {wk} " in f" {key(h.record.name)} "
        for h in hits
    ):
        # Only names close to the one asked ("Cà phê doanh nghiệp" for "Cà phê doanh
        # nhân"): perhaps another initiative, run by others; candidates.
        return [_as_candidate(h) for h in hits[: 1 + MAX_OTHERS]]
    place = _place_itself(hits, q, top)
    out: list[Hit] = []
    others = 0
    for h in hits:
        if h.rank_key[:2] == top and h not in place:
            h.role = "tie" if any(o.primary for o in out) else "best"
            out.append(h)
        elif others < MAX_OTHERS:
            h.role = "other"
            out.append(h)
            others += 1
    return out


def _mark_initiatives_contradicted(hits: list[Hit], names: NameIndex) -> None:
    """``mark_contradicted`` for initiatives, except a record whose entity's name holds a
    province its quote names ("Hiệp hội Doanh nghiệp tỉnh Tiền Giang" for a quote saying
    "Hiệp hội DN tỉnh Tiền Giang"): the quote names its place, shortened, not another unit."""
    mark_contradicted(hits, names)
    for h in hits:
        if not h.contradicted:
            continue
        own = f" {key(h.record.entity)} "
        places = [m.province for m in names.find(h.record.evidence.quote) if m.province]
        if any(f" {k} " in own for p in places for k in _entity_keys_of(p.name) if k):
            h.contradicted = False


def _year_agrees(r: InitiativeView, q: Query) -> bool:
    """An initiative stated for another year than the one asked does not answer."""
    return q.year is None or r.year is None or r.year == q.year


def _undated(r: Record, q: Query) -> bool:
    """A question fixing a year, a record stating none: shown, but it is not the answer
    ("mô hình nào năm 2025" is not answered by a model whose year is not known). Only where
    the year selects the initiative (``run_initiatives_of``): a named one ("ai tổ chức “X”
    năm 2023") is known by its name, and a record naming it answers though it gives no
    year."""
    return q.year is not None and r.year is None


def _place_itself(hits: list[Hit], q: Query, top: tuple) -> list[Hit]:
    """Best matches about the province the question places the initiative in, when a unit
    inside it matches as well: "mô hình “X” ở Tiền Giang do đơn vị nào tổ chức?" asks who
    in Tiền Giang runs it; the province, already given, is not that unit. Alone, it is."""
    if q.scope is None or not q.scope.startswith("province:"):
        return []
    gaz = get_gazetteer()
    wanted = gaz.lookup(q.scope.partition(":")[2])
    if wanted is None:
        return []
    best = [h for h in hits if h.rank_key[:2] == top]
    itself = [h for h in best if (p := gaz.lookup(h.record.entity)) and p.name == wanted.name]
    return itself if len(itself) < len(best) else []


# The level an entity's name shows: its unit word, else a province of the gazetteer.
_LEVEL_WORDS = (
    (("xa ", "phuong ", "thi tran "), "commune"),
    (("huyen ", "quan ", "thi xa "), "district"),
    (("so ", "ban ", "van phong "), "department"),
    (("bo ", "ngan hang nha nuoc", "uy ban ", "thanh tra chinh phu"), "ministry"),
)  # fmt: skip


def level_of_name(name: str) -> str | None:
    k = key(name)
    for prefixes, level in _LEVEL_WORDS:
        if k.startswith(prefixes):
            return level
    return "province" if get_gazetteer().lookup(name) is not None else None


def _in_place(entity: str, q: Query) -> bool:
    """Whether an initiative's entity is of the level the question asks ("xã nào") and in
    the province it names ("ở Tiền Giang"): the province itself, or a unit whose name
    carries the province's name ("Hiệp hội Doanh nghiệp tỉnh Tiền Giang")."""
    if q.level_asked and q.entity_level is not None and level_of_name(entity) != q.entity_level:
        return False
    if q.scope is None or not q.scope.startswith("province:"):
        return True
    wanted = get_gazetteer().lookup(q.scope.partition(":")[2])
    if wanted is None:
        return True
    own = get_gazetteer().lookup(entity)
    if own is not None:
        return own.name == wanted.name
    spoken = f" {key(entity)} "
    if any(f" {k} " in spoken for k in _entity_keys_of(wanted.name) if len(k) > 3):
        return True
    return _division_in(entity, wanted.name)


def _division_in(entity: str, province: str) -> bool:
    """Whether a district or commune of that name lies in the province ("xã Lao Bảo" in
    Quảng Trị), by the official lists of units (read only when a unit's name does not
    carry its province's)."""
    if level_of_name(entity) not in ("district", "commune"):
        return False
    from llmx.core.divisions import lookup_divisions  # the lists load on first use

    return any(d.province == province for d in lookup_divisions(entity))


# A question asking for several initiatives ("những mô hình nào", "which models"): every
# one the unit runs that year is the answer, none a lesser match.
_SEVERAL_ASKED = re.compile(
    r"\b(?:nhung|cac) (?:mo hinh|sang kien|cach lam|phong trao|chuong trinh|giai phap)\b"
    r"|\b(?:which|what) (?:models|initiatives|programmes|programs|campaigns|practices)\b"
)


def run_initiatives_of(
    store: Store,
    q: Query,
    backend: str | None,
    names: NameIndex | None = None,
    question: str = "",
) -> list[Hit]:
    words = set(q.keywords)
    wanted = key(q.initiative or "")
    hits = []
    for f in select_facts(store, "initiatives", entity_keys=q.entity_keys, backend=backend):
        r = f.record
        if wanted and similarity(r.name, wanted) < 0.75 and wanted not in key(r.name):
            continue
        if not _year_agrees(r, q):
            continue
        overlap = len(set(tokens(r.evidence.quote)) & words) / max(1, len(words))
        rk = (-round(overlap, 6), _year_key(r.year))
        hits.append(Hit("initiative", r, rk, sources=f.sources))
    hits = _dedupe(hits, _init_fact)
    if names is not None:
        _mark_initiatives_contradicted(hits, names)  # another unit's, stored for this one
    hits.sort(key=lambda h: (h.contradicted, _undated(h.record, q), h.rank_key))
    for i, h in enumerate(hits):
        h.role = "best" if i == 0 and not _undated(h.record, q) and not h.contradicted \
            else "other"  # fmt: skip
    _same_sentence_ties(hits)
    tied = any(h.role == "tie" for h in hits)
    if hits and hits[0].role == "best" and not tied and _SEVERAL_ASKED.search(fold(question)):
        # several asked and the best one's sentence names no other: every one the unit runs
        # that year (a sentence that names several is the answer as it stands)
        year = hits[0].record.year
        for h in hits[1:]:
            if not h.contradicted and not _undated(h.record, q) and h.record.year == year:
                h.role = "tie"
    return hits[: 1 + 2 * MAX_OTHERS]


def _same_sentence_ties(hits: list[Hit]) -> None:
    """Initiatives the best one's own sentence names for the same unit ("chọn một trong hai
    mô hình “A” hoặc “B”") answer beside it: the sentence gives both, so both are shown
    as the answer, not one of them as a lesser match."""
    if not hits or hits[0].role != "best":
        return
    best = hits[0].record
    for h in hits[1:]:
        r = h.record
        if (
            not h.contradicted
            and h.rank_key == hits[0].rank_key
            and r.evidence.quote == best.evidence.quote
            and fold(r.entity) == fold(best.entity)
        ):
            h.role = "tie"


# -- entry point ---------------------------------------------------------------------------


def execute(
    store: Store, q: Query, names: NameIndex, question: str, backend: str | None = None
) -> Result:
    res = Result(q)
    if q.ask in NEEDS_ENTITY and not q.entity_keys:
        res.reason = "no_entity"
    elif q.ask in ("entity_for_rank", "rank", "score", "result", "change"):
        res.hits = run_index(store, q, backend, names, question)
    elif q.ask == "change_list":
        res.hits = run_change_list(store, q, backend, names)
    elif q.ask == "change_extreme":
        res.hits = run_change_extreme(store, q, backend, names)
    elif q.ask == "compare":
        res.hits = run_compare(store, q, backend, names, question)
    elif q.ask == "trend":
        res.hits = run_trend(store, q, backend, names)
    elif q.ask == "best_year":
        res.hits = run_best_year(store, q, backend, names)
    elif q.ask in ("top", "bottom", "count"):
        res.hits = run_ranking(store, q, backend)
    elif q.ask == "metric" and q.aggregate is not None:
        res.hits = run_average(store, q, backend, question)
    elif q.ask == "metric":
        res.hits = run_metrics(store, q, backend, question)
        if q.counts and q.direction and q.index and not res.found:
            # No count stated: a complete ranking with every move stored counts them.
            counted = run_counted_moves(store, q, backend, question)
            if counted:
                res.query, res.hits = replace(q, ask="count"), counted
    elif q.ask == "initiative_who":
        res.hits = run_initiative_who(store, q, names, backend)
    elif q.ask == "initiatives_of":
        res.hits = run_initiatives_of(store, q, backend, names, question)
    else:
        res.reason = "unstructured"
    if not res.found:
        res.candidates = [h for h in res.hits if h.role in ("candidate", "other")]
        if res.candidates and res.reason is None:
            res.reason = "ambiguous"
        res.reason = res.reason or "no_records"
        res.passages = store.search_sentences(question, limit=PASSAGES)
    return res
