"""The stored records as pydantic models: a record of the contract plus the document and
backend it was stored for. The reads that list, export and report records return these;
QA reads ``views`` instead, and the other read results are in ``results``."""

from __future__ import annotations

from pydantic import BaseModel, Field

from llmx.core.records import PLAUSIBILITY, IndexResult, Initiative, Metric
from llmx.store.results import MAX_LIMIT, ConsolidatedFact, Fact, FactSource, SentenceHit

__all__ = [  # the read results too: this module was their home
    "MAX_LIMIT", "ConsolidatedFact", "Fact", "FactSource", "SentenceHit", "StoredIndexResult",
    "StoredInitiative", "StoredMetric", "StoredRecord",
]  # fmt: skip
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


StoredRecord = StoredIndexResult | StoredMetric | StoredInitiative


