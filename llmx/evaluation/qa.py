"""QA scoring: ask each question of a QA set and check the answer and its citation.

QA set (``seeds/qa.jsonl``), one JSON object a line::

    {"id", "question", "lang", "answerable", "answers": [...], "doc_id", "quote"}

* an answerable question is answered correctly when the answer is ``found`` and its text
  contains every string of ``answers`` (diacritics- and case-insensitive; a number also
  matches when written the other way, 88,54 / 88.54);
* its citation is correct when a primary citation is from ``doc_id`` and its span overlaps
  the expected quote's span in that document (or one quote contains the other, folded);
* an unanswerable question is answered correctly when the answer is not ``found``.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from llmx.core.grounding import align_quote
from llmx.core.numbers import find_numbers, readings
from llmx.core.textnorm import fold
from llmx.errors import InputError
from llmx.qa.answer import Answer


class QAItem(BaseModel):
    id: str
    question: str
    lang: str = "vi"
    answerable: bool = True
    answers: list[str] = Field(default_factory=list)
    doc_id: str | None = None
    quote: str | None = None


class QAResult(BaseModel):
    id: str
    question: str
    answerable: bool
    found: bool | None = None
    correct: bool = False
    citation_correct: bool | None = None  # None: not checked (unanswerable, or no doc_id)
    text: str = ""
    expected: list[str] = Field(default_factory=list)
    error: str | None = None


class QAScore(BaseModel):
    available: bool = True
    reason: str | None = None  # why QA was not run
    questions: int = 0
    answerable: int = 0
    unanswerable: int = 0
    accuracy: float | None = None  # all questions
    answer_accuracy: float | None = None  # answerable questions
    citation_accuracy: float | None = None  # answerable questions with doc_id
    refusal_accuracy: float | None = None  # unanswerable questions
    results: list[QAResult] = Field(default_factory=list)

    def value(self, metric: str) -> float | None:
        """'qa_accuracy', 'qa_answer_accuracy', 'qa_citation_accuracy', 'qa_refusal_accuracy'."""
        if not self.available or not metric.startswith("qa_"):
            return None
        return getattr(self, metric[3:], None)


def load_qa(path: Path) -> list[QAItem]:
    """Read a QA set; InputError naming the line for anything unreadable."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read QA set {path}: {exc}") from None
    items = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            items.append(QAItem.model_validate(json.loads(line)))
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{n}: invalid JSON ({exc.msg})") from None
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = ".".join(str(x) for x in first.get("loc", ()))
            raise InputError(f"{path}:{n}: {loc}: {first.get('msg')}") from None
    return items


def _numbers_in(text: str) -> set[float]:
    out: set[float] = set()
    for span in find_numbers(text):
        out |= readings(re.sub(r"\s*[^\d.,\s].*$", "", span.raw)) | {span.value}
    return out


def contains_answer(text: str, expected: str) -> bool:
    """``expected`` appears in ``text`` ignoring case and diacritics. A bare number must be
    a whole number of the text (so "3" is not found in "2023"), in either decimal
    convention (88,54 == 88.54)."""
    want = expected.strip()
    if re.fullmatch(r"\d[\d.,]*", want):
        values = readings(want)
        have = _numbers_in(text)
        return any(abs(v - h) <= 1e-9 * max(1.0, abs(v)) for v in values for h in have)
    return fold(want) in fold(text)


def citation_ok(
    answer: Answer, doc_id: str | None, quote: str | None, doc_texts: Mapping[str, str]
) -> bool:
    if not doc_id:
        return False
    span = None
    text = doc_texts.get(doc_id)
    if text is not None and quote:
        a = align_quote(text, quote)
        if a is not None:
            span = (a.start, a.end)
    fq = fold(quote or "")
    for c in answer.citations:
        if not c.primary or c.doc_id != doc_id:
            continue
        if span is not None and c.start < span[1] and span[0] < c.end:
            return True
        fc = fold(c.quote or "")
        if fq and fc and (fc in fq or fq in fc):
            return True
    return False


def score_qa(
    items: Iterable[QAItem],
    ask: Callable[[str], Answer],
    doc_texts: Mapping[str, str] | None = None,
    on_question: Callable[[QAItem], None] | None = None,
) -> QAScore:
    """Ask every question through ``ask`` and score the answers. An exception from ``ask``
    counts the question as wrong, with the error kept in its result."""
    doc_texts = doc_texts or {}
    results: list[QAResult] = []
    for item in items:
        if on_question is not None:
            on_question(item)
        r = QAResult(
            id=item.id, question=item.question, answerable=item.answerable, expected=item.answers
        )
        try:
            ans = ask(item.question)
        except Exception as exc:  # noqa: BLE001 - one failing question must not stop the run
            r.error = f"{type(exc).__name__}: {exc}"
            if item.answerable and item.doc_id:
                r.citation_correct = False
            results.append(r)
            continue
        r.found, r.text = ans.found, ans.text
        if item.answerable:
            r.correct = ans.found and all(contains_answer(ans.text, a) for a in item.answers)
            if item.doc_id:
                r.citation_correct = citation_ok(ans, item.doc_id, item.quote, doc_texts)
        else:
            r.correct = not ans.found
        results.append(r)

    def rate(rs: list[bool]) -> float | None:
        return sum(rs) / len(rs) if rs else None

    ans_rs = [r for r in results if r.answerable]
    una_rs = [r for r in results if not r.answerable]
    return QAScore(
        questions=len(results),
        answerable=len(ans_rs),
        unanswerable=len(una_rs),
        accuracy=rate([r.correct for r in results]),
        answer_accuracy=rate([r.correct for r in ans_rs]),
        citation_accuracy=rate(
            [r.citation_correct for r in ans_rs if r.citation_correct is not None]
        ),
        refusal_accuracy=rate([r.correct for r in una_rs]),
        results=results,
    )


def not_available(reason: str) -> QAScore:
    return QAScore(available=False, reason=reason)


def engine_answerer(store: Any, backend: str | None = None) -> Callable[[str], Answer]:
    """``ask`` over ``llmx.qa.engine.answer_question`` (ImportError when it is not built).
    ``backend`` is passed only when the engine accepts it."""
    from llmx.qa.engine import answer_question

    opts: dict[str, Any] = {}
    if backend:
        try:
            params = inspect.signature(answer_question).parameters
        except (TypeError, ValueError):
            params = {}
        if "backend" in params or any(p.kind is p.VAR_KEYWORD for p in params.values()):
            opts["backend"] = backend

    def ask(question: str) -> Answer:
        ans = answer_question(store, question, **opts)
        return ans if isinstance(ans, Answer) else Answer.model_validate(ans)

    return ask
