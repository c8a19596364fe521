"""`llmx export` to CSV and JSONL as a user runs it: every record, quotes intact through a
CSV reader (BOM, commas, quotes, line breaks), facts, filters, refusing to overwrite, no
half file on failure, exit codes, and a CLI that does not import openpyxl to start."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from support.export_corpus import TRICKY_ID, TWO_LINE_QUOTE, build_store
from typer.testing import CliRunner

from llmx.cli import export_cmd
from llmx.export import columns
from llmx.store import Store
from llmx.store.tables import RECORD_TABLES


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "export.db"
    build_store(path).close()
    return path


def _app() -> typer.Typer:
    app = typer.Typer()
    export_cmd.register(app)
    app.command("noop", hidden=True)(lambda: None)  # two commands: `export` stays a verb
    return app


def run(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(_app(), ["export", *args])
    return r.exit_code, r.stderr


def stored_ids(
    db: Path, tables: tuple[str, ...] = RECORD_TABLES, **filters: object
) -> set[tuple[str, int]]:
    with Store(db, read_only=True) as store:
        return {(t, row.id) for t in tables for row in store.iter_record_rows(t, **filters)}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_holds_every_record_and_round_trips(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "records.csv"
    code, err = run("--db", str(db), "-o", str(out))
    assert code == 0, err
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    assert b"\r\n" in raw  # RFC 4180 line ends
    rows = read_csv(out)
    assert list(rows[0])[0] == "type"  # the BOM is not part of the first header
    assert {(r["type"], int(r["id"])) for r in rows} == stored_ids(db)
    tricky = next(r for r in rows if r["doc_id"] == TRICKY_ID and r["type"] == "index_results")
    assert tricky["evidence_quote"] == TWO_LINE_QUOTE  # quote, commas and line break intact
    assert '"' in tricky["evidence_quote"] and "\n" in tricky["evidence_quote"]
    start, end = int(tricky["evidence_start"]), int(tricky["evidence_end"])
    assert end - start == len(TWO_LINE_QUOTE)
    assert (tricky["entity"], tricky["rank"], tricky["score"]) == ("Điện Biên", "9", "80.12")
    assert tricky["source"] == f"{TRICKY_ID}.txt" and tricky["run_id"] == "2"


def test_csv_header_is_the_union_of_the_spec_columns(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "records.csv"
    assert run("--db", str(db), "-o", str(out))[0] == 0
    with out.open(encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f))
    assert header[0] == "type"
    for table in RECORD_TABLES:
        names = [c.name for c in columns.record_columns(table)]
        assert set(names) <= set(header)
    assert len(header) == len(set(header))  # a column several types have appears once
    assert {"evidence_quote", "evidence_start", "evidence_end", "doc_id", "confidence"} <= set(
        header
    )


def test_facts_csv_one_row_per_fact_with_every_stated_value(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "facts.csv"
    code, err = run("--db", str(db), "-o", str(out), "--what", "facts", "--entity", "bac giang")
    assert code == 0, err
    rows = read_csv(out)
    ranked = [r for r in rows if r["type"] == "index_results" and r["component"] == ""]
    by_year = {r["year"]: r for r in ranked}
    assert set(by_year) == {"2022", "2023"}
    assert by_year["2022"]["rank_stated"] == "4 | 5" and by_year["2022"]["conflicts"] == "rank"
    assert by_year["2022"]["n_sources"] == "3" and by_year["2022"]["rank"] == "4"
    assert all(r["entity"] == "Bắc Giang" for r in rows)


def test_jsonl_records_and_facts(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    assert run("--db", str(db), "-o", str(out))[0] == 0
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert {(x["type"], x["id"]) for x in lines} == stored_ids(db)
    tricky = next(x for x in lines if x["doc_id"] == TRICKY_ID and x["type"] == "index_results")
    assert tricky["evidence"]["quote"] == TWO_LINE_QUOTE
    facts = tmp_path / "f.jsonl"
    assert run("--db", str(db), "-o", str(facts), "--what", "facts", "-t", "metrics")[0] == 0
    [bg, db_] = sorted((json.loads(x) for x in facts.read_text().splitlines()),
                       key=lambda f: f["record"]["entity"])  # fmt: skip
    assert bg["values"]["value"] == [45, 52] and len(bg["sources"]) == 2
    assert db_["record"]["entity"] == "Điện Biên"


def test_filters_as_in_facts(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "f.csv"
    code, _ = run("--db", str(db), "-o", str(out), "-i", "Chỉ số CCHC", "-y", "2023")
    assert code == 0
    rows = read_csv(out)
    assert {r["type"] for r in rows} == {"index_results"} and {r["year"] for r in rows} == {"2023"}
    wanted = stored_ids(db, ("index_results",), year=2023, index="PAR_INDEX")
    assert {(r["type"], int(r["id"])) for r in rows} == wanted and len(wanted) == 2
    assert run("--db", str(db), "-o", str(tmp_path / "g.csv"), "-b", "openai")[0] == 0
    assert read_csv(tmp_path / "g.csv") == []  # no record of that backend: headers only


def test_refuses_to_overwrite_unless_forced(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "keep.csv"
    out.write_text("mine\n", encoding="utf-8")
    code, err = run("--db", str(db), "-o", str(out))
    assert code == 2 and "--force" in err
    assert out.read_text(encoding="utf-8") == "mine\n"
    code, _ = run("--db", str(db), "-o", str(out), "--force")
    assert code == 0 and len(read_csv(out)) == len(stored_ids(db))


def test_a_failed_export_leaves_no_file(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(table: str) -> list[columns.ExportColumn]:
        def boom(item: columns.Item) -> object:
            raise OSError(28, "No space left on device")

        return [*columns.record_columns(table), columns.ExportColumn("boom", boom)]

    monkeypatch.setattr("llmx.export.gather.record_columns", broken)
    out = tmp_path / "half.csv"
    code, err = run("--db", str(db), "-o", str(out))
    assert code == 2 and "No space left" in err
    assert list(tmp_path.iterdir()) == []  # neither the file nor its temporary


def test_format_from_suffix_or_option(db: Path, tmp_path: Path) -> None:
    code, err = run("--db", str(db), "-o", str(tmp_path / "out.txt"))
    assert code == 2 and "--format" in err
    code, _ = run("--db", str(db), "-o", str(tmp_path / "out.txt"), "-f", "jsonl")
    assert code == 0 and json.loads((tmp_path / "out.txt").read_text().splitlines()[0])
    assert run("--db", str(db), "-o", str(tmp_path / "o.csv"), "-f", "pdf")[0] == 2
    assert run("--db", str(db), "-o", str(tmp_path / "o.csv"), "--what", "rows")[0] == 2


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["--entity", "Không Có Tỉnh Này"], 2, "no entity"),
        (["--index", "chỉ số không có"], 2, "unknown --index"),
        (["--type", "metrics", "--index", "PAPI"], 2, "index results only"),
        (["--type", "rows"], 2, "unknown --type"),
    ],
)
def test_bad_input_exits_2(db: Path, tmp_path: Path, args: list[str], code: int, says: str) -> None:
    out = tmp_path / "x.csv"
    got, err = run("--db", str(db), "-o", str(out), *args)
    assert (got, says in err) == (code, True)
    assert not out.exists()


def test_missing_or_empty_store_exits_1(tmp_path: Path) -> None:
    code, err = run("--db", str(tmp_path / "none.db"), "-o", str(tmp_path / "x.csv"))
    assert code == 1 and "no store" in err
    Store(tmp_path / "empty.db").close()
    code, err = run("--db", str(tmp_path / "empty.db"), "-o", str(tmp_path / "x.csv"))
    assert code == 1 and "empty" in err
    assert not (tmp_path / "x.csv").exists()


def test_xlsx_without_openpyxl_names_the_extra(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl now fails
    out = tmp_path / "x.xlsx"
    code, err = run("--db", str(db), "-o", str(out))
    assert code == 2
    assert "pip install 'llmx[xlsx]'" in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_the_cli_starts_without_openpyxl_or_the_export_package() -> None:
    code = (
        "import sys, llmx.cli as c; c._register(); "
        "print(sorted(m for m in sys.modules if m.startswith(('openpyxl', 'llmx.export'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
