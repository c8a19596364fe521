"""llama-cpp-python's OpenAI-compatible server, reporting the prompt tokens it served from its
KV cache. ``scripts/local_llm.sh`` starts the server through this file; the arguments are
``python -m llama_cpp.server``'s.

llama-cpp-python (0.3.x) keeps the previous request's tokens in its KV cache and evaluates
only what follows the longest common prefix, but its answers say nothing about it: the usage
holds prompt, completion and total tokens, and the hit is only written to the server's log
("Llama.generate: N prefix-match hit"). This adds it to each chat completion as OpenAI's
``usage.prompt_tokens_details.cached_tokens``, which llmx reads (``llmx/llm/usage.py``), so
the usage table shows whether requests share their static prefix.

How it is counted: ``Llama.generate`` drops the unmatched tail of the KV cache and then
evaluates the rest of the prompt; the tokens still in the cache at that first evaluation
(``n_tokens``) are the ones served from it. The server's response type is told about the
field (it drops undeclared keys). Streaming answers are left as they are.
"""

# No ``from __future__ import annotations``: the server's pydantic reads the TypedDicts'
# annotations below as types, and would have to resolve names in a module that runpy
# replaces as __main__.
import functools
import runpy
import sys
from typing import Any, NotRequired

# pydantic (the server's) takes only typing_extensions' TypedDict before Python 3.12.
from typing_extensions import TypedDict


class PromptTokensDetails(TypedDict):
    cached_tokens: int


class CachedUsage(TypedDict):
    """llama-cpp-python's CompletionUsage with OpenAI's prompt_tokens_details."""

    prompt_tokens: int
    completion_tokens: int
    total_tokens: int
    prompt_tokens_details: NotRequired[PromptTokensDetails]


def cached_usage(usage: dict[str, Any], cached: int) -> dict[str, Any]:
    """``usage`` with ``prompt_tokens_details.cached_tokens`` (never above the prompt)."""
    prompt = int(usage.get("prompt_tokens") or 0)
    details = dict(usage.get("prompt_tokens_details") or {})
    details["cached_tokens"] = max(0, min(int(cached), prompt))
    return {**usage, "prompt_tokens_details": details}


def patch(llama_class: Any) -> None:
    """Count, on ``llama_class`` (``llama_cpp.Llama``), the tokens each generation takes from
    the cache, and report them in its chat completions' usage."""
    generate, evaluate = llama_class.generate, llama_class.eval
    chat = llama_class.create_chat_completion

    @functools.wraps(generate)
    def counting_generate(self: Any, *args: Any, **kwargs: Any) -> Any:
        self._llmx_first_eval = True  # the generator runs after this returns
        self._llmx_cached = 0
        return generate(self, *args, **kwargs)

    @functools.wraps(evaluate)
    def counting_eval(self: Any, tokens: Any) -> Any:
        if getattr(self, "_llmx_first_eval", False):
            self._llmx_first_eval = False
            self._llmx_cached = int(self.n_tokens)
        return evaluate(self, tokens)

    @functools.wraps(chat)
    def reporting_chat(self: Any, *args: Any, **kwargs: Any) -> Any:
        out = chat(self, *args, **kwargs)
        if isinstance(out, dict) and isinstance(out.get("usage"), dict):
            out["usage"] = cached_usage(out["usage"], getattr(self, "_llmx_cached", 0))
        return out

    llama_class.generate = counting_generate
    llama_class.eval = counting_eval
    llama_class.create_chat_completion = reporting_chat


def declare(response_type: Any) -> None:
    """Declare ``prompt_tokens_details`` in the server's chat completion type: the server
    serialises answers through it (a TypedDict), which drops keys it does not declare. Call
    before the server's routes are built (``llama_cpp.server.app`` imported)."""
    response_type.__annotations__["usage"] = CachedUsage


if __name__ == "__main__":
    import llama_cpp

    patch(llama_cpp.Llama)
    declare(llama_cpp.llama_types.CreateChatCompletionResponse)
    sys.argv[0] = "llama_cpp.server"
    runpy.run_module("llama_cpp.server", run_name="__main__", alter_sys=True)
