"""Grouped reads for QA: distinct facts, and the distinct names a question can mention.

A news corpus repeats itself: one ranking is reported by hundreds of articles, so
``Store.query_*`` (which returns every row as a record object) would hand the QA engine
hundreds of copies of each fact, ~20 µs apiece. ``facts`` groups identical facts in SQLite
and builds one record per fact (the earliest stored), with how many rows state it: a
``views`` dataclass, read from the row without pydantic.

The entity keys and initiative names are listed over their indexes (a skip-scan: one index
seek per distinct value, so it stays in the milliseconds on a store of 10,000 documents).

Same rules as every store read: table names and conditions come from the whitelists below,
every value from a question is a bound parameter.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from llmx.errors import StoreError
from llmx.store.columns import RECORD_TABLES
from llmx.store.connection import StoreBase
from llmx.store.results import Fact
from llmx.store.views import view_of

MAX_FACTS = 2000  # distinct facts read per call
MAX_DISTINCT = 20_000  # distinct names read per column at most

# The fact key, per table: what a fact is about (FACT_IDENTITY: the SQL expression of each
# column, in order) and what its sources state about it (FACT_VALUES: the columns that may
# disagree between sources). Two rows are the same fact when both agree (``distinct_facts``);
# rows with the same identity are one fact across documents (``consolidated_facts``).
FACT_IDENTITY: dict[str, tuple[str, ...]] = {
    "index_results": ("entity_key", "idx", "coalesce(component, '')", "year", "scope", "is_target"),
    "metrics": ("entity_key", "name_key", "year", "unit", "is_target"),
    "initiatives": ("entity_key", "name_key"),
}
FACT_VALUES: dict[str, tuple[str, ...]] = {
    "index_results": ("score", "rank", "rank_total", "rank_change", "score_change"),
    "metrics": ("value",),
    "initiatives": ("kind",),
}
_FACT_KEY = {t: ", ".join((*FACT_IDENTITY[t], *FACT_VALUES[t])) for t in FACT_IDENTITY}
# Conditions a caller may use: name -> SQL with one "?" (or "{in}" for a list of values).
FACT_FILTERS = {
    "entity_key": "entity_key = ?",
    "entity_keys": "entity_key IN ({in})",
    "index": "idx = ?",
    "year": "year = ?",
    "years": "year IN ({in})",
    "rank": "rank = ?",
    "scope": "scope = ?",
    "backend": "backend = ?",
    "name_keys": "name_key IN ({in})",
    "entity_level": "entity_level = ?",
    # Flags (True: the condition applies; False or None: it does not): the readers that
    # keep only such rows say so here, so SQLite groups those rows and no others.
    "has_change": "(rank_change IS NOT NULL OR score_change IS NOT NULL)",
    "has_rank_or_score": "(rank IS NOT NULL OR score IS NOT NULL)",
    "undated": "year IS NULL",
}
# Indexed columns whose distinct values may be listed: (table, column) pairs.
_DISTINCT_COLUMNS = {
    ("index_results", "entity_key"),
    ("metrics", "entity_key"),
    ("initiatives", "entity_key"),
    ("initiatives", "name_key"),
}

FilterValue = str | int | Iterable[str] | Iterable[int] | None


def fact_conditions(
    table: str, filters: dict[str, FilterValue], *, include_targets: bool = True
) -> tuple[list[str], list[Any]] | None:
    """The SQL conditions (from ``FACT_FILTERS``) and bound values for ``filters`` on a
    record table; None when a list filter is empty (nothing can match). A ValueError for an
    unknown filter or a single value given to a list filter."""
    where: list[str] = []
    params: list[Any] = []
    for name, value in filters.items():
        if name not in FACT_FILTERS:
            raise ValueError(f"unknown filter {name!r}")
        if value is None:
            continue
        cond = FACT_FILTERS[name]
        if "?" not in cond and "{in}" not in cond:
            if not isinstance(value, bool):
                raise ValueError(f"filter {name!r} is a flag: True or False")
            if value:
                where.append(cond)
            continue
        if "{in}" in cond:
            if isinstance(value, str | int):
                raise ValueError(f"filter {name!r} takes a list of values")
            values = list(value)
            if not values:
                return None
            cond = cond.replace("{in}", ", ".join("?" * len(values)))
            params += values
        else:
            params.append(value)
        where.append(cond)
    if not include_targets and table != "initiatives":
        where.append("is_target = 0")
    return where, params


class DistinctReads(StoreBase):
    """Grouped, read-only queries over the record tables."""

    def distinct_facts(
        self,
        table: str,
        *,
        include_targets: bool = True,
        limit: int = MAX_FACTS,
        **filters: FilterValue,
    ) -> list[Fact[Any]]:
        """Distinct facts of ``table`` matching every filter given (None = any), in store
        order (earliest stored first): one ``Fact`` per group of identical rows, holding the
        earliest stored record (its ``views`` view) and the number of rows in the group.
        Filters are the names of ``FACT_FILTERS``; values match exactly (keys as stored, not
        folded again); lists (``entity_keys``, ``years``, ``name_keys``) match any of their
        values, an empty list matches nothing. At most ``min(limit, MAX_FACTS)`` facts."""
        if table not in _FACT_KEY:
            raise ValueError(f"unknown record table {table!r}")
        conditions = fact_conditions(table, filters, include_targets=include_targets)
        if conditions is None:
            return []
        where, params = conditions
        sql = (
            f"SELECT t.*, g.n AS n_sources FROM {table} t JOIN ("
            f"SELECT min(id) AS id, count(*) AS n FROM {table}"
            + (" WHERE " + " AND ".join(where) if where else "")
            + f" GROUP BY {_FACT_KEY[table]} ORDER BY min(id) LIMIT ?) g ON t.id = g.id"
            " ORDER BY t.id"
        )
        params.append(max(0, min(int(limit), MAX_FACTS)))
        try:
            rows = self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:  # a store from another schema version, say
            raise StoreError(f"store {self.path}: {exc}") from exc
        return [Fact(view_of(table, r), r["n_sources"]) for r in rows]

    def latest_year(
        self, table: str, *, include_targets: bool = True, **filters: FilterValue
    ) -> int | None:
        """The newest year of the rows of ``table`` matching the filters (as for
        ``distinct_facts``); None when none has a year."""
        if table not in _FACT_KEY:
            raise ValueError(f"unknown record table {table!r}")
        conditions = fact_conditions(table, filters, include_targets=include_targets)
        if conditions is None:
            return None
        where, params = conditions
        sql = f"SELECT max(year) FROM {table}" + (" WHERE " + " AND ".join(where) if where else "")
        try:
            year = self.conn.execute(sql, params).fetchone()[0]
        except sqlite3.Error as exc:
            raise StoreError(f"store {self.path}: {exc}") from exc
        return None if year is None else int(year)

    def distinct_values(self, table: str, column: str) -> list[str]:
        """Every distinct non-null value of an indexed column (``_DISTINCT_COLUMNS``), in
        ascending order, at most ``MAX_DISTINCT``; one index seek per value."""
        if (table, column) not in _DISTINCT_COLUMNS:
            raise ValueError(f"not a listable column: {table}.{column}")
        sql = (
            f"WITH RECURSIVE k(x) AS (SELECT (SELECT min({column}) FROM {table})"
            f" UNION ALL SELECT (SELECT min({column}) FROM {table} WHERE {column} > k.x)"
            " FROM k WHERE k.x IS NOT NULL) SELECT x FROM k WHERE x IS NOT NULL LIMIT ?"
        )
        return [r[0] for r in self.conn.execute(sql, (MAX_DISTINCT,))]

    def entity_keys(self) -> list[str]:
        """Every distinct folded entity key of the record tables, each once: those of
        index results first, then of metrics, then of initiatives, each table's sorted."""
        keys: list[str] = []
        for table in RECORD_TABLES:
            keys += self.distinct_values(table, "entity_key")
        return list(dict.fromkeys(keys))

    def initiative_keys(self) -> list[str]:
        """Every distinct folded initiative name (``name_key``), sorted."""
        return self.distinct_values("initiatives", "name_key")
