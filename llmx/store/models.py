"""What the store's read side returns: records with where they came from, distinct facts,
and FTS hits; and how many a read returns at most."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

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
