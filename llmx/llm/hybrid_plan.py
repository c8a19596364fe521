"""Which spans of a document the hybrid backend asks the model about (``plan_asks``), so that
requests per document stay few:

1. rules records that agreement can lift across the cut-off (``hybrid_policy.liftable``),
   one request per record (its evidence and the subject; a small model asked for several
   subjects at once answers for the first only);
2. sentences that name an index and hold a number no rules index result used (a year
   aside), asked for every result they state; not in headings, which the rules skip
   because they restate the body (``extractor.is_heading``: one home for what a heading is);
3. the other rules records below the high band (``worth_asking``), confident ones first.

At most ``policy.max_asks`` per document, returned in document order.
"""

from __future__ import annotations

from collections.abc import Sequence

from llmx.core.numbers import find_numbers
from llmx.core.records import DEFAULT_CONFIDENCE, IndexResult
from llmx.core.sentences import paragraphs, sentences
from llmx.core.textnorm import fold_keep_offsets
from llmx.llm.grounding_guard import MAX_QUOTE_CHARS
from llmx.llm.hybrid_policy import POLICY, Policy, liftable, worth_asking
from llmx.llm.hybrid_reading import VALUE_FIELDS, Ask
from llmx.rules import lexicon as lx
from llmx.rules.extractor import is_heading

_LIFTABLE, _UNUSED_NUMBERS, _CONFIDENT, _OTHER_RECORDS = 0, 1, 2, 3


def record_span(r: IndexResult) -> tuple[int, int]:
    """The stretch of text that holds all of a record's values: its evidence and, for
    values read from another sentence, theirs."""
    spans = [r.evidence, *r.field_evidence.values()]
    return min(e.start for e in spans), max(e.end for e in spans)


def _is_year(value: float) -> bool:
    return value.is_integer() and 1990 <= value <= 2100


def _names_index(sentence: str) -> bool:
    folded = fold_keep_offsets(sentence)
    return any(rx.search(folded) for rx, _ in lx.INDEX_RE)


def _used_values(results: Sequence[IndexResult], start: int, end: int) -> set[float]:
    """Values of the rules records whose evidence overlaps ``[start, end)``."""
    used: set[float] = set()
    for r in results:
        s, e = record_span(r)
        if s < end and start < e:
            used |= {abs(float(v)) for f in VALUE_FIELDS if (v := getattr(r, f)) is not None}
    return used


def _unused_number(text: str, start: int, end: int, used: set[float]) -> bool:
    return any(not _is_year(n.value) and n.value not in used for n in find_numbers(text[start:end]))


def plan_asks(text: str, results: Sequence[IndexResult], policy: Policy = POLICY) -> list[Ask]:
    """The requests for one document (module docstring)."""
    ranked: list[tuple[int, float, Ask]] = []
    for i, r in enumerate(results):
        start, end = record_span(r)
        if not worth_asking(r, policy) or end - start > MAX_QUOTE_CHARS:
            continue
        c = r.confidence if r.confidence is not None else 0.0
        rank = (
            _LIFTABLE if liftable(r, policy)
            else _CONFIDENT if c >= DEFAULT_CONFIDENCE
            else _OTHER_RECORDS
        )  # fmt: skip
        ranked.append((rank, -c, Ask(start, end, (i,))))
    for para in paragraphs(text):
        if is_heading(para.of(text)):
            continue
        for sent in sentences(text, para.start, para.end):
            if sent.end - sent.start > MAX_QUOTE_CHARS:
                continue
            if any(a.start < sent.end and sent.start < a.end for _, _, a in ranked):
                continue  # already asked, with its rules records as subjects
            if not _names_index(sent.of(text)):
                continue
            used = _used_values(results, sent.start, sent.end)
            if _unused_number(text, sent.start, sent.end, used):
                ranked.append((_UNUSED_NUMBERS, 0.0, Ask(sent.start, sent.end, ())))
    ranked.sort(key=lambda ra: (ra[0], ra[1], ra[2].start, ra[2].end, ra[2].records))
    chosen = [a for _, _, a in ranked[: policy.max_asks]]
    return sorted(chosen, key=lambda a: (a.start, a.end, a.records))
