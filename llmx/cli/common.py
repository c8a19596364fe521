"""Small helpers shared by CLI verbs."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer


def db_path(db: Path | None) -> Path:
    """The store path for ``--db`` (``llmx.store.paths.resolve_store_path``)."""
    from llmx.store.paths import resolve_store_path  # here: `llmx ask` imports little

    return resolve_store_path(db)


def fail(message: str, code: int = 2) -> None:
    """One-line error and a non-zero exit, never a traceback."""
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")
