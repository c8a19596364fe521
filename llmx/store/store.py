"""The SQLite store: documents, extraction runs, grounded records and a sentence FTS index.

``Store`` is a facade over one connection and the parts that own its tables, one job each:

* ``connection``: opening (pragmas, busy timeout, migrations) and write transactions;
* ``runs``: extraction runs;
* ``records``: documents, extractions and saving records (``tables`` maps record tables);
* ``queries``: filtered reads of the record tables;
* ``search``: the FTS5 sentence index;
* ``distinct``: the grouped reads QA uses (distinct facts, distinct names);

with ``migrations`` (the schema, history), ``tables`` (record model <-> row, one spec per
record table) and ``paths`` (where the store lives). All of llmx's SQL over the store lives
in these modules; callers use the methods here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from llmx.core.document import Document
from llmx.core.records import DocumentExtraction
from llmx.store.connection import BUSY_TIMEOUT_MS, open_connection
from llmx.store.distinct import MAX_FACTS, DistinctReads, FilterValue
from llmx.store.models import (
    MAX_LIMIT,
    Fact,
    SentenceHit,
    StoredIndexResult,
    StoredInitiative,
    StoredMetric,
)
from llmx.store.paths import resolve_store_path
from llmx.store.queries import RecordQueries
from llmx.store.records import Records
from llmx.store.runs import Runs
from llmx.store.search import SentenceIndex, fts_query, fts_tokens

__all__ = ["BUSY_TIMEOUT_MS", "MAX_FACTS", "MAX_LIMIT", "Store", "fts_query", "fts_tokens"]


class Store:
    """The llmx SQLite store. Use as a context manager or call ``close()``."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(str(path))
        self.conn = open_connection(path)
        self.runs = Runs(self.conn, self.path)
        self.sentences = SentenceIndex(self.conn)
        self.records = Records(self.conn, self.path, self.runs, self.sentences)
        self.queries = RecordQueries(self.conn)
        self.distinct = DistinctReads(self.conn, self.path)

    @staticmethod
    def default_path() -> Path:
        """``$LLMX_DB``, else ``./llmx.db`` (see ``resolve_store_path``)."""
        return resolve_store_path(None)

    # -- lifecycle -----------------------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- runs ----------------------------------------------------------------------------

    def begin_run(
        self,
        backend: str,
        *,
        model: str | None = None,
        params: dict[str, Any] | None = None,
        prompt_version: str | None = None,
    ) -> int:
        """Record a run as started; returns its id."""
        return self.runs.begin_run(
            backend, model=model, params=params, prompt_version=prompt_version
        )

    def finish_run(
        self,
        run_id: int,
        *,
        status: str,
        docs_ok: int,
        docs_skipped: int,
        docs_failed: int,
        prompt_tokens: int = 0,
        completion_tokens: int = 0,
        requests: int = 0,
    ) -> None:
        """Record a run's end, status and totals. StoreError if there is no such run."""
        self.runs.finish_run(
            run_id,
            status=status,
            docs_ok=docs_ok,
            docs_skipped=docs_skipped,
            docs_failed=docs_failed,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            requests=requests,
        )

    def get_run(self, run_id: int) -> dict[str, Any] | None:
        """The run's row as a dict (``params`` decoded), or None."""
        return self.runs.get_run(run_id)

    # -- documents and records -----------------------------------------------------------

    def is_current(self, doc_id: str, sha256: str, backend: str) -> bool:
        """Whether ``backend``'s extraction of ``doc_id`` was made from these bytes."""
        return self.records.is_current(doc_id, sha256, backend)

    def save(
        self,
        doc: Document,
        extraction: DocumentExtraction,
        run_id: int,
        *,
        prompt_tokens: int = 0,
        completion_tokens: int = 0,
    ) -> None:
        """Store one document and its extraction in one transaction (``Records.save``)."""
        self.records.save(
            doc,
            extraction,
            run_id,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
        )

    def get_document(self, doc_id: str) -> Document | None:
        """The stored document, or None."""
        return self.records.get_document(doc_id)

    def get_extraction(self, doc_id: str, backend: str) -> DocumentExtraction | None:
        """What ``backend`` extracted from ``doc_id``, validated against the stored text."""
        return self.records.get_extraction(doc_id, backend)

    def iter_extractions(self, backend: str | None = None) -> Iterator[DocumentExtraction]:
        """Every stored extraction (optionally of one backend), ordered by doc_id, backend."""
        return self.records.iter_extractions(backend)

    def backends(self) -> list[str]:
        """Every backend with a stored extraction, sorted."""
        return self.records.backends()

    def counts(self) -> dict[str, int]:
        """Rows in ``documents`` and in each record table."""
        return self.records.counts()

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
        """Index results matching every filter given (``RecordQueries.query_index_results``)."""
        return self.queries.query_index_results(
            entity_key=entity_key,
            index=index,
            component=component,
            year=year,
            rank=rank,
            scope=scope,
            backend=backend,
            include_targets=include_targets,
            limit=limit,
        )

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
        """Metrics matching every filter given (``RecordQueries.query_metrics``)."""
        return self.queries.query_metrics(
            entity_key=entity_key,
            name_key_like=name_key_like,
            unit=unit,
            year=year,
            backend=backend,
            include_targets=include_targets,
            limit=limit,
        )

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
        """Initiatives matching every filter given (``RecordQueries.query_initiatives``)."""
        return self.queries.query_initiatives(
            name_key_like=name_key_like,
            entity_key=entity_key,
            kind=kind,
            year=year,
            backend=backend,
            limit=limit,
        )

    # -- grouped reads for QA ------------------------------------------------------------

    def distinct_facts(
        self,
        table: str,
        *,
        include_targets: bool = True,
        limit: int = MAX_FACTS,
        **filters: FilterValue,
    ) -> list[Fact[Any]]:
        """Distinct facts of a record table, earliest stored first: one ``Fact`` (earliest
        record, number of rows stating it) per group of identical rows matching every filter
        (``DistinctReads.facts``)."""
        return self.distinct.facts(table, include_targets=include_targets, limit=limit, **filters)

    def entity_keys(self) -> list[str]:
        """Every distinct folded entity key of the record tables, each once."""
        return self.distinct.entity_keys()

    def initiative_keys(self) -> list[str]:
        """Every distinct folded initiative name, sorted."""
        return self.distinct.initiative_keys()

    # -- full-text search ----------------------------------------------------------------

    def search_sentences(self, query: str, limit: int = 5) -> list[SentenceHit]:
        """Stored sentences that best match free text, best first; [] for text without
        letters or digits (``SentenceIndex.search``: BM25 in two steps)."""
        return self.sentences.search(query, limit)
