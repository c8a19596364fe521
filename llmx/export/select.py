"""What the filter options of ``llmx export`` and ``llmx records`` select: the same options
and meanings as ``llmx facts`` (an entity spelt any way a question may spell it, an index by
code or name, a year, a record type, a backend), resolved against the store once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from llmx.errors import InputError
from llmx.qa.facts import FACT_TABLES, resolve_entity, resolve_index
from llmx.qa.names import build_index
from llmx.store import Store


@dataclass(frozen=True)
class Selection:
    """The record tables to read and the store filters (``distinct.FACT_FILTERS``) of each."""

    tables: tuple[str, ...]
    filters: dict[str, dict[str, Any]] = field(default_factory=dict)


def check_options(record_type: str | None, index: str | None) -> None:
    """InputError for a ``--type`` that is no record table, or ``--index`` with another
    type: checked before the store is opened."""
    if record_type is not None and record_type not in FACT_TABLES:
        raise InputError(f"unknown --type {record_type!r}: use {', '.join(FACT_TABLES)}")
    if index is not None and record_type not in (None, "index_results"):
        raise InputError("--index applies to index results only (--type index_results)")


def resolve_selection(
    store: Store,
    *,
    entity: str | None = None,
    index: str | None = None,
    year: int | None = None,
    record_type: str | None = None,
    backend: str | None = None,
) -> Selection:
    """The selection the options mean; InputError for an entity or index no spelling of
    which is known. An entity the gazetteer knows and the store does not selects nothing."""
    check_options(record_type, index)
    common: dict[str, Any] = {"year": year, "backend": backend}
    if entity is not None:
        found = resolve_entity(build_index(store), entity)
        if found is None:
            raise InputError(f"no entity named {entity!r} in the gazetteer or the store")
        common["entity_keys"] = found[1]
    code = None
    if index is not None:
        code = resolve_index(index)
        if code is None:
            raise InputError(
                f"unknown --index {index!r}: use a code (PAR_INDEX, PAPI, ...) or a name"
            )
    if record_type is not None:
        tables: tuple[str, ...] = (record_type,)
    else:
        tables = ("index_results",) if code else FACT_TABLES
    filters = {t: {**common, "index": code} if t == "index_results" else common for t in tables}
    return Selection(tables, filters)
