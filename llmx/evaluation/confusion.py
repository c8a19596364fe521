"""Key confusion: what was wrong with a prediction that matched no gold fact.

Grounding guarantees a predicted number is in the text; the usual mistake is attaching it to
the wrong entity, year, index or scope. For each prediction left without a gold fact, the
gold records of its document that carry one of its numbers are its *anchors*; the anchor
closest in key says which key field was wrong:

* ``entity``, ``year``, ``index``, ``scope``, ``component``: that one key field differs;
* ``several``: two key fields or more differ;
* ``duplicate``: the same key as a gold fact already paired with another prediction;
* ``record_type``: the number belongs to a gold record of another type (a score stored as a
  metric, or the reverse);
* ``unanchored``: no gold record carries the number (a fact the text does not state as such:
  a comparison year read as a value, a fragment).

``rank_total`` is not an anchor: "63" is in every national ranking.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from llmx.evaluation.match import as_number, key_differences, value_close

CONFUSION_KINDS: tuple[str, ...] = (
    "entity",
    "year",
    "index",
    "scope",
    "component",
    "several",
    "duplicate",
    "record_type",
    "unanchored",
)
_VALUE_FIELDS = {
    "index_results": ("score", "rank", "rank_change", "score_change"),
    "metrics": ("value",),
    "initiatives": (),
}


def record_values(record_type: str, rec: dict[str, Any]) -> list[float]:
    out = []
    for f in _VALUE_FIELDS.get(record_type, ()):
        v = as_number(rec.get(f))
        if v is not None:
            out.append(abs(v) if f.endswith("_change") else v)
    return out


def _shares_value(a: Iterable[float], b: Iterable[float]) -> bool:
    bs = list(b)
    return any(value_close(x, y) for x in a for y in bs)


def classify(
    record_type: str,
    pred: dict[str, Any],
    gold_same_type: Sequence[dict[str, Any]],
    gold_other_types: Sequence[tuple[str, dict[str, Any]]],
) -> str:
    """The confusion kind of one prediction that no gold fact took."""
    if record_type == "initiatives":
        return "unanchored"
    values = record_values(record_type, pred)
    anchors = [g for g in gold_same_type if _shares_value(values, record_values(record_type, g))]
    if anchors:
        diffs = min((key_differences(record_type, pred, g) for g in anchors), key=len)
        if not diffs:
            return "duplicate"
        return diffs[0] if len(diffs) == 1 else "several"
    for t, g in gold_other_types:
        if _shares_value(values, record_values(t, g)):
            return "record_type"
    return "unanchored"
