"""The rows of an export, one sheet per record type: stored records (every one, store
order) or facts consolidated across documents (``Store.consolidated_facts``, as ``llmx
facts`` lists them), each with its columns and a JSON form for JSONL."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

from llmx.export.columns import ExportColumn, Item, fact_columns, record_columns
from llmx.export.select import Selection
from llmx.qa.facts import MAX_FACTS, consolidate
from llmx.store import Store

_SOURCE_BATCH = 500  # records whose document sources are read in one query


@dataclass
class Sheet:
    """One record type's rows: its columns and its items (read lazily, once)."""

    table: str
    columns: list[ExportColumn]
    items: Iterable[Item]
    to_json: Callable[[Item], dict[str, Any]]

    def rows(self) -> Iterator[list[Any]]:
        for item in self.items:
            yield [c.get(item) for c in self.columns]


def record_json(item: Item) -> dict[str, Any]:
    """A stored record as JSON: its type, row id, run and source, then the record."""
    row = item.of
    return {
        "type": row.table,
        "id": row.id,
        "run_id": row.run_id,
        "source": item.source,
        **row.record.model_dump(mode="json"),
    }


def fact_json(item: Item) -> dict[str, Any]:
    """A consolidated fact as JSON, as ``llmx facts --json`` gives it, with its source."""
    fact = item.of
    return {
        "type": fact.table,
        "key": fact.key,
        "record": fact.record.model_dump(mode="json"),
        "source": item.source,
        "values": fact.values,
        "conflicts": fact.conflicts,
        "n_sources": fact.n_sources,
        "sources": [asdict(s) for s in fact.sources],
    }


def _with_sources(store: Store, things: Iterable[Any]) -> Iterator[Item]:
    """Each thing as an Item with its document's source, sources read a batch at a time."""
    batch: list[Any] = []
    for thing in things:
        batch.append(thing)
        if len(batch) == _SOURCE_BATCH:
            yield from _items(store, batch)
            batch = []
    yield from _items(store, batch)


def _items(store: Store, batch: list[Any]) -> list[Item]:
    sources = store.document_sources(t.record.doc_id for t in batch)
    return [Item(t, sources.get(t.record.doc_id)) for t in batch]


def record_sheets(
    store: Store, selection: Selection, *, newest_first: bool = False, limit: int | None = None
) -> list[Sheet]:
    """A sheet per selected table with its stored records (every one unless ``limit``)."""
    return [
        Sheet(
            t,
            record_columns(t),
            _with_sources(
                store,
                store.iter_record_rows(
                    t, newest_first=newest_first, limit=limit, **selection.filters[t]
                ),
            ),
            record_json,
        )
        for t in selection.tables
    ]


def fact_sheets(store: Store, selection: Selection, *, limit: int = MAX_FACTS) -> list[Sheet]:
    """A sheet per selected table with its consolidated facts (at most ``MAX_FACTS``)."""
    return [
        Sheet(
            t,
            fact_columns(t),
            list(_with_sources(store, consolidate(store, t, limit=limit, **selection.filters[t]))),
            fact_json,
        )
        for t in selection.tables
    ]
