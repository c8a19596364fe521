"""The vocabulary data files' schema (pydantic): what a file may hold, checked when it is
read (``load``). Readers get ``terms.Entry`` and ``terms.Concept``, the same fields."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from llmx.core.vocab.terms import Kind, Lang


class EntryModel(BaseModel):
    """One phrasing as a data file writes it (``terms.Entry``, validated)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Kind
    label: str = Field(min_length=1)
    pattern: str = Field(min_length=1)
    lang: Lang = "vi"
    value: float | None = None
    sign: Literal[-1, 0, 1] | None = None
    attrs: dict[str, str] = Field(default_factory=dict)
    priority: int = 0
    questions_only: bool = Field(
        default=False, description="read in questions only: too loose for a document's text"
    )
    examples: list[str] = Field(min_length=1, description="texts the entry must match")
    negatives: list[str] = Field(default_factory=list, description="texts it must not match")


class ConceptModel(BaseModel):
    """A label's canonical names as a data file writes them (``terms.Concept``, validated)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Kind
    label: str = Field(min_length=1)
    vi: str
    en: str
    prompt: list[str] = Field(default_factory=list)
    plan_prompt: list[str] = Field(default_factory=list)
    score_unit: Literal["percent", "points", ""] = Field(
        default="", description="an index's usual score unit, where reporting writes one"
    )
    note: str = ""


class VocabFile(BaseModel):
    """One data file: its concepts and entries."""

    model_config = ConfigDict(extra="forbid")

    concept: list[ConceptModel] = Field(default_factory=list)
    entry: list[EntryModel] = Field(default_factory=list)
