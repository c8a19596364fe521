"""The rules extractor's metrics for a text written in a test, as comparable tuples."""

from __future__ import annotations

from llmx.rules.extractor import RulesExtractor
from support.documents import make_doc


def metrics(text: str, title: str | None = None) -> list[tuple[str, str, float, int | None]]:
    """(entity, name, value, year) of every metric, after checking each quote is its own span."""
    out = RulesExtractor().extract(make_doc(text, title=title))
    for m in out.extraction.metrics:
        assert text[m.evidence.start : m.evidence.end] == m.evidence.quote
    return [(m.entity, m.name, m.value, m.year) for m in out.extraction.metrics]
