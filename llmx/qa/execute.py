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

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from llmx.core.gazetteer import get_gazetteer
from llmx.core.numbers import find_numbers
from llmx.core.records import DEFAULT_CONFIDENCE
from llmx.core.textnorm import fold
from llmx.qa.facts import Fact, select_facts
from llmx.qa.names import NameIndex, key, tokens
from llmx.qa.query import NEEDS_ENTITY, Query
from llmx.store import SentenceHit, Store, StoredIndexResult, StoredInitiative, StoredMetric

PASSAGES = 3  # FTS passages shown when nothing answers
MAX_OTHERS = 3  # lesser matches kept after the best one(s)
_COMPONENT_MATCH = 0.6  # Dice similarity of component names (folded tokens)
_METRIC_COVER = 0.6  # share of the question's content words a metric record must cover
_METRIC_OTHERS = 0.8  # lesser metric matches must score this share of the best one

Record = StoredIndexResult | StoredMetric | StoredInitiative

# Words too common to tell metric records apart (the parser drops most; these are in names).
_NAME_STOP = frozenset("cua la va cac duoc tren trong cho voi tai o".split())


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

    @property
    def primary(self) -> bool:
        return self.role in ("best", "tie")


@dataclass
class Result:
    query: Query
    hits: list[Hit] = field(default_factory=list)
    passages: list[SentenceHit] = field(default_factory=list)
    reason: str | None = None  # why nothing was found

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
    assert isinstance(r, StoredIndexResult)
    return (
        fold(r.entity), r.index, key(r.component or ""), r.year, r.score, r.rank, r.rank_total,
        r.rank_change, r.score_change, r.scope, r.is_target,
    )  # fmt: skip


_FIGURES = ("score", "rank", "rank_total", "rank_change", "score_change")


def _drop_subsumed(hits: list[Hit]) -> list[Hit]:
    """Drop an index result whose figures all appear, equal, in another result about the
    same entity, index, component, year and scope (one sentence often yields both)."""
    groups: dict[tuple, list[tuple[Hit, dict[str, Any]]]] = {}
    for h in hits:
        r = h.record
        assert isinstance(r, StoredIndexResult)
        figures = {f: getattr(r, f) for f in _FIGURES if getattr(r, f) is not None}
        groups.setdefault((*_ir_fact(r)[:4], r.scope, r.is_target), []).append((h, figures))
    out = []
    for h in hits:
        r = h.record
        assert isinstance(r, StoredIndexResult)
        group = groups[(*_ir_fact(r)[:4], r.scope, r.is_target)]
        mine = next(f for o, f in group if o is h)
        if not any(
            len(theirs) > len(mine) and all(theirs.get(k) == v for k, v in mine.items())
            for o, theirs in group
            if o is not h
        ):
            out.append(h)
    return out


def _doubtful(h: Hit) -> bool:
    """A record its backend rated below the confident cut-off (unassessed ones are not)."""
    c = h.record.confidence
    return c is not None and c < DEFAULT_CONFIDENCE


def _assign_roles(hits: list[Hit], *, ties_by_entity: bool) -> list[Hit]:
    """By rank_key (how well a record answers), confident records first among equal keys;
    the first is best; those with the same key (and confidence class) for another entity are
    ties; MAX_OTHERS lesser matches are kept. Confidence only breaks ties: put first, it let
    a confident record of the wrong scope or level beat the doubtful one asked for."""
    hits.sort(key=lambda h: (h.rank_key, _doubtful(h)))
    if not hits:
        return hits
    best = hits[0]
    best.role = "best"
    others = 0
    kept = [best]
    for h in hits[1:]:
        same = h.rank_key == best.rank_key and _doubtful(h) == _doubtful(best)
        if same and ties_by_entity and fold(h.record.entity) != fold(best.record.entity):
            h.role = "tie"
            kept.append(h)
        elif others < MAX_OTHERS:
            h.role = "other"
            kept.append(h)
            others += 1
    return kept


