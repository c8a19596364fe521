"""Numbered ranking lists: "1. Bộ Tài chính" lines under "Top 10 xếp hạng DTI năm 2020",
and "6 Lạng Sơn" lines that go on a ranking the text began above: one-column rankings, the
place written before each unit. Used by ``llmx.rules.tables.with_table_results``."""

from __future__ import annotations

import re
from collections import Counter

from llmx.core.document import Document
from llmx.core.gazetteer import get_gazetteer
from llmx.core.textnorm import fold_keep_offsets
from llmx.rules import lexicon as lx
from llmx.rules.entities import find_entities
from llmx.rules.table_cells import score_cell
from llmx.rules.table_context import (
    CONTEXT_CHARS,
    ROW_CONFIDENCE,
    Candidate,
    below_province,
    index_above,
    line_span,
    province_above,
    scope_of,
    span_evidence,
    unit_of,
    year_above,
)
from llmx.rules.table_text import caption_above

# -- numbered ranking lists ------------------------------------------------------------------
# "Top 10 xếp hạng DTI năm 2020 cấp bộ" over lines "1. Bộ Tài chính", "2. Ngân hàng Nhà nước":
# a one-column ranking, the place written before each unit.
_LIST_ITEM = re.compile(r"[ \t]*(\d{1,3})[.)][ \t]+(\S[^\n]*?)[ \t]*$", re.MULTILINE)


# ... or "6 Lạng Sơn": the place and the unit alone on the line, the unit's whole name; such a
# list may go on from places the text gave before ("các vị trí tiếp theo … là: 6 …").
_BARE_ITEM = re.compile(r"^[ \t]*(\d{1,3})[ \t]+([^\W\d][^\n]*?)[ \t]*$", re.MULTILINE)


_RANKING_WORDS = re.compile(r"\b(?:xep hang|bang xep hang|top|ranking|rankings|ranked|dan dau)\b")


LIST_CONFIDENCE = ROW_CONFIDENCE  # each line names its place and its unit, nothing else


_ITEM_WITH_MORE = 0.6  # a line that holds more than its unit: what else it says is not read


# "Sở Tư pháp – 91,25 điểm", "Quảng Ninh: 72,45": the unit, a dash or colon, and its score
# alone after it (the unit of points written or not) give the item its score too.
_WITH_SCORE = re.compile(
    r"(\S.*?)[ \t]*[–—:-][ \t]*(\d{1,3}[.,]\d+[ \t]*(?:điểm|points?)?)[ \t]*$", re.IGNORECASE
)


def _list_runs(text: str, item: re.Pattern[str] = _LIST_ITEM) -> list[list[re.Match[str]]]:
    """Runs of consecutive lines "N. text" numbered 1, 2, 3, … (blank lines between allowed);
    of ``_BARE_ITEM`` lines, runs of three or more from any place on, each line's text a
    short, whole unit name (checked last: the numbering alone turns most lines away)."""
    bare = item is _BARE_ITEM
    runs: list[list[re.Match[str]]] = []
    for m in item.finditer(text):
        n = int(m.group(1))
        if bare and m.end(2) - m.start(2) > _BARE_NAME:
            continue
        if (
            runs
            and int(runs[-1][-1].group(1)) == n - 1
            and not text[runs[-1][-1].end() : m.start()].strip()
        ):
            runs[-1].append(m)
        elif n == 1 or (bare and n > 0):
            runs.append([m])
    if not bare:
        return [r for r in runs if len(r) >= 2]
    return [
        r for r in runs if len(r) >= 3 and all(_whole_unit(text, (m.start(2), m.end(2))) for m in r)
    ]


_BARE_NAME = 60  # a unit's name alone on its line is short


def _whole_unit(text: str, span: tuple[int, int]) -> bool:
    found = find_entities(text, *span)
    return bool(found) and found[0].start == span[0] and found[0].end == span[1]


def list_results(doc: Document) -> list[tuple[tuple[int, int], list[Candidate]]]:
    """Each numbered ranking list of ``doc`` (its span) with a candidate per item: the
    heading right above names the ranking (an index and a ranking word) and dates it."""
    text = doc.text
    folded = fold_keep_offsets(text)
    out = []
    runs = _list_runs(text) if "1." in text or "1)" in text else []
    for run in runs + _list_runs(text, _BARE_ITEM):
        heading = caption_above(text, run[0].start())
        if heading is None or not _RANKING_WORDS.search(folded, *heading):
            continue
        # The heading names the ranking and dates it; else the text above it does (its
        # reading then below the cut-off: the heading is not the list's own title).
        above = (max(0, heading[0] - CONTEXT_CHARS), heading[1])
        index = index_above(folded, *heading)
        year_at = year_above(folded, *heading)
        own = index is not None and year_at is not None
        if not own:
            index = index or index_above(folded, *above)
            if year_at is None:
                found_year = [m for m in lx.YEAR_RE.finditer(folded, *above) if m.group(1)]
                year_at = found_year[-1].start(1) if found_year else None
        if index is None or year_at is None:
            continue
        year = int(text[year_at : year_at + 4])
        line_of_year = line_span(text, year_at) if not own else heading
        year_evidence = span_evidence(text, line_of_year)
        items = []
        for m in run:
            name_span = (m.start(2), m.end(2))
            scored: tuple[float | None, str | None] = (None, None)
            with_score = _WITH_SCORE.fullmatch(m.group(2))
            if with_score is not None:
                scored = score_cell(with_score.group(2))
                name_span = (m.start(2), m.start(2) + with_score.end(1))
            found = find_entities(text, *name_span)
            whole = bool(found) and found[0].start == name_span[0] and found[0].end == name_span[1]
            name, level, province = unit_of(text, name_span)
            items.append((m, name, level, province, whole, scored))
        levels = Counter(level for _, _, level, _, _, _ in items if level is not None)
        usual = min(levels, key=lambda lv: (-levels[lv], lv)) if levels else "other"
        province_of_doc = province_above(text, 0, heading[0])
        # Departments or districts whose province neither their line nor the heading names
        # take the one named last above, which may belong to another list: their scope is a
        # guess, so they stay below the cut-off.
        heading_names_province = bool(get_gazetteer().find(text[heading[0] : heading[1]]))
        found_recs: list[Candidate] = []
        for m, name, level, province, whole, (score, score_unit) in items:
            level = level or usual
            scope_named = bool(province) or heading_names_province or not below_province(level)
            line = (m.start(), m.end())
            found_recs.append(("index_results", {
                "entity": name, "entity_level": level, "index": index, "component": None,
                "year": year, "score": score, "score_unit": score_unit, "rank": int(m.group(1)),
                "rank_total": None, "rank_change": None, "score_change": None,
                "scope": scope_of(level, province or province_of_doc), "is_target": False,
                "confidence": LIST_CONFIDENCE if whole and own and scope_named else _ITEM_WITH_MORE,
                "evidence": {"quote": text[line[0] : line[1]], "start": line[0], "end": line[1]},
                "field_evidence": {"year": year_evidence},
            }))  # fmt: skip
        out.append(((run[0].start(), run[-1].end()), found_recs))
    return out


# The patterns above, with the first-character guard and the required-text filter
# (llmx.core.scanre): same matches, fewer tries.
from llmx.core.scanre import guard_patterns  # noqa: E402 - after the patterns it guards

guard_patterns(globals())
