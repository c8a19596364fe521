"""Check the real-reporting corpus (eval/real): every passage has its source entry and gold,
every gold record aligns and validates, every QA item is well-formed and rests on gold.

    python scripts/check_real.py [--prefix r3] [--quiet] [--show DOC_ID]

Reads eval/real/sources.jsonl and eval/real/qa.jsonl, plus the per-labeller parts
eval/real/parts/*.sources.jsonl and *.qa.jsonl while they exist. Exit 1 on any error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from llmx.evaluation.corpus_check import check_corpus  # noqa: E402
from llmx.evaluation.gold import find_doc_file, load_document_file  # noqa: E402

REAL = ROOT / "eval" / "real"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--prefix", default="", help="only doc ids / QA ids starting with this")
    ap.add_argument("--quiet", action="store_true", help="errors and the summary only")
    ap.add_argument("--show", metavar="DOC_ID", help="print the text llmx reads from a passage")
    args = ap.parse_args()
    if args.show:
        doc_file = find_doc_file(REAL / "docs", args.show)
        if doc_file is None:
            print(f"no document {args.show} in eval/real/docs", file=sys.stderr)
            return 2
        print(load_document_file(doc_file).text)
        return 0
    c = check_corpus(REAL, args.prefix)
    for k, v in c.summary().items():
        print(f"{k}: {v}")
    if not args.quiet:
        for w in c.warnings:
            print("WARN", w)
    for e in c.errors:
        print("ERROR", e)
    print(f"{len(c.errors)} error(s), {len(c.warnings)} warning(s)")
    return 1 if c.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
