"""Merge the labellers' parts of the real corpus and assign the dev/test split by source.

    python scripts/merge_real.py [--dry-run]

Reads eval/real/sources.jsonl and eval/real/qa.jsonl (what is already merged) and
eval/real/parts/*.sources.jsonl / *.qa.jsonl (new work), writes the merged files, and removes
the parts. A passage keeps the split it has; new sources are split ~60/40 within each stratum
(language, format, first index), ordered by a hash of their URL, so that the split depends on
nothing a labeller or a developer chose. Every passage of one URL shares a split. A QA item
takes the split of its first source; one without sources (unanswerable) is split by a hash of
its id.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from llmx.evaluation.corpus import SourceEntry, load_sources  # noqa: E402
from llmx.evaluation.qa_items import QAItem, load_qa  # noqa: E402

REAL = ROOT / "eval" / "real"
TEST_POSITIONS = (1, 3)  # of every 5 in a stratum: 2 of 5 = 40 % test


def _h(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def assign_splits(entries: list[SourceEntry]) -> None:
    by_key: dict[str, list[SourceEntry]] = defaultdict(list)
    for e in entries:
        by_key[e.source_key].append(e)
    strata: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for key, group in by_key.items():
        fixed = {e.split for e in group if e.split}
        if len(fixed) > 1:
            raise SystemExit(f"{key}: passages of one source in both splits")
        if fixed:
            split = fixed.pop()
            for e in group:
                e.split = split
            continue
        first = group[0]
        strata[(first.lang, first.format, (first.indices or ["OTHER"])[0])].append(key)
    for keys in strata.values():
        for i, key in enumerate(sorted(keys, key=_h)):
            split = "test" if i % 5 in TEST_POSITIONS else "dev"
            for e in by_key[key]:
                e.split = split


def item_split(item: QAItem, split_of: dict[str, str | None]) -> str:
    for s in item.sources:
        if split_of.get(s.doc_id):
            return str(split_of[s.doc_id])
    return "test" if int(_h(item.id), 16) % 5 in TEST_POSITIONS else "dev"


def _no_duplicates(what: str, ids: list[str]) -> None:
    dup = sorted({d for d in ids if ids.count(d) > 1})
    if dup:
        raise SystemExit(f"duplicate {what}: {dup}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args()
    src_main, qa_main = REAL / "sources.jsonl", REAL / "qa.jsonl"
    src_parts = sorted((REAL / "parts").glob("*.sources.jsonl"))
    qa_parts = sorted((REAL / "parts").glob("*.qa.jsonl"))
    entries = load_sources(src_main) if src_main.is_file() else []
    for p in src_parts:
        entries += load_sources(p)
    _no_duplicates("doc_ids", [e.doc_id for e in entries])
    assign_splits(entries)
    items = load_qa(qa_main) if qa_main.is_file() else []
    for p in qa_parts:
        items += load_qa(p)
    _no_duplicates("QA ids", [i.id for i in items])
    split_of = {e.doc_id: e.split for e in entries}
    for it in items:
        if it.split is None:
            it.split = item_split(it, split_of)  # type: ignore[assignment]
    entries.sort(key=lambda e: e.doc_id)
    n_test = sum(e.split == "test" for e in entries)
    q_test = sum(i.split == "test" for i in items)
    print(f"{len(entries)} passages: {len(entries) - n_test} dev, {n_test} test; "
          f"{len(items)} QA items: {len(items) - q_test} dev, {q_test} test")  # fmt: skip
    if args.dry_run:
        return 0
    src_main.write_text(
        "".join(e.model_dump_json(exclude_none=True) + "\n" for e in entries), encoding="utf-8"
    )
    qa_main.write_text(
        "".join(i.model_dump_json(exclude_none=True, exclude_defaults=False) + "\n" for i in items),
        encoding="utf-8",
    )
    for p in (*src_parts, *qa_parts):
        p.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
