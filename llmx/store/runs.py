"""Extraction runs: one ``runs`` row per ``llmx extract`` invocation, begun and finished."""

from __future__ import annotations

import json
from typing import Any

from llmx.errors import StoreError
from llmx.store.connection import StoreBase, now, transaction


class Runs(StoreBase):
    """The ``runs`` table."""

    def begin_run(
        self,
        backend: str,
        *,
        model: str | None = None,
        params: dict[str, Any] | None = None,
        prompt_version: str | None = None,
    ) -> int:
        """Record a run as started ('running'); returns its id."""
        params_json = (
            json.dumps(params, ensure_ascii=False, sort_keys=True, default=str)
            if params is not None
            else None
        )
        with transaction(self.conn, self.path) as c:
            cur = c.execute(
                "INSERT INTO runs (backend, model, params_json, prompt_version, started_at,"
                " status) VALUES (?, ?, ?, ?, ?, 'running')",
                (backend, model, params_json, prompt_version, now()),
            )
        if cur.lastrowid is None:  # never after an INSERT; keeps the type an int
            raise StoreError(f"store {self.path}: the new run has no id")
        return cur.lastrowid

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
        """Record a run's end, status and totals. StoreError if there is no such run."""
        with transaction(self.conn, self.path) as c:
            cur = c.execute(
                "UPDATE runs SET finished_at = ?, status = ?, docs_ok = ?, docs_skipped = ?,"
                " docs_failed = ?, prompt_tokens = ?, completion_tokens = ?, requests = ?"
                " WHERE id = ?",
                (
                    now(),
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
        """The run's row as a dict, ``params_json`` decoded as ``params``; None if absent."""
        row = self.conn.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            return None
        out = dict(row)
        out["params"] = json.loads(out.pop("params_json") or "null")
        return out

    def run_exists(self, run_id: int) -> bool:
        """Whether a run with this id is recorded."""
        row = self.conn.execute("SELECT 1 FROM runs WHERE id = ?", (run_id,)).fetchone()
        return row is not None
