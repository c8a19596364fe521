"""Transport faults: which errors are worth another attempt, how long to wait, when to give
up, and how to say what went wrong in one line (never showing the API key).

The openai client's own retries are off (``max_retries=0``): these are the only ones, so
the deadline, Retry-After handling and the request count are ours to control.

- retried with exponential backoff and jitter, within a total deadline: 408, 409, 429
  (waiting what Retry-After / retry-after-ms asks), 5xx, timeouts, dropped connections,
  and a 200 whose body is not the JSON it should be;
- not retried further: a 500 that repeats the previous attempt's error word for word (the
  request itself breaks the server: an unsupported option, a grammar it cannot build), and
  501; it fails the document at once (TransportError, so a few in a row stop the run);
- never retried: a request the server says it does not support (400, 422, 500 or 501 whose
  message is one of ``UNSUPPORTED``: an unknown option, a response format or tools it lacks).
  Every request would fail the same way: it stops the run (UnsupportedRequest, a
  ConfigError), unless the provider layer can ask again without its optional parts;
- never retried: other 4xx. 401/403/404 are configuration problems (key, model, URL) and
  stop the whole run (ConfigError); 400/422 fail the document at hand (BackendError);
- never retried either: a refused connection. Nothing listens at the URL, so no request
  can succeed and waiting only delays saying so: it stops the run (EndpointUnreachable).
  Transient faults that outlast the retries fail the document (TransportError); the
  pipeline stops the run after a few of those in a row.
"""

from __future__ import annotations

import asyncio
import errno
import json
import random
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

from llmx.errors import BackendError, ConfigError, EndpointUnreachable, TransportError

T = TypeVar("T")

_RETRY_STATUS = {408, 409, 429}
# Statuses with which servers answer a request they cannot serve at all.
_UNSUPPORTED_STATUS = {400, 422, 500, 501}
# How servers say they do not support a request (the message of the error body), e.g.
#   llama-cpp-python, vLLM: "response_format type 'json_schema' is not supported",
#   llama.cpp: "tools param requires --jinja flag", "Unsupported param: tools",
#   OpenAI: "Unrecognized request argument supplied: cache_prompt",
#   pydantic-based servers: "extra inputs are not permitted", "Unknown parameter: 'x'",
#   others: "response_format is not implemented".
UNSUPPORTED = re.compile(
    r"\b(?:not|un)[ -]?supported\b|\bnot implemented\b|unrecognized request argument"
    r"|\bunknown (?:param(?:eter)?|field|argument)|extra (?:inputs|fields) (?:are )?not permitted"
    r"|requires --jinja",
    re.IGNORECASE,
)


class UnsupportedRequest(ConfigError):
    """The server said it cannot serve this kind of request (``UNSUPPORTED``)."""


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    timeout: float = 60.0  # seconds per attempt
    deadline: float = 1800.0  # seconds for all attempts and waits of one request
    max_attempts: int = 6
    backoff_initial: float = 1.0
    backoff_max: float = 30.0


class RateLimiter:
    """Evenly spaced request starts: at most ``rpm`` per minute, no bursts."""

    def __init__(self, rpm: float | None) -> None:
        self.interval = 60.0 / rpm if rpm else 0.0
        self._next = 0.0

    async def wait(self) -> None:
        if not self.interval:
            return
        now = time.monotonic()
        slot = max(now, self._next)
        self._next = slot + self.interval  # reserve before sleeping: callers queue in order
        if slot > now:
            await asyncio.sleep(slot - now)


def is_transient(exc: BaseException) -> bool:
    import openai

    if isinstance(exc, openai.APIConnectionError):  # includes APITimeoutError
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in _RETRY_STATUS or exc.status_code >= 500
    # A 200 with a body that is not JSON (or not a completion): a proxy or server hiccup.
    return isinstance(exc, openai.APIResponseValidationError | json.JSONDecodeError)


def is_refused(exc: BaseException) -> bool:
    """Whether the connection was refused: somewhere in the chain of causes (openai ->
    httpx -> httpcore -> OSError) is ECONNREFUSED."""
    seen: BaseException | None = exc
    for _ in range(16):  # causes form a short chain; the bound guards against a cycle
        if seen is None:
            return False
        if isinstance(seen, ConnectionRefusedError) or getattr(seen, "errno", None) == (
            errno.ECONNREFUSED
        ):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def is_unsupported(exc: BaseException) -> bool:
    """Whether the server rejected the request as one it does not support."""
    import openai

    return (
        isinstance(exc, openai.APIStatusError)
        and exc.status_code in _UNSUPPORTED_STATUS
        and UNSUPPORTED.search(_server_message(exc)) is not None
    )


def _signature(exc: BaseException) -> tuple[int, str] | None:
    """Status and message of a server error that could be deterministic (500, 501)."""
    import openai

    if isinstance(exc, openai.APIStatusError) and exc.status_code in (500, 501):
        return exc.status_code, _server_message(exc)
    return None


