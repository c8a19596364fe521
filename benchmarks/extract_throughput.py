"""Offline extraction throughput: N documents through ingest -> rules extractor -> SQLite store.

    python benchmarks/extract_throughput.py [--docs 1000] [--seed-docs 200] [--workers 1,2]
                                            [--runs 5]

Documents are the bundled corpus (seeds/ and eval/docs/) copied with fresh names, so every
one is extracted and stored (no skipping). Prints docs/s and peak RSS of this process.

Then worker processes (``--workers``): seed-size documents (seeds/ only, ~9 KB each) through
``run_extraction`` with each worker count, with the store and without, median of ``--runs``
runs, and the ratio to the first count. CPU ms/doc of this process (loading, saving) and of
the workers (extracting) are printed too: on a shared machine they say what the wall clock
cannot (the workers' share is what more cores divide). "cpu docs/s" is what those CPU costs
allow on N idle cores, the parent included: N cores divide the whole cost, and the parent,
one process, cannot go faster than its own share, ``min(N * 1000 / (parent + workers),
1000 / parent)``; with one worker count it is one process doing both.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus() -> list[Path]:
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "eval" / "docs").glob("*.txt"))
    if not files:
        sys.exit("no documents found under seeds/ or eval/docs/")
    return files


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--seed-docs", type=int, default=200)
    ap.add_argument("--workers", default="1,2", help="worker counts to compare, e.g. 1,2")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()

    from llmx.pipeline import RunSummary, run_extraction
    from llmx.rules.extractor import RulesExtractor
    from llmx.store import Store

    src = corpus()
    with tempfile.TemporaryDirectory() as tmp:
        docs_dir = Path(tmp) / "docs"
        docs_dir.mkdir()
        total_bytes = 0
        for i in range(args.docs):
            f = src[i % len(src)]
            shutil.copyfile(f, docs_dir / f"{i:05d}_{f.name}")
            total_bytes += f.stat().st_size
        store = Store(Path(tmp) / "bench.db")
        backend = RulesExtractor()
        summary = RunSummary()
        run_id = store.begin_run(backend.name)
        t0 = time.perf_counter()
        for result in run_extraction([str(docs_dir)], backend, store, run_id=run_id):
            summary.add(result)
        elapsed = time.perf_counter() - t0
        store.finish_run(
            run_id, status="ok", docs_ok=summary.ok, docs_skipped=0, docs_failed=summary.errors
        )
        store.close()

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    records = summary.index_results + summary.metrics + summary.initiatives
    print(
        f"documents:      {summary.documents} ({total_bytes / 1e6:.1f} MB, {summary.errors} errors)"
    )
    print(f"records:        {records}")
    print(f"elapsed:        {elapsed:.2f} s")
    print(f"throughput:     {summary.documents / elapsed:.0f} docs/s")
    print(f"peak RSS:       {peak_mb:.0f} MB")

    counts = [int(w) for w in args.workers.split(",")]
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    print(f"\nseed-size documents: {args.seed_docs} per run, median of {args.runs} runs")
    print(f"{'workers':>7} {'store':>5} {'docs/s':>7} {'ratio':>6} {'parent ms/doc':>14} "
          f"{'workers ms/doc':>15} {'cpu docs/s':>11}")  # fmt: skip
    for with_store in (True, False):
        base = None
        for n in counts:
            runs = [_seed_run(seeds, args.seed_docs, n, with_store) for _ in range(args.runs)]
            rate = statistics.median(r[0] for r in runs)
            parent = statistics.median(r[1] for r in runs)
            workers = statistics.median(r[2] for r in runs)
            base = base or rate
            print(f"{n:>7} {'yes' if with_store else 'no':>5} {rate:>7.0f} {rate / base:>6.2f} "
                  f"{parent:>14.1f} {workers:>15.1f} "
                  f"{_cpu_rate(n, parent, workers):>11.0f}")  # fmt: skip

    # Cold start of the CLI, best of 5.
    llmx = shutil.which("llmx") or f"{sys.executable} -m llmx"
    best = min(_time_cmd(f"{llmx} --help") for _ in range(5))
    print(f"llmx --help:    {best * 1000:.0f} ms (best of 5)")


def _seed_run(seeds: list[Path], n_docs: int, workers: int, with_store: bool):
    """(docs/s, CPU ms/doc in this process, CPU ms/doc in worker processes) of one run."""
    from llmx.pipeline import run_extraction
    from llmx.rules.extractor import RulesExtractor
    from llmx.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        docs_dir = Path(tmp) / "docs"
        docs_dir.mkdir()
        for i in range(n_docs):
            f = seeds[i % len(seeds)]
            shutil.copyfile(f, docs_dir / f"{i:05d}_{f.name}")
        store = Store(Path(tmp) / "bench.db") if with_store else None
        backend = RulesExtractor()
        run_id = store.begin_run(backend.name) if store else None
        own0, kids0 = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        done = sum(1 for _ in run_extraction([str(docs_dir)], backend, store, run_id=run_id,
                                             workers=workers))  # fmt: skip
        elapsed = time.perf_counter() - t0
        own, kids = _cpu(resource.RUSAGE_SELF) - own0, _cpu(resource.RUSAGE_CHILDREN) - kids0
        if store is not None:
            store.close()
    return done / elapsed, own * 1000 / done, kids * 1000 / done


def _cpu_rate(cores: int, parent_ms: float, workers_ms: float) -> float:
    """Documents per second the measured CPU costs (ms/doc) allow on ``cores`` idle cores."""
    total = max(parent_ms + workers_ms, 1e-9)
    return min(cores * 1000 / total, 1000 / max(parent_ms, 1e-9))


def _cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def _time_cmd(cmd: str) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, shell=True, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