# -- index results -------------------------------------------------------------------------


def _index_rows(store: Store, q: Query, backend: str | None, **filters: Any) -> list[Fact]:
    return select_facts(
        store,
        "index_results",
        entity_keys=q.entity_keys or None,
        index=filters.get("index", q.index),
        year=filters.get("year", q.year),
        rank=filters.get("rank"),
        scope="national" if q.scope == "national" else None,
        backend=backend,
        include_targets=q.targets,
    )


def _has_figure(r: StoredIndexResult, q: Query) -> bool:
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


def _index_filter(r: StoredIndexResult, q: Query, level: str | None) -> bool:
    if not _has_figure(r, q):
        return False
    if level is not None and r.entity_level != level:
        return False
    if not scope_matches(r.scope, q.scope):
        return False
    if q.component is not None:
        return r.component is not None and similarity(r.component, q.component) >= _COMPONENT_MATCH
    return True


def _index_key(r: StoredIndexResult, q: Query) -> tuple:
    wanted_index = q.index or "PAR_INDEX"
    return (
        0 if (r.is_target == q.targets) else 1,
        _scope_class(r.scope),
        0 if (r.component is None) == (q.component is None) else 1,
        0 if r.index == wanted_index else 1,
        0 if (q.entity_level or r.entity_level == "province") else 1,
        _year_key(r.year),
    )


def run_index(store: Store, q: Query, backend: str | None) -> list[Hit]:
    level = q.entity_level
    rows = _index_rows(store, q, backend, rank=q.rank if q.ask == "entity_for_rank" else None)
    hits = [
        Hit("index", f.record, _index_key(f.record, q), sources=f.sources)
        for f in rows
        if _index_filter(f.record, q, level)
    ]
    hits = _drop_subsumed(_dedupe(hits, _ir_fact))
    if q.ask == "change" and not hits and q.year and q.year_from:
        hits = _derived_changes(store, q, backend)
    for h in hits:
        _derive(h)
    return _assign_roles(hits, ties_by_entity=q.ask == "entity_for_rank")


def _derive(h: Hit) -> None:
    """Figures that follow from one record: the previous rank from rank and rank change."""
    r = h.record
    if isinstance(r, StoredIndexResult) and r.rank is not None and r.rank_change:
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
            assert isinstance(a, StoredIndexResult) and isinstance(b, StoredIndexResult)
            if (fold(a.entity), a.index, key(a.component or ""), a.scope) != (
                fold(b.entity), b.index, key(b.component or ""), b.scope
            ):  # fmt: skip
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


def _plain(r: Record, q: Query) -> bool:
    return (
        isinstance(r, StoredIndexResult)
        and scope_matches(r.scope, q.scope)
        and (
            r.component is None
            if q.component is None
            else r.component is not None
            and similarity(r.component, q.component) >= _COMPONENT_MATCH
        )
    )


