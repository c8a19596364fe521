"""The LLM planner (``llmx ask --planner openai``): instructor has the model fill in the
same typed query the offline parser produces; the answer is still built from stored records
by ``execute``, so a model can misread a question but never supply a fact.

What the model returns is checked against the question: a plan naming an entity, year,
rank, initiative or component the question does not contain is not used (tiny models copy
their prompt's examples). A plan that passes is resolved like the parser's output: its
entity against the gazetteer and the store's names (an entity the store does not know stays
unknown and finds nothing). Any failure (no server, a timeout, invalid JSON after
``max_retries`` re-asks, a value outside the schema, an invented value, a plan with less
structure than the offline parse) falls back to the offline parser; the notes say so.

The planner shares the LLM layer with extraction: its settings are an ``LLMConfig``
(``llmx.llm.config``: the same key handling and mode map), its client comes from
``llmx.llm.provider.sync_instructor`` (synchronous; one attempt within ``timeout``, no HTTP
retries, no cache), and its prompt is ``prompts/plan_system.j2``, loaded and versioned by
``llmx.llm.prompts`` (``plan_prompt_version``). openai and instructor are imported only when
this planner is used.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from pydantic import ConfigDict

from llmx.core.gazetteer import get_gazetteer
from llmx.core.textnorm import fold
from llmx.llm.config import DEFAULT_MODEL, LLMConfig
from llmx.qa.names import NameIndex, key
from llmx.qa.parse_rules import LEADER, clean_question, parse
from llmx.qa.plan_model import QueryFilters
from llmx.qa.query import ASK_KINDS, NEEDS_ENTITY, Query

PLAN_MAX_TOKENS = 256  # a plan is a few short fields


def system_prompt() -> str:
    """The planner's system prompt (``prompts/plan_system.j2``, the ask kinds as data)."""
    from llmx.llm.prompts import load_plan_prompts

    return load_plan_prompts().system(ASK_KINDS)


def plan_prompt_version() -> str:
    from llmx.llm.prompts import load_plan_prompts

    return load_plan_prompts().version


def planner_config(
    *,
    model: str = DEFAULT_MODEL,
    base_url: str | None = None,
    api_key: str | None = None,
    timeout: float = 30.0,
    max_retries: int = 1,
    mode: str = "json",
) -> LLMConfig:
    """The planner's settings: fail fast (one HTTP attempt within ``timeout``: the client's
    retries are off and nothing retries around it; no cache); ``max_retries`` re-asks after
    an invalid plan. It reads no environment variables itself: ``llmx ask`` resolves
    OPENAI_API_KEY / OPENAI_BASE_URL / LLMX_MODEL (``config.from_options``) before calling."""
    return LLMConfig(
        model=model,
        base_url=base_url,
        api_key=api_key,  # pydantic makes it a SecretStr
        mode=mode,  # validated against ModeName
        timeout=timeout,
        deadline=timeout,
        max_attempts=1,
        max_retries=max_retries,
        max_tokens=PLAN_MAX_TOKENS,
        temperature=0.0,
        cache=False,
    )


class PlannedQuery(QueryFilters):
    """The query model as the LLM fills it: same fields; stray extra keys are ignored
    rather than failing the whole plan."""

    model_config = ConfigDict(extra="ignore")


def make_client(
    base_url: str | None,
    api_key: str | None,
    timeout: float,
    mode: str = "json",
    *,
    http_client: Any = None,
) -> Any:
    """instructor over a synchronous OpenAI client; no HTTP retries (a failed plan falls
    back to the offline parser at once). ``http_client``: an httpx.Client (tests)."""
    from llmx.llm.provider import sync_instructor

    config = planner_config(base_url=base_url, api_key=api_key, timeout=timeout, mode=mode)
    return sync_instructor(config, http_client=http_client)


