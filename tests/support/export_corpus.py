"""A store for the export tests (tests/test_export*.py, test_records_cli, test_runs_cli):
the consolidated-facts articles (support.facts_corpus) and one more whose quotes hold what a
CSV or a spreadsheet must keep intact: a straight double quote, commas and a line break in
one quote, and a line that begins with "=" (a spreadsheet would take it for a formula)."""

from __future__ import annotations

from pathlib import Path

from llmx.core.records import DocumentExtraction, Evidence, IndexResult, Metric
from llmx.store import Store
from support.facts_corpus import build_store as build_facts_store
from support.qa_corpus import doc, sentence

TRICKY_ID = "x-dien-bien"
TRICKY = (
    "Điện Biên cải thiện thứ hạng\n"
    '"Năm 2023, tỉnh Điện Biên xếp thứ 9,\nđạt 80,12 điểm" về Chỉ số CCHC.\n'
    "=Tỷ lệ hồ sơ trực tuyến của Điện Biên đạt 61%.\n"
)
TWO_LINE_QUOTE = TRICKY[TRICKY.index('"Năm') : TRICKY.index("CCHC.") + len("CCHC.")]


def _span(text: str, quote: str) -> Evidence:
    start = text.index(quote)
    return Evidence(quote=quote, start=start, end=start + len(quote))


def tricky_extraction(backend: str) -> DocumentExtraction:
    d = doc(TRICKY_ID, TRICKY)
    return DocumentExtraction(
        doc_id=TRICKY_ID, source=d.source, sha256=d.sha256, backend=backend,
        index_results=[IndexResult(entity="Điện Biên", index="PAR_INDEX", year=2023, rank=9,
                                   score=80.12, evidence=_span(TRICKY, TWO_LINE_QUOTE))],
        metrics=[Metric(entity="Điện Biên", name="Tỷ lệ hồ sơ trực tuyến", value=61, unit="%",
                        evidence=sentence(TRICKY, "=Tỷ lệ"))],
    )  # fmt: skip


def build_store(path: Path, *, backend: str = "rules") -> Store:
    """The facts articles (run 1), then the tricky article in a second run."""
    store = build_facts_store(path, backends=(backend,))
    run_id = store.begin_run(backend, model="test-model")
    store.save(doc(TRICKY_ID, TRICKY), tricky_extraction(backend), run_id)
    store.finish_run(run_id, status="ok", docs_ok=1, docs_skipped=0, docs_failed=0)
    return store
