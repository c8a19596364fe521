"""SQLite cache of chat-completion responses.

A response is keyed by a SHA-256 over the endpoint, the structured-output mode and the whole
request body as sent (model, messages, tools or response_format, i.e. the schema, and sampling
parameters). A re-run of the same documents sends the same requests, re-asks included, so it
is answered entirely from here: zero HTTP requests. Neither the API key nor any header is part
of the key or of what is stored.

Where: ``LLMX_CACHE`` if set, else ``llmx-cache.db`` next to the store database (``--db``,
``LLMX_DB``, default ``./llmx.db``).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from llmx.errors import ConfigError
from llmx.store.paths import resolve_store_path

CACHE_FILENAME = "llmx-cache.db"
_KEY_VERSION = "llmx-cache-v1"
# Transport options that do not change the answer and must not split the cache.
_NOT_KEYED = {"timeout", "extra_headers"}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    key TEXT PRIMARY KEY,
    endpoint TEXT NOT NULL,
    model TEXT NOT NULL,
    mode TEXT NOT NULL,
    created_at REAL NOT NULL,
    prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    response TEXT NOT NULL
)
"""


def cache_path(db: str | Path | None = None) -> Path:
    """``LLMX_CACHE``, else ``llmx-cache.db`` beside the store database."""
    env = os.environ.get("LLMX_CACHE")
    if env:
        return Path(env)
    store = resolve_store_path(db)
    return store.with_name(CACHE_FILENAME)


def request_key(endpoint: str, mode: str, request: dict[str, Any]) -> str:
    body = {k: v for k, v in request.items() if k not in _NOT_KEYED}
    blob = json.dumps(
        [_KEY_VERSION, endpoint, mode, body],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=_jsonable,
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _jsonable(obj: Any) -> Any:
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json", exclude_unset=True)
    return str(obj)


class ResponseCache:
    """One connection, guarded by a lock (the backend's event loop thread is its only user in
    practice; ``llmx cache`` opens its own). WAL lets parallel runs read while one writes."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.parent.is_dir():
            raise ConfigError(f"cannot open cache {self.path}: folder does not exist")
        try:
            self._conn = sqlite3.connect(
                str(self.path), isolation_level=None, check_same_thread=False
            )
            self._conn.execute("PRAGMA busy_timeout = 5000")
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute(_SCHEMA)
        except sqlite3.Error as exc:
            raise ConfigError(f"cannot open cache {self.path}: {exc}") from None
        self._lock = threading.Lock()

    def get(self, key: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT response FROM responses WHERE key = ?", (key,)
            ).fetchone()
        return json.loads(row[0]) if row else None

    def put(
        self,
        key: str,
        *,
        endpoint: str,
        model: str,
        mode: str,
        response: dict[str, Any],
        prompt_tokens: int = 0,
        completion_tokens: int = 0,
    ) -> None:
        blob = json.dumps(response, ensure_ascii=False, separators=(",", ":"))
        with self._lock:
            self._conn.execute(
                "INSERT OR REPLACE INTO responses (key, endpoint, model, mode, created_at,"
                " prompt_tokens, completion_tokens, response) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (key, endpoint, model, mode, time.time(), prompt_tokens, completion_tokens, blob),
            )

    def info(self) -> dict[str, Any]:
        with self._lock:
            total = self._conn.execute(
                "SELECT COUNT(*), COALESCE(SUM(prompt_tokens), 0),"
                " COALESCE(SUM(completion_tokens), 0), MIN(created_at), MAX(created_at)"
                " FROM responses"
            ).fetchone()
            by_model = self._conn.execute(
                "SELECT endpoint, model, mode, COUNT(*) FROM responses"
                " GROUP BY endpoint, model, mode ORDER BY COUNT(*) DESC"
            ).fetchall()
        size = sum(
            p.stat().st_size
            for p in (self.path, Path(f"{self.path}-wal"))
            if p.exists()
        )
        return {
            "path": str(self.path),
            "entries": total[0],
            "bytes": size,
            "prompt_tokens": total[1],
            "completion_tokens": total[2],
            "oldest": total[3],
            "newest": total[4],
            "models": [
                {"endpoint": e, "model": m, "mode": mo, "entries": c} for e, m, mo, c in by_model
            ],
        }

    def clear(self) -> int:
        with self._lock:
            n = self._conn.execute("DELETE FROM responses").rowcount
            self._conn.execute("VACUUM")
        return n

    def close(self) -> None:
        with self._lock:
            self._conn.close()
