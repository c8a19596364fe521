"""Small CLI behaviours: `-o` targets that cannot be written, readable `--help` for every
verb, `llmx --version`."""

from __future__ import annotations

import copy
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner


def llmx(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "llmx", *args], cwd=cwd, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip


def _stray_temp_files(*dirs: Path) -> list[Path]:
    return [p for d in dirs if d.is_dir() for p in d.rglob("*.tmp*")]


@pytest.mark.parametrize("target", ["missing/dir/out.jsonl", "existing_dir"])
def test_unwritable_output_is_one_line_error_before_extracting(tmp_path, root, target):
    (tmp_path / "existing_dir").mkdir()
    db = tmp_path / "o.db"
    r = llmx("extract", str(root / "seeds"), "-o", target, "--db", str(db), cwd=tmp_path)
    err = r.stderr.strip()
    assert r.returncode == 2, r.stderr
    assert err.startswith("Error: ") and len(err.splitlines()) == 1, err
    assert "Traceback" not in r.stderr and target in err
    assert r.stdout == ""  # no summary: nothing was extracted
    assert not db.exists()  # checked before the store is opened or a run begun
    assert _stray_temp_files(tmp_path, root / "seeds") == []
    assert not (tmp_path / "missing").exists()
    assert list((tmp_path / "existing_dir").iterdir()) == []


@pytest.fixture(scope="module")
def cli_app() -> typer.Typer:
    """A copy of the real `llmx` app (its settings and --version) with every verb registered
    by `llmx.cli._register`; a copy, since other tests register verbs on the shared one."""
    from llmx import cli

    app = copy.copy(cli.app)
    app.registered_commands, app.registered_groups = [], []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(cli, "app", app)
        cli._register()
    return app


def _command_paths(command: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command path under a group (by ``.commands``: some typer releases bring their
    own copy of click, whose groups are no ``click.Group``)."""
    paths = [prefix]
    for name, sub in getattr(command, "commands", {}).items():
        paths += _command_paths(sub, (*prefix, name))
    return paths


def test_every_help_shows_readable_option_types(cli_app):
    paths = _command_paths(typer.main.get_command(cli_app))
    assert ("extract",) in paths and ("cache", "info") in paths  # the walk found the verbs
    runner = CliRunner()
    for path in paths:
        r = runner.invoke(cli_app, [*path, "--help"], prog_name="llmx")
        assert r.exit_code == 0, (path, r.output)
        # click/typer type placeholders (<list[str]>, <int range>, <path>) and typer's
        # {name} argument marks say nothing a reader can act on.
        assert not re.search(r"<[^>\s]+(?: [^>\s]+)?>", r.output), (path, r.output)
        assert not re.search(r"\{\w+\}", r.output), (path, r.output)


def test_extract_help_names_its_values(cli_app):
    out = CliRunner().invoke(cli_app, ["extract", "--help"], prog_name="llmx").output
    for shown in ("PATH...", "--output FILE", "--db PATH", "--model MODEL", "--base-url URL",
                  "--workers N", "--backend NAME"):  # fmt: skip
        assert shown in out, (shown, out)


def test_version_prints_package_version(tmp_path):
    r = llmx("--version", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout == f"llmx {version('llmx')}\n"


def test_version_imports_nothing_heavy():
    code = (
        "import sys\n"
        "sys.argv = ['llmx', '--version']\n"
        "from llmx.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in ('llmx.store', 'llmx.pipeline', 'llmx.qa.engine', 'pydantic',"
        " 'openai', 'instructor', 'rich') if m in sys.modules]\n"
        "print(heavy, file=sys.stderr)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.stdout.startswith("llmx "), r.stdout + r.stderr
    assert r.stderr.strip() == "[]", r.stderr
