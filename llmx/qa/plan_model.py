"""What the LLM planner asks the model to fill in: ``QueryFilters``, pydantic, so the plan is
validated (types, ranges, the scope's form) before it is used. Its fields are the first
fields of ``query.Query`` (the dataclass the engine reads), with the same defaults; only
the LLM planner imports this module.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from llmx.qa.query import (
    N_RANGE,
    RANK_RANGE,
    YEAR_RANGE,
    IndexCode,
    Level,
    PlannerAsk,
    scope_error,
)


class QueryFilters(BaseModel):
    """What is asked and the filters that select records: the part of a query a planner
    fills in (the LLM planner uses this model as its response model)."""

    model_config = ConfigDict(extra="forbid")

    ask: PlannerAsk = Field("free_text", description="What the question asks for")
    entity: str | None = Field(None, description="Entity the question is about, as named")
    entity_level: Level | None = Field(None, description="Level of the entity asked for")
    index: IndexCode | None = Field(None, description="Index the question is about")
    component: str | None = Field(None, description="Sub-index or field; None = any")
    year: int | None = Field(None, ge=YEAR_RANGE[0], le=YEAR_RANGE[1])
    year_from: int | None = Field(
        None, ge=YEAR_RANGE[0], le=YEAR_RANGE[1], description="Comparison year"
    )
    rank: int | None = Field(
        None, ge=RANK_RANGE[0], le=RANK_RANGE[1], description="Rank asked about"
    )
    n: int | None = Field(
        None, ge=N_RANGE[0], le=N_RANGE[1], description="How many, for top/bottom"
    )
    scope: str | None = Field(None, description="national | region:<name> | province:<name>")
    initiative: str | None = Field(None, description="Initiative name, as asked")
    metric: str | None = Field(None, description="Metric words, as asked")
    measure: Literal["rank", "score"] | None = Field(None, description="For change questions")
    targets: bool = Field(False, description="Asks about a plan, target or forecast")

    @field_validator("scope")
    @classmethod
    def _scope_form(cls, v: str | None) -> str | None:
        problem = scope_error(v)
        if problem is not None:
            raise ValueError(problem)
        return v
