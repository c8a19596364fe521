"""llmx.evaluation: matching rules, P/R/F1 arithmetic, grounding checks, gold loading,
thresholds and QA scoring, on small hand-written Vietnamese fixtures."""

from __future__ import annotations

import hashlib
import json
import sys
import types
from pathlib import Path

import pytest
from support.eval_records import (
    Q_COMP,
    Q_COUNT,
    Q_INIT,
    Q_RANK,
    Q_RATE,
    Q_SCORE,
    TEXT_A,
    TEXT_B,
    evidence,
    initiative,
    ir,
    metric,
)

from llmx.core.document import Document
from llmx.core.grounding import align_quote
from llmx.core.numbers import parse_vn_number
from llmx.errors import InputError
from llmx.evaluation.gold import GoldError, GoldSet, load_gold_set
from llmx.evaluation.match import (
    component_similarity,
    entity_key,
    match_records,
    name_similarity,
    scope_key,
    token_overlap,
    units_match,
    value_close,
)
from llmx.evaluation.qa import judge, load_qa, score_qa
from llmx.evaluation.qa_items import QAItem
from llmx.evaluation.score import PredictedDoc, grounding_problem, prf, score_set
from llmx.evaluation.thresholds import Thresholds
from llmx.qa.answer import Answer, Citation

# -- normalisation ---------------------------------------------------------------------------


def test_entity_key_ignores_diacritics_case_and_province_prefixes():
    assert entity_key("Hà Giang") == entity_key("ha giang") == entity_key("HÀ GIANG")
    assert entity_key("tỉnh Hà Giang") == entity_key("Hà Giang")
    assert entity_key("Sở Tư pháp") == entity_key("sở tư pháp")


def test_entity_key_ignores_type_words_below_a_province():
    # eval/CONVENTIONS.md: the type word of a district or commune is not part of its name.
    assert entity_key("TP. Đồng Hới") == entity_key("tp dong hoi")
    assert entity_key("TP. Đồng Hới") == entity_key("Thành phố Đồng Hới")
    assert entity_key("TP. Đồng Hới") == entity_key("Đồng Hới")
    assert entity_key("huyện Bảo Lâm") == entity_key("Bảo Lâm")
    assert entity_key("thị xã Sa Pa") == entity_key("Sa Pa") != entity_key("Sở Tư pháp")
    assert entity_key("TX. Sa Pa") == entity_key("thị xã Sa Pa")  # "TX." abbreviates "thị xã"
    # A city named after its province stays apart from the province.
    assert entity_key("TP. Hà Tĩnh") != entity_key("Hà Tĩnh")
    assert entity_key("Thành phố Hà Nội") == entity_key("Hà Nội")


def test_entity_aliases_through_gazetteer():
    pytest.importorskip("llmx.core.gazetteer")
    assert entity_key("TP HCM") == entity_key("TP. Hồ Chí Minh")
    assert entity_key("Bac Giang") == entity_key("Bắc Giang")
    # a provincial city is not its province
    assert entity_key("Thành phố Bắc Giang") != entity_key("Bắc Giang")


def test_scope_key_folds_and_normalises_province():
    assert scope_key("province:Hà Giang") == scope_key("province: tỉnh ha giang")
    assert scope_key("national") == scope_key(None)
    assert scope_key("region:Trung du và miền núi phía Bắc") != scope_key("national")


def test_number_formats_after_parsing():
    assert value_close(88.54, parse_vn_number("88,54"))
    assert value_close(1250, parse_vn_number("1.250"))
    assert value_close("88,54", 88.54)  # a value written as text is read the Vietnamese way
    assert not value_close(88.54, 88.64)
    assert value_close(1_704_824, 1_704_824.000_5)


def test_component_none_vs_value_and_overlap():
    assert component_similarity(None, None) == 1.0
    assert component_similarity(None, "Cải cách thủ tục hành chính") is None
    assert component_similarity("Cải cách thủ tục hành chính", None) is None
    assert (
        component_similarity(
            "Chỉ số thành phần cải cách thủ tục hành chính", "Cải cách TTHC thủ tục hành chính"
        )
        >= 0.6
    )
    assert component_similarity("Cải cách thủ tục hành chính", "Cải cách tài chính công") < 0.6


