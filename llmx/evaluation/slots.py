"""Slot-level scoring: every (fact key, field, value) of a record counted on its own.

A record with the right score and a wrong rank earns its score slot; one fact split into a
score-only and a rank-only record earns both slots. Slots of one type in one document are
paired one-to-one, best record pairs first, required gold before optional gold (a slot paired
with an optional gold slot is neither right nor wrong).

* index results: a slot per stated value of score, rank, rank_total, rank_change,
  score_change; two slots pair when their records share the key (entity, index, component,
  year, scope) and ``is_target``, the field is the same and the values agree.
* metrics: the value slot (entity, year and value agree, ``is_target`` too), the name slot
  (the value slot's conditions and a name overlap of at least one half) and the unit slot
  (when a unit is given: the value slot's conditions and the same unit).
* initiatives: the name slot (the key), the entity slot and the kind slot (name and that
  field agree).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from llmx.evaluation.match import field_results, greedy_pairs, key_similarity, pair_quality

INDEX_SLOTS: tuple[str, ...] = ("score", "rank", "rank_total", "rank_change", "score_change")
SLOT_FIELDS: dict[str, tuple[str, ...]] = {
    "index_results": INDEX_SLOTS,
    "metrics": ("value", "name", "unit"),
    "initiatives": ("name", "entity", "kind"),
}


def record_slots(record_type: str, rec: dict[str, Any]) -> list[str]:
    """The slots a record states (field names)."""
    if record_type == "index_results":
        return [f for f in INDEX_SLOTS if rec.get(f) is not None]
    if record_type == "metrics":
        out = ["value", "name"]
        if str(rec.get("unit") or "").strip():
            out.append("unit")
        return out
    if record_type == "initiatives":
        return ["name", "entity", "kind"]
    raise ValueError(f"unknown record type {record_type!r}")


def slot_agrees(record_type: str, slot: str, pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    """Whether ``pred``'s ``slot`` states what ``gold``'s does."""
    if key_similarity(record_type, pred, gold) is None:
        return False
    if record_type == "initiatives":
        return slot == "name" or field_results(record_type, pred, gold)[slot]
    if bool(pred.get("is_target")) != bool(gold.get("is_target")):
        return False
    if record_type == "metrics" and slot == "value":
        return True  # the metric key already holds entity, year and value
    return field_results(record_type, pred, gold)[slot]


@dataclass
class SlotCounts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: SlotCounts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class SlotResult:
    by_field: dict[str, SlotCounts] = field(default_factory=dict)

    @property
    def total(self) -> SlotCounts:
        out = SlotCounts()
        for c in self.by_field.values():
            out.add(c)
        return out


def _pair(
    record_type: str,
    slot: str,
    preds: Sequence[dict[str, Any]],
    golds: Sequence[dict[str, Any]],
    pred_ids: list[int],
    gold_ids: list[int],
) -> list[tuple[int, int]]:
    def quality(pi: int, gi: int) -> float | None:
        if not slot_agrees(record_type, slot, preds[pi], golds[gi]):
            return None
        return pair_quality(record_type, preds[pi], golds[gi]) or 0.0

    return greedy_pairs(pred_ids, gold_ids, quality)


def score_slots(
    record_type: str,
    predictions: Sequence[dict[str, Any]],
    gold: Sequence[dict[str, Any]],
) -> SlotResult:
    """Slot counts of one record type in one document (gold dicts may carry ``optional``)."""
    res = SlotResult()
    for slot in SLOT_FIELDS[record_type]:
        p_ids = [i for i, r in enumerate(predictions) if slot in record_slots(record_type, r)]
        g_all = [i for i, r in enumerate(gold) if slot in record_slots(record_type, r)]
        g_req = [i for i in g_all if not gold[i].get("optional")]
        g_opt = [i for i in g_all if gold[i].get("optional")]
        pairs = _pair(record_type, slot, predictions, gold, p_ids, g_req)
        left = [i for i in p_ids if i not in {p for p, _ in pairs}]
        neutral = _pair(record_type, slot, predictions, gold, left, g_opt)
        c = SlotCounts(tp=len(pairs))
        c.fp = len(p_ids) - len(pairs) - len(neutral)
        c.fn = len(g_req) - len(pairs)
        res.by_field[slot] = c
    return res
