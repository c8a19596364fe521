"""The first-character guard (llmx.core.scanre): a guarded pattern finds exactly what the
plain one finds, and a pattern whose first character cannot be told is left alone. The
required-text filter (``Prefiltered``): a pattern turned away from a text without the texts
its matches hold finds what it finds when tried."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from llmx.core.scanre import Prefiltered, first_chars, guard_patterns, guarded, required_texts
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
            rx = rx.compiled if isinstance(rx, Prefiltered) else rx
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
    assert namespace["A_RE"].needles == ("ab",)
    assert namespace["B"] == "not a pattern" and namespace["C_RE"].compiled is plain_c


@pytest.mark.parametrize(
    ("source", "flags", "texts"),
    [
        (r"\b(?:xep|dung) thu \d", 0, {"xep thu ", "dung thu "}),
        (r"(?<!\d)\d+(?:,\d+)?\s*%", 0, {"%"}),
        (r"\b(?:gia tri |diem )?(?:trung binh|binh quan)\b", 0, {"trung binh", "binh quan"}),
        (r"(?:tang|giam)\s+(?P<n>\d+)\s+(?:bac|hang)", 0, {"tang", "giam"}),
        (r"(?:ranks?|ranked)\s+(?:no\.\s*)?\d+", 0, {"rank"}),
        (r"\d+(?:st|nd|rd|th)\b", 0, {"st", "nd", "rd", "th"}),
        (r"(?:nam )?(?:19|20)\d\d", 0, {"19", "20"}),
        (r"(?i)rank", 0, None),  # case-insensitive: left alone
        (r"rank", re.IGNORECASE, None),
        (r"(?i:a)b", 0, {"b"}),  # the case-insensitive part only is left out
        (r"(?=abc)\w+", 0, None),  # a lookahead's text is not consumed
        (r"(?:abc)?\d", 0, None),  # an optional text is not required
        (r"\w+", 0, None),
        (r"", 0, None),
    ],
)
def test_required_texts(source, flags, texts):
    assert required_texts(source, flags) == (frozenset(texts) if texts is not None else None)


def test_a_text_without_the_required_texts_is_turned_away_unchanged():
    rx = Prefiltered(re.compile(r"\b(?:xep|dung) thu (\d+)"), frozenset({"xep thu ", "dung thu "}))
    text = "Tinh A xep thu 5, tinh B dung thu 7."
    assert [m.span() for m in rx.finditer(text)] == [(7, 16), (25, 35)]
    assert rx.search(text, 10) is not None and rx.search(text, 10).start() == 25
    assert rx.search(text, 0, 15) is None  # "xep thu 5" ends past endpos
    assert rx.search("khong co gi") is None and list(rx.finditer("khong co gi")) == []
    assert rx.sub("#", "khong co gi") == "khong co gi" and rx.sub(r"#\1", text) == (
        "Tinh A #5, tinh B #7."
    )
    assert rx.subn("#", "x") == ("x", 0) and rx.split("a b") == ["a b"] and rx.findall("") == []
    assert rx.findall(text) == ["5", "7"] and rx.match(text, 7) is not None
    assert rx.pattern == r"\b(?:xep|dung) thu (\d+)" and rx.groups == 1


def _windows(text: str) -> list[tuple[int, int]]:
    n = len(text)
    return [(0, n), (n // 3, n), (0, 2 * n // 3), (n // 4, n // 2), (-5, n + 9), (n, 0)]


def test_every_prefiltered_rules_pattern_finds_what_it_finds_when_tried():
    import importlib
    import pkgutil

    import llmx.core
    import llmx.rules
    from llmx.core.sentences import sentences

    pieces = [s.of(t) for t in TEXTS for s in sentences(t)]
    modules = [
        importlib.import_module(f"{package.__name__}.{info.name}")
        for package in (llmx.rules, llmx.core)
        for info in pkgutil.iter_modules(package.__path__)
    ]
    checked = 0
    seen: set[int] = set()
    for module in modules:
        for name, rx in vars(module).items():
            if id(rx) in seen:
                continue
            seen.add(id(rx))
            if not isinstance(rx, Prefiltered):
                continue
            plain = rx.compiled
            for text in TEXTS + pieces:
                assert _found(rx, text) == _found(plain, text), f"{module.__name__}.{name}"
                for pos, end in _windows(text):
                    got, want = rx.search(text, pos, end), plain.search(text, pos, end)
                    assert (got and got.span()) == (want and want.span()), name
            checked += 1
    assert checked > 200
