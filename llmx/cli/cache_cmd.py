"""`llmx cache info|clear`: the LLM response cache (see llmx/llm/cache.py for what is keyed
and where the file lives: env LLMX_CACHE, else llmx-cache.db next to the store)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import typer

from llmx.cli.common import fail, print_json
from llmx.cli.options import DbOption, JsonOption

cache_app = typer.Typer(
    help="The LLM response cache: llmx-cache.db next to the store, or $LLMX_CACHE.",
    no_args_is_help=True,
)

_YES = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation")


def _open(db: Path | None):
    from llmx.llm.cache import ResponseCache, cache_path

    path = cache_path(db)
    if not path.exists():
        return path, None
    return path, ResponseCache(path)


def _when(ts: float | None) -> str:
    if ts is None:
        return "-"
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds")


@cache_app.command("info")
def info(db: Path | None = DbOption, as_json: bool = JsonOption) -> None:
    """Where the cache is, how many responses it holds and for which models."""
    path, cache = _open(db)
    if cache is None:
        empty: dict[str, Any] = {"path": str(path), "exists": False, "entries": 0}
        if as_json:
            print_json(empty)
        else:
            typer.echo(f"cache: {path} (not created yet)")
        return
    try:
        data: dict[str, Any] = {"exists": True, **cache.info()}
    finally:
        cache.close()
    if as_json:
        print_json(data)
        return
    typer.echo(f"cache: {data['path']}")
    typer.echo(f"entries: {data['entries']} ({data['bytes'] / 1e6:.2f} MB)")
    typer.echo(
        f"tokens saved per full replay: {data['prompt_tokens']} prompt + "
        f"{data['completion_tokens']} completion"
    )
    typer.echo(f"oldest: {_when(data['oldest'])}  newest: {_when(data['newest'])}")
    for m in data["models"]:
        typer.echo(f"  {m['entries']:>6}  {m['model']} ({m['mode']}) at {m['endpoint']}")


@cache_app.command("clear")
def clear(db: Path | None = DbOption, yes: bool = _YES) -> None:
    """Delete every cached response."""
    path, cache = _open(db)
    if cache is None:
        typer.echo(f"cache: {path} (nothing to clear)")
        return
    try:
        n = cache.info()["entries"]
        if n and not yes and not typer.confirm(f"Delete {n} cached responses from {path}?"):
            fail("nothing deleted", code=1)
        deleted = cache.clear()
    finally:
        cache.close()
    typer.echo(f"deleted {deleted} cached responses from {path}")


def register(app: typer.Typer) -> None:
    app.add_typer(cache_app, name="cache")
