"""`llmx eval` as a Typer app of its own, for CliRunner (the ``eval_app`` fixture in
tests/conftest.py gives one to a test)."""

from __future__ import annotations

import typer

from llmx.cli import eval_cmd


def eval_app() -> typer.Typer:
    app = typer.Typer(rich_markup_mode=None)

    @app.callback()
    def _root() -> None:
        pass

    eval_cmd.register(app)
    return app
