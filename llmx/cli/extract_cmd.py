"""`llmx extract`: extract grounded records from documents into the store."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

from llmx.cli.common import db_path, fail
from llmx.cli.options import BaseUrlOption, DbOption, ModelOption, ReadableCommand, WorkersOption

_PATHS = typer.Argument(..., metavar="PATH...", help="Files, directories, globs, or - for stdin")
_BACKEND = typer.Option(
    "rules", "--backend", "-b", help="Extraction backend: rules (offline), openai, or a plugin's "
    "(llmx backends list)", metavar="NAME",
)
_FORCE = typer.Option(False, "--force", help="Re-extract unchanged documents")
_JSONL = typer.Option(False, "--jsonl", help="One JSON object per document on stdout")
_OUTPUT = typer.Option(None, "--output", "-o", metavar="FILE", help="Write JSON lines to FILE")
_WITH_TEXT = typer.Option(
    False, "--with-text", help="Each JSON line also gives the document's text, which the "
    "evidence offsets index (for HTML, the text extracted from the page)",
)
_NO_STORE = typer.Option(False, "--no-store", help="Do not write to the store")
_SHOW_REJECTED = typer.Option(
    False,
    "--show-rejected",
    help="After the summary, list every rejected candidate per document: record type and "
    "reason (on stderr with --jsonl)",
)
_PROGRESS = typer.Option(
    None, "--progress/--no-progress", help="Progress bar [default: on a terminal]"
)
# LLM options (ignored by the offline backend). Defaults live in llmx/llm/config.py.
_MODE = typer.Option(
    None,
    "--mode",
    metavar="MODE",
    help="openai: structured-output mode: auto (tools on api.openai.com, json_object_schema "
    "elsewhere), tools, json_schema, json_object_schema, json, md_json [default: auto]",
    show_default=False,
)
_MAX_RETRIES = typer.Option(
    None, "--max-retries", metavar="N", help="openai: re-asks after invalid records [default: 2]",
    show_default=False,
)
_MAX_INPUT_TOKENS = typer.Option(
    None,
    "--max-input-tokens",
    metavar="N",
    help="openai: prompt budget per request; longer documents are split on paragraphs "
    "[default: 6000]",
    show_default=False,
)
_MAX_TOKENS = typer.Option(
    None,
    "--max-tokens",
    metavar="N",
    help="openai: completion budget per request; an answer cut off there is asked again "
    "with twice the budget, up to --max-tokens-cap [default: 2048]",
    show_default=False,
)
_MAX_TOKENS_CAP = typer.Option(
    None,
    "--max-tokens-cap",
    metavar="N",
    help="openai: the largest completion budget a cut-off answer is re-asked with; keep "
    "prompt + cap inside a local server's context window [default: 4096]",
    show_default=False,
)
_RPM = typer.Option(
    None, "--rpm", help="openai: at most this many requests per minute", show_default=False,
    metavar="N",
)
_NO_CACHE = typer.Option(
    False,
    "--no-cache",
    help="openai: neither read nor write the response cache (env LLMX_CACHE, default "
    "llmx-cache.db next to the store)",
)
_TIMEOUT = typer.Option(
    None, "--timeout", metavar="SECONDS", help="openai: seconds per HTTP attempt; raise it for "
    "a slow local model [default: 60]",
    show_default=False,
)


def extract(
    paths: list[str] = _PATHS,
    backend: str = _BACKEND,
    model: str | None = ModelOption,
    base_url: str | None = BaseUrlOption,
    db: Path | None = DbOption,
    force: bool = _FORCE,
    jsonl: bool = _JSONL,
    output: Path | None = _OUTPUT,
    no_store: bool = _NO_STORE,
    progress: bool | None = _PROGRESS,
    mode: str | None = _MODE,
    max_retries: int | None = _MAX_RETRIES,
    max_input_tokens: int | None = _MAX_INPUT_TOKENS,
    max_tokens: int | None = _MAX_TOKENS,
    max_tokens_cap: int | None = _MAX_TOKENS_CAP,
    workers: int | None = WorkersOption,
    show_rejected: bool = _SHOW_REJECTED,
    rpm: float | None = _RPM,
    no_cache: bool = _NO_CACHE,
    timeout: float | None = _TIMEOUT,
    with_text: bool = _WITH_TEXT,
) -> None:
    """Extract index results, metrics and initiatives from documents."""
    _check_output(output)
    from llmx.backends import get_backend_for
    from llmx.llm.cache import cache_path

    # Every option this command knows; the backend takes those it declares (the offline
    # one none, so --model from the environment does not trouble it).
    options = {
        "model": model or None,
        "base_url": base_url or None,
        "mode": mode,
        "max_retries": max_retries,
        "max_input_tokens": max_input_tokens,
        "max_tokens": max_tokens,
        "max_tokens_cap": max_tokens_cap,
        "workers": workers,
        "rpm": rpm,
        "timeout": timeout,
        "cache": not no_cache,
        "cache_path": cache_path(db_path(db)),
    }
    extractor = get_backend_for(backend, options)
    try:
        _run(
            extractor, paths, model, db, force, jsonl, output, no_store, progress, workers,
            show_rejected, with_text,
        )  # fmt: skip
    finally:
        extractor.close()


def _check_output(output: Path | None) -> None:
    """Refuse an -o target that cannot take the file before anything is extracted for it."""
    if output is None:
        return
    folder = output.parent
    if output.is_dir():
        fail(f"cannot write output {output}: it is a directory")
    if not folder.exists():
        fail(f"cannot write output {output}: folder {folder} does not exist")
    if not folder.is_dir():
        fail(f"cannot write output {output}: {folder} is not a folder")


def _run(
    extractor, paths, model, db, force, jsonl, output, no_store, progress, workers,
    show_rejected, with_text=False,
):  # fmt: skip
    from contextlib import closing

    from llmx.cli.extract_view import ProgressView, print_rejected, print_summary
    from llmx.core.outcome import Rejection
    from llmx.pipeline import RunSummary, run_extraction

    out_file = None
    tmp_path = None
    write_error = None  # the output could not be put in place; said after the summary
    if output is not None:
        # Opened before the store: a target that cannot be written stops the run unstarted.
        tmp_path = output.with_name(output.name + f".tmp{os.getpid()}")
        try:
            out_file = tmp_path.open("w", encoding="utf-8")
        except OSError as exc:
            fail(f"cannot write output {output}: {exc.strerror or exc}")
    store = None
    if not no_store:
        from llmx.store import Store

        store = Store(db_path(db))
    summary = RunSummary()
    # (document, its rejections) for --show-rejected; only the rejections are kept.
    rejected: list[tuple[str, list[Rejection]]] = []
    params = extractor.run_params()
    run_id = (
        store.begin_run(
            extractor.name,
            model=model,
            params=params,
            prompt_version=extractor.prompt_version,
        )
        if store
        else None
    )
    status = "failed"
    view = ProgressView(enabled=progress)
    try:
        results = run_extraction(
            paths,
            extractor,
            store,
            force=force,
            run_id=run_id,
            on_total=view.set_total,
            workers=workers,
        )
        # closing(): on Ctrl-C the pipeline stops its worker processes before the store
        # is closed below, not whenever the generator happens to be collected.
        with view, closing(results):
            for result in results:
                summary.add(result)
                view.advance(result)
                if show_rejected and result.outcome is not None and result.outcome.rejected:
                    rejected.append((result.label, result.outcome.rejected))
                if result.extraction is not None:
                    line = result.extraction.model_dump_json()
                    if with_text:
                        line = _with_text(line, result, store)
                    line += "\n"
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
                try:
                    tmp_path.replace(output)  # atomic: a failed run never leaves half a file
                except OSError as exc:  # e.g. a folder of that name appeared meanwhile
                    tmp_path.unlink(missing_ok=True)
                    write_error = f"cannot write output {output}: {exc.strerror or exc}"
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
    stream = sys.stderr if jsonl else sys.stdout
    print_summary(summary, stream=stream)
    if show_rejected:
        print_rejected(rejected, stream=stream)
    if write_error is not None:
        fail(write_error)
    if summary.errors:
        raise typer.Exit(1)


def _with_text(line: str, result, store) -> str:
    """The JSON object ``line`` with a final ``"text"`` member."""
    import json

    text = result.text
    if text is None and store is not None:  # skipped: the stored text
        doc = store.get_document(result.extraction.doc_id)
        text = doc.text if doc is not None else None
    return line[:-1] + ',"text":' + json.dumps(text, ensure_ascii=False) + "}"


def register(app: typer.Typer) -> None:
    app.command("extract", cls=ReadableCommand)(extract)
