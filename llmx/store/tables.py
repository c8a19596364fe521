"""One spec per record table, derived from the record contract's pydantic fields.

A record table holds, in order: where the record was stored (the fields the ``Stored*``
model adds to the record, then ``run_id``), every field of the record in model order, and
the fields of a nested model (the evidence) flattened after them. Only the exceptions are
written here by hand:

* renamed columns (``index`` -> ``idx``, evidence ``end`` -> ``end_``: SQL keywords);
* derived lookup columns (``entity_key``, ``name_key``: the folded name, right after it;
  written on insert, never read back);
* ``run_id``, which no model carries;
* ``APPENDED``: fields added to the contract after the first schema. A later migration added
  their columns with ``ALTER TABLE ... ADD COLUMN``, which appends, so they come last (after
  the evidence), in the order given there.

Booleans are stored as 0/1 and read back as bool. A dict of nested models (``field_evidence``:
field name -> Evidence) is one JSON text column named ``<field>_json`` (``'{}'`` when empty),
read back as a dict of models. The schema itself is made by the numbered
migrations (history, never edited); a test checks each spec against the migrated table, so a
contract field added without a migration fails.
"""

from __future__ import annotations

import json
import sqlite3
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from llmx.core.records import IndexResult, Initiative, Metric
from llmx.core.textnorm import fold
from llmx.store.columns import EMPTY_JSON, JSON_SUFFIX, RECORD_TABLES, RENAMED, RUN_COLUMN
from llmx.store.models import StoredIndexResult, StoredInitiative, StoredMetric

R = TypeVar("R", bound=BaseModel)  # the record model
S = TypeVar("S", bound=BaseModel)  # the stored model (record + where it was stored)

KEYED: dict[str, tuple[str, Callable[[str], str]]] = {  # field -> (lookup column, key of it)
    "entity": ("entity_key", fold),
    "name": ("name_key", fold),
}
APPENDED = ("field_evidence", "confidence")  # in the order migration 2 added them


@dataclass(frozen=True, slots=True)
class Column:
    """One column: which (possibly nested) record field it holds, and how."""

    name: str
    path: tuple[str, ...]  # attribute path in the record, e.g. ("evidence", "end")
    derive: Callable[[Any], Any] | None = None  # derived key: computed, never read back
    boolean: bool = False
    json_map: bool = False  # a dict of nested models, stored as JSON text

    def value(self, record: BaseModel) -> Any:
        v: Any = record
        for attr in self.path:
            v = getattr(v, attr)
        if self.derive is not None:
            return self.derive(v)
        if self.json_map:
            return _map_json(v)
        return int(v) if self.boolean else v


