"""Scores of one backend on one gold set, per record type:

* **record** P/R/F1 (micro and macro): a prediction counts when it shares a gold fact's key
  *and* every labelled field agrees; a record with a wrong field is a false positive and
  leaves its gold fact missed;
* **key** P/R/F1: pairs sharing the key, whatever their fields (with per-field accuracy over
  those pairs);
* **slot** P/R/F1: every (fact key, field, value) counted alone (``llmx.evaluation.slots``);
* **key confusion**: what was wrong with predictions that share no gold key
  (``llmx.evaluation.confusion``);
* **precision at confidence cut-offs**: record precision among the predictions whose
  ``confidence`` is at least each cut-off (``CONFIDENCE_CUTOFFS``), and among those without
  one ("unassessed"); gold has no confidence. ``precision_at_default`` is the one at
  ``DEFAULT_CONFIDENCE``, which thresholds can gate;
* ungrounded predictions, and an error list."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from llmx.core.records import DEFAULT_CONFIDENCE, RECORD_TYPES, DocumentExtraction
from llmx.errors import InputError
from llmx.evaluation.confusion import CONFUSION_KINDS, classify
from llmx.evaluation.gold import RECORD_TYPE_NAMES, GoldSet
from llmx.evaluation.match import (
    FIELDS,
    align_sub_index_types,
    field_results,
    match_records,
    token_overlap,
)
from llmx.evaluation.slots import SLOT_FIELDS, SlotCounts, score_slots

ErrorKind = Literal["miss", "false_positive", "wrong_fields", "ungrounded"]

CONFIDENCE_CUTOFFS: tuple[float, ...] = (0.5, 0.7, 0.9)
UNASSESSED = "unassessed"
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


class Counts(BaseModel):
    tp: int = 0
    fp: int = 0
    fn: int = 0
    precision: float | None = None
    recall: float | None = None
    f1: float | None = None

    def finish(self) -> None:
        self.precision, self.recall, self.f1 = prf(self.tp, self.fp, self.fn)


class Precision(BaseModel):
    """Record precision over a subset of the scored predictions."""

    predicted: int = 0  # scored predictions (those paired with optional gold aside)
    correct: int = 0  # of them, key and every labelled field right

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None


def cutoff_label(cutoff: float) -> str:
    return f"{cutoff:g}"


def confidence_of(rec: dict[str, Any]) -> float | None:
    """A prediction's confidence, or None when it has none usable (predictions are read
    leniently: a non-number or one outside [0, 1] counts as not assessed)."""
    c = rec.get("confidence")
    if isinstance(c, bool) or not isinstance(c, int | float) or not 0 <= c <= 1:
        return None
    return float(c)


class TypeScore(BaseModel):
    # record level (key and every labelled field agree)
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
    key: Counts = Field(default_factory=Counts)  # pairs sharing the key, fields aside
    slots: Counts = Field(default_factory=Counts)
    slot_fields: dict[str, Counts] = Field(default_factory=dict)
    confusion: dict[str, int] = Field(default_factory=dict)  # key-unpaired predictions
    fields: dict[str, FieldScore] = Field(default_factory=dict)
    all_fields: FieldScore = Field(default_factory=FieldScore)  # pairs with every field right
    name_overlap_mean: float | None = None  # metrics: mean token Jaccard of matched names
    per_doc_f1: dict[str, float] = Field(default_factory=dict)
    # cut-off label ("0.7") or "unassessed" -> precision of those predictions
    confidence: dict[str, Precision] = Field(
        default_factory=lambda: {
            **{cutoff_label(c): Precision() for c in CONFIDENCE_CUTOFFS},
            UNASSESSED: Precision(),
        }
    )

    @property
    def precision_at_default(self) -> float | None:
        """Record precision of the predictions with confidence >= ``DEFAULT_CONFIDENCE``."""
        return self.confidence[cutoff_label(DEFAULT_CONFIDENCE)].precision

    def count_confidence(self, rec: dict[str, Any], correct: bool) -> None:
        conf = confidence_of(rec)
        if conf is None:
            buckets = [UNASSESSED]
        else:
            buckets = [cutoff_label(c) for c in CONFIDENCE_CUTOFFS if conf >= c]
        for b in buckets:
            self.confidence[b].predicted += 1
            self.confidence[b].correct += correct


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
        '<type>_macro_f1', '<type>_precision_at_default', or 'ungrounded'."""
        if metric == "ungrounded":
            return float(self.ungrounded)
        for t, ts in self.types.items():
            if metric.startswith(t + "_"):
                rest = metric[len(t) + 1 :]
                for level in ("key", "slot"):
                    if rest.startswith(level + "_"):
                        counts = ts.key if level == "key" else ts.slots
                        return getattr(counts, rest[len(level) + 1 :], None)
                return getattr(ts, rest, None)
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
    """A record without evidence (its own or its fields'), nulls and default values, for
    error listings."""
    return {
        k: v
        for k, v in rec.items()
        if k not in ("evidence", "field_evidence", "optional")
        and v is not None
        and _DEFAULTS.get(k, ...) != v
    }


