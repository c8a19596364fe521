"""A small hand-written corpus for the QA tests (not the seeds): documents, the records an
extractor would store for them, and a store built from both. The tests get the store from
the ``qa_store`` / ``qa_db`` fixtures (tests/conftest.py); tests/test_qa_corpus.py checks
that the corpus is grounded."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from llmx.core.document import Document
from llmx.core.records import DocumentExtraction, Evidence, IndexResult, Initiative, Metric
from llmx.store import Store

NB = (
    "Ninh Bình công bố Chỉ số cải cách hành chính năm 2023\n"
    "Năm 2023, Chỉ số cải cách hành chính (PAR Index) của tỉnh Ninh Bình đạt 87,35 điểm, "
    "xếp thứ 12/63 tỉnh, thành phố, tăng 5 bậc so với năm 2022.\n"
    "Năm 2022, Chỉ số cải cách hành chính của tỉnh Ninh Bình đạt 84,10 điểm, xếp thứ 17/63.\n"
    "Năm 2023, lĩnh vực “Cải cách thủ tục hành chính” của tỉnh xếp thứ 3 cả nước.\n"
    "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình đạt 46,2%.\n"
    "Sở Nội vụ duy trì mô hình “Một cửa thân thiện” tại bộ phận tiếp nhận và trả kết quả.\n"
    "Trong các sở, ngành của tỉnh Ninh Bình, Sở Tư pháp dẫn đầu Chỉ số CCHC năm 2023.\n"
)
HG = (
    "Hà Giang nâng hạng cải cách hành chính\n"
    "Năm 2023, Chỉ số CCHC của tỉnh Hà Giang xếp thứ 12/63, đạt 86,90 điểm.\n"
    "Trong vùng Trung du và miền núi phía Bắc, Hà Giang đứng thứ 3 về chỉ số chuyển đổi số "
    "năm 2023.\n"
    "Tỉnh triển khai mô hình “Một cửa thân thiện” tại 100% xã, phường.\n"
    "Toàn tỉnh có 1.250 dịch vụ công trực tuyến toàn trình.\n"
)
HT = (
    "Hà Tĩnh: kết quả cải cách hành chính năm 2021\n"
    "Năm 2021, tỉnh Hà Tĩnh đứng thứ 12 về Chỉ số CCHC, đạt 85,02 điểm.\n"
    "Phấn đấu năm 2025, Chỉ số CCHC của Hà Tĩnh tăng 4 bậc.\n"
    "Chỉ số SIPAS năm 2023 của Hà Tĩnh đạt 82,5%, xếp thứ 30.\n"
    "Tỉnh duy trì phong trào “Thứ Bảy cùng dân” ở các xã vùng cao.\n"
)
TEXTS = {"qa-ninhbinh": NB, "qa-hagiang": HG, "qa-hatinh": HT}


def sentence(text: str, needle: str) -> Evidence:
    """The whole line of ``text`` holding ``needle``, as evidence."""
    i = text.index(needle)
    start = text.rfind("\n", 0, i) + 1
    end = text.index("\n", i)
    return Evidence(quote=text[start:end], start=start, end=end)


def doc(doc_id: str, text: str) -> Document:
    return Document(
        doc_id=doc_id,
        source=f"{doc_id}.txt",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
    )


def _ir(text: str, needle: str, **kw: Any) -> IndexResult:
    return IndexResult(evidence=sentence(text, needle), **kw)


def records() -> dict[str, dict[str, list]]:
    return {
        "qa-ninhbinh": {
            "index_results": [
                _ir(NB, "87,35", entity="Ninh Bình", index="PAR_INDEX", year=2023, score=87.35,
                    rank=12, rank_total=63, rank_change=5),
                _ir(NB, "84,10", entity="Ninh Bình", index="PAR_INDEX", year=2022, score=84.10,
                    rank=17, rank_total=63),
                _ir(NB, "Cải cách thủ tục hành chính", entity="Ninh Bình", index="PAR_INDEX",
                    component="Cải cách thủ tục hành chính", year=2023, rank=3),
                _ir(NB, "Sở Tư pháp dẫn đầu", entity="Sở Tư pháp", entity_level="department",
                    index="PAR_INDEX", year=2023, rank=1, scope="province:Ninh Bình"),
            ],
            "metrics": [
                Metric(entity="Ninh Bình", evidence=sentence(NB, "46,2%"), value=46.2, unit="%",
                       name="Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình"),
            ],
            "initiatives": [
                Initiative(entity="Sở Nội vụ", name="Một cửa thân thiện",
                           evidence=sentence(NB, "Một cửa thân thiện")),
            ],
        },
        "qa-hagiang": {
            "index_results": [
                _ir(HG, "86,90", entity="Hà Giang", index="PAR_INDEX", year=2023, score=86.90,
                    rank=12, rank_total=63),
                _ir(HG, "đứng thứ 3", entity="Hà Giang", index="DTI", year=2023, rank=3,
                    scope="region:Trung du và miền núi phía Bắc"),
            ],
            "metrics": [
                Metric(entity="Hà Giang", evidence=sentence(HG, "1.250"), value=1250,
                       unit="dịch vụ công trực tuyến", name="dịch vụ công trực tuyến toàn trình"),
            ],
            "initiatives": [
                Initiative(entity="Hà Giang", name="Một cửa thân thiện",
                           evidence=sentence(HG, "Một cửa thân thiện")),
            ],
        },
        "qa-hatinh": {
            "index_results": [
                _ir(HT, "85,02", entity="Hà Tĩnh", index="PAR_INDEX", year=2021, score=85.02,
                    rank=12),
                _ir(HT, "tăng 4 bậc", entity="Hà Tĩnh", index="PAR_INDEX", year=2025,
                    rank_change=4, is_target=True),
                _ir(HT, "82,5%", entity="Hà Tĩnh", index="SIPAS", year=2023, score=82.5,
                    score_unit="percent", rank=30),
            ],
            "metrics": [],
            "initiatives": [
                Initiative(entity="Hà Tĩnh", name="Thứ Bảy cùng dân", kind="phong trào",
                           evidence=sentence(HT, "Thứ Bảy cùng dân")),
            ],
        },
    }  # fmt: skip


def store_corpus(
    path: Path, texts: dict[str, str], recs: dict[str, dict[str, list]], *,
    backend: str = "rules", copies: int = 1, headlines: bool = False,
) -> Store:
    """A store holding ``texts`` with their records, saved in one finished run; ``copies``
    > 1 saves each document again under new doc_ids (the same facts reported by several
    articles); ``headlines``: each document's first line is its headline (as the loader
    reads one). The QA test corpora share it."""
    store = Store(path)
    run_id = store.begin_run(backend)
    for n in range(copies):
        for doc_id, text in texts.items():
            new_id = doc_id if n == 0 else f"{doc_id}-{n}"
            d = doc(new_id, text)
            if headlines:
                d = d.model_copy(update={"title": text.split("\n", 1)[0]})
            ex = DocumentExtraction(
                doc_id=new_id, source=d.source, sha256=d.sha256, backend=backend, **recs[doc_id]
            )
            store.save(d, ex, run_id)
    store.finish_run(run_id, status="ok", docs_ok=len(texts) * copies, docs_skipped=0,
                     docs_failed=0)  # fmt: skip
    return store


def build_store(path: Path, *, backend: str = "rules", copies: int = 1) -> Store:
    """A store holding this corpus (see ``store_corpus``)."""
    return store_corpus(path, TEXTS, records(), backend=backend, copies=copies)
