"""What a cold `llmx ask` process pays for before it answers. A plain ask line is read
without typer (``llmx.cli.ask_fast``) and answered without pydantic (the store's views, the
dataclass query and answer, the vocabulary's validated cache): importing either costs more
than answering a question on a 10,000-document store. pydantic's plugin scan stays off
for the commands that do load it, unless the user asks for it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Runs ``llmx.cli.main`` on argv, then prints the heavy modules it loaded (stderr, last line).
_RUN = (
    "import json, sys\n"
    "argv = json.loads(sys.argv[1])\n"
    "sys.argv = ['llmx', *argv]\n"
    "from llmx.cli import main\n"
    "try:\n"
    "    main()\n"
    "except SystemExit:\n"
    "    pass\n"
    "heavy = sorted(m for m in ('pydantic', 'typer', 'click', 'rich') if m in sys.modules)\n"
    "scan = None\n"
    "if 'pydantic' in sys.modules:\n"
    "    from pydantic.plugin import _loader\n"
    "    scan = _loader._plugins is not None\n"
    "print(json.dumps({'heavy': heavy, 'scanned': scan}), file=sys.stderr)\n"
)
# One question per question family of issue 12 (benchmarks/ask_cold.py asks the same kinds).
QUESTIONS = [
    "Tỉnh nào đứng thứ 4?",
    "Chỉ số CCHC năm 2022 của tỉnh Bắc Giang đạt bao nhiêu điểm?",
    "Tỉnh nào có Chỉ số CCHC cao nhất?",
    "Những tỉnh nào tăng hạng?",
    "So sánh Bắc Giang và Tiền Giang",
    "Chỉ số CCHC của Bắc Giang qua các năm",
    "Bao nhiêu tỉnh đạt trên 80 điểm Chỉ số CCHC năm 2022?",
    "Tỷ lệ nộp hồ sơ trực tuyến của Bình Phước là bao nhiêu?",
    "Tỉnh nào thực hiện mô hình 'Ngày không hẹn'?",
    "What was Tien Giang's national rank on the PAR Index in 2023?",
    "diem chi so sipas 2023 cua tien giang",
]


def _run(argv: list[str], **env: str) -> tuple[subprocess.CompletedProcess[str], dict]:
    environ = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"} | env
    r = subprocess.run(
        [sys.executable, "-c", _RUN, json.dumps(argv)], capture_output=True, text=True,
        env=environ, timeout=120,
    )  # fmt: skip
    return r, json.loads(r.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("question", QUESTIONS)
def test_ask_imports_neither_typer_nor_pydantic(qa_db: Path, question: str) -> None:
    r, seen = _run(["ask", question, "--db", str(qa_db)])
    assert r.stdout.strip(), r.stderr
    assert seen["heavy"] == [], seen


def test_ask_json_and_options_stay_on_the_lean_path(qa_db: Path) -> None:
    q = "Tỉnh nào đứng thứ 12 về Chỉ số CCHC năm 2023?"
    r, seen = _run(["ask", q, "--json", "-b", "rules", "--db", str(qa_db)])
    assert json.loads(r.stdout)["found"] is True
    assert seen["heavy"] == [], seen


def test_ask_on_a_missing_store_is_lean_too(tmp_path: Path) -> None:
    r, seen = _run(["ask", "Tỉnh nào đứng thứ 4?", "--db", str(tmp_path / "none.db")])
    assert "llmx extract" in r.stdout and seen["heavy"] == [], (r.stdout, seen)


def test_ask_help_is_typers(qa_db: Path) -> None:
    r, seen = _run(["ask", "--help"])
    assert "--planner NAME" in r.stdout and "typer" in seen["heavy"]


def test_pydantics_plugin_scan_stays_off(qa_db: Path) -> None:
    # `llmx facts` reads the record models (pydantic): the scan is what it would pay for.
    r, seen = _run(["facts", "--db", str(qa_db)])
    assert r.stdout.strip() and "pydantic" in seen["heavy"], (r.stderr, seen)
    assert seen["scanned"] is False


def test_a_user_setting_for_plugins_is_kept(qa_db: Path) -> None:
    # "": every plugin, as pydantic reads it
    r, seen = _run(["facts", "--db", str(qa_db)], PYDANTIC_DISABLE_PLUGINS="")
    assert seen["scanned"] is True, (r.stderr, seen)


def test_a_figure_read_against_its_context_stays_on_the_lean_path(tmp_path: Path) -> None:
    # the quote names no unit: the answer reads the sentence before it (is it the country's?)
    # and the headline from the store, which must not load the Document model (pydantic)
    doc = tmp_path / "m.txt"
    doc.write_text(
        "Lạng Sơn đẩy mạnh dịch vụ công trực tuyến năm 2023\n\nNăm 2023, tỉnh Lạng Sơn tiếp "
        "tục cải cách hành chính. Tỷ lệ hồ sơ trực tuyến là 45,2%.\n",
        encoding="utf-8",
    )
    db = tmp_path / "m.db"
    subprocess.run(
        [sys.executable, "-m", "llmx", "extract", str(doc), "--db", str(db), "--no-progress"],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    r, seen = _run(["ask", "Tỷ lệ hồ sơ trực tuyến của Lạng Sơn là bao nhiêu?", "--db", str(db)])
    assert "45,2%" in r.stdout, (r.stdout, r.stderr)
    assert seen["heavy"] == [], seen