def run_ranking(store: Store, q: Query, backend: str | None) -> list[Hit]:
    """Top/bottom N and counts: one result per entity on one index and year (the newest
    year with national results when none is asked), ordered by score, then stored rank."""
    index = q.index or "PAR_INDEX"
    level = q.entity_level or "province"
    scope = q.scope or "national"
    q2 = q.model_copy(update={"index": index, "scope": scope})
    year = q.year
    if year is None:
        years = [
            f.record.year
            for f in _index_rows(store, q2, backend, year=None)
            if f.record.year is not None and f.record.entity_level == level
            and not f.record.is_target
        ]  # fmt: skip
        if not years:
            return []
        year = max(years)
    q2 = q2.model_copy(update={"year": year})
    best: dict[str, StoredIndexResult] = {}
    for f in _index_rows(store, q2, backend, year=year):
        r = f.record
        if r.is_target or r.entity_level != level:
            continue
        if not _has_figure(r, q2) or not scope_matches(r.scope, scope):
            continue
        if (r.component is None) != (q.component is None):
            continue
        if (
            q.component is not None
            and similarity(r.component or "", q.component) < _COMPONENT_MATCH
        ):
            continue
        k = fold(r.entity)
        cur = best.get(k)
        if cur is None or _entity_order(r) < _entity_order(cur):
            best[k] = r
    ordered = _order_entities(list(best.values()), bottom=q.ask == "bottom")
    if q.ask == "count":
        hits = [Hit("index", r, (i,), role="best") for i, r in enumerate(ordered)]
        return hits
    n = q.n or 1
    if n == 1 and ordered and not _stated_extreme(ordered[0], bottom=q.ask == "bottom"):
        # The store holds only the units articles named: the best of those is the first
        # (or last) only where a record says so; otherwise refuse rather than guess.
        return []
    hits = []
    for i, r in enumerate(ordered[: n + MAX_OTHERS]):
        hits.append(Hit("index", r, (i,), role="best" if i < n else "other"))
        _derive(hits[-1])
    return hits


_LAST_WORDS = re.compile(r"\b(?:cuoi|thap nhat|last|lowest|bottom)\b")
_FIRST_WORDS = re.compile(r"\b(?:cao nhat|dan dau|dung dau|highest|topped|leads?|led)\b")


def _stated_extreme(r: StoredIndexResult, *, bottom: bool) -> bool:
    """Whether the record itself says its entity is the first (or last) of the ranking."""
    quote = fold(r.evidence.quote)
    if bottom:
        at_total = r.rank is not None and r.rank_total is not None and r.rank == r.rank_total
        return at_total or bool(_LAST_WORDS.search(quote))
    return r.rank == 1 or bool(_FIRST_WORDS.search(quote))


def _entity_order(r: StoredIndexResult) -> tuple:
    """Which of an entity's results represents it: a ranked one, then the best score."""
    return (
        r.rank if r.rank is not None else math.inf,
        -r.score if r.score is not None else math.inf,
    )


def _order_entities(rows: list[StoredIndexResult], *, bottom: bool) -> list[StoredIndexResult]:
    """Entities with a score, by score (scores of one index and year compare even where an
    article gave no rank); then those with only a rank, by rank."""
    scored = sorted((r for r in rows if r.score is not None), key=lambda r: r.score or 0.0,
                    reverse=not bottom)  # fmt: skip
    ranked = sorted((r for r in rows if r.score is None), key=lambda r: r.rank or 0,
                    reverse=bottom)  # fmt: skip
    return scored + ranked


# -- metrics -------------------------------------------------------------------------------


def _metric_score(m: StoredMetric, words: set[str], wants_percent: bool) -> float | None:
    """How well a metric record matches the question's content words, or None when it
    does not: its name must share a word with them and its name and quote together must
    cover most of them."""
    name = set(tokens(m.name)) - _NAME_STOP or set(tokens(m.unit))
    quote = set(tokens(m.evidence.quote))
    common = name & words
    if not common or not words:
        return None
    cover = len((name | quote | set(tokens(m.unit))) & words) / len(words)
    if cover < _METRIC_COVER:
        return None
    score = 2 * len(common) / len(name) + len(common) / len(words) + 0.5 * cover
    if wants_percent:
        score += 0.5 if m.unit == "%" else 0.0
    elif m.unit != "%":
        score += 0.25
    return score


def _year_distance(quote: str, year: int | None, value: float) -> int:
    """Characters from a mention of ``year`` to the value after it in the quote (a record
    whose value follows the asked year closely is the better reading of the sentence)."""
    if year is None:
        return 0
    ys = [m.end() for m in re.finditer(str(year), quote)]
    vs = [s.start for s in find_numbers(quote) if abs(s.value - value) < 1e-9]
    gaps = [v - y for y in ys for v in vs if v >= y]
    return min(gaps) if gaps else 10_000


