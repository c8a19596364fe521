"""A file that is not llmx's is never touched (issue 11): another application's database,
a non-SQLite file and a store made by a newer llmx are refused before any write; `llmx ask`
opens the store read-only; a store locked by another writer says so."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from llmx.core.document import Document
from llmx.core.records import DocumentExtraction, Evidence, Metric
from llmx.errors import StoreError
from llmx.store import Store
from llmx.store import migrations as mig
from llmx.store.store import BUSY_TIMEOUT_MS

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Tỷ lệ hồ sơ trực tuyến toàn trình của tỉnh đạt 95%."
QUESTION = "Tỉnh nào đứng thứ 12 về Chỉ số CCHC năm 2023?"  # answered by the QA corpus


def llmx(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "llmx", *args], capture_output=True, text=True, timeout=120
    )


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sidecars(path: Path) -> list[str]:
    """SQLite's -wal / -shm / -journal files next to ``path``: a connection that wrote, or
    switched the file to WAL, leaves them or needs them."""
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name + "-"))


def _schema_and_mode(path: Path) -> tuple[list[tuple[str, str]], str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        schema = conn.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()
        return schema, conn.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        conn.close()


def _one_line_error(r: subprocess.CompletedProcess[str]) -> str:
    assert r.returncode != 0 and "Traceback" not in r.stderr, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    return lines[0]


def _doc_and_extraction(doc_id: str = "d1") -> tuple[Document, DocumentExtraction]:
    sha = hashlib.sha256(TEXT.encode()).hexdigest()
    doc = Document(doc_id=doc_id, source=f"{doc_id}.txt", sha256=sha, text=TEXT)
    quote = "đạt 95%"
    start = TEXT.index(quote)
    metric = Metric(
        entity="Bắc Giang", name="tỷ lệ hồ sơ trực tuyến toàn trình", value=95, unit="%",
        evidence=Evidence(quote=quote, start=start, end=start + len(quote)),
    )  # fmt: skip
    ex = DocumentExtraction(doc_id=doc_id, source=doc.source, sha256=sha, backend="rules",
                            metrics=[metric])  # fmt: skip
    return doc, ex


@pytest.fixture
def other_app_db(tmp_path: Path) -> Path:
    """Another application's SQLite database (rollback journal, a table of its own)."""
    path = tmp_path / "other-app.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)")
    conn.execute("INSERT INTO users (email) VALUES ('a@example.org')")
    conn.commit()
    conn.close()
    return path


# -- 1. a database that is not llmx's ---------------------------------------------------


def test_extract_refuses_another_apps_database_and_leaves_it_as_it_was(other_app_db: Path):
    before = _digest(other_app_db), _schema_and_mode(other_app_db)
    assert before[1][1] == "delete"
    line = _one_line_error(llmx("extract", str(ROOT / "seeds"), "--db", str(other_app_db)))
    assert line == (
        f"Error: {other_app_db} is not an llmx store (it has tables users); refusing to touch it"
    )
    assert (_digest(other_app_db), _schema_and_mode(other_app_db)) == before
    assert _sidecars(other_app_db) == []


def test_ask_refuses_another_apps_database(other_app_db: Path):
    before = _digest(other_app_db)
    line = _one_line_error(llmx("ask", QUESTION, "--db", str(other_app_db)))
    assert "is not an llmx store (it has tables users)" in line
    assert _digest(other_app_db) == before and _sidecars(other_app_db) == []


@pytest.mark.parametrize(
    "migrations",
    [
        "CREATE TABLE _migrations (id INTEGER PRIMARY KEY, name TEXT, applied_at TEXT);"
        "INSERT INTO _migrations VALUES (1, 'create_users', 'then');",
        "CREATE TABLE _migrations (version INTEGER);INSERT INTO _migrations VALUES (3);",
        "CREATE TABLE _migrations (id, name, applied_at);"
        "INSERT INTO _migrations VALUES ('20240101', 'users', 'then');",
    ],
    ids=["other-names", "other-columns", "other-ids"],
)
def test_foreign_migrations_table_is_not_llmxs(tmp_path: Path, migrations: str):
    # Another tool that also records its schema in a ``_migrations`` table.
    path = tmp_path / "tool.db"
    conn = sqlite3.connect(path)
    conn.executescript(migrations + "CREATE TABLE users (id INTEGER PRIMARY KEY);")
    conn.close()
    before = _digest(path)
    with pytest.raises(StoreError, match=r"is not an llmx store \(it has tables _migrations, "
                                         r"users\); refusing to touch it"):  # fmt: skip
        Store(path)
    assert _digest(path) == before and _sidecars(path) == []


