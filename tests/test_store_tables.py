"""Table specs against the migrated schema; the store's grouped reads for QA; the one store
path resolver; and the QA modules' use of the store (no SQL of their own)."""

from __future__ import annotations

import ast
import hashlib
import sqlite3
from pathlib import Path

import pytest

from llmx.cli.common import db_path
from llmx.core.document import Document
from llmx.core.records import (
    RECORD_TYPES,
    DocumentExtraction,
    Evidence,
    IndexResult,
    Initiative,
    Metric,
)
from llmx.llm.cache import CACHE_FILENAME, cache_path
from llmx.qa.facts import select_facts
from llmx.qa.names import build_index
from llmx.store import Fact, Store, StoredIndexResult, StoredMetric, resolve_store_path
from llmx.store.tables import INDEX_RESULTS, METRICS, TABLES, TableSpec

TEXT = (
    "Năm 2023, tỉnh Bắc Giang xếp thứ 4/63 về Chỉ số cải cách hành chính.\n"
    "Tỷ lệ hồ sơ trực tuyến của Bắc Giang đạt 95%.\n"
    "Phấn đấu đến năm 2025, tỷ lệ hồ sơ trực tuyến của Bắc Giang đạt 100%.\n"
    "Huyện Lục Ngạn duy trì mô hình “Cà phê doanh nhân” từ năm 2022."
)
S1, S2, S3, S4 = TEXT.split("\n")


def _ev(quote: str, text: str = TEXT) -> Evidence:
    start = text.index(quote)
    return Evidence(quote=quote, start=start, end=start + len(quote))


def _doc(doc_id: str, text: str = TEXT) -> Document:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Document(doc_id=doc_id, source=f"{doc_id}.txt", sha256=sha, text=text)


def _extraction(doc: Document, backend: str = "rules") -> DocumentExtraction:
    return DocumentExtraction(
        doc_id=doc.doc_id,
        source=doc.source,
        sha256=doc.sha256,
        backend=backend,
        index_results=[
            IndexResult(
                entity="Bắc Giang", index="PAR_INDEX", year=2023, rank=4, rank_total=63,
                evidence=_ev(S1),
            )
        ],
        metrics=[
            Metric(entity="Bắc Giang", name="tỷ lệ hồ sơ trực tuyến", value=95, unit="%",
                   evidence=_ev(S2)),
            Metric(entity="Bắc Giang", name="tỷ lệ hồ sơ trực tuyến", value=100, unit="%",
                   year=2025, is_target=True, evidence=_ev(S3)),
        ],
        initiatives=[
            Initiative(entity="Huyện Lục Ngạn", name="Cà phê doanh nhân", year=2022,
                       evidence=_ev(S4)),
        ],
    )  # fmt: skip


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "llmx.db") as s:
        yield s


def _save(store: Store, doc_id: str, backend: str = "rules") -> DocumentExtraction:
    doc = _doc(doc_id)
    ex = _extraction(doc, backend)
    store.save(doc, ex, store.begin_run(backend))
    return ex


