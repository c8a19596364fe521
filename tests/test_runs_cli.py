"""`llmx runs list`: the runs table newest first, with the records each run still holds;
--json, --limit, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from support.export_corpus import TRICKY, TRICKY_ID, build_store, tricky_extraction
from support.qa_corpus import doc
from typer.testing import CliRunner

from llmx.cli import runs_cmd
from llmx.store import Store


def run(*args: str) -> tuple[int, str, str]:
    app = typer.Typer()
    runs_cmd.register(app)
    r = CliRunner().invoke(app, ["runs", "list", *args])
    return r.exit_code, r.stdout, r.stderr


def runs_json(db: Path, *args: str) -> list[dict]:
    code, out, err = run("--db", str(db), "--json", *args)
    assert code == 0, err
    return json.loads(out)


def test_json_newest_first_with_records_held(tmp_path: Path) -> None:
    db = tmp_path / "runs.db"
    build_store(db).close()
    second, first = runs_json(db)
    assert (second["id"], first["id"]) == (2, 1)
    assert (first["records"], second["records"]) == (9, 2)
    assert (first["docs"], second["docs"]) == (3, 1)
    assert second["model"] == "test-model" and second["status"] == "ok"
    assert second["rejected"] is None  # not kept by the store
    assert "params_json" not in second
    # A third run extracts the second run's document again: its records move to run 3.
    store = Store(db)
    run_id = store.begin_run("rules")
    store.save(doc(TRICKY_ID, TRICKY), tricky_extraction("rules"), run_id)
    store.finish_run(run_id, status="ok", docs_ok=1, docs_skipped=0, docs_failed=0)
    store.close()
    held = {r["id"]: r["records"] for r in runs_json(db)}
    assert held == {3: 2, 2: 0, 1: 9}
    assert [r["id"] for r in runs_json(db, "-n", "1")] == [3]


def test_plain_table(tmp_path: Path) -> None:
    db = tmp_path / "runs.db"
    build_store(db).close()
    code, out, _ = run("--db", str(db))
    assert code == 0
    header, *lines = out.splitlines()
    assert header.split() == [
        "id", "started", "backend", "model", "docs", "records", "rejected", "status",
    ]  # fmt: skip
    assert lines[0].split()[0] == "2" and "test-model" in lines[0] and lines[0].endswith("ok")
    assert lines[1].split()[0] == "1"


def test_missing_store_or_no_run_exits_1(tmp_path: Path) -> None:
    code, _, err = run("--db", str(tmp_path / "none.db"))
    assert code == 1 and "no store" in err
    Store(tmp_path / "empty.db").close()
    code, _, err = run("--db", str(tmp_path / "empty.db"))
    assert code == 1 and "no run" in err
