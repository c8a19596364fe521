"""English sub-scores under a quoted name the vocabulary does not know (issue 10): the
quotes and a word that says a field follows ("the “X” component", "indicator “X”") or a
value verb right after them ("“X” scored 9.1/10 points") make X a component, kept as written
(eval/CONVENTIONS.md). Invented sentences; a quoted phrase with no such word is no field."""

from __future__ import annotations

import pytest
from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor

# (component, score, rank)
Part = tuple[str | None, float | None, int | None]


def parts(text: str) -> set[Part]:
    out = RulesExtractor().extract(make_doc(text))
    return {(r.component, r.score, r.rank) for r in out.extraction.index_results}


LEAD = "Ha Giang ranked 30th in the PAR Index 2023. "

QUOTED: dict[str, Part] = {
    LEAD + 'The "Feedback Handling and Dialogue" component scored 7.45/9 points.': (
        "Feedback Handling and Dialogue", 7.45, None
    ),
    LEAD + '"Feedback Handling and Dialogue" scored 7.45/9 points, ranking 12th out of 63 '
    "provinces.": ("Feedback Handling and Dialogue", 7.45, 12),
    LEAD + 'On the indicator "Feedback Handling and Dialogue", the province scored 7.45 points.': (
        "Feedback Handling and Dialogue", 7.45, None
    ),
}


@pytest.mark.parametrize("text", list(QUOTED))
def test_quoted_field_named_by_a_cue(text: str) -> None:
    got = parts(text)
    assert QUOTED[text] in got, got


def test_quoted_phrase_without_a_cue_is_no_field() -> None:
    text = LEAD + 'The governor called the index a "policy compass" and said it scored 7.45 points.'
    got = parts(text)
    assert not any(c == "policy compass" for c, _, _ in got), got
