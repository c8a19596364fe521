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
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from llmx.llm.config import instructor_mode

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
    ) -> None:
        import instructor

        self.mode = instructor_mode(mode)
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
        """Ask with ``user`` as the user message; return the validated response model.
        Raises instructor's exceptions (InstructorRetryException, IncompleteOutput...)."""
        if self._fast is not None:
            return await self._fast(user, self.client.hooks, max_retries=max_retries, **params)
        return await self._create(
            response_model=self._response_model,
            messages=[
                {"role": "system", "content": self._system},
                {"role": "user", "content": user},
            ],
            max_retries=max_retries,
            strict=False,  # lax JSON parsing; the grounding guard is the real check
            hooks=self.client.hooks,
            **params,
        )


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
