"""Articles that report the same facts and do not always agree, for the consolidated-facts
tests (tests/test_facts*.py): Bắc Giang's 2022 PAR Index rank is 4 in two articles and 5 in
a third; one metric is stated twice with two values; one initiative by two articles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from llmx.core.records import DocumentExtraction, IndexResult, Initiative, Metric
from llmx.store import Store
from support.qa_corpus import doc, sentence

A = (
    "Bắc Giang tăng 3 bậc\n"
    "Năm 2022, tỉnh Bắc Giang xếp thứ 4 cả nước về Chỉ số CCHC, đạt 88,54 điểm.\n"
    "Tỷ lệ hồ sơ trực tuyến của Bắc Giang đạt 45%.\n"
    "Tỉnh duy trì mô hình “Cà phê doanh nhân”.\n"
)
B = (
    "Kết quả Chỉ số CCHC 2022\n"
    "Năm 2022, Chỉ số CCHC của Bắc Giang xếp thứ 5 cả nước.\n"
    "Năm 2023, Chỉ số CCHC của Bắc Giang xếp thứ 2 cả nước.\n"
    "Tỷ lệ hồ sơ trực tuyến của Bắc Giang đạt 52%.\n"
)
C = (
    "Bắc Giang: nhìn lại năm 2022\n"
    "Năm 2022, Bắc Giang đứng thứ 4 về Chỉ số CCHC.\n"
    "Lĩnh vực “Cải cách thủ tục hành chính” của Bắc Giang năm 2022 xếp thứ 7.\n"
    "Bắc Giang nhân rộng mô hình “Cà phê doanh nhân”.\n"
)
TEXTS = {"f-a": A, "f-b": B, "f-c": C}


def _ir(text: str, needle: str, **kw: Any) -> IndexResult:
    return IndexResult(evidence=sentence(text, needle), entity="Bắc Giang", index="PAR_INDEX",
                       **kw)  # fmt: skip


def _metric(text: str, needle: str, value: float) -> Metric:
    return Metric(entity="Bắc Giang", name="Tỷ lệ hồ sơ trực tuyến", value=value, unit="%",
                  year=2022, evidence=sentence(text, needle))  # fmt: skip


def records() -> dict[str, dict[str, list[Any]]]:
    return {
        "f-a": {
            "index_results": [_ir(A, "thứ 4", year=2022, rank=4, score=88.54)],
            "metrics": [_metric(A, "45%", 45)],
            "initiatives": [Initiative(entity="Bắc Giang", name="Cà phê doanh nhân",
                                       evidence=sentence(A, "Cà phê"))],
        },
        "f-b": {
            "index_results": [
                _ir(B, "2022, Chỉ số", year=2022, rank=5),
                _ir(B, "2023", year=2023, rank=2),
            ],
            "metrics": [_metric(B, "52%", 52)],
            "initiatives": [],
        },
        "f-c": {
            "index_results": [
                _ir(C, "đứng thứ 4", year=2022, rank=4),
                _ir(C, "xếp thứ 7", year=2022, rank=7, component="Cải cách thủ tục hành chính"),
            ],
            "metrics": [],
            "initiatives": [Initiative(entity="Bắc Giang", name="Cà phê doanh nhân",
                                       evidence=sentence(C, "Cà phê"))],
        },
    }  # fmt: skip


def build_store(path: Path, *, backends: tuple[str, ...] = ("rules",)) -> Store:
    """A store holding the three articles, extracted (identically) by each backend."""
    store = Store(path)
    recs = records()
    for backend in backends:
        run_id = store.begin_run(backend)
        for doc_id, text in TEXTS.items():
            d = doc(doc_id, text)
            ex = DocumentExtraction(
                doc_id=doc_id, source=d.source, sha256=d.sha256, backend=backend, **recs[doc_id]
            )
            store.save(d, ex, run_id)
        store.finish_run(run_id, status="ok", docs_ok=len(TEXTS), docs_skipped=0, docs_failed=0)
    return store
