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
from llmx.store import Store


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


def _citation(r: Any, primary: bool) -> Citation:
    ev = r.evidence
    return Citation(doc_id=r.doc_id, quote=ev.quote, start=ev.start, end=ev.end, primary=primary)


def _record(h: Hit) -> dict[str, Any]:
    r = h.record
    d = r.model_dump(mode="json")
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
    for h in res.hits:
        for r in [h.record, *h.support]:
            k = (r.doc_id, r.evidence.start, r.evidence.end)
            if k in seen:
                continue
            seen.add(k)
            citations.append(_citation(r, h.primary))
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
