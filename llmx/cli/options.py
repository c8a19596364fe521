"""Options several verbs share, declared once with their help text and the word their value
shows under in --help (the defaults they show live where the values are resolved:
llmx/llm/config.py, llmx/store), and the command class that shows arguments the same way."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperCommand


class ReadableCommand(TyperCommand):
    """A command whose arguments show in --help under their metavar (``PATH...``): some
    typer releases print ``{paths}...`` in the usage line and ``<list[str]>`` beside the
    argument whatever metavar it was given. Options show theirs already."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument" and param.metavar:
                pieces.append(param.metavar)
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                arguments.append((param.metavar, record[1]) if param.metavar else record)
            elif param.param_type_name == "option":
                options.append(record)
        for title, records in (("Arguments", arguments), ("Options", options)):
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)


DbOption = typer.Option(
    None,
    "--db",
    metavar="PATH",
    help="SQLite store path [env: LLMX_DB; default ./llmx.db]",
    show_default=False,
)
JsonOption = typer.Option(False, "--json", help="Machine-readable output")
ModelOption = typer.Option(
    None,
    "--model",
    "-m",
    metavar="MODEL",
    envvar="LLMX_MODEL",
    help="openai: model name [default: gpt-4o-mini]",
    show_default=False,
)
BaseUrlOption = typer.Option(
    None,
    "--base-url",
    metavar="URL",
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
    metavar="N",
    help="Documents in flight at once. rules: worker processes [default: the cores]; "
    "openai: concurrent requests [default: 1]",
    show_default=False,
)

# Filters of the verbs that read records and facts back (facts, records, export).
EntityFilter = typer.Option(
    None, "--entity", "-e", metavar="NAME",
    help="Only this entity, spelt any way a question may spell it (Bắc Giang, bac giang, "
    "tỉnh Bắc Giang; English names)",
)  # fmt: skip
IndexFilter = typer.Option(
    None, "--index", "-i", metavar="INDEX",
    help="Only this index: a code (PAPI) or a name (Chỉ số CCHC); implies --type index_results",
)  # fmt: skip
YearFilter = typer.Option(None, "--year", "-y", metavar="YEAR", help="Only this year")
TypeFilter = typer.Option(
    None, "--type", "-t", metavar="TYPE",
    help="index_results, metrics or initiatives [default: all]",
)  # fmt: skip
BackendFilter = typer.Option(
    None, "--backend", "-b", metavar="NAME", help="Only records of this extractor backend"
)
