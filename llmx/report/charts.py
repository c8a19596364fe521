"""Which facts the report charts, and the charts themselves.

Both charts read consolidated index-result facts (``llmx.qa.facts.consolidate``): one point
per fact, the value most of its sources state. Only whole-index results (no component) that
are results, not targets, are charted.

* an entity's rank and score over the years, for one index and scope: the entity asked for,
  else the entity with results in the most years (ties: the one stored first);
* all units of one index, year and scope as a ranked bar chart: the index and year asked
  for, else the group with the most units (ties: the one stored first).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from llmx.report.svg import Bar, YearPoint, bar_chart, year_chart
from llmx.store import ConsolidatedFact

_SERIES_MIN_YEARS = 1


@dataclass
class Series:
    """One entity's results on one index and scope, by year."""

    entity: str
    index: str
    scope: str
    rank: list[YearPoint] = field(default_factory=list)
    score: list[YearPoint] = field(default_factory=list)

    @property
    def years(self) -> set[int]:
        return {p.year for p in (*self.rank, *self.score)}


@dataclass
class Ranking:
    """Every unit's result on one index, year and scope, best first."""

    index: str
    year: int
    scope: str
    bars: list[Bar] = field(default_factory=list)


def _charted(fact: ConsolidatedFact[Any]) -> bool:
    key = fact.key
    return not key.get("component") and not key.get("is_target") and key.get("year") is not None


def _first(values: dict[str, list[Any]], name: str) -> Any:
    stated = values.get(name) or []
    return stated[0] if stated else None


def entity_series(
    facts: list[ConsolidatedFact[Any]], entity_keys: list[str] | None = None,
    index: str | None = None,
) -> Series | None:  # fmt: skip
    """The series to chart (see the module doc); None when no fact fits."""
    groups: dict[tuple[str, str, str], Series] = {}
    for fact in facts:
        key = fact.key
        if not _charted(fact):
            continue
        if entity_keys is not None and key["entity_key"] not in entity_keys:
            continue
        if index is not None and key["index"] != index:
            continue
        group = (key["entity_key"], key["index"], key["scope"])
        series = groups.setdefault(group, Series(fact.record.entity, key["index"], key["scope"]))
        rank, score = _first(fact.values, "rank"), _first(fact.values, "score")
        if rank is not None:
            series.rank.append(YearPoint(key["year"], float(rank)))
        if score is not None:
            series.score.append(YearPoint(key["year"], float(score)))
    best: Series | None = None
    for series in groups.values():  # first stored wins ties: strict >
        if len(series.years) >= _SERIES_MIN_YEARS and (
            best is None or len(series.years) > len(best.years)
        ):
            best = series
    return best


def _bar_order(bar: Bar) -> tuple[int, int, float]:
    """Ranked units first, by rank; then the others, highest value first."""
    if bar.rank is not None:
        return (0, bar.rank, 0.0)
    return (1, 0, -(bar.value or 0.0))


def ranking(
    facts: list[ConsolidatedFact[Any]], index: str | None = None, year: int | None = None
) -> Ranking | None:
    """The ranking to chart (see the module doc); None when no fact fits."""
    groups: dict[tuple[str, int, str], Ranking] = {}
    for fact in facts:
        key = fact.key
        if not _charted(fact):
            continue
        if (index is not None and key["index"] != index) or (
            year is not None and key["year"] != year
        ):
            continue
        rank, score = _first(fact.values, "rank"), _first(fact.values, "score")
        if rank is None and score is None:
            continue
        group = (key["index"], key["year"], key["scope"])
        chart = groups.setdefault(group, Ranking(*group))
        chart.bars.append(
            Bar(fact.record.entity, float(score) if score is not None else None, rank)
        )
    best: Ranking | None = None
    for chart in groups.values():
        if best is None or len(chart.bars) > len(best.bars):
            best = chart
    if best is not None:
        best.bars.sort(key=_bar_order)
    return best


def _scope_label(scope: str) -> str:
    return "" if scope == "national" else f" ({scope})"


def series_svgs(series: Series) -> list[str]:
    """The rank chart and the score chart of a series (each only when it has points)."""
    name = f"{series.entity} · {series.index}{_scope_label(series.scope)}"
    out = []
    if series.rank:
        out.append(year_chart(f"{name}: rank by year", series.rank, lower_is_better=True,
                              css_class="chart chart-rank"))  # fmt: skip
    if series.score:
        out.append(year_chart(f"{name}: score by year", series.score,
                              css_class="chart chart-score"))  # fmt: skip
    return out


def ranking_svg(chart: Ranking) -> str:
    title = f"{chart.index} {chart.year}{_scope_label(chart.scope)}: {len(chart.bars)} units"
    return bar_chart(title, chart.bars, css_class="chart chart-ranking")
