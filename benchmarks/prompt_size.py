"""What the extraction requests cost in prompt: the static prefix (system message, and the
tool schema in tool mode) and the document's share of the prompt tokens, as llmx sends them.

    python benchmarks/prompt_size.py [--tokenizer http://127.0.0.1:8765] [--max-input-tokens 6000]

Requests are captured by a scripted server on loopback (empty answers); tokens are counted by
a llama-cpp-python server's ``/extras/tokenize/count`` (``scripts/local_llm.sh qwen0.5b``:
Qwen2.5's tokenizer), characters without one. For each mode: the prefix, the requests for
the seeds, and the document's share of their prompt tokens; then the document's share of a
full chunk (the first chunk of the longest seed). Not part of CI.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "llm_backend")]

from fakellm import FakeLLM, answer  # noqa: E402
from support.documents import make_doc  # noqa: E402

from llmx.llm.backend import build_openai_backend  # noqa: E402

EMPTY = {"index_results": [], "metrics": [], "initiatives": []}


def counter(url: str | None) -> Callable[[str], int | None]:
    def count(text: str) -> int | None:
        if not url:
            return None
        request = urllib.request.Request(
            url.rstrip("/") + "/extras/tokenize/count",
            data=json.dumps({"input": text}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=600) as response:
            return int(json.load(response)["count"])

    return count


def requests_for(texts: list[str], mode: str, max_input_tokens: int) -> list[dict]:
    server = FakeLLM().start()
    server.default = answer(EMPTY)
    backend = build_openai_backend(model="m", base_url=server.url, mode=mode, cache=False,
                                   max_input_tokens=max_input_tokens, max_retries=0)  # fmt: skip
    try:
        for i, text in enumerate(texts):
            backend.extract(make_doc(text, doc_id=f"d{i}"))
    finally:
        backend.close()
        server.stop()
    return [seen.body for seen in server.requests]


def document_of(body: dict) -> str:
    user = body["messages"][-1]["content"]
    return user[user.index("<document>\n") + len("<document>\n") : user.rindex("</document>")]


def prefix_of(body: dict) -> str:
    tools = body.get("tools")
    text = json.dumps(tools, ensure_ascii=False, separators=(",", ":")) if tools else ""
    return body["messages"][0]["content"] + text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tokenizer", default="http://127.0.0.1:8765")
    parser.add_argument("--max-input-tokens", type=int, default=6000)
    args = parser.parse_args()
    count = counter(args.tokenizer or None)
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for mode in ("json_object_schema", "tools"):
        bodies = requests_for(seeds, mode, args.max_input_tokens)
        prefix = prefix_of(bodies[0])
        users = [b["messages"][-1]["content"] for b in bodies]
        prefix_tokens = count(prefix)
        line = f"{mode}: static prefix {len(prefix)} chars"
        if prefix_tokens is not None:
            doc_tokens = sum(count(document_of(b)) or 0 for b in bodies)
            total = prefix_tokens * len(bodies) + sum(count(u) or 0 for u in users)
            line += (f" / {prefix_tokens} tokens; seeds: {len(bodies)} requests, "
                     f"{total} prompt tokens, document {doc_tokens / total:.0%}")  # fmt: skip
        else:
            line += f"; seeds: {len(bodies)} requests"
        print(line)
    longest = max(seeds, key=len)
    (first, *_) = requests_for([longest], "json_object_schema", args.max_input_tokens)
    doc = document_of(first)
    whole = prefix_of(first) + first["messages"][-1]["content"]
    doc_tokens, all_tokens = count(doc), count(whole)
    share = f" = {doc_tokens} of {all_tokens} tokens ({doc_tokens / all_tokens:.0%})" if (
        doc_tokens and all_tokens) else ""  # fmt: skip
    print(f"a full chunk (json_object_schema): {len(doc)} of {len(whole)} chars of document{share}")


if __name__ == "__main__":
    main()
