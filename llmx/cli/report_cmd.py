"""`llmx report`: one self-contained HTML page over the store (``llmx.report``): each
document with its evidence highlighted, rejected candidates, the facts with filters, and
charts. The store is opened read-only; the page is written atomically (a temporary file
renamed into place). Exit codes as for `llmx facts`: 1 when the store is missing or empty,
2 for unusable input."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from llmx.cli.common import fail, read_store
from llmx.cli.options import DbOption

_OUTPUT = typer.Option(
    Path("report.html"), "--output", "-o", metavar="FILE", help="Write the page to FILE"
)
_BACKEND = typer.Option(
    None, "--backend", "-b", metavar="NAME", help="Only records of this extractor backend"
)
_ENTITY = typer.Option(
    None, "--entity", "-e", metavar="NAME",
    help="Chart this entity's rank and score over the years [default: the one with most years]",
)  # fmt: skip
_INDEX = typer.Option(
    None, "--index", "-i", metavar="INDEX",
    help="Chart this index: a code (PAPI) or a name (Chỉ số CCHC) [default: from the data]",
)  # fmt: skip
_YEAR = typer.Option(
    None, "--year", "-y", metavar="YEAR",
    help="Chart every unit's result in this year [default: the year with most units]",
)  # fmt: skip
_REJECTED = typer.Option(
    True, "--rejected/--no-rejected",
    help="List rejected candidates, re-derived by running the offline rules backend over "
    "each stored text (the store does not keep them)",
)  # fmt: skip
_MAX_DOCS = typer.Option(
    None, "--max-docs", min=1, metavar="N", help="Show at most N documents (by doc id)"
)


def report(
    output: Path = _OUTPUT,
    backend: str | None = _BACKEND,
    entity: str | None = _ENTITY,
    index: str | None = _INDEX,
    year: int | None = _YEAR,
    rejected: bool = _REJECTED,
    max_docs: int | None = _MAX_DOCS,
    db: Path | None = DbOption,
) -> None:
    """Write a self-contained HTML review page: highlighted evidence, facts, charts.

    Exit status: 0 written; 1 store missing or empty (run `llmx extract` first); 2 bad input."""
    if output.is_dir():
        fail(f"cannot write output {output}: it is a directory")
    if not output.parent.is_dir():
        fail(f"cannot write output {output}: folder {output.parent} does not exist")

    from llmx.qa.facts import resolve_entity, resolve_index
    from llmx.qa.names import build_index
    from llmx.report import ReportOptions, report_html

    with read_store(db) as store:
        entity_keys = None
        if entity is not None:
            found = resolve_entity(build_index(store), entity)
            if found is None:
                fail(f"no entity named {entity!r} in the gazetteer or the store")
            entity_keys = found[1] if found else []
        code = None
        if index is not None:
            code = resolve_index(index)
            if code is None:
                fail(f"unknown --index {index!r}: use a code (PAR_INDEX, PAPI, ...) or a name")
        options = ReportOptions(backend, entity_keys, code, year, rejected, max_docs)
        page = report_html(store, options)
    _write(output, page)
    typer.echo(f"wrote {output} ({len(page.encode('utf-8')) // 1024} KiB)")


def _write(output: Path, page: str) -> None:
    tmp = output.with_name(output.name + f".tmp{os.getpid()}")
    try:
        tmp.write_text(page, encoding="utf-8")
        tmp.replace(output)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        fail(f"cannot write output {output}: {exc.strerror or exc}")


def register(app: typer.Typer) -> None:
    app.command("report")(report)
