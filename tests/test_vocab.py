"""The domain vocabulary: every entry's examples run as tests, plus the matching policy and
the lookups readers use."""

from __future__ import annotations

from typing import get_args

import pytest

from llmx.core.records import IndexName
from llmx.core.vocab import Entry, Vocab, get_vocab
from llmx.core.vocab.compile import compile_pattern
from llmx.core.vocab.model import VocabFile

VOCAB = get_vocab()


def _id(e: Entry) -> str:
    return f"{e.kind}:{e.label}:{e.pattern[:30]}"


@pytest.mark.parametrize("entry", VOCAB.entries, ids=_id)
def test_entry_examples(entry: Entry) -> None:
    for text in entry.examples:
        spans = [
            s
            for s in VOCAB.find(text, kinds={entry.kind})
            if s.label == entry.label and s.entry.sign == entry.sign
        ]
        assert spans, f"{text!r} should read as {entry.kind}:{entry.label}"
        if entry.value is not None:
            assert any(s.value == entry.value for s in spans), text
        assert any(s.entry.attrs == entry.attrs for s in spans), text
    for text in entry.negatives:
        assert VOCAB.matcher(entry).search(text) is None, f"{text!r} must not match"


def test_diacritics_must_agree_where_written() -> None:
    rx = compile_pattern("thứ")
    assert rx.search("đứng thứ 4") and rx.search("dung thu 4") and rx.search("THỨ")
    assert not rx.search("thủ tục") and not rx.search("thư")
    lead = compile_pattern("đứng đầu")
    assert lead.search("đứng dau") and lead.search("dung đầu")  # mixed, each letter agrees
    assert not lead.search("đứng đâu")  # "where", not "first"
    assert not compile_pattern("ba").search("bà")  # an unaccented entry letter stays bare


def test_phrase_must_stand_as_words() -> None:
    assert not compile_pattern("pci").search("pcis")
    assert not compile_pattern("top 1").search("top 10")
    assert compile_pattern("/\\s*63\\b").search("4/63")  # no boundary before a symbol


def test_offsets_are_the_originals() -> None:
    text = "Năm 2023, tỉnh Quảng Ninh tiếp tục dẫn đầu Chỉ số CCHC."
    spans = VOCAB.find(text, kinds={"index", "hold", "leader"})
    assert [(text[s.start : s.end], s.label) for s in spans] == [
        ("tiếp tục dẫn đầu", "hold"),
        ("Chỉ số CCHC", "PAR_INDEX"),
    ]  # the longer "hold" phrase wins over the "leader" inside it


def test_priority_beats_length() -> None:
    e_long = Entry(kind="index", label="A", pattern="chỉ số xanh cấp", examples=["x"])
    e_pri = Entry(kind="index", label="B", pattern="xanh", priority=1, examples=["x"])
    spans = Vocab([e_long, e_pri], []).find("chỉ số xanh cấp tỉnh", kinds={"index"})
    assert [s.label for s in spans] == ["B"]


def test_captures_and_signs() -> None:
    (s,) = VOCAB.find("Ninh Bình tụt 5 hạng", kinds={"rank_change"})
    assert (s.label, s.entry.sign, s.value) == ("rank_down", -1, 5)
    (r,) = VOCAB.find("xếp thứ 4/63 tỉnh", kinds={"rank_cue"})
    assert r.groups == {"n": "4", "total": "63"}


def test_lookups() -> None:
    assert VOCAB.index_display("PAR_INDEX", "vi") == "Chỉ số CCHC (PAR Index)"
    assert VOCAB.index_display("DTI", "en") == "Digital Transformation Index (DTI)"
    assert VOCAB.index_display("NOPE", "en") == "NOPE"
    assert [VOCAB.ordinal_value(w) for w in ("nhất", "thu tu", "third", "á quân")] == [1, 4, 3, 2]
    assert VOCAB.ordinal_value("thủ") is None and VOCAB.ordinal_value("tự") is None
    assert [VOCAB.cardinal_value(w) for w in ("ba", "three", "12", "xyz")] == [3, 3, 12, None]
    assert VOCAB.translate("initiative_kind", "mô hình", "en") == "model"
    assert VOCAB.translate("initiative_kind", "bogus", "en") is None


def test_index_codes_are_the_record_contracts() -> None:
    assert VOCAB.index_codes() == list(get_args(IndexName))
    assert {e.label for e in VOCAB.entries if e.kind == "index"} <= set(VOCAB.index_codes())


