"""Distinct facts from the store: one row per fact, however many documents state it.

A news corpus repeats itself: one ranking is reported by hundreds of articles, so the QA
engine reads grouped facts (``Store.distinct_facts``), one record per fact (the earliest
stored) with how many rows state it, instead of every row. The store owns the SQL; this
module is the engine's name for that read.
"""

from __future__ import annotations

from typing import Any

from llmx.store import Fact, Store
from llmx.store.distinct import MAX_FACTS

__all__ = ["MAX_FACTS", "Fact", "select_facts"]


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
