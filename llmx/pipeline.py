"""Extraction pipeline: sources -> documents -> backend -> store, streamed one document at a
time so memory stays flat and an interrupted run keeps everything already saved."""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from multiprocessing.context import BaseContext
from typing import TYPE_CHECKING, Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from llmx.backends.base import Backend
from llmx.core.document import Document
from llmx.core.outcome import ExtractionOutcome, Usage
from llmx.core.records import DocumentExtraction
from llmx.errors import BackendError, ConfigError, DecodeError, EndpointUnreachable, TransportError
from llmx.ingest.sources import Source

if TYPE_CHECKING:
    from llmx.store.search import SentenceRow


class DocResult(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    label: str  # the source as the user gave it
    status: Literal["ok", "skipped", "error"]
    extraction: DocumentExtraction | None = None
    outcome: ExtractionOutcome | None = None
    error: str | None = None
    transport_failure: bool = False  # the backend's endpoint gave no usable answer
    # the text the extraction's offsets index, for an extracted document (a skipped one's
    # is in the store)
    text: str | None = None


# Documents in a row whose backend could not reach its endpoint (TransportError: timeouts,
# 5xx, dropped connections after every retry) before the run stops: one is bad luck, three
# in a row mean the server is down or overloaded, and each further document would spend its
# whole retry budget (minutes) to fail the same way.
MAX_CONSECUTIVE_TRANSPORT_FAILURES = 3


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


def resolve_workers(workers: int | None, backend: Backend) -> int:
    """``--workers`` left unset (None) means the cores for a backend that runs in worker
    processes, and 1 otherwise (the LLM backend's concurrent requests default to 1)."""
    if workers is not None:
        return max(1, workers)
    return (os.cpu_count() or 1) if backend.processes and not backend.concurrent else 1


def run_extraction(
    paths: Sequence[str | Source],
    backend: Backend,
    store=None,  # llmx.store.Store | None; None extracts without storing
    *,
    force: bool = False,
    run_id: int | None = None,
    on_total: Callable[[int], None] | None = None,
    workers: int | None = 1,
    mp_context: BaseContext | None = None,
) -> Iterator[DocResult]:
    """Yield one DocResult per source (``paths`` expanded by ``ingest.expand_paths``, or
    Sources as given), in input order. Each document is saved in its own
    transaction before the next one starts.

    With ``workers > 1`` (None: ``resolve_workers``), up to ``2 * workers`` documents are
    in flight: a ``processes`` backend (rules) runs them in that many worker processes
    (``mp_context``, default multiprocessing's), which also load the files; a
    ``concurrent`` one (the LLM backend) in its own threads. Results are yielded and saved
    in input order in this process, which alone writes the store. Other backends run
    sequentially.

    A document the backend failed is an error result and is never saved, so the next run
    tries it again. The run stops (EndpointUnreachable) when the backend says nothing
    answers at its endpoint, or after MAX_CONSECUTIVE_TRANSPORT_FAILURES transport
    failures in a row."""
    results = _results(paths, backend, store, force, run_id, on_total, workers, mp_context)
    try:
        yield from _stop_when_unreachable(results)
    finally:
        results.close()  # stops worker processes now, not when the generator is collected


def _stop_when_unreachable(results: Iterator[DocResult]) -> Iterator[DocResult]:
    """Pass results through; raise EndpointUnreachable once
    MAX_CONSECUTIVE_TRANSPORT_FAILURES documents failed on the transport with no document
    extracted in between (skipped ones and other errors neither count nor reset)."""
    in_a_row = 0
    for result in results:
        if result.transport_failure:
            in_a_row += 1
        elif result.status == "ok":
            in_a_row = 0
        yield result
        if in_a_row >= MAX_CONSECUTIVE_TRANSPORT_FAILURES:
            raise EndpointUnreachable(
                f"stopping the run: {in_a_row} documents in a row got no answer; last: "
                f"{result.error}"
            )


def _results(
    paths: Sequence[str | Source],
    backend: Backend,
    store,
    force: bool,
    run_id: int | None,
    on_total: Callable[[int], None] | None,
    workers: int | None,
    mp_context: BaseContext | None,
) -> Generator[DocResult, None, None]:
    from llmx.ingest import expand_paths

    # Sources made by the caller keep their ids (the evaluation names gold documents by
    # their gold files); paths are expanded, which raises InputError for a missing one
    # before any work.
    sources: list[Source] = [p for p in paths if isinstance(p, Source)]
    if len(sources) != len(paths):
        sources = expand_paths([p for p in paths if isinstance(p, str)])
    if on_total is not None:
        on_total(len(sources))
    n = resolve_workers(workers, backend)
    # A backend that keeps documents in flight itself (``concurrent``) is left to do so.
    if n > 1 and backend.processes and not backend.concurrent and len(sources) > 1:
        # Files are loaded in the workers too (measured: it takes a quarter of this
        # process's share off it); this process only hashes them to skip current ones.
        prepared = (_prepare_for_workers(src, backend, store, force) for src in sources)
        pool = _ProcessPool(backend, min(n, len(sources)), mp_context, store is not None)
        finished = False
        try:
            yield from _windowed(prepared, pool, 2 * n, store, run_id)
            finished = True
        finally:
            # Stopped early (Ctrl-C, an error, the caller closed us): the workers hold
            # nothing that needs saving, so they are stopped rather than waited for.
            pool.close(abort=not finished)
        return
    prepared = (_prepare(src, backend, store, force) for src in sources)
    if n > 1 and backend.concurrent:
        yield from _windowed(prepared, backend, 2 * n, store, run_id)
        return
    for item in prepared:
        if isinstance(item, DocResult):
            yield item
            continue
        src, doc = item
        try:
            outcome = backend.extract(doc)
        except EndpointUnreachable:
            raise  # no further document can succeed
        except BackendError as exc:
            yield _failed(src, exc)
            continue
        yield _finish(src, doc, outcome, store, run_id)


class _Submitter(Protocol):
    # A Source (not loaded yet) only for the process pool: its future gives
    # (document, outcome).
    def submit(self, doc: Any) -> Future[Any]: ...


def _windowed(
    prepared: Iterator[Any], runner: _Submitter, size: int, store, run_id: int | None
) -> Iterator[DocResult]:
    """Bounded read-ahead: at most ``size`` documents in flight, so memory stays flat
    however many sources there are; results come out in input order."""
    window: deque[tuple[Any, Any, Future | None] | DocResult] = deque()
    for item in prepared:
        if isinstance(item, DocResult):
            window.append(item)
        else:
            src, doc = item
            window.append((src, doc, runner.submit(src if doc is None else doc)))
        while window and (len(window) > size or isinstance(window[0], DocResult)):
            yield _collect(window.popleft(), store, run_id)
    while window:
        yield _collect(window.popleft(), store, run_id)


# -- worker processes ----------------------------------------------------------------------

# The backend of THIS worker process, built by ``_worker_init`` in the worker itself (never
# inherited from the parent, so fork, forkserver and spawn behave the same).
_worker_backend: Backend | None = None
_worker_rows = False  # also make the store's sentence rows (the parent has a store)


def _worker_init(name: str, options: dict[str, Any], rows: bool) -> None:
    # Ctrl-C in a terminal reaches the whole process group: the parent alone handles it
    # (and stops the workers), so a worker never prints a KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _CAN_MASK:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    from llmx.backends.registry import get_backend

    global _worker_backend, _worker_rows
    _worker_rows = rows
    _worker_backend = get_backend(name, **options)
    if _worker_backend.name != name:
        raise ConfigError(f"backend {name!r} rebuilt as {_worker_backend.name!r}")
    # What the worker holds now (for a forked one, the parent's loaded gazetteer, division
    # and vocabulary data: ~65,000 objects) lives as long as it does: the cyclic collector
    # leaves it alone instead of walking it on every full collection, which also keeps
    # those pages shared with the parent (a walk writes to every object it visits).
    gc.freeze()


def _worker_extract(
    item: Document | Source,
) -> ExtractionOutcome | tuple[Document, ExtractionOutcome, list[SentenceRow] | None]:
    """Extract a document; a Source is loaded here first and comes back with its outcome
    (and its sentence rows for the store, a third of what saving costs the parent).
    DecodeError and BackendError reach the parent (they pickle: one message argument)."""
    from llmx.ingest import load_document
    from llmx.store.search import sentence_rows

    if _worker_backend is None:  # the initializer failed; the pool reports it as broken
        raise BackendError("worker process has no backend")
    doc = item if isinstance(item, Document) else load_document(item)
    try:
        outcome = _worker_backend.extract(doc)
    except BackendError as exc:
        raise type(exc)(str(exc)) from None  # no traceback object to pickle back
    if doc is item:
        return outcome
    return doc, outcome, sentence_rows(doc) if _worker_rows else None


_CAN_MASK = hasattr(signal, "pthread_sigmask")  # POSIX; Windows has no signal masks


@contextmanager
def _sigint_held() -> Iterator[None]:
    """Hold SIGINT back (not lost: it is delivered on leaving) while the pool may start a
    worker process, which inherits the mask until its initializer ignores SIGINT."""
    if not _CAN_MASK or threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


class _ProcessPool:
    """``backend.extract`` in ``workers`` processes, each with the backend rebuilt by name
    from its ``process_options``. Documents go to the workers pickled and outcomes come
    back pickled; the parent keeps the store."""

    def __init__(
        self, backend: Backend, workers: int, mp_context: BaseContext | None, rows: bool
    ) -> None:
        context = mp_context or multiprocessing.get_context()
        if context.get_start_method() == "fork":
            # A forked worker starts with this process's memory: data loaded here once is
            # each worker's without loading it again (spawned ones would load their own).
            backend.warm_up()
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_worker_init,
            initargs=(backend.name, backend.process_options(), rows),
        )

    def submit(self, doc: Document | Source) -> Future[Any]:
        with _sigint_held():
            try:
                return self._pool.submit(_worker_extract, doc)
            except BrokenProcessPool as exc:
                raise _broken(exc) from None

    def close(self, *, abort: bool) -> None:
        if not abort:
            self._pool.shutdown(wait=True)
            return
        terminate = getattr(self._pool, "terminate_workers", None)  # Python 3.14+
        if terminate is not None:
            terminate()
            return
        # Before 3.14 the executor has no public way to stop a busy worker; shutdown()
        # forgets its processes, so they are taken first.
        procs = list((getattr(self._pool, "_processes", None) or {}).values())
        manager = getattr(self._pool, "_executor_manager_thread", None)
        self._pool.shutdown(wait=False, cancel_futures=True)
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.join()
        # The executor's manager thread closes its wakeup pipe once it sees the workers gone;
        # if that races the interpreter's exit hook writing to the same pipe, Python prints
        # an "Exception ignored ... Bad file descriptor" traceback. Let it finish first.
        if manager is not None:
            manager.join(timeout=10)