def test_non_sqlite_file_is_refused_and_untouched(tmp_path: Path):
    path = tmp_path / "x.db"
    path.write_text("not a database, just notes\n" * 50)
    before = _digest(path)
    line = _one_line_error(llmx("extract", str(ROOT / "seeds"), "--db", str(path)))
    assert line == (
        f"Error: {path} is not an llmx store (it is not an SQLite database); refusing to touch it"
    )
    assert _digest(path) == before and _sidecars(path) == []


@pytest.mark.parametrize("content", [b"", b"SQLite"], ids=["empty", "short"])
def test_empty_file_becomes_a_store_and_a_short_one_is_refused(tmp_path: Path, content: bytes):
    path = tmp_path / "new.db"
    path.write_bytes(content)
    if not content:  # an empty file is a new store (what `touch llmx.db` leaves)
        with Store(path) as s:
            assert s.counts()["documents"] == 0
        return
    with pytest.raises(StoreError, match="not an SQLite database"):
        Store(path)
    assert path.read_bytes() == content


def test_sqlite_file_without_tables_becomes_a_store(tmp_path: Path):
    path = tmp_path / "blank.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 0")  # a valid SQLite file with no tables
    conn.execute("VACUUM")
    conn.close()
    with Store(path) as s:
        assert s.counts()["documents"] == 0


# -- 2. a store made by a newer llmx ----------------------------------------------------


def _store_with_migration(path: Path, mid: int) -> None:
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _migrations VALUES (?, 'from_the_future', 'later')", (mid,))
    conn.commit()
    conn.close()


def test_store_made_by_a_newer_llmx_is_refused_unwritten(tmp_path: Path):
    path = tmp_path / "newer.db"
    _store_with_migration(path, 999)
    before = _digest(path), _schema_and_mode(path)
    expected = f"{path} was made by a newer llmx (migration 999); upgrade llmx to use it"
    for read_only in (False, True):
        with pytest.raises(StoreError) as info:
            Store(path, read_only=read_only)
        assert str(info.value) == expected
    line = _one_line_error(llmx("extract", str(ROOT / "seeds"), "--db", str(path)))
    assert line == f"Error: {expected}"
    assert (_digest(path), _schema_and_mode(path)) == before and _sidecars(path) == []


def test_known_ids_follow_the_migration_list(monkeypatch):
    assert mig.known_migrations() == {m.id: m.name for m in mig.MIGRATIONS}
    monkeypatch.setattr(mig, "MIGRATIONS", mig.MIGRATIONS[:1])
    assert mig.known_migrations() == {1: mig.MIGRATIONS[0].name}


# -- 3. `llmx ask` reads without writing ------------------------------------------------


@pytest.fixture
def qa_file(tmp_path: Path) -> Path:
    from support.qa_corpus import build_store

    path = tmp_path / "ro" / "qa.db"
    path.parent.mkdir()
    build_store(path).close()
    return path


def test_read_only_store_refuses_writes_and_leaves_no_files(qa_file: Path):
    before = _digest(qa_file)
    with Store(qa_file, read_only=True) as s:
        assert s.counts()["documents"] > 0
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            s.conn.execute("DELETE FROM documents")
        assert _sidecars(qa_file) == []
    assert _digest(qa_file) == before and _sidecars(qa_file) == []


def test_ask_answers_and_leaves_the_store_as_it_was(qa_file: Path):
    before = _digest(qa_file)
    r = llmx("ask", QUESTION, "--db", str(qa_file))
    assert r.returncode == 0, r.stderr
    assert "Ninh Bình" in r.stdout.splitlines()[0]
    assert _digest(qa_file) == before and _sidecars(qa_file) == []


