"""Migration 4: the sentence index tokenizes the unaccented ``folded`` column only (searches
match it alone). A store made before it searches as it did, read-only as it is, and the
same once a writer has migrated it; new stores index no ``text`` tokens."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.qa_corpus import build_store

from llmx.store import Store
from llmx.store import migrations as mig

_QUERIES = ("Ninh Bình cải cách", "chi so cai cach hanh chinh", "mô hình một cửa", "SIPAS 2023")


def _searches(store: Store) -> list[list[tuple[str, int, int, float]]]:
    return [
        [(h.doc_id, h.start, h.end, h.score) for h in store.search_sentences(q, limit=10)]
        for q in _QUERIES
    ]


def _text_tokens(store: Store) -> int:
    """Index entries of the ``text`` column (fts5vocab: column name per term)."""
    c = store.conn
    c.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.v USING fts5vocab(main, sentences, col)")
    row = c.execute("SELECT count(*) FROM temp.v WHERE col = 'text'").fetchone()
    return int(row[0])


def test_an_older_store_searches_the_same_before_and_after_the_migration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "old.db"
    with monkeypatch.context() as m:
        m.setattr(mig, "MIGRATIONS", mig.MIGRATIONS[:3])
        with build_store(db) as old:
            before = _searches(old)
            assert _text_tokens(old) > 0
    assert any(before)
    with Store(db, read_only=True) as s:  # readers do not need it: read as it is
        assert _searches(s) == before
    with Store(db) as s:  # a writer migrates it
        assert _text_tokens(s) == 0
        assert _searches(s) == before
        assert s.counts()["documents"] > 0


def test_a_new_store_indexes_the_folded_column_only(tmp_path: Path) -> None:
    with build_store(tmp_path / "new.db") as s:
        assert _text_tokens(s) == 0
        hits = s.search_sentences("Ninh Binh", limit=3)
        assert hits and "Ninh Bình" in hits[0].text  # the accented text is still given back
