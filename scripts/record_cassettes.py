"""Re-record the LLM cassettes in tests/cassettes/ against running OpenAI-compatible servers,
one per model on the port the scenarios give it (``scripts/record_cassettes.sh`` starts them:
llama.cpp's Python server with Qwen2.5-Coder-0.5B-Instruct and Gemma 3 270M). Scenarios live
in tests/llm_backend/cassette_scenarios.py.

    python scripts/record_cassettes.py [NAME ...]

Authorization and api-key headers are filtered before anything is written; the script
checks the files afterwards and fails if one slipped through.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "llm_backend"))

from cassette_scenarios import SCENARIOS, vcr_config  # noqa: E402

from llmx.llm.backend import build_openai_backend  # noqa: E402


def record(names: list[str]) -> None:
    recorder = vcr_config("all")
    for sc in SCENARIOS:
        if names and sc.name not in names:
            continue
        sc.cassette.unlink(missing_ok=True)
        t = time.monotonic()
        backend = build_openai_backend(**sc.backend_options())
        try:
            with recorder.use_cassette(sc.cassette.name) as cassette:
                out = backend.extract(sc.document())
        finally:
            backend.close()
        text = sc.cassette.read_text(encoding="utf-8")
        for secret in ("authorization", "Bearer ", "api-key", "sk-"):
            if secret.lower() in text.lower():
                sc.cassette.unlink()
                sys.exit(f"{sc.cassette.name}: {secret!r} found in the cassette; deleted")
        counts = out.extraction.counts()
        u = out.usage
        print(
            f"{sc.name}: {len(cassette)} requests in {time.monotonic() - t:.0f} s; tokens "
            f"{u.prompt_tokens} prompt ({u.cached_prompt_tokens} cached), {u.completion_tokens} "
            f"completion; kept {counts}; rejected {len(out.rejected)}: "
            + "; ".join(sorted({r.reason[:60] for r in out.rejected}))[:300]
        )


if __name__ == "__main__":
    record(sys.argv[1:])
