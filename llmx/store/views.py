"""Stored records as `llmx ask` reads them: plain frozen dataclasses, read from a row
without pydantic.

The record contract (``llmx.core.records``) and the ``Stored*`` models built on it are
pydantic: importing pydantic and building those classes cost a cold `llmx ask` more than
answering. What QA reads needs no validation (every row was validated when it was saved), so
``Store.distinct_facts`` returns these views: the same fields in the same order as the
``Stored*`` model of their table, ``evidence_of`` as the contract has it, and ``to_json`` as
``model_dump(mode="json")`` gives it. ``tests/test_store_views.py`` checks the fields
against the models and every view of a store against the model read from the same row.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

from llmx.store.columns import EMPTY_JSON, JSON_SUFFIX, RECORD_TABLES, RENAMED


@dataclass(frozen=True, slots=True)
class EvidenceView:
    """``core.records.Evidence`` as read back."""

    quote: str
    start: int
    end: int
    alignment: str = "exact"

    def to_json(self) -> dict[str, Any]:
        return {"quote": self.quote, "start": self.start, "end": self.end,
                "alignment": self.alignment}  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class _View:
    """What every stored record has: where it was stored, its evidence and confidence."""

    TABLE: ClassVar[str]

    doc_id: str
    backend: str
    evidence: EvidenceView
    field_evidence: dict[str, EvidenceView] = field(default_factory=dict)
    confidence: float | None = None

    def evidence_of(self, name: str) -> EvidenceView:
        """The evidence ``name``'s value is read from: its own, else the record's."""
        return self.field_evidence.get(name, self.evidence)

    def to_json(self) -> dict[str, Any]:
        """The record as ``model_dump(mode="json")`` of its ``Stored*`` model gives it."""
        out: dict[str, Any] = {}
        for f in _FIELDS[type(self)]:
            v = getattr(self, f)
            if f == "evidence":
                v = v.to_json()
            elif f == "field_evidence":
                v = {k: e.to_json() for k, e in v.items()}
            out[f] = v
        return out

    def record(self) -> Any:
        """The contract's record (pydantic), validated as the store reads records back
        (plausibility judged when it was made), as ``Stored*.record()`` gives it."""
        from llmx.core.records import PLAUSIBILITY, RECORD_TYPES

        data = self.to_json()
        del data["doc_id"], data["backend"]
        return RECORD_TYPES[self.TABLE].model_validate(data, context={PLAUSIBILITY: False})


@dataclass(frozen=True, slots=True, kw_only=True)
class IndexResultView(_View):
    """A stored ``IndexResult`` (``StoredIndexResult``'s fields)."""

    TABLE: ClassVar[str] = "index_results"

    entity: str
    entity_level: str = "province"
    index: str
    component: str | None = None
    year: int | None = None
    score: float | None = None
    score_unit: str | None = None
    rank: int | None = None
    rank_total: int | None = None
    rank_change: int | None = None
    score_change: float | None = None
    scope: str = "national"
    is_target: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class MetricView(_View):
    """A stored ``Metric`` (``StoredMetric``'s fields)."""

    TABLE: ClassVar[str] = "metrics"

    entity: str
    name: str
    value: float
    unit: str = ""
    year: int | None = None
    is_target: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class InitiativeView(_View):
    """A stored ``Initiative`` (``StoredInitiative``'s fields)."""

    TABLE: ClassVar[str] = "initiatives"

    entity: str
    name: str
    kind: str = "mô hình"
    year: int | None = None


RecordView = IndexResultView | MetricView | InitiativeView
VIEWS: dict[str, type[RecordView]] = {
    v.TABLE: v for v in (IndexResultView, MetricView, InitiativeView)
}
if tuple(VIEWS) != RECORD_TABLES:
    raise RuntimeError(f"views {tuple(VIEWS)} != record tables {RECORD_TABLES}")
_FIELDS: dict[type, tuple[str, ...]] = {v: tuple(f.name for f in fields(v)) for v in VIEWS.values()}
_NESTED = ("evidence", "field_evidence")
# Per view: (field, column, boolean) of every plain field, as read from a row.
_READS: dict[type, tuple[tuple[str, str, bool], ...]] = {
    v: tuple(
        (f.name, RENAMED.get(f.name, f.name), f.type == "bool")
        for f in fields(v)
        if f.name not in _NESTED
    )
    for v in VIEWS.values()
}
_EVIDENCE_READS = tuple((f.name, RENAMED.get(f.name, f.name)) for f in fields(EvidenceView))


def _evidence_map(text: str | None) -> dict[str, EvidenceView]:
    if not text or text == EMPTY_JSON:
        return {}
    data = json.loads(text)
    if not isinstance(data, dict):
        return {}
    # Keys the model does not have are dropped and missing ones take its defaults, as
    # ``model_construct`` does for the ``Stored*`` models.
    names = tuple(f.name for f in fields(EvidenceView))
    return {k: EvidenceView(**{n: v[n] for n in names if n in v}) for k, v in data.items()}


def view_of(table: str, row: sqlite3.Row | Mapping[str, Any]) -> RecordView:
    """The view of one row of a record table (``SELECT *``), built without validation."""
    cls = VIEWS[table]
    data: dict[str, Any] = {}
    for f, c, boolean in _READS[cls]:  # inline: this runs for every fact a question reads
        v = row[c]
        data[f] = bool(v) if boolean else v
    data["evidence"] = EvidenceView(*(row[c] for _, c in _EVIDENCE_READS))
    data["field_evidence"] = _evidence_map(row["field_evidence" + JSON_SUFFIX])
    return cls(**data)
