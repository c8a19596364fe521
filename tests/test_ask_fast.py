"""The typer-free reading of `llmx ask` (``llmx.cli.ask_fast``): every command line it
reads gives the options typer gives, and every line it cannot read is left to typer."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from llmx.cli import ask_cmd
from llmx.cli.ask_fast import FLAGS, VALUED, parse_ask
from llmx.cli.ask_run import AskArgs

# Lines both readers read: (argv after `llmx ask`).
READ = [
    ["Tỉnh nào đứng thứ 4?"],
    ["q", "--db", "store.db"],
    ["--db", "store.db", "q"],
    ["q", "--json"],
    ["q", "--json", "--json"],
    ["q", "-p", "openai", "-m", "gpt-x", "--base-url", "http://127.0.0.1:8080/v1"],
    ["q", "--planner=openai", "--model=m", "--base-url=http://h/v1", "--timeout=2.5"],
    ["q", "--timeout", "7"],
    ["q", "-b", "rules", "--backend", "openai"],  # the last one given wins
    ["q", "--records-backend", "rules"],
    ["q", "--planner", "nonsense"],  # a value the command, not the reader, refuses
    ["-"],
    ["--", "-5 điểm là bao nhiêu?"],
    ["q", "--db="],
    [""],
]
# Lines left to typer: help, unknown or clustered options, missing or dash-led values,
# values typer must convert or refuse, no question or more than one.
LEFT = [
    ["--help"],
    ["q", "--help"],
    ["q", "--bogus"],
    ["q", "-pfoo"],
    ["q", "-p=rules"],
    ["q", "--json=1"],
    ["q", "--db"],
    ["q", "--db", "--json"],
    ["q", "--timeout", "soon"],
    ["-5 điểm"],
    [],
    ["a", "b"],
]


@pytest.fixture
def typer_args(monkeypatch: pytest.MonkeyPatch) -> object:
    """What the typer command hands ``run`` for a line (None when typer refuses it)."""
    for var in ("LLMX_MODEL", "OPENAI_BASE_URL"):  # the fast path leaves these to the config
        monkeypatch.delenv(var, raising=False)
    seen: list[AskArgs] = []
    monkeypatch.setattr(ask_cmd, "run", seen.append)
    app = typer.Typer()
    ask_cmd.register(app)
    app.command("other")(lambda: None)  # two commands: `ask` stays a sub-command

    def read(argv: list[str]) -> AskArgs | None:
        seen.clear()
        r = CliRunner().invoke(app, ["ask", *argv])
        return seen[0] if r.exit_code == 0 and seen else None

    return read


@pytest.mark.parametrize("argv", READ, ids=" ".join)
def test_a_line_read_fast_gives_what_typer_gives(argv: list[str], typer_args) -> None:
    fast = parse_ask(argv)
    assert fast is not None
    assert fast == typer_args(argv)


@pytest.mark.parametrize("argv", LEFT, ids=" ".join)
def test_a_line_it_cannot_read_is_left_to_typer(argv: list[str]) -> None:
    assert parse_ask(argv) is None


def test_it_reads_every_option_of_the_typer_command() -> None:
    command = typer.main.get_command(_single_ask_app())
    typer_names = {n for p in command.params if p.param_type_name == "option" for n in p.opts}
    assert typer_names - {"--help"} == set(VALUED) | set(FLAGS)


def test_defaults_are_the_typer_commands(typer_args) -> None:
    assert parse_ask(["q"]) == typer_args(["q"]) == AskArgs(question="q")
    assert AskArgs(question="q").db is None and parse_ask(["q", "--db", "x"]).db == Path("x")


def _single_ask_app() -> typer.Typer:
    app = typer.Typer(add_completion=False)
    ask_cmd.register(app)
    return app


def test_a_reader_that_leaves_ends_it_quietly(qa_db: Path) -> None:
    """`llmx ask … | head`: as a typer command does, exit 1 and no traceback."""
    import subprocess
    import sys

    code = (
        "import os, sys\n"
        "r, w = os.pipe(); os.close(r); os.dup2(w, 1)\n"
        "sys.argv = ['llmx', 'ask', 'Tỉnh nào đứng thứ 12 về Chỉ số CCHC năm 2023?', '--json',"
        " '--db', sys.argv[1]]\n"
        "from llmx.cli import main\n"
        "main()\n"
    )
    r = subprocess.run([sys.executable, "-c", code, str(qa_db)], capture_output=True,
                       text=True, timeout=60)  # fmt: skip
    assert (r.returncode, r.stderr) == (1, "")
