"""`llmx eval` takes the road `llmx extract` takes: pipeline.run_extraction into temporary
stores, backends closed, failures typed and kept with their reason."""

from __future__ import annotations

from concurrent.futures import Future
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from llmx.backends import registry
from llmx.core.document import Document
from llmx.core.outcome import ExtractionOutcome
from llmx.errors import BackendError
from llmx.evaluation.extraction import doc_groups
from llmx.evaluation.gold import GoldSet
from llmx.evaluation.runner import EvalOptions, evaluate
from llmx.rules.extractor import RulesExtractor

FAIL_ON: set[str] = set()
EVENTS: list[str] = []


class FlakyRules(RulesExtractor):
    """The rules backend under another name, failing on the documents in FAIL_ON."""

    name = "flaky"

    def extract(self, doc: Document) -> ExtractionOutcome:
        if doc.doc_id in FAIL_ON:
            raise BackendError("the server answered HTTP 500")
        return super().extract(doc)

    def close(self) -> None:
        EVENTS.append("close")


class ConcurrentRules(FlakyRules):
    name = "concurrent"
    concurrent = True

    def submit(self, doc: Document) -> Future[ExtractionOutcome]:
        EVENTS.append(f"submit:{doc.doc_id}")
        return super().submit(doc)


@pytest.fixture
def plugins(monkeypatch, root):
    real = registry.entry_points

    def fake(group: str):
        return list(real(group=group)) + [
            EntryPoint("flaky", f"{__name__}:FlakyRules", group),
            EntryPoint("concurrent", f"{__name__}:ConcurrentRules", group),
        ]

    monkeypatch.setattr(registry, "entry_points", fake)
    monkeypatch.chdir(root)
    FAIL_ON.clear()
    EVENTS.clear()


def _seed_ids(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "seeds" / "gold").glob("*.json"))


def test_a_failed_document_is_typed_scored_empty_and_the_backend_closed(plugins, root):
    failing = _seed_ids(root)[0]
    FAIL_ON.add(failing)
    (br,) = evaluate(EvalOptions(backends=["flaky"], gold=["seeds"])).backends
    assert br.extractor == "flaky" and br.failed_docs == [failing]
    (failure,) = br.failures
    assert failure.doc_id == failing and "HTTP 500" in failure.error
    assert EVENTS == ["close"]
    # the failed document has no predictions; the others were extracted and scored
    (rules,) = evaluate(EvalOptions(backends=["rules"], gold=["seeds"])).backends
    assert 0 < br.sets[0].predictions < rules.sets[0].predictions
    # questions were asked of the store the pipeline filled: those about the failed
    # document lose their answer, the rest keep theirs
    assert br.qa[0].questions == rules.qa[0].questions
    assert 0 < br.qa[0].correct < rules.qa[0].correct


def test_workers_reach_a_concurrent_backend_through_the_pipeline(plugins, root):
    report = evaluate(EvalOptions(backends=["concurrent"], gold=["seeds"], workers=3, qa=False))
    submitted = sorted(e.split(":", 1)[1] for e in EVENTS if e.startswith("submit:"))
    assert submitted == _seed_ids(root)
    assert EVENTS[-1] == "close"
    assert report.backends[0].failures == []


def test_same_scores_as_rules_under_another_name(plugins):
    a = evaluate(EvalOptions(backends=["rules"], gold=["seeds"], qa=False)).backends[0]
    b = evaluate(EvalOptions(backends=["flaky"], gold=["seeds"], qa=False)).backends[0]
    assert a.sets[0].model_dump(exclude={"backend"}) == b.sets[0].model_dump(exclude={"backend"})


def test_doc_groups_follow_the_qa_sets(tmp_path):
    def gs(name: str) -> GoldSet:
        return GoldSet(name=name, gold_dir=str(tmp_path), docs_dir=str(tmp_path), docs=[])

    sets = [gs("seeds"), gs("written"), gs("real-dev"), gs("real-test"), gs("mine")]
    qa = [("seeds", "written"), ("real-dev", "real-test"), ("real-dev", "real-test")]
    assert [g.sets for g in doc_groups(sets, qa)] == [
        ("seeds", "written"), ("real-dev", "real-test"), ("mine",)
    ]
    assert [g.sets for g in doc_groups(sets, [])] == [(s.name,) for s in sets]
    everything = [tuple(s.name for s in sets)]
    assert [g.sets for g in doc_groups(sets, everything)] == [tuple(s.name for s in sets)]


def test_dev_questions_are_asked_of_dev_passages_and_held_out_ones_of_all(root, monkeypatch):
    # dev answers, citations and closest passages are what tuning reads: no held-out text
    from llmx.evaluation.runner import load_gold_sets, qa_sets_for

    monkeypatch.chdir(root)
    sets, sources = load_gold_sets(["real"], [])
    stores = {qs.name: qs.doc_sets for qs in qa_sets_for(EvalOptions(), sets, sources)[0]}
    assert stores == {"real-dev": ("real-dev",), "real-test": ("real-dev", "real-test")}


def test_a_narrowed_store_holds_the_groups_records_of_its_sets_only(root, monkeypatch, tmp_path):
    from llmx.evaluation.extraction import DocGroup, extract_group, narrowed
    from llmx.evaluation.progress import NoProgress
    from llmx.evaluation.runner import load_gold_sets
    from llmx.store import Store

    monkeypatch.chdir(root)
    sets, _ = load_gold_sets(["seeds", "written"], [])
    docs = [d.document for gs in sets for d in gs.docs]
    whole = Store(tmp_path / "whole.db")
    part = Store(tmp_path / "part.db")
    try:
        group = DocGroup(("seeds", "written"), docs)
        ex = extract_group(RulesExtractor(), group, whole, NoProgress())
        sub = narrowed(ex, "rules", sets, ("seeds",), part, NoProgress())
        seed_ids = {d.doc_id for d in sets[0].docs}
        assert set(part.extracted_doc_ids()) == seed_ids != set(whole.extracted_doc_ids())
        for doc_id in seed_ids:  # the very records, not a second run's
            assert part.get_extraction(doc_id, "rules") == whole.get_extraction(doc_id, "rules")
        assert sub.group.sets == ("seeds",)
    finally:
        whole.close()
        part.close()
