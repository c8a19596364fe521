"""Fixtures for the LLM backend tests: a scripted server and backends pointed at it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from .fakellm import FakeLLM, fast_options


@pytest.fixture
def fake_llm() -> Iterator[FakeLLM]:
    server = FakeLLM().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def llm_backend(fake_llm: FakeLLM, tmp_path) -> Iterator[Callable[..., Any]]:
    """``make(**options)``: an OpenAIExtractor pointed at the fake server, with tiny waits
    so every fault test runs well under two seconds. Closed after the test."""
    from llmx.llm.backend import build_openai_backend

    made: list[Any] = []

    def make(**options: Any) -> Any:
        opts: dict[str, Any] = fast_options(fake_llm.url, tmp_path / "cache.db")
        opts.update(options)
        backend = build_openai_backend(**opts)
        made.append(backend)
        return backend

    yield make
    for b in made:
        b.close()


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Every wait the backend asks for, in seconds, in the order asked: retry backoff and
    Retry-After (tenacity sleeps through ``asyncio.sleep``) and the rate limiter's spacing
    (``asyncio.sleep`` in llmx/llm/transport.py). Zero-second yields are not waits and are
    left out. The waits still happen, capped at 1 s, so a deadline kept on the real clock
    works as before and a broken test fails in about a second rather than hanging; a test
    asserts on what was asked, never on how long it took."""
    real_sleep = asyncio.sleep
    asked: list[float] = []

    async def recording_sleep(delay: float, result: Any = None) -> Any:
        if delay > 0:
            asked.append(delay)
        return await real_sleep(min(delay, 1.0), result)

    monkeypatch.setattr(asyncio, "sleep", recording_sleep)
    return asked
