"""The chars-per-token estimate that sizes chunks: Vietnamese runs at 3.2-3.6 characters per
token, so the estimate must not undercount a budget's room (3 did) nor overrun it."""

from __future__ import annotations

from llmx.llm.chunking import chars_for, estimate_tokens


def test_a_budget_holds_at_least_3_2_characters_per_token():
    assert chars_for(1000) >= 3200
    assert chars_for(1000) <= 3600  # the measured upper end: beyond it a request overflows


def test_the_estimate_and_the_room_agree():
    text = "Chỉ số cải cách hành chính của tỉnh đạt 88,54 điểm. " * 40
    assert estimate_tokens(text[: chars_for(500)]) <= 501
    assert estimate_tokens(text) == int(len(text) / 3.2) + 1
