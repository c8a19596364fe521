"""Facts across documents (``Store.consolidated_facts``): rows with one fact key are one fact
with every row as a source; sources that disagree are a conflict."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from support.facts_corpus import build_store

from llmx.errors import StoreError
from llmx.store import Store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = build_store(tmp_path_factory.mktemp("facts") / "facts.db", backends=("rules", "openai"))
    yield s
    s.close()


def _fact(store: Store, table: str = "index_results", **filters: object):  # noqa: ANN202
    facts = store.consolidated_facts(table, **filters)  # type: ignore[arg-type]
    assert len(facts) == 1, [f.key for f in facts]
    return facts[0]


def test_one_fact_per_key_with_every_row_as_a_source(store: Store) -> None:
    fact = _fact(store, entity_key="bac giang", year=2022, backend="rules", rank=5)
    assert fact.key == {
        "entity_key": "bac giang", "index": "PAR_INDEX", "component": "", "year": 2022,
        "scope": "national", "is_target": False,
    }  # fmt: skip
    # three articles state it; a rank filter picks the fact, then lists all its sources
    assert fact.doc_ids == ["f-a", "f-b", "f-c"]
    assert [s.values["rank"] for s in fact.sources] == [4, 5, 4]
    for s in fact.sources:  # each source cites its own sentence
        doc = store.get_document(s.doc_id)
        assert doc is not None and doc.text[s.start : s.end] == s.quote
        assert f"thứ {s.values['rank']}" in s.quote


def test_disagreeing_sources_are_a_conflict_and_missing_values_are_not(store: Store) -> None:
    facts = store.consolidated_facts("index_results", entity_key="bac giang", year=2022)
    [fact] = [f for f in facts if not f.key["component"]]
    assert fact.conflicts == ["rank"]  # 4 (twice) and 5; only one article states a score
    assert fact.values["rank"] == [4, 5]  # most stated first
    assert fact.values["score"] == [88.54]
    assert fact.values["rank_change"] == []
    # the representative agrees with most sources and states the most
    assert fact.record.rank == 4 and fact.record.score == 88.54 and fact.record.doc_id == "f-a"


def test_component_year_and_table_keep_facts_apart(store: Store) -> None:
    facts = store.consolidated_facts("index_results", entity_key="bac giang", backend="rules")
    keys = {(f.key["year"], f.key["component"]) for f in facts}
    assert keys == {(2022, ""), (2023, ""), (2022, "Cải cách thủ tục hành chính")}
    metric = _fact(store, "metrics", backend="rules")
    assert metric.conflicts == ["value"] and metric.values["value"] == [45.0, 52.0]
    initiative = _fact(store, "initiatives", backend="rules")
    assert initiative.key == {"entity_key": "bac giang", "name_key": "ca phe doanh nhan"}
    assert initiative.n_sources == 2 and initiative.conflicts == []


def test_backend_filter_limits_the_sources(store: Store) -> None:
    both = _fact(store, entity_key="bac giang", year=2023)
    assert sorted(s.backend for s in both.sources) == ["openai", "rules"]
    one = _fact(store, entity_key="bac giang", year=2023, backend="openai")
    assert [s.backend for s in one.sources] == ["openai"]


def test_conflicts_only(store: Store) -> None:
    facts = store.consolidated_facts("index_results", conflicts_only=True)
    assert [(f.key["year"], f.key["component"]) for f in facts] == [(2022, "")]
    assert store.consolidated_facts("initiatives", conflicts_only=True) == []


def test_filters_lists_and_limits(store: Store) -> None:
    assert len(store.consolidated_facts("index_results", years=[2023, 2022])) == 3
    assert store.consolidated_facts("index_results", years=[]) == []
    assert store.consolidated_facts("index_results", entity_key="ha noi") == []
    first = store.consolidated_facts("index_results", limit=1)
    assert len(first) == 1 and first[0].key["year"] == 2022 and first[0].key["component"] == ""
    with pytest.raises(ValueError, match="unknown filter"):
        store.consolidated_facts("index_results", colour="red")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="list of values"):
        store.consolidated_facts("index_results", years=2022)
    with pytest.raises(ValueError, match="unknown record table"):
        store.consolidated_facts("documents")


def test_consolidated_facts_group_the_distinct_facts(store: Store) -> None:
    """Same fact key as ``distinct_facts``: every distinct fact lies in exactly one
    consolidated fact, with as many rows."""
    for table in ("index_results", "metrics", "initiatives"):
        consolidated = store.consolidated_facts(table)
        distinct = store.distinct_facts(table)
        assert sum(f.n_sources for f in consolidated) == sum(f.sources for f in distinct)
        ids = [{s.record_id for s in f.sources} for f in consolidated]
        for d in distinct:
            holders = [
                f for f in consolidated
                if f.record.entity == d.record.entity and d.record.doc_id in f.doc_ids
                and all(f.record.model_dump().get(k) == d.record.to_json().get(k)
                        for k in ("year", "name", "index", "component"))
            ]  # fmt: skip
            assert len(holders) == 1, d.record
        assert len(set().union(*ids)) == sum(len(i) for i in ids)  # no row in two facts


def test_targets_can_be_left_out(tmp_path: Path) -> None:
    from support.qa_corpus import build_store as qa_store

    with qa_store(tmp_path / "qa.db") as s:
        with_targets = s.consolidated_facts("index_results", entity_key="ha tinh")
        without = s.consolidated_facts("index_results", entity_key="ha tinh", include_targets=False)
    assert any(f.key["is_target"] for f in with_targets)
    assert not any(f.key["is_target"] for f in without)
    assert len(without) == len(with_targets) - 1


def test_a_store_of_another_schema_is_a_store_error(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as s:
        s.conn.execute("DROP TABLE initiatives")
        with pytest.raises(StoreError):
            s.consolidated_facts("initiatives")


def test_one_query_per_call(store: Store) -> None:
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        facts = store.consolidated_facts("index_results", backend="rules", conflicts_only=True)
    finally:
        store.conn.set_trace_callback(None)
    assert len(facts) == 1 and len(statements) == 1


def test_flag_filters_keep_what_a_python_filter_would(qa_store: Store) -> None:
    """The QA engine's row conditions, read in SQL (``has_change``, ``has_rank_or_score``,
    ``entity_level``), keep exactly the facts a filter over every fact would, and
    ``latest_year`` is the newest year among the rows the same filters keep."""
    every = qa_store.distinct_facts("index_results")
    changes = qa_store.distinct_facts("index_results", has_change=True)
    assert changes and len(changes) < len(every)
    assert changes == [
        f for f in every if f.record.rank_change is not None or f.record.score_change is not None
    ]
    figures = qa_store.distinct_facts("index_results", has_rank_or_score=True)
    assert figures == [f for f in every if f.record.rank is not None or f.record.score is not None]
    assert qa_store.distinct_facts("index_results", has_change=False) == every
    provinces = qa_store.distinct_facts("index_results", entity_level="province")
    assert provinces == [f for f in every if f.record.entity_level == "province"]
    years = [f.record.year for f in changes if f.record.year is not None]
    assert qa_store.latest_year("index_results", has_change=True) == max(years)
    assert qa_store.latest_year("index_results", entity_level="nowhere") is None
    assert qa_store.latest_year("index_results", entity_keys=[]) is None
    with pytest.raises(ValueError, match="flag"):
        qa_store.distinct_facts("index_results", has_change="yes")
