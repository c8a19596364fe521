"""Terminal output for `llmx extract`: progress bar and summary table (rich, lazy)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

from llmx.core.outcome import Rejection
from llmx.pipeline import DocResult, RunSummary

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

_MIN_DOCS_FOR_BAR = 3


class ProgressView:
    """A rich progress bar on stderr when it is a terminal (or when asked for)."""

    def __init__(self, enabled: bool | None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> ProgressView:
        return self

    def set_total(self, total: int) -> None:
        if not self.enabled or total < _MIN_DOCS_FOR_BAR:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self._progress = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task("extracting", total=total)

    def advance(self, result: DocResult) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, advance=1, description=result.label[-40:])
        if result.status == "error":
            print(f"error: {result.error}", file=sys.stderr)

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()


def print_summary(s: RunSummary, stream: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="llmx extract", show_header=True)
    for col in ("documents", "extracted", "skipped", "errors", "index results", "metrics",
                "initiatives", "rejected"):  # fmt: skip
        table.add_column(col, justify="right")
    table.add_row(*map(str, (s.documents, s.ok, s.skipped, s.errors, s.index_results,
                             s.metrics, s.initiatives, s.rejected)))  # fmt: skip
    console = Console(file=stream, width=max(100, Console(file=stream).width))
    console.print(table)
    if s.usage.requests or s.usage.prompt_tokens or s.usage.cached:
        console.print(
            f"tokens: {s.usage.prompt_tokens} prompt + {s.usage.completion_tokens} completion "
            f"in {s.usage.requests} requests ({s.usage.cached} cached)"
            + (f"; {s.usage.cached_prompt_tokens} prompt tokens from the server's cache"
               if s.usage.cached_prompt_tokens else "")  # fmt: skip
        )


def print_rejected(docs: list[tuple[str, list[Rejection]]], stream: TextIO) -> None:
    """``--show-rejected``: one line per rejected candidate, grouped under its document in
    input order, so ``grep`` finds a record type or a reason."""
    total = sum(len(r) for _, r in docs)
    if not total:
        print("rejected candidates: none", file=stream)
        return
    print(f"rejected candidates: {total} in {len(docs)} document(s)", file=stream)
    for label, rejections in docs:
        print(f"{label}:", file=stream)
        for rej in rejections:
            print(f"  {rej.record_type}: {rej.reason}", file=stream)
