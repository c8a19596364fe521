"""`llmx eval`: score backends (or a predictions file) against the gold sets and gate on
eval/thresholds.toml. Exit 0 when every gated score passes, 1 when one falls below its
threshold, 2 for unusable input."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

from llmx.cli.options import BaseUrlOption, ModelOption, WorkersOption


class _StderrProgress:
    """A transient rich bar on a terminal; one line per stage otherwise."""

    def __init__(self) -> None:
        self._tty = sys.stderr.isatty()
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def start(self, label: str, total: int) -> None:
        if not self._tty:
            print(f"{label} ({total})…", file=sys.stderr, flush=True)
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress

        self._progress = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task(label, total=total)

    def advance(self, description: str) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, advance=1)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


_BACKEND = typer.Option(
    None, "--backend", "-b", metavar="NAME", help="Backend to run (repeatable) [default: rules]"
)
_GOLD = typer.Option(
    None,
    "--gold",
    metavar="SET",
    help="Gold set (repeatable): seeds, written, real-dev, real-test, real, or a directory "
    "holding gold/ [default: all four sets]",
    show_default=False,
)
_PREDICTIONS = typer.Option(
    None,
    "--predictions",
    metavar="FILE",
    help="Score DocumentExtraction JSON lines instead of a backend",
)
_JSON = typer.Option(False, "--json", help="Print the results as JSON")
_REPORT = typer.Option(None, "--report", metavar="FILE", help="Write a Markdown report")
_ERRORS = typer.Option(20, "--errors", min=0, metavar="N", help="How many errors to show per set")
_THRESHOLDS = typer.Option(
    None,
    "--thresholds",
    metavar="FILE",
    help="Thresholds TOML [default: eval/thresholds.toml when present]",
    show_default=False,
)
_QA = typer.Option(
    None,
    "--qa",
    metavar="FILE",
    help="QA set JSONL, asked of every loaded set [default: seeds/qa.jsonl and "
    "eval/real/qa.jsonl, each over its own documents]",
    show_default=False,
)
_NO_QA = typer.Option(False, "--no-qa", help="Skip question answering")
_SHOW_TEST = typer.Option(
    False,
    "--show-test-errors",
    help="Also list the real-test split's individual errors (tune on real-dev, not on these)",
)


def eval_command(
    backend: list[str] | None = _BACKEND,
    model: str | None = ModelOption,
    base_url: str | None = BaseUrlOption,
    gold: list[str] | None = _GOLD,
    predictions: Path | None = _PREDICTIONS,
    json_out: bool = _JSON,
    report: Path | None = _REPORT,
    errors: int = _ERRORS,
    thresholds: Path | None = _THRESHOLDS,
    qa: Path | None = _QA,
    no_qa: bool = _NO_QA,
    show_test_errors: bool = _SHOW_TEST,
    workers: int | None = WorkersOption,
) -> None:
    """Score extraction (and QA) against the hand-labelled gold sets."""
    from llmx.cli.common import fail, print_json
    from llmx.errors import LlmxError
    from llmx.evaluation.report import print_terminal, to_dict, to_markdown, write_atomic
    from llmx.evaluation.runner import EvalOptions, evaluate
    from llmx.evaluation.thresholds import Failure

    opts = EvalOptions(
        backends=list(backend or []),
        model=model,
        base_url=base_url,
        gold=list(gold) if gold else None,
        predictions=predictions,
        thresholds=thresholds,
        qa_path=qa,
        qa=not no_qa,
        workers=workers or 1,  # eval runs one document at a time unless asked
    )
    if report is not None and not report.parent.is_dir():
        fail(f"cannot write report {report}: folder {report.parent} does not exist")
    progress = None if json_out else _StderrProgress()
    try:
        result = evaluate(opts, progress)
    except LlmxError as exc:
        fail(str(exc), exc.exit_code)
    lines = [
        Failure(f["backend"], f["set"], f["key"], f["value"], f["threshold"], f["op"]).line()
        for f in result.failures
    ]
    if report is not None:
        try:
            write_atomic(report, to_markdown(result, errors, show_test_errors))
        except OSError as exc:
            fail(f"cannot write report {report}: {exc.strerror or exc}")
    if json_out:
        print_json(to_dict(result, errors, show_test_errors))
        for line in lines:
            print(line, file=sys.stderr)
    else:
        print_terminal(result, sys.stdout, errors, show_test_errors)
        for line in lines:
            print(line)
        if not lines:
            print("OK: every gated score is at or above its threshold")
    if lines:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)
