"""Index-result phrasings met in newer reporting (invented sentences, not from any corpus):
an earlier place in brackets after the current one, an ordinal word after a name told by its
total. Expected records follow eval/CONVENTIONS.md."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor

Fact = tuple[str, str, str | None, int | None, float | None, int | None, int | None, int | None]


def facts(text: str) -> set[Fact]:
    out = RulesExtractor().extract(make_doc(text))
    got = set()
    for r in out.extraction.index_results:
        assert text[r.evidence.start : r.evidence.end] == r.evidence.quote
        got.add((r.entity, r.index, r.component, r.year, r.score, r.rank, r.rank_total,
                 r.rank_change))  # fmt: skip
    return got


def test_bracketed_earlier_place_is_its_own_year_and_the_move() -> None:
    text = (
        "In the PCI 2021 rankings, Ninh Thuan scored 66.2 points. "
        "That result puts Ninh Thuan seventh out of 63 provinces (it was 29/63 in 2020). "
        "Its sub-index scores were: time costs 7.10 points; informal charges 6.35 points."
    )
    assert facts(text) == {
        ("Ninh Thuận", "PCI", None, 2021, 66.2, 7, 63, 22),
        ("Ninh Thuận", "PCI", None, 2020, None, 29, 63, None),
        # the bracketed year dates only the earlier place, not the sentences after it
        ("Ninh Thuận", "PCI", "time costs", 2021, 7.1, None, None, None),
        ("Ninh Thuận", "PCI", "informal charges", 2021, 6.35, None, None, None),
    }


def test_bracketed_year_without_a_place_is_not_an_earlier_place() -> None:
    text = (
        "Ninh Thuan ranked seventh out of 63 provinces in the PCI 2021 "
        "(the survey began in 2020)."
    )
    got = facts(text)
    assert all(f[3] != 2020 for f in got)
    assert any(f[5] == 7 and f[6] == 63 and f[7] is None for f in got)


def test_ordinal_word_after_a_name_needs_its_total() -> None:
    assert not any(
        f[5] == 7 for f in facts("In the PCI 2021, officials in Ninh Thuan seventh ward met.")
    )