@pytest.mark.parametrize("concept", VOCAB.concepts_of("index"), ids=lambda c: c.label)
def test_prompt_names_are_recognised(concept) -> None:  # type: ignore[no-untyped-def]
    """What the extraction prompt calls an index, the vocabulary reads as that index."""
    for name in concept.prompt:
        labels = {s.label for s in VOCAB.find(name, kinds={"index"})}
        assert labels == {concept.label}, name


def test_every_kind_that_is_displayed_has_names() -> None:
    for c in VOCAB.concepts:
        assert c.vi and c.en


def test_bad_data_is_refused() -> None:
    with pytest.raises(ValueError):
        VocabFile.model_validate({"entry": [{"kind": "nope", "label": "x", "pattern": "x",
                                             "examples": ["x"]}]})  # fmt: skip
    with pytest.raises(ValueError):
        VocabFile.model_validate({"entry": [{"kind": "index", "label": "x", "pattern": "x",
                                             "examples": []}]})  # fmt: skip
    with pytest.raises(ValueError):
        compile_pattern("{bogus}")


def test_prompts_list_the_vocabularys_index_names() -> None:
    from llmx.llm.prompts import load_plan_prompts, load_prompts
    from llmx.qa.query import ASK_KINDS

    system, plan = load_prompts().system(), load_plan_prompts().system(ASK_KINDS)
    for c in VOCAB.concepts_of("index"):
        line = next(x for x in system.splitlines() if x.startswith(f"- {c.label}:"))
        assert all(name in line for name in c.prompt), c.label
        assert all(name in plan for name in c.plan_prompt), c.label


def test_tone_placement_and_optional_space() -> None:
    rx = compile_pattern("văn hóa")
    assert rx.search("Sở Văn hoá") and rx.search("văn hóa") and rx.search("van hoa")
    assert not rx.search("văn hòa")
    amp = compile_pattern("tn ?& ?mt")
    assert amp.search("Sở TN&MT") and amp.search("tn & mt")


def test_trigger_words_only_skip_what_cannot_match() -> None:
    from llmx.core.vocab.compile import trigger

    assert trigger("thứ nhất") == "thu" and trigger("Sở (nội vụ|tư pháp)") == "so"
    assert trigger("dẫn đầu|đứng đầu") is None and trigger("models?") is None
    assert trigger("{n}(st|nd|rd|th)") is None
    # "THỨ" in capitals, and the word at the very end, still reach the entry
    assert [s.value for s in VOCAB.find("ĐỨNG THỨ BA", kinds={"ordinal"})] == [3]


def test_leading_literals_only_skip_what_cannot_match() -> None:
    from llmx.core.vocab.compile import literals

    assert literals("models?|schemes?") == ("model", "scheme")  # the optional "s" left out
    assert literals("(tăng|cao hơn) (thêm )?{num}") == ("tang", "cao")
    assert literals("(?<!người\\s)(dẫn đầu|xếp đầu)") == ("dan", "xep")
    assert literals("((a|b)c|d)e") == ("a", "b", "d")
    # nothing sure to lead: an optional group, a placeholder, a symbol
    for pattern in ("(chỉ số )?năng lực", "{n}(st|nd|rd|th)", "/\\s*63", "x{0,3}y", "a|%"):
        assert literals(pattern) is None, pattern
    # "MODELS" in capitals, with a diacritic-free text, still reaches the entry
    kinds = {"initiative_kind"}
    assert [s.text for s in VOCAB.find("Two MODELS and a scheme", kinds=kinds)] == [
        "MODELS",
        "scheme",
    ]


def test_patterns_compile_on_first_use() -> None:
    """A question needs a few of the vocabulary's patterns: ``find`` compiles only the
    entries whose trigger word the text has, so a bad pattern surfaces where it is used (and
    in ``compile_all``), and the shipped vocabulary compiles whole."""
    good = Entry(kind="index", label="PAR_INDEX", pattern="chỉ số cchc", examples=["chỉ số cchc"])
    bad = Entry(kind="index", label="PAPI", pattern="papi {bogus}", examples=["papi 1"])
    vocab = Vocab([good, bad], [])
    assert [s.label for s in vocab.find("Chỉ số CCHC tăng", kinds={"index"})] == ["PAR_INDEX"]
    with pytest.raises(ValueError):
        vocab.find("PAPI 2023", kinds={"index"})
    with pytest.raises(ValueError):
        vocab.compile_all()
    VOCAB.compile_all()