def _schema(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


# -- table specs -------------------------------------------------------------------------


def test_every_record_table_has_a_spec():
    assert set(TABLES) == set(RECORD_TYPES)
    assert all(TABLES[t].record is RECORD_TYPES[t] for t in TABLES)


@pytest.mark.parametrize("table", sorted(TABLES))
def test_spec_columns_are_the_migrated_schema(store: Store, table: str):
    """A contract field added without a migration (or a migration without the field) fails
    here: the spec's columns are derived from the pydantic fields."""
    assert ["id", *TABLES[table].column_names] == _schema(store.conn, table)


def test_a_field_without_a_migration_is_caught(store: Store):
    class IndexResultPlus(IndexResult):
        source_url: str | None = None

    class StoredPlus(IndexResultPlus, StoredIndexResult):
        pass

    spec = TableSpec.build("index_results", IndexResultPlus, StoredPlus)
    assert "source_url" in spec.column_names
    assert ["id", *spec.column_names] != _schema(store.conn, "index_results")


def test_spec_exceptions_are_the_hand_written_ones():
    ir = INDEX_RESULTS.column_names
    assert "idx" in ir and "index" not in ir  # renamed: SQL keyword
    assert ir[:3] == ("doc_id", "backend", "run_id")  # where it was stored, then the run
    # The evidence flattened after the fields, then the columns migration 2 appended.
    assert ir[-6:-2] == ("quote", "start", "end_", "alignment")
    assert ir[-2:] == ("field_evidence_json", "confidence")  # a JSON map, a plain column
    assert ir[ir.index("entity") + 1] == "entity_key"
    assert METRICS.column_names[METRICS.column_names.index("name") + 1] == "name_key"
    assert INDEX_RESULTS.insert_sql.count("?") == len(ir)


def test_row_and_back(store: Store):
    m = _extraction(_doc("d")).metrics[1]
    row = METRICS.row(m, 7, doc_id="d", backend="b")
    cols = METRICS.column_names
    by_col = dict(zip(cols, row, strict=True))
    assert type(by_col["is_target"]) is int and by_col["is_target"] == 1  # bool as 0/1
    assert by_col["name_key"] == "ty le ho so truc tuyen" and by_col["entity_key"] == "bac giang"
    assert (by_col["run_id"], by_col["end_"]) == (7, m.evidence.end)
    # Through a real row: the stored record is the record plus where it came from.
    store.conn.execute(
        "INSERT INTO documents (doc_id, source, sha256, text, added_at) VALUES (?,?,?,?,?)",
        ("d", "d.txt", "0" * 64, TEXT, "now"),
    )
    store.conn.execute("INSERT INTO runs (id, backend, started_at) VALUES (7, 'b', 'now')")
    store.conn.execute(METRICS.insert_sql, row)
    got = METRICS.stored_record(store.conn.execute("SELECT * FROM metrics").fetchone())
    assert isinstance(got, StoredMetric) and (got.doc_id, got.backend) == ("d", "b")
    assert got.is_target is True and got.record() == m
    fields = METRICS.fields(store.conn.execute("SELECT * FROM metrics").fetchone())
    assert Metric.model_validate(fields, context={"text": TEXT}) == m


# -- grouped reads for QA ----------------------------------------------------------------


def test_distinct_facts_group_identical_rows(store: Store):
    first = _save(store, "a")
    _save(store, "b")
    _save(store, "b", backend="other")
    facts = store.distinct_facts("index_results")
    assert len(facts) == 1 and isinstance(facts[0], Fact)
    assert facts[0].sources == 3  # two documents, one of them by two backends
    assert facts[0].record.doc_id == "a"  # the earliest stored
    assert facts[0].record.record() == first.index_results[0]
    assert store.distinct_facts("index_results", backend="other")[0].sources == 1
    assert store.distinct_facts("index_results", entity_keys=["bac giang"], rank=4)
    assert store.distinct_facts("index_results", entity_keys=[]) == []
    assert store.distinct_facts("index_results", years=[2022]) == []
    assert store.distinct_facts("index_results", entity_key="'; DROP TABLE x; --") == []


def test_distinct_facts_targets_limits_and_errors(store: Store):
    _save(store, "a")
    assert [f.record.value for f in store.distinct_facts("metrics")] == [95, 100]
    plain = store.distinct_facts("metrics", include_targets=False)
    assert [f.record.value for f in plain] == [95]
    assert len(store.distinct_facts("metrics", limit=1)) == 1
    assert store.distinct_facts("metrics", limit=0) == []
    keys = ["ca phe doanh nhan"]
    ini = store.distinct_facts("initiatives", include_targets=False, name_keys=keys)
    assert [f.record.name for f in ini] == ["Cà phê doanh nhân"]
    with pytest.raises(ValueError, match="unknown record table"):
        store.distinct_facts("documents")
    with pytest.raises(ValueError, match="unknown filter"):
        store.distinct_facts("metrics", colour="red")
    # The QA module's name for this read is the store's read.
    assert select_facts(store, "metrics", year=2025) == store.distinct_facts("metrics", year=2025)


def test_entity_and_initiative_keys(store: Store):
    assert store.entity_keys() == [] and store.initiative_keys() == []
    _save(store, "a")
    _save(store, "b")
    assert store.entity_keys() == ["bac giang", "huyen luc ngan"]  # each once
    assert store.initiative_keys() == ["ca phe doanh nhan"]


def test_name_index_from_the_store(store: Store):
    _save(store, "a")
    by_store = build_index(store)
    assert "luc ngan" in by_store.store and "ca phe doanh nhan" in by_store.initiatives
    assert build_index(None).store == {}


# -- the store path ----------------------------------------------------------------------


def test_one_store_path_for_every_caller(monkeypatch, tmp_path: Path):
    monkeypatch.delenv("LLMX_DB", raising=False)
    monkeypatch.delenv("LLMX_CACHE", raising=False)
    assert resolve_store_path(None) == Path("llmx.db")
    env = tmp_path / "env.db"
    monkeypatch.setenv("LLMX_DB", str(env))
    given = tmp_path / "given.db"
    assert resolve_store_path(None) == resolve_store_path("") == env
    assert resolve_store_path(given) == resolve_store_path(str(given)) == given
    assert Store.default_path() == db_path(None) == env
    assert db_path(given) == given
    assert cache_path() == env.with_name(CACHE_FILENAME)
    assert cache_path(given) == given.with_name(CACHE_FILENAME)


# -- QA runs no SQL of its own -----------------------------------------------------------


@pytest.mark.parametrize("module", ["facts", "names"])
def test_qa_reads_through_store_methods_only(module: str):
    src = (Path(__file__).parents[1] / "llmx" / "qa" / f"{module}.py").read_text()
    tree = ast.parse(src)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("llmx.store"):
            assert not [a.name for a in node.names if a.name.startswith("_")], node.module
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [a.name for a in node.names]
            assert "sqlite3" not in names
        if isinstance(node, ast.Attribute):
            assert node.attr not in ("execute", "executemany", "conn")
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            assert "SELECT" not in node.value
