"""The records QA reads (``llmx.store.views``): plain dataclasses read from a row without
pydantic, holding what the ``Stored*`` models hold. Each view's fields are its model's
(names, order, defaults), and every row of a store reads as the same record both ways:
the same JSON, key order included, the same ``evidence_of``, the same contract record."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3

import pytest

from llmx.core.document import Document
from llmx.core.records import DocumentExtraction, Evidence, IndexResult
from llmx.store import Store, StoredIndexResult, StoredInitiative, StoredMetric
from llmx.store.columns import RECORD_TABLES
from llmx.store.tables import TABLES
from llmx.store.views import (
    VIEWS,
    EvidenceView,
    IndexResultView,
    InitiativeView,
    MetricView,
    view_of,
)

PAIRS = [(IndexResultView, StoredIndexResult), (MetricView, StoredMetric),
         (InitiativeView, StoredInitiative), (EvidenceView, Evidence)]  # fmt: skip


def _default(f: dataclasses.Field) -> object:  # type: ignore[type-arg]
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return None if f.default is dataclasses.MISSING else ("default", f.default)


@pytest.mark.parametrize(("view", "model"), PAIRS, ids=lambda c: c.__name__)
def test_a_view_has_its_models_fields(view: type, model: type) -> None:
    fields = [(f.name, _default(f)) for f in dataclasses.fields(view)]
    expected = [
        (name, None if info.is_required() else
         info.get_default(call_default_factory=True) if info.default_factory else
         ("default", info.default))
        for name, info in model.model_fields.items()
    ]  # fmt: skip
    assert fields == expected


def test_the_views_read_the_record_tables() -> None:
    assert tuple(VIEWS) == RECORD_TABLES == tuple(TABLES)


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory: pytest.TempPathFactory, root) -> Store:  # noqa: ANN001
    """The seeds as the rules backend reads them (confidence, components, targets), and one
    fact whose rank is read from another sentence than its score (field evidence)."""
    from llmx.ingest import expand_paths, load_document
    from llmx.rules.extractor import RulesExtractor

    store = Store(tmp_path_factory.mktemp("views") / "seeds.db")
    run = store.begin_run("rules")
    extractor = RulesExtractor()
    for src in expand_paths([str(root / "seeds")]):
        doc = load_document(src)
        store.save(doc, extractor.extract(doc).extraction, run)
    score = "Năm 2023, tỉnh Bắc Giang đạt 88,54 điểm Chỉ số cải cách hành chính."
    rank = "Với kết quả này, tỉnh xếp thứ 4/63 tỉnh, thành phố, tăng 3 bậc."
    text = f"{score}\n{rank}"
    doc = Document(doc_id="split", source="split.txt", text=text,
                   sha256=hashlib.sha256(text.encode()).hexdigest())  # fmt: skip
    at = {"quote": rank, "start": len(score) + 1, "end": len(text)}
    ir = IndexResult.model_validate(
        {"entity": "Bắc Giang", "index": "PAR_INDEX", "year": 2023, "score": 88.54, "rank": 4,
         "rank_total": 63, "rank_change": 3, "confidence": 0.8,
         "evidence": {"quote": score, "start": 0, "end": len(score)},
         "field_evidence": {"rank": at, "rank_total": at, "rank_change": at}},
        context={"text": text},
    )  # fmt: skip
    store.save(doc, DocumentExtraction.of(doc, "rules", index_results=[ir]), run)
    return store


def _rows(store: Store, table: str) -> list[sqlite3.Row]:
    return store.conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()


@pytest.mark.parametrize("which", ["qa_store", "seeds_store"])
def test_every_row_reads_as_its_stored_model(which: str, request) -> None:  # noqa: ANN001
    store: Store = request.getfixturevalue(which)
    checked: set[str] = set()
    for table in RECORD_TABLES:
        for row in _rows(store, table):
            view, model = view_of(table, row), TABLES[table].stored_record(row)
            # Byte for byte, as `llmx ask --json` prints a record.
            assert json.dumps(view.to_json()) == json.dumps(model.model_dump(mode="json"))
            for f in ("rank", "rank_change", "score", "value", "name", "year"):
                if hasattr(model, f):
                    assert view.evidence_of(f) == EvidenceView(**model.evidence_of(f).model_dump())
            assert view.record() == model.record()
            checked.add(table)
    assert checked == set(RECORD_TABLES)  # the corpus holds records of every table
    if which == "seeds_store":
        views = [view_of(t, r) for t in RECORD_TABLES for r in _rows(store, t)]
        assert any(v.field_evidence for v in views) and any(v.confidence for v in views)


def test_distinct_facts_hold_views(qa_store: Store) -> None:
    for table in RECORD_TABLES:
        facts = qa_store.distinct_facts(table)
        assert facts and all(isinstance(f.record, VIEWS[table]) for f in facts)


def test_a_view_is_read_only(qa_store: Store) -> None:
    view = qa_store.distinct_facts("index_results")[0].record
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.rank = 1  # type: ignore[misc]
