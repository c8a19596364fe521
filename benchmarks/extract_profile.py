"""Where the rules extractor's time goes, in one process (no store, no worker processes).

    python benchmarks/extract_profile.py [--docs 300] [--top 25]

``--docs`` seed-size documents (seeds/ and eval/docs/, in turn) are extracted once to warm
the caches up, then timed (CPU ms/doc, best of three passes) and profiled with cProfile.
Printed: the CPU cost per document, the share of each step ``RulesExtractor.extract``
calls (cumulative, so a step includes what it calls), and the functions with the most time
of their own. Shares, not the profiled milliseconds, are what to compare: cProfile slows
Python code down more than the regular expressions it calls.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()

    from llmx.ingest import expand_paths, load_document
    from llmx.rules.extractor import RulesExtractor

    inputs = [str(p) for p in (ROOT / "seeds", ROOT / "eval" / "docs") if p.is_dir()]
    loaded = [load_document(s) for s in expand_paths(inputs)]
    if not loaded:
        sys.exit("no documents found under seeds/ or eval/docs/")
    docs = [loaded[i % len(loaded)] for i in range(args.docs)]
    backend = RulesExtractor()
    backend.warm_up()
    for doc in loaded:
        backend.extract(doc)

    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        for doc in docs:
            backend.extract(doc)
        best = min(best, time.process_time() - t0)
    print(f"documents:   {len(docs)} ({len(loaded)} distinct)")
    print(f"extract:     {best * 1000 / len(docs):.2f} CPU ms/doc (best of 3)")

    profile = cProfile.Profile()
    profile.enable()
    for doc in docs:
        backend.extract(doc)
    profile.disable()
    stats = pstats.Stats(profile)
    raw: dict = stats.stats  # type: ignore[attr-defined]  # (file, line, name) -> timings
    extract = next(k for k in raw if k[2] == "extract" and k[0].endswith("rules/extractor.py"))
    total = raw[extract][3]
    steps = []
    for func, (_cc, _nc, _tt, _cum, callers) in raw.items():
        if extract in callers:
            steps.append((callers[extract][3], func))
    print("\nshare of extract per step it calls (cumulative)")
    for cum, func in sorted(steps, reverse=True)[: args.top]:
        if cum / total >= 0.005:
            print(f"  {100 * cum / total:5.1f} %  {_name(func)}")
    print("\nown time (share of extract)")
    own = sorted(((tt, func) for func, (_cc, _nc, tt, _cum, _c) in raw.items()), reverse=True)
    for tt, func in own[: args.top]:
        print(f"  {100 * tt / total:5.1f} %  {_name(func)}")


def _name(func: tuple[str, int, str]) -> str:
    file, line, name = func
    if file == "~":
        return name  # a builtin: "<method 'search' of 're.Pattern' objects>"
    short = file.split("/llmx/", 1)[-1] if "/llmx/" in file else Path(file).name
    return f"{short}:{line} {name}"


if __name__ == "__main__":
    main()
