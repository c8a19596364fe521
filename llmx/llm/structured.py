"""instructor for extraction: one response model, one mode, one system prompt, one completion
function underneath (``llmx.llm.provider``: cache, retries, HTTP), wrapped by instructor's
public ``patch``; an ``instructor.AsyncInstructor`` over it holds the hooks (the usage
accounting among them).

instructor's public wrapper redoes per request what never changes here: it re-derives the
request from the response model (the JSON schema, indented into the system prompt in JSON
modes), wraps and re-checks the model class, and walks it for async validators four times:
about 3-3.4 ms of CPU per call against 0.8 ms here (parsing, validation and the grounding
guard included; ``benchmarks/llm_overhead.py --paths fast public --cpu``), which holds a
32-worker run to about 0.65x the fast path's docs/s. So, on the instructor versions it was
verified with (``FAST_PATH_VERIFIED``), the request is prepared once with the handler the
wrapper would use, and each call goes straight to instructor's retry loop (parse, validate,
re-ask) with the client's hooks. On any other version, or if that preparation fails, the
public wrapper is used. Both send the same requests and fire the same hooks
(tests/llm_backend/test_llm_parts.py checks they do).

The re-asks are llmx's, not instructor's: instructor makes one attempt at a time
(``max_retries=0``) and a failed one is asked again here with a compact message. instructor's
own re-ask appends the whole answer and pydantic's error dump (each rejected record's input
included) to the conversation, which grows by thousands of tokens per re-ask and overflows a
small model's context. Here a re-ask is the first request's messages unchanged (so a server's
prefix cache covers them) with the problems appended to the user message: one line per
error, without the input, each naming the record (its quote's beginning), within what is
left of ``max_input_tokens`` (no re-ask when too little is left). Every failed attempt is
kept (``failed_attempts`` on the final exception, ``earlier_attempts`` on a success after a
re-ask) so that the caller can keep the grounded records of each.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from llmx.llm.chunking import chars_for
from llmx.llm.config import instructor_mode
from llmx.llm.schema_text import prompt_schema_chars

# A re-ask message is at most this long (characters, about 500 tokens), and is not sent when
# the prompt budget leaves less than REASK_MIN_CHARS for it.
REASK_MAX_CHARS = 1500
REASK_MIN_CHARS = 240
_ERROR_CHARS = 160  # per error line
_QUOTE_CHARS = 50  # of a record's quote, to name it
_EARLIER = "_llmx_earlier_attempts"

# instructor releases whose private ``instructor.v2`` retry loop and OpenAI request handlers
# the fast path was checked against (test_fast_path_sends_what_the_public_wrapper_sends).
# Add a release here only after that test passes with it installed.
FAST_PATH_VERIFIED = frozenset({"1.17.0"})


def fast_path_supported() -> bool:
    import instructor

    return getattr(instructor, "__version__", None) in FAST_PATH_VERIFIED


class Structured:
    def __init__(
        self,
        complete: Callable[..., Awaitable[Any]],
        mode: str,
        response_model: type,
        system: str,
        *,
        fast: bool = True,
        max_input_tokens: int | None = None,
    ) -> None:
        import instructor

        self.mode = instructor_mode(mode)
        self._max_input_chars = chars_for(max_input_tokens or 0)
        self._prefix_chars = len(system) + prompt_schema_chars(response_model, mode)
        self._response_model = response_model
        self._system = system
        # instructor's public wrapper over the completion function, and its client, whose
        # hooks (``on(hook, handler)``) both paths fire. Calls go to the wrapper with those
        # hooks rather than through ``client.create``, which would walk the model for async
        # validators once more per request.
        self._create = instructor.patch(create=complete, mode=self.mode)
        self.client = instructor.AsyncInstructor(client=None, create=self._create, mode=self.mode)
        self._fast: _FastPath | None = None
        if fast and fast_path_supported():
            self._fast = _FastPath.prepare(complete, self.mode, response_model, system)

    @property
    def fast(self) -> bool:
        return self._fast is not None

    def on(self, hook_name: Any, handler: Callable[..., None]) -> None:
        self.client.on(hook_name, handler)

    async def __call__(self, user: str, *, max_retries: int, **params: Any) -> Any:
        """Ask with ``user`` as the user message; return the validated response model, with
        ``max_retries`` compact re-asks (module docstring). Raises instructor's exceptions:
        InstructorRetryException (every failed attempt in ``failed_attempts``, the request
        error, if one ended it, as ``__cause__``), IncompleteOutputException for a first
        answer cut off."""
        from instructor.core.exceptions import (
            FailedAttempt,
            IncompleteOutputException,
            InstructorRetryException,
        )

        failed: list[FailedAttempt] = []
        message = user
        for n in range(max_retries + 1):
            try:
                answer = await self._once(message, **params)
            except InstructorRetryException as exc:
                failed.extend(exc.failed_attempts or [])
                reask = self.reask(user, failed[-1]) if exc.failed_attempts else None
                if reask is None or n == max_retries:
                    raise _exhausted(exc, failed) from exc.__cause__
                message = reask
            except IncompleteOutputException as exc:
                if not failed:
                    raise  # the first answer: the caller asks again with more room
                failed.append(FailedAttempt(len(failed) + 1, exc, exc.last_completion))
                raise _exhausted(exc, failed) from exc
            else:
                if failed:
                    object.__setattr__(answer, _EARLIER, failed)
                return answer
        raise AssertionError("unreachable")  # pragma: no cover

    def reask(self, user: str, attempt: Any) -> str | None:
        """``user`` followed by the problems of ``attempt``, within the prompt budget; None
        when too little of it is left."""
        room = REASK_MAX_CHARS
        if self._max_input_chars:
            room = min(room, self._max_input_chars - self._prefix_chars - len(user))
        if room < REASK_MIN_CHARS:
            return None
        return f"{user}\n\n{reask_message(attempt.completion, attempt.exception, room)}"

    async def _once(self, user: str, **params: Any) -> Any:
        """One attempt: request, parse, validate (instructor, no re-ask)."""
        if self._fast is not None:
            return await self._fast(user, self.client.hooks, max_retries=0, **params)
        return await self._create(
            response_model=self._response_model,
            messages=[
                {"role": "system", "content": self._system},
                {"role": "user", "content": user},
            ],
            max_retries=0,
            strict=False,  # lax JSON parsing; the grounding guard is the real check
            hooks=self.client.hooks,
            **params,
        )


def earlier_attempts(answer: Any) -> list[Any]:
    """The failed attempts before ``answer`` (instructor FailedAttempts, oldest first)."""
    return list(getattr(answer, _EARLIER, None) or [])


def _exhausted(exc: Any, failed: list[Any]) -> Exception:
    from instructor.core.exceptions import InstructorRetryException

    return InstructorRetryException(
        str(exc),
        last_completion=failed[-1].completion if failed else None,
        n_attempts=len(failed),
        total_usage=getattr(exc, "total_usage", None),
        messages=getattr(exc, "messages", None),
        create_kwargs=getattr(exc, "create_kwargs", None),
        failed_attempts=failed,
    )


def reask_message(completion: Any, error: BaseException, limit: int) -> str:
    """What was wrong with an answer, in at most ``limit`` characters: one line per error
    (where, what; never the input pydantic would repeat), each record named by the start of
    its quote, then how many more there were."""
    text = _answer_text(completion)
    head = (
        "Your previous answer could not be used. Answer again with one JSON object that "
        "holds every record stated in the document, with these problems corrected:"
    )
    lines = _error_lines(error, text)
    out = head
    for i, line in enumerate(lines):
        left = len(lines) - i
        tail = f"\n- ... and {left} more"
        if len(out) + 1 + len(line) + (len(tail) if left > 1 else 0) > limit:
            return (out + tail)[:limit]
        out += "\n" + line
    return out[:limit]


def _error_lines(error: BaseException, answer: str) -> list[str]:
    from pydantic import ValidationError

    if not isinstance(error, ValidationError):
        begin = " ".join(answer.split())[:_QUOTE_CHARS]
        return [f"- the answer is not valid JSON for the schema ({_one_line(error)}); "
                f"it began {begin!r}"]  # fmt: skip
    try:
        data = json.loads(answer)
    except (TypeError, ValueError):
        data = None
    lines = []
    for e in error.errors(include_url=False, include_input=False, include_context=False):
        loc = list(e.get("loc") or ())
        msg = str(e.get("msg", "")).removeprefix("Value error, ")
        if e.get("type") == "json_invalid":
            begin = " ".join(answer.split())[:_QUOTE_CHARS]
            lines.append(f"- the answer is not valid JSON ({_one_line(msg)}); it began {begin!r}")
            continue
        where = _where(loc, data)
        lines.append(f"- {where}: {_one_line(msg)}"[: _ERROR_CHARS])
    return list(dict.fromkeys(lines))


def _where(loc: list[Any], data: Any) -> str:
    """``index_results[0].score (quote "Năm 2023, Chỉ số...")``: the record by its list,
    position and the start of its quote, then the field."""
    if len(loc) < 2 or not isinstance(loc[1], int):
        return ".".join(map(str, loc)) or "answer"
    kind, i, rest = loc[0], loc[1], loc[2:]
    where = f"{kind}[{i}]" + "".join(f".{p}" for p in rest if not isinstance(p, int))
    try:
        quote = data[kind][i]["evidence"]
        quote = quote["quote"] if isinstance(quote, dict) else quote
    except (KeyError, IndexError, TypeError):
        return where
    if isinstance(quote, str) and quote.strip():
        start = " ".join(quote.split())[:_QUOTE_CHARS]
        return f"{where} (quote {start!r}...)"
    return where


def _one_line(value: Any) -> str:
    return " ".join(str(value).split())


def _answer_text(completion: Any) -> str:
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return ""
    if message.tool_calls:
        return message.tool_calls[0].function.arguments or ""
    return message.content or ""


@dataclass(frozen=True)
class _FastPath:
    """The adapter over instructor's private v2 internals (see the module docstring)."""

    complete: Callable[..., Awaitable[Any]]
    mode: Any
    provider: Any
    model: Any  # the response model as instructor's handler prepared it
    system_message: dict[str, Any]
    static: dict[str, Any]  # tools + tool_choice, or response_format
    retry: Callable[..., Awaitable[Any]]

    @classmethod
    def prepare(
        cls, complete: Callable[..., Awaitable[Any]], mode: Any, response_model: type, system: str
    ) -> _FastPath | None:
        try:
            from instructor.v2.core.providers import Provider
            from instructor.v2.core.registry import mode_registry
            from instructor.v2.core.retry import retry_async_v2

            handlers = mode_registry.get_handlers(Provider.OPENAI, mode)
            model: Any
            prepared: dict[str, Any]
            model, prepared = handlers.request_handler(
                response_model=response_model,
                kwargs={"messages": [{"role": "system", "content": system}]},
            )
        except (ImportError, AttributeError, TypeError, KeyError):
            return None  # internals moved: use the public wrapper
        messages = prepared.pop("messages")
        if len(messages) != 1 or messages[0].get("role") != "system":
            return None  # a handler that shapes messages differently: stay on the safe path
        return cls(
            complete=complete,
            mode=mode,
            provider=Provider.OPENAI,
            model=model,
            system_message=messages[0],
            static=prepared,
            retry=retry_async_v2,
        )

    async def __call__(self, user: str, hooks: Any, *, max_retries: int, **params: Any) -> Any:
        kwargs = {
            **params,
            **self.static,
            "messages": [dict(self.system_message), {"role": "user", "content": user}],
        }
        return await self.retry(
            func=self.complete,
            response_model=self.model,
            provider=self.provider,
            mode=self.mode,
            context=None,
            max_retries=max_retries,
            args=(),
            kwargs=kwargs,
            strict=False,
            hooks=hooks,
        )
