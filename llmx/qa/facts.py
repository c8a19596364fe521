"""Distinct facts from the store: one row per fact, however many documents state it.

A news corpus repeats itself: one ranking is reported by hundreds of articles, so
``Store.query_*`` (which returns every row as a validated-once record object) would hand the
QA engine hundreds of copies of each fact, ~20 µs apiece. These reads group identical facts
in SQLite and build one record per fact (the earliest stored), with how many rows state it.

Same rules as the store's own reads: the statements are fixed text of this module (table
names and conditions from the whitelists below), every value from a question is a bound
parameter. Rows become the store's own record types through the store's row mappers.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from llmx.store import Store, StoredIndexResult, StoredInitiative, StoredMetric
from llmx.store.store import _construct, _init_dict, _ir_dict, _metric_dict

MAX_FACTS = 2000  # distinct facts read per call

# What makes two rows the same fact, per table.
_FACT_KEY = {
    "index_results": "entity_key, idx, coalesce(component, ''), year, score, rank, rank_total,"
    " rank_change, score_change, scope, is_target",
    "metrics": "entity_key, name_key, value, unit, year, is_target",
    "initiatives": "entity_key, name_key, kind",
}
# Conditions a caller may use: name -> SQL with one "?" (or "{in}" for a list of values).
_CONDITIONS = {
    "entity_key": "entity_key = ?",
    "entity_keys": "entity_key IN ({in})",
    "index": "idx = ?",
    "year": "year = ?",
    "years": "year IN ({in})",
    "rank": "rank = ?",
    "scope": "scope = ?",
    "backend": "backend = ?",
    "name_keys": "name_key IN ({in})",
}
_MAPPERS = {
    "index_results": (StoredIndexResult, _ir_dict),
    "metrics": (StoredMetric, _metric_dict),
    "initiatives": (StoredInitiative, _init_dict),
}


@dataclass
class Fact:
    record: Any  # StoredIndexResult | StoredMetric | StoredInitiative
    sources: int  # rows (documents x backends) stating this fact


def select_facts(
    store: Store,
    table: str,
    *,
    include_targets: bool = True,
    limit: int = MAX_FACTS,
    **filters: Any,
) -> list[Fact]:
    """Distinct facts of ``table`` matching every filter given (None = any), in store order
    (earliest stored first). Lists (``entity_keys``, ``years``, ``name_keys``) match any of
    their values; an empty list matches nothing."""
    if table not in _FACT_KEY:
        raise ValueError(f"unknown record table {table!r}")
    where: list[str] = []
    params: list[Any] = []
    for name, value in filters.items():
        if name not in _CONDITIONS:
            raise ValueError(f"unknown filter {name!r}")
        if value is None:
            continue
        cond = _CONDITIONS[name]
        if "{in}" in cond:
            values = list(value)
            if not values:
                return []
            cond = cond.replace("{in}", ", ".join("?" * len(values)))
            params += values
        else:
            params.append(value)
        where.append(cond)
    if not include_targets and table != "initiatives":
        where.append("is_target = 0")
    sql = (
        f"SELECT t.*, g.n AS n_sources FROM {table} t JOIN ("
        f"SELECT min(id) AS id, count(*) AS n FROM {table}"
        + (" WHERE " + " AND ".join(where) if where else "")
        + f" GROUP BY {_FACT_KEY[table]} ORDER BY min(id) LIMIT ?) g ON t.id = g.id"
        " ORDER BY t.id"
    )
    params.append(max(0, min(int(limit), MAX_FACTS)))
    cls, to_dict = _MAPPERS[table]
    try:
        rows = store.conn.execute(sql, params).fetchall()
    except sqlite3.Error as exc:  # a store from another schema version, say
        from llmx.errors import StoreError

        raise StoreError(f"store {store.path}: {exc}") from exc
    return [Fact(_construct(cls, to_dict(r), r), r["n_sources"]) for r in rows]
