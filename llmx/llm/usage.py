"""Per-document token accounting, fed by instructor's ``completion:response`` hook.

``attach(client)`` registers ``count_response`` on an instructor client (the provider layer
does it for every client it builds); instructor calls it with each completion its retry
loop receives, re-asks included. Requests of one document (its chunks and re-asks) run in
tasks that share a context, so a context variable (``tracking``) routes each response to the
right document even with many documents in flight; outside ``tracking`` nothing is counted.

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


def attach(client: Any) -> Any:
    """Count ``client``'s responses (an instructor ``Instructor``/``AsyncInstructor``, or
    anything with their ``on(hook_name, handler)``). Returns ``client``."""
    client.on(RESPONSE_HOOK, count_response)
    return client
