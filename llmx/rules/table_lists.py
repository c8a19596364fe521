"""Numbered ranking lists: "1. Bộ Tài chính" lines under "Top 10 xếp hạng DTI năm 2020",
and "6 Lạng Sơn" lines that go on a ranking the text began above: one-column rankings, the
place written before each unit. Used by ``llmx.rules.tables.with_table_results``."""

from __future__ import annotations

import re
from collections import Counter

from llmx.core.document import Document
from llmx.core.gazetteer import get_gazetteer
from llmx.core.textnorm import fold_keep_offsets
from llmx.core.vocab import get_vocab
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


# "Sở Tư pháp – 91,25 điểm", "Quảng Ninh: 72,45", "Hà Nam 88,10", "Bộ Y tế (0,5120)": the
# unit, a dash, a colon, a space or a bracket, and its score alone after it (the unit of
# points written or not) give the item its score too.
_WITH_SCORE = re.compile(
    r"(\S.*?)(?:[ \t]*[–—:-][ \t]*|[ \t]+|[ \t]*\([ \t]*(?=[^)]*\)$))"
    r"(\d{1,3}[.,]\d+[ \t]*(?:điểm|points?|%|percent)?)[ \t]*\)?$",
    re.IGNORECASE,
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
        elif n == 1 or (bare and n > 0) or (n > 0 and _opens_on_unit(text, m)):
            # "61. Khánh Hòa – 80,51%": the foot of a ranking may be listed on its own
            runs.append([m])
    if not bare:
        return [
            r
            for r in runs
            if len(r) >= 2
            and (int(r[0].group(1)) == 1 or all(_opens_on_unit(text, m) for m in r))
        ]
    return [
        r for r in runs if len(r) >= 3 and all(_whole_unit(text, (m.start(2), m.end(2))) for m in r)
    ]


_BARE_NAME = 60  # a unit's name alone on its line is short
_NUMBERED_LINE = re.compile(r"^[ \t]*\d{1,3}[.)][ \t]", re.MULTILINE)  # cheap test first


def _opens_on_unit(text: str, m: re.Match[str]) -> bool:
    """The item's text starts with a unit's name ("Khánh Hòa – 80,51%")."""
    found = find_entities(text, m.start(2), m.end(2))
    return bool(found) and found[0].start == m.start(2)


def _whole_unit(text: str, span: tuple[int, int]) -> bool:
    found = find_entities(text, *span)
    return bool(found) and found[0].start == span[0] and found[0].end == span[1]


def list_results(doc: Document) -> list[tuple[tuple[int, int], list[Candidate]]]:
    """Each numbered ranking list of ``doc`` (its span) with a candidate per item: the
    heading right above names the ranking (an index and a ranking word) and dates it."""
    text = doc.text
    folded = fold_keep_offsets(text)
    out = []
    runs = _list_runs(text) if _NUMBERED_LINE.search(text) else []
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
    taken = [span for span, _ in out]
    for span, recs in keyed_results(doc, folded):
        if not any(a < span[1] and span[0] < b for a, b in taken):
            out.append((span, recs))
    return out


# -- keyed lines -------------------------------------------------------------------------------
# "Lâm Đồng: 88,12 điểm (hạng 10)", "- Đà Nẵng: 0,6523", "• Sở Tư pháp – 91,25 điểm, xếp thứ
# 1": a unit, a colon or dash, its score and maybe its place, one unit a line: a table
# flattened to lines.
_KEYED = re.compile(
    r"^[ \t]*(?:[-–•+*][ \t]*)?(?P<unit>[^\W\d][^:\n–—]{1,60}?)[ \t]*(?::|[ \t][–—-])[ \t]*"
    r"(?P<score>\d{1,3}[.,]\d+)[ \t]*(?P<pct>%|điểm|points?)?"
    r"(?:[ \t]*[(,;][ \t]*(?:xếp[ \t]+|đứng[ \t]+)?(?:hạng|thứ|vị trí|ranked|rank)[ \t]*"
    r"(?P<rank>\d{1,3})(?:[ \t]*/[ \t]*(?P<total>\d{1,3}))?[ \t]*\)?)?[ \t]*[.;,]?[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)


# ... or the place first: "Hạng 1: Ninh Bình (90,12%)", "Thứ 2 – Hà Nam – 89,80 điểm".
_PLACE_KEYED = re.compile(
    r"^[ \t]*(?:[-–•+*][ \t]*)?(?:xếp hạng|hạng|xếp thứ|thứ|vị trí|top|rank|no\.?)[ \t]*"
    r"(?P<rank>\d{1,3})[ \t]*[:.–—-][ \t]*(?P<unit>[^\W\d][^:\n()–—]{1,60}?)"
    r"(?:[ \t]*(?:[(:–—-]|,)[ \t]*(?P<score>\d{1,3}[.,]\d+)[ \t]*(?P<pct>%|điểm|points?)?"
    r"[ \t]*\)?)?[ \t]*[.;,]?[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)


_KEYED_MIN = 2  # lines in a run at least


# What a heading names when its lines are figures of something else than an index's results.
_MEASURES = frozenset({
    "rate", "average", "online_public_service", "online_dossier_rate", "full_online_service",
    "partial_online_service", "online_service_level_3", "online_service_level_4",
    "administrative_procedure",
})  # fmt: skip


def _keyed_runs(text: str, keyed: re.Pattern[str] = _KEYED) -> list[list[re.Match[str]]]:
    """Runs of consecutive keyed lines (blank lines between allowed), each unit whole."""
    runs: list[list[re.Match[str]]] = []
    for m in keyed.finditer(text):
        if not _whole_unit(text, (m.start("unit"), m.end("unit"))):
            continue
        if runs and not text[runs[-1][-1].end() : m.start()].strip():
            runs[-1].append(m)
        else:
            runs.append([m])
    return [r for r in runs if len(r) >= _KEYED_MIN]


def keyed_results(doc: Document, folded: str) -> list[tuple[tuple[int, int], list[Candidate]]]:
    """Each run of keyed lines whose heading names an index (and no metric or component:
    those lines are other figures) with a candidate per line: the unit's score, and its
    place when the line gives it. The heading dates the run, else the text above it (the
    reading then below the cut-off)."""
    text = doc.text
    if not any(mark in text for mark in (":", "–", "—", " - ", ". ")):
        return []
    out = []
    for run in _keyed_runs(text) + _keyed_runs(text, _PLACE_KEYED):
        heading = caption_above(text, run[0].start())
        if heading is None:
            continue
        head = text[heading[0] : heading[1]]
        vocab = get_vocab()
        if vocab.find(head, {"component"}) or vocab.find(head, {"metric"}, labels=_MEASURES):
            continue
        index = index_above(folded, *heading)
        if index is None:
            continue
        year_at = year_above(folded, *heading)
        own = year_at is not None
        if year_at is None:
            above = (max(0, heading[0] - CONTEXT_CHARS), heading[1])
            found_year = [m for m in lx.YEAR_RE.finditer(folded, *above) if m.group(1)]
            year_at = found_year[-1].start(1) if found_year else None
        if year_at is None:
            continue
        year = int(text[year_at : year_at + 4])
        year_evidence = span_evidence(text, heading if own else line_span(text, year_at))
        province_of_doc = province_above(text, 0, heading[0])
        heading_names_province = bool(get_gazetteer().find(head))
        recs: list[Candidate] = []
        for m in run:
            name, level, province = unit_of(text, (m.start("unit"), m.end("unit")))
            level = level or "other"
            got = m.groupdict()
            score, unit = (
                score_cell(got["score"] + (got["pct"] or "")) if got["score"] else (None, None)
            )
            rank = int(got["rank"]) if got["rank"] else None
            total = int(got["total"]) if got.get("total") else None
            if score is None and rank is None:
                continue
            if rank is not None and total is not None and not 0 < rank <= total:
                continue
            scope_named = bool(province) or heading_names_province or not below_province(level)
            line = (m.start(), m.end())
            while text[line[0]] in " \t":
                line = (line[0] + 1, line[1])
            recs.append(("index_results", {
                "entity": name, "entity_level": level, "index": index, "component": None,
                "year": year, "score": score, "score_unit": unit, "rank": rank,
                "rank_total": total, "rank_change": None, "score_change": None,
                "scope": scope_of(level, province or province_of_doc), "is_target": False,
                "confidence": LIST_CONFIDENCE if own and scope_named else _ITEM_WITH_MORE,
                "evidence": span_evidence(text, line),
                "field_evidence": {"year": year_evidence},
            }))  # fmt: skip
        if recs:
            out.append(((run[0].start(), run[-1].end()), recs))
    return out


# The patterns above, with the first-character guard and the required-text filter
# (llmx.core.scanre): same matches, fewer tries.
from llmx.core.scanre import guard_patterns  # noqa: E402 - after the patterns it guards

guard_patterns(globals())