def run_metrics(store: Store, q: Query, backend: str | None) -> list[Hit]:
    words = set(q.keywords)
    wants_percent = bool({"ty", "le"} <= words or "ti" in words or "phan" in words)
    hits = []
    facts = select_facts(
        store, "metrics", entity_keys=q.entity_keys, year=q.year, backend=backend,
        include_targets=q.targets,
    )  # fmt: skip
    for f in facts:
        m = f.record
        s = _metric_score(m, words, wants_percent)
        if s is None:
            continue
        rk = (
            -round(s, 6),
            0 if m.is_target == q.targets else 1,
            _year_key(m.year),
            _year_distance(m.evidence.quote, q.year, m.value),
        )
        hits.append(Hit("metric", m, rk, sources=f.sources))

    def fact(r: Record) -> tuple:
        assert isinstance(r, StoredMetric)
        return (fold(r.entity), key(r.name), r.value, r.unit, r.year, r.is_target)

    hits = _assign_roles(_dedupe(hits, fact), ties_by_entity=False)
    if hits:
        # Lesser metric matches only when they match nearly as well: a rate about online
        # payments is not a weaker answer to a question about online services.
        floor = -hits[0].rank_key[0] * _METRIC_OTHERS
        hits = [h for h in hits if h.primary or -h.rank_key[0] >= floor]
    return hits


# -- initiatives ---------------------------------------------------------------------------


def _init_fact(r: Record) -> tuple:
    assert isinstance(r, StoredInitiative)
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
        rk = (0 if exact else 1, -round(sim, 6), _year_key(r.year))
        hits.append(Hit("initiative", r, rk, sources=f.sources))
    hits = _dedupe(hits, _init_fact)
    hits.sort(key=lambda h: h.rank_key)
    if not hits:
        return []
    top = hits[0].rank_key[:2]
    out: list[Hit] = []
    others = 0
    for h in hits:
        if h.rank_key[:2] == top:
            h.role = "best" if not out else "tie"
            out.append(h)
        elif others < MAX_OTHERS:
            h.role = "other"
            out.append(h)
            others += 1
    return out


def run_initiatives_of(store: Store, q: Query, backend: str | None) -> list[Hit]:
    words = set(q.keywords)
    wanted = key(q.initiative or "")
    hits = []
    for f in select_facts(store, "initiatives", entity_keys=q.entity_keys, backend=backend):
        r = f.record
        if wanted and similarity(r.name, wanted) < 0.75 and wanted not in key(r.name):
            continue
        overlap = len(set(tokens(r.evidence.quote)) & words) / max(1, len(words))
        rk = (-round(overlap, 6), _year_key(r.year))
        hits.append(Hit("initiative", r, rk, sources=f.sources))
    hits = _dedupe(hits, _init_fact)
    hits.sort(key=lambda h: h.rank_key)
    for i, h in enumerate(hits):
        h.role = "best" if i == 0 else "other"
    return hits[: 1 + 2 * MAX_OTHERS]


# -- entry point ---------------------------------------------------------------------------


def execute(
    store: Store, q: Query, names: NameIndex, question: str, backend: str | None = None
) -> Result:
    res = Result(q)
    if q.ask in NEEDS_ENTITY and not q.entity_keys:
        res.reason = "no_entity"
    elif q.ask in ("entity_for_rank", "rank", "score", "result", "change"):
        res.hits = run_index(store, q, backend)
    elif q.ask in ("top", "bottom", "count"):
        res.hits = run_ranking(store, q, backend)
    elif q.ask == "metric":
        res.hits = run_metrics(store, q, backend)
    elif q.ask == "initiative_who":
        res.hits = run_initiative_who(store, q, names, backend)
    elif q.ask == "initiatives_of":
        res.hits = run_initiatives_of(store, q, backend)
    else:
        res.reason = "unstructured"
    if not res.found:
        res.reason = res.reason or "no_records"
        res.passages = store.search_sentences(question, limit=PASSAGES)
    return res
