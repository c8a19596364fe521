"""Whether a file may be used as the store, decided from reads alone before anything is
written to it (issue 11): `--db other-app.db` once added llmx's tables to another
application's database and switched it to WAL.

* an absent or empty file, or an SQLite file without tables: a new store;
* an SQLite file whose ``_migrations`` records llmx's migrations: a store (the ids it still
  needs are returned);
* anything else (not SQLite, tables but no ``_migrations``, a ``_migrations`` of another
  tool) is not llmx's, and a store that records a migration this version does not know was
  made by a newer llmx: both are refused with one line, the file left as it was.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from llmx.errors import StoreError
from llmx.store.migrations import known_migrations

SQLITE_MAGIC = b"SQLite format 3\x00"  # the first 16 bytes of every SQLite database file
_SHOWN_TABLES = 5  # tables named in the refusal; the rest are counted


def not_llmx(where: str, why: str) -> StoreError:
    return StoreError(f"{where} is not an llmx store ({why}); refusing to touch it")


def check_file(path: Path) -> None:
    """Refuse an existing, non-empty file that is not an SQLite database. Only its first
    bytes are read: SQLite itself would report it only after being asked to write."""
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        return  # a new store
    except OSError as exc:
        raise StoreError(f"cannot open store {path}: {exc.strerror or exc}") from None
    if head and head != SQLITE_MAGIC:
        raise not_llmx(str(path), "it is not an SQLite database")


def pending_migrations(conn: sqlite3.Connection, where: str) -> list[int]:
    """The ids of the migrations the store on ``conn`` still needs, from reads only; a
    StoreError if the database is not llmx's or was made by a newer llmx."""
    tables = sorted(
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            r" AND name NOT LIKE 'sqlite\_%' ESCAPE '\'"  # SQLite's own tables
        )
    )
    known = known_migrations()
    if "_migrations" not in tables:
        if tables:
            raise not_llmx(where, _has_tables(tables))
        return sorted(known)  # no tables at all: a new store
    try:
        rows = conn.execute("SELECT id, name FROM _migrations").fetchall()
    except sqlite3.OperationalError:  # a _migrations table without llmx's columns
        raise not_llmx(where, _has_tables(tables)) from None
    applied = {row[0]: row[1] for row in rows}
    if any(known.get(mid, name) != name for mid, name in applied.items()):
        raise not_llmx(where, _has_tables(tables))  # another tool's migrations
    newer = [mid for mid in applied if mid not in known]
    if newer:
        # A newer llmx applied every migration this one knows before its own.
        if not all(mid in applied for mid in known) or not all(isinstance(m, int) for m in newer):
            raise not_llmx(where, _has_tables(tables))
        raise StoreError(
            f"{where} was made by a newer llmx (migration {max(newer)}); upgrade llmx to use it"
        )
    return [mid for mid in sorted(known) if mid not in applied]


def _has_tables(tables: list[str]) -> str:
    shown = ", ".join(tables[:_SHOWN_TABLES])
    more = len(tables) - _SHOWN_TABLES
    return f"it has tables {shown}" + (f" and {more} more" if more > 0 else "")
