"""Evaluation reports: the result model, a JSON dict, a rich terminal view and Markdown."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, TextIO

from pydantic import BaseModel, Field

from llmx.evaluation.confusion import CONFUSION_KINDS
from llmx.evaluation.corpus import TEST_SET
from llmx.evaluation.gold import RECORD_TYPE_NAMES
from llmx.evaluation.qa import QAResult, QAScore
from llmx.evaluation.score import (
    CONFIDENCE_CUTOFFS,
    DEFAULT_CONFIDENCE,
    UNASSESSED,
    Counts,
    ErrorItem,
    Precision,
    SetScore,
    TypeScore,
    cutoff_label,
)


class ExtractionFailure(BaseModel):
    """A document the backend failed on (scored as if it had no records), and why."""

    doc_id: str
    error: str


class BackendReport(BaseModel):
    backend: str  # the name thresholds are looked up by
    extractor: str = ""  # DocumentExtraction.backend, e.g. "openai:gpt-4o-mini"
    sets: list[SetScore] = Field(default_factory=list)
    qa: list[QAScore] = Field(default_factory=list)  # one per QA set; empty with --no-qa
    failed_docs: list[str] = Field(default_factory=list)  # backend errors, scored as empty
    failures: list[ExtractionFailure] = Field(default_factory=list)  # the same, with why


class EvalReport(BaseModel):
    backends: list[BackendReport] = Field(default_factory=list)
    failures: list[dict[str, Any]] = Field(default_factory=list)
    thresholds: str | None = None
    notes: list[str] = Field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def _r(x: float | None, nd: int = 3) -> float | None:
    return None if x is None else round(x, nd)


def _counts(c: Counts) -> dict[str, Any]:
    return {
        "tp": c.tp,
        "fp": c.fp,
        "fn": c.fn,
        "precision": _r(c.precision),
        "recall": _r(c.recall),
        "f1": _r(c.f1),
    }


def _type_dict(ts: TypeScore) -> dict[str, Any]:
    d: dict[str, Any] = {
        "gold": ts.gold,
        "predicted": ts.predicted,
        "tp": ts.tp,
        "fp": ts.fp,
        "fn": ts.fn,
        "optional_matched": ts.optional_matched,
        "precision": _r(ts.precision),
        "recall": _r(ts.recall),
        "f1": _r(ts.f1),
        "macro_f1": _r(ts.macro_f1),
        "macro_docs": ts.macro_docs,
        "key": _counts(ts.key),
        "slots": {
            **_counts(ts.slots),
            "fields": {f: _counts(c) for f, c in ts.slot_fields.items()},
        },
        "key_confusion": dict(ts.confusion),
        "fields": {
            f: {"accuracy": _r(fs.accuracy), "correct": fs.correct, "total": fs.total}
            for f, fs in ts.fields.items()
        },
        "all_fields": {
            "accuracy": _r(ts.all_fields.accuracy),
            "correct": ts.all_fields.correct,
            "total": ts.all_fields.total,
        },
        "per_doc_f1": {k: _r(v) for k, v in ts.per_doc_f1.items()},
        "confidence": {
            k: {"predicted": c.predicted, "correct": c.correct, "precision": _r(c.precision)}
            for k, c in ts.confidence.items()
        },
        "precision_at_default": _r(ts.precision_at_default),
    }
    if ts.name_overlap_mean is not None:
        d["name_overlap_mean"] = _r(ts.name_overlap_mean)
    return d


def errors_hidden(set_name: str, show_test_errors: bool) -> bool:
    """Test-split errors are shown only on request, so that tuning stays on dev."""
    return set_name == TEST_SET and not show_test_errors


def _set_dict(s: SetScore, max_errors: int, show_test: bool) -> dict[str, Any]:
    hidden = errors_hidden(s.set_name, show_test)
    return {
        "set": s.set_name,
        "docs": s.docs,
        "predictions": s.predictions,
        "ungrounded": s.ungrounded,
        "types": {t: _type_dict(ts) for t, ts in s.types.items()},
        "errors_total": len(s.errors),
        "errors_hidden": hidden,
        "errors": [] if hidden else [e.model_dump() for e in s.errors[:max_errors]],
        "warnings": s.warnings,
    }


def _wrong(qa: QAScore) -> list[QAResult]:
    return [r for r in qa.results if r.outcome != "correct"]


def _qa_dict(qa: QAScore, max_errors: int, show_test: bool) -> dict[str, Any]:
    if not qa.available:
        return {"set": qa.set_name, "available": False, "reason": qa.reason}
    hidden = errors_hidden(qa.set_name, show_test)
    wrong = _wrong(qa)
    return {
        "set": qa.set_name,
        "available": True,
        "questions": qa.questions,
        "answerable": qa.answerable,
        "unanswerable": qa.unanswerable,
        "correct": qa.correct,
        "wrong": qa.wrong,
        "refused": qa.refused,
        "accuracy": _r(qa.accuracy),
        "wrong_rate": _r(qa.wrong_rate),
        "refusal_rate": _r(qa.refusal_rate),
        "answer_accuracy": _r(qa.answer_accuracy),
        "refusal_accuracy": _r(qa.refusal_accuracy),
        "citation_accuracy": _r(qa.citation_accuracy),
        # the search-box baseline: top BM25 sentence holds the answer / answerable questions
        "bm25_top_sentence": _r(qa.bm25_top_sentence),
        "bm25_holds": qa.bm25_holds,
        "by_family": qa.by_family,
        "by_form": qa.by_form,
        "not_correct_total": len(wrong),
        "errors_hidden": hidden,
        "not_correct": [] if hidden else [r.model_dump() for r in wrong[:max_errors]],
    }


def to_dict(
    report: EvalReport, max_errors: int = 20, show_test_errors: bool = False
) -> dict[str, Any]:
    return {
        "ok": report.ok,
        "thresholds": report.thresholds,
        "failures": report.failures,
        "notes": report.notes,
        "backends": [
            {
                "backend": b.backend,
                "extractor": b.extractor,
                "failed_docs": b.failed_docs,
                "failures": [f.model_dump() for f in b.failures],
                "sets": [_set_dict(s, max_errors, show_test_errors) for s in b.sets],
                "qa": [_qa_dict(q, max_errors, show_test_errors) for q in b.qa],
            }
            for b in report.backends
        ],
    }


# -- text helpers ----------------------------------------------------------------------------


def _f(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def _f2(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def _acc(fs: Any) -> str:
    return "–" if fs.total == 0 else f"{fs.accuracy:.2f} ({fs.correct}/{fs.total})"


def _error_line(e: ErrorItem, width: int = 120) -> str:
    rec = json.dumps(e.record, ensure_ascii=False)
    if len(rec) > width:
        rec = rec[: width - 1] + "…"
    line = f"{e.kind} {e.record_type} {e.doc_id}: {rec}"
    if e.detail:
        line += f" — {e.detail}"
    if e.quote:
        q = e.quote if len(e.quote) <= width else e.quote[: width - 1] + "…"
        line += f'\n    "{q}"'
    return line


def _qa_result_line(r: QAResult) -> str:
    why = r.error or r.reason or r.outcome
    got = f" rests on {r.entities}" if r.entities and r.outcome == "wrong" else ""
    return f"{r.id} [{r.outcome}] {r.question} — {why}{got}"


# Columns of the side-by-side tables, and how a row fills them.
SCORE_COLUMNS = ("set", "type", "gold", "pred", "P", "R", "F1", "key F1", "slot P", "slot R",
                 "slot F1")  # fmt: skip
CONFUSION_COLUMNS = ("set", "type", "key FP", *CONFUSION_KINDS)
QA_COLUMNS = (
    "QA set", "questions", "accuracy", "wrong", "refused", "citations",
    "answerable right", "BM25 top sentence",
)  # fmt: skip
CONFIDENCE_COLUMNS = ("set", "type", *(f"≥{cutoff_label(c)}" for c in CONFIDENCE_CUTOFFS),
                      UNASSESSED)  # fmt: skip
CONFIDENCE_NOTE = (
    "  record precision (right/predicted) of the predictions with confidence at or above each "
    f"cut-off; unassessed: those without one; thresholds gate ≥{DEFAULT_CONFIDENCE:g} "
    "as <type>_precision_at_default"
)


def score_rows(b: BackendReport) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for s in b.sets:
        for t in RECORD_TYPE_NAMES:
            ts = s.types[t]
            rows.append((
                s.set_name, t, str(ts.gold), str(ts.predicted), _f(ts.precision), _f(ts.recall),
                _f(ts.f1), _f(ts.key.f1), _f(ts.slots.precision), _f(ts.slots.recall),
                _f(ts.slots.f1),
            ))  # fmt: skip
    return rows


def confusion_rows(b: BackendReport) -> list[tuple[str, ...]]:
    rows = []
    for s in b.sets:
        for t in RECORD_TYPE_NAMES:
            ts = s.types[t]
            if ts.confusion:
                rows.append((s.set_name, t, str(ts.key.fp),
                             *(str(ts.confusion.get(k, 0)) for k in CONFUSION_KINDS)))  # fmt: skip
    return rows


def _prec(c: Precision) -> str:
    return "–" if c.precision is None else f"{c.precision:.3f} ({c.correct}/{c.predicted})"


def confidence_rows(b: BackendReport) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for s in b.sets:
        for t in RECORD_TYPE_NAMES:
            conf = s.types[t].confidence
            rows.append((s.set_name, t, *(_prec(conf[k]) for k in (
                *(cutoff_label(c) for c in CONFIDENCE_CUTOFFS), UNASSESSED))))  # fmt: skip
    return rows


def qa_rows(b: BackendReport) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for q in b.qa:
        if not q.available:
            rows.append((q.set_name, "–", f"not available: {q.reason}", "", "", "", "", ""))
            continue
        rows.append((
            q.set_name, str(q.questions), f"{_f2(q.accuracy)} ({q.correct})",
            f"{_f2(q.wrong_rate)} ({q.wrong})", f"{_f2(q.refusal_rate)} ({q.refused})",
            _f2(q.citation_accuracy),
            f"{_f2(q.answer_accuracy)} ({q.answerable_correct}/{q.answerable})",
            f"{_f2(q.bm25_top_sentence)} ({q.bm25_holds}/{q.answerable})",
        ))  # fmt: skip
    return rows


# -- terminal --------------------------------------------------------------------------------


def print_terminal(
    report: EvalReport, stream: TextIO, max_errors: int = 20, show_test_errors: bool = False
) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    width = None if getattr(stream, "isatty", lambda: False)() else 140
    console = Console(file=stream, highlight=False, soft_wrap=True, width=width)

    def table(title: str, columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
        t = Table(title=title, title_justify="left")
        for i, col in enumerate(columns):
            t.add_column(col, justify="left" if i < 2 else "right")
        for row in rows:
            t.add_row(*row)
        console.print(t)

    for b in report.backends:
        label = b.backend if b.extractor in ("", b.backend) else f"{b.backend} ({b.extractor})"
        table(f"{label}: record, key and slot scores", SCORE_COLUMNS, score_rows(b))
        console.print(Text(
            "  record: key and every labelled field right; key: the same fact, fields aside; "
            "slot: each (fact, field, value) alone"
        ))  # fmt: skip
        table(f"{label}: key confusion of predictions matching no gold fact",
              CONFUSION_COLUMNS, confusion_rows(b))  # fmt: skip
        table(f"{label}: precision at confidence cut-offs", CONFIDENCE_COLUMNS,
              confidence_rows(b))  # fmt: skip
        console.print(Text(CONFIDENCE_NOTE))
        if b.qa:
            table(f"{label}: QA on the structured answer", QA_COLUMNS, qa_rows(b))
        console.print()
        for s in b.sets:
            console.print(Text(f"{label} · {s.set_name} · {s.docs} docs", style="bold"))
            for t in RECORD_TYPE_NAMES:
                ts = s.types[t]
                if ts.all_fields.total == 0:
                    continue
                parts = [f"{f} {_acc(fs)}" for f, fs in ts.fields.items()]
                if ts.name_overlap_mean is not None:
                    parts.append(f"name overlap {ts.name_overlap_mean:.2f}")
                console.print(Text(f"  {t} fields of key pairs: " + ", ".join(parts)))
            console.print(Text(f"  ungrounded predictions: {s.ungrounded} of {s.predictions}"))
            for w in s.warnings:
                console.print(Text(f"  warning: {w}"))
            if errors_hidden(s.set_name, show_test_errors):
                console.print(Text(
                    f"  {len(s.errors)} errors hidden (test split; --show-test-errors shows them)"
                ))  # fmt: skip
            elif s.errors and max_errors > 0:
                shown = s.errors[:max_errors]
                console.print(Text(f"  errors ({len(shown)} of {len(s.errors)}):"))
                for e in shown:
                    console.print(Text("   " + _error_line(e).replace("\n", "\n   ")))
            console.print()
        for f in b.failures:
            console.print(Text(f"{b.backend}: backend failed on {f.doc_id}: {f.error}"))
        for q in b.qa:
            if not q.available or max_errors <= 0:
                continue
            wrong = _wrong(q)
            if errors_hidden(q.set_name, show_test_errors):
                console.print(Text(f"QA {q.set_name}: {len(wrong)} not correct, hidden "
                                   "(test split; --show-test-errors shows them)"))  # fmt: skip
                continue
            if wrong:
                console.print(Text(f"QA {q.set_name}: not correct ({min(len(wrong), max_errors)}"
                                   f" of {len(wrong)}):"))  # fmt: skip
                for r in wrong[:max_errors]:
                    console.print(Text("   " + _qa_result_line(r)))
        console.print()
    for n in report.notes:
        console.print(Text(f"note: {n}"))


# -- Markdown --------------------------------------------------------------------------------


def _md_cell(x: Any) -> str:
    return str(x).replace("|", "\\|").replace("\n", " ")


def _md_table(columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    out = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" if i < 2 else "--:"
           for i in range(len(columns))) + "|"]  # fmt: skip
    out += ["| " + " | ".join(map(_md_cell, r)) + " |" for r in rows]
    return out + [""]


def to_markdown(report: EvalReport, max_errors: int = 20, show_test_errors: bool = False) -> str:
    out = ["# llmx evaluation", ""]
    if report.thresholds:
        out.append(f"Thresholds: `{report.thresholds}`")
        out.append("")
    if report.failures:
        out.append("**FAILED**")
        out.append("")
        out += [f"- `{_failure_text(f)}`" for f in report.failures]
    else:
        out.append("**PASSED**: every gated score is at or above its threshold.")
    out.append("")
    for b in report.backends:
        head = b.backend if b.extractor in ("", b.backend) else f"{b.backend} (`{b.extractor}`)"
        out += [f"## {head}", "", "### Scores", ""]
        out += _md_table(SCORE_COLUMNS, score_rows(b))
        out += ["### Key confusion", ""]
        out += _md_table(CONFUSION_COLUMNS, confusion_rows(b))
        out += ["### Precision at confidence cut-offs", "", CONFIDENCE_NOTE.strip(), ""]
        out += _md_table(CONFIDENCE_COLUMNS, confidence_rows(b))
        if b.qa:
            out += ["### QA", ""]
            out += _md_table(QA_COLUMNS, qa_rows(b))
        for s in b.sets:
            out += [f"### {s.set_name} ({s.docs} documents)", ""]
            for t in RECORD_TYPE_NAMES:
                ts = s.types[t]
                if ts.all_fields.total:
                    parts = [f"{f} {_acc(fs)}" for f, fs in ts.fields.items()]
                    if ts.name_overlap_mean is not None:
                        parts.append(f"name overlap {ts.name_overlap_mean:.2f}")
                    out.append(f"- {t} fields of key pairs: " + ", ".join(parts))
            out.append(f"- ungrounded predictions: {s.ungrounded} of {s.predictions}")
            out += [f"- warning: {_md_cell(w)}" for w in s.warnings]
            out.append("")
            if errors_hidden(s.set_name, show_test_errors):
                out += [f"{len(s.errors)} errors hidden (test split).", ""]
            elif s.errors and max_errors > 0:
                out += [f"Errors ({min(max_errors, len(s.errors))} of {len(s.errors)}):", ""]
                rows: list[tuple[str, ...]] = []
                for e in s.errors[:max_errors]:
                    rec = json.dumps(e.record, ensure_ascii=False)
                    if e.detail:
                        rec += f" — {e.detail}"
                    rows.append((e.kind, e.record_type, e.doc_id, rec, e.quote or ""))
                out += _md_table(("kind", "type", "doc", "record", "quote"), rows)
        if b.failures:
            out += [f"Backend failed on {f.doc_id}: {f.error}" for f in b.failures] + [""]
        for q in b.qa:
            if not q.available or max_errors <= 0 or errors_hidden(q.set_name, show_test_errors):
                continue
            wrong = _wrong(q)
            if wrong:
                out += [f"QA {q.set_name}, not correct:", ""]
                out += [f"- {_md_cell(_qa_result_line(r))}" for r in wrong[:max_errors]]
                out.append("")
    out += [f"- note: {_md_cell(n)}" for n in report.notes]
    return "\n".join(out).rstrip() + "\n"


def _failure_text(f: dict[str, Any]) -> str:
    from llmx.evaluation.thresholds import Failure

    return Failure(f["backend"], f["set"], f["key"], f["value"], f["threshold"], f["op"]).line()


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
