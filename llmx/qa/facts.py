"""Facts from the store, for the QA engine and ``llmx facts``.

* ``select_facts``: distinct facts, one row per group of identical rows (``Store.distinct_facts``):
  a news corpus repeats itself, so the engine reads one record per fact (the earliest
  stored) with how many rows state it, instead of every row;
* ``consolidate``: facts across documents, every row with one fact key as one fact with
  all its sources and the fields they disagree on (``Store.consolidated_facts``);
* ``resolve_entity`` / ``resolve_index``: a name as a user writes it (any spelling the
  question parser accepts: accents or not, English, "tỉnh"/"TP" prefixes; an index code or
  any of its names) as the store's keys.

The store owns the SQL; this module is the QA layer's name for those reads.
"""

from __future__ import annotations

from typing import Any

from llmx.core.textnorm import fold
from llmx.qa.names import NameIndex, key
from llmx.store import ConsolidatedFact, Fact, Store
from llmx.store.distinct import MAX_FACTS

__all__ = [
    "FACT_TABLES",
    "MAX_FACTS",
    "ConsolidatedFact",
    "Fact",
    "consolidate",
    "latest_year",
    "resolve_entity",
    "resolve_index",
    "select_facts",
]

FACT_TABLES = ("index_results", "metrics", "initiatives")


def select_facts(
    store: Store,
    table: str,
    *,
    include_targets: bool = True,
    limit: int = MAX_FACTS,
    **filters: Any,
) -> list[Fact[Any]]:
    """Distinct facts of ``table`` matching every filter given (None = any), in store order
    (earliest stored first). Lists (``entity_keys``, ``years``, ``name_keys``) match any of
    their values; an empty list matches nothing."""
    return store.distinct_facts(table, include_targets=include_targets, limit=limit, **filters)


def latest_year(
    store: Store, table: str, *, include_targets: bool = True, **filters: Any
) -> int | None:
    """The newest year of the rows of ``table`` matching the filters (as for
    ``select_facts``), read in SQL; None when none has a year."""
    return store.latest_year(table, include_targets=include_targets, **filters)


def consolidate(
    store: Store,
    table: str,
    *,
    conflicts_only: bool = False,
    include_targets: bool = True,
    limit: int = MAX_FACTS,
    **filters: Any,
) -> list[ConsolidatedFact[Any]]:
    """Facts of ``table`` across documents, each with all its sources (filters as for
    ``select_facts``); ``conflicts_only``: only those whose sources disagree."""
    return store.consolidated_facts(
        table,
        conflicts_only=conflicts_only,
        include_targets=include_targets,
        limit=limit,
        **filters,
    )


def resolve_entity(names: NameIndex, text: str) -> tuple[str, list[str]] | None:
    """(display name, the store's entity keys) for an entity named as a question would name
    it, or None when ``text`` names no entity the gazetteer or the store knows. The name
    must be the whole of ``text``, not a part of it ("Bắc Giang", "bac giang", "tỉnh Bắc
    Giang", "Dong Thap", a stored department)."""
    wanted = key(text)
    if not wanted:
        return None
    for m in names.find(text):
        if not m.is_entity or key(m.text) != _without_unit(wanted, key(m.text)):
            continue
        if m.province is not None:
            return m.province.name, names.keys_for(m.province)
        return m.text, list(m.store_keys)
    province = names.province_of(wanted)
    if province is not None:
        return province.name, names.keys_for(province)
    return None


def _without_unit(wanted: str, found: str) -> str:
    """``wanted`` without a leading administrative word the mention left out ("tỉnh")."""
    if wanted == found or not wanted.endswith(found):
        return wanted
    head = wanted[: -len(found)].strip()
    return found if head in {"tinh", "thanh pho", "tp", "huyen", "quan", "thi xa"} else wanted


def resolve_index(text: str) -> str | None:
    """The index code for ``text``: a code ("PAR_INDEX", "papi") or any name the vocabulary
    gives an index ("Chỉ số CCHC", "PAR Index", "chi so hai long"); None when it names none."""
    from llmx.core.vocab import get_vocab

    vocab = get_vocab()
    codes = {fold(c).replace("_", " "): c for c in vocab.index_codes()}
    wanted = fold(text).replace("_", " ").strip()
    if wanted in codes:
        return codes[wanted]
    span = vocab.first(text, kinds={"index"})
    return span.label if span is not None else None
