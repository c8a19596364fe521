"""Extraction for the evaluation, on the road ``llmx extract`` takes: each group of gold
documents goes through ``pipeline.run_extraction`` into its own temporary store, which the
group's QA questions are then asked of. A predictions file takes the same road as a
``ReplayBackend``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from llmx.backends.base import Backend
from llmx.core.document import Document
from llmx.core.outcome import ExtractionOutcome
from llmx.core.records import RECORD_TYPES, DocumentExtraction
from llmx.evaluation.gold import RECORD_TYPE_NAMES, GoldSet, gold_source
from llmx.evaluation.progress import ProgressSink
from llmx.evaluation.report import ExtractionFailure
from llmx.evaluation.score import PredictedDoc, grounding_problem

if TYPE_CHECKING:
    from llmx.store import Store


@dataclass
class DocGroup:
    """Documents extracted together into one store: the store a QA set's questions are
    asked of holds its documents and no others."""

    sets: tuple[str, ...]
    docs: list[Document]


@dataclass
class Extracted:
    """One backend's run over one group: the store it filled and what it produced."""

    group: DocGroup
    store: Store
    extractions: dict[str, DocumentExtraction]
    failures: list[ExtractionFailure]


def unique_docs(sets: list[GoldSet]) -> list[Document]:
    seen: dict[str, Document] = {}
    for gs in sets:
        for gd in gs.docs:
            seen.setdefault(gd.doc_id, gd.document)
    return list(seen.values())


def doc_groups(sets: list[GoldSet], qa_doc_sets: list[tuple[str, ...]]) -> list[DocGroup]:
    """Each QA set's documents (the gold sets named in ``qa_doc_sets``) as one group,
    overlapping ones merged; every set no QA set covers alone; sets keep their loading
    order."""
    names = [g.name for g in sets]
    groups: list[set[str]] = []
    for doc_sets in qa_doc_sets:
        members = {n for n in doc_sets if n in names}
        overlapping = [g for g in groups if g & members]
        for g in overlapping:
            members |= g
            groups.remove(g)
        groups.append(members)
    covered = set().union(*groups) if groups else set()
    groups += [{n} for n in names if n not in covered]
    ordered = sorted(groups, key=lambda g: min(names.index(n) for n in g))
    out = []
    for g in ordered:
        loaded = [gs for gs in sets if gs.name in g]
        out.append(DocGroup(tuple(gs.name for gs in loaded), unique_docs(loaded)))
    return out


class ReplayBackend(Backend):
    """A predictions file as a backend, so scoring a file and running a backend take the
    same road into the store: each document gets the grounded part of its prediction (or
    nothing, when the file has none for it)."""

    def __init__(self, name: str, predictions: dict[str, PredictedDoc]) -> None:
        self.name = name
        self._predictions = predictions

    def extract(self, doc: Document) -> ExtractionOutcome:
        pred = self._predictions.get(doc.doc_id) or PredictedDoc(doc_id=doc.doc_id)
        return ExtractionOutcome(extraction=_clean_extraction(doc, pred, self.name))


class RecordedBackend(Backend):
    """Extractions already made, as a backend: a store of fewer documents than a group's
    (``narrowed``) is filled with the very records the group's run produced, without running
    the extractor again."""

    def __init__(self, name: str, extractions: dict[str, DocumentExtraction]) -> None:
        self.name = name
        self._extractions = extractions

    def extract(self, doc: Document) -> ExtractionOutcome:
        got = self._extractions.get(doc.doc_id)
        if got is None:
            raise KeyError(f"no extraction recorded for {doc.doc_id}")
        return ExtractionOutcome(extraction=got)


def narrowed(
    ex: Extracted,
    backend_name: str,
    sets: list[GoldSet],
    names: tuple[str, ...],
    store: Store,
    progress: ProgressSink,
) -> Extracted:
    """The part of a group's run over the gold sets ``names`` only, saved into ``store``: the
    store a QA set of fewer documents than its group is asked of."""
    docs = unique_docs([gs for gs in sets if gs.name in names])
    backend = RecordedBackend(backend_name, ex.extractions)
    return extract_group(backend, DocGroup(names, docs), store, progress)


def extract_group(
    backend: Backend,
    group: DocGroup,
    store: Store,
    progress: ProgressSink,
    workers: int = 1,
) -> Extracted:
    """Run ``backend`` over the group's documents with ``pipeline.run_extraction``, as
    ``llmx extract`` does, saving into ``store``."""
    from llmx.pipeline import run_extraction

    # Each gold document goes in under its gold key, as the gold set names it.
    sources = [replace(gold_source(Path(d.source)), doc_id=d.doc_id) for d in group.docs]
    doc_of_source = {d.source: d.doc_id for d in group.docs}
    run_id = store.begin_run(
        backend.name,
        params={"purpose": "llmx eval"} | backend.run_params(),
        prompt_version=backend.prompt_version,
    )
    extractions: dict[str, DocumentExtraction] = {}
    failures: list[ExtractionFailure] = []
    progress.start(f"{backend.name}: extracting {'+'.join(group.sets)}", len(group.docs))
    status = "failed"
    try:
        for result in run_extraction(sources, backend, store, run_id=run_id, workers=workers):
            if result.status == "error" or result.extraction is None:
                doc_id = doc_of_source.get(result.label, result.label)
                failures.append(ExtractionFailure(doc_id=doc_id, error=result.error or "failed"))
            else:
                extractions[result.extraction.doc_id] = result.extraction
            progress.advance(result.label)
        status = "ok"
    finally:
        progress.stop()
        store.finish_run(
            run_id,
            status=status,
            docs_ok=len(extractions),
            docs_skipped=0,
            docs_failed=len(failures),
        )
    return Extracted(group, store, extractions, failures)


def _clean_extraction(doc: Document, pred: PredictedDoc, backend: str) -> DocumentExtraction:
    """The grounded part of a prediction, as a DocumentExtraction the store accepts."""
    kept: dict[str, list[Any]] = {t: [] for t in RECORD_TYPE_NAMES}
    for t in RECORD_TYPE_NAMES:
        for rec in pred.records.get(t, []):
            if grounding_problem(t, rec, doc.text) is None:
                kept[t].append(RECORD_TYPES[t].model_validate(rec, context={"text": doc.text}))
    return DocumentExtraction.of(doc, backend, **kept)