def test_initiative_names_fuzzy():
    assert name_similarity("“Cà phê doanh nhân”", "ca phe doanh nhan") == 1.0
    assert name_similarity("Cà phê doanh nhân", "Cà phê doanh nhân tỉnh") >= 0.85  # contains
    assert name_similarity("Cà phê doanh nhân", "Cà phê doanh nghiệp") < 0.85
    assert name_similarity("", "Cà phê doanh nhân") == 0.0


def test_token_overlap_is_jaccard():
    assert token_overlap("tỷ lệ hồ sơ đúng hạn", "Tỷ lệ hồ sơ đúng hạn") == 1.0
    assert token_overlap("hồ sơ đúng hạn", "hồ sơ trễ hạn") == pytest.approx(3 / 5)


# -- matching --------------------------------------------------------------------------------


def test_index_results_match_on_key_and_score_fields():
    gold = [ir(TEXT_A, Q_SCORE, score=85.12, score_unit="points")]
    pred = [ir(TEXT_A, Q_SCORE, entity="tỉnh Ha Giang", score=85.12, score_unit="points")]
    m = match_records("index_results", pred, gold)
    assert (m.tp, m.fp, m.fn) == (1, 0, 0)
    other_year = [ir(TEXT_A, Q_SCORE, year=2022, score=85.12)]
    assert match_records("index_results", other_year, gold).tp == 0
    with_component = [ir(TEXT_A, Q_SCORE, component="Cải cách thủ tục hành chính", score=85.12)]
    m = match_records("index_results", with_component, gold)
    assert (m.tp, m.fp, m.fn) == (0, 1, 1)


def test_optional_gold_is_neither_miss_nor_false_positive():
    gold = [
        ir(TEXT_A, Q_SCORE, score=85.12, score_unit="points"),
        {**ir(TEXT_A, Q_RANK, rank=12, rank_total=63, rank_change=5), "optional": True},
    ]
    only_required = [ir(TEXT_A, Q_SCORE, score=85.12)]
    m = match_records("index_results", only_required, gold)
    assert (m.tp, m.fp, m.fn) == (1, 0, 0)  # the unmatched optional record is not a miss
    both = only_required + [ir(TEXT_A, Q_RANK, rank=12, rank_total=63, rank_change=5)]
    m = match_records("index_results", both, gold)
    assert (m.tp, m.fp, m.fn) == (1, 0, 0)
    assert m.optional_pairs == [(1, 1)]  # matched the optional record: not a TP, not an FP


def test_required_gold_is_matched_before_optional():
    gold = [
        {**metric(TEXT_A, Q_RATE, name="tỷ lệ hồ sơ đúng hạn", value=97.5, unit="%"),
         "optional": True},
        metric(TEXT_A, Q_RATE, name="tỷ lệ hồ sơ giải quyết đúng hạn", value=97.5, unit="%"),
    ]  # fmt: skip
    pred = [metric(TEXT_A, Q_RATE, name="tỷ lệ hồ sơ đúng hạn", value=97.5, unit="%")]
    m = match_records("metrics", pred, gold)
    assert m.pairs == [(0, 1)] and m.fn == 0


def test_matching_is_one_to_one_and_best_first():
    gold = [metric(TEXT_A, Q_COUNT, name="thủ tục hành chính trực tuyến", value=1250)]
    twice = [
        metric(TEXT_A, Q_COUNT, name="thủ tục", value=1250),
        metric(TEXT_A, Q_COUNT, name="thủ tục hành chính trực tuyến", value=1250),
    ]
    m = match_records("metrics", twice, gold)
    assert (m.tp, m.fp, m.fn) == (1, 1, 0)
    assert m.pairs == [(1, 0)]  # the better-named prediction takes the gold record
    assert m.false_positives == [0]
    golds = [
        ir(TEXT_A, Q_SCORE, score=85.12),
        ir(TEXT_A, Q_COMP, component="Cải cách thủ tục hành chính", score=12.35),
    ]
    m = match_records("index_results", [ir(TEXT_A, Q_SCORE, score=85.12)], golds)
    assert (m.tp, m.fp, m.fn) == (1, 0, 1) and m.missed == [1]


