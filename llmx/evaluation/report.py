"""Evaluation reports: the result model, a JSON dict, a rich terminal view and Markdown."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, TextIO

from pydantic import BaseModel, Field

from llmx.evaluation.gold import RECORD_TYPE_NAMES
from llmx.evaluation.qa import QAScore
from llmx.evaluation.score import ErrorItem, SetScore, TypeScore


class BackendReport(BaseModel):
    backend: str  # the name thresholds are looked up by
    extractor: str = ""  # DocumentExtraction.backend, e.g. "openai:gpt-4o-mini"
    sets: list[SetScore] = Field(default_factory=list)
    qa: QAScore | None = None  # None: --no-qa
    failed_docs: list[str] = Field(default_factory=list)  # backend errors, scored as empty


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
    }
    if ts.name_overlap_mean is not None:
        d["name_overlap_mean"] = _r(ts.name_overlap_mean)
    return d


def _set_dict(s: SetScore, max_errors: int) -> dict[str, Any]:
    return {
        "set": s.set_name,
        "docs": s.docs,
        "predictions": s.predictions,
        "ungrounded": s.ungrounded,
        "types": {t: _type_dict(ts) for t, ts in s.types.items()},
        "errors_total": len(s.errors),
        "errors": [e.model_dump() for e in s.errors[:max_errors]],
        "warnings": s.warnings,
    }


def _qa_dict(qa: QAScore | None, max_errors: int) -> dict[str, Any]:
    if qa is None:
        return {"available": False, "reason": "skipped (--no-qa)"}
    if not qa.available:
        return {"available": False, "reason": qa.reason}
    wrong = [r for r in qa.results if not r.correct or r.citation_correct is False]
    return {
        "available": True,
        "questions": qa.questions,
        "answerable": qa.answerable,
        "unanswerable": qa.unanswerable,
        "accuracy": _r(qa.accuracy),
        "answer_accuracy": _r(qa.answer_accuracy),
        "citation_accuracy": _r(qa.citation_accuracy),
        "refusal_accuracy": _r(qa.refusal_accuracy),
        "wrong_total": len(wrong),
        "wrong": [r.model_dump() for r in wrong[:max_errors]],
    }


def to_dict(report: EvalReport, max_errors: int = 20) -> dict[str, Any]:
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
                "sets": [_set_dict(s, max_errors) for s in b.sets],
                "qa": _qa_dict(b.qa, max_errors),
            }
            for b in report.backends
        ],
    }


# -- text helpers ----------------------------------------------------------------------------


def _f(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


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


def _qa_line(qa: QAScore | None) -> str:
    if qa is None:
        return "QA: skipped (--no-qa)"
    if not qa.available:
        return f"QA: not available ({qa.reason})"
    return (
        f"QA: {qa.questions} questions; accuracy {_f(qa.accuracy)}"
        f", answers {_f(qa.answer_accuracy)}, citations {_f(qa.citation_accuracy)}"
        f", refusals {_f(qa.refusal_accuracy)}"
    )


_COLUMNS = ("type", "gold", "pred", "TP", "FP", "FN", "opt", "P", "R", "F1", "macro F1")


# -- terminal --------------------------------------------------------------------------------


def print_terminal(report: EvalReport, stream: TextIO, max_errors: int = 20) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    width = None if getattr(stream, "isatty", lambda: False)() else 120
    console = Console(file=stream, highlight=False, soft_wrap=True, width=width)
    for b in report.backends:
        for s in b.sets:
            label = b.backend if b.extractor in ("", b.backend) else f"{b.backend} ({b.extractor})"
            table = Table(title=f"{label} · {s.set_name} · {s.docs} docs", title_justify="left")
            for col in _COLUMNS:
                table.add_column(col, justify="left" if col == "type" else "right")
            for t in RECORD_TYPE_NAMES:
                ts = s.types[t]
                table.add_row(
                    t, *map(str, (ts.gold, ts.predicted, ts.tp, ts.fp, ts.fn, ts.optional_matched)),
                    _f(ts.precision), _f(ts.recall), _f(ts.f1), _f(ts.macro_f1),
                )  # fmt: skip
            console.print(table)
            for t in RECORD_TYPE_NAMES:
                ts = s.types[t]
                if ts.all_fields.total == 0:
                    continue
                parts = [f"{f} {_acc(fs)}" for f, fs in ts.fields.items()]
                if ts.name_overlap_mean is not None:
                    parts.append(f"name overlap {ts.name_overlap_mean:.2f}")
                console.print(Text(f"  {t} fields: " + ", ".join(parts)))
            console.print(Text(f"  ungrounded predictions: {s.ungrounded} of {s.predictions}"))
            for w in s.warnings:
                console.print(Text(f"  warning: {w}"))
            if s.errors and max_errors > 0:
                shown = s.errors[:max_errors]
                console.print(Text(f"  errors ({len(shown)} of {len(s.errors)}):"))
                for e in shown:
                    console.print(Text("   " + _error_line(e).replace("\n", "\n   ")))
            console.print()
        if b.failed_docs:
            console.print(Text(f"{b.backend}: backend failed on {', '.join(b.failed_docs)}"))
        console.print(Text(f"{b.backend} {_qa_line(b.qa)}"))
        if b.qa is not None and b.qa.available and max_errors > 0:
            wrong = [r for r in b.qa.results if not r.correct or r.citation_correct is False]
            for r in wrong[:max_errors]:
                why = r.error or ("wrong citation" if r.correct else f"expected {r.expected}")
                console.print(Text(f"   {r.id}: {r.question} -> {r.text!r} ({why})"))
        console.print()
    for n in report.notes:
        console.print(Text(f"note: {n}"))


# -- Markdown --------------------------------------------------------------------------------


def _md_cell(x: Any) -> str:
    return str(x).replace("|", "\\|").replace("\n", " ")


def to_markdown(report: EvalReport, max_errors: int = 20) -> str:
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
        out += [f"## {head}", ""]
        for s in b.sets:
            out += [f"### {s.set_name} ({s.docs} documents)", ""]
            out.append("| type | gold | pred | TP | FP | FN | optional | P | R | F1 | macro F1 |")
            out.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
            for t in RECORD_TYPE_NAMES:
                ts = s.types[t]
                cells = (t, ts.gold, ts.predicted, ts.tp, ts.fp, ts.fn, ts.optional_matched,
                         _f(ts.precision), _f(ts.recall), _f(ts.f1), _f(ts.macro_f1))  # fmt: skip
                out.append("| " + " | ".join(map(_md_cell, cells)) + " |")
            out.append("")
            for t in RECORD_TYPE_NAMES:
                ts = s.types[t]
                if ts.all_fields.total:
                    parts = [f"{f} {_acc(fs)}" for f, fs in ts.fields.items()]
                    if ts.name_overlap_mean is not None:
                        parts.append(f"name overlap {ts.name_overlap_mean:.2f}")
                    out.append(f"- {t} fields: " + ", ".join(parts))
            out.append(f"- ungrounded predictions: {s.ungrounded} of {s.predictions}")
            out += [f"- warning: {_md_cell(w)}" for w in s.warnings]
            out.append("")
            if s.errors and max_errors > 0:
                out += [f"Errors ({min(max_errors, len(s.errors))} of {len(s.errors)}):", ""]
                out.append("| kind | type | doc | record | quote |")
                out.append("|---|---|---|---|---|")
                for e in s.errors[:max_errors]:
                    rec = json.dumps(e.record, ensure_ascii=False)
                    if e.detail:
                        rec += f" — {e.detail}"
                    out.append(
                        "| "
                        + " | ".join(
                            map(_md_cell, (e.kind, e.record_type, e.doc_id, rec, e.quote or ""))
                        )
                        + " |"
                    )
                out.append("")
        if b.failed_docs:
            out += [f"Backend failed on: {', '.join(b.failed_docs)}", ""]
        out += [_qa_line(b.qa), ""]
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
