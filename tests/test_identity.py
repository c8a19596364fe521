"""Issue 11, case 1: a document's identity is unique per source, stable across re-runs, and
the evaluation still meets gold (named by file stem) on the same documents."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
from pathlib import Path

import pytest

from llmx.backends.registry import get_backend
from llmx.evaluation.gold import gold_key, load_gold_set
from llmx.evaluation.runner import read_predictions
from llmx.ingest import expand_paths, load_document
from llmx.pipeline import run_extraction
from llmx.store import Store

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Năm {y}, Chỉ số CCHC của tỉnh Phú Thọ đạt 8{d},2 điểm, xếp thứ 1{d}/63.\n"


def _tree(base: Path) -> Path:
    for rel, year in (("2022/baocao.txt", 2022), ("2023/baocao.txt", 2023)):
        (base / rel).parent.mkdir(parents=True, exist_ok=True)
        (base / rel).write_text(TEXT.format(y=year, d=year % 10), encoding="utf-8")
    (base / "2023" / "baocao.html").write_text(
        "<html><body><p>" + TEXT.format(y=2023, d=5) + "</p></body></html>", encoding="utf-8"
    )
    return base


def _run(paths: list[str], db: Path) -> list[str]:
    backend = get_backend("rules")
    with Store(db) as store:
        run_id = store.begin_run(backend.name)
        statuses = [r.status for r in run_extraction(paths, backend, store, run_id=run_id)]
        store.finish_run(run_id, status="ok", docs_ok=0, docs_skipped=0, docs_failed=0)
    return statuses


def _stored_ids(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [r[0] for r in con.execute("SELECT doc_id FROM documents ORDER BY doc_id")]
    finally:
        con.close()


def test_same_stem_in_two_folders_and_two_formats_are_three_documents(tmp_path, monkeypatch):
    monkeypatch.chdir(_tree(tmp_path))
    ids = [s.doc_id for s in expand_paths(["."])]
    assert ids == ["2022/baocao.txt", "2023/baocao.html", "2023/baocao.txt"]
    db = tmp_path / "s.db"
    assert _run(["."], db) == ["ok", "ok", "ok"]
    assert _stored_ids(db) == ids  # nothing overwritten
    assert _run(["."], db) == ["skipped"] * 3  # a re-run of the same tree skips them all
    assert _stored_ids(db) == ids


def test_every_spelling_of_a_file_is_one_id(tmp_path, monkeypatch):
    monkeypatch.chdir(_tree(tmp_path))
    spellings = ["2022/baocao.txt", "./2022/baocao.txt", "2023/../2022/baocao.txt",
                 str(tmp_path / "2022" / "baocao.txt"), "2022/*.txt"]  # fmt: skip
    assert {expand_paths([s])[0].doc_id for s in spellings} == {"2022/baocao.txt"}
    # named once as a file and again through its directory: one source
    assert [s.doc_id for s in expand_paths(["2022/baocao.txt", "2022"])] == ["2022/baocao.txt"]


def test_two_copies_of_a_tree_agree_on_relative_paths(tmp_path, monkeypatch):
    ids = []
    for copy in ("a", "b"):
        (tmp_path / copy).mkdir()
        monkeypatch.chdir(_tree(tmp_path / copy))
        ids.append([s.doc_id for s in expand_paths(["2022", "2023/baocao.txt"])])
    assert ids[0] == ids[1] == ["2022/baocao.txt", "2023/baocao.txt"]


def test_outside_the_current_directory_ids_are_relative_to_the_inputs(tmp_path, monkeypatch):
    tree = _tree(tmp_path / "data")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert [s.doc_id for s in expand_paths([str(tree)])] == [
        "2022/baocao.txt", "2023/baocao.html", "2023/baocao.txt",
    ]  # fmt: skip
    two = expand_paths([str(tree / "2022" / "baocao.txt"), str(tree / "2023" / "baocao.txt")])
    assert [s.doc_id for s in two] == ["2022/baocao.txt", "2023/baocao.txt"]  # still unique
    assert all(s.label.startswith(str(tree)) for s in two)  # messages keep the path given


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_each_text_piped_in_is_its_own_document(tmp_path, monkeypatch):
    db = tmp_path / "s.db"
    texts = [TEXT.format(y=2022, d=1).encode(), TEXT.format(y=2023, d=2).encode()]
    for raw in (*texts, texts[0]):
        monkeypatch.setattr("sys.stdin", _Stdin(raw))
        statuses = _run(["-"], db)
    assert statuses == ["skipped"]  # the same text again is current
    assert _stored_ids(db) == sorted(
        f"stdin-{hashlib.sha256(raw).hexdigest()[:12]}" for raw in texts
    )
    monkeypatch.setattr("sys.stdin", _Stdin(texts[1]))
    doc = load_document(expand_paths(["-"])[0])
    assert doc.doc_id == f"stdin-{doc.sha256[:12]}"


# -- the evaluation keeps meeting gold on file stems -----------------------------------------


def test_gold_documents_keep_their_stem_as_key():
    gs = load_gold_set(ROOT / "seeds" / "gold", ROOT / "seeds")
    assert gs.doc_ids() == sorted(p.stem for p in (ROOT / "seeds").glob("*.txt"))
    assert all(d.document.doc_id == d.doc_id for d in gs.docs)


@pytest.mark.parametrize(
    ("doc_id", "key"),
    [("seeds/000_x.txt", "000_x"), ("000_x.txt", "000_x"), ("a/b.HTML", "b"), ("000_x", "000_x"),
     ("stdin-0123456789ab", "stdin-0123456789ab")],
)  # fmt: skip
def test_gold_key_of_a_stored_id(doc_id, key):
    assert gold_key(doc_id) == key


def test_predictions_from_llmx_extract_meet_gold_keys(tmp_path):
    lines = [
        {"doc_id": "seeds/000_x.txt", "backend": "rules", "sha256": "0" * 64},
        {"doc_id": "001_y", "backend": "rules", "sha256": "1" * 64},
    ]
    path = tmp_path / "p.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    preds = read_predictions(path)["rules"]
    assert sorted(preds) == ["000_x", "001_y"]
    assert preds["000_x"].doc_id == "000_x"


@pytest.mark.parametrize("same_source", [True, False])
def test_a_store_keyed_by_stem_holds_each_file_once_after_a_rerun(
    tmp_path, monkeypatch, same_source
):
    monkeypatch.chdir(_tree(tmp_path))
    db = tmp_path / "old.db"
    backend = get_backend("rules")
    (src,) = expand_paths(["2022/baocao.txt"])
    doc = load_document(src)
    # as stores named files before; a row from another file with that stem is not this one's
    source = doc.source if same_source else "2023/baocao.txt"
    old = doc.model_copy(update={"doc_id": "baocao", "source": source})
    with Store(db) as store:
        run_id = store.begin_run(backend.name)
        store.save(old, backend.extract(old).extraction, run_id)
    assert _run(["2022/baocao.txt"], db) == ["ok"]
    if not same_source:
        assert _stored_ids(db) == ["2022/baocao.txt", "baocao"]
        return
    assert _stored_ids(db) == ["2022/baocao.txt"]
    con = sqlite3.connect(db)
    try:
        for table in ("extractions", "index_results", "sentence_ranges"):
            ids = {r[0] for r in con.execute(f"SELECT doc_id FROM {table}")}
            assert ids == {"2022/baocao.txt"}, table
        n = con.execute("SELECT COUNT(*) FROM sentences WHERE doc_id = 'baocao'").fetchone()[0]
        assert n == 0
    finally:
        con.close()
    assert _run(["2022/baocao.txt"], db) == ["skipped"]
