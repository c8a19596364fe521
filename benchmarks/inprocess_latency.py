"""In-process latency of the store, the gazetteer and the QA engine: the speeds the unit
tests used to assert on the wall clock (they now check only what the calls return).

    python benchmarks/inprocess_latency.py [--docs 600] [--runs 20]

- store open: ``Store(path).close()`` on an existing store of --docs documents (target
  under 50 ms; ~1 ms is usual);
- store queries on that store: ``query_index_results(rank=4)`` and two full-text
  ``search_sentences`` calls, one with diacritics and one without (target under 50 ms each);
- gazetteer: ``find`` on a 10 KB paragraph naming several provinces (target under 1 ms
  per KB);
- ask: ``answer_question`` for one question, and for the same question padded to over
  10 KB (target under 2 s; the ratio says what the padding costs).

Each figure is the median of --runs calls after one warm-up call, in milliseconds, with min
and max. The store is built in a temporary folder: --docs short documents, each with one
ranking record and its sentences (the documents of tests/test_store.py's many-documents
test). Nothing here fails on time: the last line says whether the targets were met.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PROVINCES = ["Bắc Giang", "Quảng Ninh", "Hải Phòng", "Đồng Nai", "Lạng Sơn", "Cà Mau"]
QUESTION = "Đồng Nai xếp thứ mấy về Chỉ số cải cách hành chính năm 2022?"
PARAGRAPH = (
    "Chỉ số cải cách hành chính năm 2024 của tỉnh Bắc Giang đạt 91,5%, xếp thứ hai; "
    "Hải Phòng, Quảng Ninh và TP.HCM tiếp tục nằm trong nhóm dẫn đầu cả nước. "
)


def build_store(path: Path, n_docs: int) -> None:
    from llmx.core.document import Document
    from llmx.core.records import DocumentExtraction, Evidence, IndexResult
    from llmx.store import Store

    with Store(path) as store:
        run = store.begin_run("rules")
        for i in range(n_docs):
            p = PROVINCES[i % len(PROVINCES)]
            s1 = f"Năm 2022, tỉnh {p} xếp thứ {i % 63 + 1} về Chỉ số cải cách hành chính."
            text = f"{s1}\nBài viết số {i} về cải cách thủ tục hành chính tại {p}."
            sha = hashlib.sha256(text.encode()).hexdigest()
            doc = Document(doc_id=f"d{i}", source=f"news/d{i}.txt", sha256=sha, text=text)
            ir = IndexResult(entity=p, index="PAR_INDEX", year=2022, rank=i % 63 + 1,
                             evidence=Evidence(quote=s1, start=0, end=len(s1)))  # fmt: skip
            ex = DocumentExtraction(doc_id=doc.doc_id, source=doc.source, sha256=sha,
                                    backend="rules", index_results=[ir])  # fmt: skip
            store.save(doc, ex, run)
        store.finish_run(run, status="ok", docs_ok=n_docs, docs_skipped=0, docs_failed=0)


def timed(f: Callable[[], Any], runs: int) -> tuple[list[float], Any]:
    """Milliseconds per call of ``f`` over ``runs`` calls after a warm-up, and its result."""
    result = f()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        result = f()
        times.append((time.perf_counter() - t) * 1000)
    return times, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=600, help="documents in the store")
    ap.add_argument("--runs", type=int, default=20, help="timed calls per figure")
    args = ap.parse_args()

    from llmx.core.gazetteer import get_gazetteer
    from llmx.qa.engine import answer_question
    from llmx.store import Store

    rows: list[tuple[str, list[float], float, str]] = []  # label, ms, target ms, result
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        t = time.perf_counter()
        build_store(db, args.docs)
        print(f"built a store of {args.docs} documents in {time.perf_counter() - t:.1f} s; "
              f"median of {args.runs} calls after a warm-up, in ms\n")  # fmt: skip

        times, _ = timed(lambda: Store(db).close(), args.runs)
        rows.append(("store open + close", times, 50.0, ""))

        with Store(db) as store:
            queries = [
                ("query_index_results(rank=4)", lambda: store.query_index_results(rank=4)),
                ("search_sentences, diacritics",
                 lambda: store.search_sentences("Đồng Nai xếp thứ mấy về cải cách hành chính")),
                ("search_sentences, none", lambda: store.search_sentences("bai viet so 417")),
            ]  # fmt: skip
            for label, f in queries:
                times, res = timed(f, args.runs)
                rows.append((label, times, 50.0, f"{len(res)} hits"))

            gz = get_gazetteer()
            text = (PARAGRAPH * (10_000 // len(PARAGRAPH) + 1))[:10_000]
            times, found = timed(lambda: gz.find(text), args.runs)
            per_kb = [ms / (len(text) / 1000) for ms in times]
            rows.append(("gazetteer find, per KB", per_kb, 1.0, f"{len(found)} mentions"))

            long_q = QUESTION + " " + "lorem ipsum " * 900
            short, a_short = timed(lambda: answer_question(store, QUESTION), args.runs)
            rows.append(("ask", short, 2000.0, a_short.text[:40]))
            long, a_long = timed(lambda: answer_question(store, long_q), args.runs)
            rows.append((f"ask, {len(long_q) / 1000:.0f} KB question", long, 2000.0,
                         a_long.text[:40]))  # fmt: skip

    print(f"{'operation':32} {'min':>8} {'median':>8} {'max':>8} {'target':>8}  result")
    met = True
    for label, times, target, result in rows:
        med = statistics.median(times)
        met &= med < target
        print(f"{label:32} {min(times):8.3f} {med:8.3f} {max(times):8.3f} {target:8g}  {result}")
    ratio = statistics.median(long) / statistics.median(short)
    print(f"\na {len(long_q) / 1000:.0f} KB question costs {ratio:.1f}x the plain one"
          f"{'' if a_long.text == a_short.text else ' (and gets another answer!)'}")  # fmt: skip
    print("targets:", "met" if met else "NOT met")


if __name__ == "__main__":
    main()
