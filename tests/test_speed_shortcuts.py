"""The speed shortcuts (folding caches, handing precomputed folds and province mentions to
the division matcher) give exactly what the plain computation gives."""

from __future__ import annotations

from pathlib import Path

from llmx.core import textnorm
from llmx.core.divisions import find_divisions
from llmx.core.gazetteer import get_gazetteer
from llmx.core.textnorm import fold, fold_keep_offsets

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def test_cached_folds_equal_the_uncached_ones() -> None:
    for text in ("Xã Tân Lập, huyện Tam Nông", "  Chỉ số  PAR\tINDEX ", "Đ" * 3000):
        assert fold(text) == textnorm._fold(text)
        assert fold(text) == fold(text)  # a cache hit returns the same text
        assert fold_keep_offsets(text) == textnorm._fold_keep_offsets(text)
    assert fold("Chỉ số  PAR") == "chi so par"


def test_long_texts_are_not_kept_in_the_cache() -> None:
    textnorm._fold_keep_offsets_cached.cache_clear()
    long_text = "Tỉnh Phú Thọ. " * 500  # 7,000 characters, over the cached length
    assert fold_keep_offsets(long_text) == "tinh phu tho. " * 500
    assert textnorm._fold_keep_offsets_cached.cache_info().currsize == 0
    fold_keep_offsets("Tỉnh Phú Thọ")
    assert textnorm._fold_keep_offsets_cached.cache_info().currsize == 1


def test_the_last_long_text_is_folded_once_and_never_confused_with_another() -> None:
    first = "Tỉnh Phú Thọ. " * 500
    second = "Huyện Đông Anh. " * 500
    assert fold_keep_offsets(first) == "tinh phu tho. " * 500
    assert fold_keep_offsets(second) == "huyen dong anh. " * 500
    copy = "".join(["Huyện Đông Anh. "] * 500)  # equal text, another object
    assert copy is not second
    assert fold_keep_offsets(copy) is fold_keep_offsets(second)  # kept, not folded again
    assert fold_keep_offsets(first) == "tinh phu tho. " * 500


def test_vocab_find_by_trigger_word_equals_trying_every_entry() -> None:
    """``find`` looks entries up by the text's words: the same spans as trying every
    entry of the kinds asked for (the reference below) on every seed sentence."""
    from llmx.core.sentences import sentences
    from llmx.core.vocab import get_vocab

    vocab = get_vocab()

    def every_entry(text: str, kinds: frozenset[str]) -> list[tuple[int, int, str]]:
        cands = []
        for i, e in enumerate(vocab.entries):
            if e.kind in kinds:
                for m in vocab.matcher(e).finditer(text):
                    if m.end() > m.start():
                        cands.append((-e.priority, m.start() - m.end(), m.start(), i, m))
        cands.sort(key=lambda c: c[:4])
        taken: list[tuple[int, int, str]] = []
        for _, _, start, i, m in cands:
            if not any(s < m.end() and start < e for s, e, _ in taken):
                taken.append((start, m.end(), vocab.entries[i].label))
        return sorted(taken)

    kinds = frozenset(e.kind for e in vocab.entries)
    found = 0
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        for span in sentences(text):
            s = span.of(text)
            got = [(x.start, x.end, x.label) for x in vocab.find(s, kinds)]
            assert got == every_entry(s, kinds), s
            found += len(got)
    assert found


def test_divisions_with_precomputed_inputs_match_the_plain_call() -> None:
    assert SEEDS
    found = 0
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        plain = find_divisions(text)
        given = find_divisions(
            text, provinces=get_gazetteer().find(text), folded=textnorm._fold_keep_offsets(text)
        )
        assert given == plain
        found += len(plain)
    assert found


def test_word_alternation_matches_exactly_the_words_longest_first() -> None:
    import re

    from llmx.core.wordtrie import word_alternation

    words = {"an", "anh", "ba", "b", "binh", "thanh", "tp", "x.y"}
    rx = re.compile(r"(?<![0-9a-z])(?:" + word_alternation(words) + r")(?![0-9a-z])")
    text = "an anh ba b binh bin thanhx tp tpp xanh x.y xzy"
    assert [m.group() for m in rx.finditer(text)] == ["an", "anh", "ba", "b", "binh", "tp", "x.y"]
    assert re.fullmatch(word_alternation(["anh", "an"]), "anh")  # not cut at the shorter word
    for bad in ([], [""]):
        try:
            word_alternation(bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} accepted")


