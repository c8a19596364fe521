"""Filtered reads of the record tables: ``query_index_results``, ``query_metrics``,
``query_initiatives``, each returning stored records, newest year first.

Queries only ever bind user values as parameters; column names and conditions are fixed
text of this module, table names come from the table specs.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from llmx.core.textnorm import fold
from llmx.store.connection import StoreBase
from llmx.store.results import MAX_LIMIT

# The record models (pydantic) load with the first query, not with the Store: `llmx ask`
# opens one without them.
if TYPE_CHECKING:
    from llmx.store.models import StoredIndexResult, StoredInitiative, StoredMetric


class RecordQueries(StoreBase):
    """Filtered record reads."""

    def _select(
        self,
        table: str,
        filters: list[tuple[str, Any]],
        *,
        include_targets: bool | None,
        limit: int,
        order: str,
    ) -> list[sqlite3.Row]:
        """``filters``: (SQL condition with one ``?``, value) pairs, conditions written in this
        module only; values are always bound."""
        limit = max(0, min(int(limit), MAX_LIMIT))
        if limit == 0:
            return []
        where = [cond for cond, v in filters if v is not None]
        params = [v for _, v in filters if v is not None]
        if include_targets is False:
            where.append("is_target = 0")
        sql = f"SELECT * FROM {table}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {order} LIMIT ?"
        return self.conn.execute(sql, [*params, limit]).fetchall()

    def query_index_results(
        self,
        *,
        entity_key: str | None = None,
        index: str | None = None,
        component: str | None = None,
        year: int | None = None,
        rank: int | None = None,
        scope: str | None = None,
        backend: str | None = None,
        include_targets: bool = False,
        limit: int = 200,
    ) -> list[StoredIndexResult]:
        """Index results matching every filter given (None = any). ``entity_key`` is folded
        (diacritics- and case-insensitive); the other strings match exactly. Newest year
        first, then latest stored."""
        from llmx.store.tables import INDEX_RESULTS

        rows = self._select(
            INDEX_RESULTS.table,
            [
                ("entity_key = ?", fold(entity_key) if entity_key is not None else None),
                ("idx = ?", index),
                ("component = ?", component),
                ("year = ?", year),
                ("rank = ?", rank),
                ("scope = ?", scope),
                ("backend = ?", backend),
            ],
            include_targets=include_targets,
            limit=limit,
            order="year DESC, id DESC",
        )
        return [INDEX_RESULTS.stored_record(r) for r in rows]

    def query_metrics(
        self,
        *,
        entity_key: str | None = None,
        name_key_like: str | None = None,
        unit: str | None = None,
        year: int | None = None,
        backend: str | None = None,
        include_targets: bool = False,
        limit: int = 200,
    ) -> list[StoredMetric]:
        """Metrics matching every filter given. ``name_key_like`` is a substring of the
        folded metric name (``%``/``_`` in it are literal). Newest year first, then latest
        stored."""
        from llmx.store.tables import METRICS

        rows = self._select(
            METRICS.table,
            [
                ("entity_key = ?", fold(entity_key) if entity_key is not None else None),
                ("name_key LIKE ? ESCAPE '\\'", _like(name_key_like)),
                ("unit = ?", unit),
                ("year = ?", year),
                ("backend = ?", backend),
            ],
            include_targets=include_targets,
            limit=limit,
            order="year DESC, id DESC",
        )
        return [METRICS.stored_record(r) for r in rows]

    def query_initiatives(
        self,
        *,
        name_key_like: str | None = None,
        entity_key: str | None = None,
        kind: str | None = None,
        year: int | None = None,
        backend: str | None = None,
        limit: int = 200,
    ) -> list[StoredInitiative]:
        """Initiatives matching every filter given. ``name_key_like`` is a substring of the
        folded name (``%``/``_`` in it are literal)."""
        from llmx.store.tables import INITIATIVES

        rows = self._select(
            INITIATIVES.table,
            [
                ("name_key LIKE ? ESCAPE '\\'", _like(name_key_like)),
                ("entity_key = ?", fold(entity_key) if entity_key is not None else None),
                ("kind = ?", kind),
                ("year = ?", year),
                ("backend = ?", backend),
            ],
            include_targets=None,
            limit=limit,
            order="year DESC, id DESC",
        )
        return [INITIATIVES.stored_record(r) for r in rows]


def _like(substring: str | None) -> str | None:
    if substring is None:
        return None
    key = fold(substring)
    return "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
