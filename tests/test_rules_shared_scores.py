"""A score two named units share ("Lai Châu và Điện Biên cùng đạt 91,5%", "Lai Chau and
Dien Bien both scored 85.4 points") belongs to each of them, as a shared place does (issue
10). Invented sentences; a list with no word of sharing is left as it is."""

from __future__ import annotations

import pytest
from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def scores(text: str) -> set[tuple[str, float | None]]:
    out = RulesExtractor().extract(make_doc(text))
    return {(r.entity, r.score) for r in out.extraction.index_results}


SHARED = {
    "Trong Chỉ số SIPAS 2023, Lai Châu và Điện Biên cùng đạt 91,5%.": 91.5,
    "Trong Chỉ số CCHC 2023, Lai Châu và Điện Biên đều đạt 85,4%.": 85.4,
    "In the PAR Index 2023, Lai Chau and Dien Bien both scored 85.4 points.": 85.4,
}


@pytest.mark.parametrize("text", list(SHARED))
def test_shared_score_reaches_each_unit(text: str) -> None:
    got = scores(text)
    assert {("Lai Châu", SHARED[text]), ("Điện Biên", SHARED[text])} <= got, got


def test_no_word_of_sharing_no_copy() -> None:
    got = scores("Trong Chỉ số CCHC 2023, Lai Châu và Điện Biên đạt lần lượt 85,4% và 86,1%.")
    assert ("Lai Châu", 86.1) not in got and ("Điện Biên", 85.4) not in got, got
