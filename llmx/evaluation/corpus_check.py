"""Integrity of the real-reporting corpus (``eval/real``): every passage has its source entry
and gold, every gold record aligns and validates, every QA item is well-formed and rests on
gold. Used by ``scripts/check_real.py`` (labellers) and by the tests (CI)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from llmx.core.grounding import align_quote
from llmx.core.records import INDEX_NAMES
from llmx.errors import InputError
from llmx.evaluation.corpus import FEATURES, SourceEntry, load_sources
from llmx.evaluation.gold import (
    GoldDoc,
    GoldError,
    find_doc_file,
    load_document_file,
    load_gold_file,
)
from llmx.evaluation.match import entity_key, scope_key, value_close
from llmx.evaluation.qa_items import QAItem, load_qa

_TYPE_OF = {"index_result": "index_results", "metric": "metrics", "initiative": "initiatives"}


@dataclass
class CorpusCheck:
    entries: list[SourceEntry] = field(default_factory=list)
    gold: dict[str, GoldDoc] = field(default_factory=dict)
    items: list[QAItem] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        e = self.entries
        return {
            "passages": len(e),
            "loaded": len(self.gold),
            "sources": len({x.source_key for x in e}),
            "outlets": len({x.outlet for x in e}),
            "lang": dict(Counter(x.lang for x in e)),
            "format": dict(Counter(x.format for x in e)),
            "split": dict(Counter(str(x.split) for x in e)),
            "indices": dict(Counter(ix for x in e for ix in x.indices)),
            "features": dict(Counter(ft for x in e for ft in x.features)),
            "gold_records": dict(Counter(r.type for g in self.gold.values() for r in g.records)),
            "qa_items": len(self.items),
            "qa_answerable": sum(i.answerable for i in self.items),
            "qa_family": dict(Counter(i.family for i in self.items)),
            "qa_form": dict(Counter(i.form for i in self.items)),
            "qa_split": dict(Counter(str(i.split) for i in self.items)),
        }


def _read_all(files: list[Path], loader: Any, errors: list[str]) -> list[Any]:
    out: list[Any] = []
    for f in files:
        if f.is_file():
            try:
                out += loader(f)
            except InputError as exc:
                errors.append(str(exc))
    return out


def check_corpus(real: Path, prefix: str = "") -> CorpusCheck:
    """Check ``real`` (and its labellers' ``parts/`` while they exist), restricted to doc and
    QA ids starting with ``prefix``."""
    c = CorpusCheck()
    parts = real / "parts"
    src_files = [real / "sources.jsonl", *sorted(parts.glob("*.sources.jsonl"))]
    qa_files = [real / "qa.jsonl", *sorted(parts.glob("*.qa.jsonl"))]
    c.entries = [
        e for e in _read_all(src_files, load_sources, c.errors) if e.doc_id.startswith(prefix)
    ]
    seen: Counter[str] = Counter(e.doc_id for e in c.entries)
    c.errors += [f"{d}: more than one source entry" for d, n in seen.items() if n > 1]
    urls: Counter[str] = Counter(e.source_key for e in c.entries)
    c.warnings += [f"{u}: {n} passages from one URL" for u, n in urls.items() if n > 1]
    for e in c.entries:
        _check_entry(real, e, c)
    for f in sorted((real / "docs").glob(f"{prefix}*")):
        if f.stem not in seen:
            c.errors.append(f"{f.name}: no entry in sources")
    for f in sorted((real / "gold").glob(f"{prefix}*.json")):
        if f.stem not in seen:
            c.errors.append(f"{f.name}: gold without a source entry")
    c.items = [i for i in _read_all(qa_files, load_qa, c.errors) if i.id.startswith(prefix)]
    ids: Counter[str] = Counter(i.id for i in c.items)
    c.errors += [f"QA {i}: duplicate id" for i, n in ids.items() if n > 1]
    for it in c.items:
        _check_item(it, c)
    _check_consistency(c)
    _check_lists(c)
    return c


def _fact_of(r: dict[str, Any]) -> tuple[Any, ...]:
    # The level tells rankings of one scope apart (provinces, ministries and regions are all
    # ranked "national"; departments and districts both inside their province).
    return (r.get("index"), r.get("year"), scope_key(r.get("scope")), r.get("entity_level"),
            (r.get("component") or "").strip().lower(), bool(r.get("is_target")))  # fmt: skip


def _check_consistency(c: CorpusCheck) -> None:
    """Warn where the corpus holds another answer to a question than the one expected: a
    different value for the same fact elsewhere (sources disagree), or another entity at the
    expected rank of the same ranking."""
    everywhere = [
        (doc_id, r.record)
        for doc_id, g in c.gold.items()
        for r in g.records
        if r.type == "index_results" and not r.optional
    ]
    for it in c.items:
        ex = it.expect
        if ex is None or ex.field is None or ex.value is None or len(ex.entities) != 1:
            continue
        if ex.record_type not in (None, "index_result"):
            continue
        want = entity_key(ex.entities[0])
        anchors = [
            r
            for s in it.sources
            if s.doc_id in c.gold
            for g in c.gold[s.doc_id].records
            if g.type == "index_results"
            for r in [g.record]
            if entity_key(r.get("entity")) == want and value_close(r.get(ex.field), ex.value)
        ]
        if not anchors:
            continue
        facts = {_fact_of(r) for r in anchors}
        for doc_id, r in everywhere:
            if _fact_of(r) not in facts or r.get(ex.field) is None:
                continue
            same_entity = entity_key(r.get("entity")) == want
            if same_entity and not value_close(r.get(ex.field), ex.value):
                c.warnings.append(
                    f"QA {it.id}: {doc_id} gives {r.get('entity')} {ex.field}="
                    f"{r.get(ex.field)} for the same fact (expected {ex.value:g})"
                )
            if not same_entity and ex.field == "rank" and value_close(r.get("rank"), ex.value):
                c.warnings.append(
                    f"QA {it.id}: {doc_id} puts {r.get('entity')} at rank {ex.value:g} of the "
                    f"same ranking (expected {ex.entities[0]})"
                )


def _check_lists(c: CorpusCheck) -> None:
    """Warn where a "which entities rose / fell" item misses an entity that another passage
    puts in the same ranking with a change of the same sign. The corpus is asked as one, so a
    passage added later can give such a question a new true member."""
    everywhere = [
        (doc_id, r.record)
        for doc_id, g in c.gold.items()
        for r in g.records
        if r.type == "index_results" and not r.optional
    ]
    for it in c.items:
        ex = it.expect
        if ex is None or it.family != "change_list":
            continue
        if ex.field not in ("rank_change", "score_change"):
            continue
        wanted = dict(ex.values)
        if ex.value is not None and len(ex.entities) == 1:
            wanted[ex.entities[0]] = ex.value
        signs = {v > 0 for v in wanted.values() if v}
        if len(signs) != 1:
            continue
        rising = signs.pop()
        expected = {entity_key(e) for e in ex.entities}
        anchors = [
            g.record
            for s in it.sources
            if s.doc_id in c.gold
            for g in c.gold[s.doc_id].records
            if g.type == "index_results" and entity_key(g.record.get("entity")) in expected
            and g.record.get(ex.field) is not None
        ]
        facts = {_fact_of(r) for r in anchors}
        seen: set[str] = set()
        for doc_id, r in everywhere:
            v = r.get(ex.field)
            key = entity_key(r.get("entity"))
            if _fact_of(r) not in facts or not v or (v > 0) != rising:
                continue
            if key in expected or key in seen:
                continue
            seen.add(key)
            c.warnings.append(
                f"QA {it.id}: {doc_id} gives {r.get('entity')} {ex.field}={v:g} in the same "
                "ranking, not in the expected list"
            )


def _check_entry(real: Path, e: SourceEntry, c: CorpusCheck) -> None:
    for feat in e.features:
        if feat not in FEATURES:
            c.errors.append(f"{e.doc_id}: unknown feature {feat!r} (known: {', '.join(FEATURES)})")
    for ix in e.indices:
        if ix not in INDEX_NAMES:
            c.errors.append(f"{e.doc_id}: unknown index {ix!r}")
    doc_file = find_doc_file(real / "docs", e.doc_id)
    gold_file = real / "gold" / f"{e.doc_id}.json"
    if doc_file is None:
        c.errors.append(f"{e.doc_id}: no document in {real / 'docs'}")
        return
    suffix = doc_file.suffix.lstrip(".")
    if suffix != e.format and not (e.format == "html" and suffix == "htm"):
        c.errors.append(f"{e.doc_id}: format {e.format!r} but file {doc_file.name}")
    if not gold_file.is_file():
        c.errors.append(f"{e.doc_id}: no gold file {gold_file}")
        return
    try:
        c.gold[e.doc_id] = load_gold_file(gold_file, load_document_file(doc_file))
    except GoldError as exc:
        c.errors.append(str(exc))


def _check_item(it: QAItem, c: CorpusCheck) -> None:
    for s in it.sources:
        gd = c.gold.get(s.doc_id)
        if gd is None:
            c.errors.append(f"QA {it.id}: source {s.doc_id!r} is not a labelled passage")
        elif align_quote(gd.document.text, s.quote) is None:
            c.errors.append(f"QA {it.id}: quote not in {s.doc_id}: {s.quote[:60]!r}")
    ex = it.expect
    if not it.answerable or ex is None:
        return
    recs = [
        r.record
        for s in it.sources
        if s.doc_id in c.gold
        for r in c.gold[s.doc_id].records
        if ex.record_type is None or r.type == _TYPE_OF[ex.record_type]
    ]
    keys = {entity_key(r.get("entity")) for r in recs}
    for ent in ex.entities:
        if entity_key(ent) not in keys:
            c.warnings.append(
                f"QA {it.id}: expected entity {ent!r} has no gold record in its sources"
            )
    if ex.field is None:
        return
    wanted = dict(ex.values)
    if ex.value is not None and len(ex.entities) == 1:
        wanted[ex.entities[0]] = ex.value
    for ent, v in wanted.items():
        if not any(
            entity_key(r.get("entity")) == entity_key(ent) and value_close(r.get(ex.field), v)
            for r in recs
        ):
            c.warnings.append(f"QA {it.id}: no gold record of {ent!r} with {ex.field}={v:g}")
