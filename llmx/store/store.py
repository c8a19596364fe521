"""The SQLite store: documents, extraction runs, grounded records and a sentence FTS index.

One connection per Store, autocommit mode with explicit transactions: every ``save`` is a
single ``BEGIN IMMEDIATE … COMMIT``, so an interrupted run keeps every document saved before
it and nothing half-saved. Queries only ever bind user values as parameters; column names
come from fixed whitelists in this module.
"""

from __future__ import annotations

import json
import math
import os
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

from llmx.core.document import Document
from llmx.core.records import DocumentExtraction, Evidence
from llmx.core.sentences import sentences
from llmx.core.textnorm import fold
from llmx.errors import StoreError
from llmx.store.migrations import migrate
from llmx.store.models import SentenceHit, StoredIndexResult, StoredInitiative, StoredMetric

_M = TypeVar("_M", StoredIndexResult, StoredMetric, StoredInitiative)

BUSY_TIMEOUT_MS = 5000
MAX_LIMIT = 10_000
_FTS_MAX_TOKENS = 16
_FTS_MAX_TOKEN_LEN = 64
_FTS_TOKEN = re.compile(r"[^\W_]+")  # letters and digits only: nothing FTS5 could parse
_DF_SAMPLE = 256  # postings read per query term to estimate its document frequency
_RARE_BUDGET = 2000  # postings the FTS5 bm25() step may rank (about 2 µs each)
_AND_WIDTH = 3  # common tokens required together when no token is rare
_CANDIDATES = 100  # sentences re-scored per search
_BM25_K1 = 1.2
_BM25_B = 0.75

