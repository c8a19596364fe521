"""Offline extraction throughput: N documents through ingest -> rules extractor -> SQLite store.

    python benchmarks/extract_throughput.py [--docs 1000]

Documents are the bundled corpus (seeds/ and eval/docs/) copied with fresh names, so every
one is extracted and stored (no skipping). Prints docs/s and peak RSS of this process.
"""

from __future__ import annotations

import argparse
import resource
import shutil
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

    # Cold start of the CLI, best of 5.
    llmx = shutil.which("llmx") or f"{sys.executable} -m llmx"
    best = min(_time_cmd(f"{llmx} --help") for _ in range(5))
    print(f"llmx --help:    {best * 1000:.0f} ms (best of 5)")


def _time_cmd(cmd: str) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, shell=True, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
