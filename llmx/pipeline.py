"""Extraction pipeline: sources -> documents -> backend -> store, streamed one document at a
time so memory stays flat and an interrupted run keeps everything already saved."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from llmx.backends.base import Backend
from llmx.core.outcome import ExtractionOutcome, Usage
from llmx.core.records import DocumentExtraction
from llmx.errors import BackendError, DecodeError


class DocResult(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    label: str  # the source as the user gave it
    status: Literal["ok", "skipped", "error"]
    extraction: DocumentExtraction | None = None
    outcome: ExtractionOutcome | None = None
    error: str | None = None


class RunSummary(BaseModel):
    documents: int = 0
    ok: int = 0
    skipped: int = 0
    errors: int = 0
    index_results: int = 0
    metrics: int = 0
    initiatives: int = 0
    rejected: int = 0
    usage: Usage = Field(default_factory=Usage)
    error_messages: list[str] = Field(default_factory=list)

    def add(self, r: DocResult) -> None:
        self.documents += 1
        if r.status == "error":
            self.errors += 1
            self.error_messages.append(r.error or r.label)
            return
        if r.status == "skipped":
            self.skipped += 1
        else:
            self.ok += 1
        if r.extraction is not None:
            for k, v in r.extraction.counts().items():
                setattr(self, k, getattr(self, k) + v)
        if r.outcome is not None:
            self.rejected += len(r.outcome.rejected)
            self.usage.add(r.outcome.usage)


def run_extraction(
    paths: list[str],
    backend: Backend,
    store=None,  # llmx.store.Store | None; None extracts without storing
    *,
    force: bool = False,
    run_id: int | None = None,
    on_total: Callable[[int], None] | None = None,
    workers: int = 1,
) -> Iterator[DocResult]:
    """Yield one DocResult per source, in input order. Each document is saved in its own
    transaction before the next one starts.

    With ``workers > 1`` and a ``concurrent`` backend (the LLM backend), up to
    ``2 * workers`` documents are extracted concurrently; results are still yielded, and
    saved, in input order from this thread. Other backends run sequentially."""
    from llmx.ingest import expand_paths

    sources = expand_paths(paths)  # raises InputError for a missing path, before any work
    if on_total is not None:
        on_total(len(sources))
    prepared = (_prepare(src, backend, store, force) for src in sources)
    if workers <= 1 or not backend.concurrent:
        for item in prepared:
            if isinstance(item, DocResult):
                yield item
                continue
            src, doc = item
            try:
                outcome = backend.extract(doc)
            except BackendError as exc:
                yield DocResult(label=src.label, status="error", error=f"{src.label}: {exc}")
                continue
            yield _finish(src, doc, outcome, store, run_id)
        return
    # Bounded read-ahead: memory stays flat however many sources there are.
    window: deque[tuple[Any, Any, Future | None] | DocResult] = deque()
    for item in prepared:
        if isinstance(item, DocResult):
            window.append(item)
        else:
            src, doc = item
            window.append((src, doc, backend.submit(doc)))
        while window and (
            len(window) > 2 * workers or isinstance(window[0], DocResult)
        ):
            yield _collect(window.popleft(), store, run_id)
    while window:
        yield _collect(window.popleft(), store, run_id)


def _prepare(src, backend: Backend, store, force: bool):
    """A DocResult when there is nothing to extract (unreadable, or current in the store),
    else (source, document)."""
    from llmx.ingest import load_document

    try:
        doc = load_document(src)
    except DecodeError as exc:
        return DocResult(label=src.label, status="error", error=str(exc))
    if store is not None and not force and store.is_current(doc.doc_id, doc.sha256, backend.name):
        return DocResult(
            label=src.label,
            status="skipped",
            extraction=store.get_extraction(doc.doc_id, backend.name),
        )
    return src, doc


def _collect(entry, store, run_id: int | None) -> DocResult:
    if isinstance(entry, DocResult):
        return entry
    src, doc, future = entry
    try:
        outcome = future.result()
    except BackendError as exc:
        return DocResult(label=src.label, status="error", error=f"{src.label}: {exc}")
    return _finish(src, doc, outcome, store, run_id)


def _finish(src, doc, outcome: ExtractionOutcome, store, run_id: int | None) -> DocResult:
    if store is not None and run_id is not None:
        store.save(
            doc,
            outcome.extraction,
            run_id,
            prompt_tokens=outcome.usage.prompt_tokens,
            completion_tokens=outcome.usage.completion_tokens,
        )
    return DocResult(
        label=src.label, status="ok", extraction=outcome.extraction, outcome=outcome
    )
