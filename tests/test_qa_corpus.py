"""The QA tests' hand-written corpus (tests/support/qa_corpus.py) is grounded."""

from __future__ import annotations

from pathlib import Path

from support.qa_corpus import TEXTS, build_store


def test_corpus_is_grounded(tmp_path: Path) -> None:
    store = build_store(tmp_path / "c.db")
    for doc_id, text in TEXTS.items():
        ex = store.get_extraction(doc_id, "rules")  # validates every span against the text
        assert ex is not None
        for r in (*ex.index_results, *ex.metrics, *ex.initiatives):
            assert text[r.evidence.start : r.evidence.end] == r.evidence.quote
    store.close()
