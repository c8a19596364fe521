"""One record per fact: index-result candidates of the same (entity, index, component, year,
scope) are merged when their values agree, and restatements are dropped.

A merged record's quote spans the sentences it was read from while that stays short (two
neighbouring sentences, not a paragraph). Further apart, the record keeps the first quote and
each value the later sentence adds carries that sentence as its own quote (``field_evidence``,
eval/CONVENTIONS.md): one record per fact, each value readable from where it was read."""

from __future__ import annotations

from typing import Any

_KEY = ("entity", "entity_level", "index", "component", "year", "scope", "is_target")
_VALUES = ("score", "rank", "rank_total", "rank_change", "score_change")
MAX_QUOTE = 480  # characters a merged quote may span
MAX_GAP = 160  # characters between the two quotes
# The working key of a candidate whose subject the sentence leaves in doubt (set by the
# extractor, which rejects it): it neither lends its values to a fact nor takes its place.
DOUBT_KEY = "_doubt"


def _key(data: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(data.get(k) for k in _KEY)


def _subset(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Every value ``a`` states, ``b`` states the same."""
    return all(a.get(f) is None or a.get(f) == b.get(f) for f in _VALUES)


def _compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return all(a.get(f) is None or b.get(f) is None or a.get(f) == b.get(f) for f in _VALUES)


def _span(text: str, a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any] | None:
    ea, eb = a["evidence"], b["evidence"]
    start, end = min(ea["start"], eb["start"]), max(ea["end"], eb["end"])
    gap = max(ea["start"], eb["start"]) - min(ea["end"], eb["end"])
    if end - start > MAX_QUOTE or gap > MAX_GAP:
        return None
    return {"quote": text[start:end], "start": start, "end": end}


def merge_facts(
    text: str, candidates: list[tuple[str, dict[str, Any]]]
) -> list[tuple[str, dict[str, Any]]]:
    """``candidates`` in document order, index results merged per fact (see module doc)."""
    out: list[tuple[str, dict[str, Any]]] = []
    by_key: dict[tuple[Any, ...], list[int]] = {}
    for kind, data in candidates:
        if kind != "index_results":
            out.append((kind, data))
            continue
        if data.get(DOUBT_KEY):
            out.append((kind, data))  # kept apart, to be rejected with its reason
            continue
        key = _key(data)
        placed = False
        for i in by_key.get(key, []):
            kept = out[i][1]
            if _subset(data, kept):
                placed = True  # a restatement of a fact already recorded
                break
            if _subset(kept, data):
                out[i] = (kind, data)  # the later sentence says all the earlier one did
                placed = True
                break
            if _compatible(kept, data):
                evidence = _span(text, kept, data)
                merged = {**kept, "evidence": evidence or kept["evidence"]}
                added = {}
                for f in _VALUES:
                    if merged.get(f) is None and data.get(f) is not None:
                        merged[f] = data[f]
                        added[f] = data["evidence"]
                if evidence is None:
                    # far apart: each added value is read from its own sentence
                    own = {**kept.get("field_evidence", {}), **added}
                    merged["field_evidence"] = own
                if merged.get("score_unit") is None:
                    merged["score_unit"] = data.get("score_unit")
                out[i] = (kind, merged)
                placed = True
                break
        if not placed:
            by_key.setdefault(key, []).append(len(out))
            out.append((kind, data))
    return out
