"""`llmx backends list`: the extraction backends the registry finds (llmx's own and any
installed plugin's), with the capabilities each declares."""

from __future__ import annotations

import dataclasses

import typer

from llmx.cli.common import print_json
from llmx.cli.options import JsonOption

backends_app = typer.Typer(help="Extraction backends: llmx's own and installed plugins.",
                           no_args_is_help=True)  # fmt: skip


@backends_app.command("list")
def list_backends(as_json: bool = JsonOption) -> None:
    """Every registered backend: name, where it comes from, what it can do."""
    from llmx.backends import backend_infos

    infos = backend_infos()
    if as_json:
        print_json([dataclasses.asdict(info) for info in infos])
        return
    for info in infos:
        if info.error is not None:
            typer.echo(f"{info.name}: cannot be loaded: {info.error}")
            continue
        abilities = ["offline" if info.offline else "needs an endpoint"]
        if info.concurrent:
            abilities.append("concurrent requests (--workers)")
        if info.processes:
            abilities.append("worker processes (--workers)")
        typer.echo(f"{info.name}: {info.description}")
        typer.echo(f"    {info.target} [{', '.join(abilities)}]")


def register(app: typer.Typer) -> None:
    app.add_typer(backends_app, name="backends")
