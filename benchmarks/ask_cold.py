"""`llmx ask` cold (a new process per question) on a 10,000-document store, one question per
question family of issue 12.

    python benchmarks/ask_cold.py [--docs 10000] [--runs 5] [--store PATH] [--rebuild] [--check]

The store is built once and reused (default: ``llmx-ask-cold.db`` in the system temp folder).
The bundled corpus (seeds/ and eval/docs/) is varied ``--variants`` times: variant ``v``
adds ``v`` to every one- or two-digit whole number of the text (ranks, counts, steps gained),
so copies of one article disagree the way different articles reporting one ranking do; each
variant is extracted with the rules backend (its records are grounded in its own text). The
variants are then saved under new doc_ids until the store holds ``--docs`` documents
(``Store.save``, FTS sentences included). Each question is asked by a fresh ``llmx ask``
process ``--runs`` times (llmx's bytecode compiled first, as an install has it); the
figures are wall-clock and CPU seconds per process. Target: under 0.3 s. ``--check`` exits
1 when a median is over the target.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from store_corpus import child_env, compile_llmx, corpus, fill_store, llmx_cmd, store_size

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 0.3
VARIANTS = 4

# One question per family of issue 12 (the family is the label).
QUESTIONS = [
    ("who is Nth", "Tỉnh nào đứng thứ 4?"),
    ("value", "Chỉ số CCHC năm 2022 của tỉnh Bắc Giang đạt bao nhiêu điểm?"),
    ("superlative", "Tỉnh nào có Chỉ số CCHC cao nhất?"),
    ("rises/falls", "Những tỉnh nào tăng hạng?"),
    ("comparison", "So sánh Bắc Giang và Tiền Giang"),
    ("trend", "Chỉ số CCHC của Bắc Giang qua các năm"),
    ("count", "Bao nhiêu tỉnh đạt trên 80 điểm Chỉ số CCHC năm 2022?"),
    ("metric", "Tỷ lệ nộp hồ sơ trực tuyến của Bình Phước là bao nhiêu?"),
    ("initiative", "Tỉnh nào thực hiện mô hình 'Ngày không hẹn'?"),
    ("English", "What was Tien Giang's national rank on the PAR Index in 2023?"),
]
_SMALL_INT = re.compile(r"(?<![\d.,])\d{1,2}(?![\d.,]\d)")


def vary(text: str, v: int) -> str:
    """The text with ``v`` added to every one- or two-digit whole number."""
    if v == 0:
        return text
    return _SMALL_INT.sub(lambda m: str(int(m.group()) + v), text)


def variant_pairs(variants: int) -> list[tuple[Any, Any]]:
    """(document, rules extraction) for every variant of every corpus document."""
    from llmx.core.document import Document
    from llmx.ingest import expand_paths, load_document
    from llmx.rules.extractor import RulesExtractor

    extractor = RulesExtractor()
    pairs = []
    for src in expand_paths([str(p) for p in corpus()]):
        base = load_document(src)
        for v in range(variants + 1):
            text = vary(base.text, v)
            doc = Document(**(base.model_dump() | {
                "doc_id": base.doc_id if v == 0 else f"{base.doc_id}~v{v}",
                "text": text,
                "sha256": base.sha256 if v == 0 else hashlib.sha256(text.encode()).hexdigest(),
            }))  # fmt: skip
            pairs.append((doc, extractor.extract(doc).extraction))
    return pairs


def build_store(path: Path, n_docs: int, variants: int) -> float:
    """Extract the variants once, then save copies under new doc_ids. Returns seconds."""
    t0 = time.perf_counter()
    fill_store(path, variant_pairs(variants), n_docs, "rules", "ask cold benchmark")
    return time.perf_counter() - t0


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_cmd(args: list[str], runs: int) -> tuple[list[float], list[float], str, int]:
    """Wall-clock and CPU (user + system) seconds of ``runs`` fresh processes, the first
    output line, the exit code. CPU time is the figure to trust on a busy machine: wall
    time there includes waiting for a core."""
    times: list[float] = []
    cpu: list[float] = []
    out, rc = "", 0
    env = child_env()
    for _ in range(runs):
        t, c = time.perf_counter(), _children_cpu()
        p = subprocess.run([*llmx_cmd(), *args], capture_output=True, text=True, env=env, cwd=ROOT)
        times.append(time.perf_counter() - t)
        cpu.append(_children_cpu() - c)
        out = p.stdout.splitlines()[0] if p.stdout.strip() else p.stderr.strip()
        rc = p.returncode
    return times, cpu, out, rc


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--variants", type=int, default=VARIANTS)
    ap.add_argument("--store", type=Path, default=Path(tempfile.gettempdir()) / "llmx-ask-cold.db")
    ap.add_argument("--rebuild", action="store_true", help="rebuild the store even if present")
    ap.add_argument("--check", action="store_true", help=f"exit 1 if a median is over {TARGET_S}s")
    args = ap.parse_args()

    if args.rebuild or store_size(args.store) != args.docs:
        secs = build_store(args.store, args.docs, args.variants)
        print(f"built {args.store} with {args.docs} documents in {secs:.1f} s")
    else:
        from llmx.store import Store

        Store(args.store).close()  # applies any new migration (the read index of #3, say)
        print(f"reusing {args.store} ({args.docs} documents)")
    compile_llmx()
    mb = args.store.stat().st_size / 1e6
    print(f"store size {mb:.0f} MB; {args.runs} cold `llmx ask` processes per question\n")

    help_times, help_cpu, _, _ = time_cmd(["--help"], args.runs)
    print(f"{'family':14} {'min':>6} {'median':>7} {'max':>6} {'cpu':>6}  rc  answer")
    worst, worst_cpu = 0.0, 0.0
    for label, q in QUESTIONS:
        times, cpu, out, rc = time_cmd(["ask", q, "--db", str(args.store)], args.runs)
        med = statistics.median(times)
        worst = max(worst, med)
        worst_cpu = max(worst_cpu, statistics.median(cpu))
        print(f"{label:14} {min(times):6.3f} {med:7.3f} {max(times):6.3f}"
              f" {statistics.median(cpu):6.3f}  {rc:>2}  {out[:60]}")  # fmt: skip
    facts_args = ["facts", "--conflicts", "--entity", "Bắc Giang", "--db", str(args.store)]
    facts_times, facts_cpu, _, _ = time_cmd(facts_args, args.runs)
    print(f"\n`llmx {' '.join(facts_args[:4])}`: median {statistics.median(facts_times):.3f} s"
          f" (cpu {statistics.median(facts_cpu):.3f} s)")  # fmt: skip
    print(f"`llmx --help`: median {statistics.median(help_times):.3f} s"
          f" (cpu {statistics.median(help_cpu):.3f} s)")  # fmt: skip
    print(f"worst ask median: {worst:.3f} s wall ({worst / TARGET_S:.2f}x the target),"
          f" {worst_cpu:.3f} s cpu ({worst_cpu / TARGET_S:.2f}x); target < {TARGET_S} s")
    if args.check and worst >= TARGET_S:
        sys.exit(1)


if __name__ == "__main__":
    main()
