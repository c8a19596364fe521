"""The typer app of ``llmx``: its settings and root options. The verbs register themselves
on it (``llmx.cli._register``); the entry point (``llmx.cli.main``) builds it only when a
command line needs typer (a plain `llmx ask` does not: ``ask_fast``)."""

from __future__ import annotations

import typer

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
