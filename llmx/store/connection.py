"""Opening the store's SQLite connection (pragmas, busy timeout, migrations) and its write
transactions.

One connection per Store, autocommit mode with explicit transactions: every write is a
single ``BEGIN IMMEDIATE … COMMIT``, so an interrupted run keeps every document saved before
it and nothing half-saved.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from llmx.errors import StoreError
from llmx.store.migrations import migrate

BUSY_TIMEOUT_MS = 5000
Connection = sqlite3.Connection  # what ``open_connection`` returns (``Store.conn``)


def now() -> str:
    """The current UTC time as stored (ISO 8601, whole seconds)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def open_connection(path: str | Path) -> Connection:
    """A connection to the store at ``path`` (a file, ``:memory:`` or a ``file:`` URI) with
    the schema migrated to the current version. Every failure is a one-line StoreError."""
    where = str(path)
    if where != ":memory:" and not where.startswith("file:"):
        p = Path(path)
        if not p.parent.is_dir():
            raise StoreError(f"cannot open store {where}: folder {p.parent} does not exist")
        if p.is_dir():
            raise StoreError(f"cannot open store {where}: it is a folder")
    try:
        conn = sqlite3.connect(where, isolation_level=None, uri=where.startswith("file:"))
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open store {where}: {exc}") from None
    try:
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if mode not in ("wal", "memory"):
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL; much faster commits
        migrate(conn)
    except sqlite3.Error as exc:
        conn.close()
        msg = str(exc)
        if "not a database" in msg or "malformed" in msg:
            raise StoreError(f"cannot open store {where}: not an SQLite database") from None
        raise StoreError(f"cannot open store {where}: {msg}") from None
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection, path: Path) -> Iterator[sqlite3.Connection]:
    """One write transaction. Any exception rolls everything in it back; SQLite errors
    (locked, disk full, read-only, ...) come out as StoreError naming ``path``."""
    try:
        try:
            # BEGIN inside the try: a Ctrl-C that lands just after it still rolls back,
            # instead of leaving the connection in a transaction the next write trips on.
            conn.execute("BEGIN IMMEDIATE")
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    except sqlite3.Error as exc:
        raise StoreError(f"store {path}: {exc}") from exc


class StoreBase:
    """What every part of the store works on: one open connection and the store's path
    (for messages). ``Store`` sets both; the parts are mixins of it, one job each."""

    conn: sqlite3.Connection
    path: Path
