"""A store for the report tests (tests/test_report*.py): the consolidated-facts articles
(support.facts_corpus: sources that disagree, facts over two years) plus one web page whose
text holds markup and quotes (the page must show it as text), three units ranked in one
year (the bar chart), and evidence spans that half-overlap (the marks must still nest)."""

from __future__ import annotations

from pathlib import Path

from llmx.core.records import DocumentExtraction, Evidence, IndexResult
from llmx.store import Store
from support.facts_corpus import build_store as build_facts_store
from support.qa_corpus import doc

WEB_ID = "r-web"
WEB = (
    'Bảng xếp hạng <script>alert("xss")</script> & “trích dẫn” \'một\'\n'
    "Năm 2023, Hà Tĩnh xếp thứ 1 về Chỉ số CCHC, đạt 90,1 điểm; Nghệ An xếp thứ 2, đạt 88,0 điểm.\n"
    "Năm 2023, Quảng Bình </script><img src=x onerror=alert(1)> xếp thứ 3 về Chỉ số CCHC, "
    "đạt 85,5 điểm.\n"
)


def span(text: str, begin: str, end: str) -> Evidence:
    """The evidence from the first ``begin`` to the end of the first ``end`` after it."""
    start = text.index(begin)
    stop = text.index(end, start) + len(end)
    return Evidence(quote=text[start:stop], start=start, end=stop)


def web_records() -> list[IndexResult]:
    t = WEB
    first = span(t, "Năm 2023, Hà Tĩnh", "90,1 điểm;")
    # Starts inside the first record's evidence and ends after it: a half-overlap.
    second = span(t, "Chỉ số CCHC, đạt 90,1", "88,0 điểm.")
    year = span(t, "Năm 2023, Hà", "2023")  # inside the first record's span
    third = span(t, "Năm 2023, Quảng Bình", "85,5 điểm.")
    return [
        IndexResult(entity="Hà Tĩnh", index="PAR_INDEX", year=2023, rank=1, score=90.1,
                    evidence=first, confidence=0.9),
        IndexResult(entity="Nghệ An", index="PAR_INDEX", year=2023, rank=2, score=88.0,
                    evidence=second, field_evidence={"year": year}, confidence=0.6),
        IndexResult(entity="Quảng Bình", index="PAR_INDEX", year=2023, rank=3, score=85.5,
                    evidence=third),
    ]  # fmt: skip


def build_store(path: Path) -> Store:
    """The facts articles and the web page, all stored by the ``rules`` backend."""
    store = build_facts_store(path)
    d = doc(WEB_ID, WEB)
    ex = DocumentExtraction(
        doc_id=WEB_ID, source=d.source, sha256=d.sha256, backend="rules",
        index_results=web_records(),
    )  # fmt: skip
    run_id = store.begin_run("rules")
    store.save(d, ex, run_id)
    store.finish_run(run_id, status="ok", docs_ok=1, docs_skipped=0, docs_failed=0)
    return store
