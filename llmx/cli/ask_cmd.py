"""`llmx ask`: answer a question from what `llmx extract` stored, with citations.

Exit codes: 0 when the question was answered, "không tìm thấy" included (check ``found``
in ``--json``); 1 when the store is missing or empty (nothing extracted yet) or cannot be
read (not an llmx store, made by a newer llmx); 2 for unusable input (empty question,
unknown planner, LLM planner not configured). The store is opened read-only.

Options: ``--planner`` (rules | openai) decides who reads the question; ``--backend`` limits
the records to one extractor backend's, as ``--backend`` names the extractor everywhere else
(``llmx extract``, ``llmx eval``, ``llmx facts``). Before issue 12 ``--backend`` was the
planner and ``--records-backend`` the extractor: ``--records-backend`` is still read, hidden
and deprecated (one warning line); the old ``--backend openai`` cannot be: it now asks for the
openai extractor's records, and says so when there are none.

Start-up is kept lean: only typer here; the store, the planner and (for ``--planner
openai``) openai and instructor load inside the command.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from llmx.cli.common import db_path, fail, print_json
from llmx.cli.options import BaseUrlOption, DbOption, ModelOption, ReadableCommand

_QUESTION = typer.Argument(
    ..., metavar="QUESTION", help="The question, Vietnamese or English ('-' reads stdin)"
)
_JSON = typer.Option(
    False, "--json", help="Print the query, the answer, the records and the citations as JSON"
)
_PLANNER = typer.Option(
    "rules",
    "--planner",
    "-p",
    metavar="NAME",
    help="Who reads the question: rules (offline parser) or openai (an LLM; the answer is "
    "still built from stored records only)",
)
_TIMEOUT = typer.Option(
    30.0, "--timeout", metavar="SECONDS", help="openai: seconds for the planning request"
)
_BACKEND = typer.Option(
    None,
    "--backend",
    "-b",
    metavar="NAME",
    help="Use only records extracted by this backend (e.g. rules) [default: all]",
)
_RECORDS_DEPRECATED = typer.Option(None, "--records-backend", hidden=True)
_QUOTE_CHARS = 220  # quotes are cut in the plain output (--json has them whole)


def ask(
    question: str = _QUESTION,
    json_out: bool = _JSON,
    planner: str = _PLANNER,
    backend: str | None = _BACKEND,
    model: str | None = ModelOption,
    base_url: str | None = BaseUrlOption,
    timeout: float = _TIMEOUT,
    db: Path | None = DbOption,
    records_backend: str | None = _RECORDS_DEPRECATED,
) -> None:
    """Answer a question from the stored records: one sentence, then its sources.

    Exit status: 0 answered (also when nothing is found: "không tìm thấy", found=false in
    --json); 1 store missing or empty (run `llmx extract` first); 2 bad input."""
    if question == "-":
        question = sys.stdin.read()
    if not question.strip():
        fail("the question is empty")
    if planner not in ("rules", "openai"):
        fail(f"unknown --planner {planner!r}: use rules or openai")
    if records_backend is not None:
        typer.echo("Warning: --records-backend is deprecated; use --backend", err=True)
        if backend is not None and backend != records_backend:
            fail("--backend and --records-backend disagree; use --backend")
        backend = records_backend
    path = db_path(db)
    if str(path) != ":memory:" and not str(path).startswith("file:") and not path.exists():
        # Do not create an empty store just to find it empty.
        from llmx.qa.engine import empty_store_answer

        _emit(empty_store_answer(question), json_out)
        raise typer.Exit(1)

    from llmx.qa.engine import answer_question
    from llmx.store import Store

    llm = None
    if planner == "openai":
        from llmx.llm.config import from_options

        cfg = from_options(model=model, base_url=base_url)  # ConfigError (exit 2) if unset
        llm = {"model": cfg.model, "base_url": cfg.endpoint, "api_key": cfg.key,
               "timeout": timeout}  # fmt: skip
    # Read-only: asking never writes to the store, so it works on a read-only file system
    # and on a store an older llmx made (read through a migrated in-memory copy).
    with Store(path, read_only=True) as store:
        stored = store.backends()
        if backend is not None and stored and backend not in stored:
            hint = " (to plan with an LLM: --planner openai)" if backend == "openai" else ""
            fail(f"no records of backend {backend!r} in the store (it has: "
                 f"{', '.join(stored)}){hint}")  # fmt: skip
        answer = answer_question(store, question, planner=planner, backend=backend, llm=llm)
    _emit(answer, json_out)
    if answer.reason == "empty_store":
        raise typer.Exit(1)


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_CHARS else text[: _QUOTE_CHARS - 1] + "…"


def _emit(answer, json_out: bool) -> None:  # noqa: ANN001 - Answer, imported lazily
    if json_out:
        print_json(answer.model_dump(mode="json"))
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


def register(app: typer.Typer) -> None:
    app.command("ask", cls=ReadableCommand)(ask)
