"""`llmx schema export|check`: JSON Schema of the record contract, kept in schemas/."""

from __future__ import annotations

from pathlib import Path

import typer

schema_app = typer.Typer(help="Export or check the JSON Schema of the record contract.")


@schema_app.command("export")
def export(
    out_dir: Path = typer.Option(
        Path("schemas"), "--dir", metavar="DIR", help="Directory to write into"
    ),
) -> None:
    """Write schemas/*.schema.json from the pydantic models."""
    from llmx.core.schema_export import write_schemas

    for path in write_schemas(out_dir):
        typer.echo(f"wrote {path}")


@schema_app.command("check")
def check(
    schema_dir: Path = typer.Option(
        Path("schemas"), "--dir", metavar="DIR", help="Directory holding the schema files"
    ),
) -> None:
    """Exit 1 when the files in schemas/ differ from the models."""
    from llmx.core.schema_export import drifted

    stale = drifted(schema_dir)
    if stale:
        typer.echo("schemas out of date: " + ", ".join(stale) + " (run `llmx schema export`)")
        raise typer.Exit(1)
    typer.echo("schemas up to date")


def register(app: typer.Typer) -> None:
    app.add_typer(schema_app, name="schema")
