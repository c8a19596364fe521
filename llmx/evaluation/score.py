"""Scores of one backend on one gold set: P/R/F1 per record type (micro and macro),
per-field accuracy over matched pairs, ungrounded predictions, and an error list."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from llmx.core.records import RECORD_TYPES, DocumentExtraction
from llmx.errors import InputError
from llmx.evaluation.gold import RECORD_TYPE_NAMES, GoldSet
from llmx.evaluation.match import FIELDS, field_results, match_records, token_overlap

ErrorKind = Literal["miss", "false_positive", "wrong_fields", "ungrounded"]
_ERROR_ORDER = {"miss": 0, "false_positive": 1, "ungrounded": 2, "wrong_fields": 3}


class PredictedDoc(BaseModel):
    """A backend's records for one document, as plain contract-shaped dicts (leniently
    read, so a prediction file with a bad record is scored instead of rejected)."""

    doc_id: str
    backend: str = ""
    sha256: str | None = None
    records: dict[str, list[dict[str, Any]]] = Field(default_factory=dict)

    @classmethod
    def from_extraction(cls, ex: DocumentExtraction) -> PredictedDoc:
        data = ex.model_dump(mode="json")
        return cls(
            doc_id=ex.doc_id,
            backend=ex.backend,
            sha256=ex.sha256,
            records={t: data[t] for t in RECORD_TYPE_NAMES},
        )

    @classmethod
    def from_json(cls, data: Any) -> PredictedDoc:
        """From one DocumentExtraction JSON object; InputError when it is not one."""
        if not isinstance(data, dict):
            raise InputError("expected a JSON object")
        doc_id = data.get("doc_id")
        if not isinstance(doc_id, str) or not doc_id:
            raise InputError("missing doc_id")
        records: dict[str, list[dict[str, Any]]] = {}
        for t in RECORD_TYPE_NAMES:
            items = data.get(t, [])
            if not isinstance(items, list) or not all(isinstance(r, dict) for r in items):
                raise InputError(f"{doc_id}: {t} must be a list of objects")
            records[t] = items
        backend = data.get("backend")
        sha = data.get("sha256")
        return cls(
            doc_id=doc_id,
            backend=backend if isinstance(backend, str) else "",
            sha256=sha if isinstance(sha, str) else None,
            records=records,
        )


class FieldScore(BaseModel):
    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None


class TypeScore(BaseModel):
    tp: int = 0
    fp: int = 0
    fn: int = 0
    optional_matched: int = 0
    gold: int = 0  # required gold records
    predicted: int = 0
    precision: float | None = None
    recall: float | None = None
    f1: float | None = None
    macro_f1: float | None = None
    macro_docs: int = 0
    fields: dict[str, FieldScore] = Field(default_factory=dict)
    all_fields: FieldScore = Field(default_factory=FieldScore)  # pairs with every field right
    name_overlap_mean: float | None = None  # metrics: mean token Jaccard of matched names
    per_doc_f1: dict[str, float] = Field(default_factory=dict)


class ErrorItem(BaseModel):
    doc_id: str
    record_type: str
    kind: ErrorKind
    record: dict[str, Any]
    quote: str | None = None
    detail: str | None = None


class SetScore(BaseModel):
    set_name: str
    backend: str
    docs: int = 0
    types: dict[str, TypeScore] = Field(default_factory=dict)
    predictions: int = 0
    ungrounded: int = 0
    errors: list[ErrorItem] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def value(self, metric: str) -> float | None:
        """A gated number by name: '<type>_f1', '<type>_precision', '<type>_recall',
        '<type>_macro_f1', or 'ungrounded'."""
        if metric == "ungrounded":
            return float(self.ungrounded)
        for t, ts in self.types.items():
            if metric.startswith(t + "_"):
                return getattr(ts, metric[len(t) + 1 :], None)
        return None


def prf(tp: int, fp: int, fn: int) -> tuple[float | None, float | None, float | None]:
    """Precision, recall, F1; all None when there is nothing to score (no gold, no
    predictions); 0.0 for an empty denominator otherwise."""
    if tp + fp + fn == 0:
        return None, None, None
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def grounding_problem(record_type: str, rec: dict[str, Any], text: str) -> str | None:
    """Why a predicted record is not grounded in ``text`` (None when it is): its evidence
    span must equal its quote and the record must re-validate with the text as context."""
    ev = rec.get("evidence")
    if not isinstance(ev, dict):
        return "no evidence"
    quote, start, end = ev.get("quote"), ev.get("start"), ev.get("end")
    if not isinstance(quote, str) or not isinstance(start, int) or not isinstance(end, int):
        return "evidence without quote or offsets"
    if text[start:end] != quote:
        return f"evidence span [{start}:{end}] does not match its quote in the text"
    try:
        RECORD_TYPES[record_type].model_validate(rec, context={"text": text})
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(x) for x in first.get("loc", ()))
        return f"invalid record{' (' + loc + ')' if loc else ''}: {first.get('msg')}"
    return None


_DEFAULTS = {"is_target": False, "scope": "national", "entity_level": "province", "unit": ""}


def compact(rec: dict[str, Any]) -> dict[str, Any]:
    """A record without evidence, nulls and default values, for error listings."""
    return {
        k: v
        for k, v in rec.items()
        if k not in ("evidence", "optional") and v is not None and _DEFAULTS.get(k, ...) != v
    }


def _quote(rec: dict[str, Any]) -> str | None:
    ev = rec.get("evidence")
    q = ev.get("quote") if isinstance(ev, dict) else None
    return q if isinstance(q, str) else None


def score_set(gold_set: GoldSet, predictions: Mapping[str, PredictedDoc], backend: str) -> SetScore:
    """Score ``predictions`` (by doc_id) against every document of ``gold_set``. A gold
    document without predictions counts as predicting nothing."""
    out = SetScore(set_name=gold_set.name, backend=backend, docs=len(gold_set.docs))
    types = {t: TypeScore(fields={f: FieldScore() for f in FIELDS[t]}) for t in RECORD_TYPE_NAMES}
    overlaps: dict[str, list[float]] = {t: [] for t in RECORD_TYPE_NAMES}
    errors: list[ErrorItem] = []
    missing = []
    for gdoc in gold_set.docs:
        text = gdoc.document.text
        pred = predictions.get(gdoc.doc_id)
        if pred is None:
            missing.append(gdoc.doc_id)
            pred = PredictedDoc(doc_id=gdoc.doc_id)
        elif pred.sha256 and pred.sha256 != gdoc.document.sha256:
            out.warnings.append(
                f"{gdoc.doc_id}: predictions were made from other bytes (sha256 differs)"
            )
        for t in RECORD_TYPE_NAMES:
            ts = types[t]
            preds = pred.records.get(t, [])
            golds = [g.for_matching() for g in gdoc.of_type(t)]
            m = match_records(t, preds, golds)
            ts.tp += m.tp
            ts.fp += m.fp
            ts.fn += m.fn
            ts.optional_matched += len(m.optional_pairs)
            ts.gold += sum(1 for g in golds if not g["optional"])
            ts.predicted += len(preds)
            _, _, doc_f1 = prf(m.tp, m.fp, m.fn)
            if doc_f1 is not None:
                ts.per_doc_f1[gdoc.doc_id] = doc_f1
            for pi, gi in m.pairs:
                res = field_results(t, preds[pi], golds[gi])
                for f, ok in res.items():
                    ts.fields[f].total += 1
                    ts.fields[f].correct += ok
                ts.all_fields.total += 1
                ts.all_fields.correct += all(res.values())
                if t == "metrics":
                    overlaps[t].append(token_overlap(preds[pi].get("name"), golds[gi].get("name")))
                wrong = [f for f, ok in res.items() if not ok]
                if wrong:
                    errors.append(
                        ErrorItem(
                            doc_id=gdoc.doc_id,
                            record_type=t,
                            kind="wrong_fields",
                            record=compact(preds[pi]),
                            quote=_quote(preds[pi]),
                            detail="; ".join(
                                f"{f}: {preds[pi].get(f)!r} (gold {golds[gi].get(f)!r})"
                                for f in wrong
                            ),
                        )
                    )
            for gi in m.missed:
                errors.append(
                    ErrorItem(
                        doc_id=gdoc.doc_id,
                        record_type=t,
                        kind="miss",
                        record=compact(golds[gi]),
                        quote=_quote(golds[gi]),
                    )
                )
            for pi in m.false_positives:
                errors.append(
                    ErrorItem(
                        doc_id=gdoc.doc_id,
                        record_type=t,
                        kind="false_positive",
                        record=compact(preds[pi]),
                        quote=_quote(preds[pi]),
                    )
                )
            for rec in preds:
                out.predictions += 1
                problem = grounding_problem(t, rec, text)
                if problem is not None:
                    out.ungrounded += 1
                    errors.append(
                        ErrorItem(
                            doc_id=gdoc.doc_id,
                            record_type=t,
                            kind="ungrounded",
                            record=compact(rec),
                            quote=_quote(rec),
                            detail=problem,
                        )
                    )
    if missing:
        out.warnings.append(
            f"no predictions for {len(missing)} document(s): "
            + ", ".join(missing[:5])
            + (" …" if len(missing) > 5 else "")
        )
    for t, ts in types.items():
        ts.precision, ts.recall, ts.f1 = prf(ts.tp, ts.fp, ts.fn)
        ts.macro_docs = len(ts.per_doc_f1)
        if ts.per_doc_f1:
            ts.macro_f1 = sum(ts.per_doc_f1.values()) / len(ts.per_doc_f1)
        if overlaps[t]:
            ts.name_overlap_mean = sum(overlaps[t]) / len(overlaps[t])
    out.types = types
    order = {d: i for i, d in enumerate(gold_set.doc_ids())}
    errors.sort(
        key=lambda e: (
            _ERROR_ORDER[e.kind],
            order.get(e.doc_id, 0),
            RECORD_TYPE_NAMES.index(e.record_type),
        )
    )
    out.errors = errors
    return out
