"""The ``llmx`` command line. Each verb lives in its own module and registers itself on the
typer app (``llmx.cli.typer_app``); heavy libraries are imported inside the commands so ``llmx
--help`` stays fast, and a plain `llmx ask` is read without typer at all (``ask_fast``)."""

from __future__ import annotations

import os
import sys
from typing import Any

from llmx.errors import LlmxError


def __getattr__(name: str) -> Any:
    """``llmx.cli.app``, the typer app, built on first use (``llmx.cli.typer_app``)."""
    if name == "app":
        from llmx.cli.typer_app import app

        globals()["app"] = app  # tests may replace it with a copy (monkeypatch)
        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _app() -> Any:
    """The app the verbs register on and ``main`` runs: the one set here (tests set a
    copy), else the typer app, built now."""
    return globals().get("app") or __getattr__("app")


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
        report_cmd,
        runs_cmd,
        schema_cmd,
    )

    modules = (
        extract_cmd, schema_cmd, eval_cmd, ask_cmd, facts_cmd, records_cmd, export_cmd,
        report_cmd, runs_cmd, cache_cmd, backends_cmd,
    )  # fmt: skip
    app = _app()
    for module in modules:
        module.register(app)


_INTERRUPTED = "Interrupted; everything stored so far is kept."


# pydantic looks for plugins on its first model by scanning every installed distribution's
# entry points: ~0.2 s of a cold `llmx ask` in an environment with the dev tools installed,
# for plugins llmx does not use. Off unless the user sets the variable (to "" for all).
_PYDANTIC_PLUGINS = "PYDANTIC_DISABLE_PLUGINS"


def main() -> None:
    os.environ.setdefault(_PYDANTIC_PLUGINS, "__all__")
    try:
        if not _fast_ask(sys.argv[1:]):
            _register()
            _app()()
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


def _fast_ask(argv: list[str]) -> bool:
    """Run a plain `llmx ask` line without typer (``ask_fast``); False: typer's to read."""
    if not argv or argv[0] != "ask":
        return False
    from llmx.cli.ask_fast import parse_ask

    args = parse_ask(argv[1:])
    if args is None:
        return False
    from llmx.cli.ask_run import run

    try:
        run(args)
    except BrokenPipeError:
        # What click does for a typer command: a reader that left early (`| head`) ends the
        # command quietly with exit 1, not with a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    return True


def _from_ctrl_c(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, KeyboardInterrupt):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
