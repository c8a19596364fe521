"""What one extraction of one document produces, whichever backend ran it: the grounded
records, the candidates that were dropped (with why), and the tokens spent."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from llmx.core.records import DocumentExtraction


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    requests: int = 0
    cached: int = 0  # answers replayed from llmx's response cache
    cached_prompt_tokens: int = 0  # prompt tokens the server took from its prefix cache

    def add(self, other: Usage) -> None:
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens
        self.requests += other.requests
        self.cached += other.cached
        self.cached_prompt_tokens += other.cached_prompt_tokens


class Rejection(BaseModel):
    """A candidate record that failed validation and was dropped, with why."""

    record_type: str
    reason: str
    data: dict[str, Any] = Field(default_factory=dict)


class ExtractionOutcome(BaseModel):
    extraction: DocumentExtraction
    rejected: list[Rejection] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)