class _RetryDecision:
    """tenacity's retry predicate for one request: transient faults are retried, but not a
    refusal, an unsupported request, a 501, or a 500 identical to the one before it."""

    def __init__(self) -> None:
        self.previous: tuple[int, str] | None = None
        self.deterministic = False  # why the last fault was not retried

    def __call__(self, exc: BaseException) -> bool:
        if not is_transient(exc) or is_refused(exc) or is_unsupported(exc):
            return False
        signature = _signature(exc)
        repeated = signature is not None and (signature[0] == 501 or signature == self.previous)
        self.previous = signature
        self.deterministic = repeated
        return not repeated


def retry_after(exc: BaseException) -> float | None:
    """Seconds the server asked us to wait (Retry-After as seconds or HTTP date, or
    retry-after-ms), if any."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            return max(0.0, float(ms) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def backoff(policy: RetryPolicy, attempt: int, exc: BaseException | None) -> float:
    asked = retry_after(exc) if exc is not None else None
    if asked is not None:
        return asked
    base = min(policy.backoff_max, policy.backoff_initial * 2 ** (attempt - 1))
    return base * (0.5 + random.random() / 2)  # "equal jitter": spread, never zero


def _server_message(exc: Any) -> str:
    body = getattr(exc, "body", None)
    msg = None
    if isinstance(body, dict):
        err = body.get("error", body)
        msg = err.get("message") if isinstance(err, dict) else err
    msg = str(msg or getattr(exc, "message", "") or exc)
    return " ".join(msg.split())[:200]


def describe(exc: BaseException, *, timeout: float | None = None) -> str:
    import openai

    if isinstance(exc, openai.APITimeoutError):
        return f"no answer within {timeout:g} s (timeout)" if timeout else "request timed out"
    if isinstance(exc, openai.APIConnectionError):
        cause = exc.__cause__ or exc
        return f"connection failed ({type(cause).__name__}: {' '.join(str(cause).split())[:120]})"
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}: {_server_message(exc)}"
    if isinstance(exc, openai.APIResponseValidationError | json.JSONDecodeError):
        return "the server's answer is not a valid chat completion (malformed JSON)"
    return f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"


def fatal_error(exc: BaseException, endpoint: str, secret: str | None = None) -> Exception:
    """The error to raise for a response that must not be retried."""
    import openai

    if isinstance(exc, openai.AuthenticationError):
        return ConfigError(
            f"{endpoint} rejected the API key (HTTP 401); check OPENAI_API_KEY"
        )
    if isinstance(exc, openai.PermissionDeniedError):
        return ConfigError(
            f"{endpoint} refused access (HTTP 403): {_scrub(_server_message(exc), secret)}"
        )
    if isinstance(exc, openai.NotFoundError):
        return ConfigError(
            f"{endpoint} answered 404 (unknown model or wrong --base-url): "
            f"{_scrub(_server_message(exc), secret)}"
        )
    return BackendError(f"{endpoint}: {_scrub(describe(exc), secret)}")


def _scrub(text: str, secret: str | None) -> str:
    return text.replace(secret, "***") if secret and len(secret) > 3 else text


async def with_retries(
    send: Callable[[float], Awaitable[T]],
    policy: RetryPolicy,
    *,
    endpoint: str,
    secret: str | None = None,
) -> T:
    """Run ``send(timeout)`` until it succeeds, a non-transient error occurs, attempts run
    out, or the next wait would pass the deadline. Each attempt's timeout is capped by the
    time left."""
    from tenacity import AsyncRetrying, retry_if_exception

    started = time.monotonic()

    def left() -> float:
        return policy.deadline - (time.monotonic() - started)

    def wait(state: Any) -> float:
        return backoff(policy, state.attempt_number, state.outcome.exception())

    def stop(state: Any) -> bool:
        # tenacity computes the wait before asking stop: give up when it would overrun.
        return state.attempt_number >= policy.max_attempts or state.upcoming_sleep >= left()

    decide = _RetryDecision()
    retrying = AsyncRetrying(retry=retry_if_exception(decide), wait=wait, stop=stop, reraise=True)
    timeout = policy.timeout
    try:
        async for attempt in retrying:
            with attempt:
                timeout = max(0.001, min(policy.timeout, left()))
                return await send(timeout)
    except Exception as exc:
        import openai

        if is_refused(exc):
            raise EndpointUnreachable(
                f"cannot connect to {endpoint}: connection refused (is the server running "
                "and is --base-url right?)"
            ) from None
        if is_unsupported(exc):
            raise UnsupportedRequest(
                f"{endpoint} does not support this request: {_scrub(describe(exc), secret)}"
            ) from None
        n = retrying.statistics.get("attempt_number", 1)
        if decide.deterministic:
            why = "the server does not implement it" if n == 1 else (
                f"the same error {n} times in a row: not a transient fault"
            )
            raise TransportError(
                f"{endpoint}: {_scrub(describe(exc), secret)} (not retried: {why})"
            ) from None
        if not is_transient(exc):
            if isinstance(exc, openai.APIError):
                raise fatal_error(exc, endpoint, secret) from None
            raise
        raise TransportError(
            f"{endpoint}: {_scrub(describe(exc, timeout=timeout), secret)}"
            f" (gave up after {n} attempt{'s' * (n != 1)} in {time.monotonic() - started:.1f} s)"
        ) from None
    raise AssertionError("unreachable")  # pragma: no cover
