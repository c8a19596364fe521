"""The provider layer's clients: every OpenAI client llmx makes, and every instructor client
over one, is built here from an ``LLMConfig`` (``llmx.llm.config``), for both callers.

- ``openai_client``: OpenAI or AsyncOpenAI with the config's key (or the dummy key), base URL
  and timeout, and the client's own retries off;
- ``sync_instructor``: instructor over a synchronous client, for the QA planner
  (``llmx.qa.llm_planner``), which must fail fast: one attempt within the config's timeout,
  no HTTP retries, no cache; on any failure its caller plans offline;
- ``Completions``: extraction's completion function under instructor (cache -> concurrency
  slot -> rate limit -> retries with backoff -> AsyncOpenAI), and ``structured``, instructor
  over it (``llmx.llm.structured``).

Every instructor client built here counts usage through its ``completion:response`` hook
(``llmx.llm.usage``). openai and instructor are imported only when a client is built.
"""

from __future__ import annotations

import asyncio
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

from llmx.llm import usage
from llmx.llm.cache import ResponseCache, cache_path, request_key
from llmx.llm.config import LLMConfig, instructor_mode
from llmx.llm.structured import Structured
from llmx.llm.transport import RateLimiter, RetryPolicy, with_retries

if TYPE_CHECKING:
    from openai.types.chat import ChatCompletion


def openai_client(config: LLMConfig, *, asynchronous: bool, http_client: Any = None) -> Any:
    """The OpenAI client for ``config``: its retries off (``max_retries=0``; extraction's are
    ``transport.with_retries``, the planner has none). ``http_client``: an httpx client of
    the matching kind (tests)."""
    import openai

    options: dict[str, Any] = {
        "api_key": config.key,
        "base_url": config.base_url or None,
        "max_retries": 0,
        "timeout": config.timeout,
        "http_client": http_client,
    }
    return openai.AsyncOpenAI(**options) if asynchronous else openai.OpenAI(**options)


def sync_instructor(config: LLMConfig, *, http_client: Any = None) -> Any:
    """instructor (``instructor.Instructor``) over a synchronous OpenAI client, in the
    config's mode, counting usage."""
    import instructor

    client = openai_client(config, asynchronous=False, http_client=http_client)
    return usage.attach(instructor.from_openai(client, mode=instructor_mode(config.resolved_mode)))


@cache
def cached_completion_type() -> type[ChatCompletion]:
    """ChatCompletion for answers replayed from the response cache: the same fields, and a
    class marker that ``usage`` counts as cached, not as a request."""
    from openai.types.chat import ChatCompletion

    class CachedCompletion(ChatCompletion):
        llmx_from_cache: ClassVar[bool] = True

    return CachedCompletion


class Completions:
    """Extraction's completion function and what it owns: the response cache (opened now, so
    a bad path fails at once), the retry policy, the rate limiter, the AsyncOpenAI client and
    the concurrency slots (made by ``structured``, on the event loop that runs them)."""

    def __init__(self, config: LLMConfig) -> None:
        self.config = config
        self.mode = config.resolved_mode
        self.http_requests = 0  # requests actually sent, for summaries and tests
        self.policy = RetryPolicy(
            timeout=config.timeout,
            deadline=config.deadline,
            max_attempts=config.max_attempts,
            backoff_initial=config.backoff_initial,
            backoff_max=config.backoff_max,
        )
        self.limiter = RateLimiter(config.rpm)
        self.cache: ResponseCache | None = None
        if config.cache:
            self.cache = ResponseCache(config.cache_path or cache_path())
        self._client: Any = None
        self._slots: asyncio.Semaphore | None = None

    def structured(self, response_model: type, system: str, *, fast: bool = True) -> Structured:
        """instructor over ``complete``, counting usage. Call on the event loop that will run
        the requests."""
        self._client = openai_client(self.config, asynchronous=True)
        self._slots = asyncio.Semaphore(self.config.workers)
        return usage.attach(Structured(self.complete, self.mode, response_model, system, fast=fast))

    async def complete(self, **kwargs: Any) -> Any:
        """One chat completion for ``kwargs`` (the request instructor built): from the cache,
        else over HTTP with retries, then cached."""
        from openai.types.chat import ChatCompletion

        key = None
        if self.cache is not None:
            key = request_key(self.config.endpoint, self.mode, kwargs)
            hit = self.cache.get(key)
            if hit is not None:
                return cached_completion_type().model_validate(hit)

        async def send(timeout: float) -> Any:
            assert self._slots is not None, "structured() makes the client first"
            async with self._slots:
                await self.limiter.wait()
                self.http_requests += 1
                # The client's generic post (its documented way to call any endpoint): same
                # auth, base URL, errors and ChatCompletion parsing as chat.completions.create
                # without re-walking the request against its TypedDicts (~1 ms per request).
                return await self._client.post(
                    "/chat/completions",
                    cast_to=ChatCompletion,
                    body=kwargs,
                    options={"timeout": timeout},
                )

        response = await with_retries(
            send, self.policy, endpoint=self.config.endpoint, secret=self.config.key
        )
        mark_cut_off(response, kwargs.get("max_tokens"))
        if key is not None and self.cache is not None:
            u = response.usage
            self.cache.put(
                key,
                endpoint=self.config.endpoint,
                model=self.config.model,
                mode=self.mode,
                response=response.model_dump(mode="json", exclude_unset=True),
                prompt_tokens=(u.prompt_tokens or 0) if u else 0,
                completion_tokens=(u.completion_tokens or 0) if u else 0,
            )
        return response

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.close()

    def close_cache(self) -> None:
        if self.cache is not None:
            self.cache.close()
            self.cache = None


def mark_cut_off(response: Any, max_tokens: int | None) -> None:
    """Some servers (llama-cpp-python's tool calls) report finish_reason "tool_calls" for an
    answer that ran out of tokens. An answer that used its whole budget was cut off, whatever
    it says; marking it lets instructor raise IncompleteOutputException instead of re-asking
    with a broken answer in the conversation."""
    u = getattr(response, "usage", None)
    if not max_tokens or u is None or (u.completion_tokens or 0) < max_tokens:
        return
    for choice in response.choices or []:
        if choice.finish_reason != "length":
            choice.finish_reason = "length"
