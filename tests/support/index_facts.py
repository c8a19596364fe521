"""The rules extractor's index results for a text written in a test, as comparable tuples."""

from __future__ import annotations

from llmx.rules.extractor import RulesExtractor
from support.documents import make_doc

# (entity, index, component, year, score, rank, rank_total, rank_change)
Fact = tuple[str, str, str | None, int | None, float | None, int | None, int | None, int | None]


def facts(text: str) -> set[Fact]:
    """Every index result of `text`, after checking each one's quote is its own span."""
    out = RulesExtractor().extract(make_doc(text))
    got = set()
    for r in out.extraction.index_results:
        assert text[r.evidence.start : r.evidence.end] == r.evidence.quote
        got.add((r.entity, r.index, r.component, r.year, r.score, r.rank, r.rank_total,
                 r.rank_change))  # fmt: skip
    return got