def _quote(rec: dict[str, Any]) -> str | None:
    ev = rec.get("evidence")
    q = ev.get("quote") if isinstance(ev, dict) else None
    return q if isinstance(q, str) else None


def score_set(gold_set: GoldSet, predictions: Mapping[str, PredictedDoc], backend: str) -> SetScore:
    """Score ``predictions`` (by doc_id) against every document of ``gold_set``. A gold
    document without predictions counts as predicting nothing."""
    out = SetScore(set_name=gold_set.name, backend=backend, docs=len(gold_set.docs))
    types = {
        t: TypeScore(
            fields={f: FieldScore() for f in FIELDS[t]},
            slot_fields={f: Counts() for f in SLOT_FIELDS[t]},
            confusion={k: 0 for k in CONFUSION_KINDS} if t != "initiatives" else {},
        )
        for t in RECORD_TYPE_NAMES
    }
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
        gold_by_type = {t: [g.for_matching() for g in gdoc.of_type(t)] for t in RECORD_TYPE_NAMES}
        aligned = align_sub_index_types(pred.records, gold_by_type)
        for t in RECORD_TYPE_NAMES:
            ts = types[t]
            preds = aligned.get(t, [])
            golds = gold_by_type[t]
            m = match_records(t, preds, golds)
            ts.key.tp += m.tp
            ts.key.fp += m.fp
            ts.key.fn += m.fn
            ts.optional_matched += len(m.optional_pairs)
            ts.gold += sum(1 for g in golds if not g["optional"])
            ts.predicted += len(preds)  # after sub-index scores moved to the gold's type
            strict = 0
            for pi, gi in m.pairs:
                res = field_results(t, preds[pi], golds[gi])
                for f, ok in res.items():
                    ts.fields[f].total += 1
                    ts.fields[f].correct += ok
                ts.all_fields.total += 1
                ts.all_fields.correct += all(res.values())
                strict += all(res.values())
                ts.count_confidence(preds[pi], all(res.values()))
            for pi in m.false_positives:
                ts.count_confidence(preds[pi], False)
            doc_tp, doc_fp, doc_fn = strict, m.fp + m.tp - strict, m.fn + m.tp - strict
            ts.tp += doc_tp
            ts.fp += doc_fp
            ts.fn += doc_fn
            _, _, doc_f1 = prf(doc_tp, doc_fp, doc_fn)
            if doc_f1 is not None:
                ts.per_doc_f1[gdoc.doc_id] = doc_f1
            slots = score_slots(t, preds, golds)
            for f, c in slots.by_field.items():
                sc = ts.slot_fields[f]
                sc.tp, sc.fp, sc.fn = sc.tp + c.tp, sc.fp + c.fp, sc.fn + c.fn
            if ts.confusion:
                others = [(o, g) for o in RECORD_TYPE_NAMES if o != t
                          for g in (r.record for r in gdoc.of_type(o))]  # fmt: skip
                for pi in m.false_positives:
                    ts.confusion[classify(t, preds[pi], golds, others)] += 1
            for pi, gi in m.pairs:
                res = field_results(t, preds[pi], golds[gi])
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
            for rec in pred.records.get(t, []):  # grounding is judged as predicted
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
        ts.key.finish()
        total = SlotCounts()
        for fc in ts.slot_fields.values():
            fc.finish()
            total.tp, total.fp, total.fn = total.tp + fc.tp, total.fp + fc.fp, total.fn + fc.fn
        ts.slots = Counts(tp=total.tp, fp=total.fp, fn=total.fn)
        ts.slots.finish()
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
