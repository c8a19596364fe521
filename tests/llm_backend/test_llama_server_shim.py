"""scripts/llama_server.py: llama-cpp-python's server with the prompt tokens served from its
KV cache reported as OpenAI's usage.prompt_tokens_details.cached_tokens. The patch is tested
on a stand-in for ``llama_cpp.Llama`` that reuses the common prefix the way it does."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from llmx.llm.usage import cached_prompt_tokens

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "llama_server.py"


def _shim():
    spec = importlib.util.spec_from_file_location("llama_server_shim", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class FakeLlama:
    """Keeps the last prompt's tokens; a new prompt evaluates only what follows the longest
    common prefix (the structure of llama-cpp-python's ``generate``)."""

    def __init__(self) -> None:
        self._input_ids: list[int] = []
        self.n_tokens = 0
        self.evaluated: list[int] = []

    def eval(self, tokens):
        self.evaluated.append(len(tokens))
        self._input_ids = self._input_ids[: self.n_tokens] + list(tokens)
        self.n_tokens = len(self._input_ids)

    def generate(self, tokens):
        common = 0
        for a, b in zip(self._input_ids, tokens, strict=False):
            if a != b:
                break
            common += 1
        self.n_tokens = min(common, len(tokens) - 1)  # drop the tail; keep one to evaluate
        self.eval(tokens[self.n_tokens :])
        yield 0

    def create_chat_completion(self, prompt):
        list(self.generate(prompt))
        usage = {"prompt_tokens": len(prompt), "completion_tokens": 1, "total_tokens": 0}
        return {"object": "chat.completion", "choices": [], "usage": usage}


def test_the_second_request_reports_its_shared_prefix_as_cached():
    shim = _shim()
    shim.patch(FakeLlama)
    llama = FakeLlama()
    static = list(range(100))
    first = llama.create_chat_completion(static + [500, 501])
    second = llama.create_chat_completion(static + [600, 601, 602])
    assert first["usage"]["prompt_tokens_details"] == {"cached_tokens": 0}
    assert second["usage"]["prompt_tokens_details"] == {"cached_tokens": 100}
    assert llama.evaluated == [102, 3]  # what the cache spared is what is reported


def test_llmx_reads_what_the_shim_reports():
    from openai.types.chat import ChatCompletion

    shim = _shim()
    usage = shim.cached_usage({"prompt_tokens": 40, "completion_tokens": 2, "total_tokens": 42}, 39)
    response = ChatCompletion.model_validate(
        {"id": "x", "object": "chat.completion", "created": 0, "model": "m", "choices": [],
         "usage": usage}
    )  # fmt: skip
    assert cached_prompt_tokens(response) == 39
    # never more than the prompt
    assert shim.cached_usage({"prompt_tokens": 5}, 9)["prompt_tokens_details"] == {
        "cached_tokens": 5
    }


def test_the_declared_usage_type_carries_the_details():
    shim = _shim()

    class Response(dict):
        __annotations__ = {"usage": dict}

    shim.declare(Response)
    assert Response.__annotations__["usage"] is shim.CachedUsage
    assert "prompt_tokens_details" in shim.CachedUsage.__annotations__
