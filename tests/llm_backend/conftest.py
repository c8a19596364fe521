"""Fixtures for the LLM backend tests: a scripted server and backends pointed at it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from .fakellm import SECRET, FakeLLM


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
        opts: dict[str, Any] = {
            "model": "fake",
            "base_url": fake_llm.url,
            "api_key": SECRET,
            "mode": "json",
            "cache": False,
            "cache_path": tmp_path / "cache.db",
            "timeout": 1.0,
            "deadline": 3.0,
            "backoff_initial": 0.01,
            "backoff_max": 0.05,
            "max_retries": 1,
        }
        opts.update(options)
        backend = build_openai_backend(**opts)
        made.append(backend)
        return backend

    yield make
    for b in made:
        b.close()