def plan_with_llm(
    question: str,
    names: NameIndex,
    *,
    model: str = DEFAULT_MODEL,
    base_url: str | None = None,
    api_key: str | None = None,
    timeout: float = 30.0,
    max_retries: int = 1,
    mode: str = "json",
    client: Any = None,
) -> Query:
    """The query an LLM reads from ``question``; the offline parse if the LLM fails."""
    text = clean_question(question)
    offline = parse(text, names)
    try:
        config = planner_config(
            model=model,
            base_url=base_url,
            api_key=api_key,
            timeout=timeout,
            max_retries=max_retries,
            mode=mode,
        )
        if client is None:
            from llmx.llm.provider import sync_instructor

            client = sync_instructor(config)
        planned = client.chat.completions.create(
            model=config.model,
            response_model=PlannedQuery,
            messages=[
                {"role": "system", "content": system_prompt()},
                {"role": "user", "content": text},
            ],
            max_retries=config.max_retries,
            temperature=config.temperature,
            max_tokens=config.max_tokens,
        )
    except Exception as exc:  # noqa: BLE001 - any planner failure: plan offline instead
        note = f"LLM planner failed ({failure(exc, timeout, api_key)}); offline parser used"
        return replace(offline, notes=[*offline.notes, note])
    invented = unsupported(planned, text, offline, names)
    if invented:
        note = "LLM plan not in the question (" + "; ".join(invented) + "); offline parser used"
        return replace(offline, notes=[*offline.notes, note])
    if offline.ask != "free_text" and (
        planned.ask == "free_text" or (planned.ask in NEEDS_ENTITY and not planned.entity)
    ):
        # The model found less structure than the parser did: nothing to gain from it.
        note = "LLM plan less specific than the offline parse; offline parser used"
        return replace(offline, notes=[*offline.notes, note])
    return resolve(planned, offline, names, planner=f"openai:{model}")


def failure(exc: BaseException, timeout: float, api_key: str | None) -> str:
    """What went wrong, in the LLM layer's words (``transport.describe``: a timeout, a
    refused connection, an HTTP status), never showing the key."""
    try:
        from llmx.llm.transport import describe

        text = describe(exc, timeout=timeout)
    except Exception:  # noqa: BLE001 - openai missing, say: the exception's name is enough
        text = type(exc).__name__
    return text.replace(api_key, "***") if api_key and len(api_key) > 3 else text


def unsupported(
    planned: QueryFilters, question: str, offline: Query, names: NameIndex
) -> list[str]:
    """Literal values of the plan that the question does not contain: an entity, initiative
    or component it does not name, a year, rank or count it does not state. A small model
    copies its prompt's examples; such a plan would answer another question (from stored
    records, but still not the one asked), so it is not used."""
    qkey = f" {key(question)} "
    numbers = {int(n) for n in re.findall(r"\d+", question) if len(n) <= 4}
    out: list[str] = []
    if planned.entity and not _named(planned.entity, qkey, names):
        out.append(f"entity {planned.entity!r}")
    for label, value in (("initiative", planned.initiative), ("component", planned.component)):
        if value and not _mostly_in(value, qkey):
            out.append(f"{label} {value!r}")
    for label, number, parsed in (
        ("year", planned.year, {offline.year, offline.year_from}),
        ("year", planned.year_from, {offline.year, offline.year_from}),
        ("n", planned.n, {offline.n}),
    ):
        if number is not None and number not in numbers and number not in parsed:
            out.append(f"{label} {number}")
    if planned.rank is not None and planned.rank not in numbers | {offline.rank}:
        if not (planned.rank == 1 and LEADER.search(qkey)):
            out.append(f"rank {planned.rank}")
    return out


def _named(entity: str, qkey: str, names: NameIndex) -> bool:
    """The question names this entity (any alias of the province it resolves to counts)."""
    if f" {key(entity)} " in qkey:
        return True
    p = get_gazetteer().lookup(entity)
    return p is not None and any(f" {key(a)} " in qkey for a in p.all_names())


def _mostly_in(value: str, qkey: str) -> bool:
    toks = key(value).split()
    return bool(toks) and sum(f" {t} " in qkey for t in toks) / len(toks) >= 0.6


def resolve(planned: QueryFilters, offline: Query, names: NameIndex, *, planner: str) -> Query:
    """The LLM's filters as a Query: its entity looked up among known names, the
    question's language and content words taken from the question itself."""
    fields = planned.model_dump(include=set(QueryFilters.model_fields))
    q = Query(**fields, lang=offline.lang, keywords=offline.keywords, planner=planner)
    if planned.entity:
        q.entity, q.entity_keys = _entity(planned.entity, names)
    if q.ask == "metric" and not q.metric:
        q.metric = " ".join(offline.keywords) or None
    return q


def _entity(name: str, names: NameIndex) -> tuple[str, list[str]]:
    """(display name, store keys) for a name the model wrote. Unknown names keep their
    folded form as the only key: they match no stored record."""
    for m in names.find(name):
        if m.province is not None:
            return m.province.name, names.keys_for(m.province)
        if m.store_keys:
            return m.text, list(m.store_keys)
    p = get_gazetteer().lookup(name)
    if p is not None:
        return p.name, names.keys_for(p)
    return name, [fold(name)]
