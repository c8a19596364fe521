"""What the store's read side returns: records with where they came from, and FTS hits."""

from __future__ import annotations

from pydantic import BaseModel, Field

from llmx.core.records import IndexResult, Initiative, Metric


class _Stored(BaseModel):
    doc_id: str = Field(min_length=1)
    backend: str = Field(min_length=1)


class StoredIndexResult(IndexResult, _Stored):
    """An IndexResult plus the document and backend it was stored for."""

    def record(self) -> IndexResult:
        return IndexResult.model_validate(self.model_dump(exclude={"doc_id", "backend"}))


class StoredMetric(Metric, _Stored):
    """A Metric plus the document and backend it was stored for."""

    def record(self) -> Metric:
        return Metric.model_validate(self.model_dump(exclude={"doc_id", "backend"}))


class StoredInitiative(Initiative, _Stored):
    """An Initiative plus the document and backend it was stored for."""

    def record(self) -> Initiative:
        return Initiative.model_validate(self.model_dump(exclude={"doc_id", "backend"}))


class SentenceHit(BaseModel):
    """One full-text hit: a sentence of a stored document. ``score`` is the negated FTS5 bm25
    value, so higher is better."""

    doc_id: str
    start: int
    end: int
    text: str
    score: float