# Columns of the record tables, in insert order (fixed here, never from user input).
_IR_COLS = tuple(
    (
        "doc_id backend run_id entity entity_key entity_level idx component year score "
        "score_unit rank rank_total rank_change score_change scope is_target quote start end_ "
        "alignment"
    ).split()
)
_METRIC_COLS = tuple(
    (
        "doc_id backend run_id entity entity_key name name_key value unit year is_target "
        "quote start end_ alignment"
    ).split()
)
_INIT_COLS = tuple(
    (
        "doc_id backend run_id entity entity_key name name_key kind year quote start end_ alignment"
    ).split()
)
_RECORD_TABLES = ("index_results", "metrics", "initiatives")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _insert_sql(table: str, cols: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"


def _evidence(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "quote": row["quote"],
        "start": row["start"],
        "end": row["end_"],
        "alignment": row["alignment"],
    }


def _ir_dict(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "entity": row["entity"],
        "entity_level": row["entity_level"],
        "index": row["idx"],
        "component": row["component"],
        "year": row["year"],
        "score": row["score"],
        "score_unit": row["score_unit"],
        "rank": row["rank"],
        "rank_total": row["rank_total"],
        "rank_change": row["rank_change"],
        "score_change": row["score_change"],
        "scope": row["scope"],
        "is_target": bool(row["is_target"]),
        "evidence": _evidence(row),
    }


def _metric_dict(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "entity": row["entity"],
        "name": row["name"],
        "value": row["value"],
        "unit": row["unit"],
        "year": row["year"],
        "is_target": bool(row["is_target"]),
        "evidence": _evidence(row),
    }


def _init_dict(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "entity": row["entity"],
        "name": row["name"],
        "kind": row["kind"],
        "year": row["year"],
        "evidence": _evidence(row),
    }


def fts_tokens(query: str) -> list[str]:
    """The folded (unaccented, lower-case) letter/digit tokens of free user text, unique, in
    order, at most ``_FTS_MAX_TOKENS``; overlong tokens are dropped (they match nothing)."""
    out: list[str] = []
    for tok in _FTS_TOKEN.findall(fold(unicodedata.normalize("NFC", query))):
        if len(tok) <= _FTS_MAX_TOKEN_LEN and tok not in out:
            out.append(tok)
            if len(out) >= _FTS_MAX_TOKENS:
                break
    return out


def _phrases(tokens: list[str], op: str = " ") -> str:
    """FTS5 expression over the ``folded`` column. Tokens hold only letters and digits, so
    double-quoting each one is enough to make it a plain string to FTS5: quotes, ``*``,
    ``^``, ``:``, parentheses and NEAR/AND/OR/NOT can never reach the parser."""
    return "folded : (" + op.join(f'"{t}"' for t in tokens) + ")"


def fts_query(query: str) -> str | None:
    """Free user text as a safe FTS5 expression: every token quoted and OR-ed (over the
    unaccented column, so "cai cach" and "cải cách" are the same query). None when the text
    has no letters or digits."""
    tokens = fts_tokens(query)
    return _phrases(tokens, " OR ") if tokens else None


class Store:
    """The llmx SQLite store. Use as a context manager or call ``close()``."""

    def __init__(self, path: str | Path) -> None:
        where = str(path)
        self.path = Path(where)
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
        self.conn = conn
        self._n_sentences: int | None = None  # cached sentence count for BM25
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

    @staticmethod
    def default_path() -> Path:
        return Path(os.environ.get("LLMX_DB") or "llmx.db")

    # -- lifecycle ---------------------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction. Any exception rolls everything in it back; SQLite errors
        (locked, disk full, read-only, ...) come out as StoreError."""
        c = self.conn
        try:
            c.execute("BEGIN IMMEDIATE")
            try:
                yield c
                c.execute("COMMIT")
            except BaseException:
                if c.in_transaction:
                    c.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise StoreError(f"store {self.path}: {exc}") from exc

    # -- runs --------------------------------------------------------------------------

    def begin_run(
        self,
        backend: str,
        *,
        model: str | None = None,
        params: dict | None = None,
        prompt_version: str | None = None,
    ) -> int:
        params_json = (
            json.dumps(params, ensure_ascii=False, sort_keys=True, default=str)
            if params is not None
            else None
        )
        with self._tx() as c:
            cur = c.execute(
                "INSERT INTO runs (backend, model, params_json, prompt_version, started_at,"
                " status) VALUES (?, ?, ?, ?, ?, 'running')",
                (backend, model, params_json, prompt_version, _now()),
            )
        return int(cur.lastrowid)

    def finish_run(
        self,
        run_id: int,
        *,
        status: str,
        docs_ok: int,
        docs_skipped: int,
        docs_failed: int,
        prompt_tokens: int = 0,
        completion_tokens: int = 0,
        requests: int = 0,
    ) -> None:
        with self._tx() as c:
            cur = c.execute(
                "UPDATE runs SET finished_at = ?, status = ?, docs_ok = ?, docs_skipped = ?,"
                " docs_failed = ?, prompt_tokens = ?, completion_tokens = ?, requests = ?"
                " WHERE id = ?",
                (
                    _now(),
                    status,
                    docs_ok,
                    docs_skipped,
                    docs_failed,
                    prompt_tokens,
                    completion_tokens,
                    requests,
                    run_id,
                ),
            )
        if cur.rowcount == 0:
            raise StoreError(f"no run {run_id} in the store")

    def get_run(self, run_id: int) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            return None
        out = dict(row)
        out["params"] = json.loads(out.pop("params_json") or "null")
        return out

    # -- write side --------------------------------------------------------------------

    def is_current(self, doc_id: str, sha256: str, backend: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM extractions WHERE doc_id = ? AND backend = ? AND sha256 = ?",
            (doc_id, backend, sha256),
        ).fetchone()
        return row is not None

    def save(
        self,
        doc: Document,
        extraction: DocumentExtraction,
        run_id: int,
        *,
        prompt_tokens: int = 0,
        completion_tokens: int = 0,
    ) -> None:
        """Store one document and what ``extraction.backend`` found in it, in ONE transaction:
        upsert the document, replace this doc+backend's records, refresh the FTS sentences if
        the text is new or changed, upsert the extractions row. On any error nothing changes.

        When a document's text changes, records other backends stored for it are dropped
        with their extractions rows: their evidence offsets point into the old text. Those
        backends then see the document as not current and extract it again."""
        if extraction.doc_id != doc.doc_id:
            raise ValueError(f"extraction is for {extraction.doc_id!r}, not {doc.doc_id!r}")
        if extraction.sha256 != doc.sha256:
            raise ValueError(f"extraction of {doc.doc_id!r} was made from other bytes (sha256)")
        for rec in (*extraction.index_results, *extraction.metrics, *extraction.initiatives):
            ev = rec.evidence
            if doc.text[ev.start : ev.end] != ev.quote:
                raise ValueError(
                    f"{doc.doc_id}: evidence [{ev.start}:{ev.end}] does not match the text"
                )
        backend = extraction.backend
        now = _now()
        with self._tx() as c:
            if not c.execute("SELECT 1 FROM runs WHERE id = ?", (run_id,)).fetchone():
                raise StoreError(f"no run {run_id} in the store; call begin_run() first")
            old = c.execute("SELECT text FROM documents WHERE doc_id = ?", (doc.doc_id,)).fetchone()
            c.execute(
                "INSERT INTO documents (doc_id, source, sha256, title, published, text, added_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(doc_id) DO UPDATE SET source = excluded.source,"
                " sha256 = excluded.sha256, title = excluded.title,"
                " published = excluded.published, text = excluded.text",
                (
                    doc.doc_id,
                    doc.source,
                    doc.sha256,
                    doc.title,
                    doc.published.isoformat() if doc.published else None,
                    doc.text,
                    now,
                ),
            )
            text_changed = old is None or old["text"] != doc.text
            if old is not None and text_changed:
                self._delete_sentences(doc.doc_id)
                for table in (*_RECORD_TABLES, "extractions"):
                    c.execute(
                        f"DELETE FROM {table} WHERE doc_id = ? AND backend != ?",
                        (doc.doc_id, backend),
                    )
            if text_changed:
                self._insert_sentences(doc)
                self._n_sentences = None
            for table in _RECORD_TABLES:
                c.execute(
                    f"DELETE FROM {table} WHERE doc_id = ? AND backend = ?", (doc.doc_id, backend)
                )
            self._insert_records(doc.doc_id, backend, run_id, extraction)
            c.execute(
                "INSERT INTO extractions (doc_id, backend, sha256, run_id, extracted_at,"
                " prompt_tokens, completion_tokens) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(doc_id, backend) DO UPDATE SET sha256 = excluded.sha256,"
                " run_id = excluded.run_id, extracted_at = excluded.extracted_at,"
                " prompt_tokens = excluded.prompt_tokens,"
                " completion_tokens = excluded.completion_tokens",
                (doc.doc_id, backend, doc.sha256, run_id, now, prompt_tokens, completion_tokens),
            )

    def _insert_records(
        self, doc_id: str, backend: str, run_id: int, ex: DocumentExtraction
    ) -> None:
        c = self.conn
        c.executemany(
            _insert_sql("index_results", _IR_COLS),
            [
                (
                    doc_id,
                    backend,
                    run_id,
                    r.entity,
                    fold(r.entity),
                    r.entity_level,
                    r.index,
                    r.component,
                    r.year,
                    r.score,
                    r.score_unit,
                    r.rank,
                    r.rank_total,
                    r.rank_change,
                    r.score_change,
                    r.scope,
                    int(r.is_target),
                    r.evidence.quote,
                    r.evidence.start,
                    r.evidence.end,
                    r.evidence.alignment,
                )
                for r in ex.index_results
            ],
        )
        c.executemany(
            _insert_sql("metrics", _METRIC_COLS),
            [
                (
                    doc_id,
                    backend,
                    run_id,
                    m.entity,
                    fold(m.entity),
                    m.name,
                    fold(m.name),
                    m.value,
                    m.unit,
                    m.year,
                    int(m.is_target),
                    m.evidence.quote,
                    m.evidence.start,
                    m.evidence.end,
                    m.evidence.alignment,
                )
                for m in ex.metrics
            ],
        )
        c.executemany(
            _insert_sql("initiatives", _INIT_COLS),
            [
                (
                    doc_id,
                    backend,
                    run_id,
                    i.entity,
                    fold(i.entity),
                    i.name,
                    fold(i.name),
                    i.kind,
                    i.year,
                    i.evidence.quote,
                    i.evidence.start,
                    i.evidence.end,
                    i.evidence.alignment,
                )
                for i in ex.initiatives
            ],
        )

    def _delete_sentences(self, doc_id: str) -> None:
        c = self.conn
        rng = c.execute(
            "SELECT first_rowid, last_rowid FROM sentence_ranges WHERE doc_id = ?", (doc_id,)
        ).fetchone()
        if rng is not None:
            c.execute("DELETE FROM sentences WHERE rowid BETWEEN ? AND ?", tuple(rng))
            c.execute("DELETE FROM sentence_ranges WHERE doc_id = ?", (doc_id,))
        else:  # no range recorded (should not happen): fall back to a scan
            c.execute("DELETE FROM sentences WHERE doc_id = ?", (doc_id,))

    def _insert_sentences(self, doc: Document) -> None:
        c = self.conn
        rows = []
        for span in sentences(doc.text):
            s = span.of(doc.text)
            rows.append((doc.doc_id, span.start, span.end, s, fold(s)))
        if not rows:
            return
        last = c.execute("SELECT rowid FROM sentences ORDER BY rowid DESC LIMIT 1").fetchone()
        first = (last[0] if last else 0) + 1
        c.executemany(
            "INSERT INTO sentences (rowid, doc_id, start, end_, text, folded)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(first + i, *row) for i, row in enumerate(rows)],
        )
        c.execute(
            "INSERT INTO sentence_ranges (doc_id, first_rowid, last_rowid) VALUES (?, ?, ?)",
            (doc.doc_id, first, first + len(rows) - 1),
        )

    # -- read side ---------------------------------------------------------------------

    def get_document(self, doc_id: str) -> Document | None:
        row = self.conn.execute(
            "SELECT doc_id, source, sha256, title, published, text FROM documents WHERE doc_id = ?",
            (doc_id,),
        ).fetchone()
        if row is None:
            return None
        return Document(
            doc_id=row["doc_id"],
            source=row["source"],
            sha256=row["sha256"],
            text=row["text"],
            title=row["title"],
            published=date.fromisoformat(row["published"]) if row["published"] else None,
        )

    def get_extraction(self, doc_id: str, backend: str) -> DocumentExtraction | None:
        """Rebuild and validate what ``backend`` extracted from ``doc_id``. Evidence spans
        are checked against the stored text."""
        row = self.conn.execute(
            "SELECT e.sha256 AS ex_sha, d.source, d.title, d.published,"
            " d.text FROM extractions e JOIN documents d ON d.doc_id = e.doc_id"
            " WHERE e.doc_id = ? AND e.backend = ?",
            (doc_id, backend),
        ).fetchone()
        if row is None:
            return None
        key = (doc_id, backend)
        data = {
            "doc_id": doc_id,
            "source": row["source"],
            "sha256": row["ex_sha"],
            "title": row["title"],
            "published": row["published"],
            "backend": backend,
            "index_results": [
                _ir_dict(r)
                for r in self.conn.execute(
                    "SELECT * FROM index_results WHERE doc_id = ? AND backend = ? ORDER BY id",
                    key,
                )
            ],
            "metrics": [
                _metric_dict(r)
                for r in self.conn.execute(
                    "SELECT * FROM metrics WHERE doc_id = ? AND backend = ? ORDER BY id", key
                )
            ],
            "initiatives": [
                _init_dict(r)
                for r in self.conn.execute(
                    "SELECT * FROM initiatives WHERE doc_id = ? AND backend = ? ORDER BY id", key
                )
            ],
        }
        return DocumentExtraction.model_validate(data, context={"text": row["text"]})

    def iter_extractions(self, backend: str | None = None) -> Iterator[DocumentExtraction]:
        """Every stored extraction (optionally of one backend), ordered by doc_id, backend."""
        if backend is None:
            keys = self.conn.execute(
                "SELECT doc_id, backend FROM extractions ORDER BY doc_id, backend"
            ).fetchall()
        else:
            keys = self.conn.execute(
                "SELECT doc_id, backend FROM extractions WHERE backend = ? ORDER BY doc_id",
                (backend,),
            ).fetchall()
        for doc_id, be in keys:
            ex = self.get_extraction(doc_id, be)
            if ex is not None:  # deleted since the key list was read
                yield ex

    def backends(self) -> list[str]:
        return [
            r[0] for r in self.conn.execute("SELECT DISTINCT backend FROM extractions ORDER BY 1")
        ]

    def counts(self) -> dict[str, int]:
        return {
            t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", *_RECORD_TABLES)
        }

    def _select(
        self,
        table: str,
        filters: list[tuple[str, Any]],
        *,
        include_targets: bool | None,
        limit: int,
        order: str,
    ) -> list[sqlite3.Row]:
        """``filters``: (SQL condition with one ``?``, value) pairs, conditions written in this
        module only; values are always bound."""
        limit = max(0, min(int(limit), MAX_LIMIT))
        if limit == 0:
            return []
        where = [cond for cond, v in filters if v is not None]
        params = [v for _, v in filters if v is not None]
        if include_targets is False:
            where.append("is_target = 0")
        sql = f"SELECT * FROM {table}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {order} LIMIT ?"
        return self.conn.execute(sql, [*params, limit]).fetchall()

    def query_index_results(
        self,
        *,
        entity_key: str | None = None,
        index: str | None = None,
        component: str | None = None,
        year: int | None = None,
        rank: int | None = None,
        scope: str | None = None,
        backend: str | None = None,
        include_targets: bool = False,
        limit: int = 200,
    ) -> list[StoredIndexResult]:
        """Index results matching every filter given (None = any). ``entity_key`` is folded
        (diacritics- and case-insensitive); the other strings match exactly. Newest year
        first, then latest stored."""
        rows = self._select(
            "index_results",
            [
                ("entity_key = ?", fold(entity_key) if entity_key is not None else None),
                ("idx = ?", index),
                ("component = ?", component),
                ("year = ?", year),
                ("rank = ?", rank),
                ("scope = ?", scope),
                ("backend = ?", backend),
            ],
            include_targets=include_targets,
            limit=limit,
            order="year DESC, id DESC",
        )
        return [_construct(StoredIndexResult, _ir_dict(r), r) for r in rows]

    def query_metrics(
        self,
        *,
        entity_key: str | None = None,
        name_key_like: str | None = None,
        unit: str | None = None,
        year: int | None = None,
        backend: str | None = None,
        include_targets: bool = False,
        limit: int = 200,
    ) -> list[StoredMetric]:
        """Metrics matching every filter given. ``name_key_like`` is a substring of the
        folded metric name (``%``/``_`` in it are literal). Newest year first, then latest
        stored."""
        rows = self._select(
            "metrics",
            [
                ("entity_key = ?", fold(entity_key) if entity_key is not None else None),
                ("name_key LIKE ? ESCAPE '\\'", _like(name_key_like)),
                ("unit = ?", unit),
                ("year = ?", year),
                ("backend = ?", backend),
            ],
            include_targets=include_targets,
            limit=limit,
            order="year DESC, id DESC",
        )
        return [_construct(StoredMetric, _metric_dict(r), r) for r in rows]

    def query_initiatives(
        self,
        *,
        name_key_like: str | None = None,
        entity_key: str | None = None,
        kind: str | None = None,
        year: int | None = None,
        backend: str | None = None,
        limit: int = 200,
    ) -> list[StoredInitiative]:
        """Initiatives matching every filter given. ``name_key_like`` is a substring of the
        folded name (``%``/``_`` in it are literal)."""
        rows = self._select(
            "initiatives",
            [
                ("name_key LIKE ? ESCAPE '\\'", _like(name_key_like)),
                ("entity_key = ?", fold(entity_key) if entity_key is not None else None),
                ("kind = ?", kind),
                ("year = ?", year),
                ("backend = ?", backend),
            ],
            include_targets=None,
            limit=limit,
            order="year DESC, id DESC",
        )
        return [_construct(StoredInitiative, _init_dict(r), r) for r in rows]

    def search_sentences(self, query: str, limit: int = 5) -> list[SentenceHit]:
        """Stored sentences that best match free text, best first. Matching runs on the
        unaccented copy of each sentence, so a query with or without diacritics gives the
        same hits. Any input is safe; text without letters or digits returns [].

        Ranking is BM25 in two steps, so a search stays in the low milliseconds on a large
        store (FTS5's ``bm25()`` reads the whole posting list of every query term, 100 ms to
        seconds for the common words of 10,000 CCHC articles):

        1. Each token's sentence frequency is estimated from its first ``_DF_SAMPLE``
           postings. The rarest tokens, up to ``_RARE_BUDGET`` postings together, are OR-ed
           and FTS5 ``bm25()`` picks the best ``_CANDIDATES`` sentences among them. If that
           leaves room, the newest sentences holding the rarest ``_AND_WIDTH`` common tokens
           together, then any of them, fill it.
        2. Those candidates are re-scored with BM25 over all the query tokens."""
        if not isinstance(query, str):
            return []
        limit = max(0, min(int(limit), MAX_LIMIT))
        tokens = fts_tokens(query)
        if not tokens or limit == 0:
            return []
        c = self.conn
        last = c.execute("SELECT rowid FROM sentences ORDER BY rowid DESC LIMIT 1").fetchone()
        if last is None:
            return []
        n_rows = self._sentence_count()
        df: dict[str, float] = {}
        for t in tokens:
            hits, last_hit = c.execute(
                "SELECT count(*), max(rowid) FROM (SELECT rowid FROM sentences"
                " WHERE sentences MATCH ? LIMIT ?)",
                (_phrases([t]), _DF_SAMPLE),
            ).fetchone()
            if hits:
                # Postings come in rowid order: the first _DF_SAMPLE of them cover rowids
                # 1..last_hit, so scale up to the whole table.
                est = hits if hits < _DF_SAMPLE else hits * last[0] / max(last_hit, 1)
                df[t] = min(float(n_rows), est)
        tokens = sorted((t for t in tokens if t in df), key=df.__getitem__)  # rarest first
        if not tokens:
            return []

        want = max(_CANDIDATES, limit)
        select = "SELECT rowid, doc_id, start, end_, text, folded FROM sentences"
        rare: list[str] = []
        budget = 0.0
        for t in tokens:
            budget += df[t]
            if budget > _RARE_BUDGET:
                break
            rare.append(t)
        cands: dict[int, tuple] = {}
        if rare:  # few postings: let FTS5 rank them all
            for row in c.execute(
                f"{select} WHERE sentences MATCH ? ORDER BY bm25(sentences) LIMIT ?",
                (_phrases(rare, " OR "), want),
            ):
                cands[row[0]] = tuple(row)
        rest = tokens[len(rare) :]
        if len(cands) < want and rest:
            # Common tokens only: sentences holding the rarest few of them together (an
            # empty AND of many common tokens would cost a scan of every posting list), then
            # any of them; newest first.
            stages = [_phrases(rest[:_AND_WIDTH])] if len(rest) > 1 else []
            stages.append(_phrases(rest, " OR "))
            for expr in stages:
                for row in c.execute(
                    f"{select} WHERE sentences MATCH ? ORDER BY rowid DESC LIMIT ?",
                    (expr, want - len(cands)),
                ):
                    cands.setdefault(row[0], tuple(row))
                if len(cands) >= want:
                    break
        return self._rank(cands.values(), df, n_rows, limit)

    @staticmethod
    def _rank(
        rows: Iterable[tuple], df: dict[str, float], n_rows: int, limit: int
    ) -> list[SentenceHit]:
        idf = {t: math.log(1 + (n_rows - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        counted = []
        for row in rows:
            words = _FTS_TOKEN.findall(row[5])
            tf: dict[str, int] = {}
            for w in words:
                if w in idf:
                    tf[w] = tf.get(w, 0) + 1
            counted.append((tf, len(words), row))
        if not counted:
            return []
        avgdl = sum(n for _, n, _ in counted) / len(counted) or 1.0
        scored = []
        for tf, dl, row in counted:
            norm = _BM25_K1 * (1 - _BM25_B + _BM25_B * dl / avgdl)
            score = sum(idf[t] * f * (_BM25_K1 + 1) / (f + norm) for t, f in tf.items())
            scored.append((-score, -row[0], row))  # ties: newest stored first
        scored.sort(key=lambda x: (x[0], x[1]))
        return [
            SentenceHit(doc_id=r[1], start=r[2], end=r[3], text=r[4], score=round(-neg, 6))
            for neg, _, r in scored[:limit]
        ]

    def _sentence_count(self) -> int:
        if self._n_sentences is None:
            self._n_sentences = self.conn.execute(
                "SELECT coalesce(sum(last_rowid - first_rowid + 1), 0) FROM sentence_ranges"
            ).fetchone()[0]
        return max(1, self._n_sentences)


def _construct(cls: type[_M], fields: dict[str, Any], row: sqlite3.Row) -> _M:
    """Build a query result without re-validating it: every row was validated (grounding
    included) before it was saved, and validation would cost ~0.1 ms per record."""
    fields["evidence"] = Evidence.model_construct(**fields["evidence"])
    return cls.model_construct(doc_id=row["doc_id"], backend=row["backend"], **fields)


def _like(substring: str | None) -> str | None:
    if substring is None:
        return None
    key = fold(substring)
    return "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
