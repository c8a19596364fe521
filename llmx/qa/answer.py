"""What `llmx ask` returns: an answer sentence resting on stored records, with citations."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Citation(BaseModel):
    doc_id: str
    quote: str
    start: int
    end: int
    primary: bool = True  # False for lesser matches listed after the best one


class Answer(BaseModel):
    question: str
    lang: str = "vi"
    found: bool  # False: "không tìm thấy" (nothing in the store answers the question)
    text: str  # one short sentence in the question's language
    query: dict[str, Any] = Field(default_factory=dict)  # the typed query, dumped
    records: list[dict[str, Any]] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    passages: list[Citation] = Field(default_factory=list)  # closest FTS hits when not found
    # Why nothing was found: "empty_store", "no_entity", "no_records", "unstructured".
    reason: str | None = None
