"""The ``llmx`` command line. Each verb lives in its own module and registers itself here;
heavy libraries are imported inside the commands so ``llmx --help`` stays fast."""

from __future__ import annotations

import sys

import typer

from llmx.errors import LlmxError

app = typer.Typer(
    name="llmx",
    help="Grounded extraction and QA over Vietnamese administrative-reform (CCHC) reporting.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: importing rich for --help costs ~150 ms
)


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import version  # here: only --version pays for it

        typer.echo(f"llmx {version('llmx')}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        callback=_print_version,
        is_eager=True,  # before the verb is looked for: `llmx --version` needs none
        help="Print the installed version and exit",
    ),
) -> None:
    pass


def _register() -> None:
    from llmx.cli import (
        ask_cmd,
        backends_cmd,
        cache_cmd,
        eval_cmd,
        export_cmd,
        extract_cmd,
        facts_cmd,
        records_cmd,
        runs_cmd,
        schema_cmd,
    )

    modules = (
        extract_cmd, schema_cmd, eval_cmd, ask_cmd, facts_cmd, records_cmd, export_cmd,
        runs_cmd, cache_cmd, backends_cmd,
    )  # fmt: skip
    for module in modules:
        module.register(app)


_INTERRUPTED = "Interrupted; everything stored so far is kept."


def main() -> None:
    _register()
    try:
        app()
    except LlmxError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print(_INTERRUPTED, file=sys.stderr)
        sys.exit(130)
    except SystemExit as exc:
        # Typer turns Ctrl-C inside a command into a silent exit 130; say what was kept.
        if exc.code == 130 and _from_ctrl_c(exc):
            print(_INTERRUPTED, file=sys.stderr)
        raise


def _from_ctrl_c(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, KeyboardInterrupt):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
