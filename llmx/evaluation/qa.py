"""QA scoring on the structured answer: the records an answer rests on, not its sentence.

Each question (``llmx.evaluation.qa_items.QAItem``) is asked through ``ask``; the answer's
*primary* records (role ``best`` or ``tie``) are compared with the item's ``expect``:

* the set of entities they are about must be exactly the expected set;
* for each expected entity, one of its primary records must carry the expected figure
  (``field``/``value``, or ``values`` per entity), year and index when those are given;
* a count is the number of distinct primary entities, or a primary metric's value;
* initiative ``names`` must each be among the primary records' names;
* one primary citation must overlap a source quote of the item, or the evidence of a gold
  record of an expected entity in the same document.

Beside it, the search-box baseline (``llmx.evaluation.bm25``): for each answerable question,
whether the top BM25 sentence among the set's documents holds the answer; its rate over the
answerable questions is ``bm25_top_sentence``, to be read against ``answer_accuracy``.

Every question ends as exactly one of **correct**, **wrong** (answered, and wrong in any of
those respects) or **refused** (an answerable question left unanswered). For an unanswerable
question a refusal is the correct outcome and any answer is wrong. A sentence that happens
to contain the expected name does not make a wrong record right.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal

from pydantic import BaseModel, Field

from llmx.core.grounding import align_quote
from llmx.evaluation.bm25 import BM25, holds_answer
from llmx.evaluation.match import (
    INITIATIVE_MIN_RATIO,
    as_number,
    entity_key,
    name_similarity,
    value_close,
)
from llmx.evaluation.qa_items import Expect, QAItem
from llmx.evaluation.qa_items import load_qa as load_qa
from llmx.qa.answer import Answer

Outcome = Literal["correct", "wrong", "refused"]
PRIMARY_ROLES = ("best", "tie")
# Gold evidence per document: (record type, record dict with evidence offsets).
GoldEvidence = Mapping[str, Sequence[tuple[str, dict[str, Any]]]]
_TYPE_OF = {"index_result": "index_results", "metric": "metrics", "initiative": "initiatives"}


class QAResult(BaseModel):
    id: str
    question: str
    family: str = "value"
    form: str = "accented"
    answerable: bool
    outcome: Outcome = "refused"
    reason: str | None = None  # why an answer is wrong
    citation_ok: bool | None = None  # None: not checked (refused, or content already wrong)
    entities: list[str] = Field(default_factory=list)  # what the answer rests on
    expected: dict[str, Any] = Field(default_factory=dict)
    text: str = ""
    error: str | None = None
    bm25_holds: bool | None = None  # the top BM25 sentence holds the answer (answerable only)

    @property
    def correct(self) -> bool:
        return self.outcome == "correct"


class QAScore(BaseModel):
    set_name: str = "qa"
    available: bool = True
    reason: str | None = None  # why QA was not run
    questions: int = 0
    answerable: int = 0
    unanswerable: int = 0
    correct: int = 0
    wrong: int = 0
    refused: int = 0
    answerable_correct: int = 0  # answerable questions answered right
    accuracy: float | None = None  # correct / questions
    wrong_rate: float | None = None  # answered and wrong / questions
    refusal_rate: float | None = None  # answerable questions refused / questions
    answer_accuracy: float | None = None  # correct / answerable
    refusal_accuracy: float | None = None  # refused (correct) / unanswerable
    citation_accuracy: float | None = None  # right citation / answers with right content
    bm25_holds: int = 0  # answerable questions whose top BM25 sentence holds the answer
    bm25_top_sentence: float | None = None  # bm25_holds / answerable (None: no documents)
    by_family: dict[str, dict[str, int]] = Field(default_factory=dict)
    by_form: dict[str, dict[str, int]] = Field(default_factory=dict)
    results: list[QAResult] = Field(default_factory=list)

    def value(self, metric: str) -> float | None:
        """'qa_accuracy', 'qa_wrong_rate', 'qa_refusal_rate', 'qa_answer_accuracy',
        'qa_refusal_accuracy', 'qa_citation_accuracy', 'qa_bm25_top_sentence'."""
        if not self.available or not metric.startswith("qa_"):
            return None
        v = getattr(self, metric[3:], None)
        return v if isinstance(v, float) else None


# -- judging one answer ------------------------------------------------------------------------


def primary_records(answer: Answer) -> list[dict[str, Any]]:
    return [r for r in answer.records if r.get("role", "best") in PRIMARY_ROLES]


def _figure(rec: dict[str, Any], field: str) -> float | None:
    v = as_number(rec.get(field))
    if v is None and isinstance(rec.get("derived"), dict):
        v = as_number(rec["derived"].get(field))
    return v


def _figure_ok(rec: dict[str, Any], field: str, want: float) -> bool:
    have = _figure(rec, field)
    if have is None:
        return False
    if field in ("rank", "rank_total", "rank_change"):
        return round(have) == round(want)
    return value_close(have, want)


def _supports(rec: dict[str, Any], ex: Expect, want: float | None) -> bool:
    if ex.year is not None and rec.get("year") != ex.year:
        return False
    if ex.index is not None and rec.get("index", ex.index) != ex.index:
        return False
    if want is not None and ex.field is not None:
        return _figure_ok(rec, ex.field, want)
    return True


def _wanted(ex: Expect, target: float | None) -> str:
    parts = [f"{ex.field}={target:g}" if target is not None and ex.field else ""]
    parts += [f"year={ex.year}" if ex.year is not None else ""]
    parts += [f"index={ex.index}" if ex.index is not None else ""]
    return ", ".join(p for p in parts if p)


def _seen(ex: Expect, records: Sequence[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [
        (r.get("year"), r.get("index"), _figure(r, ex.field) if ex.field else None) for r in records
    ]


def content_problem(ex: Expect, records: Sequence[dict[str, Any]]) -> str | None:
    """Why the primary ``records`` do not give the expected answer (None: they do)."""
    if ex.record_type is not None:
        typed = [r for r in records if r.get("record_type", ex.record_type) == ex.record_type]
        if not typed:
            kinds = sorted({str(r.get("record_type")) for r in records})
            return f"answered with {', '.join(kinds) or 'no records'}, expected {ex.record_type}"
        records = typed
    if not records:
        return "no records"
    have = {entity_key(r.get("entity")): str(r.get("entity")) for r in records}
    if ex.entities:
        want = {entity_key(e): e for e in ex.entities}
        if set(have) != set(want):
            return f"rests on {sorted(have.values())}, expected {sorted(want.values())}"
        per_entity = {entity_key(n): v for n, v in ex.values.items()}
        for k, e in want.items():
            target = per_entity.get(k, ex.value)
            mine = [r for r in records if entity_key(r.get("entity")) == k]
            if not any(_supports(r, ex, target) for r in mine):
                return f"{e}: no record with {_wanted(ex, target)} (has {_seen(ex, mine)})"
    if ex.count is not None:
        metric_counts = [
            as_number(r.get("value")) for r in records if r.get("record_type") == "metric"
        ]
        if len(have) != ex.count and not any(
            v is not None and round(v) == ex.count for v in metric_counts
        ):
            return f"counts {len(have)}, expected {ex.count}"
    for name in ex.names:
        if not any(name_similarity(name, r.get("name")) >= INITIATIVE_MIN_RATIO for r in records):
            return f"initiative {name!r} not among {[r.get('name') for r in records]}"
    return None


def citation_problem(
    item: QAItem,
    answer: Answer,
    doc_texts: Mapping[str, str],
    gold: GoldEvidence,
) -> str | None:
    """Why no primary citation points at the answer's evidence (None: one does)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for s in item.sources:
        text = doc_texts.get(s.doc_id)
        a = align_quote(text, s.quote) if text is not None else None
        if a is not None:
            spans.setdefault(s.doc_id, []).append((a.start, a.end))
    ex = item.expect
    want = {entity_key(e) for e in ex.entities} if ex is not None else set()
    wanted_type = _TYPE_OF.get(ex.record_type or "") if ex is not None else None
    for doc_id, recs in gold.items():
        for t, rec in recs:
            if wanted_type and t != wanted_type:
                continue
            if entity_key(rec.get("entity")) in want:
                ev = rec.get("evidence") or {}
                if isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int):
                    spans.setdefault(doc_id, []).append((ev["start"], ev["end"]))
    cited = [c for c in answer.citations if c.primary]
    if not cited:
        return "no citation"
    for c in cited:
        if any(c.start < e and s < c.end for s, e in spans.get(c.doc_id, ())):
            return None
    return "citation points elsewhere: " + ", ".join(
        f"{c.doc_id}[{c.start}:{c.end}]" for c in cited[:3]
    )


