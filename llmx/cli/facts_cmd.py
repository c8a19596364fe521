"""`llmx facts`: the facts the store holds, consolidated across documents.

One line per fact (an entity's index result for a year and scope, a metric, an
initiative), however many articles state it, with how many sources state it and the
values they give; a fact whose sources disagree (two ranks for one province-year) shows
every value and is marked. ``--json`` gives each fact with all its sources (document,
quote, offsets, the values that source states).

Exit codes as for `llmx ask`: 0 listed (an empty list included), 1 when the store is
missing or empty or cannot be read, 2 for unusable input (an entity or index no spelling
of which is known). The store is opened read-only; only typer is imported at start.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

from llmx.cli.common import fail, print_json, read_store
from llmx.cli.options import (
    BackendFilter,
    DbOption,
    EntityFilter,
    IndexFilter,
    TypeFilter,
    YearFilter,
)

TYPES = ("index_results", "metrics", "initiatives")
_CONFLICTS = typer.Option(False, "--conflicts", help="Only facts whose sources disagree")
_LIMIT = typer.Option(200, "--limit", "-n", min=1, metavar="N", help="Facts per type at most")
_JSON = typer.Option(False, "--json", help="Every fact with all its sources, as JSON")
_CONFLICT_MARK = "≠"  # marks the values of a field the sources disagree on


def facts(
    entity: str | None = EntityFilter,
    index: str | None = IndexFilter,
    year: int | None = YearFilter,
    record_type: str | None = TypeFilter,
    conflicts: bool = _CONFLICTS,
    backend: str | None = BackendFilter,
    limit: int = _LIMIT,
    json_out: bool = _JSON,
    db: Path | None = DbOption,
) -> None:
    """List the stored facts, each once with its sources; sources that disagree are marked.

    Exit status: 0 listed; 1 store missing or empty (run `llmx extract` first); 2 bad input."""
    if record_type is not None and record_type not in TYPES:
        fail(f"unknown --type {record_type!r}: use {', '.join(TYPES)}")
    if index is not None and record_type not in (None, "index_results"):
        fail("--index applies to index results only (--type index_results)")

    from llmx.qa.facts import consolidate, resolve_entity, resolve_index
    from llmx.qa.names import build_index

    with read_store(db) as store:
        filters: dict[str, Any] = {"year": year, "backend": backend}
        if entity is not None:
            found = resolve_entity(build_index(store), entity)
            if found is None:
                fail(f"no entity named {entity!r} in the gazetteer or the store")
            filters["entity_keys"] = found[1] if found else []
        code = None
        if index is not None:
            code = resolve_index(index)
            if code is None:
                fail(f"unknown --index {index!r}: use a code (PAR_INDEX, PAPI, ...) or a name")
        tables = [record_type] if record_type else ["index_results"] if code else list(TYPES)
        listed = {}
        for t in tables:
            table_filters = {**filters, "index": code} if t == "index_results" else filters
            listed[t] = consolidate(store, t, conflicts_only=conflicts, limit=limit,
                                    **table_filters)  # fmt: skip
    if json_out:
        print_json([_fact_json(f) for fs in listed.values() for f in fs])
    else:
        sys.stdout.write(_table(listed))


def _fact_json(fact: Any) -> dict[str, Any]:
    from dataclasses import asdict

    return {
        "type": fact.table,
        "key": fact.key,
        "record": fact.record.model_dump(mode="json"),
        "values": fact.values,
        "conflicts": fact.conflicts,
        "n_sources": fact.n_sources,
        "sources": [asdict(s) for s in fact.sources],
    }


def _number(v: Any) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def _values(fact: Any) -> str:
    """ "rank 4 ≠ 5, score 88.54": every value each field is stated with, most stated first."""
    parts = []
    for field, values in fact.values.items():
        if values:
            mark = f" {_CONFLICT_MARK} " if field in fact.conflicts else ""
            parts.append(f"{field} " + (mark or " ").join(_number(v) for v in values))
    return ", ".join(parts)


def _about(fact: Any) -> str:
    """What the fact is about, beyond its entity: index, component, scope; or the name."""
    r = fact.record
    if fact.table == "index_results":
        component = f"“{r.component}”" if r.component else ""
        scope = r.scope if r.scope != "national" else ""
        return " ".join(b for b in (r.index, component, scope, "target" * r.is_target) if b)
    return f"{r.name}" + (f" ({r.unit})" if fact.table == "metrics" and r.unit else "")


_COLUMNS = ("entity", "about", "year", "values", "sources")


def _table(listed: dict[str, list[Any]]) -> str:
    """The facts of each type as a plain aligned table (no rich: `llmx facts` starts fast)."""
    out: list[str] = []
    for table, facts in listed.items():
        n_conflicts = sum(bool(f.conflicts) for f in facts)
        out.append(f"{table}: {len(facts)} fact(s), {n_conflicts} with disagreeing sources")
        if not facts:
            out.append("")
            continue
        rows = [
            (f.record.entity, _about(f), str(f.record.year or "–"), _values(f) or "–",
             f"{f.n_sources} ({len(f.doc_ids)} docs)" + (" !" if f.conflicts else ""))
            for f in facts
        ]  # fmt: skip
        widths = [min(48, max(len(c), *(len(r[i]) for r in rows))) for i, c in enumerate(_COLUMNS)]
        out.append("  ".join(c.ljust(w) for c, w in zip(_COLUMNS, widths, strict=True)).rstrip())
        for r in rows:
            out.append(
                "  ".join(_cut(v, w).ljust(w) for v, w in zip(r, widths, strict=True)).rstrip()
            )
        out.append("")
    return "\n".join(out)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def register(app: typer.Typer) -> None:
    app.command("facts")(facts)
