"""``answer_question``: question -> typed query -> stored records -> sentence + citations.

The answer is built only from records the store returns for the query; the planner (the
offline parser, or an LLM through ``llm_planner``) only decides what to look for.
"""

from __future__ import annotations

from typing import Any

from llmx.qa.answer import Answer, Citation
from llmx.qa.execute import Hit, Result, execute
from llmx.qa.names import NameIndex, build_index
from llmx.qa.parse_rules import clean_question, detect_lang_of, parse
from llmx.qa.query import Query
from llmx.qa.render import EMPTY_STORE, answer_text
from llmx.store.store import Store


def plan(
    question: str, names: NameIndex, planner: str = "rules", llm: dict[str, Any] | None = None
) -> Query:
    """The typed query for a question. ``planner``: "rules" (offline) or "openai"/"llm"."""
    if planner in ("openai", "llm"):
        from llmx.qa.llm_planner import plan_with_llm

        return plan_with_llm(question, names, **(llm or {}))
    if planner != "rules":
        raise ValueError(f"unknown planner {planner!r} (use 'rules' or 'openai')")
    return parse(question, names)


def empty_store_answer(question: str) -> Answer:
    """The answer when nothing has been extracted yet: how to fill the store."""
    lang = detect_lang_of(clean_question(question))
    return Answer(
        question=question, lang=lang, found=False, text=EMPTY_STORE[lang], reason="empty_store"
    )


def answer_question(
    store: Store,
    question: str,
    planner: str = "rules",
    backend: str | None = None,
    *,
    llm: dict[str, Any] | None = None,
) -> Answer:
    """Answer ``question`` from ``store``. ``backend`` limits the records to one extraction
    backend (None: all). ``llm``: options for the LLM planner (model, base_url, client)."""
    text = clean_question(question)
    if not store.backends():
        return empty_store_answer(question)
    names = build_index(store)
    q = plan(text, names, planner, llm)
    res = execute(store, q, names, text, backend=backend)
    return to_answer(question, res)


# The fields an answer of each kind is read from: it cites their own evidence (a rank stated
# in the sentence after the one naming the fact, say) before the record's. A record without
# field evidence is cited by its evidence alone, as before.
_ANSWER_FIELDS: dict[str, tuple[str, ...]] = {
    "rank": ("rank", "rank_total"),
    "entity_for_rank": ("rank",),
    "top": ("rank", "score"),
    "bottom": ("rank", "score"),
    "count": ("rank", "score"),
    "score": ("score",),
    "result": ("score", "rank", "rank_total", "rank_change", "score_change"),
    "metric": ("value",),
    "initiative_who": ("name",),
    "initiatives_of": ("name",),
}
_CHANGE_FIELDS = {"rank": ("rank_change", "rank"), "score": ("score_change", "score")}


def answer_fields(q: Query) -> tuple[str, ...]:
    """The record fields an answer to ``q`` states, in the order their evidence is cited."""
    if q.ask == "change":
        if q.measure is not None:
            return _CHANGE_FIELDS[q.measure]
        return (*_CHANGE_FIELDS["rank"], *_CHANGE_FIELDS["score"])
    return _ANSWER_FIELDS.get(q.ask, ())


def _citation(doc_id: str, ev: Any, primary: bool) -> Citation:
    return Citation(doc_id=doc_id, quote=ev.quote, start=ev.start, end=ev.end, primary=primary)


def _evidence_cited(r: Any, fields: tuple[str, ...]) -> list[Any]:
    """The evidence of the answered fields that have their own, then the record's."""
    own = r.field_evidence
    return [own[f] for f in fields if f in own] + [r.evidence]


def _record(h: Hit) -> dict[str, Any]:
    r = h.record
    d = r.to_json()
    d["record_type"] = {"index": "index_result", "metric": "metric", "initiative": "initiative"}[
        h.kind
    ]
    d["role"] = h.role
    if h.derived:
        d["derived"] = h.derived
    d["sources"] = h.sources
    return d


def to_answer(question: str, res: Result) -> Answer:
    q = res.query
    citations: list[Citation] = []
    seen: set[tuple[str, int, int]] = set()
    fields = answer_fields(q)
    for h in res.hits:
        for r in [h.record, *h.support]:
            for ev in _evidence_cited(r, fields):
                k = (r.doc_id, ev.start, ev.end)
                if k in seen:
                    continue
                seen.add(k)
                citations.append(_citation(r.doc_id, ev, h.primary))
    passages = [
        Citation(doc_id=p.doc_id, quote=p.text, start=p.start, end=p.end, primary=False)
        for p in res.passages
    ]
    return Answer(
        question=question,
        lang=q.lang,
        found=res.found,
        text=answer_text(res),
        query=q.describe(),
        records=[_record(h) for h in res.hits],
        citations=citations,
        passages=passages,
        reason=None if res.found else res.reason,
    )
