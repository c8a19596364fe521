"""What the store's read side returns: records with where they came from, distinct facts,
facts consolidated across documents, and FTS hits; and how many a read returns at most."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

from llmx.core.records import PLAUSIBILITY, IndexResult, Initiative, Metric

MAX_LIMIT = 10_000  # rows any one read returns at most, whatever limit is asked for


_WHERE = {"doc_id", "backend"}
# A stored record is read as it was stored: plausibility was judged when it was made.
_AS_STORED = {PLAUSIBILITY: False}


class _Stored(BaseModel):
    doc_id: str = Field(min_length=1)
    backend: str = Field(min_length=1)


class StoredIndexResult(IndexResult, _Stored):
    """An IndexResult plus the document and backend it was stored for."""

    def record(self) -> IndexResult:
        return IndexResult.model_validate(self.model_dump(exclude=_WHERE), context=_AS_STORED)


class StoredMetric(Metric, _Stored):
    """A Metric plus the document and backend it was stored for."""

    def record(self) -> Metric:
        return Metric.model_validate(self.model_dump(exclude=_WHERE), context=_AS_STORED)


class StoredInitiative(Initiative, _Stored):
    """An Initiative plus the document and backend it was stored for."""

    def record(self) -> Initiative:
        return Initiative.model_validate(self.model_dump(exclude=_WHERE), context=_AS_STORED)


class SentenceHit(BaseModel):
    """One full-text hit: a sentence of a stored document. ``score`` is the negated FTS5 bm25
    value, so higher is better."""

    doc_id: str
    start: int
    end: int
    text: str
    score: float


StoredRecord = StoredIndexResult | StoredMetric | StoredInitiative
_R = TypeVar("_R", StoredIndexResult, StoredMetric, StoredInitiative)


@dataclass
class Fact(Generic[_R]):
    """One distinct fact: the earliest stored record stating it, and how many rows
    (documents x backends) state it."""

    record: _R
    sources: int


@dataclass(frozen=True)
class FactSource:
    """One stored row stating a consolidated fact: where it was read and what it says.
    ``values``: the row's value fields (``ConsolidatedFact.values``' keys), None where the
    row does not state one."""

    doc_id: str
    record_id: int  # the row's id in its record table
    backend: str
    quote: str
    start: int
    end: int
    confidence: float | None
    values: dict[str, Any]


@dataclass
class ConsolidatedFact(Generic[_R]):
    """One fact across documents: every stored row with the same fact key.

    * ``key``: the fact key (record field -> value: entity key, index, component ('' for
      none), year, scope, is_target; for metrics the name key and unit; for initiatives the
      entity and name keys);
    * ``record``: the representative record: the row the other sources back most (for each
      value it states, how many sources state the same; ties: the earliest stored);
    * ``sources``: one per stored row, in store order;
    * ``values``: per value field, the distinct non-null values the sources state, the one
      most sources state first (ties: the first stated first);
    * ``conflicts``: the value fields whose sources state more than one value (a source that
      does not state a field does not disagree)."""

    table: str
    key: dict[str, Any]
    record: _R
    sources: list[FactSource]
    values: dict[str, list[Any]]
    conflicts: list[str]

    @property
    def n_sources(self) -> int:
        return len(self.sources)

    @property
    def doc_ids(self) -> list[str]:
        """The documents stating the fact, each once, in store order."""
        return list(dict.fromkeys(s.doc_id for s in self.sources))
