"""What a cold `llmx ask` process pays for before it answers: pydantic's plugin scan is off
unless the user asks for it (it read every installed distribution's entry points, ~0.2 s)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

_ASK = (
    "import sys\n"
    "sys.argv = ['llmx', 'ask', 'Tỉnh nào đứng thứ 4?', '--db', sys.argv[1]]\n"
    "from llmx.cli import main\n"
    "try:\n"
    "    main()\n"
    "except SystemExit:\n"
    "    pass\n"
    "from pydantic.plugin import _loader\n"
    "print('scanned' if _loader._plugins is not None else 'not scanned', file=sys.stderr)\n"
)


def _ask(db: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"} | env
    return subprocess.run(
        [sys.executable, "-c", _ASK, str(db)], capture_output=True, text=True, env=environ,
        timeout=120,
    )  # fmt: skip


def test_ask_skips_pydantics_plugin_scan(qa_db: Path) -> None:
    r = _ask(qa_db)
    assert "thứ 4" in r.stdout, r.stdout + r.stderr
    assert r.stderr.strip().endswith("not scanned"), r.stderr


def test_a_user_setting_for_plugins_is_kept(qa_db: Path) -> None:
    r = _ask(qa_db, PYDANTIC_DISABLE_PLUGINS="")  # "": every plugin, as pydantic reads it
    assert r.stderr.strip().endswith("scanned") and "not scanned" not in r.stderr, r.stderr
