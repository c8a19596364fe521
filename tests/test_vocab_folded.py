"""The rules extractor reads index names from the vocabulary, compiled for folded text
(``compile.folded_source``): each entry's examples must read there as they read in the
vocabulary itself, and the question-only entries must stay out of documents. (Folded text
has no diacritics, so there the vocabulary's "diacritics must agree" condition is lost.)"""

from __future__ import annotations

import re

import pytest

from llmx.core.textnorm import fold_keep_offsets
from llmx.core.vocab import Entry, get_vocab
from llmx.core.vocab.compile import folded_source, pattern_source
from llmx.rules import lexicon as lx

VOCAB = get_vocab()
DOCUMENT_INDEX_ENTRIES = [
    e for e in VOCAB.entries if e.kind == "index" and not e.questions_only
]


def _id(e: Entry) -> str:
    return f"{e.label}:{e.pattern[:30]}"


def _rules_index(text: str) -> str | None:
    """The index the rules extractor reads first in ``text`` (its one-pass alternation)."""
    m = lx.INDEX_ANY_RE.search(fold_keep_offsets(text))
    return lx.INDEX_CODES[int(m.lastgroup[1:])] if m and m.lastgroup else None


@pytest.mark.parametrize("entry", DOCUMENT_INDEX_ENTRIES, ids=_id)
def test_examples_read_the_same_in_folded_text(entry: Entry) -> None:
    folded = re.compile(folded_source(entry.pattern))
    plain = re.compile(pattern_source(entry.pattern), re.IGNORECASE)
    for text in entry.examples:
        want = plain.search(text)
        got = folded.search(fold_keep_offsets(text))
        assert want is not None and got is not None, text
        assert got.span() == want.span(), text
    for text in entry.negatives:
        # Folded text has no diacritics to disagree with: a negative that only they keep out
        # ("hai lông") is one the rules cannot refuse. Every other one they must.
        bare = fold_keep_offsets(text)
        if plain.search(bare) is None:
            assert folded.search(bare) is None, text


def test_the_rules_read_every_document_entry_in_declaration_order() -> None:
    assert lx.INDEX_CODES == [e.label for e in DOCUMENT_INDEX_ENTRIES]
    assert len(lx.INDEX_RE) == len(DOCUMENT_INDEX_ENTRIES)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Chỉ số CCHC năm 2023 của tỉnh đạt 88,5 điểm", "PAR_INDEX"),
        ("chi so cai cach hanh chinh", "PAR_INDEX"),
        ("the 2021 Provincial Competitiveness Index", "PCI"),
        ("Bộ chỉ số 766 tuần này", "SERVICE_INDEX"),
        # OTHER is declared before PCI: at one start the district-level name wins
        ("Chỉ số năng lực cạnh tranh cấp sở, ngành (DDCI)", "OTHER"),
    ],
)
def test_rules_read_index_names(text: str, code: str) -> None:
    assert _rules_index(text) == code


@pytest.mark.parametrize("text", ["citizen satisfaction rose", "PAR 2023", "competitiveness"])
def test_question_words_name_an_index_in_questions_only(text: str) -> None:
    assert _rules_index(text) is None
    span = VOCAB.first(text, kinds={"index"})
    assert span is not None and span.entry.questions_only


def test_a_space_is_one_space_and_words_stand_whole() -> None:
    rx = re.compile(folded_source("chỉ số xanh( cấp tỉnh)?"))
    assert rx.search("chi so xanh cap tinh").group() == "chi so xanh cap tinh"  # type: ignore[union-attr]
    assert rx.search("chi so xanhx") is None
    assert rx.search("chi  so xanh") is None
    assert re.compile(folded_source("a ?b")).fullmatch("ab")


@pytest.mark.parametrize(
    "entry",
    [e for e in VOCAB.entries if e.kind == "ordinal" and e.label == "ordinal" and e.value],
    ids=lambda e: e.pattern,
)
def test_the_rules_read_the_vocabularys_ordinals(entry: Entry) -> None:
    words = lx.VI_ORDINALS if entry.lang == "vi" else lx.EN_ORDINALS
    word = fold_keep_offsets(entry.pattern).removeprefix("thu ")
    assert words[word] == entry.value == VOCAB.ordinal_value(entry.pattern)
    if entry.lang == "vi":
        m = lx.RANK_WORD_RE.search(fold_keep_offsets(f"tỉnh xếp {entry.pattern} cả nước"))
        assert m is not None and word in m.groups()
    else:
        m = lx.EN_RANK_RE.search(f"the province ranked {entry.pattern} out of 63")
        assert m is not None and m.group("r") == word


def test_an_ordinal_written_as_a_pattern_is_refused() -> None:
    bad = Entry(kind="ordinal", label="ordinal", pattern="thứ (nhất|một)", value=1, examples=["x"])
    vocab = type(VOCAB)([*VOCAB.entries, bad], VOCAB.concepts)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(lx, "get_vocab", lambda: vocab)
        with pytest.raises(ValueError, match="plain words"):
            lx._ordinal_words("vi")


@pytest.mark.parametrize("entry", DOCUMENT_INDEX_ENTRIES, ids=_id)
def test_the_extractors_index_hint_lets_every_name_through(entry: Entry) -> None:
    # The extractor skips the index scan where its cheap hint finds nothing: a name added to
    # the vocabulary that the hint does not cover would never be read in a sentence.
    for text in entry.examples:
        assert lx.INDEX_HINT_RE.search(fold_keep_offsets(text)), text
