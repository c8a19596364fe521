"""Where the store lives: the one resolver every caller uses (CLI, LLM cache, ``Store``)."""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "LLMX_DB"
DEFAULT_DB = "llmx.db"


def resolve_store_path(db: str | Path | None = None) -> Path:
    """The store database path: ``db`` if given (and not empty), else ``$LLMX_DB`` if set
    (and not empty), else ``./llmx.db`` (relative to the working directory)."""
    return Path(db or os.environ.get(DB_ENV) or DEFAULT_DB)
