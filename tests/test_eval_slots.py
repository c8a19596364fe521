"""Record-, key- and slot-level scores, key confusion, and the real corpus' dev/test split."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.eval_records import Q_COMP, Q_RANK, Q_SCORE, TEXT_A, ir, metric
from typer.testing import CliRunner

from llmx.core.grounding import align_quote
from llmx.evaluation.confusion import classify
from llmx.evaluation.gold import load_gold_set
from llmx.evaluation.runner import load_gold_sets
from llmx.evaluation.score import PredictedDoc, score_set
from llmx.evaluation.slots import score_slots

Q_FACT = Q_SCORE + ", " + Q_RANK  # score, rank, total and change of one fact


def _fact(**kw) -> dict:
    base = dict(score=85.12, score_unit="points", rank=12, rank_total=63, rank_change=5)
    return ir(TEXT_A, Q_FACT, **{**base, **kw})


# -- slots -----------------------------------------------------------------------------------


def test_half_right_record_earns_its_right_slots():
    gold = [_fact()]
    pred = [_fact(rank=13)]  # 13 is not in the quote: scoring does not check grounding
    res = score_slots("index_results", pred, gold)
    by = {f: (c.tp, c.fp, c.fn) for f, c in res.by_field.items()}
    assert by["score"] == (1, 0, 0)
    assert by["rank_total"] == (1, 0, 0) and by["rank_change"] == (1, 0, 0)
    assert by["rank"] == (0, 1, 1)  # the wrong rank costs a false and a missed slot
    assert by["score_change"] == (0, 0, 0)
    t = res.total
    assert (t.tp, t.fp, t.fn) == (3, 1, 1)


def test_one_fact_split_in_two_records_earns_every_slot():
    gold = [_fact(rank_total=None, rank_change=None)]
    pred = [
        ir(TEXT_A, Q_SCORE, score=85.12, score_unit="points"),
        ir(TEXT_A, "xếp thứ 12/63", rank=12),
    ]
    t = score_slots("index_results", pred, gold).total
    assert (t.tp, t.fp, t.fn) == (2, 0, 0)


def test_wrong_key_earns_no_slot_and_optional_gold_is_neutral():
    gold = [_fact(), {**_fact(year=2022), "optional": True}]
    t = score_slots("index_results", [_fact(year=2021)], gold).total
    assert (t.tp, t.fp, t.fn) == (0, 4, 4)
    t = score_slots("index_results", [_fact(year=2022)], gold).total
    assert (t.tp, t.fp, t.fn) == (0, 0, 4)  # paired with the optional record only


def test_metric_value_slot_survives_a_fragment_name():
    q = "Tỷ lệ hồ sơ giải quyết đúng hạn của tỉnh đạt 97,5% trong năm 2023."
    gold = [metric(TEXT_A, q, name="tỷ lệ hồ sơ giải quyết đúng hạn", value=97.5, unit="%")]
    pred = [metric(TEXT_A, q, name="của tỉnh đạt", value=97.5, unit="%")]
    by = {f: (c.tp, c.fp, c.fn) for f, c in score_slots("metrics", pred, gold).by_field.items()}
    assert by == {"value": (1, 0, 0), "name": (0, 1, 1), "unit": (1, 0, 0)}


# -- record level and confusion through score_set ---------------------------------------------


def _set(tmp_path: Path, gold: list[dict]):
    root = tmp_path / "s"
    (root / "gold").mkdir(parents=True)
    (root / "a.txt").write_text(TEXT_A, encoding="utf-8")
    recs = []
    for g in gold:
        r = {k: v for k, v in g.items() if k != "evidence"}
        recs.append({**r, "evidence": {"quote": g["evidence"]["quote"]}})
    (root / "gold" / "a.json").write_text(
        json.dumps({"doc_id": "a", "index_results": recs}, ensure_ascii=False), encoding="utf-8"
    )
    return load_gold_set(root / "gold", root, name="s")


def test_record_level_needs_every_field_key_level_does_not(tmp_path):
    gs = _set(tmp_path, [_fact()])
    wrong_change = _fact(rank_change=-5)  # a fall read as a rise
    s = score_set(gs, {"a": PredictedDoc(doc_id="a", records={"index_results": [wrong_change]})},
                  "t")  # fmt: skip
    ts = s.types["index_results"]
    assert (ts.tp, ts.fp, ts.fn) == (0, 1, 1) and ts.f1 == 0.0
    assert (ts.key.tp, ts.key.fp, ts.key.fn) == (1, 0, 0) and ts.key.f1 == 1.0
    assert (ts.slots.tp, ts.slots.fp, ts.slots.fn) == (3, 1, 1)  # score, rank, total right
    assert ts.slots.precision == pytest.approx(0.75)
    assert s.value("index_results_slot_f1") == pytest.approx(0.75)
    assert s.value("index_results_key_f1") == 1.0
    assert s.value("index_results_f1") == 0.0


def test_key_confusion_names_the_wrong_key_field(tmp_path):
    comp = ir(TEXT_A, Q_COMP, component="Cải cách thủ tục hành chính", score=12.35,
              score_unit="points")  # fmt: skip
    gs = _set(tmp_path, [_fact(), comp])
    preds = [
        _fact(entity="Quảng Bình"),  # the right figures, given to another province
        _fact(year=2022, rank=None, rank_total=None, rank_change=None),  # the comparison year
        ir(TEXT_A, Q_COMP, component="Chính quyền số", score=12.35,
           score_unit="points"),  # another component
        ir(TEXT_A, Q_FACT, entity="Quảng Bình", year=2022, rank=12),  # two key fields wrong
        ir(TEXT_A, Q_FACT, entity="Hà Nội", score=2023.0, score_unit="points"),  # a year
    ]
    s = score_set(gs, {"a": PredictedDoc(doc_id="a", records={"index_results": preds})}, "t")
    c = s.types["index_results"].confusion
    assert c["entity"] == 1 and c["year"] == 1 and c["component"] == 1
    assert c["several"] == 1 and c["unanchored"] == 1
    assert sum(c.values()) == s.types["index_results"].key.fp == 5


def test_confusion_record_type_and_duplicate():
    q = "Tỷ lệ hồ sơ giải quyết đúng hạn của tỉnh đạt 97,5% trong năm 2023."
    rate = metric(TEXT_A, q, name="tỷ lệ hồ sơ giải quyết đúng hạn", value=97.5, unit="%")
    as_score = ir(TEXT_A, q, score=97.5, score_unit="percent")
    assert classify("index_results", as_score, [], [("metrics", rate)]) == "record_type"
    assert classify("index_results", _fact(), [_fact()], []) == "duplicate"


# -- the real corpus' split and hidden test errors --------------------------------------------


def _real_corpus(root: Path) -> Path:
    real = root / "eval" / "real"
    (real / "docs").mkdir(parents=True)
    (real / "gold").mkdir()
    text = TEXT_A
    entries = []
    for doc_id, split in (("r_dev", "dev"), ("r_test", "test")):
        (real / "docs" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        a = align_quote(text, Q_SCORE)
        rec = {"entity": "Hà Giang", "index": "PAR_INDEX", "year": 2023, "score": 85.12,
               "evidence": {"quote": text[a.start : a.end]}}  # fmt: skip
        (real / "gold" / f"{doc_id}.json").write_text(
            json.dumps({"doc_id": doc_id, "index_results": [rec]}, ensure_ascii=False),
            encoding="utf-8",
        )
        entries.append({"doc_id": doc_id, "url": f"https://example.vn/{doc_id}", "outlet": "x",
                        "title": "t", "split": split})  # fmt: skip
    (real / "sources.jsonl").write_text(
        "".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8"
    )
    return real


def test_real_corpus_loads_as_dev_and_test_sets(tmp_path):
    real = _real_corpus(tmp_path)
    notes: list[str] = []
    sets, sources = load_gold_sets(["real"], notes, real_dir=real)
    assert [(s.name, s.doc_ids()) for s in sets] == [
        ("real-dev", ["r_dev"]),
        ("real-test", ["r_test"]),
    ]
    assert {e.doc_id: e.split for e in sources} == {"r_dev": "dev", "r_test": "test"}
    sets, _ = load_gold_sets(["real-test"], notes, real_dir=real)
    assert [s.name for s in sets] == ["real-test"]


def test_test_split_errors_only_with_the_flag(tmp_path, monkeypatch, eval_app):
    _real_corpus(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "none.jsonl").write_text(
        json.dumps({"doc_id": "r_test", "backend": "rules"}) + "\n"
        + json.dumps({"doc_id": "r_dev", "backend": "rules"}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    args = ["eval", "--gold", "real", "--no-qa", "--predictions", "none.jsonl", "--json"]
    hidden = json.loads(CliRunner().invoke(eval_app, args).stdout)
    sets = {s["set"]: s for s in hidden["backends"][0]["sets"]}
    assert sets["real-dev"]["errors"] and not sets["real-dev"]["errors_hidden"]
    assert sets["real-test"]["errors"] == [] and sets["real-test"]["errors_hidden"]
    assert sets["real-test"]["errors_total"] == 1
    shown = json.loads(CliRunner().invoke(eval_app, [*args, "--show-test-errors"]).stdout)
    sets = {s["set"]: s for s in shown["backends"][0]["sets"]}
    assert sets["real-test"]["errors"][0]["kind"] == "miss"
    text = CliRunner().invoke(eval_app, args[:-1]).stdout
    assert "1 errors hidden (test split" in text and "real-dev" in text


def test_sub_index_score_is_accepted_as_metric_or_component_result(tmp_path):
    # eval/CONVENTIONS.md: either form of a sub-index score is right.
    comp = ir(TEXT_A, Q_COMP, component="Cải cách thủ tục hành chính", score=12.35,
              score_unit="points")  # fmt: skip
    gs = _set(tmp_path, [comp])
    as_metric = metric(TEXT_A, Q_COMP, name="điểm chỉ số Cải cách thủ tục hành chính",
                       value=12.35, year=2023)  # fmt: skip
    s = score_set(gs, {"a": PredictedDoc(doc_id="a", records={"metrics": [as_metric]})}, "t")
    assert s.types["index_results"].tp == 1 and s.types["metrics"].fp == 0
    unrelated = {**as_metric, "name": "tỷ lệ hồ sơ đúng hạn"}  # another measure, same number
    s = score_set(gs, {"a": PredictedDoc(doc_id="a", records={"metrics": [unrelated]})}, "t")
    assert s.types["index_results"].fn == 1 and s.types["metrics"].fp == 1
