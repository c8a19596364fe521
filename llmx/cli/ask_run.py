"""What `llmx ask` does once its options are read: check them, open the store read-only,
answer, print. Typer-free, so the fast path of the entry point (``ask_fast``) runs it
without building the typer app; ``ask_cmd`` (the typer command, for --help and every
argument typer must judge) builds the same ``AskArgs`` and calls the same ``run``.

Exit codes are in ``ask_cmd``'s docstring; they leave as ``SystemExit`` (``common.fail``).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llmx.cli.common import db_path, fail, print_json

PLANNER = "rules"  # the default planner and timeout (the typer options show these)
TIMEOUT_S = 30.0
_QUOTE_CHARS = 220  # quotes are cut in the plain output (--json has them whole)


@dataclass(frozen=True)
class AskArgs:
    """The options of `llmx ask`, as typer would hand them to the command."""

    question: str
    json_out: bool = False
    planner: str = PLANNER
    backend: str | None = None
    model: str | None = None
    base_url: str | None = None
    timeout: float = TIMEOUT_S
    db: Path | None = None
    records_backend: str | None = None


def run(args: AskArgs) -> None:
    """Answer ``args.question``; a non-zero exit raises SystemExit."""
    question, backend = args.question, args.backend
    if question == "-":
        question = sys.stdin.read()
    if not question.strip():
        fail("the question is empty")
    if args.planner not in ("rules", "openai"):
        fail(f"unknown --planner {args.planner!r}: use rules or openai")
    if args.records_backend is not None:
        print("Warning: --records-backend is deprecated; use --backend", file=sys.stderr)
        if backend is not None and backend != args.records_backend:
            fail("--backend and --records-backend disagree; use --backend")
        backend = args.records_backend
    path = db_path(args.db)
    if str(path) != ":memory:" and not str(path).startswith("file:") and not path.exists():
        # Do not create an empty store just to find it empty.
        from llmx.qa.engine import empty_store_answer

        _emit(empty_store_answer(question), args.json_out)
        raise SystemExit(1)

    from llmx.qa.engine import answer_question
    from llmx.store import Store

    llm = None
    if args.planner == "openai":
        from llmx.llm.config import from_options

        # ConfigError (exit 2) if unset
        cfg = from_options(model=args.model, base_url=args.base_url)
        llm = {"model": cfg.model, "base_url": cfg.endpoint, "api_key": cfg.key,
               "timeout": args.timeout}  # fmt: skip
    # Read-only: asking never writes to the store, so it works on a read-only file system
    # and on a store an older llmx made (read through a migrated in-memory copy).
    with Store(path, read_only=True) as store:
        stored = store.backends()
        if backend is not None and stored and backend not in stored:
            hint = " (to plan with an LLM: --planner openai)" if backend == "openai" else ""
            fail(f"no records of backend {backend!r} in the store (it has: "
                 f"{', '.join(stored)}){hint}")  # fmt: skip
        answer = answer_question(store, question, planner=args.planner, backend=backend, llm=llm)
    _emit(answer, args.json_out)
    if answer.reason == "empty_store":
        raise SystemExit(1)


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_CHARS else text[: _QUOTE_CHARS - 1] + "…"


def _emit(answer: Any, json_out: bool) -> None:  # Any: Answer, imported lazily
    if json_out:
        print_json(answer.to_json())
        return
    vi = answer.lang == "vi"
    lines = [answer.text]
    if answer.citations:
        lines.append("Nguồn:" if vi else "Sources:")
        for i, c in enumerate(answer.citations, 1):
            mark = "" if c.primary else (" (khớp kém hơn)" if vi else " (weaker match)")
            lines.append(f"  [{i}] {c.doc_id} [{c.start}:{c.end}]{mark} “{_cut(c.quote)}”")
    if answer.passages:
        lines.append("Đoạn gần nhất:" if vi else "Closest passages:")
        for c in answer.passages:
            lines.append(f"  - {c.doc_id} [{c.start}:{c.end}] “{_cut(c.quote)}”")
    sys.stdout.write("\n".join(lines) + "\n")
