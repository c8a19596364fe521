"""Opening the store's SQLite connection (the guard against files that are not llmx's,
pragmas, busy timeout, migrations; read-only for readers), closing it, and its write
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
from llmx.store.guard import check_file, not_llmx, pending_migrations
from llmx.store.migrations import migrate, readers_need

BUSY_TIMEOUT_MS = 5000  # how long a write waits for another writer before giving up
_SQLITE_BUSY = 5  # sqlite3.h: the database file is locked (extended codes share the low byte)
_SQLITE_READONLY_DIRECTORY = 1544  # sqlite3.h: read-only because its folder is
Connection = sqlite3.Connection  # what ``open_connection`` returns (``Store.conn``)


def now() -> str:
    """The current UTC time as stored (ISO 8601, whole seconds)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def open_connection(
    path: str | Path, *, read_only: bool = False, busy_timeout_ms: int = BUSY_TIMEOUT_MS
) -> Connection:
    """A connection to the store at ``path`` (a file, ``:memory:`` or a ``file:`` URI) with
    the schema migrated to the current version. Every failure is a one-line StoreError.

    Before anything is written (no ``_migrations`` table, no switch to WAL) the file is
    checked to be an llmx store this version can use (``guard``): another application's
    database or a newer llmx's store is refused as it is.

    ``read_only`` (``llmx ask``) opens the file with ``mode=ro``: no migrations, no WAL
    switch, no writes, so it works on a read-only file system. A store that still needs a
    migration is copied into memory and migrated there: the answer reads everything and the
    file is left for ``llmx extract`` to upgrade (the copy costs the store's size in memory,
    once per command); one that lacks only migrations readers do not need (an index) is
    read as it is. ``busy_timeout_ms``: how long to retry a store another writer holds
    before saying so."""
    where = str(path)
    uri = where.startswith("file:")
    if where == ":memory:":
        read_only = False  # nothing on disk to protect; an empty memory store is writable
    elif not uri:
        p = Path(path)
        if not p.parent.is_dir():
            raise StoreError(f"cannot open store {where}: folder {p.parent} does not exist")
        if p.is_dir():
            raise StoreError(f"cannot open store {where}: it is a folder")
        check_file(p)
    timeout = busy_timeout_ms / 1000
    try:
        if read_only:
            conn = _connect_read_only(where, timeout)
        else:
            conn = sqlite3.connect(where, isolation_level=None, uri=uri, timeout=timeout)
    except sqlite3.Error as exc:
        raise _store_error(exc, where, f"cannot open store {where}") from None
    try:
        conn.row_factory = sqlite3.Row
        # Connection settings only: none of these writes to the file.
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        conn.execute("PRAGMA foreign_keys = ON")
        pending = pending_migrations(conn, where)  # reads; refuses a file that is not ours
        if read_only:
            return _migrated_copy(conn) if readers_need(pending) else conn
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if mode not in ("wal", "memory"):
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL; much faster commits
        migrate(conn)
    except sqlite3.Error as exc:
        conn.close()
        if "not a database" in str(exc):  # a file: URI (a path was checked above)
            raise not_llmx(where, "it is not an SQLite database") from None
        raise _store_error(exc, where, f"cannot open store {where}") from None
    except BaseException:
        conn.close()
        raise
    return conn


def close_connection(conn: Connection, *, read_only: bool = False) -> None:
    """Close ``conn``. A writer that is the store's last connection first returns the file
    to a rollback journal, so a closed store is one self-contained file, and a read-only
    reader opens it without creating ``-wal``/``-shm`` files beside it (SQLite creates them
    for a WAL file wherever the folder is writable, and cannot remove them after)."""
    try:
        if not read_only and not conn.in_transaction:
            conn.execute("PRAGMA busy_timeout = 0")  # another connection is open: do not wait
            conn.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.Error:
        pass  # another connection still has it open: the file stays in WAL until it closes
    finally:
        conn.close()


def _connect_read_only(where: str, timeout: float) -> Connection:
    """A read-only connection to the store at ``where``, its first read done."""
    conn = sqlite3.connect(_read_only_uri(where), isolation_level=None, uri=True, timeout=timeout)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.Error as exc:
        conn.close()
        code = getattr(exc, "sqlite_errorcode", None)
        wal = Path(where + "-wal")
        if (
            code != _SQLITE_READONLY_DIRECTORY
            or where.startswith("file:")
            or (wal.exists() and wal.stat().st_size > 0)
        ):
            raise
    # A store in WAL mode (as an older llmx left it) in a folder nothing can be created in:
    # SQLite cannot make the -shm index it reads a WAL file through. With no WAL content
    # beside it every commit is in the file itself and no writer is at work, so it is read
    # as immutable (no locks: a writer that starts during this command is not seen).
    uri = _read_only_uri(where) + "&immutable=1"
    return sqlite3.connect(uri, isolation_level=None, uri=True, timeout=timeout)


def _read_only_uri(where: str) -> str:
    """``where`` as a URI that opens the file read-only (``mode=ro``)."""
    if where.startswith("file:"):
        query = where.partition("?")[2]
        if "mode=" in query:
            return where  # the caller chose a mode
        return where + ("&" if query else "?") + "mode=ro"
    return Path(where).absolute().as_uri() + "?mode=ro"


def _migrated_copy(conn: Connection) -> Connection:
    """An in-memory copy of the read-only store on ``conn``, migrated, and itself read-only
    (a write would be lost with the copy, so it fails instead)."""
    copy = sqlite3.connect(":memory:", isolation_level=None)
    try:
        conn.backup(copy)
        conn.close()
        copy.row_factory = sqlite3.Row
        copy.execute("PRAGMA foreign_keys = ON")
        migrate(copy)
        copy.execute("PRAGMA query_only = ON")
    except BaseException:
        copy.close()
        raise
    return copy


def _store_error(exc: sqlite3.Error, path: str | Path, prefix: str) -> StoreError:
    """A StoreError for ``exc``: a store another writer holds past the busy timeout says so;
    anything else is ``prefix: exc``."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF == _SQLITE_BUSY:
        return StoreError(f"another llmx is writing to {path}; try again when it has finished")
    return StoreError(f"{prefix}: {exc}")


@contextmanager
def transaction(conn: sqlite3.Connection, path: Path) -> Iterator[sqlite3.Connection]:
    """One write transaction. Any exception rolls everything in it back; SQLite errors
    (locked, disk full, read-only, ...) come out as StoreError naming ``path``; a store
    another writer holds is retried for the connection's busy timeout first."""
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
        raise _store_error(exc, path, f"store {path}") from exc


class StoreBase:
    """What every part of the store works on: one open connection and the store's path
    (for messages). ``Store`` sets both; the parts are mixins of it, one job each."""

    conn: sqlite3.Connection
    path: Path
