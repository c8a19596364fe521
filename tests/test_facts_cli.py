"""`llmx facts` as a user runs it: the table, --json, the filters, exit codes, lean start."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from support.facts_corpus import build_store
from typer.testing import CliRunner

from llmx.cli import facts_cmd


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("facts-cli") / "facts.db"
    build_store(path).close()
    return path


def _app() -> typer.Typer:
    app = typer.Typer()
    facts_cmd.register(app)
    app.command("noop", hidden=True)(lambda: None)  # two commands: `facts` stays a verb
    return app


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(_app(), ["facts", *args])
    return r.exit_code, r.stdout, r.stderr


def facts_json(db: Path, *args: str) -> list[dict]:
    code, out, err = run("--db", str(db), "--json", *args)
    assert code == 0, err
    return json.loads(out)


def test_table_lists_each_fact_once_and_marks_disagreement(db: Path) -> None:
    code, out, _ = run("--db", str(db))
    assert code == 0
    assert "index_results: 3 fact(s), 1 with disagreeing sources" in out
    assert "metrics: 1 fact(s), 1 with disagreeing sources" in out
    line = next(x for x in out.splitlines() if "rank 4 ≠ 5" in x)
    assert "Bắc Giang" in line and "2022" in line and "3 (3 docs) !" in line
    assert "Cà phê doanh nhân" in out


def test_json_has_every_source_with_its_values(db: Path) -> None:
    facts = facts_json(db, "--type", "index_results", "--conflicts")
    assert len(facts) == 1
    [f] = facts
    assert f["conflicts"] == ["rank"] and f["values"]["rank"] == [4, 5]
    assert [(s["doc_id"], s["values"]["rank"]) for s in f["sources"]] == [
        ("f-a", 4), ("f-b", 5), ("f-c", 4),
    ]  # fmt: skip
    assert f["record"]["rank"] == 4 and f["n_sources"] == 3


@pytest.mark.parametrize("spelling", ["Bắc Giang", "bac giang", "tỉnh Bắc Giang", "BAC GIANG"])
def test_entity_any_spelling(db: Path, spelling: str) -> None:
    facts = facts_json(db, "--entity", spelling)
    assert len(facts) == 5 and {f["key"]["entity_key"] for f in facts} == {"bac giang"}


def test_entity_not_in_the_store_lists_nothing(db: Path) -> None:
    assert facts_json(db, "--entity", "Ha Noi") == []  # known to the gazetteer, not stored


def test_index_and_year_filters(db: Path) -> None:
    assert [
        f["key"]["year"] for f in facts_json(db, "--index", "Chỉ số CCHC", "--year", "2023")
    ] == [2023]
    assert facts_json(db, "--index", "papi") == []
    assert len(facts_json(db, "--year", "2022", "--type", "metrics")) == 1


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--type", "documents"], 2, "unknown --type"),
        (["--index", "chỉ số hạnh phúc"], 2, "unknown --index"),
        (["--entity", "Atlantis"], 2, "no entity named 'Atlantis'"),
        (["--index", "PAPI", "--type", "metrics"], 2, "index results only"),
    ],
)
def test_bad_input_is_one_line_exit_two(db: Path, args: list[str], code: int, message: str) -> None:
    rc, _, err = run("--db", str(db), *args)
    assert rc == code and message in err and len(err.strip().splitlines()) == 1


def test_missing_or_empty_store_exits_one(tmp_path: Path) -> None:
    rc, _, err = run("--db", str(tmp_path / "none.db"))
    assert rc == 1 and "no store" in err
    assert not (tmp_path / "none.db").exists()  # not created just to be found empty
    from llmx.store import Store

    Store(tmp_path / "empty.db").close()
    rc, _, err = run("--db", str(tmp_path / "empty.db"))
    assert rc == 1 and "empty" in err


def test_facts_is_registered_and_starts_lean(db: Path) -> None:
    code = (
        "import sys, llmx.cli, llmx.cli.facts_cmd\n"
        "heavy = [m for m in ('llmx.store', 'llmx.qa.facts', 'rich', 'pydantic')"
        " if m in sys.modules]\n"
        "print(heavy)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.stdout.strip() == "[]", r.stdout + r.stderr
    r = subprocess.run(
        [sys.executable, "-m", "llmx", "facts", "--db", str(db), "--conflicts"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert r.returncode == 0 and "rank 4 ≠ 5" in r.stdout, r.stderr