def test_division_scan_reads_a_name_at_the_end_of_the_text() -> None:
    # The scan reads words only as far as a name needs: a name that ends the text, and a
    # type word with nothing after it, are read as a complete token list reads them.
    assert [m.text for m in find_divisions("Báo cáo của huyện Tam Nông")] == ["huyện Tam Nông"]
    assert find_divisions("Báo cáo của huyện") == []
    assert [m.text for m in find_divisions("thị xã Hòa Thành, xã")] == ["thị xã Hòa Thành"]


def _leftmost_index(f: str) -> str | None:
    """The index named first in ``f``, one search per index (the plain computation)."""
    from llmx.rules import lexicon as lx

    found = [(m.start(), i) for i, (rx, _) in enumerate(lx.INDEX_RE) if (m := rx.search(f))]
    return lx.INDEX_RE[min(found)[1]][1] if found else None


def test_first_index_is_the_leftmost_of_the_per_index_searches() -> None:
    from llmx.rules.extractor import _first_index

    texts = [fold_keep_offsets(p.read_text(encoding="utf-8")) for p in SEEDS]
    sentences = [s for t in texts for s in t.split(". ")]
    sentences += ["papi va chi so cchc", "pci, par index", "the provincial green index"]
    named = 0
    for f in sentences:
        assert _first_index(f) == _leftmost_index(f), f
        named += _first_index(f) is not None
    assert named > 10


def test_metric_averages_index_in_is_the_leftmost_of_the_per_index_searches() -> None:
    # The metric readers' index_in, called for most sentences, is the one-pass search too.
    from llmx.rules.metric_averages import index_in

    invented = [
        "Chỉ số CCHC của tỉnh đạt 85 điểm, còn Chỉ số SIPAS đạt 80%.",
        "Chỉ số hài lòng SIPAS năm nay cao hơn PAR Index năm trước.",
        "The PCI score rose while the PAPI score fell.",
        "Tỉnh đứng thứ 5 cả nước về chuyển đổi số (DTI).",
        "Không có chỉ số nào được nhắc tới trong câu này.",
        "pcipapi không phải tên chỉ số",
        "",
    ]
    named = 0
    for f in map(fold, invented):
        assert index_in(f) == _leftmost_index(f), f
        named += index_in(f) is not None
    assert named >= 3
    assert index_in(fold("không nói tên nào")) is None


def test_an_extraction_of_validated_records_equals_the_validated_one() -> None:
    """``DocumentExtraction.of`` takes records their model already validated as they are
    (pydantic would rerun their checks): the same extraction as validating them all, and
    anything else (dicts, a bad identity) is still validated."""
    import pytest
    from pydantic import ValidationError

    from llmx.core import records as rec
    from llmx.core.document import Document
    from llmx.core.records import DocumentExtraction, Evidence, IndexResult

    text = "Bắc Giang đạt 88,5 điểm, xếp thứ 3."
    ev = Evidence(quote=text, start=0, end=len(text))
    r = IndexResult(entity="Bắc Giang", index="PAR_INDEX", score=88.5, rank=3, evidence=ev)
    doc = Document(doc_id="a.txt", source="a.txt", sha256="0" * 64, text=text)
    validated = DocumentExtraction(
        doc_id="a.txt", source="a.txt", sha256="0" * 64, title=None, published=None,
        backend="rules", index_results=[r],
    )  # fmt: skip
    checks = 0
    real = rec.is_instruction_like

    def counted(span: str) -> bool:
        nonlocal checks
        checks += 1
        return real(span)

    rec.is_instruction_like = counted
    try:
        taken = DocumentExtraction.of(doc, "rules", index_results=[r])
    finally:
        rec.is_instruction_like = real
    assert checks == 0  # the record was not validated again
    assert taken == validated and taken.model_fields_set == validated.model_fields_set
    assert taken.model_dump_json() == validated.model_dump_json()
    assert DocumentExtraction.of(doc, "rules", index_results=[r.model_dump()]) == validated
    with pytest.raises(ValidationError):
        DocumentExtraction.of(doc, "rules", index_results=[{"entity": "x"}])
    with pytest.raises(ValidationError):
        DocumentExtraction.of(doc.model_copy(update={"sha256": "x"}), "rules", index_results=[r])


