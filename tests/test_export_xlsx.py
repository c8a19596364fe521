"""`llmx export --format xlsx`: the workbook opens with openpyxl and holds every record, one
sheet per record type with the header frozen, quotes as text (a quote beginning with "="
is no formula), Vietnamese intact, widths set; facts likewise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
from support.export_corpus import TRICKY_ID, TWO_LINE_QUOTE, build_store
from typer.testing import CliRunner

from llmx.cli import export_cmd
from llmx.export.columns import fact_columns, record_columns
from llmx.store import Store
from llmx.store.tables import RECORD_TABLES

openpyxl = pytest.importorskip("openpyxl")  # the `xlsx` extra; in `dev`, so CI runs this


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export-xlsx") / "export.db"
    build_store(path).close()
    return path


def export(db: Path, out: Path, *args: str) -> None:
    app = typer.Typer()
    export_cmd.register(app)
    app.command("noop", hidden=True)(lambda: None)
    r = CliRunner().invoke(app, ["export", "--db", str(db), "-o", str(out), *args])
    assert r.exit_code == 0, r.stderr


def sheet_rows(ws: Any) -> list[dict[str, Any]]:
    header = [c.value for c in ws[1]]
    rows = ws.iter_rows(min_row=2, values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_one_sheet_per_type_holding_every_record(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "records.xlsx"
    export(db, out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == list(RECORD_TABLES)
    with Store(db, read_only=True) as store:
        for table in RECORD_TABLES:
            ws = book[table]
            assert ws.freeze_panes == "A2"  # the header row stays in view
            assert [c.value for c in ws[1]] == [c.name for c in record_columns(table)]
            stored = {row.id: row.record for row in store.iter_record_rows(table)}
            rows = sheet_rows(ws)
            assert {r["id"] for r in rows} == set(stored)
            for r in rows:
                rec = stored[r["id"]]
                assert r["entity"] == rec.entity and r["doc_id"] == rec.doc_id
                assert r["evidence_quote"] == rec.evidence.quote
                assert (r["evidence_start"], r["evidence_end"]) == (
                    rec.evidence.start, rec.evidence.end,
                )  # fmt: skip


def test_tricky_quotes_stay_text(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "records.xlsx"
    export(db, out)
    book = openpyxl.load_workbook(out)
    [ir] = [r for r in sheet_rows(book["index_results"]) if r["doc_id"] == TRICKY_ID]
    assert ir["evidence_quote"] == TWO_LINE_QUOTE and ir["score"] == 80.12 and ir["rank"] == 9
    ws = book["metrics"]
    header = [c.value for c in ws[1]]
    quote_col = header.index("evidence_quote")
    cells = [row[quote_col] for row in ws.iter_rows(min_row=2)]
    formula_like = [c for c in cells if str(c.value).startswith("=")]
    assert len(formula_like) == 1 and formula_like[0].data_type == "s"  # text, not a formula
    letter = formula_like[0].column_letter
    assert ws.column_dimensions[letter].width >= 40  # quotes get a wide column
    assert ws.column_dimensions["A"].width >= len("entity")


def test_facts_workbook(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "facts.xlsx"
    export(db, out, "--what", "facts", "--type", "index_results")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["index_results"]
    ws = book["index_results"]
    assert [c.value for c in ws[1]] == [c.name for c in fact_columns("index_results")]
    rows = sheet_rows(ws)
    with Store(db, read_only=True) as store:
        n_facts = len(store.consolidated_facts("index_results"))
    assert len(rows) == n_facts
    disputed = [r for r in rows if r["conflicts"] == "rank"]
    assert len(disputed) == 1 and disputed[0]["rank_stated"] == "4 | 5"
    assert disputed[0]["n_sources"] == 3