def _broken(exc: BaseException) -> BackendError:
    return BackendError(f"a worker process died ({exc}); run again to resume")


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


def _prepare_for_workers(src: Source, backend: Backend, store, force: bool):
    """``_prepare`` for the process pool: (source, None) when a worker is to load it."""
    from llmx.ingest import source_sha256

    if src.is_stdin:  # a worker cannot read this process's stdin
        return _prepare(src, backend, store, force)
    if store is not None and not force:
        try:
            sha256 = source_sha256(src)
        except DecodeError:
            return src, None  # the worker's load reports it, as _prepare would
        doc_id = src.id_for(sha256)
        if store.is_current(doc_id, sha256, backend.name):
            return DocResult(
                label=src.label,
                status="skipped",
                extraction=store.get_extraction(doc_id, backend.name),
            )
    return src, None


def _collect(entry, store, run_id: int | None) -> DocResult:
    if isinstance(entry, DocResult):
        return entry
    src, doc, future = entry
    try:
        done = future.result()
    except BrokenProcessPool as exc:
        raise _broken(exc) from None
    except DecodeError as exc:  # loaded in a worker
        return DocResult(label=src.label, status="error", error=str(exc))
    except EndpointUnreachable:
        raise  # no further document can succeed
    except BackendError as exc:
        return _failed(src, exc)
    rows = None
    if doc is None:  # loaded in a worker, which sent the document back with its outcome
        doc, outcome, rows = done
    else:
        outcome = done
    return _finish(src, doc, outcome, store, run_id, rows)


def _failed(src, exc: BackendError) -> DocResult:
    return DocResult(
        label=src.label,
        status="error",
        error=f"{src.label}: {exc}",
        transport_failure=isinstance(exc, TransportError),
    )


def _finish(
    src, doc, outcome: ExtractionOutcome, store, run_id: int | None,
    sentence_rows: list[SentenceRow] | None = None,
) -> DocResult:  # fmt: skip
    if store is not None and run_id is not None:
        store.save(
            doc,
            outcome.extraction,
            run_id,
            prompt_tokens=outcome.usage.prompt_tokens,
            completion_tokens=outcome.usage.completion_tokens,
            sentence_rows=sentence_rows,
            replaces=src.legacy_id,
        )
    return DocResult(
        label=src.label, status="ok", extraction=outcome.extraction, outcome=outcome,
        text=doc.text,
    )  # fmt: skip
