"""QA items: a question and what its answer must rest on.

One JSON object a line (``seeds/qa.jsonl``, ``eval/real/qa.jsonl``)::

    {"id": "r3-q07", "question": "Tỉnh nào dẫn đầu Chỉ số CCHC năm 2023?", "lang": "vi",
     "form": "accented", "family": "who_rank", "tags": ["national"], "answerable": true,
     "expect": {"record_type": "index_result", "entities": ["Quảng Ninh"], "field": "rank",
                "value": 1, "year": 2023, "index": "PAR_INDEX"},
     "sources": [{"doc_id": "r3_02_par_2023", "quote": "Quảng Ninh dẫn đầu ..."}]}

``expect`` describes the structured answer, never its sentence: the entities the answer's
primary records are about (exactly that set), the figure one of them carries (``field`` and
``value``; ``values`` per entity for comparisons), the year and index of those records, a
``count`` for "how many" questions, and initiative ``names``. Unanswerable items have no
``expect``: the right answer is a refusal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from llmx.errors import InputError
from llmx.evaluation.jsonl import read_models

Family = Literal[
    "value",  # an entity's score, rank, change or metric value
    "who_rank",  # who is Nth / first / last (nationally, in a region, a bloc, a province)
    "superlative",  # best or worst over years, most places gained or lost
    "change_list",  # which entities rose or fell
    "comparison",  # two or more entities side by side
    "trend",  # one entity's results over the years
    "count",  # how many entities ...
    "metric",  # a reform metric by name
    "initiative",  # who runs an initiative, which initiatives an entity runs
    "unanswerable",  # nothing in the corpus answers it: a refusal is right
]
Form = Literal["accented", "plain", "english"]
RecordKind = Literal["index_result", "metric", "initiative"]
Field_ = Literal[
    "score", "rank", "rank_total", "rank_change", "score_change", "value", "name"
]  # fmt: skip


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Strict):
    doc_id: str = Field(min_length=1)
    quote: str = Field(min_length=1)


class Expect(_Strict):
    record_type: RecordKind | None = None
    entities: list[str] = Field(default_factory=list)
    field: Field_ | None = None
    value: float | None = None
    values: dict[str, float] = Field(default_factory=dict)  # entity -> figure
    year: int | None = None
    index: str | None = None
    count: int | None = None
    names: list[str] = Field(default_factory=list)  # initiative names the answer must list

    @model_validator(mode="after")
    def _something_to_check(self) -> Expect:
        if not (self.entities or self.count is not None or self.names):
            raise ValueError("expect needs entities, a count or names")
        if (self.value is not None or self.values) and self.field is None:
            raise ValueError("a value needs its field")
        return self


class QAItem(_Strict):
    id: str = Field(min_length=1)
    question: str = Field(min_length=1)
    lang: Literal["vi", "en"] = "vi"
    form: Form = "accented"
    family: Family = "value"
    tags: list[str] = Field(default_factory=list)
    answerable: bool = True
    expect: Expect | None = None
    sources: list[Source] = Field(default_factory=list)
    note: str | None = None  # why the expected answer is what it is, for reviewers
    split: Literal["dev", "test"] | None = None  # real corpus: set when the corpus is merged

    @model_validator(mode="after")
    def _consistent(self) -> QAItem:
        if self.answerable:
            if self.expect is None:
                raise ValueError("an answerable item needs 'expect'")
            if not self.sources:
                raise ValueError("an answerable item needs at least one source")
            if self.family == "unanswerable":
                raise ValueError("family 'unanswerable' with answerable: true")
        else:
            if self.expect is not None:
                raise ValueError("an unanswerable item has no 'expect'")
            if self.family != "unanswerable":
                raise ValueError("an unanswerable item has family 'unanswerable'")
        return self


def load_qa(path: Path) -> list[QAItem]:
    """Read a QA set; InputError naming the line for anything unreadable or repeated."""
    items = read_models(path, QAItem, "QA set")
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise InputError(f"{path}: duplicate id {item.id!r}")
        seen.add(item.id)
    return items
