"""The hybrid backend's question and answer for one sentence: what the model is asked to read
(``Ask``: a span of the document and the rules' subjects in it, without their values), the
answer's shape (``SentenceReading``, instructor's response model) and how a reading compares
with a rules record (``compare``).

The question is a *blind read*: the model sees the sentence and each subject's entity, index
and year, never the values the rules read. A small instruct model shown a candidate tends to
confirm it; asked for the values, it agrees only when it reads the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from llmx.core.grounding import value_grounded
from llmx.core.numbers import close, parse_vn_number
from llmx.core.records import IndexResult

VALUE_FIELDS = ("score", "rank", "rank_total", "rank_change", "score_change")
_PLACES = ("rank", "rank_total")
_CHANGES = ("rank_change", "score_change")

Verdict = Literal["agree", "contradict", "partial", "unread"]


def _number(v: Any) -> Any:
    """A value the model wrote as text ("85,5", "12/63"'s rank as "12") read as a number;
    anything unreadable becomes null rather than failing the whole answer."""
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, int | float):
        return v
    if isinstance(v, str):
        s = v.strip().lstrip("+")
        sign = -1.0 if s.startswith(("-", "−")) else 1.0
        parsed = parse_vn_number(s.lstrip("-−").strip())
        return None if parsed is None else sign * parsed
    return None


class Values(BaseModel):
    """The values the model read for one subject; null = not stated."""

    model_config = ConfigDict(extra="ignore")

    score: float | None = None
    rank: int | None = None
    rank_total: int | None = None
    rank_change: int | None = None
    score_change: float | None = None

    @field_validator("score", "score_change", mode="before")
    @classmethod
    def _decimal(cls, v: Any) -> Any:
        n = _number(v)
        return None if n is None else float(n)

    @field_validator("rank", "rank_total", "rank_change", mode="before")
    @classmethod
    def _whole(cls, v: Any) -> Any:
        # A place is a whole number: a model that writes 12.5 for one read something else.
        n = _number(v)
        return int(n) if n is not None and float(n).is_integer() else None

    def stated(self) -> dict[str, float]:
        return {f: float(v) for f in VALUE_FIELDS if (v := getattr(self, f)) is not None}

    def stated_as_fields(self) -> dict[str, Any]:
        """The stated values as contract fields (places stay whole numbers)."""
        return {f: v for f in VALUE_FIELDS if (v := getattr(self, f)) is not None}


class SubjectReading(Values):
    subject: int = Field(ge=1, description="the subject's number in the list")


class OtherResult(Values):
    entity: str = Field(min_length=1, description="the unit, as the sentence writes it")
    index: str | None = None
    year: int | None = None


class SentenceReading(BaseModel):
    """instructor's response model for one blind read."""

    model_config = ConfigDict(extra="ignore")

    readings: list[SubjectReading] = Field(default_factory=list)
    others: list[OtherResult] = Field(default_factory=list)

    def for_subject(self, n: int) -> SubjectReading | None:
        """The first reading for subject ``n`` (1-based); a model that repeats one keeps
        its first answer."""
        return next((r for r in self.readings if r.subject == n), None)


@dataclass(frozen=True, slots=True)
class Subject:
    """What the prompt says of a rules record: who, on which index, when; no values."""

    entity: str
    index: str
    year: int | None
    component: str | None


@dataclass(frozen=True)
class Ask:
    """One request: a span of the document and the rules records read from it (their
    positions in the extraction's index_results). No records: a sentence with index cues
    and numbers the rules used for nothing, asked for every result it states."""

    start: int
    end: int
    records: tuple[int, ...]

    def subjects(self, results: Sequence[IndexResult]) -> list[Subject]:
        return [
            Subject(r.entity, r.index, r.year, r.component)
            for r in (results[i] for i in self.records)
        ]


def grounded(reading: Values | None, quote: str) -> Values | None:
    """``reading`` without the values ``quote`` cannot give: a number the sentence does not
    write (nor, for a change, the difference of two it writes), or a place that is no place
    (0, or a year the model took for a rank). Such a value is noise, not a second opinion,
    and must not count as a contradiction."""
    if reading is None:
        return None
    kept: dict[str, Any] = {}
    for f, v in reading.stated().items():
        if f in _PLACES and (v < 1 or 1990 <= v <= 2100):
            continue
        if value_grounded(v, quote, derived=f in _CHANGES):
            kept[f] = getattr(reading, f)
    return Values(**kept)


def _same(a: float, b: float) -> bool:
    return close(a, b) if a != int(a) or b != int(b) else int(a) == int(b)


def compare(record: IndexResult, reading: Values | None) -> tuple[Verdict, list[str]]:
    """How the model's reading of a record's subject compares with the record's values:

    - ``agree``: the same value in every field either of them states;
    - ``contradict``: a field both state with different values (the differences listed);
    - ``partial``: no difference, but one states a value the other does not (listed);
    - ``unread``: no reading for the subject, or one with no value at all.
    """
    if reading is None or not reading.stated():
        return "unread", []
    ours = {f: float(v) for f in VALUE_FIELDS if (v := getattr(record, f)) is not None}
    theirs = reading.stated()
    differ = [
        f"{f}: rules {ours[f]:g}, model {theirs[f]:g}"
        for f in VALUE_FIELDS
        if f in ours and f in theirs and not _same(ours[f], theirs[f])
    ]
    if differ:
        return "contradict", differ
    one_sided = [
        f"{f}: {'rules' if f in ours else 'model'} {(ours | theirs)[f]:g} only"
        for f in VALUE_FIELDS
        if (f in ours) != (f in theirs)
    ]
    return ("partial", one_sided) if one_sided else ("agree", [])
