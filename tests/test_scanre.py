"""The first-character guard (llmx.core.scanre): a guarded pattern finds exactly what the
plain one finds, and a pattern whose first character cannot be told is left alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from llmx.core.scanre import first_chars, guard_patterns, guarded
from llmx.core.textnorm import fold_keep_offsets

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
TEXTS += [fold_keep_offsets(t) for t in TEXTS]
TEXTS += ["", "Đứng thứ 2/63, TĂNG 3 bậc; điểm trung bình 80,5 (năm 2021: 79).", "K\u212a s\u017f"]
TEXTS += [fold_keep_offsets(TEXTS[-2]), "top 10, 3rd"]


def _found(rx: re.Pattern[str], text: str) -> list[tuple]:
    return [(m.span(), m.groups(), m.lastgroup) for m in rx.finditer(text)]


@pytest.mark.parametrize(
    ("source", "flags", "starts", "others"),
    [
        (r"\b(?:gia tri |diem )?(?:trung binh|binh quan)", 0, "gdtb", "ahx "),
        (r"(?<!\w)(?:thứ|hạng)\s*\d+", re.IGNORECASE, "tThH", "ađ"),
        (r"\b(?:top|tốp)\s+\d{1,2}|\d+(?:st|nd|rd|th)\b", 0, "t07", "s "),
        (r"(?<![\w/])(?P<n>\d{1,3})\s*/\s*(?P<t>\d{2,3})", 0, "19", "/a"),
    ],
)
def test_guarded_patterns_find_what_the_plain_ones_find(source, flags, starts, others):
    plain = re.compile(source, flags)
    guard = guarded(plain)
    chars = re.compile(first_chars(source, flags) or "(?!)", flags)
    assert all(chars.fullmatch(c) for c in starts) and not any(chars.fullmatch(c) for c in others)
    hits = 0
    for text in TEXTS:
        assert _found(guard, text) == _found(plain, text)
        hits += len(_found(plain, text))
    assert hits  # the comparison saw matches


@pytest.mark.parametrize(
    "source",
    [
        r"binh quan",  # a literal start: re skips to it by itself
        r"[0-9]+ diem",  # so does a class
        r"chi so|index",  # and alternatives that each start with a literal
        r"^\s*thu \d",  # anchored
        r"\b(?:a)?",  # may match the empty string
        r"\b.diem",  # any character
        r"\b[^a]b",  # a negated class
        r"(?i:a)b",  # a group with its own flags
    ],
)
def test_patterns_without_a_telling_first_character_are_left_alone(source):
    plain = re.compile(source)
    assert guarded(plain) is plain


def test_global_flags_stay_first():
    plain = re.compile(r"(?i)\b(?:xep|dung) thu \d")
    guard = guarded(plain)
    assert guard.pattern.startswith("(?i)(?=[")
    assert _found(guard, "Đã XEP THU 3, dung thu 4") == _found(plain, "Đã XEP THU 3, dung thu 4")


def test_every_guarded_rules_pattern_finds_what_its_plain_source_finds():
    from llmx.core import numbers
    from llmx.rules import entities, extractor, index_results, initiatives, lexicon, metrics

    guard_head = re.compile(r"^(\(\?[aiLmsux]+\))?\(\?=\[[^\]]*\]\)\(\?:(.*)\)$", re.DOTALL)
    checked = 0
    for module in (lexicon, index_results, metrics, initiatives, entities, extractor, numbers):
        for name, rx in vars(module).items():
            if not isinstance(rx, re.Pattern) or not (m := guard_head.match(rx.pattern)):
                continue
            plain = re.compile((m.group(1) or "") + m.group(2), rx.flags)
            for text in TEXTS:
                assert _found(rx, text) == _found(plain, text), f"{module.__name__}.{name}"
            checked += 1
    assert checked > 50


def test_guard_patterns_replaces_module_level_patterns_only():
    namespace = {"A_RE": re.compile(r"\bab"), "B": "not a pattern", "C_RE": re.compile("ab")}
    plain_c = namespace["C_RE"]
    guard_patterns(namespace)
    assert namespace["A_RE"].pattern == r"(?=[\U00000061])(?:\bab)"
    assert namespace["B"] == "not a pattern" and namespace["C_RE"] is plain_c
