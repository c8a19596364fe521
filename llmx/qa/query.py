"""The typed query a question becomes: what is asked and the filters that select records.

Both planners produce it (the offline parser in ``parse_rules`` and the LLM planner in
``llm_planner``); ``execute`` turns it into store calls with bound parameters only, so no
text of the question ever reaches SQL.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from llmx.core.records import EntityLevel, IndexName

# What the question asks for, as the LLM planner may say it (its prompt and response
# schema list these; the cassettes of tests/test_qa_llm.py hold them byte for byte).
PlannerAsk = Literal[
    "entity_for_rank",  # who is at rank N (or leads): "Tỉnh nào đứng thứ 4?"
    "rank",  # an entity's rank: "Ninh Bình đứng thứ mấy?"
    "score",  # an entity's score: "... đạt bao nhiêu điểm?"
    "result",  # an entity's result on an index, whatever figures were stored
    "change",  # a change of rank or score between years: "tăng bao nhiêu bậc?"
    "top",  # the best N on an index
    "bottom",  # the worst N on an index
    "count",  # how many entities have a result matching the filters
    "initiative_who",  # who runs a named initiative: "Mô hình “X” ở tỉnh nào?"
    "initiatives_of",  # which initiatives an entity runs
    "metric",  # a metric's value: "Tỷ lệ hồ sơ trực tuyến của X là bao nhiêu?"
    "free_text",  # nothing structured recognised: full-text passages only
]
# What the question asks for: the planner's kinds, and the families only the offline
# parser reads so far.
AskKind = (
    PlannerAsk
    | Literal[
        "change_list",  # which entities rose (fell): "Những tỉnh nào tăng hạng?"
        "change_extreme",  # who gained (lost) the most: "Tỉnh nào tăng nhiều bậc nhất?"
        "compare",  # two or more entities side by side: "So sánh Bắc Giang và Tiền Giang"
        "trend",  # one entity over the years: "Chỉ số CCHC của X qua các năm"
        "best_year",  # an entity's best (worst) year: "Năm nào X đạt điểm cao nhất?"
    ]
)
ASK_KINDS: tuple[str, ...] = PlannerAsk.__args__  # type: ignore[attr-defined]

IndexCode = IndexName  # one home: the record contract's codes (the vocabulary names them)
Level = EntityLevel  # one home: the record contract's levels

# The scope of a question that names a region the gazetteer does not resolve.
ANY_REGION = "region:*"

# Kinds that need an entity: without one the question cannot be answered from records.
NEEDS_ENTITY = frozenset(
    {"rank", "score", "result", "change", "initiatives_of", "metric", "trend", "best_year"}
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
    year: int | None = Field(None, ge=1990, le=2100)
    year_from: int | None = Field(None, ge=1990, le=2100, description="Comparison year")
    rank: int | None = Field(None, ge=1, le=10_000, description="Rank asked about")
    n: int | None = Field(None, ge=1, le=50, description="How many, for top/bottom")
    scope: str | None = Field(None, description="national | region:<name> | province:<name>")
    initiative: str | None = Field(None, description="Initiative name, as asked")
    metric: str | None = Field(None, description="Metric words, as asked")
    measure: Literal["rank", "score"] | None = Field(None, description="For change questions")
    targets: bool = Field(False, description="Asks about a plan, target or forecast")

    @field_validator("scope")
    @classmethod
    def _scope_form(cls, v: str | None) -> str | None:
        if v is None:
            return v
        if v == "national" or v.startswith(("region:", "province:")):
            return v
        raise ValueError("scope must be 'national', 'region:<name>' or 'province:<name>'")


class Query(QueryFilters):
    """A question as filters over stored records (``None`` means "any"), with what the
    resolver added: the entity's store keys, the question's language and content words."""

    ask: AskKind = "free_text"  # type: ignore[assignment]
    direction: Literal["up", "down"] | None = None  # rises (best) or falls (worst)
    lang: Literal["vi", "en"] = "vi"
    entity_keys: list[str] = Field(
        default_factory=list, description="Folded store keys of that entity (resolver output)"
    )
    keywords: list[str] = Field(default_factory=list, description="Folded content words")
    compared: list[tuple[str, list[str]]] = Field(
        default_factory=list, description="compare: (name, store keys) of every entity"
    )
    level_asked: bool = Field(False, description="The question names the level it asks for")
    planner: str = "rules"
    notes: list[str] = Field(default_factory=list, description="How the question was read")

    def describe(self) -> dict[str, object]:
        """The query without empty fields, for ``--json`` and logs."""
        always = {"ask": self.ask, "lang": self.lang, "planner": self.planner}
        return self.model_dump(exclude_defaults=True) | always
