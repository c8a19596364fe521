"""The `llmx eval` workflow without the terminal: load gold sets, predictions, thresholds and
the QA set; run backends (or read predictions); score; gate."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from llmx.backends.base import Backend
from llmx.core.document import Document
from llmx.errors import InputError
from llmx.evaluation.corpus import (
    DEV_SET,
    REAL_DIR,
    SET_OF_SPLIT,
    TEST_SET,
    SourceEntry,
    load_sources,
)
from llmx.evaluation.extraction import (
    DocGroup,
    Extracted,
    ReplayBackend,
    doc_groups,
    extract_group,
    narrowed,
    unique_docs,
)
from llmx.evaluation.gold import GoldError, GoldSet, gold_key, load_gold_set
from llmx.evaluation.gold import resolve_gold_arg as resolve_gold_arg
from llmx.evaluation.progress import NoProgress, ProgressSink
from llmx.evaluation.qa import GoldEvidence, QAScore, engine_answerer, score_qa
from llmx.evaluation.qa_items import QAItem, load_qa
from llmx.evaluation.report import BackendReport, EvalReport
from llmx.evaluation.score import PredictedDoc, score_set
from llmx.evaluation.thresholds import Failure, Thresholds

if TYPE_CHECKING:
    from llmx.store import Store

DEFAULT_THRESHOLDS = Path("eval/thresholds.toml")
DEFAULT_QA = Path("seeds/qa.jsonl")
# The default gold sets, by the name `llmx eval` reports them under.
SEEDS, WRITTEN = "seeds", "written"
DEFAULT_SETS: tuple[str, ...] = (SEEDS, WRITTEN, DEV_SET, TEST_SET)
_DEFAULT_DIRS = {SEEDS: Path("seeds"), WRITTEN: Path("eval")}
REAL_ALIASES = {"real": (DEV_SET, TEST_SET), DEV_SET: (DEV_SET,), TEST_SET: (TEST_SET,)}


@dataclass
class EvalOptions:
    backends: list[str] = field(default_factory=list)  # empty: "rules", or the predictions'
    model: str | None = None
    base_url: str | None = None
    gold: list[str] | None = None  # None: seeds and eval, whichever exist
    predictions: Path | None = None
    thresholds: Path | None = None  # None: eval/thresholds.toml when it exists
    qa_path: Path | None = None  # None: seeds/qa.jsonl when it exists
    qa: bool = True
    workers: int = 1  # documents in flight, for backends that run concurrently


# -- inputs ----------------------------------------------------------------------------------


@dataclass
class QASet:
    """Questions and the documents whose extractions answer them (one store)."""

    name: str
    items: list[QAItem]
    doc_sets: tuple[str, ...]  # gold set names whose documents go into the store


def split_real(gold: GoldSet, sources: list[SourceEntry], notes: list[str]) -> list[GoldSet]:
    """The real corpus as its dev and test sets, by each passage's source entry."""
    split_of = {e.doc_id: e.split for e in sources}
    unsplit = [d.doc_id for d in gold.docs if split_of.get(d.doc_id) is None]
    if unsplit:
        notes.append(
            f"{len(unsplit)} real passage(s) without a split in sources.jsonl, not scored: "
            + ", ".join(unsplit[:5])
        )
    out = []
    for split, name in SET_OF_SPLIT.items():
        docs = [d for d in gold.docs if split_of.get(d.doc_id) == split]
        if docs:
            out.append(
                GoldSet(name=name, gold_dir=gold.gold_dir, docs_dir=gold.docs_dir, docs=docs)
            )
    return out


def load_real_sets(real_dir: Path, notes: list[str]) -> tuple[list[GoldSet], list[SourceEntry]]:
    gold_dir = real_dir / "gold"
    if not (gold_dir.is_dir() and any(gold_dir.glob("*.json"))):
        notes.append(f"real corpus skipped: no gold files in {gold_dir}")
        return [], []
    sources_file = real_dir / "sources.jsonl"
    if not sources_file.is_file():
        raise GoldError(f"{sources_file}: missing (every real passage needs its source entry)")
    sources = load_sources(sources_file)
    gold = load_gold_set(gold_dir, real_dir / "docs", name="real")
    return split_real(gold, sources, notes), sources


