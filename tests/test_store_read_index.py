"""Migration 3, the index the QA engine's whole-index reads are served from: a store made
before it opens read-only as it is (no copy into memory), and is given it when opened to
write; the grouped read over an index then touches the index alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.qa_corpus import build_store

from llmx.store import Store
from llmx.store import migrations as mig

_WHOLE_INDEX = {"index": "PAR_INDEX", "entity_level": "province", "has_change": True}


def _file_of(store: Store) -> str:
    """The file the store's connection reads ("" for an in-memory copy)."""
    return str(store.conn.execute("PRAGMA database_list").fetchone()["file"])


def _has_read_index(store: Store) -> bool:
    sql = "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'index_results_facts'"
    return store.conn.execute(sql).fetchone() is not None


def test_a_store_without_the_read_index_is_read_as_it_is(tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "old.db"
    with monkeypatch.context() as m:
        m.setattr(mig, "MIGRATIONS", mig.MIGRATIONS[:2])
        build_store(db).close()
    with Store(db, read_only=True) as s:
        assert not _has_read_index(s)
        assert _file_of(s) == str(db.resolve())  # the file itself, not a migrated copy
        old_facts = s.distinct_facts("index_results", **_WHOLE_INDEX)
    assert old_facts
    with Store(db) as s:  # a writer applies it
        assert _has_read_index(s)
        assert s.distinct_facts("index_results", **_WHOLE_INDEX) == old_facts


@pytest.mark.parametrize("needed", [True, False])
def test_only_migrations_readers_need_make_a_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, needed: bool
) -> None:
    db = tmp_path / "s.db"
    build_store(db).close()
    later = mig.Migration(len(mig.MIGRATIONS) + 1, "later", "CREATE TABLE later (x);", needed)
    monkeypatch.setattr(mig, "MIGRATIONS", [*mig.MIGRATIONS, later])
    with Store(db, read_only=True) as s:
        tables = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master")}
        if needed:  # migrated in a copy in memory
            assert _file_of(s) == "" and "later" in tables
        else:  # read as it is
            assert _file_of(s) == str(db.resolve()) and "later" not in tables
        assert s.distinct_facts("index_results", **_WHOLE_INDEX)
    assert mig.readers_need([later.id]) is needed


def test_whole_index_reads_use_the_read_index(qa_store: Store) -> None:
    assert _has_read_index(qa_store)
    where = "idx = ? AND is_target = 0 AND (rank_change IS NOT NULL OR score_change IS NOT NULL)"
    plan = qa_store.conn.execute(
        f"EXPLAIN QUERY PLAN SELECT min(id), count(*) FROM index_results WHERE {where}"
        " GROUP BY entity_key, idx, coalesce(component, ''), year, scope, is_target, score,"
        " rank, rank_total, rank_change, score_change",
        ("PAR_INDEX",),
    ).fetchall()
    assert any("COVERING INDEX index_results_facts" in r["detail"] for r in plan), plan
