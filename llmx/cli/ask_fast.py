"""The fast path of `llmx ask`: its command line read without typer.

Building the typer app and its parameters costs a cold `llmx ask` more than answering a
question on a large store, so the entry point reads a plain ask command line here and
runs ``ask_run.run`` at once. Only what is unambiguous is read: the options below with
their values (``--opt VALUE``, ``--opt=VALUE``, ``-p VALUE``), flags, ``--`` and one
question. Anything else (``--help``, an unknown or clustered option, a missing or dash-led
value, a bad number, no question or two) returns None and the typer command reads the
line, so help, errors and messages stay typer's. ``tests/test_ask_fast.py`` checks that
every line read here gives what typer gives, and that the options named here are the
typer command's.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from llmx.cli.ask_run import AskArgs

# Option name -> the ``AskArgs`` field it sets (flags: ``FLAGS``). ``--model`` and
# ``--base-url`` take no environment default here: ``llm.config.from_options`` reads the
# same variables when they are None.
VALUED: dict[str, str] = {
    "--planner": "planner",
    "-p": "planner",
    "--backend": "backend",
    "-b": "backend",
    "--model": "model",
    "-m": "model",
    "--base-url": "base_url",
    "--timeout": "timeout",
    "--db": "db",
    "--records-backend": "records_backend",
}
FLAGS: dict[str, str] = {"--json": "json_out"}


def parse_ask(argv: list[str]) -> AskArgs | None:
    """The ``AskArgs`` of ``argv`` (what follows ``llmx ask``), or None to let typer read
    it. Repeated options: the last wins, as in typer."""
    values: dict[str, object] = {}
    questions: list[str] = []
    i, only_positional = 0, False
    while i < len(argv):
        tok = argv[i]
        i += 1
        if only_positional or tok == "-" or not tok.startswith("-"):
            questions.append(tok)
            continue
        if tok == "--":
            only_positional = True
            continue
        name, eq, attached = tok.partition("=")
        if name in FLAGS and not eq:
            values[FLAGS[name]] = True
            continue
        if name not in VALUED or (eq and not name.startswith("--")):
            return None  # --help, an unknown option, -pVALUE, -p=VALUE: typer's to read
        if eq:
            value = attached
        elif i < len(argv) and not argv[i].startswith("-"):
            value, i = argv[i], i + 1
        else:
            return None  # no value, or one that looks like an option: typer decides
        values[VALUED[name]] = value
    if len(questions) != 1:
        return None
    args = AskArgs(question=questions[0])
    if "timeout" in values:
        try:
            values["timeout"] = float(str(values["timeout"]))
        except ValueError:
            return None
    if "db" in values:
        values["db"] = Path(str(values["db"]))
    return replace(args, **values)  # type: ignore[arg-type]
