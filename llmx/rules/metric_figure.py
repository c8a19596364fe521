"""One metric figure a reader found in a sentence: where its value is, the value, its unit
and the metric's name. The figure readers (group sizes, a field's spread, English cuts) all
return it; the metrics module turns it into a record."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MetricFigure:
    start: int
    end: int
    value: float
    unit: str
    name: str
