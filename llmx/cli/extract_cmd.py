"""`llmx extract`: extract grounded records from documents into the store."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

from llmx.cli.common import DbOption, db_path


def extract(
    paths: list[str] = typer.Argument(..., help="Files, directories, globs, or - for stdin"),
    backend: str = typer.Option("rules", "--backend", "-b", help="rules (offline) or openai"),
    model: str | None = typer.Option(None, "--model", "-m", envvar="LLMX_MODEL"),
    base_url: str | None = typer.Option(None, "--base-url", envvar="OPENAI_BASE_URL"),
    db: Path | None = DbOption,
    force: bool = typer.Option(False, "--force", help="Re-extract unchanged documents"),
    jsonl: bool = typer.Option(False, "--jsonl", help="One JSON object per document on stdout"),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write JSON lines to FILE"),
    no_store: bool = typer.Option(False, "--no-store", help="Do not write to the store"),
    progress: bool | None = typer.Option(
        None, "--progress/--no-progress", help="Progress bar [default: on a terminal]"
    ),
) -> None:
    """Extract index results, metrics and initiatives from documents."""
    from llmx.backends import get_backend
    from llmx.cli.extract_view import ProgressView, print_summary
    from llmx.pipeline import RunSummary, run_extraction

    options = {k: v for k, v in {"model": model, "base_url": base_url}.items() if v}
    if backend == "rules" and options:
        options = {}  # the offline backend has no model; ignore env defaults
    extractor = get_backend(backend, **options)
    store = None
    if not no_store:
        from llmx.store import Store

        store = Store(db_path(db))
    summary = RunSummary()
    out_file = None
    tmp_path = None
    if output is not None:
        tmp_path = output.with_name(output.name + f".tmp{os.getpid()}")
        out_file = tmp_path.open("w", encoding="utf-8")
    run_id = store.begin_run(extractor.name, model=model, params=options) if store else None
    status = "failed"
    view = ProgressView(enabled=progress)
    try:
        with view:
            for result in run_extraction(
                paths, extractor, store, force=force, run_id=run_id, on_total=view.set_total
            ):
                summary.add(result)
                view.advance(result)
                if result.extraction is not None:
                    line = result.extraction.model_dump_json() + "\n"
                    if jsonl:
                        sys.stdout.write(line)
                        sys.stdout.flush()
                    if out_file is not None:
                        out_file.write(line)
        status = "ok"
    finally:
        if out_file is not None:
            out_file.close()
            if status == "ok":
                tmp_path.replace(output)  # atomic: a failed run never leaves half a file
            else:
                tmp_path.unlink(missing_ok=True)
        if store is not None and run_id is not None:
            store.finish_run(
                run_id,
                status=status,
                docs_ok=summary.ok,
                docs_skipped=summary.skipped,
                docs_failed=summary.errors,
                prompt_tokens=summary.usage.prompt_tokens,
                completion_tokens=summary.usage.completion_tokens,
                requests=summary.usage.requests,
            )
            store.close()
    print_summary(summary, stream=sys.stderr if jsonl else sys.stdout)
    if summary.errors:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
