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

Start-up is kept lean: the entry point answers a plain `llmx ask` without typer
(``ask_fast``: the same options, read the same way, into the same ``AskArgs``); this typer
command serves --help and whatever the fast path leaves to typer (an unknown option, a
malformed value), and both run ``ask_run.run``.
"""

from __future__ import annotations

from pathlib import Path

import typer

from llmx.cli.ask_run import PLANNER, TIMEOUT_S, AskArgs, run
from llmx.cli.options import BaseUrlOption, DbOption, ModelOption, ReadableCommand

_QUESTION = typer.Argument(
    ..., metavar="QUESTION", help="The question, Vietnamese or English ('-' reads stdin)"
)
_JSON = typer.Option(
    False, "--json", help="Print the query, the answer, the records and the citations as JSON"
)
_PLANNER = typer.Option(
    PLANNER,
    "--planner",
    "-p",
    metavar="NAME",
    help="Who reads the question: rules (offline parser) or openai (an LLM; the answer is "
    "still built from stored records only)",
)
_TIMEOUT = typer.Option(
    TIMEOUT_S, "--timeout", metavar="SECONDS", help="openai: seconds for the planning request"
)
_BACKEND = typer.Option(
    None,
    "--backend",
    "-b",
    metavar="NAME",
    help="Use only records extracted by this backend (e.g. rules) [default: all]",
)
_RECORDS_DEPRECATED = typer.Option(None, "--records-backend", hidden=True)


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
    run(AskArgs(question=question, json_out=json_out, planner=planner, backend=backend,
                model=model, base_url=base_url, timeout=timeout, db=db,
                records_backend=records_backend))  # fmt: skip


def register(app: typer.Typer) -> None:
    app.command("ask", cls=ReadableCommand)(ask)
