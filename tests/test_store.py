"""The SQLite store: migrations, atomic saves, round-trips, queries and safe full-text search."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from llmx.core.document import Document
from llmx.core.records import DocumentExtraction, Evidence, IndexResult, Initiative, Metric
from llmx.errors import StoreError
from llmx.store import SentenceHit, Store, StoredIndexResult
from llmx.store import migrations as mig
from llmx.store import store as store_mod
from llmx.store.store import fts_query

S1 = "Năm 2023, tỉnh Bắc Giang đạt 88,54 điểm, xếp thứ 4/63 về Chỉ số cải cách hành chính."
S2 = "Tỷ lệ hồ sơ trực tuyến toàn trình của tỉnh đạt 95%."
S3 = "Tỉnh Đồng Nai duy trì mô hình “Cà phê doanh nhân” từ năm 2022."
S4 = "Phấn đấu đến năm 2025, tỷ lệ hồ sơ trực tuyến đạt 100%."
TEXT = "\n".join([S1, S2, S3, S4])


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _doc(text: str = TEXT, doc_id: str = "bg-2023") -> Document:
    return Document(
        doc_id=doc_id,
        source=f"news/{doc_id}.txt",
        sha256=_sha(text),
        text=text,
        title="Bắc Giang nâng hạng Chỉ số CCHC",
        published=date(2024, 4, 15),
    )


def _ev(text: str, quote: str) -> Evidence:
    start = text.find(quote)
    assert start >= 0
    return Evidence(quote=quote, start=start, end=start + len(quote))


def _extraction(doc: Document, backend: str = "rules", *, with_records: bool = True):
    t = doc.text
    ir = [
        IndexResult(
            entity="Bắc Giang",
            index="PAR_INDEX",
            year=2023,
            score=88.54,
            rank=4,
            rank_total=63,
            evidence=_ev(t, S1),
        )
    ]
    metrics = [
        Metric(
            entity="Bắc Giang",
            name="tỷ lệ hồ sơ trực tuyến toàn trình",
            value=95,
            unit="%",
            year=2023,
            evidence=_ev(t, S2),
        ),
        Metric(
            entity="Bắc Giang",
            name="tỷ lệ hồ sơ trực tuyến",
            value=100,
            unit="%",
            year=2025,
            is_target=True,
            evidence=_ev(t, S4),
        ),
    ]
    inits = [
        Initiative(
            entity="Đồng Nai", name="Cà phê doanh nhân", kind="mô hình", year=2022,
            evidence=_ev(t, S3),
        )
    ]
    return DocumentExtraction(
        doc_id=doc.doc_id,
        source=doc.source,
        sha256=doc.sha256,
        title=doc.title,
        published=doc.published,
        backend=backend,
        index_results=ir if with_records else [],
        metrics=metrics if with_records else [],
        initiatives=inits if with_records else [],
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "llmx.db"


@pytest.fixture
def store(db: Path):
    with Store(db) as s:
        yield s


def _saved(store: Store, doc: Document | None = None, backend: str = "rules"):
    doc = doc or _doc()
    ex = _extraction(doc, backend)
    run = store.begin_run(backend)
    store.save(doc, ex, run, prompt_tokens=10, completion_tokens=5)
    return doc, ex, run


def _sentence_rows(store: Store, doc_id: str) -> int:
    return store.conn.execute(
        "SELECT count(*) FROM sentences WHERE doc_id = ?", (doc_id,)
    ).fetchone()[0]


def _state(store: Store, doc_id: str) -> tuple:
    return (
        store.counts(),
        store.get_document(doc_id),
        store.get_extraction(doc_id, "rules"),
        _sentence_rows(store, doc_id),
        store.backends(),
    )


# -- migrations ------------------------------------------------------------------------


def test_migrations_are_numbered_from_one():
    mig.check_numbering(mig.MIGRATIONS)
    assert [m.id for m in mig.MIGRATIONS] == list(range(1, len(mig.MIGRATIONS) + 1))
    with pytest.raises(ValueError):
        mig.check_numbering([mig.Migration(1, "a", ""), mig.Migration(3, "b", "")])


def test_migrations_recorded_and_not_reapplied(db: Path):
    with Store(db) as s:
        first = [tuple(r) for r in s.conn.execute("SELECT * FROM _migrations ORDER BY id")]
        tables = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master")}
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert [r[:2] for r in first] == [(m.id, m.name) for m in mig.MIGRATIONS]
    assert {"documents", "runs", "extractions", "index_results", "metrics", "initiatives",
            "sentences"} <= tables
    with Store(db) as s:
        assert mig.migrate(s.conn) == []
        again = [tuple(r) for r in s.conn.execute("SELECT * FROM _migrations ORDER BY id")]
    assert again == first


def test_current_store_upgrades_when_a_migration_is_appended(db, monkeypatch):
    with Store(db) as s:
        _saved(s)
    calls = []

    def m_index(conn: sqlite3.Connection) -> None:
        calls.append(1)
        conn.execute("CREATE INDEX documents_note ON documents(note)")

    n = len(mig.MIGRATIONS)
    upgraded = [
        *mig.MIGRATIONS,
        mig.Migration(n + 1, "documents_note", "ALTER TABLE documents ADD COLUMN note TEXT;"),
        mig.Migration(n + 2, "documents_note_index", m_index),
    ]
    monkeypatch.setattr(mig, "MIGRATIONS", upgraded)
    with Store(db) as s:
        ids = [r[0] for r in s.conn.execute("SELECT id FROM _migrations ORDER BY id")]
        cols = [r[1] for r in s.conn.execute("PRAGMA table_info(documents)")]
        assert s.get_document("bg-2023") == _doc()  # data kept
    assert ids == list(range(1, n + 3)) and "note" in cols
    with Store(db):
        pass
    assert calls == [1]  # applied once


def test_failed_migration_rolls_back_and_raises_store_error(db, monkeypatch):
    Store(db).close()
    n = len(mig.MIGRATIONS)
    bad = mig.Migration(n + 1, "broken", "CREATE TABLE half_done (a); SELECT no_such_function();")
    monkeypatch.setattr(mig, "MIGRATIONS", [*mig.MIGRATIONS, bad])
    with pytest.raises(StoreError):
        Store(db)
    conn = sqlite3.connect(db)
    assert [r[0] for r in conn.execute("SELECT id FROM _migrations")] == list(range(1, n + 1))
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'half_done'").fetchone()
    conn.close()


# -- opening ---------------------------------------------------------------------------


def test_bad_paths_raise_one_line_store_error(tmp_path: Path):
    junk = tmp_path / "notes.db"
    junk.write_text("this is not a database, just some text\n" * 100)
    for path in (tmp_path / "missing" / "llmx.db", junk, tmp_path):
        with pytest.raises(StoreError) as info:
            Store(path)
        assert "\n" not in str(info.value) and str(path) in str(info.value)


def test_default_path(monkeypatch, tmp_path):
    monkeypatch.delenv("LLMX_DB", raising=False)
    assert Store.default_path() == Path("llmx.db")
    monkeypatch.setenv("LLMX_DB", str(tmp_path / "x.db"))
    assert Store.default_path() == tmp_path / "x.db"


# -- runs and saving -------------------------------------------------------------------


def test_runs_begin_and_finish(store: Store):
    run = store.begin_run("openai:m", model="m", params={"t": 0}, prompt_version="v2")
    assert store.get_run(run)["status"] == "running"
    store.finish_run(run, status="ok", docs_ok=3, docs_skipped=1, docs_failed=0,
                     prompt_tokens=7, completion_tokens=2, requests=3)
    r = store.get_run(run)
    assert (r["status"], r["docs_ok"], r["requests"], r["params"]) == ("ok", 3, 3, {"t": 0})
    assert r["finished_at"]
    with pytest.raises(StoreError):
        store.finish_run(999, status="ok", docs_ok=0, docs_skipped=0, docs_failed=0)


def test_round_trip(store: Store):
    doc, ex, run = _saved(store)
    assert store.get_document(doc.doc_id) == doc
    assert store.get_extraction(doc.doc_id, "rules") == ex
    assert store.get_extraction(doc.doc_id, "other") is None
    assert store.get_document("nope") is None
    assert list(store.iter_extractions()) == [ex]
    assert list(store.iter_extractions("other")) == []
    assert store.backends() == ["rules"]
    assert store.counts() == {"documents": 1, "index_results": 1, "metrics": 2, "initiatives": 1}
    row = store.conn.execute("SELECT * FROM extractions").fetchone()
    assert (row["run_id"], row["prompt_tokens"], row["completion_tokens"]) == (run, 10, 5)


def test_is_current(store: Store):
    doc, _, _ = _saved(store)
    assert store.is_current(doc.doc_id, doc.sha256, "rules")
    assert not store.is_current(doc.doc_id, "0" * 64, "rules")
    assert not store.is_current(doc.doc_id, doc.sha256, "openai:gpt-4o-mini")
    assert not store.is_current("other-doc", doc.sha256, "rules")


def test_resave_replaces_records_and_keeps_sentences(store: Store):
    doc, ex, _ = _saved(store)
    n_sent = _sentence_rows(store, doc.doc_id)
    assert n_sent == 4
    _saved(store)
    assert store.counts() == {"documents": 1, "index_results": 1, "metrics": 2, "initiatives": 1}
    fewer = ex.model_copy(update={"metrics": ex.metrics[:1], "initiatives": []})
    store.save(doc, fewer, store.begin_run("rules"))
    assert store.get_extraction(doc.doc_id, "rules") == fewer
    assert store.counts()["metrics"] == 1 and store.counts()["initiatives"] == 0
    assert _sentence_rows(store, doc.doc_id) == n_sent


def test_backends_are_kept_apart(store: Store):
    doc, ex, _ = _saved(store)
    _saved(store, backend="openai:gpt-4o-mini")
    assert store.backends() == ["openai:gpt-4o-mini", "rules"]
    assert store.counts()["index_results"] == 2
    store.save(doc, _extraction(doc, "rules", with_records=False), store.begin_run("rules"))
    assert store.counts()["index_results"] == 1  # only the rules records went
    assert len(store.query_index_results(backend="openai:gpt-4o-mini")) == 1


def test_changed_text_replaces_sentences_and_drops_stale_records(store: Store):
    doc, _, _ = _saved(store)
    _saved(store, backend="openai:gpt-4o-mini")
    new_text = "Cập nhật:\n" + TEXT.replace("Đồng Nai", "Bình Dương")
    doc2 = _doc(new_text)
    ex2 = DocumentExtraction(
        doc_id=doc2.doc_id, source=doc2.source, sha256=doc2.sha256, title=doc2.title,
        published=doc2.published, backend="rules",
        index_results=[IndexResult(entity="Bắc Giang", index="PAR_INDEX", year=2023, rank=4,
                                   evidence=_ev(new_text, S1))],
    )
    store.save(doc2, ex2, store.begin_run("rules"))
    assert store.get_document(doc.doc_id).text == new_text
    assert store.get_extraction(doc.doc_id, "rules") == ex2
    # The other backend's offsets pointed into the old text: dropped, so it re-extracts.
    assert store.get_extraction(doc.doc_id, "openai:gpt-4o-mini") is None
    assert not store.is_current(doc.doc_id, doc2.sha256, "openai:gpt-4o-mini")
    assert _sentence_rows(store, doc.doc_id) == 5
    assert store.search_sentences("Đồng Nai") == []
    hit = store.search_sentences("Bình Dương")[0]
    assert new_text[hit.start : hit.end] == hit.text


def test_save_rejects_mismatched_input(store: Store):
    doc = _doc()
    ex = _extraction(doc)
    run = store.begin_run("rules")
    with pytest.raises(ValueError):
        store.save(_doc(doc_id="other"), ex, run)
    with pytest.raises(ValueError):
        store.save(_doc(TEXT + " "), ex, run)  # other bytes
    shifted = Document(**{**doc.model_dump(), "text": " " + TEXT})
    with pytest.raises(ValueError, match="evidence"):
        store.save(shifted, ex, run)
    with pytest.raises(StoreError, match="no run"):
        store.save(doc, ex, run + 100)
    assert store.counts()["documents"] == 0


@pytest.mark.parametrize("fail_in", ["_insert_records", "_insert_sentences"])
def test_failed_save_leaves_store_as_before(store: Store, monkeypatch, fail_in):
    doc, ex, _ = _saved(store)
    before = _state(store, doc.doc_id)
    part = Store
    original = getattr(part, fail_in)

    def boom(self, *args, **kwargs):
        original(self, *args, **kwargs)  # partial writes happen, then the failure
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(part, fail_in, boom)
    new_text = TEXT + "\nMột câu mới về Lạng Sơn."
    doc2 = _doc(new_text)
    with pytest.raises(RuntimeError):
        store.save(doc2, _extraction(doc2), store.begin_run("rules"))
    fresh = _doc(TEXT, doc_id="fresh")
    with pytest.raises(RuntimeError):
        store.save(fresh, _extraction(fresh), store.begin_run("rules"))
    monkeypatch.undo()

    assert store.get_document(doc.doc_id) == doc
    assert store.get_document("fresh") is None
    assert _state(store, doc.doc_id) == before
    assert _sentence_rows(store, "fresh") == 0
    assert store.search_sentences("Lạng Sơn") == []
    assert store.is_current(doc.doc_id, doc.sha256, "rules")
    assert not store.conn.in_transaction
    _saved(store, doc2)  # and the store still works
    assert store.search_sentences("Lạng Sơn")[0].doc_id == doc.doc_id


# -- queries ---------------------------------------------------------------------------


def test_query_index_results(store: Store):
    _saved(store)
    other = _doc(TEXT, doc_id="bg-copy")
    _saved(store, other)
    hits = store.query_index_results(rank=4)
    assert len(hits) == 2 and all(isinstance(h, StoredIndexResult) for h in hits)
    assert {h.doc_id for h in hits} == {"bg-2023", "bg-copy"} and hits[0].backend == "rules"
    assert hits[0].record() == _extraction(other).index_results[0]
    assert len(store.query_index_results(entity_key="bac giang", index="PAR_INDEX", year=2023)) == 2
    assert len(store.query_index_results(entity_key="BẮC GIANG")) == 2
    assert store.query_index_results(rank=5) == []
    assert store.query_index_results(year=2022) == []
    assert store.query_index_results(scope="national", limit=1)[0].rank == 4
    assert store.query_index_results(component="Cải cách TTHC") == []
    assert store.query_index_results(entity_key="'; DROP TABLE index_results; --") == []
    assert store.query_index_results(limit=0) == []
    assert store.counts()["index_results"] == 2


def test_query_metrics_and_initiatives(store: Store):
    _saved(store)
    assert [m.value for m in store.query_metrics(entity_key="Bac Giang")] == [95]
    both = store.query_metrics(name_key_like="hồ sơ trực tuyến", include_targets=True)
    assert [m.value for m in both] == [100, 95]  # newest year first
    assert store.query_metrics(name_key_like="ho so", year=2025) == []
    assert store.query_metrics(name_key_like="%") == []  # literal, not a wildcard
    assert store.query_metrics(unit="%")[0].evidence.quote == S2
    ini = store.query_initiatives(name_key_like="ca phe")
    assert [(i.name, i.entity, i.doc_id) for i in ini] == [
        ("Cà phê doanh nhân", "Đồng Nai", "bg-2023")
    ]
    assert store.query_initiatives(entity_key="dong nai", kind="mô hình", year=2022) == ini
    assert store.query_initiatives(name_key_like="_") == []


# -- full-text search ------------------------------------------------------------------


def test_search_with_and_without_diacritics(store: Store):
    doc, _, _ = _saved(store)
    for q in ("Bắc Giang xếp thứ mấy về Chỉ số cải cách hành chính?", "bac giang xep thu chi so"):
        hits = store.search_sentences(q)
        assert hits and isinstance(hits[0], SentenceHit)
        assert hits[0].text == S1 and hits[0].doc_id == doc.doc_id
        assert doc.text[hits[0].start : hits[0].end] == S1
        assert hits[0].score > 0
    assert store.search_sentences("dong nai ca phe")[0].text == S3  # đ folds to d
    assert store.search_sentences("ĐỒNG NAI")[0].text == S3
    assert len(store.search_sentences("tỉnh", limit=2)) == 2
    assert store.search_sentences("tỉnh", limit=0) == []
    assert store.search_sentences("Hà Giang") != []  # OR: "giang" still matches
    assert store.search_sentences("zzzz qqqq") == []


HOSTILE = [
    '"; DROP TABLE documents; --',
    "NEAR(",
    "NEAR(a b, 2)",
    "*",
    "a*",
    "^bac",
    '"unbalanced',
    "folded: bac",
    "text:",
    "{text folded} : giang",
    "bac AND OR NOT giang",
    "(((",
    ")",
    "-",
    "+",
    "",
    "   ",
    "\x00\x01\x02\x1b[31m\x7f",
    "bac\x00giang",
    "'",
    "%_\\",
    "x" * 10_000,
    "giang " * 2_000,
    " ".join(f"t{i}" for i in range(3_000)),
    "🙂 ∑ ≠",
    "ـ ـ",  # tatweel (a letter to Python, punctuation to FTS5)
    "e\u0301\u0301\u0301",
]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_search_input_never_raises(store: Store, query: str):
    _saved(store)
    hits = store.search_sentences(query)
    assert isinstance(hits, list)
    assert store.counts() == {"documents": 1, "index_results": 1, "metrics": 2, "initiatives": 1}
    assert store.search_sentences("Bắc Giang")[0].text == S1
    expr = fts_query(query)
    assert expr is None or store.conn.execute(
        "SELECT count(*) FROM sentences WHERE sentences MATCH ?", (expr,)
    ).fetchone()[0] >= 0


def test_empty_store_search(store: Store):
    assert store.search_sentences("Bắc Giang") == []
    assert store.query_index_results(rank=4) == []


def test_queries_over_many_documents(store: Store):
    # How fast these run: benchmarks/inprocess_latency.py.
    run = store.begin_run("rules")
    provinces = ["Bắc Giang", "Quảng Ninh", "Hải Phòng", "Đồng Nai", "Lạng Sơn", "Cà Mau"]
    for i in range(600):
        p = provinces[i % len(provinces)]
        s1 = f"Năm 2022, tỉnh {p} xếp thứ {i % 63 + 1} về Chỉ số cải cách hành chính."
        text = f"{s1}\nBài viết số {i} về cải cách thủ tục hành chính tại {p}."
        doc = _doc(text, doc_id=f"d{i}")
        ex = DocumentExtraction(
            doc_id=doc.doc_id, source=doc.source, sha256=doc.sha256, backend="rules",
            index_results=[IndexResult(entity=p, index="PAR_INDEX", year=2022,
                                       rank=i % 63 + 1, evidence=_ev(text, s1))],
        )
        store.save(doc, ex, run)
    checks = [
        lambda: store.query_index_results(rank=4),
        lambda: store.search_sentences("Đồng Nai xếp thứ mấy về cải cách hành chính"),
        lambda: store.search_sentences("bai viet so 417"),
    ]
    for f in checks:
        assert f()
    assert {h.doc_id for h in store.query_index_results(rank=4)} == {
        f"d{i}" for i in range(600) if i % 63 == 3
    }
    assert store.search_sentences("bai viet so 417")[0].doc_id == "d417"
    assert store_mod.MAX_LIMIT >= 200


def test_a_documents_slice_and_headline_are_read_without_the_model(tmp_path) -> None:
    doc = _doc().model_copy(update={"title": "Tiêu đề"})
    text = doc.text
    store = Store(tmp_path / "s.db")
    try:
        store.save(doc, _extraction(doc, "rules", with_records=False), store.begin_run("rules"))
        # offsets are characters, as Python's (SQLite's substr counts from 1)
        d = doc.doc_id
        assert store.document_slice(d, 9, 29) == text[9:29]
        assert store.document_slice(d, len(S1), len(S1) + 40) == text[len(S1) : len(S1) + 40]
        assert store.document_slice(d, -5, 4) == text[0:4]
        assert store.document_text(d) == text
        assert store.document_title(d) == "Tiêu đề"
        assert store.document_slice("nope", 0, 4) is None
        assert store.document_title("nope") is None
    finally:
        store.close()