def test_metric_year_only_when_gold_has_one():
    g_no_year = [metric(TEXT_A, Q_COUNT, name="thủ tục trực tuyến", value=1250)]
    p_year = [metric(TEXT_A, Q_COUNT, name="thủ tục trực tuyến", value=1250, year=2023)]
    assert match_records("metrics", p_year, g_no_year).tp == 1
    g_year = [metric(TEXT_A, Q_RATE, name="tỷ lệ đúng hạn", value=97.5, year=2023)]
    p_none = [metric(TEXT_A, Q_RATE, name="tỷ lệ đúng hạn", value=97.5)]
    assert match_records("metrics", p_none, g_year).tp == 0


def test_initiative_entity_is_a_field_not_the_key():
    gold = [initiative(TEXT_A, Q_INIT, name="Cà phê doanh nhân")]
    pred = [initiative(TEXT_A, Q_INIT, name="cà phê doanh nhân", entity="Sở Tư pháp")]
    m = match_records("initiatives", pred, gold)
    assert m.tp == 1


# -- gold loading and set scoring ------------------------------------------------------------


def _write_set(root: Path, docs: dict[str, tuple[str, dict]]) -> tuple[Path, Path]:
    gold_dir = root / "gold"
    gold_dir.mkdir(parents=True)
    for doc_id, (text, gold) in docs.items():
        (root / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        (gold_dir / f"{doc_id}.json").write_text(
            json.dumps({"doc_id": doc_id, **gold}, ensure_ascii=False), encoding="utf-8"
        )
    return gold_dir, root


def _q(quote: str) -> dict:
    return {"quote": quote}


def _gold_metric(quote: str, optional: bool = False, **kw) -> dict:
    rec = {"entity": "Hà Giang", "unit": "", "year": None, "is_target": False, **kw}
    return {**rec, "evidence": _q(quote), "optional": optional}


@pytest.fixture
def tiny_set(tmp_path) -> GoldSet:
    gold_dir, docs_dir = _write_set(
        tmp_path / "tiny",
        {
            "a": (
                TEXT_A,
                {
                    "index_results": [],
                    "metrics": [
                        _gold_metric(Q_RATE, name="tỷ lệ hồ sơ đúng hạn", value=97.5, unit="%"),
                        _gold_metric(Q_COUNT, name="thủ tục trực tuyến", value=1250),
                    ],
                    "initiatives": [],
                },
            ),
            "b": (
                TEXT_B,
                {
                    "metrics": [
                        {
                            "entity": "TP. Đồng Hới",
                            "name": "hồ sơ trực tuyến",
                            "value": 8420,
                            "unit": "hồ sơ",
                            "year": 2024,
                            "evidence": _q("TP. Đồng Hới tiếp nhận 8.420 hồ sơ trực tuyến"),
                            "optional": False,
                        }
                    ],
                },
            ),
        },
    )
    return load_gold_set(gold_dir, docs_dir, name="tiny")


def test_gold_loading_aligns_quotes(tiny_set):
    doc = tiny_set.docs[0]
    rec = doc.of_type("metrics")[0].record
    ev = rec["evidence"]
    assert doc.document.text[ev["start"] : ev["end"]] == ev["quote"] == Q_RATE


def test_gold_quote_not_in_text_is_a_hard_error(tmp_path):
    gold_dir, docs_dir = _write_set(
        tmp_path / "broken",
        {"a": (TEXT_A, {"metrics": [_gold_metric("đạt 99,9% số hồ sơ", name="x", value=99.9)]})},
    )
    with pytest.raises(GoldError, match=r"a\.json.*quote not found"):
        load_gold_set(gold_dir, docs_dir)


def test_gold_record_failing_the_contract_is_a_hard_error(tmp_path):
    gold_dir, docs_dir = _write_set(
        tmp_path / "broken",
        {"a": (TEXT_A, {"metrics": [_gold_metric(Q_RATE, name="tỷ lệ", value=12.0)]})},
    )
    with pytest.raises(GoldError, match=r"a\.json: metrics\[0\]: invalid record"):
        load_gold_set(gold_dir, docs_dir)


def _preds(gold_set: GoldSet, edits: dict[str, list[dict]] | None = None) -> dict:
    out = {}
    for d in gold_set.docs:
        records = {t: [g.record for g in d.of_type(t)] for t in ("index_results", "metrics")}
        records["initiatives"] = [g.record for g in d.of_type("initiatives")]
        records.update((edits or {}).get(d.doc_id, {}))
        out[d.doc_id] = PredictedDoc(doc_id=d.doc_id, sha256=d.document.sha256, records=records)
    return out


def test_prf_hand_computed(tiny_set):
    doc_a = tiny_set.docs[0]
    rate = doc_a.of_type("metrics")[0].record
    wrong = {**doc_a.of_type("metrics")[1].record, "value": 1350.0}  # not the gold value
    preds = _preds(tiny_set, {"a": {"metrics": [rate, wrong]}})
    s = score_set(tiny_set, preds, "test")
    m = s.types["metrics"]
    # doc a: tp 1, fp 1, fn 1; doc b: tp 1
    assert (m.tp, m.fp, m.fn) == (2, 1, 1)
    assert m.precision == pytest.approx(2 / 3)
    assert m.recall == pytest.approx(2 / 3)
    assert m.f1 == pytest.approx(2 / 3)
    assert m.per_doc_f1 == {"a": pytest.approx(0.5), "b": pytest.approx(1.0)}
    assert m.macro_f1 == pytest.approx(0.75)
    assert s.types["index_results"].f1 is None  # nothing to score
    kinds = sorted(e.kind for e in s.errors)
    assert kinds == ["false_positive", "miss", "ungrounded"]  # 1350 is not in its quote
    assert s.ungrounded == 1


def test_prf_edge_cases():
    assert prf(0, 0, 0) == (None, None, None)
    assert prf(0, 2, 0) == (0.0, 0.0, 0.0)
    assert prf(0, 0, 3) == (0.0, 0.0, 0.0)
    assert prf(3, 1, 0) == (0.75, 1.0, pytest.approx(6 / 7))


def test_field_accuracy_over_matched_pairs(tiny_set):
    doc_a = tiny_set.docs[0]
    rate = {**doc_a.of_type("metrics")[0].record, "unit": "hồ sơ", "is_target": True}
    preds = _preds(tiny_set, {"a": {"metrics": [rate, doc_a.of_type("metrics")[1].record]}})
    s = score_set(tiny_set, preds, "test")
    f = s.types["metrics"].fields
    assert (f["unit"].correct, f["unit"].total) == (2, 3)
    assert (f["is_target"].correct, f["is_target"].total) == (2, 3)
    assert f["name"].accuracy == 1.0
    assert s.types["metrics"].name_overlap_mean == 1.0
    assert [e.kind for e in s.errors] == ["wrong_fields"]


def test_ungrounded_predictions_are_counted(tiny_set):
    doc_a = tiny_set.docs[0]
    good = doc_a.of_type("metrics")[0].record
    shifted = json.loads(json.dumps(doc_a.of_type("metrics")[1].record))
    shifted["evidence"]["start"] += 1  # span no longer equals the quote
    no_offsets = {**good, "evidence": {"quote": good["evidence"]["quote"]}}
    preds = _preds(tiny_set, {"a": {"metrics": [good, shifted, no_offsets]}})
    s = score_set(tiny_set, preds, "test")
    assert s.ungrounded == 2
    assert grounding_problem("metrics", good, doc_a.document.text) is None
    assert "does not match" in grounding_problem("metrics", shifted, doc_a.document.text)


def test_document_without_predictions_counts_as_empty(tiny_set):
    s = score_set(tiny_set, {}, "test")
    assert s.types["metrics"].fn == 3 and s.types["metrics"].f1 == 0.0
    assert any("no predictions" in w for w in s.warnings)


# -- thresholds ------------------------------------------------------------------------------


class _FakeSet:
    def __init__(self, name: str, values: dict[str, float | None]):
        self.set_name = name
        self._v = values

    def value(self, metric: str):
        return self._v.get(metric)


def test_thresholds_set_suffix_overrides_and_missing_table():
    th = Thresholds.from_dict(
        {"rules": {"metrics_f1": 0.5, "metrics_f1_eval": 0.2, "ungrounded_max": 0}}
    )
    seeds = _FakeSet("seeds", {"metrics_f1": 0.4, "ungrounded": 0.0})
    held_out = _FakeSet("eval", {"metrics_f1": 0.3, "ungrounded": 2.0})
    assert [f.line() for f in th.check_set("rules", seeds)] == [
        "FAIL rules seeds metrics_f1 0.400 < 0.500"
    ]
    assert [f.line() for f in th.check_set("rules", held_out)] == [
        "FAIL rules eval ungrounded_max 2 > 0"
    ]
    assert th.check_set("openai:gpt-4o-mini", seeds) == []  # no table: not gated
    assert th.table_for("rules:v2") is th.tables["rules"]
    none = _FakeSet("seeds", {"metrics_f1": None, "ungrounded": 0.0})
    assert th.check_set("rules", none) == []  # nothing to score: not gated


def test_thresholds_gate_qa_sets_by_name_with_maximum_rates():
    from llmx.evaluation.qa import QAScore

    th = Thresholds.from_dict(
        {"rules": {"qa_accuracy": 0.9, "qa_accuracy_real-test": 0.2,
                   "qa_wrong_rate_max_real-test": 0.1, "index_results_slot_f1_real-test": 0.5}}
    )  # fmt: skip
    test = QAScore(set_name="real-test", accuracy=0.3, wrong_rate=0.25)
    assert [f.line() for f in th.check_qa("rules", test)] == [
        "FAIL rules qa:real-test qa_wrong_rate_max 0.250 > 0.100"
    ]
    seeds = QAScore(set_name="seeds", accuracy=0.8, wrong_rate=0.5)
    assert [f.key for f in th.check_qa("rules", seeds)] == ["qa_accuracy"]
    slots = _FakeSet("real-test", {"index_results_slot_f1": 0.4, "ungrounded": 0.0})
    assert [f.key for f in th.check_set("rules", slots)] == ["index_results_slot_f1"]


def test_thresholds_reject_unknown_keys_and_bad_values(tmp_path):
    with pytest.raises(InputError, match="unknown key"):
        Thresholds.from_dict({"rules": {"metric_f1": 0.5}})
    with pytest.raises(InputError, match="must be a number"):
        Thresholds.from_dict({"rules": {"metrics_f1": "high"}})
    bad = tmp_path / "t.toml"
    bad.write_text("[rules\n", encoding="utf-8")
    with pytest.raises(InputError, match="invalid thresholds"):
        Thresholds.load(bad)


def test_repository_thresholds_file_loads(root):
    th = Thresholds.load(root / "eval" / "thresholds.toml")
    assert th.tables["rules"]["ungrounded_max"] == 0


# -- QA --------------------------------------------------------------------------------------


def _doc(text: str, doc_id: str) -> Document:
    return Document(
        doc_id=doc_id,
        source=f"{doc_id}.txt",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
    )


def _item(**kw) -> QAItem:
    return QAItem.model_validate(kw)


QA_ITEMS = [
    _item(
        id="q1",
        question="Hà Giang đạt bao nhiêu điểm Chỉ số CCHC năm 2023?",
        expect={"record_type": "index_result", "entities": ["Hà Giang"], "field": "score",
                "value": 85.12, "year": 2023, "index": "PAR_INDEX"},
        sources=[{"doc_id": "a", "quote": Q_SCORE}],
    ),
    _item(
        id="q2",
        question="Tỷ lệ hồ sơ đúng hạn của Hà Giang năm 2023?",
        family="metric",
        expect={"record_type": "metric", "entities": ["Hà Giang"], "field": "value",
                "value": 97.5},
        sources=[{"doc_id": "a", "quote": Q_RATE}],
    ),
    _item(id="q3", question="PAPI của Hà Giang năm 1990?", answerable=False,
          family="unanswerable"),
]  # fmt: skip


def _rec(text: str, doc_id: str, quote: str, **kw) -> dict:
    a = align_quote(text, quote)
    ev = {"quote": text[a.start : a.end], "start": a.start, "end": a.end}
    return {"doc_id": doc_id, "evidence": ev, "role": "best", **kw}


def _answer(question: str, records: list[dict], text: str = "") -> Answer:
    cites = [
        Citation(doc_id=r["doc_id"], quote=r["evidence"]["quote"], start=r["evidence"]["start"],
                 end=r["evidence"]["end"], primary=r.get("role") in ("best", "tie"))
        for r in records
    ]  # fmt: skip
    found = any(r.get("role") in ("best", "tie") for r in records)
    return Answer(question=question, found=found, text=text, records=records, citations=cites)


SCORE_REC = dict(record_type="index_result", entity="Hà Giang", index="PAR_INDEX", year=2023,
                 score=85.12, rank=12)  # fmt: skip


def _fake_ask(question: str) -> Answer:
    if question.startswith("Hà Giang đạt"):
        return _answer(question, [_rec(TEXT_A, "a", Q_SCORE, **SCORE_REC)], "Ha Giang 85.12")
    if question.startswith("Tỷ lệ"):  # the right entity, the wrong figure (another doc)
        rec = _rec(TEXT_B, "b", "đạt tỷ lệ 64,3%", record_type="metric", entity="Hà Giang",
                   value=64.3)  # fmt: skip
        return _answer(question, [rec], "Tỷ lệ là 64,3%.")
    return Answer(question=question, found=False, text="Không tìm thấy.")


def test_qa_scoring_outcomes_and_rates():
    s = score_qa(QA_ITEMS, _fake_ask, {"a": TEXT_A, "b": TEXT_B})
    by_id = {r.id: r for r in s.results}
    assert by_id["q1"].outcome == "correct" and by_id["q1"].citation_ok
    assert by_id["q2"].outcome == "wrong" and "value=97.5" in by_id["q2"].reason
    assert by_id["q3"].outcome == "correct"  # a refusal is right for an unanswerable one
    assert (s.correct, s.wrong, s.refused) == (2, 1, 0)
    assert s.accuracy == pytest.approx(2 / 3)
    assert s.wrong_rate == pytest.approx(1 / 3)
    assert s.refusal_rate == 0.0
    assert s.answer_accuracy == 0.5 and s.refusal_accuracy == 1.0
    assert s.by_family == {
        "metric": {"correct": 0, "wrong": 1, "refused": 0},
        "unanswerable": {"correct": 1, "wrong": 0, "refused": 0},
        "value": {"correct": 1, "wrong": 0, "refused": 0},
    }


def test_qa_wrong_record_is_wrong_even_when_the_sentence_names_the_expected_entity():
    """The answer's sentence mentions Hà Giang and 85,12 (as a lesser match), but the record
    the answer rests on is another province: that is a wrong answer, not a right one."""
    other = _rec(TEXT_B, "b", "TP. Đồng Hới tiếp nhận 8.420 hồ sơ", record_type="index_result",
                 entity="Quảng Bình", index="PAR_INDEX", year=2023, score=85.12)  # fmt: skip
    lesser = {**_rec(TEXT_A, "a", Q_SCORE, **SCORE_REC), "role": "other"}
    text = "Quảng Bình đạt 85,12 điểm. Kết quả khác: Hà Giang đạt 85,12 điểm."
    s = score_qa(QA_ITEMS[:1], lambda q: _answer(q, [other, lesser], text), {"a": TEXT_A})
    r = s.results[0]
    assert "Hà Giang" in r.text and "85,12" in r.text  # what a sentence matcher would accept
    assert r.outcome == "wrong" and "Quảng Bình" in r.reason
    assert s.wrong_rate == 1.0 and s.accuracy == 0.0


def test_qa_answering_an_unanswerable_question_is_wrong_and_refusing_is_counted():
    ans = _answer("?", [_rec(TEXT_A, "a", Q_SCORE, **SCORE_REC)])
    assert judge(QA_ITEMS[2], ans).outcome == "wrong"
    refused = Answer(question="?", found=False, text="Không tìm thấy.")
    assert judge(QA_ITEMS[0], refused).outcome == "refused"


def test_qa_figure_year_and_citation_are_checked():
    item = QA_ITEMS[0]
    wrong_year = _rec(TEXT_A, "a", Q_SCORE, **{**SCORE_REC, "year": 2022})
    assert "year=2023" in judge(item, _answer("?", [wrong_year]), {"a": TEXT_A}).reason
    # Right record, but cited somewhere that states nothing about it.
    rec = _rec(TEXT_A, "a", Q_INIT, **SCORE_REC)
    r = judge(item, _answer("?", [rec]), {"a": TEXT_A})
    assert r.outcome == "wrong" and r.citation_ok is False and "citation" in r.reason
    # A citation of a gold record of the expected entity counts, though not the listed quote.
    gold = {"a": [("index_results", {"entity": "Hà Giang", "evidence": evidence(TEXT_A, Q_INIT)})]}
    assert judge(item, _answer("?", [rec]), {"a": TEXT_A}, gold).outcome == "correct"


def test_qa_comparison_count_and_names():
    both = _item(id="c", question="So sánh", family="comparison",
                 expect={"entities": ["Hà Giang", "TP. Đồng Hới"], "field": "score",
                         "values": {"Hà Giang": 85.12, "TP. Đồng Hới": 64.3}},
                 sources=[{"doc_id": "a", "quote": Q_SCORE}])  # fmt: skip
    a = _rec(TEXT_A, "a", Q_SCORE, **SCORE_REC)
    b = {**_rec(TEXT_B, "b", "đạt tỷ lệ 64,3%", entity="Đồng Hới", score=64.3), "role": "tie"}
    assert judge(both, _answer("?", [a, b]), {"a": TEXT_A}).outcome == "correct"
    assert judge(both, _answer("?", [a]), {"a": TEXT_A}).outcome == "wrong"
    count = _item(id="n", question="Bao nhiêu?", family="count", expect={"count": 2},
                  sources=[{"doc_id": "a", "quote": Q_SCORE}])  # fmt: skip
    assert judge(count, _answer("?", [a, b]), {"a": TEXT_A}).outcome == "correct"
    assert "counts 1" in judge(count, _answer("?", [a]), {"a": TEXT_A}).reason
    named = _item(id="i", question="Mô hình nào?", family="initiative",
                  expect={"entities": ["Hà Giang"], "names": ["Cà phê doanh nhân"]},
                  sources=[{"doc_id": "a", "quote": Q_INIT}])  # fmt: skip
    init = _rec(TEXT_A, "a", Q_INIT, record_type="initiative", entity="Hà Giang",
                name="“Cà phê doanh nhân”")  # fmt: skip
    assert judge(named, _answer("?", [init]), {"a": TEXT_A}).outcome == "correct"


def test_qa_errors_from_ask_are_wrong():
    def ask(q: str) -> Answer:
        raise RuntimeError("boom")

    s = score_qa(QA_ITEMS[:1], ask)
    assert s.results[0].error == "RuntimeError: boom" and s.results[0].outcome == "wrong"


def test_load_qa_reports_bad_lines(tmp_path):
    p = tmp_path / "qa.jsonl"
    p.write_text('{"id": "1", "question": "?", "answerable": false, "family": "unanswerable"}\n'
                 '{bad\n', encoding="utf-8")  # fmt: skip
    with pytest.raises(InputError, match=r"qa\.jsonl:2"):
        load_qa(p)
    p.write_text('{"id": "1", "question": "?", "answers": ["x"]}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"qa\.jsonl:1: answers"):
        load_qa(p)  # sentence answers are not a structured expectation
    p.write_text('{"id": "1", "question": "?", "expect": {"entities": ["A"]}}\n',
                 encoding="utf-8")  # fmt: skip
    with pytest.raises(InputError, match="at least one source"):
        load_qa(p)


def test_repository_qa_sets_load(root):
    for path in (root / "seeds" / "qa.jsonl", root / "eval" / "real" / "qa.jsonl"):
        if path.is_file():
            items = load_qa(path)
            assert items and all(i.answerable == (i.expect is not None) for i in items)


def test_qa_through_a_store(tmp_path, monkeypatch, tiny_set):
    """run_qa asks the engine (a stand-in here) of the store the extractions went into."""
    from llmx.core.records import DocumentExtraction, Metric
    from llmx.evaluation.progress import NoProgress
    from llmx.evaluation.runner import run_qa
    from llmx.store import Store

    seen = {}

    def answer_question(store, question, planner="rules", backend=None):
        seen["backend"] = backend
        ex = store.get_extraction("a", backend)
        m = ex.metrics[0]
        rec = {"record_type": "metric", "role": "best", "doc_id": "a",
               **m.model_dump(mode="json")}  # fmt: skip
        cite = Citation(doc_id="a", quote=m.evidence.quote, start=m.evidence.start,
                        end=m.evidence.end)  # fmt: skip
        return Answer(question=question, found=True, text=f"{m.value:g}%", records=[rec],
                      citations=[cite])  # fmt: skip

    fake = types.ModuleType("llmx.qa.engine")
    fake.answer_question = answer_question
    monkeypatch.setitem(sys.modules, "llmx.qa.engine", fake)
    doc_a = tiny_set.docs[0].document
    ex = DocumentExtraction(
        doc_id="a",
        source=doc_a.source,
        sha256=doc_a.sha256,
        backend="rules",
        metrics=[Metric.model_validate(tiny_set.docs[0].of_type("metrics")[0].record)],
    )
    docs = [d.document for d in tiny_set.docs]
    with Store(tmp_path / "qa.db") as store:
        run_id = store.begin_run("rules")
        store.save(doc_a, ex, run_id)
        s = run_qa([QA_ITEMS[1]], "rules", store, docs, NoProgress(), set_name="tiny")
    assert seen["backend"] == "rules"
    assert s.available and s.set_name == "tiny"
    assert s.accuracy == 1.0 and s.citation_accuracy == 1.0


# -- a metric's unit compares by what it counts ------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("doanh nghiệp", "businesses"),
        ("people", "citizens"),
        ("TTHC", "thủ tục hành chính"),
        ("tỉnh, thành phố", "địa phương"),
        ("bộ, cơ quan ngang bộ", "ministries"),
        ("phiếu khảo sát", "questionnaires"),
        ("%", "phần trăm"),
        ("dịch vụ", "dịch vụ công"),  # a unit and the same with a qualifier
    ],
)
def test_units_of_one_thing_counted_match(a, b):
    assert units_match(a, b) and units_match(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [("hồ sơ", "thủ tục"), ("người", "doanh nghiệp"), ("huyện", "xã"), ("%", "hồ sơ")],
)
def test_units_of_different_things_do_not(a, b):
    assert not units_match(a, b)


def test_two_names_the_vocabulary_gives_one_component_are_the_same_component():
    from llmx.evaluation.match import component_similarity

    # the text's words and the canonical name of PCI's dynamism sub-index
    assert component_similarity("Tính năng động của chính quyền tỉnh",
                                "Tính năng động và tiên phong") == 1.0  # fmt: skip
    assert component_similarity("chỉ số thành phần Chi phí thời gian", "Time costs") == 1.0
    # two different components stay apart
    assert component_similarity("Chi phí thời gian", "Tiếp cận đất đai") == 0.0
