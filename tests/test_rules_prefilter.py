"""The word-start lookahead only turns away positions no alternative could match."""

from __future__ import annotations

import re

from llmx.rules import lexicon as lx
from llmx.rules.prefilter import alternatives, word_start_lookahead


def test_alternatives_split_at_top_level_only() -> None:
    assert alternatives(r"bo (?:a|b)|[|x]y|\|z") == [r"bo (?:a|b)", "[|x]y", r"\|z"]


def test_lookahead_names_the_literal_start_of_each_alternative() -> None:
    # Up to six literal characters; a quantified last character is left out ("mo" of "moj?").
    assert word_start_lookahead([r"bo tu phap|\bmoj?\b", r"(?<=\bo )cong tac", "$^"]) == (
        r"(?=(?:bo\ tu\ |cong\ t|mo))"
    )


def test_leading_groups_are_opened() -> None:
    assert word_start_lookahead([r"(?:tinh )?nang dong"]) == r"(?=(?:nang\ d|tinh\ n))"
    assert word_start_lookahead([r"(?P<a>chi so|bo chi so) pci"]) == r"(?=(?:bo\ chi|chi\ so))"
    # A head that another starts with is implied by it.
    assert word_start_lookahead([r"kinh te|kinh te so"]) == r"(?=kinh\ t)"
    # Heads that share their first letters share them in the lookahead too (a trie).
    assert word_start_lookahead([r"bo noi vu|bo tu phap"]) == r"(?=bo\ (?:noi|tu\ ))"  # six letters


def test_no_filter_when_an_alternative_may_start_otherwise() -> None:
    assert word_start_lookahead([r"ab?c"]) == ""
    assert word_start_lookahead([r"[ab]c"]) == ""
    assert word_start_lookahead([r"(?:ab)*cd"]) == ""
    assert word_start_lookahead([r"(?:ab|[cd]e)f"]) == ""


def test_filtered_patterns_match_as_the_plain_alternation() -> None:
    text = (
        "so voi bo tu phap va ministry of justice, moj, bo tn & mt; ngan hang nha nuoc viet nam "
        "chinh quyen so dung thu 3, o cong tac cai cach hanh chinh, tinh nang dong va tien phong, "
        "dich vu ho tro doanh nghiep, e-governance, nang dong, tien phong"
    )
    plain_ministry = re.compile(
        r"\b(?:" + "|".join(f"(?P<m{i}>{p})" for i, (_, p) in enumerate(lx.MINISTRIES)) + ")"
    )
    plain_component = re.compile(
        r"\b(?:"
        + "|".join(
            f"(?P<v{i}>{vi})|(?P<e{i}>{en})" for i, (_, vi, en) in enumerate(lx.KNOWN_COMPONENTS)
        )
        + ")"
    )
    plain_index = re.compile(
        r"\b(?:" + "|".join(f"(?P<i{i}>{p})" for i, (p, _) in enumerate(lx.INDEX_PATTERNS)) + ")"
    )
    text += ", bo chi so phuc vu nguoi dan va doanh nghiep, chi so sipas, chi so par index, pci"
    for plain, filtered in (
        (plain_ministry, lx.MINISTRY_RE),
        (plain_component, lx.KNOWN_COMPONENT_RE),
        (plain_index, lx.INDEX_ANY_RE),
    ):
        assert filtered.pattern != plain.pattern  # the filter is in place
        got = [(m.span(), m.lastgroup) for m in filtered.finditer(text)]
        assert got == [(m.span(), m.lastgroup) for m in plain.finditer(text)]
        assert got


def test_filtered_patterns_match_as_the_plain_alternation_over_the_seeds() -> None:
    from pathlib import Path

    from llmx.core.textnorm import fold_keep_offsets

    seeds = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
    assert seeds
    plain = re.compile(
        r"\b(?:" + "|".join(f"(?P<i{i}>{p})" for i, (p, _) in enumerate(lx.INDEX_PATTERNS)) + ")"
    )
    found = 0
    for path in seeds:
        folded = fold_keep_offsets(path.read_text(encoding="utf-8"))
        got = [(m.span(), m.lastgroup) for m in lx.INDEX_ANY_RE.finditer(folded)]
        assert got == [(m.span(), m.lastgroup) for m in plain.finditer(folded)]
        found += len(got)
    assert found