def load_gold_sets(
    args: list[str] | None, notes: list[str], real_dir: Path = REAL_DIR
) -> tuple[list[GoldSet], list[SourceEntry]]:
    """The gold sets to score. Names: seeds, written, real-dev, real-test, real (both real
    sets); anything else is a directory (see ``resolve_gold_arg``). Explicit sets must exist;
    of the default ones, those missing are noted."""
    explicit = args is not None and len(args) > 0
    wanted = list(args) if args else list(DEFAULT_SETS)
    sets: list[GoldSet] = []
    sources: list[SourceEntry] = []
    real: list[GoldSet] | None = None
    for arg in wanted:
        if arg in REAL_ALIASES:
            if real is None:
                real, sources = load_real_sets(real_dir, notes)
            picked = [g for g in real if g.name in REAL_ALIASES[arg]]
            if explicit and not picked:
                raise GoldError(f"gold set {arg!r}: no labelled passages in {real_dir}")
            sets += [g for g in picked if g.name not in {s.name for s in sets}]
            continue
        path = str(_DEFAULT_DIRS.get(arg, Path(arg)))
        name, gold_dir, docs_dir = resolve_gold_arg(path)
        if arg in _DEFAULT_DIRS:
            name = arg
        if not explicit and not (gold_dir.is_dir() and any(gold_dir.glob("*.json"))):
            notes.append(f"gold set {arg!r} skipped: no gold files in {gold_dir}")
            continue
        gs = load_gold_set(gold_dir, docs_dir, name=name)
        taken = {s.name for s in sets}
        n = 2
        while gs.name in taken:
            gs.name = f"{name}-{n}"
            n += 1
        sets.append(gs)
    if not sets:
        raise GoldError("no gold sets found (looked for seeds/gold, eval/gold, eval/real/gold)")
    return sets, sources


def qa_sets_for(
    opts: EvalOptions, sets: list[GoldSet], sources: list[SourceEntry], real_dir: Path = REAL_DIR
) -> tuple[list[QASet], list[str]]:
    """The QA sets to ask, and why any default one is not available. An explicit ``--qa``
    file is asked of a store of every loaded set; by default the seeds' questions are asked
    of the seeds and written documents, and the real corpus' questions (split as their
    passages are) of the real passages ``_qa_store_sets`` names."""
    names = [g.name for g in sets]
    if opts.qa_path is not None:
        return [QASet("qa", load_qa(opts.qa_path), tuple(names))], []
    out: list[QASet] = []
    missing: list[str] = []
    own = tuple(n for n in names if n in (SEEDS, WRITTEN))
    if own:
        if DEFAULT_QA.is_file():
            out.append(QASet(SEEDS, load_qa(DEFAULT_QA), own))
        else:
            missing.append(f"no QA set at {DEFAULT_QA}")
    real_sets = tuple(n for n in names if n in (DEV_SET, TEST_SET))
    if real_sets:
        qa_file = real_dir / "qa.jsonl"
        if not qa_file.is_file():
            missing.append(f"no QA set at {qa_file}")
        else:
            split_of = {e.doc_id: e.split for e in sources}
            items = load_qa(qa_file)
            for split, name in SET_OF_SPLIT.items():
                if name not in real_sets:
                    continue
                mine = [i for i in items if _item_split(i, split_of) == split]
                if mine:
                    out.append(QASet(name, mine, _qa_store_sets(name, real_sets)))
    return out, missing


def _qa_store_sets(name: str, real_sets: tuple[str, ...]) -> tuple[str, ...]:
    """The sets whose passages fill the store a real QA set is asked of. Held-out questions
    are asked of the whole corpus, as a user's store holds every article; dev questions of the
    dev passages only, so that their answers, citations and closest passages, which tuning
    reads, never show held-out text."""
    if name == DEV_SET:
        return (DEV_SET,)
    return tuple(n for n in (DEV_SET, TEST_SET) if n in real_sets)


