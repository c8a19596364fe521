"""Read-only listings for ``llmx records``, ``llmx runs list`` and ``llmx export``: stored
records with their row ids and runs, the sources of documents, and the runs table with
how many records each run still holds.

Same rules as every store read: table names come from the table specs, conditions from
``distinct.FACT_FILTERS``, every value is a bound parameter.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from llmx.errors import StoreError
from llmx.store.columns import RECORD_TABLES, RUN_COLUMN
from llmx.store.connection import StoreBase
from llmx.store.distinct import FilterValue, fact_conditions

_BATCH = 500  # rows fetched at a time: an export of a large store streams, not loads


@dataclass(frozen=True)
class RecordRow:
    """One stored record with its row id in its table and the run that stored it."""

    table: str
    id: int
    run_id: int | None
    record: Any  # the table's Stored* model


class Listings(StoreBase):
    """Record, document-source and run listings, read-only."""

    def iter_record_rows(
        self,
        table: str,
        *,
        newest_first: bool = False,
        limit: int | None = None,
        **filters: FilterValue,
    ) -> Iterator[RecordRow]:
        """The stored records of ``table`` matching every filter (names of
        ``distinct.FACT_FILTERS``, None = any; an empty list filter matches nothing), in
        store order or, with ``newest_first``, the latest stored first; every one, or at
        most ``limit``."""
        if table not in RECORD_TABLES:
            raise ValueError(f"unknown record table {table!r}")
        conditions = fact_conditions(table, filters)
        if conditions is None:
            return
        where, params = conditions
        sql = f"SELECT * FROM {table}" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY id" + (" DESC" if newest_first else "")
        if limit is not None:
            sql += " LIMIT ?"
            params.append(max(0, int(limit)))
        from llmx.store.tables import TABLES  # the record models: loaded by listing reads

        spec = TABLES[table]
        try:
            cursor = self.conn.execute(sql, params)
            while rows := cursor.fetchmany(_BATCH):
                for r in rows:
                    yield RecordRow(table, r["id"], r[RUN_COLUMN], spec.stored_record(r))
        except sqlite3.Error as exc:  # a store from another schema version, say
            raise StoreError(f"store {self.path}: {exc}") from exc

    def document_sources(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """doc_id -> the source (path or URL) it was read from, for the ids stored."""
        wanted = sorted(set(doc_ids))
        out: dict[str, str] = {}
        for i in range(0, len(wanted), _BATCH):  # SQLite binds at most 32766 values
            part = wanted[i : i + _BATCH]
            marks = ", ".join("?" * len(part))
            sql = f"SELECT doc_id, source FROM documents WHERE doc_id IN ({marks})"
            out.update((r[0], r[1]) for r in self.conn.execute(sql, part))
        return out

    def list_runs(self, *, limit: int | None = None) -> list[dict[str, Any]]:
        """The runs, newest first, each row of ``runs`` (``params_json`` left out) with
        ``records``: how many records of that run the store still holds (a later run that
        extracts a document again replaces them)."""
        sql = "SELECT * FROM runs ORDER BY id DESC"
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(max(0, int(limit)))
        try:
            rows = self.conn.execute(sql, params).fetchall()
            held = self._records_per_run()
        except sqlite3.Error as exc:
            raise StoreError(f"store {self.path}: {exc}") from exc
        out = []
        for r in rows:
            run = dict(r)
            run.pop("params_json", None)
            run["records"] = held.get(run["id"], 0)
            out.append(run)
        return out

    def _records_per_run(self) -> dict[int, int]:
        """run id -> records held, over every record table: one grouped scan per table
        (``run_id`` has no index; a subquery per run would scan once per run)."""
        held: dict[int, int] = {}
        for t in RECORD_TABLES:
            sql = f"SELECT {RUN_COLUMN}, count(*) FROM {t} GROUP BY {RUN_COLUMN}"
            for run_id, n in self.conn.execute(sql):
                if run_id is not None:
                    held[run_id] = held.get(run_id, 0) + n
        return held
