"""`llmx ask` latency on a store of 10,000 extracted documents, cold process included.

    python benchmarks/ask_latency.py [--docs 10000] [--runs 5] [--store PATH] [--check]

The store is built once (and kept at --store, default in the system temp folder): the
bundled corpus (seeds/ and eval/docs/) is extracted with the rules backend, then saved again
under new doc_ids until there are --docs documents (Store.save, FTS sentences included), so
every fact is stored many times over, as in a news corpus where one ranking is reported by
many articles. Each question is then asked by a fresh `llmx ask` subprocess --runs times;
the figures are wall-clock seconds per process. Target: under 0.3 s. --check exits 1 when a
median is over the target.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from store_corpus import child_env, compile_llmx, corpus, fill_store, llmx_cmd, store_size

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 0.3

QUESTIONS = [
    ("entity for a rank", "Tỉnh nào đứng thứ 4?"),
    ("score, no diacritics", "diem chi so sipas 2023 cua tien giang"),
    ("rank (English)", "What was Tien Giang's national rank on the PAR Index in 2023?"),
    ("rank change", "Chỉ số CCHC năm 2022 của Bắc Giang tăng bao nhiêu bậc?"),
    ("metric", "Tỷ lệ nộp hồ sơ trực tuyến của Bình Phước là bao nhiêu?"),
    ("initiative", "Which provinces use the 'Ngày không hẹn' model?"),
    ("top N", "3 tỉnh dẫn đầu Chỉ số CCHC năm 2023?"),
    ("not found (FTS)", "Chỉ số PAPI năm 2021 của Hà Nội là bao nhiêu điểm?"),
    ("rises", "Những tỉnh nào tăng hạng Chỉ số CCHC năm 2022?"),
    ("most gained", "Tỉnh nào tăng nhiều bậc nhất về Chỉ số CCHC năm 2023?"),
    ("comparison", "So sánh điểm Chỉ số CCHC năm 2022 của Bắc Giang và Tiền Giang."),
    ("trend", "Chỉ số SIPAS của Tiền Giang qua các năm thế nào?"),
    ("best year", "Năm nào Tiền Giang có Chỉ số CCHC cao nhất?"),
]


def build_store(path: Path, n_docs: int) -> float:
    """Extract the corpus once, then save copies under new doc_ids. Returns seconds."""
    from llmx.ingest import expand_paths, load_document
    from llmx.rules.extractor import RulesExtractor

    t0 = time.perf_counter()
    extractor = RulesExtractor()
    pairs = []
    for src in expand_paths([str(p) for p in corpus()]):
        doc = load_document(src)
        pairs.append((doc, extractor.extract(doc).extraction))
    fill_store(path, pairs, n_docs, extractor.name, "ask latency benchmark")
    return time.perf_counter() - t0


def time_ask(question: str, db: Path, runs: int) -> tuple[list[float], str, int]:
    cmd = [*llmx_cmd(), "ask", question, "--db", str(db)]
    times: list[float] = []
    out = ""
    rc = 0
    env = child_env()
    for _ in range(runs):
        t = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
        times.append(time.perf_counter() - t)
        out, rc = p.stdout.splitlines()[0] if p.stdout else p.stderr.strip(), p.returncode
    return times, out, rc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--store", type=Path, default=Path(tempfile.gettempdir()) / "llmx-ask-bench.db")
    ap.add_argument("--rebuild", action="store_true", help="rebuild the store even if present")
    ap.add_argument("--check", action="store_true", help=f"exit 1 if a median is over {TARGET_S}s")
    args = ap.parse_args()

    if args.rebuild or store_size(args.store) != args.docs:
        secs = build_store(args.store, args.docs)
        print(f"built {args.store} with {args.docs} documents in {secs:.1f} s")
    else:
        print(f"reusing {args.store} ({args.docs} documents)")
    compile_llmx()
    mb = args.store.stat().st_size / 1e6
    print(f"store size {mb:.0f} MB; {args.runs} cold `llmx ask` processes per question\n")

    t = time.perf_counter()
    subprocess.run([*llmx_cmd(), "--help"], capture_output=True)
    help_s = time.perf_counter() - t
    print(f"{'question type':22} {'min':>6} {'median':>7} {'max':>6}  rc  answer")
    worst = 0.0
    for label, q in QUESTIONS:
        times, out, rc = time_ask(q, args.store, args.runs)
        med = statistics.median(times)
        worst = max(worst, med)
        print(f"{label:22} {min(times):6.3f} {med:7.3f} {max(times):6.3f}  {rc:>2}  {out[:70]}")
    print(f"\n`llmx --help`: {help_s:.3f} s; worst median: {worst:.3f} s (target < {TARGET_S} s)")
    if args.check and worst >= TARGET_S:
        sys.exit(1)


if __name__ == "__main__":
    main()
