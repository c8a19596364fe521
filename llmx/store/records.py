"""Documents, extractions and their grounded records: saving a document's extraction, and
reading documents and whole extractions back (filtered record queries: ``queries``).

Values are always bound parameters; table and column names come from the table specs.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from llmx.errors import StoreError
from llmx.store.columns import RECORD_TABLES
from llmx.store.connection import now, transaction
from llmx.store.runs import Runs
from llmx.store.search import SentenceIndex, SentenceRow

# The record models (pydantic) are imported where records are written or rebuilt, not here:
# `llmx ask` opens a Store without them (it reads ``views``).
if TYPE_CHECKING:
    from llmx.core.document import Document
    from llmx.core.records import DocumentExtraction
    from llmx.store.tables import R, TableSpec


class Records(Runs, SentenceIndex):
    """The ``documents``, ``extractions`` and record tables. Saving checks the run
    (``Runs``) and replaces the document's sentences (``SentenceIndex``) in the same
    transaction."""

    # -- write side ----------------------------------------------------------------------

    def is_current(self, doc_id: str, sha256: str, backend: str) -> bool:
        """Whether ``backend``'s extraction of ``doc_id`` was made from these bytes."""
        row = self.conn.execute(
            "SELECT 1 FROM extractions WHERE doc_id = ? AND backend = ? AND sha256 = ?",
            (doc_id, backend, sha256),
        ).fetchone()
        return row is not None

    def save(
        self,
        doc: Document,
        extraction: DocumentExtraction,
        run_id: int,
        *,
        prompt_tokens: int = 0,
        completion_tokens: int = 0,
        sentence_rows: list[SentenceRow] | None = None,
        replaces: str | None = None,
    ) -> None:
        """Store one document and what ``extraction.backend`` found in it, in ONE transaction:
        upsert the document, replace this doc+backend's records, refresh the FTS sentences if
        the text is new or changed, upsert the extractions row. On any error nothing changes.

        When a document's text changes, records other backends stored for it are dropped
        with their extractions rows: their evidence offsets point into the old text. Those
        backends then see the document as not current and extract it again.

        ``sentence_rows``: ``search.sentence_rows(doc)`` made beforehand (by the pipeline's
        worker processes); by default they are made here when needed.

        ``replaces``: the id an older store gave this source (its file stem); a document
        stored under it from the same source is deleted with all it holds, in the same
        transaction, so a store made before ids became paths holds each file once."""
        if extraction.doc_id != doc.doc_id:
            raise ValueError(f"extraction is for {extraction.doc_id!r}, not {doc.doc_id!r}")
        if extraction.sha256 != doc.sha256:
            raise ValueError(f"extraction of {doc.doc_id!r} was made from other bytes (sha256)")
        for rec in (*extraction.index_results, *extraction.metrics, *extraction.initiatives):
            for ev in (rec.evidence, *rec.field_evidence.values()):
                if doc.text[ev.start : ev.end] != ev.quote:
                    raise ValueError(
                        f"{doc.doc_id}: evidence [{ev.start}:{ev.end}] does not match the text"
                    )
        backend = extraction.backend
        stamp = now()
        with transaction(self.conn, self.path) as c:
            if not self.run_exists(run_id):
                raise StoreError(f"no run {run_id} in the store; call begin_run() first")
            if replaces is not None and replaces != doc.doc_id:
                legacy = c.execute(
                    "SELECT 1 FROM documents WHERE doc_id = ? AND source = ?",
                    (replaces, doc.source),
                ).fetchone()
                if legacy is not None:
                    self._delete_sentences(replaces)
                    # extractions, records and sentence ranges go with it (ON DELETE CASCADE)
                    c.execute("DELETE FROM documents WHERE doc_id = ?", (replaces,))
            old = c.execute("SELECT text FROM documents WHERE doc_id = ?", (doc.doc_id,)).fetchone()
            c.execute(
                "INSERT INTO documents (doc_id, source, sha256, title, published, text, added_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(doc_id) DO UPDATE SET source = excluded.source,"
                " sha256 = excluded.sha256, title = excluded.title,"
                " published = excluded.published, text = excluded.text",
                (
                    doc.doc_id,
                    doc.source,
                    doc.sha256,
                    doc.title,
                    doc.published.isoformat() if doc.published else None,
                    doc.text,
                    stamp,
                ),
            )
            text_changed = old is None or old["text"] != doc.text
            if old is not None and text_changed:
                self._delete_sentences(doc.doc_id)
                for table in (*RECORD_TABLES, "extractions"):
                    c.execute(
                        f"DELETE FROM {table} WHERE doc_id = ? AND backend != ?",
                        (doc.doc_id, backend),
                    )
            if text_changed:
                self._insert_sentences(doc, sentence_rows)
            for table in RECORD_TABLES:
                c.execute(
                    f"DELETE FROM {table} WHERE doc_id = ? AND backend = ?", (doc.doc_id, backend)
                )
            self._insert_records(doc.doc_id, backend, run_id, extraction)
            c.execute(
                "INSERT INTO extractions (doc_id, backend, sha256, run_id, extracted_at,"
                " prompt_tokens, completion_tokens) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(doc_id, backend) DO UPDATE SET sha256 = excluded.sha256,"
                " run_id = excluded.run_id, extracted_at = excluded.extracted_at,"
                " prompt_tokens = excluded.prompt_tokens,"
                " completion_tokens = excluded.completion_tokens",
                (doc.doc_id, backend, doc.sha256, run_id, stamp, prompt_tokens, completion_tokens),
            )

    def _insert_records(
        self, doc_id: str, backend: str, run_id: int, ex: DocumentExtraction
    ) -> None:
        at = {"doc_id": doc_id, "backend": backend}
        from llmx.store.tables import INDEX_RESULTS, INITIATIVES, METRICS

        self._insert(INDEX_RESULTS, ex.index_results, run_id, at)
        self._insert(METRICS, ex.metrics, run_id, at)
        self._insert(INITIATIVES, ex.initiatives, run_id, at)

    def _insert(
        self, spec: TableSpec[R, Any], records: Sequence[R], run_id: int, at: dict[str, Any]
    ) -> None:
        self.conn.executemany(spec.insert_sql, [spec.row(r, run_id, **at) for r in records])

    # -- read side -----------------------------------------------------------------------

    def get_document(self, doc_id: str) -> Document | None:
        """The stored document, or None."""
        row = self.conn.execute(
            "SELECT doc_id, source, sha256, title, published, text FROM documents WHERE doc_id = ?",
            (doc_id,),
        ).fetchone()
        if row is None:
            return None
        from llmx.core.document import Document

        return Document(
            doc_id=row["doc_id"],
            source=row["source"],
            sha256=row["sha256"],
            text=row["text"],
            title=row["title"],
            published=date.fromisoformat(row["published"]) if row["published"] else None,
        )

    def document_slice(self, doc_id: str, start: int, end: int) -> str | None:
        """``text[start:end]`` of a stored document, or None: read in SQL, so a question that
        needs a few sentences of context loads neither the whole text nor the Document model
        (``llmx ask`` starts without pydantic)."""
        start = max(0, start)
        row = self.conn.execute(
            "SELECT substr(text, ?, ?) AS part FROM documents WHERE doc_id = ?",
            (start + 1, max(0, end - start), doc_id),  # substr counts characters from 1
        ).fetchone()
        return None if row is None else str(row["part"])

    def document_text(self, doc_id: str) -> str | None:
        """A stored document's whole text, or None, without the Document model."""
        row = self.conn.execute("SELECT text FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return None if row is None else str(row["text"])

    def document_title(self, doc_id: str) -> str | None:
        """A stored document's headline, or None (no document, or none stored)."""
        row = self.conn.execute(
            "SELECT title FROM documents WHERE doc_id = ?", (doc_id,)
        ).fetchone()
        return None if row is None or row["title"] is None else str(row["title"])

    def get_extraction(self, doc_id: str, backend: str) -> DocumentExtraction | None:
        """Rebuild and validate what ``backend`` extracted from ``doc_id``. Evidence spans
        (the records' and their fields') are checked against the stored text."""
        row = self.conn.execute(
            "SELECT e.sha256 AS ex_sha, d.source, d.title, d.published,"
            " d.text FROM extractions e JOIN documents d ON d.doc_id = e.doc_id"
            " WHERE e.doc_id = ? AND e.backend = ?",
            (doc_id, backend),
        ).fetchone()
        if row is None:
            return None
        data: dict[str, Any] = {
            "doc_id": doc_id,
            "source": row["source"],
            "sha256": row["ex_sha"],
            "title": row["title"],
            "published": row["published"],
            "backend": backend,
        }
        from llmx.core.records import PLAUSIBILITY, DocumentExtraction
        from llmx.store.tables import TABLES

        for table, spec in TABLES.items():
            data[table] = [
                spec.fields(r)
                for r in self.conn.execute(
                    f"SELECT * FROM {table} WHERE doc_id = ? AND backend = ? ORDER BY id",
                    (doc_id, backend),
                )
            ]
        # Plausibility is judged when a record is made, not again on reading: a record
        # stored before a check existed still reads. Grounding is checked every time.
        return DocumentExtraction.model_validate(
            data, context={"text": row["text"], PLAUSIBILITY: False}
        )

    def iter_extractions(self, backend: str | None = None) -> Iterator[DocumentExtraction]:
        """Every stored extraction (optionally of one backend), ordered by doc_id, backend."""
        if backend is None:
            keys = self.conn.execute(
                "SELECT doc_id, backend FROM extractions ORDER BY doc_id, backend"
            ).fetchall()
        else:
            keys = self.conn.execute(
                "SELECT doc_id, backend FROM extractions WHERE backend = ? ORDER BY doc_id",
                (backend,),
            ).fetchall()
        for doc_id, be in keys:
            ex = self.get_extraction(doc_id, be)
            if ex is not None:  # deleted since the key list was read
                yield ex

    def backends(self) -> list[str]:
        """Every backend with a stored extraction, sorted."""
        return [
            r[0] for r in self.conn.execute("SELECT DISTINCT backend FROM extractions ORDER BY 1")
        ]

    def counts(self) -> dict[str, int]:
        """Rows in ``documents`` and in each record table."""
        return {
            t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", *RECORD_TABLES)
        }
