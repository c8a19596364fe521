"""Field-level evidence, confidence and plausibility (issue 10): the contract, the store and
its migration, the LLM guard, QA citations and precision at confidence cut-offs."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from support.eval_records import Q_COUNT, Q_RATE, TEXT_A, metric

from llmx.core import records as rec_mod
from llmx.core.document import Document
from llmx.core.records import DocumentExtraction, Evidence, IndexResult, Initiative, Metric
from llmx.evaluation.gold import load_gold_set
from llmx.evaluation.report import BackendReport, EvalReport, to_dict, to_markdown
from llmx.evaluation.score import (
    DEFAULT_CONFIDENCE,
    PredictedDoc,
    compact,
    grounding_problem,
    score_set,
)
from llmx.evaluation.thresholds import Thresholds
from llmx.llm.grounding_guard import GuardContext, ground
from llmx.llm.response_models import ITEM_MODELS, DocumentRecords
from llmx.qa.engine import answer_question
from llmx.store import Store
from llmx.store import migrations as mig
from llmx.store.tables import INDEX_RESULTS

# The score and the rank of one fact, in two sentences: the second does not name the fact.
S_SCORE = "Năm 2023, tỉnh Bắc Giang đạt 88,54 điểm Chỉ số cải cách hành chính."
S_RANK = "Với kết quả này, tỉnh xếp thứ 4/63 tỉnh, thành phố, tăng 3 bậc."
S_INIT = "Tỉnh duy trì mô hình “Cà phê doanh nhân”."
S_SINCE = "Mô hình được triển khai từ năm 2021."
TEXT = "\n".join([S_SCORE, S_RANK, S_INIT, S_SINCE])


def _ev(quote: str, text: str = TEXT) -> Evidence:
    start = text.index(quote)
    return Evidence(quote=quote, start=start, end=start + len(quote))


def _evd(quote: str, text: str = TEXT) -> dict[str, Any]:
    return _ev(quote, text).model_dump()


def _ir(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"entity": "Bắc Giang", "index": "PAR_INDEX", "year": 2023,
                            "evidence": _evd(S_SCORE)}  # fmt: skip
    return {**base, **kw}


def _split_fact(**kw: Any) -> IndexResult:
    """Score from the first sentence, rank, total and change from the second."""
    data = _ir(
        score=88.54, rank=4, rank_total=63, rank_change=3,
        field_evidence={f: _evd(S_RANK) for f in ("rank", "rank_total", "rank_change")},
    )  # fmt: skip
    return IndexResult.model_validate({**data, **kw}, context={"text": TEXT})


def _reason(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return "; ".join(str(e["msg"]) for e in exc.value.errors())


# -- field-level evidence --------------------------------------------------------------------


def test_each_field_is_read_from_its_own_quote():
    r = _split_fact()
    assert r.evidence_of("rank").quote == S_RANK
    assert r.evidence_of("score") == r.evidence  # not given: the record's evidence
    assert (r.confidence, IndexResult.model_validate(_ir(score=88.54)).field_evidence) == (
        None,
        {},
    )
    # Without the rank's own quote, the rank is not in the record's quote.
    with pytest.raises(ValidationError) as exc:
        IndexResult.model_validate(_ir(score=88.54, rank=4))
    assert "rank=4" in _reason(exc) and "(quote:" in _reason(exc)


def test_a_field_quote_must_hold_its_value():
    with pytest.raises(ValidationError) as exc:
        IndexResult.model_validate(_ir(score=88.54, field_evidence={"score": _evd(S_RANK)}))
    assert "score=88.54 (field_evidence.score quote:" in _reason(exc)


@pytest.mark.parametrize(
    ("field_evidence", "reason"),
    [
        ({"entity": S_RANK}, "only score, rank"),  # not a field that can have its own
        ({"rank_total": S_RANK}, "which has no value"),  # no value to read
    ],
)
def test_field_evidence_only_for_fields_with_values(field_evidence, reason):
    fe = {k: _evd(v) for k, v in field_evidence.items()}
    with pytest.raises(ValidationError) as exc:
        IndexResult.model_validate(_ir(score=88.54, field_evidence=fe))
    assert reason in _reason(exc)


def test_field_evidence_spans_are_checked_against_the_text():
    shifted = {**_evd(S_RANK), "start": 1, "end": 1 + len(S_RANK)}
    data = _ir(score=88.54, rank=4, field_evidence={"rank": shifted})
    IndexResult.model_validate(data)  # no text: the span cannot be checked
    with pytest.raises(ValidationError) as exc:
        IndexResult.model_validate(data, context={"text": TEXT})
    assert "does not match its quote" in _reason(exc)


def test_year_and_initiative_name_may_have_their_own_quote():
    base = {"entity": "Bắc Giang", "name": "Cà phê doanh nhân", "evidence": _evd(S_INIT)}
    ini = Initiative.model_validate(
        {**base, "year": 2021, "field_evidence": {"year": _evd(S_SINCE)}}, context={"text": TEXT}
    )
    assert ini.evidence_of("year").quote == S_SINCE
    with pytest.raises(ValidationError):  # a year given a quote must be read from it
        Initiative.model_validate({**base, "year": 2022, "field_evidence": {"year": _evd(S_SINCE)}})
    with pytest.raises(ValidationError):  # the name is read from its own quote
        Initiative.model_validate({**base, "field_evidence": {"name": _evd(S_SINCE)}})
    m = Metric(entity="Bắc Giang", name="điểm", value=88.54, evidence=_ev(S_SCORE),
               field_evidence={"year": _ev(S_SCORE)}, year=2023)  # fmt: skip
    assert m.evidence_of("value") == m.evidence


@pytest.mark.parametrize("confidence", [0, 0.5, 1])
def test_confidence_in_unit_interval(confidence):
    assert IndexResult.model_validate(_ir(score=88.54, confidence=confidence)).confidence == (
        confidence
    )


@pytest.mark.parametrize("confidence", [-0.1, 1.01, float("nan")])
def test_confidence_outside_unit_interval_is_rejected(confidence):
    with pytest.raises(ValidationError):
        IndexResult.model_validate(_ir(score=88.54, confidence=confidence))


# -- plausibility ----------------------------------------------------------------------------


def _index(index: str, quote: str, **kw: Any) -> IndexResult:
    return IndexResult(entity="X", index=index, evidence=Evidence(quote=quote, start=0,
                       end=len(quote)), **kw)  # fmt: skip


@pytest.mark.parametrize(
    ("index", "score", "unit", "reason"),
    [
        ("PAPI", 80.5, None, "maximum of 80 points"),
        ("PAR_INDEX", 100.5, "points", "maximum of 100 points"),
        ("PCI", 101, None, "maximum of 100 points"),
        ("SIPAS", 100.2, "percent", "above 100%"),
        ("PAR_INDEX", 100.2, "percent", "above 100%"),
        ("DTI", 120, "percent", "above 100%"),
    ],
)
def test_score_above_the_scale_is_rejected(index, score, unit, reason):
    quote = f"đạt {score:g} điểm".replace(".", ",")
    with pytest.raises(ValidationError) as exc:
        _index(index, quote, score=score, score_unit=unit)
    assert reason in _reason(exc)


@pytest.mark.parametrize(
    ("index", "score"), [("PAPI", 80), ("PAR_INDEX", 100), ("SIPAS", 100), ("DTI", 0.82)]
)
def test_scores_on_the_scale_are_kept(index, score):
    assert _index(index, f"đạt {score:g} điểm".replace(".", ","), score=score).score == score


def test_dti_points_above_one_are_kept_the_contract_cannot_tell_the_scale():
    # Provinces publish their own DTI on 100 points; "points" does not say which scale.
    assert _index("DTI", "đạt 80,1/100 điểm", score=80.1).score == 80.1


def test_measured_years_from_2005_to_next_year_targets_later(monkeypatch):
    monkeypatch.setattr(rec_mod, "this_year", lambda: 2026)
    q = "năm {y} xếp thứ 4"
    assert _index("PAR_INDEX", q.format(y=2027), rank=4, year=2027).year == 2027
    with pytest.raises(ValidationError, match="after 2027"):
        _index("PAR_INDEX", q.format(y=2028), rank=4, year=2028)
    assert _index("PAR_INDEX", q, rank=4, year=2030, is_target=True).is_target
    with pytest.raises(ValidationError, match="before 2005"):
        _index("PAR_INDEX", q, rank=4, year=2004)
    ev = Evidence(quote="đạt 95%", start=0, end=7)
    with pytest.raises(ValidationError, match="after 2027"):
        Metric(entity="X", name="tỷ lệ", value=95, year=2030, evidence=ev)
    assert Metric(entity="X", name="tỷ lệ", value=95, year=2030, is_target=True, evidence=ev)
    ini = Evidence(quote="mô hình “A”", start=0, end=11)
    assert Initiative(entity="X", name="A", year=1998, evidence=ini).year == 1998  # old: fine
    with pytest.raises(ValidationError, match="after 2027"):
        Initiative(entity="X", name="A", year=2030, evidence=ini)


def test_rank_change_must_leave_an_earlier_place():
    with pytest.raises(ValidationError, match="earlier rank at -6"):
        _index("PAR_INDEX", "xếp thứ 4, giảm 10 bậc", rank=4, rank_change=-10)
    assert _index("PAR_INDEX", "xếp thứ 4, tăng 10 bậc", rank=4, rank_change=10).rank == 4
    assert _index("PAR_INDEX", "xếp thứ 14, giảm 10 bậc", rank=14, rank_change=-10).rank == 14


@pytest.mark.parametrize(
    ("gold", "docs"),
    [("seeds/gold", "seeds"), ("eval/gold", "eval/docs"), ("eval/real/gold", "eval/real/docs")],
)
def test_every_gold_record_passes_the_checks(root: Path, gold: str, docs: str):
    gs = load_gold_set(root / gold, root / docs)  # GoldError on any record the contract rejects
    assert sum(len(d.records) for d in gs.docs) > 0
    assert all(r.record["confidence"] is None for d in gs.docs for r in d.records)


# -- store -----------------------------------------------------------------------------------


def _doc() -> Document:
    return Document(doc_id="bg", source="bg.txt", text=TEXT,
                    sha256=hashlib.sha256(TEXT.encode()).hexdigest())  # fmt: skip


def _extraction(ir: IndexResult) -> DocumentExtraction:
    return DocumentExtraction.of(_doc(), "rules", index_results=[ir])


def test_field_evidence_and_confidence_round_trip(tmp_path: Path):
    ir = _split_fact(confidence=0.8)
    with Store(tmp_path / "s.db") as s:
        s.save(_doc(), _extraction(ir), s.begin_run("rules"))
        assert s.get_extraction("bg", "rules") == _extraction(ir)
        got = s.query_index_results(entity_key="Bắc Giang")[0]
        assert got.confidence == 0.8 and got.field_evidence["rank"].quote == S_RANK
        assert got.record() == ir
        fact = s.distinct_facts("index_results")[0].record
        assert fact.evidence_of("rank_change").start == TEXT.index(S_RANK)
        raw = s.conn.execute("SELECT field_evidence_json FROM index_results").fetchone()[0]
        assert set(json.loads(raw)) == {"rank", "rank_total", "rank_change"}


def test_save_checks_field_evidence_spans(tmp_path: Path):
    shifted = {**_evd(S_RANK), "start": 1, "end": 1 + len(S_RANK)}
    ir = IndexResult.model_validate(_ir(score=88.54, rank=4, field_evidence={"rank": shifted}))
    with Store(tmp_path / "s.db") as s, pytest.raises(ValueError, match="does not match"):
        s.save(_doc(), _extraction(ir), s.begin_run("rules"))


def test_store_made_before_migration_2_opens_with_its_records(tmp_path: Path, monkeypatch):
    db = tmp_path / "old.db"
    ir = IndexResult.model_validate(_ir(score=88.54), context={"text": TEXT})
    doc = _doc()
    with monkeypatch.context() as m:
        m.setattr(mig, "MIGRATIONS", mig.MIGRATIONS[:1])
        old = Store(db)
    cols = [r[1] for r in old.conn.execute("PRAGMA table_info(index_results)")]
    assert "confidence" not in cols  # the schema as migration 1 left it
    # A record written the way the code of migration 1 wrote it: every column it knew.
    keep = [i for i, c in enumerate(INDEX_RESULTS.column_names) if c in cols]
    names = [INDEX_RESULTS.column_names[i] for i in keep]
    run = old.begin_run("rules")
    row = INDEX_RESULTS.row(ir, run, doc_id="bg", backend="rules")
    c = old.conn
    c.execute("INSERT INTO documents (doc_id, source, sha256, text, added_at) VALUES (?,?,?,?,?)",
              (doc.doc_id, doc.source, doc.sha256, doc.text, "then"))  # fmt: skip
    c.execute("INSERT INTO extractions (doc_id, backend, sha256, run_id, extracted_at)"
              " VALUES (?,?,?,?,?)", ("bg", "rules", doc.sha256, run, "then"))  # fmt: skip
    c.execute(f"INSERT INTO index_results ({', '.join(names)}) VALUES "
              f"({', '.join('?' * len(names))})", [row[i] for i in keep])  # fmt: skip
    c.commit()
    old.close()
    with Store(db) as s:  # the new code migrates it
        applied = [r[0] for r in s.conn.execute("SELECT id FROM _migrations ORDER BY id")]
        assert applied == [m.id for m in mig.MIGRATIONS]
        got = s.get_extraction("bg", "rules")
        assert got is not None and got.index_results == [ir]
        r = got.index_results[0]
        assert r.field_evidence == {} and r.confidence is None
        q = s.query_index_results(entity_key="bac giang")[0]
        assert q.field_evidence == {} and q.confidence is None and q.record() == ir


def test_records_stored_before_a_check_still_read(tmp_path: Path):
    ir = IndexResult.model_validate(_ir(score=88.54), context={"text": TEXT})
    with Store(tmp_path / "s.db") as s:
        s.save(_doc(), _extraction(ir), s.begin_run("rules"))
        s.conn.execute("UPDATE index_results SET year = 2004")  # as an older llmx stored it
        s.conn.commit()
        got = s.get_extraction("bg", "rules")
        assert got is not None and got.index_results[0].year == 2004
        stored = s.query_index_results()[0]
        assert stored.record().year == 2004
        with pytest.raises(ValidationError, match="before 2005"):  # a new record is judged
            IndexResult.model_validate(stored.model_dump(exclude={"doc_id", "backend"}))


# -- LLM guard -------------------------------------------------------------------------------


def test_model_is_not_asked_for_field_evidence_or_confidence():
    schema = json.dumps(DocumentRecords.model_json_schema())
    assert "field_evidence" not in schema and "confidence" not in schema
    for model in ITEM_MODELS.values():
        assert not {"field_evidence", "confidence"} & set(model.model_fields)


def test_guard_grounds_per_field_quotes():
    ctx = GuardContext(TEXT)
    fields = {"entity": "Bắc Giang", "index": "PAR_INDEX", "year": 2023, "score": 88.54,
              "rank": 4, "rank_total": 63}  # fmt: skip
    loose = S_RANK.replace(" ", "  ")  # spacing the model changed: aligned, not trusted
    r = ground("index_results", fields, S_SCORE, ctx,
               field_quotes={"rank": loose, "rank_total": S_RANK})  # fmt: skip
    assert r.field_evidence["rank"].quote == S_RANK
    assert r.field_evidence["rank"].alignment == "whitespace"
    with pytest.raises(ValueError, match="rank=4"):  # one quote per record: rank not in it
        ground("index_results", fields, S_SCORE, ctx)
    with pytest.raises(ValueError, match="quote not found"):
        ground("index_results", fields, S_SCORE, ctx, field_quotes={"rank": "thứ 4/64"})
    with pytest.raises(ValueError, match="field_evidence.rank.quote is empty"):
        ground("index_results", fields, S_SCORE, ctx, field_quotes={"rank": " "})


# -- QA citations ----------------------------------------------------------------------------


@pytest.fixture
def qa_store(tmp_path: Path):
    ini = Initiative.model_validate(
        {"entity": "Bắc Giang", "name": "Cà phê doanh nhân", "evidence": _evd(S_INIT)},
        context={"text": TEXT},
    )
    ex = DocumentExtraction.of(_doc(), "rules", index_results=[_split_fact()], initiatives=[ini])
    with Store(tmp_path / "qa.db") as s:
        s.save(_doc(), ex, s.begin_run("rules"))
        yield s


def _primary(a: Any) -> list[str]:
    return [c.quote for c in a.citations if c.primary]


def test_rank_answer_cites_the_rank_quote_first(qa_store: Store):
    a = answer_question(qa_store, "Bắc Giang xếp thứ mấy về Chỉ số CCHC năm 2023?")
    assert a.found and a.query["ask"] == "rank"
    assert _primary(a) == [S_RANK, S_SCORE]  # the rank's sentence, then the fact's


def test_score_answer_cites_the_record_quote(qa_store: Store):
    a = answer_question(qa_store, "Chỉ số CCHC năm 2023 của Bắc Giang đạt bao nhiêu điểm?")
    assert a.found and a.query["ask"] == "score"
    assert _primary(a) == [S_SCORE]  # the score has no quote of its own


# -- precision at confidence cut-offs --------------------------------------------------------


def test_precision_at_confidence_cutoffs(tmp_path: Path):
    root = tmp_path / "conf"
    (root / "gold").mkdir(parents=True)
    (root / "a.txt").write_text(TEXT_A, encoding="utf-8")
    gold = {"doc_id": "a", "metrics": [
        {"entity": "Hà Giang", "name": "tỷ lệ hồ sơ đúng hạn", "value": 97.5, "unit": "%",
         "evidence": {"quote": Q_RATE}},
        {"entity": "Hà Giang", "name": "thủ tục trực tuyến", "value": 1250,
         "evidence": {"quote": Q_COUNT}},
    ]}  # fmt: skip
    (root / "gold" / "a.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    gs = load_gold_set(root / "gold", root, name="conf")
    right_rate = metric(TEXT_A, Q_RATE, name="tỷ lệ hồ sơ đúng hạn", value=97.5, unit="%")
    right_count = metric(TEXT_A, Q_COUNT, name="thủ tục trực tuyến", value=1250)
    wrong = metric(TEXT_A, Q_RATE, name="số lượt truy cập cổng dịch vụ", value=5)
    preds = [
        {**right_rate, "confidence": 0.95},
        {**right_count, "confidence": 0.6},
        {**wrong, "confidence": 0.8},
        {**wrong, "name": "số cuộc họp", "value": 2},  # unassessed
    ]
    doc = PredictedDoc(doc_id="a", records={"metrics": preds})
    s = score_set(gs, {"a": doc}, "b")
    conf = {k: (c.correct, c.predicted) for k, c in s.types["metrics"].confidence.items()}
    assert conf == {"0.5": (2, 3), "0.7": (1, 2), "0.9": (1, 1), "unassessed": (0, 1)}
    assert DEFAULT_CONFIDENCE == 0.7
    assert s.value("metrics_precision_at_default") == 0.5
    assert s.value("index_results_precision_at_default") is None  # nothing to gate
    gate = Thresholds.from_dict({"b": {"metrics_precision_at_default_conf": 0.6,
                                       "index_results_precision_at_default": 0.9}})  # fmt: skip
    assert [f.key for f in gate.check_set("b", s)] == ["metrics_precision_at_default"]
    report = EvalReport(backends=[BackendReport(backend="b", sets=[s])])
    d = to_dict(report)["backends"][0]["sets"][0]["types"]["metrics"]
    assert d["precision_at_default"] == 0.5
    assert d["confidence"]["0.5"] == {"predicted": 3, "correct": 2, "precision": 0.667}
    md = to_markdown(report)
    assert "### Precision at confidence cut-offs" in md
    assert "| conf | metrics | 0.667 (2/3) | 0.500 (1/2) | 1.000 (1/1) | 0.000 (0/1) |" in md


def test_eval_judges_field_evidence_and_lists_errors_without_it():
    good = _split_fact(confidence=0.4).model_dump(mode="json")
    assert grounding_problem("index_results", good, TEXT) is None
    bad = {**good, "field_evidence": {**good["field_evidence"], "rank": {
        **good["field_evidence"]["rank"], "start": 0}}}  # fmt: skip
    problem = grounding_problem("index_results", bad, TEXT)
    assert problem is not None and "field_evidence.rank" in problem
    listed = compact(good)
    assert "field_evidence" not in listed and listed["confidence"] == 0.4
