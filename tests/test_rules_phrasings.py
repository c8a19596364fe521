"""Phrasings of a ranking the rules read in any wording, unit, order or language: each class
is checked on several sentences written for these tests (other units, other numbers), so a
rule is a phrasing and never one passage."""

from __future__ import annotations

import re

import pytest
from support.documents import make_doc

from llmx.core.textnorm import fold
from llmx.core.vocab import get_vocab
from llmx.rules import lexicon as lx
from llmx.rules.extractor import RulesExtractor


def _facts(text: str) -> set[tuple]:
    got = RulesExtractor().extract(make_doc(text)).extraction.index_results
    return {(r.entity, r.year, r.score, r.rank, r.rank_total, r.rank_change) for r in got}


# ---- leader words come from the vocabulary --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Chỉ số CCHC năm 2022 của các bộ: Bộ Tư pháp xếp đầu trong 17 bộ, ngành.",
            ("Bộ Tư pháp", 2022, None, 1, 17, None),
        ),
        (
            "Về Chỉ số PAPI năm 2021, tỉnh Bến Tre xếp đầu cả nước với 46,9 điểm.",
            ("Bến Tre", 2021, 46.9, 1, None, None),
        ),
        (
            "Chỉ số SIPAS năm 2020, Sở Nội vụ xếp đầu trong 19 sở, ngành của tỉnh Nam Định.",
            ("Sở Nội vụ", 2020, None, 1, 19, None),
        ),
    ],
)
def test_xep_dau_reads_as_first_place(text: str, fact: tuple) -> None:
    assert fact in _facts(text)


def test_every_vietnamese_word_leader_of_the_vocabulary_is_a_rules_leader() -> None:
    # One home: a leader phrasing added to rank.toml is read by the extractor too.
    words = [
        e
        for e in get_vocab().entries
        if e.kind == "leader" and e.lang == "vi" and e.label == "leader"
        and not re.search(r"\d", e.pattern)
    ]  # fmt: skip
    assert words
    for e in words:
        for example in e.examples:
            assert lx.LEADER_RE.search(fold(example)), example
    assert not lx.LEADER_RE.search("nguoi dung dau co quan")
