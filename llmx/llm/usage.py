"""Per-document token accounting. Requests of one document (its chunks and re-asks) run in
tasks that share a context, so a context variable routes each response's usage to the
right document even with many documents in flight."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from llmx.core.outcome import Usage

_CURRENT: ContextVar[Usage | None] = ContextVar("llmx_usage", default=None)


@contextmanager
def tracking(usage: Usage) -> Iterator[Usage]:
    token = _CURRENT.set(usage)
    try:
        yield usage
    finally:
        _CURRENT.reset(token)


def count_response(response: Any) -> None:
    """A response that came over HTTP: one request, its tokens (billed)."""
    usage = _CURRENT.get()
    if usage is None:
        return
    usage.requests += 1
    u = getattr(response, "usage", None)
    if u is not None:
        usage.prompt_tokens += int(getattr(u, "prompt_tokens", 0) or 0)
        usage.completion_tokens += int(getattr(u, "completion_tokens", 0) or 0)


def count_cache_hit() -> None:
    """A response replayed from the cache: no request, no tokens spent."""
    usage = _CURRENT.get()
    if usage is not None:
        usage.cached += 1
