"""Options several verbs share, declared once with their help text (the defaults they show
live where the values are resolved: llmx/llm/config.py, llmx/store)."""

from __future__ import annotations

import typer

DbOption = typer.Option(
    None, "--db", help="SQLite store path [env: LLMX_DB; default ./llmx.db]", show_default=False
)
JsonOption = typer.Option(False, "--json", help="Machine-readable output")
ModelOption = typer.Option(
    None,
    "--model",
    "-m",
    envvar="LLMX_MODEL",
    help="openai: model name [default: gpt-4o-mini]",
    show_default=False,
)
BaseUrlOption = typer.Option(
    None,
    "--base-url",
    envvar="OPENAI_BASE_URL",
    help="openai: OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1 "
    "[default: api.openai.com; key from OPENAI_API_KEY]",
    show_default=False,
)
# None = auto: the pipeline resolves it per backend (llmx.pipeline.resolve_workers).
WorkersOption = typer.Option(
    None,
    "--workers",
    "-w",
    min=1,
    help="Documents in flight at once. rules: worker processes [default: the cores]; "
    "openai: concurrent requests [default: 1]",
    show_default=False,
)
