"""Extraction quality and cost of the model backends against a local OpenAI-compatible server
(issue 13): ``llmx eval`` for ``openai`` and ``hybrid`` (and ``rules``, the baseline) on the
seeds and a sample of real-dev passages. Not part of CI: it needs a running server.

    scripts/local_llm.sh qwen0.5b 8765
    python benchmarks/llm_quality.py [--base-url http://127.0.0.1:8765/v1] [--model qwen0.5b]
        [--backends rules openai hybrid] [--sample 6] [--cache DIR]

Per backend and set it prints index-result precision, recall and F1, the precision at the
default confidence cut-off (``precision_at_default``: the hybrid backend's must never be
below the rules'), wall seconds per document and, from the backend's response cache,
HTTP requests and prompt/completion tokens per document. Each backend gets its own fresh
cache (in a temporary folder, or ``--cache DIR`` to keep it and rerun for free), so the
seconds and tokens are those of real requests on a first run.

The real-dev sample is the first ``--sample`` passages of the dev split in doc_id order (never
a test passage), copied into a temporary set folder (``docs/``, ``gold/``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "eval" / "real"


def dev_sample(n: int, into: Path) -> Path:
    """A set folder with the first ``n`` dev passages (docs/ and gold/, copied: llmx
    resolves a document's path to name it, so a link would name it after its target)."""
    ids = sorted(
        e["doc_id"]
        for e in map(json.loads, (REAL / "sources.jsonl").read_text("utf-8").splitlines())
        if e.get("split") == "dev"
    )[:n]
    root = into / "real-dev-sample"
    (root / "docs").mkdir(parents=True)
    (root / "gold").mkdir()
    for doc_id in ids:
        shutil.copyfile(REAL / "gold" / f"{doc_id}.json", root / "gold" / f"{doc_id}.json")
        for doc in sorted((REAL / "docs").glob(f"{doc_id}.*")):
            shutil.copyfile(doc, root / "docs" / doc.name)
    return root


def cache_usage(path: Path) -> tuple[int, int, int]:
    """(responses, prompt tokens, completion tokens) stored in a response cache."""
    if not path.exists():
        return 0, 0, 0
    with sqlite3.connect(path) as conn:
        row = conn.execute(
            "SELECT COUNT(*), COALESCE(SUM(prompt_tokens), 0), "
            "COALESCE(SUM(completion_tokens), 0) FROM responses"
        ).fetchone()
    return int(row[0]), int(row[1]), int(row[2])


def run_eval(
    backend: str, gold: str, args: argparse.Namespace, cache: Path
) -> tuple[dict[str, Any], float]:
    cmd = [sys.executable, "-m", "llmx", "eval", "--backend", backend, "--gold", gold,
           "--json", "--no-qa", "--errors", "0"]  # fmt: skip
    if backend != "rules":
        cmd += ["--base-url", args.base_url, "--model", args.model]
    env = os.environ | {"LLMX_CACHE": str(cache)}
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    seconds = time.perf_counter() - start
    if not done.stdout.strip():
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return json.loads(done.stdout), seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--base-url", default="http://127.0.0.1:8765/v1")
    ap.add_argument("--model", default="qwen0.5b")
    ap.add_argument("--backends", nargs="+", default=["rules", "openai", "hybrid"])
    ap.add_argument("--sample", type=int, default=6, help="real-dev passages (dev split only)")
    ap.add_argument("--cache", type=Path, help="keep each backend's response cache here")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="llmx-quality-") as tmp:
        sets = ["seeds", str(dev_sample(args.sample, Path(tmp)))]
        cache_dir = args.cache or Path(tmp)
        cache_dir.mkdir(parents=True, exist_ok=True)
        print(f"{'backend':8} {'set':18} {'docs':>4} {'P':>6} {'R':>6} {'F1':>6} {'P@0.7':>6} "
              f"{'s/doc':>7} {'req/doc':>7} {'prompt/doc':>10} {'compl/doc':>9}")  # fmt: skip
        for backend in args.backends:
            cache = cache_dir / f"llm-quality-{backend}.db"
            for gold in sets:
                before = cache_usage(cache)
                report, seconds = run_eval(backend, gold, args, cache)
                after = cache_usage(cache)
                for s in report["backends"][0]["sets"]:
                    ix = s["types"]["index_results"]
                    p_def = ix["confidence"]["0.7"]["precision"]
                    docs = max(1, int(s["docs"]))
                    req, pt, ct = (a - b for a, b in zip(after, before, strict=True))
                    print(
                        f"{backend:8} {s['set'][:18]:18} {docs:4d} {ix['precision'] or 0:6.3f} "
                        f"{ix['recall'] or 0:6.3f} {ix['f1'] or 0:6.3f} "
                        f"{'-' if p_def is None else f'{p_def:.3f}':>6} {seconds / docs:7.1f} "
                        f"{req / docs:7.1f} {pt / docs:10.0f} {ct / docs:9.0f}"
                    )


if __name__ == "__main__":
    main()
