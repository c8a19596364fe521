"""The scans and answers the rules share between readers of one sentence
(``scanre.all_matches``, the cache on ``metric_averages.index_in``): each reader gets what its
own scan would have found, whatever was asked before, on sentences written for these tests."""

from __future__ import annotations

import re

from support.index_facts import facts

from llmx.core.scanre import all_matches
from llmx.core.textnorm import fold_keep_offsets
from llmx.rules import lexicon as lx
from llmx.rules.extractor import compared_years, measured_years
from llmx.rules.metric_averages import index_in

_A = fold_keep_offsets("Năm 2024, tỉnh Hòa Bình xếp thứ 12/63, tăng 5 bậc so với năm 2023.")
_B = fold_keep_offsets("Năm 2021, điểm số tăng từ 70,5 điểm lên 75,2 điểm so với năm 2020.")
_C = fold_keep_offsets("Chỉ số PAPI năm 2022 của tỉnh tăng mạnh.")


def _spans(ms) -> list[tuple]:
    return [(m.span(), m.groups()) for m in ms]


def test_shared_matches_are_the_patterns_own_for_every_text_in_turn():
    plain = re.compile(r"nam (\d{4})")
    for text in (_A, _B, _A, _C, "", _B):
        # an equal string built anew gets the same matches as the one first asked about
        for same in (text, "".join(list(text))):
            assert _spans(all_matches(plain, same)) == _spans(plain.finditer(same))
            got = all_matches(lx.COMPARISON_YEAR_RE, same)
            assert _spans(got) == _spans(lx.COMPARISON_YEAR_RE.finditer(same))
            assert all(m.string == same for m in got)


def test_years_compared_and_measured_whichever_is_read_first():
    for first in ("measured", "compared"):
        for f, measured, compared in ((_A, [2024], (2023,)), (_B, [2021], (2020,))):
            if first == "compared":
                assert compared_years(f) == compared
            assert [y for _, y in measured_years(f)] == measured
            assert compared_years(f) == compared


def test_first_index_of_each_sentence_in_turn():
    for _ in range(2):
        assert index_in(_C) == "PAPI"
        assert index_in(_A) is None
        assert index_in(fold_keep_offsets("Chỉ số SIPAS của tỉnh đạt 85%.")) == "SIPAS"


def test_two_sentences_each_keep_their_own_years_and_moves():
    got = facts(
        "Năm 2024, tỉnh Hòa Bình xếp thứ 12/63 về Chỉ số CCHC, tăng 5 bậc so với năm 2023.\n\n"
        "Năm 2022, tỉnh Hòa Bình xếp thứ 20/63 về Chỉ số CCHC, giảm 3 bậc so với năm 2021."
    )
    assert ("Hòa Bình", "PAR_INDEX", None, 2024, None, 12, 63, 5) in got
    assert ("Hòa Bình", "PAR_INDEX", None, 2022, None, 20, 63, -3) in got
