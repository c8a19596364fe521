"""The SQLite store: documents, extraction runs, grounded records and a sentence FTS index.

``Store`` is one connection and the parts that own its tables, each a mixin with one job
in its own module:

* ``runs``: extraction runs;
* ``search``: the FTS5 sentence index;
* ``records``: documents, extractions and saving records (``tables`` maps record tables);
* ``queries``: filtered reads of the record tables;
* ``distinct``: the grouped reads QA uses (distinct facts, distinct names), and the fact key;
* ``consolidated``: facts across documents, each with all its sources;
* ``listing``: records with their row ids and runs, document sources, the runs table;
* ``report_reads``: what ``llmx report`` reads (documents with records, rows with ids);

with ``connection`` (opening: pragmas, busy timeout, migrations, read-only for readers;
closing; write transactions), ``guard`` (refusing a file that is not llmx's),
``migrations`` (the schema, history), ``tables`` (record model <-> row, one spec per record
table) and ``paths`` (where the store lives). All of llmx's SQL over the store lives in
these modules; callers use the methods of ``Store``.
"""

from __future__ import annotations

from pathlib import Path

from llmx.store.connection import BUSY_TIMEOUT_MS, close_connection, open_connection
from llmx.store.consolidated import ConsolidatedReads
from llmx.store.distinct import MAX_FACTS, DistinctReads
from llmx.store.listing import Listings
from llmx.store.paths import resolve_store_path
from llmx.store.queries import RecordQueries
from llmx.store.records import Records
from llmx.store.report_reads import ReportReads
from llmx.store.results import MAX_LIMIT
from llmx.store.search import fts_query, fts_tokens

__all__ = ["BUSY_TIMEOUT_MS", "MAX_FACTS", "MAX_LIMIT", "Store", "fts_query", "fts_tokens"]


class Store(Records, RecordQueries, DistinctReads, ConsolidatedReads, Listings, ReportReads):
    """The llmx SQLite store. Use as a context manager or call ``close()``."""

    def __init__(
        self, path: str | Path, *, read_only: bool = False, busy_timeout_ms: int = BUSY_TIMEOUT_MS
    ) -> None:
        """``read_only``: for readers (``llmx ask``): nothing is written to the file, not
        even a migration (see ``open_connection``). ``busy_timeout_ms``: how long a write
        retries while another writer holds the store."""
        self.path = Path(str(path))
        self.read_only = read_only
        self.conn = open_connection(path, read_only=read_only, busy_timeout_ms=busy_timeout_ms)

    @staticmethod
    def default_path() -> Path:
        """``$LLMX_DB``, else ``./llmx.db`` (see ``resolve_store_path``)."""
        return resolve_store_path(None)

    def close(self) -> None:
        close_connection(self.conn, read_only=self.read_only)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
