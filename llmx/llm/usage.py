"""Per-document token accounting, fed by instructor's ``completion:response`` hook.

``attach(client)`` registers ``count_response`` on an instructor client (the provider layer
does it for every client it builds); instructor calls it with each completion its retry
loop receives, re-asks included. Requests of one document (its chunks and re-asks) run in
tasks that share a context, so a context variable (``tracking``) routes each response to the
right document even with many documents in flight; outside ``tracking`` nothing is counted.

Prompt tokens the server served from its prefix cache are counted apart as well
(``cached_prompt_tokens``, from ``usage.prompt_tokens_details.cached_tokens``, which OpenAI,
vLLM and llama.cpp's server report; llama.cpp's ``timings.cache_n`` where that is all
there is): they show whether the static prefix of the requests is being reused.

A response replayed from the response cache is marked by its class (``from_cache``, see
``llmx.llm.provider``): it counts as cached, never as a request, and its tokens are not
billed again.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from llmx.core.outcome import Usage

RESPONSE_HOOK = "completion:response"

_CURRENT: ContextVar[Usage | None] = ContextVar("llmx_usage", default=None)


@contextmanager
def tracking(usage: Usage) -> Iterator[Usage]:
    token = _CURRENT.set(usage)
    try:
        yield usage
    finally:
        _CURRENT.reset(token)


def from_cache(response: Any) -> bool:
    """Whether ``response`` was replayed from the cache (a class attribute, so no field a
    server sends can fake it)."""
    return bool(getattr(type(response), "llmx_from_cache", False))


def count_response(response: Any) -> None:
    """instructor's ``completion:response`` handler. Over HTTP: one request and its tokens
    (billed); from the cache: one cached answer, nothing spent."""
    usage = _CURRENT.get()
    if usage is None:
        return
    if from_cache(response):
        usage.cached += 1
        return
    usage.requests += 1
    u = getattr(response, "usage", None)
    if u is not None:
        usage.prompt_tokens += int(getattr(u, "prompt_tokens", 0) or 0)
        usage.completion_tokens += int(getattr(u, "completion_tokens", 0) or 0)
    usage.cached_prompt_tokens += cached_prompt_tokens(response)


def cached_prompt_tokens(response: Any) -> int:
    """Prompt tokens the server did not evaluate again (its prefix cache)."""
    u = getattr(response, "usage", None)
    details = getattr(u, "prompt_tokens_details", None)
    cached = getattr(details, "cached_tokens", None)
    if cached is None:
        timings = (getattr(response, "model_extra", None) or {}).get("timings")
        cached = timings.get("cache_n") if isinstance(timings, dict) else None
    return int(cached) if isinstance(cached, int | float) and cached > 0 else 0


def attach(client: Any) -> Any:
    """Count ``client``'s responses (an instructor ``Instructor``/``AsyncInstructor``, or
    anything with their ``on(hook_name, handler)``). Returns ``client``."""
    client.on(RESPONSE_HOOK, count_response)
    return client
