"""Small helpers shared by CLI verbs."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import typer


def db_path(db: Path | None) -> Path:
    return Path(db or os.environ.get("LLMX_DB") or "llmx.db")


def fail(message: str, code: int = 2) -> None:
    """One-line error and a non-zero exit, never a traceback."""
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")
