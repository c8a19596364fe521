"""`llmx runs list`: the extraction runs, newest first (as `llm logs` lists its log): id,
when it started, backend, model, documents, the records it still holds, rejected
candidates, status; ``--json`` gives every column of the runs table.

Rejected candidates are counted by `llmx extract` (its summary, --show-rejected) but this
store version does not keep the count, so the column shows "–" and the JSON ``null``.

Exit codes: 0 listed, 1 store missing or holding no run. Read-only; only typer at start.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

from llmx.cli.common import db_path, fail, print_json
from llmx.cli.options import DbOption

runs_app = typer.Typer(
    name="runs", help="Extraction runs recorded in the store.", no_args_is_help=True,
    rich_markup_mode=None,
)  # fmt: skip
_LIMIT = typer.Option(20, "--limit", "-n", min=1, metavar="N", help="Runs at most")
_JSON = typer.Option(False, "--json", help="Every column of each run, as JSON")
_COLUMNS = ("id", "started", "backend", "model", "docs", "records", "rejected", "status")


@runs_app.command("list")
def list_runs(limit: int = _LIMIT, json_out: bool = _JSON, db: Path | None = DbOption) -> None:
    """List the extraction runs, newest first.

    Exit status: 0 listed; 1 store missing or holding no run (run `llmx extract` first)."""
    path = db_path(db)
    if str(path) != ":memory:" and not str(path).startswith("file:") and not path.exists():
        fail(f"no store at {path}; run `llmx extract` first", code=1)

    from llmx.store import Store

    with Store(path, read_only=True) as store:
        runs = store.list_runs(limit=limit)
    if not runs:
        fail(f"the store {path} holds no run; run `llmx extract` first", code=1)
    for run in runs:
        run["docs"] = run["docs_ok"] + run["docs_skipped"] + run["docs_failed"]
        run["rejected"] = None  # not kept by the store (see the module docstring)
    if json_out:
        print_json(runs)
    else:
        sys.stdout.write(_table(runs))


def _cells(run: dict[str, Any]) -> list[str]:
    docs = f"{run['docs']}" + (f" ({run['docs_failed']} failed)" if run["docs_failed"] else "")
    return [
        str(run["id"]),
        run["started_at"],
        run["backend"],
        run["model"] or "–",
        docs,
        str(run["records"]),
        "–" if run["rejected"] is None else str(run["rejected"]),
        run["status"],
    ]


def _table(runs: list[dict[str, Any]]) -> str:
    rows = [_cells(r) for r in runs]
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(_COLUMNS)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(_COLUMNS, widths, strict=True)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines) + "\n"


def register(app: typer.Typer) -> None:
    app.add_typer(runs_app, name="runs")
