"""Small helpers shared by CLI verbs (typer-free: the fast `llmx ask` path uses them)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from llmx.store import Store


def db_path(db: Path | None) -> Path:
    """The store path for ``--db`` (``llmx.store.paths.resolve_store_path``)."""
    from llmx.store.paths import resolve_store_path  # here: `llmx ask` imports little

    return resolve_store_path(db)


def fail(message: str, code: int = 2) -> NoReturn:
    """One-line error and a non-zero exit, never a traceback. A plain SystemExit (typer
    lets it through as it is) so the typer-free `llmx ask` path can use it too."""
    print(f"Error: {message}", file=sys.stderr)
    raise SystemExit(code)


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


@contextmanager
def read_store(db: Path | None) -> Iterator[Store]:
    """The store at ``--db``, opened read-only, for the verbs that list or write out what it
    holds; a missing or empty store exits 1 with a one-line hint to run `llmx extract`."""
    path = db_path(db)
    if str(path) != ":memory:" and not str(path).startswith("file:") and not path.exists():
        fail(f"no store at {path}; run `llmx extract` first", code=1)
    from llmx.store import Store  # here: --help imports no store code

    with Store(path, read_only=True) as store:
        if not store.backends():
            fail(f"the store {path} is empty; run `llmx extract` first", code=1)
        yield store
