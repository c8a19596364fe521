"""`llmx records`: the stored records, newest first per type, with their quotes; --json,
--limit, the filters of `llmx facts`, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from support.export_corpus import TRICKY_ID, TWO_LINE_QUOTE, build_store
from typer.testing import CliRunner

from llmx.cli import records_cmd
from llmx.store import Store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("records-cli") / "records.db"
    build_store(path).close()
    return path


def run(*args: str) -> tuple[int, str, str]:
    app = typer.Typer()
    records_cmd.register(app)
    app.command("noop", hidden=True)(lambda: None)
    r = CliRunner().invoke(app, ["records", *args])
    return r.exit_code, r.stdout, r.stderr


def records_json(db: Path, *args: str) -> list[dict]:
    code, out, err = run("--db", str(db), "--json", *args)
    assert code == 0, err
    return json.loads(out)


def test_json_lists_every_record_newest_first_per_type(db: Path) -> None:
    listed = records_json(db)
    with Store(db, read_only=True) as store:
        n = store.counts()
    for table in ("index_results", "metrics", "initiatives"):
        ids = [r["id"] for r in listed if r["type"] == table]
        assert len(ids) == n[table] and ids == sorted(ids, reverse=True)
    newest = next(r for r in listed if r["type"] == "index_results")
    assert newest["doc_id"] == TRICKY_ID and newest["run_id"] == 2
    assert newest["evidence"]["quote"] == TWO_LINE_QUOTE
    assert newest["source"] == f"{TRICKY_ID}.txt"


def test_limit_is_per_type(db: Path) -> None:
    listed = records_json(db, "-n", "1")
    assert sorted(r["type"] for r in listed) == ["index_results", "initiatives", "metrics"]
    assert records_json(db, "-n", "2", "-t", "index_results")[1]["id"] < records_json(
        db, "-n", "1", "-t", "index_results"
    )[0]["id"]


def test_filters(db: Path) -> None:
    dien_bien = records_json(db, "--entity", "Dien Bien")
    assert {r["entity"] for r in dien_bien} == {"Điện Biên"} and len(dien_bien) == 2
    years = records_json(db, "--index", "PAR_INDEX", "--year", "2022")
    assert years and {(r["type"], r["year"]) for r in years} == {("index_results", 2022)}
    assert records_json(db, "--backend", "openai") == []


def test_plain_listing_shows_quote_and_where(db: Path) -> None:
    code, out, _ = run("--db", str(db), "-t", "metrics")
    assert code == 0
    assert out.startswith("metrics: 3 record(s), newest first")
    assert "“=Tỷ lệ hồ sơ trực tuyến của Điện Biên đạt 61%.”" in out
    assert f"{TRICKY_ID} [" in out and "run 2" in out


def test_exit_codes(db: Path, tmp_path: Path) -> None:
    assert run("--db", str(tmp_path / "none.db"))[0] == 1
    Store(tmp_path / "empty.db").close()
    assert run("--db", str(tmp_path / "empty.db"))[0] == 1
    assert run("--db", str(db), "--type", "rows")[0] == 2
    assert run("--db", str(db), "--entity", "Không Có Tỉnh Này")[0] == 2
