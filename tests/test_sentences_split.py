"""Sentence splitting (llmx.core.sentences): where a full stop ends a sentence and where it
abbreviates (invented sentences)."""

from __future__ import annotations

import pytest

from llmx.core.sentences import sentences


def split(text: str) -> list[str]:
    return [s.of(text) for s in sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "No." before a number is "number", not a sentence end
        (
            "Hai Duong came in at No. 20 in the PCI rankings. It was 25th a year earlier.",
            ["Hai Duong came in at No. 20 in the PCI rankings.", "It was 25th a year earlier."],
        ),
        # elsewhere "No." may end a sentence
        ("The answer was No. The index rose.", ["The answer was No.", "The index rose."]),
        # abbreviated unit types before a name stay in the sentence
        (
            "TX. Sa Pa đạt 85,2 điểm. TP. Lào Cai đứng đầu.",
            ["TX. Sa Pa đạt 85,2 điểm.", "TP. Lào Cai đứng đầu."],
        ),
    ],
)
def test_a_full_stop_ends_a_sentence_unless_it_abbreviates(text: str, expected: list[str]) -> None:
    assert split(text) == expected
