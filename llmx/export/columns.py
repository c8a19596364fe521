"""The columns of an export, derived from the store's table specs, never listed by hand.

A record row: the record's own fields in contract order (``index``, not the column ``idx``),
its evidence flattened (``evidence_quote``, ``evidence_start``, ...), the per-field evidence
as JSON, then where it was stored (document, its source, backend, row id, run). A fact row:
the representative record's fields the same way, then, per value field of the fact key
(``distinct.FACT_VALUES``), every value the sources state, the fields they disagree on, how
many sources and documents state it, and the representative's evidence and document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from llmx.store.distinct import FACT_VALUES
from llmx.store.tables import RENAMED, TABLES, Column

VALUE_SEPARATOR = " | "  # between the values of one cell (the values sources state, doc ids)
_FIELD_OF = {column: field for field, column in RENAMED.items()}


@dataclass(frozen=True)
class Item:
    """What one export row is made from: a stored record (``listing.RecordRow``) or a
    consolidated fact, and the source of its (representative) document."""

    of: Any
    source: str | None


@dataclass(frozen=True)
class ExportColumn:
    """One column: its header and how its cell is read from an item."""

    name: str
    get: Callable[[Item], Any]
    wide: bool = False  # long text (a quote): a wide, wrapped spreadsheet column


def _attr_path(column: Column) -> Callable[[Any], Any]:
    """The cell of a spec column, read from a stored record (JSON text for a map)."""

    def read(record: Any) -> Any:
        if column.json_map:
            return column.value(record)
        v = record
        for attr in column.path:
            v = getattr(v, attr)
        return v

    return read


def _header(column: Column) -> str:
    """``evidence_quote``, ``index``, ``field_evidence``: the field path, not the SQL name."""
    fields = [_FIELD_OF.get(p, p) for p in column.path]
    return "_".join(fields)


def _record_parts(table: str) -> tuple[list[Column], list[Column], list[Column]]:
    """A table's spec columns as (own fields, nested evidence, JSON maps), in spec order."""
    kept = [c for c in TABLES[table].columns if c.derive is None]  # no lookup keys
    own = [c for c in kept if len(c.path) == 1 and not c.json_map]
    return own, [c for c in kept if len(c.path) == 2], [c for c in kept if c.json_map]


def _from_record(
    column: Column, record_of: Callable[[Item], Any], *, prefix: str = ""
) -> ExportColumn:
    read = _attr_path(column)
    name = prefix + _header(column)
    return ExportColumn(name, lambda item: read(record_of(item)), wide=name.endswith("_quote"))


def _record(item: Item) -> Any:
    return item.of.record


def record_columns(table: str) -> list[ExportColumn]:
    """The columns of a record export of ``table``."""
    own, nested, maps = _record_parts(table)
    return [
        *(_from_record(c, _record) for c in own),
        *(_from_record(c, _record) for c in nested),
        *(_from_record(c, _record) for c in maps),
        *_where_columns(_record),
        ExportColumn("id", lambda item: item.of.id),
        ExportColumn("run_id", lambda item: item.of.run_id),
    ]


def _where_columns(record_of: Callable[[Item], Any]) -> list[ExportColumn]:
    """Where a (representative) record was stored: its document, the source, the backend;
    the names are the stored model's context fields."""
    context = TABLES["index_results"].context  # the same for every table (``_Stored``)
    cols = [ExportColumn(f, _attribute(record_of, f)) for f in context]
    at = context.index("doc_id") + 1 if "doc_id" in context else len(cols)
    cols.insert(at, ExportColumn("source", lambda item: item.source))
    return cols


def _attribute(record_of: Callable[[Item], Any], name: str) -> Callable[[Item], Any]:
    return lambda item: getattr(record_of(item), name)


def _stated(field: str) -> Callable[[Item], Any]:
    """Every value of ``field`` a fact's sources state, the most stated first."""
    return lambda item: _joined(item.of.values.get(field, []))


def _joined(values: list[Any]) -> str:
    return VALUE_SEPARATOR.join(_plain(v) for v in values)


def _plain(v: Any) -> str:
    return f"{v:g}" if isinstance(v, float) and v.is_integer() else str(v)


def fact_columns(table: str) -> list[ExportColumn]:
    """The columns of a facts export of ``table``: one row per fact."""
    own, nested, _ = _record_parts(table)
    stated = [_FIELD_OF.get(c, c) for c in FACT_VALUES[table]]
    return [
        *(_from_record(c, _record) for c in own),
        *(ExportColumn(f"{f}_stated", _stated(f)) for f in stated),
        ExportColumn("conflicts", lambda item: VALUE_SEPARATOR.join(item.of.conflicts)),
        ExportColumn("n_sources", lambda item: item.of.n_sources),
        ExportColumn("n_docs", lambda item: len(item.of.doc_ids)),
        ExportColumn("doc_ids", lambda item: _joined(item.of.doc_ids)),
        *(_from_record(c, _record) for c in nested),
        *_where_columns(_record),
    ]
