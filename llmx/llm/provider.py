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

What a request changes in instructor's: in JSON modes the schema instructor indents into the
system message is written compact (``llmx.llm.schema_text``: half the characters). What it
adds, for the server at hand (its optional parts):
- ``json_object_schema`` mode: the schema inside the ``json_object`` response format, which
  llama.cpp-like servers enforce with a grammar;
- local hosts (``config.is_local``, or ``cache_prompt`` set): llama.cpp's ``cache_prompt:
  true``, so the server keeps the prompt's KV cache and the next request, which starts with
  the same system prompt and schema, only evaluates what follows. It is a transport hint: it
  is not part of the response cache's key.
A server that rejects them as unsupported (``transport.UnsupportedRequest``) is asked again
without them, and they stay off for the rest of the run.

Every instructor client built here counts usage through its ``completion:response`` hook
(``llmx.llm.usage``). openai and instructor are imported only when a client is built.
"""

from __future__ import annotations

import asyncio
import logging
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

from llmx.errors import ConfigError
from llmx.llm import usage
from llmx.llm.cache import ResponseCache, cache_path, request_key
from llmx.llm.config import LLMConfig, instructor_mode, schema_in_prompt
from llmx.llm.schema_text import CompactSchema
from llmx.llm.structured import Structured
from llmx.llm.transport import RateLimiter, RetryPolicy, UnsupportedRequest, with_retries

if TYPE_CHECKING:
    from openai.types.chat import ChatCompletion

log = logging.getLogger(__name__)


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
        # The optional parts of a request (module docstring); off once the server rejects one.
        self.optional_parts = True
        self._schema: dict[str, Any] | None = None  # for json_object_schema
        self._compact: CompactSchema | None = None  # for modes with the schema in the prompt

    def structured(self, response_model: type, system: str, *, fast: bool = True) -> Structured:
        """instructor over ``complete``, counting usage. Call on the event loop that will run
        the requests."""
        self._client = openai_client(self.config, asynchronous=True)
        self._slots = asyncio.Semaphore(self.config.workers)
        if hasattr(response_model, "model_json_schema"):
            schema = response_model.model_json_schema()
            if self.mode == "json_object_schema":
                self._schema = schema
            if schema_in_prompt(self.mode):
                self._compact = CompactSchema.of(schema)
        return usage.attach(
            Structured(
                self.complete, self.mode, response_model, system, fast=fast,
                max_input_tokens=self.config.max_input_tokens,
            )
        )  # fmt: skip

    def shape(self, request: dict[str, Any]) -> dict[str, Any]:
        """The body to send for instructor's ``request``: the schema instructor indents into
        the system message written compact (``schema_text``), and the schema in a
        json_object response format while the optional parts are on."""
        messages = request.get("messages")
        if self._compact is not None and messages and isinstance(messages[0].get("content"), str):
            first = {**messages[0], "content": self._compact(messages[0]["content"])}
            request = {**request, "messages": [first, *messages[1:]]}
        fmt = request.get("response_format")
        if self.optional_parts and self._schema is not None and fmt == {"type": "json_object"}:
            return {**request, "response_format": {**fmt, "schema": self._schema}}
        return request

    async def complete(self, **kwargs: Any) -> Any:
        """One chat completion for ``kwargs`` (the request instructor built): from the cache,
        else over HTTP with retries, then cached."""
        body = self.shape(kwargs)
        key = None
        if self.cache is not None:
            key = request_key(self.config.endpoint, self.mode, body)
            hit = self.cache.get(key)
            if hit is not None:
                return cached_completion_type().model_validate(hit)
        try:
            response = await self._post(body)
        except UnsupportedRequest as exc:
            if not self._drop_optional_parts(exc, body):
                raise ConfigError(
                    f"{exc}; --mode {self.mode} needs what this server lacks: try another "
                    "--mode (json works with any OpenAI-compatible server)"
                ) from None
            return await self.complete(**kwargs)
        mark_cut_off(response, kwargs.get("max_tokens"), self.config.context_window)
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

    def _extras(self) -> dict[str, Any]:
        """Body fields that are hints to the server, not part of the question."""
        if self.optional_parts and self.config.sends_cache_prompt:
            return {"cache_prompt": True}
        return {}

    def _drop_optional_parts(self, exc: Exception, body: dict[str, Any]) -> bool:
        """Turn the optional parts off after ``exc``; False if the rejected request had none
        (the rejection is about the mode itself)."""
        had = bool(self._extras()) or (body.get("response_format") or {}).get("schema") is not None
        if not had:
            return False
        if self.optional_parts:
            self.optional_parts = False
            log.warning("%s; asking again without the schema in response_format and "
                        "without cache_prompt, for the rest of the run", exc)  # fmt: skip
        return True

    async def _post(self, body: dict[str, Any]) -> Any:
        """``body`` over HTTP with retries (the transport's)."""
        from openai.types.chat import ChatCompletion

        payload = {**body, **self._extras()}

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
                    body=payload,
                    options={"timeout": timeout},
                )

        return await with_retries(
            send, self.policy, endpoint=self.config.endpoint, secret=self.config.key
        )

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.close()

    def close_cache(self) -> None:
        if self.cache is not None:
            self.cache.close()
            self.cache = None


def mark_cut_off(
    response: Any, max_tokens: int | None, context_window: int | None = None
) -> None:
    """Mark an answer that was cut off as such (finish_reason "length"), whatever the server
    says, so that instructor raises IncompleteOutputException instead of taking a broken
    answer for a valid-but-empty one or re-asking with it in the conversation. Cut off:
    - it used its whole budget (llama-cpp-python reports "tool_calls" for those);
    - prompt and answer fill the server's context (``context_window``, where known): a
      server that caps max_tokens at the context left stops there silently;
    - its JSON stops mid-way (``unfinished_json``): grammar-constrained output only ends
      early when the tokens ran out, whatever finish_reason says."""
    if not _cut_off(response, max_tokens, context_window):
        return
    for choice in response.choices or []:
        if choice.finish_reason != "length":
            choice.finish_reason = "length"


def _cut_off(response: Any, max_tokens: int | None, context_window: int | None) -> bool:
    u = getattr(response, "usage", None)
    completion = (u.completion_tokens or 0) if u is not None else 0
    if max_tokens and u is not None and completion >= max_tokens:
        return True
    if context_window and u is not None and (u.prompt_tokens or 0) + completion >= context_window:
        return True
    return any(unfinished_json(answer_text(c.message)) for c in response.choices or [])


def answer_text(message: Any) -> str:
    """The text of an answer: its first tool call's arguments, else its content."""
    calls = getattr(message, "tool_calls", None)
    if calls:
        return calls[0].function.arguments or ""
    return getattr(message, "content", None) or ""


def unfinished_json(text: str) -> bool:
    """Whether ``text`` is the beginning of a JSON value that stops before its end, e.g.
    ``{"index_results": [{"entity": "X"`` (a fenced ```json block counts too). Text that is
    not JSON at all, or complete JSON, is not unfinished."""
    import jiter

    body = text.strip()
    if body.startswith("```"):
        body = body[3:].removeprefix("json").strip().removesuffix("```").strip()
    if not body.startswith(("{", "[")):
        return False
    try:
        jiter.from_json(body.encode())
    except ValueError as exc:
        return str(exc).startswith("EOF while parsing")
    return False