def _item_split(item: QAItem, split_of: Mapping[str, str | None]) -> str | None:
    if item.split is not None:
        return item.split
    for s in item.sources:
        if split_of.get(s.doc_id):
            return split_of[s.doc_id]
    return None


def read_predictions(path: Path) -> dict[str, dict[str, PredictedDoc]]:
    """DocumentExtraction JSON lines grouped by backend, then doc_id (a later line for the
    same document replaces an earlier one)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read predictions {path}: {exc}") from None
    out: dict[str, dict[str, PredictedDoc]] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            pd = PredictedDoc.from_json(json.loads(line))
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{n}: invalid JSON ({exc.msg})") from None
        except InputError as exc:
            raise InputError(f"{path}:{n}: {exc}") from None
        # ``llmx extract`` names a file by its path; gold names it by its stem
        key = gold_key(pd.doc_id)
        out.setdefault(pd.backend or "predictions", {})[key] = pd.model_copy(update={"doc_id": key})
    if not out:
        raise InputError(f"no predictions in {path}")
    return out


def load_thresholds(path: Path | None, notes: list[str]) -> Thresholds:
    if path is not None:
        return Thresholds.load(path)
    if DEFAULT_THRESHOLDS.is_file():
        return Thresholds.load(DEFAULT_THRESHOLDS)
    notes.append(f"no {DEFAULT_THRESHOLDS}: nothing is gated")
    return Thresholds.empty()


def gold_evidence(sets: list[GoldSet]) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """Every gold record with its evidence offsets, by document (for citation checks)."""
    out: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for gs in sets:
        for gd in gs.docs:
            out.setdefault(gd.doc_id, []).extend((r.type, r.record) for r in gd.records)
    return out


def run_qa(
    items: list[QAItem],
    backend: str,
    store: Store,
    docs: list[Document],
    progress: ProgressSink,
    gold: GoldEvidence | None = None,
    set_name: str = "qa",
) -> QAScore:
    """Ask every question of ``store`` (filled by ``extract_group``) and judge the answers."""
    ask = engine_answerer(store, backend=backend)
    progress.start(f"{backend}: QA {set_name}", len(items))
    try:
        return score_qa(
            items,
            ask,
            {d.doc_id: d.text for d in docs},
            gold,
            on_question=lambda it: progress.advance(it.id),
            set_name=set_name,
        )
    finally:
        progress.stop()


# -- the whole run ---------------------------------------------------------------------------


def evaluate(opts: EvalOptions, progress: ProgressSink | None = None) -> EvalReport:
    """Run the evaluation; InputError/ConfigError (exit 2) for unusable input."""
    progress = progress or NoProgress()
    notes: list[str] = []
    thresholds = load_thresholds(opts.thresholds, notes)
    sets, sources = load_gold_sets(opts.gold, notes)
    qa_sets: list[QASet] = []
    qa_missing: list[str] = []
    if opts.qa:
        qa_sets, qa_missing = qa_sets_for(opts, sets, sources)
        notes += [f"QA: {m}" for m in qa_missing]
    docs = unique_docs(sets)
    gold_ids = {d.doc_id for d in docs}

    # (label, backend, predictions by doc_id): a backend's predictions are filled in from
    # its extractions; a predictions file's are the file's, replayed into the stores.
    runs: list[tuple[str, Backend, dict[str, PredictedDoc]]] = []
    if opts.predictions is not None:
        groups = read_predictions(opts.predictions)
        picked_runs: list[tuple[str, str, dict[str, PredictedDoc]]] = []
        if opts.backends:
            for name in opts.backends:
                picked = {
                    k: v for k, v in groups.items() if k == name or k.split(":", 1)[0] == name
                }
                if not picked:
                    raise InputError(
                        f"no predictions from backend {name!r} in {opts.predictions}"
                        f" (found: {', '.join(sorted(groups))})"
                    )
                merged: dict[str, PredictedDoc] = {}
                for v in picked.values():
                    merged.update(v)
                extractor = next(iter(picked)) if len(picked) == 1 else name
                picked_runs.append((name, extractor, merged))
        else:
            picked_runs = [(label, label, preds) for label, preds in groups.items()]
        for label, extractor, preds in picked_runs:
            stray = sorted(set(preds) - gold_ids)
            if stray:
                notes.append(
                    f"{label}: {len(stray)} predicted document(s) in no gold set: "
                    + ", ".join(stray[:5])
                )
            runs.append((label, ReplayBackend(extractor, preds), preds))
    else:
        from llmx.backends import get_backend_for

        given: dict[str, Any] = {"model": opts.model, "base_url": opts.base_url}
        if opts.workers > 1:
            given["workers"] = opts.workers
        for name in opts.backends or ["rules"]:
            runs.append((name, get_backend_for(name, given), {}))

    report = EvalReport(notes=notes, thresholds=str(thresholds.path) if thresholds.path else None)
    groups_ = doc_groups(sets, [qs.doc_sets for qs in qa_sets])
    for label, backend, preds in runs:
        with backend, tempfile.TemporaryDirectory(prefix="llmx-eval-") as tmp:
            br = _evaluate_backend(
                label, backend, preds, groups_, Path(tmp), sets, qa_sets, thresholds, report,
                progress, opts.workers,
            )  # fmt: skip
        if thresholds.path and thresholds.table_for(br.gate) is None:
            report.notes.append(f"{label}: no [{label}] table in {thresholds.path}; not gated")
        report.backends.append(br.report)
    return report


@dataclass
class _BackendRun:
    report: BackendReport
    gate: str  # the thresholds table it is gated by


def _evaluate_backend(
    label: str,
    backend: Backend,
    preds: dict[str, PredictedDoc],
    groups: list[DocGroup],
    tmp: Path,
    sets: list[GoldSet],
    qa_sets: list[QASet],
    thresholds: Thresholds,
    report: EvalReport,
    progress: ProgressSink,
    workers: int,
) -> _BackendRun:
    """Extract every group into its own temporary store, score each set, ask each QA set
    of its group's store."""
    from llmx.store import Store

    extracted: list[Extracted] = []
    narrow: list[Extracted] = []  # QA sets' stores of fewer passages than their group
    try:
        for i, group in enumerate(groups):
            store = Store(tmp / f"group{i}.db")
            try:
                extracted.append(extract_group(backend, group, store, progress, workers))
            except BaseException:
                store.close()
                raise
        replayed = isinstance(backend, ReplayBackend)
        if not replayed:
            for ex in extracted:
                preds.update(
                    {k: PredictedDoc.from_extraction(v) for k, v in ex.extractions.items()}
                )
        gate = backend.name if backend.name in thresholds.tables else label
        failures = [f for ex in extracted for f in ex.failures]
        br = BackendReport(
            backend=label,
            extractor=backend.name,
            failed_docs=[f.doc_id for f in failures],
            failures=failures,
        )
        for gs in sets:
            s = score_set(gs, preds, label)
            br.sets.append(s)
            report.failures += [_failure(f, label) for f in thresholds.check_set(gate, s)]
        for qs in qa_sets:
            ex = next(e for e in extracted if set(qs.doc_sets) & set(e.group.sets))
            if set(qs.doc_sets) < set(ex.group.sets):
                # fewer passages than were extracted together: a store of its own
                store = Store(tmp / f"qa-{qs.name}.db")
                try:
                    ex = narrowed(ex, backend.name, sets, qs.doc_sets, store, progress)
                except BaseException:
                    store.close()
                    raise
                narrow.append(ex)
            members = [g for g in sets if g.name in ex.group.sets]
            qa = run_qa(
                qs.items,
                backend.name,
                ex.store,
                ex.group.docs,
                progress,
                gold=gold_evidence(members),
                set_name=qs.name,
            )
            br.qa.append(qa)
            report.failures += [_failure(f, label) for f in thresholds.check_qa(gate, qa)]
    finally:
        for ex in extracted + narrow:
            ex.store.close()
    return _BackendRun(br, gate)


def _failure(f: Failure, label: str) -> dict[str, Any]:
    d = f.as_dict()
    d["backend"] = label
    return d
