"""`llmx export`: the stored records, or the facts consolidated across documents, as a file
an analyst opens: CSV (Excel shows Vietnamese: UTF-8 with BOM), XLSX (one sheet per type;
the ``xlsx`` extra) or JSONL. Filters as in `llmx facts`.

Exit codes as for `llmx facts`: 0 written (no rows included: a file with headers only),
1 when the store is missing or empty or cannot be read, 2 for unusable input (an unknown
entity or index, an output file that exists without --force, XLSX without openpyxl). The
file appears complete or not at all. Only typer is imported at start.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from llmx.cli.common import fail, read_store
from llmx.cli.options import (
    BackendFilter,
    DbOption,
    EntityFilter,
    IndexFilter,
    TypeFilter,
    YearFilter,
)

if TYPE_CHECKING:
    from llmx.store import Store

WHAT = ("records", "facts")
_SUFFIX_FORMAT = {".csv": "csv", ".xlsx": "xlsx", ".jsonl": "jsonl"}
_OUTPUT = typer.Option(
    ..., "--output", "-o", metavar="FILE",
    help="File to write; an existing one is replaced only with --force",
)  # fmt: skip
_FORMAT = typer.Option(
    None, "--format", "-f", metavar="FORMAT",
    help="csv, xlsx or jsonl [default: from the FILE's suffix]",
)  # fmt: skip
_WHAT = typer.Option(
    "records", "--what", metavar="WHAT",
    help="records (every stored record) or facts (one row per fact, across documents)",
)  # fmt: skip
_FORCE = typer.Option(False, "--force", help="Replace FILE if it exists")
_BACKEND = typer.Option(None, "--backend", "-b", metavar="NAME", help="Only this backend's records")


def export(
    output: Path = _OUTPUT,
    fmt: str | None = _FORMAT,
    what: str = _WHAT,
    force: bool = _FORCE,
    entity: str | None = EntityFilter,
    index: str | None = IndexFilter,
    year: int | None = YearFilter,
    record_type: str | None = TypeFilter,
    backend: str | None = BackendFilter,
    db: Path | None = DbOption,
) -> None:
    """Write the stored records or facts to a CSV, XLSX or JSONL file, with their evidence.

    Exit status: 0 written; 1 store missing or empty (run `llmx extract` first); 2 bad input."""
    from llmx.errors import InputError
    from llmx.export import check_options, check_target, require, resolve_selection

    fmt = fmt or _SUFFIX_FORMAT.get(output.suffix.lower())
    if fmt is None:
        fail(f"cannot tell the format from {output.name!r}: give --format csv, xlsx or jsonl")
    if what not in WHAT:
        fail(f"unknown --what {what!r}: use {', '.join(WHAT)}")
    try:
        from llmx.export import FORMATS

        if fmt not in FORMATS:
            fail(f"unknown --format {fmt!r}: use {', '.join(FORMATS)}")
        check_options(record_type, index)
        require(str(fmt))
        check_target(output, force=force)
    except InputError as exc:
        fail(str(exc))
    from llmx.export import Selection

    def select(store: Store) -> Selection:
        return resolve_selection(store, entity=entity, index=index, year=year,
                                 record_type=record_type, backend=backend)  # fmt: skip

    counts = _export(output, str(fmt), what, force, db, select)
    total = sum(counts.values())
    per_type = ", ".join(f"{t} {n}" for t, n in counts.items())
    print(f"Exported {total} {what} ({per_type}) to {output}", file=sys.stderr)
    from llmx.store.distinct import MAX_FACTS

    capped = [t for t, n in counts.items() if what == "facts" and n >= MAX_FACTS]
    if capped:  # consolidated_facts reads at most MAX_FACTS per type
        print(f"Note: {', '.join(capped)} stopped at {MAX_FACTS} facts; narrow with the "
              "filters, or export --what records for every row", file=sys.stderr)  # fmt: skip


def _export(
    output: Path, fmt: str, what: str, force: bool, db: Path | None, select: Callable[[Any], Any]
) -> dict[str, int]:
    """Open the store, select, write; the rows written per type (exits on failure)."""
    from llmx.errors import InputError
    from llmx.export import fact_sheets, record_sheets, write_export

    counts: dict[str, int] = {}
    with read_store(db) as store:
        try:
            sheets = (fact_sheets if what == "facts" else record_sheets)(store, select(store))
            counts = write_export(sheets, output, fmt, force=force)
        except InputError as exc:
            fail(str(exc))
    return counts


def register(app: typer.Typer) -> None:
    app.command("export")(export)
