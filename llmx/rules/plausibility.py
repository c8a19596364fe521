"""Values that cannot be right: a candidate record failing one of these checks is rejected with
the reason, never stored (a confident wrong record is worse than none)."""

from __future__ import annotations

import datetime
from typing import Any

# The top of each index's scale, by its unit: PAPI is scored out of 80, the others out of 100
# (percent or points); DTI is published on a 0-1 scale, so a DTI score above 1 that is not a
# percent is a misread too.
_MAX_SCORE = {"PAPI": 80.0}
_DEFAULT_MAX = 100.0
_UNKNOWN_ENTITY = "không rõ"
FIRST_YEAR = 2005


def unit_scale_indices(candidates: list[tuple[str, dict[str, Any]]]) -> set[str]:
    """Indices a document scores on the 0-1 scale (DTI: "0,7352 điểm"): any score of theirs
    above 1 in the same document is then a misread."""
    return {
        str(d.get("index"))
        for k, d in candidates
        if k == "index_results"
        and d.get("index") == "DTI"
        and d.get("score") is not None
        and 0 < d["score"] <= 1
    }


def implausible(
    kind: str,
    data: dict[str, Any],
    rank_pair: tuple[int, int] | None = None,
    unit_scale: frozenset[str] | set[str] = frozenset(),
) -> str | None:
    """Why ``data`` (a candidate of record type ``kind``) cannot be right, or None.
    ``rank_pair`` is (from, to) when the text stated both ends of a move; ``unit_scale`` the
    indices the document scores on 0-1 (``unit_scale_indices``)."""
    if data.get("entity") in (None, "", _UNKNOWN_ENTITY):
        return "no entity is named for this figure"
    year = data.get("year")
    last_year = datetime.date.today().year + 1
    if year is not None and (year < FIRST_YEAR or (year > last_year and not data.get("is_target"))):
        return f"year {year} is outside {FIRST_YEAR}-{last_year}"
    if kind != "index_results":
        return None
    if data.get("entity_level") == "nation":
        return "a national figure is a metric of Việt Nam, not a ranked result"
    if data.get("scope") == f"province:{data.get('entity')}":
        return "a province is not ranked within itself (the ranked unit was not recognised)"
    rank, total = data.get("rank"), data.get("rank_total")
    if rank is not None and (rank < 1 or (total is not None and rank > total)):
        return f"rank {rank} is outside 1..{total}"
    score = data.get("score")
    index = data.get("index")
    if score is not None:
        top = _MAX_SCORE.get(index or "", _DEFAULT_MAX)
        if data.get("score_unit") == "percent":
            top = 100.0
        if score < 0 or score > top:
            return f"score {score} is outside the {index} scale (0-{top:g})"
        if index in unit_scale and data.get("score_unit") != "percent" and score > 1:
            return f"score {score} is above 1 where the document scores {index} on 0-1"
    change = data.get("rank_change")
    if rank_pair is not None and change is not None and change != rank_pair[0] - rank_pair[1]:
        return f"rank change {change} contradicts the move from {rank_pair[0]} to {rank_pair[1]}"
    if rank is not None and change is not None and total is not None and rank + change > total:
        return f"rank {rank} after a rise of {change} means a start below the last place {total}"
    return None
