"""Check the real-reporting corpus (eval/real): every passage has its source entry and gold,
every gold record aligns and validates, every QA item is well-formed and rests on gold.

    python scripts/check_real.py [--prefix r3] [--quiet]

Reads eval/real/sources.jsonl and eval/real/qa.jsonl, plus the per-labeller parts
eval/real/parts/*.sources.jsonl and *.qa.jsonl while they exist. Exit 1 on any error.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from llmx.core.records import INDEX_NAMES  # noqa: E402
from llmx.errors import InputError  # noqa: E402
from llmx.evaluation.corpus import FEATURES, load_sources  # noqa: E402
from llmx.evaluation.gold import GoldError, find_doc_file, load_document_file, load_gold_file  # noqa: E402
from llmx.evaluation.match import entity_key, value_close  # noqa: E402
from llmx.evaluation.qa_items import load_qa  # noqa: E402
from llmx.core.grounding import align_quote  # noqa: E402

REAL = ROOT / "eval" / "real"
FIELD_OF = {"index_result": "index_results", "metric": "metrics", "initiative": "initiatives"}


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
    errors: list[str] = []
    warnings: list[str] = []

    src_files = [REAL / "sources.jsonl", *sorted((REAL / "parts").glob("*.sources.jsonl"))]
    qa_files = [REAL / "qa.jsonl", *sorted((REAL / "parts").glob("*.qa.jsonl"))]
    entries = []
    for f in src_files:
        if f.is_file():
            try:
                entries += load_sources(f)
            except InputError as exc:
                errors.append(str(exc))
    entries = [e for e in entries if e.doc_id.startswith(args.prefix)]
    seen: Counter[str] = Counter(e.doc_id for e in entries)
    errors += [f"{d}: more than one source entry" for d, n in seen.items() if n > 1]

    gold = {}
    for e in entries:
        for feat in e.features:
            if feat not in FEATURES:
                errors.append(f"{e.doc_id}: unknown feature {feat!r} (known: {', '.join(FEATURES)})")
        for ix in e.indices:
            if ix not in INDEX_NAMES:
                errors.append(f"{e.doc_id}: unknown index {ix!r}")
        doc_file = find_doc_file(REAL / "docs", e.doc_id)
        gold_file = REAL / "gold" / f"{e.doc_id}.json"
        if doc_file is None:
            errors.append(f"{e.doc_id}: no document in eval/real/docs")
            continue
        if doc_file.suffix.lstrip(".") != e.format and not (
            e.format == "html" and doc_file.suffix == ".htm"
        ):
            errors.append(f"{e.doc_id}: format {e.format!r} but file {doc_file.name}")
        if not gold_file.is_file():
            errors.append(f"{e.doc_id}: no gold file eval/real/gold/{e.doc_id}.json")
            continue
        try:
            doc = load_document_file(doc_file)
            gold[e.doc_id] = load_gold_file(gold_file, doc)
        except GoldError as exc:
            errors.append(str(exc))
    for f in sorted((REAL / "docs").glob(f"{args.prefix}*")):
        if f.stem not in seen:
            errors.append(f"{f.name}: no entry in sources")
    for f in sorted((REAL / "gold").glob(f"{args.prefix}*.json")):
        if f.stem not in seen:
            errors.append(f"{f.name}: gold without a source entry")

    items = []
    for f in qa_files:
        if f.is_file():
            try:
                items += [i for i in load_qa(f) if i.id.startswith(args.prefix)]
            except InputError as exc:
                errors.append(str(exc))
    ids: Counter[str] = Counter(i.id for i in items)
    errors += [f"QA {i}: duplicate id" for i, n in ids.items() if n > 1]
    for it in items:
        for s in it.sources:
            gd = gold.get(s.doc_id)
            if gd is None:
                errors.append(f"QA {it.id}: source {s.doc_id!r} is not a labelled passage")
                continue
            if align_quote(gd.document.text, s.quote) is None:
                errors.append(f"QA {it.id}: quote not in {s.doc_id}: {s.quote[:60]!r}")
        if not it.answerable or it.expect is None:
            continue
        ex = it.expect
        recs = [
            r.record
            for s in it.sources
            if s.doc_id in gold
            for r in gold[s.doc_id].records
            if ex.record_type is None or r.type == FIELD_OF[ex.record_type]
        ]
        keys = {entity_key(r.get("entity")) for r in recs}
        for ent in ex.entities:
            if entity_key(ent) not in keys:
                warnings.append(f"QA {it.id}: expected entity {ent!r} has no gold record in its sources")
        wanted = dict(ex.values)
        if ex.value is not None and len(ex.entities) == 1:
            wanted[ex.entities[0]] = ex.value
        for ent, v in wanted.items():
            if ex.field is None:
                continue
            ok = any(
                entity_key(r.get("entity")) == entity_key(ent) and value_close(r.get(ex.field), v)
                for r in recs
            )
            if not ok:
                warnings.append(f"QA {it.id}: no gold record of {ent!r} with {ex.field}={v:g}")

    docs = list(gold.values())
    n_rec = Counter(r.type for g in docs for r in g.records)
    print(f"passages: {len(entries)} ({len(gold)} loaded); sources (URLs): "
          f"{len({e.source_key for e in entries})}; outlets: {len({e.outlet for e in entries})}")
    print("  lang:", dict(Counter(e.lang for e in entries)), " format:", dict(Counter(e.format for e in entries)))
    print("  indices:", dict(Counter(ix for e in entries for ix in e.indices)))
    print("  features:", dict(Counter(ft for e in entries for ft in e.features)))
    print("  gold records:", dict(n_rec))
    print(f"QA items: {len(items)}; answerable {sum(i.answerable for i in items)}")
    print("  family:", dict(Counter(i.family for i in items)))
    print("  form:", dict(Counter(i.form for i in items)))
    if not args.quiet:
        for w in warnings:
            print("WARN", w)
    for e in errors:
        print("ERROR", e)
    print(f"{len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
