"""Numbered schema migrations for the SQLite store (after simonw/llm's ``migrations.py``).

Each migration has a fixed number and runs once, in its own transaction; the ones applied
are recorded in ``_migrations(id, name, applied_at)``. To change the schema, append a new
``Migration`` with the next number. Never edit or renumber one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True, slots=True)
class Migration:
    id: int
    name: str
    apply: str | Callable[[sqlite3.Connection], None]  # SQL script or function(conn)
    # False for a migration that only speeds reads up (an index): a read-only open reads a
    # store without it as it is, instead of copying the store into memory to apply it.
    readers_need: bool = True


def _records_columns(extra: str) -> str:
    return f"""
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    backend TEXT NOT NULL,
    run_id INTEGER REFERENCES runs(id),
    {extra},
    quote TEXT NOT NULL,
    start INTEGER NOT NULL,
    end_ INTEGER NOT NULL,
    alignment TEXT NOT NULL DEFAULT 'exact'
    """


_INDEX_RESULTS_COLUMNS = _records_columns("""
    entity TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    entity_level TEXT NOT NULL,
    idx TEXT NOT NULL,
    component TEXT,
    year INTEGER,
    score REAL,
    score_unit TEXT,
    rank INTEGER,
    rank_total INTEGER,
    rank_change INTEGER,
    score_change REAL,
    scope TEXT NOT NULL DEFAULT 'national',
    is_target INTEGER NOT NULL DEFAULT 0""")

_METRICS_COLUMNS = _records_columns("""
    entity TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    value REAL NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    year INTEGER,
    is_target INTEGER NOT NULL DEFAULT 0""")

_INITIATIVES_COLUMNS = _records_columns("""
    entity TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    year INTEGER""")

M001_INITIAL = f"""
CREATE TABLE documents (
    doc_id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    title TEXT,
    published TEXT,
    text TEXT NOT NULL,
    added_at TEXT NOT NULL
);

CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    backend TEXT NOT NULL,
    model TEXT,
    params_json TEXT,
    prompt_version TEXT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL DEFAULT 'running',
    docs_ok INTEGER NOT NULL DEFAULT 0,
    docs_skipped INTEGER NOT NULL DEFAULT 0,
    docs_failed INTEGER NOT NULL DEFAULT 0,
    prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    requests INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE extractions (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    backend TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    run_id INTEGER REFERENCES runs(id),
    extracted_at TEXT NOT NULL,
    prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (doc_id, backend)
);
CREATE INDEX extractions_backend ON extractions(backend);

CREATE TABLE index_results ({_INDEX_RESULTS_COLUMNS});
CREATE INDEX index_results_doc ON index_results(doc_id, backend);
CREATE INDEX index_results_entity ON index_results(entity_key, idx, year);
CREATE INDEX index_results_entity_year ON index_results(entity_key, year);
CREATE INDEX index_results_idx_year ON index_results(idx, year);
CREATE INDEX index_results_rank ON index_results(rank, year);

CREATE TABLE metrics ({_METRICS_COLUMNS});
CREATE INDEX metrics_doc ON metrics(doc_id, backend);
CREATE INDEX metrics_entity ON metrics(entity_key, year);
CREATE INDEX metrics_name ON metrics(name_key);
CREATE INDEX metrics_year ON metrics(year);

CREATE TABLE initiatives ({_INITIATIVES_COLUMNS});
CREATE INDEX initiatives_doc ON initiatives(doc_id, backend);
CREATE INDEX initiatives_entity ON initiatives(entity_key, year);
CREATE INDEX initiatives_name ON initiatives(name_key);
CREATE INDEX initiatives_year ON initiatives(year);

CREATE VIRTUAL TABLE sentences USING fts5(
    doc_id UNINDEXED, start UNINDEXED, end_ UNINDEXED, text, folded,
    tokenize='unicode61 remove_diacritics 2'
);

