"""A fixed extraction workload for instruction counts (deterministic, unlike the wall clock
on a shared machine).

    PYTHONHASHSEED=0 valgrind --tool=callgrind --collect-atstart=no \
        --toggle-collect=_operator_call --callgrind-out-file=/tmp/cg.out \
        python benchmarks/extract_instructions.py [--passes 1]

Loads the bundled corpus (seeds/ and eval/docs/), warms the rules extractor up on every
document, then extracts every document ``--passes`` times and writes each outcome as a JSON
line to /dev/null (what ``llmx extract --jsonl`` does per document). The passes run inside
``operator.call``, which nothing else calls: callgrind's ``--toggle-collect=_operator_call``
counts them alone, without imports, data loading and warm-up (the "summary:" line of the
output file). PYTHONHASHSEED=0 keeps set and dict orders the same from run to run.
"""

from __future__ import annotations

import argparse
import operator
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--passes", type=int, default=1)
    args = ap.parse_args()

    from llmx.ingest import expand_paths, load_document
    from llmx.rules.extractor import RulesExtractor

    inputs = [str(p) for p in (ROOT / "seeds", ROOT / "eval" / "docs") if p.is_dir()]
    docs = [load_document(s) for s in expand_paths(inputs)]
    if not docs:
        sys.exit("no documents found under seeds/ or eval/docs/")
    backend = RulesExtractor()
    backend.warm_up()
    for doc in docs:
        backend.extract(doc)

    def passes() -> None:
        with open(os.devnull, "w", encoding="utf-8") as sink:
            for _ in range(args.passes):
                for doc in docs:
                    sink.write(backend.extract(doc).extraction.model_dump_json() + "\n")

    operator.call(passes)
    print(f"{len(docs)} documents, {args.passes} passes")


if __name__ == "__main__":
    main()
