"""instructor, set up once per backend: one response model, one mode, one system prompt,
one completion function underneath (cache, retries, HTTP).

instructor's public ``patch(create=...)`` wrapper redoes per request what never changes
here: it re-derives the request from the response model (the JSON schema, indented into the
system prompt in JSON modes), wraps and re-checks the model class, and walks it for async
validators three times; together several milliseconds of CPU per request, which caps a
32-worker run. So, when instructor's v2 registry is available, the request is prepared once
with the same handler the wrapper would use, and each call goes straight to instructor's
retry loop (parse, validate, re-ask). Otherwise the public wrapper is used; both send the
same request (tests/llm_backend checks they do).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

_MODES = {"tools": "TOOLS", "json_schema": "JSON_SCHEMA", "json": "JSON", "md_json": "MD_JSON"}


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

        self.mode = getattr(instructor.Mode, _MODES[mode])
        self._complete = complete
        self._response_model = response_model
        self._system = system
        self._retry: Any = None
        self._patched: Any = None
        if fast:
            self._prepare_fast()
        if self._retry is None:
            self._patched = instructor.patch(create=complete, mode=self.mode)

    @property
    def fast(self) -> bool:
        return self._retry is not None

    def _prepare_fast(self) -> None:
        try:
            from instructor.v2.core.providers import Provider
            from instructor.v2.core.registry import mode_registry
            from instructor.v2.core.retry import retry_async_v2

            handlers = mode_registry.get_handlers(Provider.OPENAI, self.mode)
            model, prepared = handlers.request_handler(
                response_model=self._response_model,
                kwargs={"messages": [{"role": "system", "content": self._system}]},
            )
        except (ImportError, AttributeError, TypeError, KeyError):
            return  # another instructor version: use the public wrapper
        messages = prepared.pop("messages")
        if len(messages) != 1 or messages[0].get("role") != "system":
            return  # a handler that shapes messages differently: stay on the safe path
        self._provider = Provider.OPENAI
        self._model = model
        self._system_message = messages[0]
        self._static = prepared  # tools + tool_choice, or response_format
        self._retry = retry_async_v2

    async def __call__(self, user: str, *, max_retries: int, **params: Any) -> Any:
        """Ask with ``user`` as the user message; return the validated response model.
        Raises instructor's exceptions (InstructorRetryException, IncompleteOutput...)."""
        if self._retry is None:
            return await self._patched(
                response_model=self._response_model,
                messages=[
                    {"role": "system", "content": self._system},
                    {"role": "user", "content": user},
                ],
                max_retries=max_retries,
                strict=False,  # lax JSON parsing; the grounding guard is the real check
                **params,
            )
        kwargs = {
            **params,
            **self._static,
            "messages": [dict(self._system_message), {"role": "user", "content": user}],
        }
        return await self._retry(
            func=self._complete,
            response_model=self._model,
            provider=self._provider,
            mode=self.mode,
            context=None,
            max_retries=max_retries,
            args=(),
            kwargs=kwargs,
            strict=False,
            hooks=None,
        )
