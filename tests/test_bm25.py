"""The BM25 top-sentence baseline of `llmx eval`: ranking, "holds the answer", the rate."""

from __future__ import annotations

from llmx.evaluation.bm25 import BM25, Passage, holds_answer
from llmx.evaluation.qa import score_qa
from llmx.evaluation.qa_items import Expect, QAItem, Source
from llmx.qa.answer import Answer

DOCS = {
    "b": "Bắc Giang đạt 88,54 điểm Chỉ số CCHC năm 2022. Thời tiết hôm nay đẹp.",
    "a": "Quảng Ninh dẫn đầu Chỉ số CCHC năm 2022. Bắc Giang xếp thứ 4 cả nước.",
}


def _p(text: str) -> Passage:
    return Passage("d", 0, len(text), text)


def test_rare_query_terms_decide_and_accents_do_not_matter() -> None:
    bm = BM25.of_documents(DOCS)
    top = bm.top("bac giang xep thu may")
    assert top is not None and top.text == "Bắc Giang xếp thứ 4 cả nước." and top.doc_id == "a"
    top = bm.top("Bắc Giang được bao nhiêu điểm?")
    assert top is not None and top.doc_id == "b" and "88,54" in top.text
    assert bm.top("PAPI Hà Nội") is None  # no query token in any passage


def test_common_terms_weigh_less_and_ties_go_to_the_first_passage() -> None:
    bm = BM25([_p("chi so cchc alpha"), _p("chi so cchc beta"), _p("chi so cchc gamma")])
    scores = bm.scores("chi so beta")
    assert max(scores, key=scores.__getitem__) == 1
    assert scores[1] > 2 * scores[0]  # the rare token outweighs the two common ones
    tie = BM25([_p("x y"), _p("x y")])
    assert tie.top("x") is tie.passages[0]


def _ex(**kw: object) -> Expect:
    return Expect(record_type="index_result", **kw)  # type: ignore[arg-type]


def test_holds_the_answer_needs_the_entity_and_the_figure() -> None:
    ex = _ex(entities=["Bắc Giang"], field="score", value=88.54)
    assert holds_answer(ex, "Bắc Giang đạt 88,54 điểm.")
    assert holds_answer(ex, "Bac Giang scored 88.54 points.")
    assert not holds_answer(ex, "Tỉnh đạt 88,54 điểm.")  # entity only in another sentence
    assert not holds_answer(ex, "Bắc Giang đạt 85,54 điểm.")
    rank = _ex(entities=["Bắc Giang"], field="rank", value=4)
    assert holds_answer(rank, "Bắc Giang xếp thứ 4/63.")
    assert not holds_answer(rank, "Bắc Giang đạt 4,5 điểm.")  # 4.5 is not rank 4


def test_province_names_leaders_changes_counts_and_names() -> None:
    hcm = _ex(entities=["TP. Hồ Chí Minh"], field="rank", value=1)
    assert holds_answer(hcm, "Thành phố Hồ Chí Minh dẫn đầu cả nước.")  # gazetteer name, leader
    assert not holds_answer(_ex(entities=["Bắc Giang"], count=1), "Bắc Giang dẫn đầu.")
    fall = _ex(entities=["Thái Bình"], field="rank_change", value=-22)
    assert holds_answer(fall, "Thái Bình tụt 22 bậc.")
    both = _ex(entities=["Bắc Giang", "Tiền Giang"], field="score",
               values={"Bắc Giang": 88.54, "Tiền Giang": 85.1})  # fmt: skip
    assert holds_answer(both, "Bắc Giang 88,54 điểm, Tiền Giang 85,1 điểm.")
    assert not holds_answer(both, "Bắc Giang 88,54 điểm, Tiền Giang 84 điểm.")
    named = Expect(record_type="initiative", entities=["Hà Giang"], names=["Một cửa thân thiện"])
    assert holds_answer(named, "Hà Giang triển khai mô hình “Một cửa thân thiện”.")
    assert not holds_answer(named, "Hà Giang triển khai mô hình “Một cửa”.")
    nation = Expect(record_type="metric", entities=["Việt Nam"], field="value", value=80.08)
    assert holds_answer(nation, "Chỉ số SIPAS trung bình cả nước đạt 80,08%.")
    assert not holds_answer(nation, "Chỉ số SIPAS của tỉnh đạt 80,08%.")


def _item(i: str, question: str, expect: Expect | None) -> QAItem:
    sources = [Source(doc_id="a", quote="Bắc Giang")] if expect else []
    return QAItem(id=i, question=question, answerable=expect is not None, expect=expect,
                  family="value" if expect else "unanswerable", sources=sources)  # fmt: skip


def test_rate_is_over_answerable_questions_and_needs_documents() -> None:
    items = [
        _item("1", "Bắc Giang đạt bao nhiêu điểm?",
              _ex(entities=["Bắc Giang"], field="score", value=88.54)),
        _item("2", "Quảng Ninh đứng đầu Chỉ số CCHC?",
              _ex(entities=["Quảng Ninh"], field="rank", value=1)),
        _item("3", "Bắc Giang xếp thứ mấy năm 2022?",
              _ex(entities=["Bắc Giang"], field="rank", value=5)),
        _item("4", "PAPI của Hà Nội?", None),
    ]  # fmt: skip

    def refuse(q: str) -> Answer:
        return Answer(question=q, found=False, text="không tìm thấy")

    score = score_qa(items, refuse, DOCS)
    assert [r.bm25_holds for r in score.results] == [True, True, False, None]
    assert score.bm25_holds == 2 and score.bm25_top_sentence == 2 / 3
    assert score_qa(items, refuse).bm25_top_sentence is None


def test_report_shows_the_baseline_beside_accuracy() -> None:
    from llmx.evaluation.report import BackendReport, EvalReport, to_dict, to_markdown

    items = [_item("1", "Bắc Giang đạt bao nhiêu điểm?",
                   _ex(entities=["Bắc Giang"], field="score", value=88.54))]  # fmt: skip
    score = score_qa(items, lambda q: Answer(question=q, found=False, text="-"), DOCS, set_name="s")
    report = EvalReport(backends=[BackendReport(backend="rules", extractor="rules", qa=[score])])
    md = to_markdown(report)
    assert "BM25 top sentence" in md and "1.00 (1/1)" in md and "0.00 (0/1)" in md
    qa = to_dict(report)["backends"][0]["qa"][0]
    assert qa["bm25_top_sentence"] == 1.0 and qa["answer_accuracy"] == 0.0