def _result_for(item: QAItem) -> QAResult:
    """A result carrying the item's identity and expectation, before it is judged."""
    return QAResult(
        id=item.id,
        question=item.question,
        family=item.family,
        form=item.form,
        answerable=item.answerable,
        expected=item.expect.model_dump(exclude_defaults=True) if item.expect else {},
    )


def judge(
    item: QAItem,
    answer: Answer,
    doc_texts: Mapping[str, str] | None = None,
    gold: GoldEvidence | None = None,
) -> QAResult:
    """The outcome of one answer to one item."""
    r = _result_for(item)
    r.text = answer.text
    prim = primary_records(answer)
    r.entities = sorted({str(x.get("entity")) for x in prim})
    if not answer.found:
        r.outcome = "refused" if item.answerable else "correct"
        return r
    if not item.answerable or item.expect is None:
        r.outcome, r.reason = "wrong", "answered an unanswerable question"
        return r
    problem = content_problem(item.expect, prim)
    if problem is not None:
        r.outcome, r.reason = "wrong", problem
        return r
    cite = citation_problem(item, answer, doc_texts or {}, gold or {})
    r.citation_ok = cite is None
    r.outcome, r.reason = ("correct", None) if cite is None else ("wrong", cite)
    return r


# -- a whole set -----------------------------------------------------------------------------


