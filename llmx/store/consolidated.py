"""Facts across documents: every stored row with the same fact key, as one fact with all
its sources (``Store.consolidated_facts``).

One ranking is reported by many articles, and they do not always agree (two ranks for one
province-year: a typo, a preliminary figure, another index read as this one). ``distinct_facts``
groups rows that agree in every value; this read groups rows that are about the same thing
(the identity part of the fact key, ``distinct.FACT_IDENTITY``) and keeps what each source
says, so a caller can cite every source and say when they disagree.

One query: the fact keys are chosen and limited in a grouped subquery (store order: the
fact stored first comes first), then every row of each chosen key is read through the
entity indexes. Same rules as every store read: table names and conditions come from the
whitelists of ``distinct``, every value is a bound parameter.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from operator import itemgetter
from typing import Any

from llmx.errors import StoreError
from llmx.store.columns import RENAMED
from llmx.store.connection import StoreBase
from llmx.store.distinct import (
    FACT_IDENTITY,
    FACT_VALUES,
    MAX_FACTS,
    FilterValue,
    fact_conditions,
)
from llmx.store.results import ConsolidatedFact, FactSource

# Filters that decide which rows count as sources, not only which facts are listed: a fact
# chosen for a backend's rows lists that backend's rows only. Every other filter is on the
# fact key (implied by it) or on a value (``rank``: the facts some source ranks so; all
# their sources are listed).
_SOURCE_FILTERS = ("backend",)
_FIELD_OF = {column: field for field, column in RENAMED.items()}


def _key_column(expr: str) -> str:
    """The column a fact-key expression reads ("coalesce(component, '')" -> component)."""
    return expr.removeprefix("coalesce(").split(",")[0].strip()


def _key_field(expr: str) -> str:
    """The record field of a fact-key expression ("idx" -> index)."""
    column = _key_column(expr)
    return _FIELD_OF.get(column, column)


def _key_match(i: int, expr: str) -> str:
    """The join condition of key part ``i``: NULL matches NULL (a record without a year)."""
    column = _key_column(expr)
    return f"{expr.replace(column, 't.' + column, 1)} IS g.k{i}"


def consolidated_sql(
    table: str, where: list[str], sources_by: list[str], *, conflicts_only: bool
) -> str:
    """The one query behind ``consolidated_facts``. Its parameters: the ``where`` values,
    the limit, then the values of the ``sources_by`` filters (names of ``_SOURCE_FILTERS``)."""
    identity = FACT_IDENTITY[table]
    keys = ", ".join(f"{e} AS k{i}" for i, e in enumerate(identity))
    having = ""
    if conflicts_only:
        having = " HAVING " + " OR ".join(f"count(DISTINCT {c}) > 1" for c in FACT_VALUES[table])
    chosen = (
        f"SELECT min(id) AS first_id, {keys} FROM {table}"
        + (" WHERE " + " AND ".join(where) if where else "")
        + f" GROUP BY {', '.join(identity)}{having} ORDER BY first_id LIMIT ?"
    )
    match = " AND ".join(_key_match(i, e) for i, e in enumerate(identity))
    sources = "".join(f" AND t.{name} = ?" for name in sources_by)
    key_columns = "".join(f", g.k{i}" for i in range(len(identity)))
    # CROSS JOIN: SQLite keeps the chosen keys outside and looks each one up by index.
    return (
        f"WITH g AS ({chosen}) SELECT t.*, g.first_id AS fact_first_id{key_columns} FROM g"
        f" CROSS JOIN {table} t ON {match}{sources} ORDER BY g.first_id, t.id"
    )


class _Columns:
    """Where each column is in a row of the consolidated query (rows are plain tuples:
    a ``sqlite3.Row`` per source would double the cost of a large read)."""

    def __init__(self, table: str, names: list[str]) -> None:
        at = {n: i for i, n in enumerate(names)}
        self.names = names
        self.first_id = at["fact_first_id"]
        self.source = itemgetter(*(at[c] for c in _SOURCE_COLUMNS))
        self.value_fields = tuple(_FIELD_OF.get(c, c) for c in FACT_VALUES[table])
        self.values = itemgetter(*(at[c] for c in FACT_VALUES[table]))
        self.key = [at[f"k{i}"] for i in range(len(FACT_IDENTITY[table]))]

    def value_tuple(self, row: tuple[Any, ...]) -> tuple[Any, ...]:
        v = self.values(row)
        return v if isinstance(v, tuple) else (v,)  # itemgetter of one column: the value


_SOURCE_COLUMNS = ("doc_id", "id", "backend", "quote", "start", "end_", "confidence")


def _source(where: tuple[Any, ...], values: dict[str, Any]) -> FactSource:
    """A source from its ``_SOURCE_COLUMNS`` (in order) and the values it states."""
    doc_id, record_id, backend, quote, start, end, confidence = where
    return FactSource(doc_id, record_id, backend, quote, start, end, confidence, values)


def _most_stated_first(counts: Counter[Any]) -> list[Any]:
    """The values counted, the most stated first; ties: the first stated first."""
    return [v for v, _ in counts.most_common()]  # most_common is stable on ties


def _consolidate(table: str, cols: _Columns, rows: list[tuple[Any, ...]]) -> ConsolidatedFact[Any]:
    """One fact from its rows (store order)."""
    from llmx.store.tables import TABLES  # the record models: loaded by this read

    spec = TABLES[table]
    fields = cols.value_fields
    stated_by_row = [cols.value_tuple(r) for r in rows]
    sources = [
        _source(cols.source(r), dict(zip(fields, v, strict=True)))
        for r, v in zip(rows, stated_by_row, strict=True)
    ]
    seen = [Counter(v[i] for v in stated_by_row if v[i] is not None) for i in range(len(fields))]
    values = {f: _most_stated_first(c) for f, c in zip(fields, seen, strict=True)}
    # The representative: the row most backed by the other sources (per field it states, how
    # many sources state the same value); ties: the earliest stored.
    support = [
        sum(c[x] for c, x in zip(seen, v, strict=True) if x is not None) for v in stated_by_row
    ]
    representative = rows[support.index(max(support))]
    booleans = {column for column, _, boolean in spec.own if boolean}
    key: dict[str, Any] = {}
    for i, expr in zip(cols.key, FACT_IDENTITY[table], strict=True):
        key[_key_field(expr)] = bool(rows[0][i]) if expr in booleans else rows[0][i]
    return ConsolidatedFact(
        table=table,
        key=key,
        record=spec.stored_record(dict(zip(cols.names, representative, strict=True))),
        sources=sources,
        values=values,
        conflicts=[f for f, vs in values.items() if len(vs) > 1],
    )


class ConsolidatedReads(StoreBase):
    """Facts across documents, read-only."""

    def consolidated_facts(
        self,
        table: str,
        *,
        include_targets: bool = True,
        conflicts_only: bool = False,
        limit: int = MAX_FACTS,
        **filters: FilterValue,
    ) -> list[ConsolidatedFact[Any]]:
        """Facts of ``table`` across documents: the rows with the same fact key
        (``distinct.FACT_IDENTITY``) as one ``ConsolidatedFact`` each, with every row as a
        source, in store order (the fact stored first comes first). Filters as for
        ``distinct_facts`` (``FACT_FILTERS``; a list filter that is empty matches nothing);
        a fact is listed when one of its rows matches them, and then with all its rows
        (of the ``backend`` asked for, if any). ``conflicts_only``: only facts whose rows
        state more than one value of a field (judged on the rows the filters match). At
        most ``min(limit, MAX_FACTS)`` facts."""
        if table not in FACT_IDENTITY:
            raise ValueError(f"unknown record table {table!r}")
        conditions = fact_conditions(table, filters, include_targets=include_targets)
        if conditions is None:
            return []
        where, params = conditions
        params.append(max(0, min(int(limit), MAX_FACTS)))
        sources_by = [name for name in _SOURCE_FILTERS if filters.get(name) is not None]
        params += [filters[name] for name in sources_by]
        sql = consolidated_sql(table, where, sources_by, conflicts_only=conflicts_only)
        try:
            cursor = self.conn.cursor()
            cursor.row_factory = None
            rows = cursor.execute(sql, params).fetchall()
        except sqlite3.Error as exc:  # a store from another schema version, say
            raise StoreError(f"store {self.path}: {exc}") from exc
        if not rows:
            return []
        cols = _Columns(table, [d[0] for d in cursor.description])
        facts: list[ConsolidatedFact[Any]] = []
        start = 0
        at = cols.first_id
        for i in range(1, len(rows) + 1):
            if i == len(rows) or rows[i][at] != rows[start][at]:
                facts.append(_consolidate(table, cols, rows[start:i]))
                start = i
        return facts
