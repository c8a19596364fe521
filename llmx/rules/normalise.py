"""The rules' scope and year normalisation for index results found by another reader (a
model): the same cues the rules extractor reads, applied to a record's quote and to the
document's lead, so that an LLM record and a rules record of one sentence agree.

- scope: a quote that ranks among all provinces ("xếp thứ 4/63", "cả nước", "toàn quốc",
  ``lexicon.NATIONAL_RE``) and not within one province (``lexicon.PROVINCE_SCOPE_RE``) is
  ``national``, whatever scope the model wrote;
- year: a record without one takes the year its quote measures (``measured_years``:
  comparison years and dates left out), else the edition the lead names ("Chỉ số CCHC năm
  2022"), else the period the lead reports on (``lead_period_year``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from llmx.core.textnorm import fold_keep_offsets
from llmx.rules import lexicon as lx
from llmx.rules.extractor import _edition_year as edition_year
from llmx.rules.extractor import measured_years
from llmx.rules.metrics import lead_period_year

_LEAD_CHARS = 600  # how far the rules read a lead for its year (extractor, metrics)


def quote_scope(quote: str) -> str | None:
    """``national`` when the quote ranks among the country's provinces and not within one
    province; None when it says neither (the model's scope then stands)."""
    folded = fold_keep_offsets(quote)
    if lx.NATIONAL_RE.search(folded) and not lx.PROVINCE_SCOPE_RE.search(folded):
        return "national"
    return None


@lru_cache(maxsize=64)
def lead_year(text: str) -> int | None:
    """The year the document's lead dates its undated figures with (edition, else period)."""
    head = fold_keep_offsets(text[:_LEAD_CHARS])
    return edition_year(None, head) or lead_period_year(head)


def normalise_index_fields(fields: dict[str, Any], quote: str, text: str) -> dict[str, Any]:
    """``fields`` of one index result with the rules' scope and year applied (a copy)."""
    out = dict(fields)
    scope = quote_scope(quote)
    if scope is not None:
        out["scope"] = scope
    if out.get("year") is None:
        years = measured_years(fold_keep_offsets(quote))
        out["year"] = years[0][1] if years else lead_year(text)
    return out