-- Which contiguous FTS rowids hold a document's sentences, so replacing them is a rowid
-- range delete instead of a scan of the whole FTS table (doc_id is UNINDEXED there).
CREATE TABLE sentence_ranges (
    doc_id TEXT PRIMARY KEY REFERENCES documents(doc_id) ON DELETE CASCADE,
    first_rowid INTEGER NOT NULL,
    last_rowid INTEGER NOT NULL
);
"""


# Field-level evidence and confidence on every record (issue 10). ADD COLUMN keeps the rows
# of an older store: their field evidence reads back empty (every field from the record's
# evidence) and their confidence as not assessed.
M002_FIELD_EVIDENCE_CONFIDENCE = "\n".join(
    f"ALTER TABLE {table} ADD COLUMN field_evidence_json TEXT NOT NULL DEFAULT '{{}}';\n"
    f"ALTER TABLE {table} ADD COLUMN confidence REAL;"
    for table in ("index_results", "metrics", "initiatives")
)


# The QA engine's grouped reads over a whole index (``distinct_facts``: "which province
# gained the most", "who leads"): every column they filter and group on, so SQLite reads
# this index alone instead of one table row (quote included) per stored result; 0.18 ->
# 0.10 s for an index's 43,000 rows on a store of 10,000 documents.
M003_INDEX_RESULTS_FACTS = """
CREATE INDEX IF NOT EXISTS index_results_facts ON index_results(
    idx, year, entity_key, component, scope, is_target, score, rank, rank_total,
    rank_change, score_change, entity_level, backend
);
"""


# Searches match the unaccented ``folded`` column only (``search``): the accented ``text``
# column is kept for the hits but no longer tokenized, which took a third of what storing a
# document's sentences costs (its tokens were ``folded``'s over again). BM25 is unchanged:
# both columns held the same number of tokens, so a sentence's length over the average is
# the same with one of them. Readers do not need it: the columns are the same.
M004_SENTENCES_TEXT_UNINDEXED = """
CREATE VIRTUAL TABLE sentences_m004 USING fts5(
    doc_id UNINDEXED, start UNINDEXED, end_ UNINDEXED, text UNINDEXED, folded,
    tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO sentences_m004 (rowid, doc_id, start, end_, text, folded)
    SELECT rowid, doc_id, start, end_, text, folded FROM sentences;
DROP TABLE sentences;
ALTER TABLE sentences_m004 RENAME TO sentences;
"""


MIGRATIONS: list[Migration] = [
    Migration(1, "initial", M001_INITIAL),
    Migration(2, "field_evidence_confidence", M002_FIELD_EVIDENCE_CONFIDENCE),
    Migration(3, "index_results_facts", M003_INDEX_RESULTS_FACTS, readers_need=False),
    Migration(4, "sentences_text_unindexed", M004_SENTENCES_TEXT_UNINDEXED, readers_need=False),
]


def readers_need(ids: list[int]) -> bool:
    """Whether a store still lacking the migrations ``ids`` must be migrated to be read."""
    by_id = {m.id: m for m in MIGRATIONS}
    return any(by_id[i].readers_need if i in by_id else True for i in ids)


def _statements(script: str) -> list[str]:
    """Split a SQL script into complete statements (``executescript`` would COMMIT first and
    so could not run inside our transaction)."""
    out: list[str] = []
    buf = ""
    for piece in script.split(";"):
        buf += piece + ";"
        if sqlite3.complete_statement(buf):
            stmt = buf.strip()
            lines = [ln for ln in stmt.splitlines() if not ln.strip().startswith("--")]
            if "".join(lines).strip(" ;\n\t"):
                out.append(stmt)
            buf = ""
    if buf.strip(" ;\n\t"):
        out.append(buf)
    return out


def known_migrations() -> dict[int, str]:
    """The id and name of every migration this version of llmx knows (read at call time, so
    tests can patch the list). A store that records an id not in here was made by a newer
    llmx; one whose names differ is not llmx's."""
    return {m.id: m.name for m in MIGRATIONS}


def check_numbering(migrations: list[Migration]) -> None:
    ids = [m.id for m in migrations]
    if ids != list(range(1, len(ids) + 1)):
        raise ValueError(f"migrations must be numbered 1..n in order, got {ids}")


def applied_ids(conn: sqlite3.Connection) -> set[int]:
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'"
    ).fetchone()
    if not has_table:
        return set()
    return {row[0] for row in conn.execute("SELECT id FROM _migrations")}


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply every migration not yet recorded, each in its own transaction. Returns the ids
    applied now (empty when the schema is current: then only one cheap read is done)."""
    migrations = list(MIGRATIONS)  # read at call time so tests can patch the list
    check_numbering(migrations)
    done = applied_ids(conn)
    if all(m.id in done for m in migrations):
        return []
    conn.execute(
        "CREATE TABLE IF NOT EXISTS _migrations ("
        "id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    if conn.in_transaction:  # a legacy-mode connection may have opened one implicitly
        conn.execute("COMMIT")
    applied: list[int] = []
    for m in migrations:
        if m.id in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have applied it while we waited for the write lock.
            if conn.execute("SELECT 1 FROM _migrations WHERE id = ?", (m.id,)).fetchone():
                conn.execute("COMMIT")
                continue
            if isinstance(m.apply, str):
                for stmt in _statements(m.apply):
                    conn.execute(stmt)
            else:
                m.apply(conn)
            conn.execute(
                "INSERT INTO _migrations (id, name, applied_at) VALUES (?, ?, ?)",
                (m.id, m.name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        applied.append(m.id)
    return applied
