"""The typed query a question becomes: what is asked and the filters that select records.

Both planners produce it (the offline parser in ``parse_rules`` and the LLM planner in
``llm_planner``); ``execute`` turns it into store calls with bound parameters only, so no
text of the question ever reaches SQL.

``Query`` is a plain dataclass: a cold `llmx ask` with the offline parser imports no
pydantic. The part an LLM fills in is validated where an LLM fills it: ``plan_model``'s
``QueryFilters`` (pydantic, the planner's response model), whose fields ``Query`` holds
with the same defaults and checks (``tests/test_qa_query.py``).
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from typing import Literal

from llmx.core.terms import EntityLevel, IndexName

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

Lang = Literal["vi", "en"]  # the question's (and the answer's) language
IndexCode = IndexName  # one home: the record contract's codes (the vocabulary names them)
Level = EntityLevel  # one home: the record contract's levels

# The level a unit word names, folded: "tỉnh nào", "bao nhiêu huyện", "which districts"
# (English plurals without their "s"). Generic words ("đơn vị", "cơ quan") name none.
UNIT_LEVELS: dict[str, Level] = {
    "tinh thanh": "province", "tinh": "province", "province": "province",
    "so": "department", "department": "department",
    "huyen": "district", "quan": "district", "thi xa": "district", "district": "district",
    "bo": "ministry", "nganh": "ministry", "ministry": "ministry", "ministrie": "ministry",
    "xa": "commune", "phuong": "commune", "commune": "commune",
    "vung": "region", "khu vuc": "region", "region": "region",
}  # fmt: skip

# The scope of a question that names a region the gazetteer does not resolve.
ANY_REGION = "region:*"

# Kinds that need an entity: without one the question cannot be answered from records.
NEEDS_ENTITY = frozenset(
    {"rank", "score", "result", "change", "initiatives_of", "metric", "trend", "best_year"}
)


# Bounds of the numbers a query may hold (``plan_model.QueryFilters`` declares the same).
YEAR_RANGE = (1990, 2100)
RANK_RANGE = (1, 10_000)
N_RANGE = (1, 50)


def scope_error(v: str | None) -> str | None:
    """Why ``v`` is no scope a query may hold; None when it is one (or None)."""
    if v is None or v == "national" or v.startswith(("region:", "province:")):
        return None
    return "scope must be 'national', 'region:<name>' or 'province:<name>'"


@dataclass(kw_only=True)
class Query:
    """A question as filters over stored records (``None`` means "any"): what is asked and
    the filters a planner fills in (``QueryFilters``' fields, in its order), then what the
    resolver added: the entity's store keys, the question's language and content words."""

    ask: AskKind = "free_text"
    entity: str | None = None  # entity the question is about, as named
    entity_level: Level | None = None  # level of the entity asked for
    index: IndexCode | None = None
    component: str | None = None  # sub-index or field; None = any
    year: int | None = None
    year_from: int | None = None  # comparison year
    rank: int | None = None  # rank asked about
    n: int | None = None  # how many, for top/bottom
    scope: str | None = None  # national | region:<name> | province:<name>
    initiative: str | None = None  # initiative name, as asked
    metric: str | None = None  # metric words, as asked
    measure: Literal["rank", "score"] | None = None  # for change questions
    targets: bool = False  # asks about a plan, target or forecast
    # rises (best) or falls (worst); "same": a place held ("giữ nguyên thứ hạng"), lists only
    direction: Literal["up", "down", "same"] | None = None
    # An average asked ("Chỉ số PCI trung bình cả nước"): the country's or the bloc's.
    aggregate: Literal["nation", "bloc"] | None = None
    counts: bool = False  # asks how many units meet a condition: only a stated count answers
    lang: Lang = "vi"
    entity_keys: list[str] = field(default_factory=list)  # folded store keys (resolver)
    keywords: list[str] = field(default_factory=list)  # folded content words
    # compare: (name, store keys) of every entity
    compared: list[tuple[str, list[str]]] = field(default_factory=list)
    level_asked: bool = False  # the question names the level it asks for
    planner: str = "rules"
    notes: list[str] = field(default_factory=list)  # how the question was read

    def __post_init__(self) -> None:
        # The checks the pydantic query made when it was built (not on assignment).
        for name, (lo, hi) in (("year", YEAR_RANGE), ("year_from", YEAR_RANGE),
                               ("rank", RANK_RANGE), ("n", N_RANGE)):  # fmt: skip
            v = getattr(self, name)
            if v is not None and not lo <= v <= hi:
                raise ValueError(f"{name}={v}: must be between {lo} and {hi}")
        problem = scope_error(self.scope)
        if problem is not None:
            raise ValueError(problem)

    def describe(self) -> dict[str, object]:
        """The query without empty fields, for ``--json`` and logs."""
        out: dict[str, object] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            default = f.default_factory() if f.default_factory is not MISSING else f.default
            if v != default:
                out[f.name] = _copied(v)
        return out | {"ask": self.ask, "lang": self.lang, "planner": self.planner}


def _copied(v: object) -> object:
    """Lists (and the lists in ``compared``' pairs) copied, as ``model_dump`` gives them."""
    if isinstance(v, list):
        return [(t[0], list(t[1])) if isinstance(t, tuple) else t for t in v]
    return v