def _without_root_powers(probe_dir: Path) -> list[str] | None:
    """A command prefix under which file permissions bind (root ignores them): none needed
    for another user; for root, ``setpriv`` dropping the capabilities that bypass them.
    None when neither is available; checked by trying to write into ``probe_dir``."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        return None
    prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"]
    probe = subprocess.run([*prefix, "touch", str(probe_dir / "probe")], capture_output=True)
    return prefix if probe.returncode != 0 else None


@pytest.mark.parametrize("journal", ["delete", "wal"])  # wal: as an older llmx left it
def test_ask_answers_from_a_read_only_file_system(qa_file: Path, journal: str):
    conn = sqlite3.connect(qa_file)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.close()
    folder = qa_file.parent
    qa_file.chmod(0o444)
    folder.chmod(0o555)  # nothing can be created beside the store either
    try:
        prefix = _without_root_powers(folder)
        if prefix is None:
            pytest.skip("running as root without setpriv: chmod does not bind")
        r = subprocess.run(
            [*prefix, sys.executable, "-m", "llmx", "ask", QUESTION, "--db", str(qa_file)],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    finally:
        folder.chmod(0o755)
        qa_file.chmod(0o644)
    assert r.returncode == 0, r.stderr
    assert "Ninh Bình" in r.stdout.splitlines()[0]
    assert _sidecars(qa_file) == []


def _downgrade_to_migration_1(path: Path) -> None:
    """The store as llmx before migration 2 left it: its columns gone, its row removed."""
    conn = sqlite3.connect(path)
    for table in ("index_results", "metrics", "initiatives"):
        conn.execute(f"ALTER TABLE {table} DROP COLUMN field_evidence_json")
        conn.execute(f"ALTER TABLE {table} DROP COLUMN confidence")
    conn.execute("DELETE FROM _migrations WHERE id > 1")
    conn.commit()
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()


def test_ask_reads_an_older_store_without_upgrading_it(qa_file: Path):
    _downgrade_to_migration_1(qa_file)
    before = _digest(qa_file)
    r = llmx("ask", QUESTION, "--db", str(qa_file))
    assert r.returncode == 0, r.stderr
    assert "Ninh Bình" in r.stdout.splitlines()[0]
    assert _digest(qa_file) == before and _sidecars(qa_file) == []
    with Store(qa_file) as s:  # a writer still upgrades it
        ids = [r[0] for r in s.conn.execute("SELECT id FROM _migrations ORDER BY id")]
    assert ids == [m.id for m in mig.MIGRATIONS]


# -- 4. locked by another writer --------------------------------------------------------


def test_busy_timeout_is_the_one_given(tmp_path: Path):
    with Store(tmp_path / "a.db") as s:
        assert s.conn.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS
    with Store(tmp_path / "a.db", busy_timeout_ms=25) as s:
        assert s.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 25


def test_save_on_a_store_another_writer_holds_says_so(tmp_path: Path):
    path = tmp_path / "busy.db"
    doc, ex = _doc_and_extraction()
    with Store(path, busy_timeout_ms=20) as s:
        run = s.begin_run("rules")
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another process mid-save
        try:
            with pytest.raises(StoreError) as info:
                s.save(doc, ex, run)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert str(info.value) == (
            f"another llmx is writing to {path}; try again when it has finished"
        )
        s.save(doc, ex, run)  # once it has finished, the save goes through
        assert s.counts()["documents"] == 1


def test_opening_a_store_another_writer_holds_says_so(tmp_path: Path):
    path = tmp_path / "busy.db"
    Store(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError, match=f"^another llmx is writing to {path}; "):
            Store(path, busy_timeout_ms=20)  # a closed store is switched to WAL: a write
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_save_waits_for_a_writer_that_finishes(tmp_path: Path):
    """The busy timeout retries: a save that starts while another writer holds the lock
    goes through once that writer commits (the holder lets go well inside the timeout)."""
    path = tmp_path / "wait.db"
    doc, ex = _doc_and_extraction()
    held = threading.Event()

    def hold() -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        held.set()
        time.sleep(0.3)  # the save below is, by then, waiting on the lock
        conn.execute("COMMIT")
        conn.close()

    with Store(path) as s:
        run = s.begin_run("rules")
        t = threading.Thread(target=hold)
        t.start()
        held.wait()
        s.save(doc, ex, run)
        t.join()
        assert s.counts()["documents"] == 1
