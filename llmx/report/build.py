"""What the report shows, read from the store: each document with its records and their
spans, the consolidated facts, the charts' data and (optionally) the rejected candidates.
``page`` turns it into HTML."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from llmx.core.document import Document
from llmx.qa.facts import FACT_TABLES, MAX_FACTS, ConsolidatedFact, consolidate
from llmx.report.charts import Ranking, Series, entity_series, ranking
from llmx.report.marks import Span
from llmx.report.rejected import REDERIVED_BY, RejectedCandidate, rejected_candidates
from llmx.store import Store
from llmx.store.report_reads import RowRecord

# Fields of a stored record the page shows as its values (where it came from is shown apart).
_NOT_VALUES = {"evidence", "field_evidence", "doc_id", "backend", "confidence"}


@dataclass(frozen=True)
class ReportOptions:
    """What to report: one backend's records (None: all); the chart's entity (its store
    keys) and index and year (None: chosen from the data); whether to re-derive rejected
    candidates (``rejected``)."""

    backend: str | None = None
    entity_keys: list[str] | None = None
    index: str | None = None
    year: int | None = None
    rejected: bool = True
    max_docs: int | None = None

    @property
    def rederives_rejected(self) -> bool:
        """Whether rejected candidates are re-derived: asked for, and the records shown
        include the rules backend's (its rejections say nothing about another backend's)."""
        return self.rejected and self.backend in (None, REDERIVED_BY)


@dataclass
class ShownRecord:
    """One record as the page shows it: its id on the page, type, values and evidence."""

    record_id: str
    table: str
    backend: str
    confidence: float | None
    values: dict[str, Any]
    quote: str
    start: int
    end: int
    field_quotes: dict[str, str]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.record_id,
            "type": self.table,
            "backend": self.backend,
            "confidence": self.confidence,
            "values": self.values,
            "quote": self.quote,
            "span": [self.start, self.end],
            "field_quotes": self.field_quotes,
        }


@dataclass
class DocumentView:
    doc: Document
    records: list[ShownRecord]
    spans: list[Span]
    rejected: list[RejectedCandidate] | None = None  # None: not re-derived


@dataclass
class ReportData:
    store_path: str
    documents: list[DocumentView]
    facts: dict[str, list[ConsolidatedFact[Any]]]
    series: Series | None
    ranking: Ranking | None
    options: ReportOptions = field(default_factory=ReportOptions)

    @property
    def n_records(self) -> int:
        return sum(len(d.records) for d in self.documents)


def record_id(row: RowRecord) -> str:
    """The record's id on the page: its table and row id (unique in the store)."""
    return f"{row.table}-{row.row_id}"


def _shown(row: RowRecord) -> ShownRecord:
    rec = row.record
    values = {
        k: v
        for k, v in rec.model_dump(mode="json", warnings=False).items()
        if k not in _NOT_VALUES and v is not None and v != ""
    }
    return ShownRecord(
        record_id(row),
        row.table,
        rec.backend,
        rec.confidence,
        values,
        rec.evidence.quote,
        rec.evidence.start,
        rec.evidence.end,
        {name: ev.quote for name, ev in sorted(rec.field_evidence.items())},
    )


def _spans(row: RowRecord) -> list[Span]:
    rec, rid = row.record, record_id(row)
    out = [Span(rec.evidence.start, rec.evidence.end, rid, row.table)]
    for name, ev in sorted(rec.field_evidence.items()):
        out.append(Span(ev.start, ev.end, rid, row.table, name))
    return out


def _document_view(store: Store, doc_id: str, backend: str | None) -> DocumentView | None:
    doc = store.get_document(doc_id)
    if doc is None:  # deleted since the list was read
        return None
    rows = store.document_records(doc_id, backend)
    return DocumentView(doc, [_shown(r) for r in rows], [s for r in rows for s in _spans(r)])


def read_report(store: Store, options: ReportOptions) -> ReportData:
    """Everything the page shows, read from ``store`` (read-only)."""
    doc_ids = store.extracted_doc_ids(options.backend)
    if options.max_docs is not None:
        doc_ids = doc_ids[: options.max_docs]
    views = [v for d in doc_ids if (v := _document_view(store, d, options.backend))]
    if options.rederives_rejected:
        found = rejected_candidates([v.doc for v in views])
        for v in views:
            v.rejected = found.get(v.doc.doc_id, [])
    facts = {
        t: consolidate(store, t, backend=options.backend, limit=MAX_FACTS) for t in FACT_TABLES
    }
    results = facts["index_results"]
    return ReportData(
        str(store.path),
        views,
        facts,
        entity_series(results, options.entity_keys, options.index),
        ranking(results, options.index, options.year),
        options,
    )
