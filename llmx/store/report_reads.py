"""Read-only reads for ``llmx report``: the documents that hold records, and each
document's records with their row ids (the page links every highlighted span to its row).

Same rules as every store read: table names come from the table specs, values are bound.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from llmx.store.connection import StoreBase


@dataclass(frozen=True)
class RowRecord:
    """One stored record with the table and row id it was read from."""

    table: str
    row_id: int
    record: Any  # the table's Stored* model (record + doc_id + backend)


class ReportReads(StoreBase):
    """What the report reads, and nothing else."""

    def extracted_doc_ids(self, backend: str | None = None) -> list[str]:
        """Every document with a stored extraction (of ``backend``, if given), sorted."""
        if backend is None:
            rows = self.conn.execute("SELECT DISTINCT doc_id FROM extractions ORDER BY doc_id")
        else:
            rows = self.conn.execute(
                "SELECT DISTINCT doc_id FROM extractions WHERE backend = ? ORDER BY doc_id",
                (backend,),
            )
        return [r[0] for r in rows]

    def document_records(self, doc_id: str, backend: str | None = None) -> list[RowRecord]:
        """The document's records of every table (of ``backend``, if given), table by table
        in ``TABLES`` order, each in store order."""
        out: list[RowRecord] = []
        from llmx.store.tables import TABLES  # the record models: loaded by this read

        for table, spec in TABLES.items():
            sql = f"SELECT * FROM {table} WHERE doc_id = ?"
            params: list[Any] = [doc_id]
            if backend is not None:
                sql += " AND backend = ?"
                params.append(backend)
            for row in self.conn.execute(sql + " ORDER BY id", params):
                out.append(RowRecord(table, row["id"], spec.stored_record(row)))
        return out
