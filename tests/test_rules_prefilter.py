"""The word-start lookahead only turns away positions no alternative could match."""

from __future__ import annotations

import re

from llmx.rules import lexicon as lx
from llmx.rules.prefilter import alternatives, word_start_lookahead


def test_alternatives_split_at_top_level_only() -> None:
    assert alternatives(r"bo (?:a|b)|[|x]y|\|z") == [r"bo (?:a|b)", "[|x]y", r"\|z"]


def test_lookahead_names_the_first_two_letters() -> None:
    assert word_start_lookahead([r"bo tu phap|\bmoj\b", r"(?<=\bo )cong tac", "$^"]) == (
        "(?=bo|co|mo)"
    )


def test_no_filter_when_an_alternative_may_start_otherwise() -> None:
    assert word_start_lookahead([r"(?:tinh )?nang dong"]) == ""
    assert word_start_lookahead([r"ab?c"]) == ""
    assert word_start_lookahead([r"[ab]c"]) == ""


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
    for plain, filtered in (
        (plain_ministry, lx.MINISTRY_RE),
        (plain_component, lx.KNOWN_COMPONENT_RE),
    ):
        assert filtered.pattern != plain.pattern  # the filter is in place
        got = [(m.span(), m.lastgroup) for m in filtered.finditer(text)]
        assert got == [(m.span(), m.lastgroup) for m in plain.finditer(text)]
        assert got
