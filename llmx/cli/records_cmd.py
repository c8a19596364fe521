"""`llmx records`: the stored records, newest first, each with its quote and where it was
read (as `llm logs` lists its log): per record type, the latest stored first, at most
``--limit`` of each; ``--json`` gives each record as `llmx export --format jsonl` does.

Filters and exit codes as for `llmx facts`: 0 listed (none included), 1 store missing or
empty, 2 unusable input. The store is opened read-only; only typer is imported at start.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

from llmx.cli.common import fail, print_json, read_store
from llmx.cli.options import (
    BackendFilter,
    DbOption,
    EntityFilter,
    IndexFilter,
    TypeFilter,
    YearFilter,
)

_BACKEND = typer.Option(None, "--backend", "-b", metavar="NAME", help="Only this backend's records")
_LIMIT = typer.Option(20, "--limit", "-n", min=1, metavar="N", help="Records per type at most")
_JSON = typer.Option(False, "--json", help="Every record with its evidence and source, as JSON")
_QUOTE_WIDTH = 100  # characters of a quote the plain listing shows


def records(
    entity: str | None = EntityFilter,
    index: str | None = IndexFilter,
    year: int | None = YearFilter,
    record_type: str | None = TypeFilter,
    backend: str | None = BackendFilter,
    limit: int = _LIMIT,
    json_out: bool = _JSON,
    db: Path | None = DbOption,
) -> None:
    """List the stored records, newest first, with their quotes and documents.

    Exit status: 0 listed; 1 store missing or empty (run `llmx extract` first); 2 bad input."""
    from llmx.errors import InputError
    from llmx.export import check_options

    try:
        check_options(record_type, index)
    except InputError as exc:
        fail(str(exc))

    from llmx.export import record_sheets, resolve_selection
    from llmx.export.gather import record_json

    listed: dict[str, list[dict[str, Any]]] = {}
    with read_store(db) as store:
        try:
            selection = resolve_selection(store, entity=entity, index=index, year=year,
                                          record_type=record_type, backend=backend)  # fmt: skip
        except InputError as exc:
            fail(str(exc))
        for sheet in record_sheets(store, selection, newest_first=True, limit=limit):
            listed[sheet.table] = [record_json(item) for item in sheet.items]
    if json_out:
        print_json([r for rs in listed.values() for r in rs])
    else:
        sys.stdout.write(_listing(listed))


def _about(r: dict[str, Any]) -> str:
    """What a record says, in a few words: the index and its values, or the metric, or
    the initiative."""
    if r["type"] == "index_results":
        parts = [r["index"], f"“{r['component']}”" if r["component"] else ""]
        parts += [f"{f} {r[f]:g}" if isinstance(r[f], float) else f"{f} {r[f]}"
                  for f in ("score", "rank", "rank_total") if r[f] is not None]  # fmt: skip
        return " ".join(p for p in parts if p)
    if r["type"] == "metrics":
        return f"{r['name']} = {r['value']:g}{(' ' + r['unit']) if r['unit'] else ''}"
    return f"{r['kind']} “{r['name']}”"


def _line(r: dict[str, Any]) -> str:
    year = str(r["year"]) if r.get("year") is not None else "–"
    confidence = f"  conf {r['confidence']:.2f}" if r.get("confidence") is not None else ""
    head = f"#{r['id']}  {r['entity']}  {year}  {_about(r)}{confidence}"
    ev = r["evidence"]
    quote = " ".join(ev["quote"].split())
    quote = quote if len(quote) <= _QUOTE_WIDTH else quote[: _QUOTE_WIDTH - 1] + "…"
    where = f"{r['doc_id']} [{ev['start']}:{ev['end']}], {r['backend']}, run {r['run_id']}"
    return f"{head}\n    “{quote}”\n    {where}"


def _listing(listed: dict[str, list[dict[str, Any]]]) -> str:
    out: list[str] = []
    for table, rows in listed.items():
        out.append(f"{table}: {len(rows)} record(s), newest first")
        out += [_line(r) for r in rows]
        out.append("")
    return "\n".join(out)


def register(app: typer.Typer) -> None:
    app.command("records")(records)