def test_grounding_shortcut_for_values_read_as_written_keeps_the_tolerance_rules() -> None:
    from llmx.core.grounding import value_grounded
    from llmx.core.numbers import values_in

    quote = "Tỉnh đạt 88,52 điểm, xếp thứ 3/63, tăng 2,07 điểm."
    assert 88.52 in values_in(quote)
    assert value_grounded(88.52, quote)  # as written
    assert value_grounded(88.524, quote)  # within the tolerance, as before
    assert not value_grounded(88.6, quote)
    assert value_grounded(-2.07, quote, derived=True)  # a change is read by its size
    assert value_grounded(60, quote, derived=True)  # 63 - 3
    assert not value_grounded(float("inf"), quote)
    assert not value_grounded(float("nan"), quote)


def test_english_figure_gate_agrees_with_trying_every_pattern() -> None:
    # find_en_figures turns a sentence away unless a rate word or a counted noun of work
    # is in it; the gate tries only the patterns whose leading letters the sentence holds.
    from llmx.rules.metrics_en import _rx, may_have_figures

    def plain(original: str) -> bool:
        patterns = _rx("count_unit", "en_work_noun") + _rx("metric", "rate")
        return any(rx.search(original) for rx in patterns)

    invented = [
        "The on-time settlement RATE reached 97 percent in the province.",
        "About 1,200 dossiers were processed online last quarter.",
        "Its share of online applications rose to 40%.",
        "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98%.",  # Vietnamese: no English word
        "The province ranked third on the index.",  # English, but no rate or count noun
        "Accurate procedure-free grates",  # letters of the words, not the words
        "",
    ]
    found = [may_have_figures(s) for s in invented]
    assert found == [plain(s) for s in invented]
    assert found[:3] == [True, True, True] and found[3:5] == [False, False]


def test_english_rank_hint_is_needed_by_every_english_place() -> None:
    # EN_RANK_RE (tried on every sentence with a value) is tried only where its hint is:
    # an ordinal ("third", "19th") or "No. 5", without which no place can be read.
    from llmx.rules import lexicon as lx

    places = [
        "Da Nang ranked third out of 63 provinces.",
        "The province came in at No. 10 on the PAR Index.",
        "Ha Noi was 20th and Ho Chi Minh City 27th.",
        "It finished 5th nationwide, (seventh, 69.08).",
    ]
    for f in map(fold, places):
        assert lx.EN_RANK_RE.search(f), f
        assert lx.EN_RANK_HINT_RE.search(f), f
    unranked = ["Tỉnh đứng thứ 5 cả nước với 85 điểm.", "Thành phố đạt 90,5 điểm năm 2023."]
    for f in map(fold, unranked):
        assert not lx.EN_RANK_HINT_RE.search(f), f
        assert not lx.EN_RANK_RE.search(f), f


def test_vocab_needles_are_in_the_fold_of_every_match() -> None:
    # Vocab.needles: folded texts one of which every match of an entry holds (its leading
    # literals, else the required texts of its pattern), which the bloc finder gates on.
    from llmx.core.vocab import get_vocab

    vocab = get_vocab()
    texts = [
        "Khối các bộ, ngành đạt điểm trung bình 85,2.",
        "Nhóm 8 bộ, cơ quan ngang bộ xếp cuối.",
        "The other 62 provinces and cities averaged 80 points.",
        "Ministries and ministry-level agencies lagged behind.",
        "Khối các tỉnh, thành phố tăng 1,5 điểm.",
        "Tỉnh đứng thứ 5 cả nước.",  # no bloc
    ]
    told = 0
    for e in vocab.entries:
        needles = vocab.needles(e)
        if needles is None:
            continue
        told += 1
        assert all(n == fold(n) and n for n in needles), e
        for text in texts:
            if vocab.matcher(e).search(text):
                assert any(n in fold(text) for n in needles), (e.pattern, text)
    assert told > 300
    blocs = [e for e in vocab.entries if e.kind == "bloc"]
    assert blocs and all(vocab.needles(e) is not None for e in blocs)


def test_bloc_subjects_gate_keeps_every_bloc() -> None:
    from llmx.rules.index_results import _bloc_subjects

    for text in ("Khối các bộ, ngành đạt 85,2 điểm.", "The other 62 provinces averaged 80."):
        assert _bloc_subjects(fold(text), text, []), text
    assert _bloc_subjects(fold("Tỉnh đứng thứ 5."), "Tỉnh đứng thứ 5.", []) == []
