"""Probe `llmx ask` with questions made from real-dev gold records (a tuning aid, dev only).

    python scripts/qa_probe.py [--kind metrics|ranks] [--n 300] [--seed 2] [--show-wrong]

The real-dev passages are extracted with the rules backend into a temporary store; each
sampled gold record becomes one question in its passage's language, worded from its own
fields ("<name> của <entity> năm <year> là bao nhiêu?", "What was the <name> of <entity> in
<year>?" for a metric; "<entity> xếp thứ mấy về <index> năm <year>?" for a national rank).
An answer is right when one of the records it rests on carries the gold value, wrong when
it rests on others, refused otherwise. The questions repeat the labeller's wording, so the
figures measure how well the matcher keeps records that measure something else away from
an answer (a wrong answer is the failure that matters), not how well users are understood;
the held-out split is never probed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from llmx.evaluation.corpus import load_sources  # noqa: E402
from llmx.evaluation.gold import find_doc_file, load_document_file  # noqa: E402
from llmx.qa.engine import answer_question  # noqa: E402
from llmx.qa.render import index_name  # noqa: E402
from llmx.rules.extractor import RulesExtractor  # noqa: E402
from llmx.store import Store  # noqa: E402

REAL = ROOT / "eval" / "real"


def _questions(kind: str) -> list[tuple[str, str, float]]:
    out = []
    for src in load_sources(REAL / "sources.jsonl"):
        if src.split != "dev":
            continue
        gold = json.loads((REAL / "gold" / f"{src.doc_id}.json").read_text(encoding="utf-8"))
        for r in gold[kind if kind == "metrics" else "index_results"]:
            if r.get("optional") or r.get("is_target"):
                continue
            if kind == "metrics":
                if src.lang == "en":
                    when = f" in {r['year']}" if r.get("year") else ""
                    q = f"What was the {r['name']} of {r['entity']}{when}?"
                else:
                    when = f" năm {r['year']}" if r.get("year") else ""
                    q = f"{r['name']} của {r['entity']}{when} là bao nhiêu?"
                out.append((src.doc_id, q, float(r["value"])))
            elif (
                r.get("rank") is not None
                and r.get("year")
                and not r.get("component")
                and r.get("scope", "national") == "national"
            ):
                q = f"{r['entity']} xếp thứ mấy về {index_name(r['index'], 'vi')} năm {r['year']}?"
                out.append((src.doc_id, q, float(r["rank"])))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kind", choices=("metrics", "ranks"), default="metrics")
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=2)
    ap.add_argument("--show-wrong", action="store_true")
    args = ap.parse_args()
    field = "value" if args.kind == "metrics" else "rank"
    items = _questions(args.kind)
    random.Random(args.seed).shuffle(items)
    items = items[: args.n]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "probe.db")
        backend = RulesExtractor()
        run = store.begin_run("rules")
        docs = 0
        for src in load_sources(REAL / "sources.jsonl"):
            if src.split == "dev":
                path = find_doc_file(REAL / "docs", src.doc_id)
                if path is None:
                    continue
                doc = load_document_file(path)
                store.save(doc, backend.extract(doc).extraction, run)
                docs += 1
        store.finish_run(run, status="ok", docs_ok=docs, docs_skipped=0, docs_failed=0)
        right = wrong = refused = 0
        for doc_id, question, want in items:
            answer = answer_question(store, question)
            primary = [r for r in answer.records if r.get("role") in ("best", "tie")]
            if not answer.found or not primary:
                refused += 1
            elif any(r.get(field) is not None and abs(r[field] - want) < 0.01 for r in primary):
                right += 1
            else:
                wrong += 1
                if args.show_wrong:
                    got = [(r.get("name") or r.get("index"), r.get(field)) for r in primary[:2]]
                    print(f"wrong {doc_id}: {question} | gold {want:g} | got {got}")
        store.close()
    print(f"{args.kind}: {len(items)} questions: right {right}, wrong {wrong}, refused {refused}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
