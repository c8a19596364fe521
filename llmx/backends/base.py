"""The backend interface. Backends turn a Document into a grounded DocumentExtraction."""

from __future__ import annotations

from typing import Any, Protocol

from pydantic import BaseModel, Field

from llmx.core.document import Document
from llmx.core.records import DocumentExtraction
from llmx.errors import ConfigError


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    requests: int = 0
    cached: int = 0

    def add(self, other: Usage) -> None:
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens
        self.requests += other.requests
        self.cached += other.cached


class Rejection(BaseModel):
    """A candidate record that failed validation and was dropped, with why."""

    record_type: str
    reason: str
    data: dict[str, Any] = Field(default_factory=dict)


class ExtractionOutcome(BaseModel):
    extraction: DocumentExtraction
    rejected: list[Rejection] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)


class Extractor(Protocol):
    name: str  # stored as DocumentExtraction.backend, e.g. "rules", "openai:gpt-4o-mini"

    def extract(self, doc: Document) -> ExtractionOutcome: ...


def get_backend(name: str, **options: Any) -> Extractor:
    """Build a backend by name. Heavy modules are imported here, not at package import."""
    if name == "rules":
        from llmx.rules.extractor import RulesExtractor

        return RulesExtractor()
    if name == "openai":
        from llmx.llm.backend import build_openai_backend  # issue: LLM extraction

        return build_openai_backend(**options)
    raise ConfigError(f"unknown backend {name!r}; choose 'rules' (offline) or 'openai'")