def _map_json(models: dict[str, BaseModel]) -> str:
    if not models:
        return EMPTY_JSON
    return json.dumps(
        {k: m.model_dump(mode="json") for k, m in models.items()},
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _mapped_model(annotation: Any) -> type[BaseModel] | None:
    """The model of a ``dict[str, Model]`` field, else None."""
    if typing.get_origin(annotation) is not dict:
        return None
    args = typing.get_args(annotation)
    return _nested_model(args[1]) if len(args) == 2 else None


def _record_columns(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> list[Column]:
    """The record's own columns: its fields in order, nested models flattened after them,
    then the ``APPENDED`` fields (top level only)."""
    own: list[Column] = []
    nested: list[Column] = []
    later: dict[str, Column] = {}
    for field, info in model.model_fields.items():
        path = (*prefix, field)
        sub = _nested_model(info.annotation)
        if sub is not None:
            nested += _record_columns(sub, path)
            continue
        if _mapped_model(info.annotation) is not None:
            col = Column(field + JSON_SUFFIX, path, json_map=True)
        else:
            col = Column(RENAMED.get(field, field), path, boolean=info.annotation is bool)
        if not prefix and field in APPENDED:
            later[field] = col
            continue
        own.append(col)
        if field in KEYED:
            key_col, key_of = KEYED[field]
            own.append(Column(key_col, path, derive=key_of))
    return own + nested + [later[f] for f in APPENDED if f in later]


_Read = tuple[str, str, bool]  # (column, field, boolean): how a field is read back


def _reads(columns: list[Column], depth: int) -> tuple[_Read, ...]:
    return tuple(
        (c.name, c.path[-1], c.boolean)
        for c in columns
        if c.derive is None and not c.json_map and len(c.path) == depth
    )


def _map_dicts(text: str | None) -> dict[str, Any]:
    """A JSON map column as plain dicts (for ``model_validate``, which checks the spans)."""
    if not text or text == EMPTY_JSON:
        return {}
    data = json.loads(text)
    return data if isinstance(data, dict) else {}


def _read(row: sqlite3.Row, reads: tuple[_Read, ...]) -> dict[str, Any]:
    return {f: bool(row[c]) if b else row[c] for c, f, b in reads}


@dataclass(frozen=True)
class TableSpec(Generic[R, S]):
    """A record table: its name, models and columns, and the row mappers built on them."""

    table: str
    record: type[R]
    stored: type[S]
    context: tuple[str, ...]  # columns saying where a record was stored, from ``stored``
    columns: tuple[Column, ...]  # the record's columns, in insert order
    own: tuple[_Read, ...]  # the record's own fields, as read back
    nested: tuple[tuple[str, type[BaseModel], tuple[_Read, ...]], ...]  # field, model, reads
    maps: tuple[tuple[str, str, type[BaseModel]], ...] = ()  # JSON map: column, field, model

    @classmethod
    def build(cls, table: str, record: type[R], stored: type[S]) -> TableSpec[R, S]:
        context = tuple(f for f in stored.model_fields if f not in record.model_fields)
        columns = _record_columns(record)
        if any(len(c.path) > 2 for c in columns):
            raise ValueError(f"{record.__name__}: only one level of nested models is flattened")
        nested = []
        maps = []
        for field, info in record.model_fields.items():
            sub = _nested_model(info.annotation)
            if sub is not None:
                reads = _reads([c for c in columns if c.path[0] == field], 2)
                nested.append((field, sub, reads))
            mapped = _mapped_model(info.annotation)
            if mapped is not None:
                maps.append((field + JSON_SUFFIX, field, mapped))
        return cls(
            table,
            record,
            stored,
            context,
            tuple(columns),
            _reads(columns, 1),
            tuple(nested),
            tuple(maps),
        )

    @property
    def column_names(self) -> tuple[str, ...]:
        """Every column this module writes, in insert order (the table's ``id`` aside)."""
        return (*self.context, RUN_COLUMN, *(c.name for c in self.columns))

    @property
    def insert_sql(self) -> str:
        cols = self.column_names
        return f"INSERT INTO {self.table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"

    def row(self, record: R, run_id: int, **context: Any) -> tuple[Any, ...]:
        """The insert tuple for ``record``; ``context`` gives every context column."""
        return (
            *(context[c] for c in self.context),
            run_id,
            *(c.value(record) for c in self.columns),
        )

    def fields(self, row: sqlite3.Row) -> dict[str, Any]:
        """The record's fields from a row, nested models as dicts (for ``model_validate``)."""
        out = _read(row, self.own)
        for field, _, reads in self.nested:
            out[field] = _read(row, reads)
        for col, field, _ in self.maps:
            out[field] = _map_dicts(row[col])
        return out

    def stored_record(self, row: sqlite3.Row | Mapping[str, Any]) -> S:
        """The stored record of a row, built without re-validating it: every row was
        validated (grounding included) before it was saved, and validation would cost
        ~0.1 ms per record."""
        data: dict[str, Any] = {c: row[c] for c in self.context}
        for c, f, b in self.own:  # inline: this runs for every row a query returns
            data[f] = bool(row[c]) if b else row[c]
        for field, model, reads in self.nested:
            sub: dict[str, Any] = {f: bool(row[c]) if b else row[c] for c, f, b in reads}
            data[field] = model.model_construct(**sub)
        for col, field, model in self.maps:
            text = row[col]
            data[field] = (
                {}
                if text == EMPTY_JSON
                else {k: model.model_construct(**v) for k, v in _map_dicts(text).items()}
            )
        return self.stored.model_construct(**data)


INDEX_RESULTS = TableSpec.build("index_results", IndexResult, StoredIndexResult)
METRICS = TableSpec.build("metrics", Metric, StoredMetric)
INITIATIVES = TableSpec.build("initiatives", Initiative, StoredInitiative)
TABLES: dict[str, TableSpec[Any, Any]] = {t.table: t for t in (INDEX_RESULTS, METRICS, INITIATIVES)}
if tuple(TABLES) != RECORD_TABLES:
    raise RuntimeError(f"table specs {tuple(TABLES)} != record tables {RECORD_TABLES}")
