"""The record contract: what llmx extracts, stores, exports as JSON Schema and scores.

Validation context: pass ``context={"text": document_text}`` to ``model_validate`` and every
evidence span is checked against the text (``text[start:end] == quote``). Numbers are always
checked against the quote, with or without context.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal, TypeGuard

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from llmx.core.document import Document
from llmx.core.grounding import AlignmentStatus, name_grounded, value_grounded

IndexName = Literal["PAR_INDEX", "SIPAS", "PCI", "PAPI", "DTI", "PGI", "SERVICE_INDEX", "OTHER"]
EntityLevel = Literal[
    "nation", "region", "province", "district", "commune", "department", "ministry", "other"
]
ScoreUnit = Literal["points", "percent"]

INDEX_NAMES: tuple[str, ...] = IndexName.__args__  # type: ignore[attr-defined]
ENTITY_LEVELS: tuple[str, ...] = EntityLevel.__args__  # type: ignore[attr-defined]

_SCOPE_RE = re.compile(r"^(national|region:.+|province:.+)$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Evidence(_Strict):
    """Where a record comes from: the exact quote and its character offsets in the stored
    document text, with how the quote was aligned."""

    quote: str = Field(min_length=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    alignment: AlignmentStatus = "exact"

    @model_validator(mode="after")
    def _span_matches_text(self, info: ValidationInfo) -> Evidence:
        if self.end <= self.start:
            raise ValueError("evidence end must be after start")
        text = (info.context or {}).get("text") if info else None
        if text is not None and text[self.start : self.end] != self.quote:
            raise ValueError(
                f"evidence span [{self.start}:{self.end}] does not match its quote in the text"
            )
        return self


class _Grounded(_Strict):
    evidence: Evidence

    def _numbers(self) -> list[tuple[str, float, bool]]:
        """(field, value, derived) for each number that must be read from the quote."""
        return []

    @model_validator(mode="after")
    def _numbers_in_quote(self) -> _Grounded:
        missing = [
            f"{name}={value:g}"
            for name, value, derived in self._numbers()
            if not value_grounded(value, self.evidence.quote, derived=derived)
        ]
        if missing:
            raise ValueError(
                "value not found in its quote: "
                + ", ".join(missing)
                + f" (quote: {self.evidence.quote[:80]!r})"
            )
        return self


class IndexResult(_Grounded):
    """A score and/or rank of one entity on one index (or one component of it)."""

    entity: str = Field(min_length=1, description="Canonical name, e.g. 'Bắc Giang'")
    entity_level: EntityLevel = "province"
    index: IndexName
    component: str | None = Field(None, description="Sub-index or field; null = whole index")
    year: int | None = Field(None, ge=1990, le=2100, description="Year the index measures")
    score: float | None = None
    score_unit: ScoreUnit | None = None
    rank: int | None = Field(None, ge=1)
    rank_total: int | None = Field(None, ge=1)
    rank_change: int | None = Field(None, description="+ up, - down (places)")
    score_change: float | None = None
    scope: str = Field("national", description="national | region:<name> | province:<name>")
    is_target: bool = False

    @field_validator("scope")
    @classmethod
    def _scope_form(cls, v: str) -> str:
        if not _SCOPE_RE.match(v):
            raise ValueError("scope must be 'national', 'region:<name>' or 'province:<name>'")
        return v

    @model_validator(mode="after")
    def _has_a_value(self) -> IndexResult:
        if all(v is None for v in (self.score, self.rank, self.rank_change, self.score_change)):
            raise ValueError("an index result needs a score, rank, rank_change or score_change")
        if self.rank and self.rank_total and self.rank > self.rank_total:
            raise ValueError("rank cannot exceed rank_total")
        if self.score is not None and self.score_unit is None:
            self.score_unit = "points"
        return self

    def _numbers(self) -> list[tuple[str, float, bool]]:
        out: list[tuple[str, float, bool]] = []
        for name in ("score", "rank", "rank_total"):
            v = getattr(self, name)
            if v is not None:
                out.append((name, float(v), False))
        for name in ("rank_change", "score_change"):
            v = getattr(self, name)
            if v is not None:
                out.append((name, float(v), True))
        return out


class Metric(_Grounded):
    """A reform metric: a rate, count, duration or amount stated for an entity."""

    entity: str = Field(min_length=1)
    name: str = Field(min_length=1, description="Short Vietnamese noun phrase from the text")
    value: float
    unit: str = Field("", description="%, hồ sơ, thủ tục, dịch vụ, ngày, …")
    year: int | None = Field(None, ge=1990, le=2100)
    is_target: bool = False

    def _numbers(self) -> list[tuple[str, float, bool]]:
        return [("value", self.value, False)]


class Initiative(_Grounded):
    """A named reform model, initiative or motto and who runs it."""

    entity: str = Field(min_length=1)
    name: str = Field(min_length=1, description="The name exactly as quoted, without quotes")
    kind: str = Field("mô hình", description="mô hình, sáng kiến, phương châm, phong trào, …")
    year: int | None = Field(None, ge=1990, le=2100)

    @model_validator(mode="after")
    def _name_in_quote(self) -> Initiative:
        if not name_grounded(self.name, self.evidence.quote):
            raise ValueError(f"initiative name {self.name!r} not found in its quote")
        return self


class DocumentExtraction(_Strict):
    """Everything extracted from one document by one backend."""

    doc_id: str = Field(min_length=1, description="File stem")
    source: str = Field(description="Path as given")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    title: str | None = None
    published: date | None = None
    backend: str = Field(min_length=1, description="e.g. 'rules', 'openai:gpt-4o-mini'")
    index_results: list[IndexResult] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)
    initiatives: list[Initiative] = Field(default_factory=list)

    @classmethod
    def of(cls, doc: Document, backend: str, **records: list[Any]) -> DocumentExtraction:
        """An extraction of ``doc`` by ``backend``: the document's identity copied over, in
        one place for every backend."""
        return cls(
            doc_id=doc.doc_id,
            source=doc.source,
            sha256=doc.sha256,
            title=doc.title,
            published=doc.published,
            backend=backend,
            **records,
        )

    def counts(self) -> dict[str, int]:
        return {
            "index_results": len(self.index_results),
            "metrics": len(self.metrics),
            "initiatives": len(self.initiatives),
        }


RecordType = Literal["index_results", "metrics", "initiatives"]
RECORD_TYPE_NAMES: tuple[str, ...] = RecordType.__args__  # type: ignore[attr-defined]
RECORD_TYPES: dict[str, type[_Grounded]] = {
    "index_results": IndexResult,
    "metrics": Metric,
    "initiatives": Initiative,
}


def is_record_type(name: str) -> TypeGuard[RecordType]:
    return name in RECORD_TYPE_NAMES