def _tally(
    results: Iterable[QAResult], key: Callable[[QAResult], str]
) -> dict[str, dict[str, int]]:
    out: dict[str, Counter[str]] = {}
    for r in results:
        out.setdefault(key(r), Counter())[r.outcome] += 1
    return {
        k: {o: c.get(o, 0) for o in ("correct", "wrong", "refused")} for k, c in sorted(out.items())
    }


def summarise(results: list[QAResult], set_name: str = "qa") -> QAScore:
    def rate(n: int, d: int) -> float | None:
        return n / d if d else None

    n = len(results)
    ans = [r for r in results if r.answerable]
    una = [r for r in results if not r.answerable]
    checked = [r for r in ans if r.citation_ok is not None]
    baseline = [r for r in ans if r.bm25_holds is not None]
    outcomes = Counter(r.outcome for r in results)
    return QAScore(
        set_name=set_name,
        questions=n,
        answerable=len(ans),
        unanswerable=len(una),
        correct=outcomes["correct"],
        wrong=outcomes["wrong"],
        refused=outcomes["refused"],
        answerable_correct=sum(r.correct for r in ans),
        accuracy=rate(outcomes["correct"], n),
        wrong_rate=rate(outcomes["wrong"], n),
        refusal_rate=rate(outcomes["refused"], n),
        answer_accuracy=rate(sum(r.correct for r in ans), len(ans)),
        refusal_accuracy=rate(sum(r.correct for r in una), len(una)),
        citation_accuracy=rate(sum(bool(r.citation_ok) for r in checked), len(checked)),
        bm25_holds=sum(bool(r.bm25_holds) for r in baseline),
        bm25_top_sentence=rate(sum(bool(r.bm25_holds) for r in baseline), len(baseline)),
        by_family=_tally(results, lambda r: r.family),
        by_form=_tally(results, lambda r: r.form),
        results=results,
    )


def score_qa(
    items: Iterable[QAItem],
    ask: Callable[[str], Answer],
    doc_texts: Mapping[str, str] | None = None,
    gold: GoldEvidence | None = None,
    on_question: Callable[[QAItem], None] | None = None,
    set_name: str = "qa",
) -> QAScore:
    """Ask every question through ``ask`` and judge the answers. An exception from ``ask``
    counts the question as wrong, with the error kept in its result. With ``doc_texts``,
    each answerable question is also put to the BM25 baseline over those documents."""
    results: list[QAResult] = []
    search = BM25.of_documents(doc_texts) if doc_texts else None
    for item in items:
        if on_question is not None:
            on_question(item)
        try:
            ans = ask(item.question)
        except Exception as exc:  # noqa: BLE001 - one failing question must not stop the run
            failed = _result_for(item)
            failed.outcome, failed.reason = "wrong", "error"
            failed.error = f"{type(exc).__name__}: {exc}"
            results.append(_with_baseline(failed, item, search))
            continue
        results.append(_with_baseline(judge(item, ans, doc_texts, gold), item, search))
    return summarise(results, set_name)


def _with_baseline(result: QAResult, item: QAItem, search: BM25 | None) -> QAResult:
    """``result`` with whether the top BM25 sentence holds the answer (answerable items)."""
    if search is not None and item.answerable and item.expect is not None:
        top = search.top(item.question)
        result.bm25_holds = top is not None and holds_answer(item.expect, top.text)
    return result


def not_available(reason: str, set_name: str = "qa") -> QAScore:
    return QAScore(set_name=set_name, available=False, reason=reason)


def engine_answerer(store: Any, backend: str | None = None) -> Callable[[str], Answer]:
    """``ask`` over ``llmx.qa.engine.answer_question``, limited to ``backend``'s records."""
    from llmx.qa.engine import answer_question

    def ask(question: str) -> Answer:
        return answer_question(store, question, backend=backend)

    return ask
