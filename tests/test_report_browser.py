"""`llmx report` in a real browser: headless Chromium (Debian packages ``chromium``,
``chromium-driver``; .ci/run installs them) opens the page from a file, runs its script,
and the DOM it ends with is checked: one highlighted record per stored record, the facts
filter preset from the address, a record opened from the address. A screenshot is kept as a
test artefact: $LLMX_TEST_ARTIFACTS, else tests/artifacts/ (git-ignored).

Skipped, saying why, when no Chromium is installed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from support.report_corpus import build_store

from llmx.report import ReportOptions, report_html
from llmx.store import Store

_BROWSERS = ("chromium", "chromium-browser", "google-chrome")
_BROWSER = next((b for b in map(shutil.which, _BROWSERS) if b), None)
pytestmark = pytest.mark.skipif(
    _BROWSER is None,
    reason="no headless Chromium (apt-get install chromium chromium-driver; .ci/run does)",
)
# --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--hide-scrollbars", "--no-first-run", "--virtual-time-budget=3000")  # fmt: skip
_TIMEOUT_S = 90


def artifacts_dir() -> Path:
    where = os.environ.get("LLMX_TEST_ARTIFACTS")
    path = Path(where) if where else Path(__file__).parent / "artifacts"
    path.mkdir(parents=True, exist_ok=True)
    return path


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    assert _BROWSER is not None
    return subprocess.run(
        [_BROWSER, *_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=_TIMEOUT_S, check=True,
    )  # fmt: skip


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Path]]:
    folder = tmp_path_factory.mktemp("browser")
    store = build_store(folder / "r.db")
    out = folder / "report.html"
    out.write_text(report_html(store, ReportOptions()), encoding="utf-8")
    yield store, out
    store.close()


def dump_dom(url: str, profile: Path) -> str:
    return chromium("--dump-dom", url, profile=profile).stdout


def test_browser_shows_one_highlight_per_record(page: tuple[Store, Path], tmp_path: Path) -> None:
    store, out = page
    dom = dump_dom(out.as_uri(), tmp_path / "profile")
    marks = re.findall(r'<mark class="ev t-(\w+)" data-record-id="([\w-]+)"', dom)
    per_table: dict[str, set[str]] = {}
    for table, record_id in marks:
        per_table.setdefault(table, set()).add(record_id)
    counts = store.counts()
    assert {t: len(ids) for t, ids in per_table.items()} == {
        t: n for t, n in counts.items() if t != "documents" and n
    }
    # the page's script ran: it counted the facts into the filter line
    n_facts = sum(len(store.consolidated_facts(t)) for t in per_table)
    assert f"{n_facts} of {n_facts} facts" in dom
    # the web page's markup is text in the DOM, not elements
    assert "<img" not in dom and "&lt;script&gt;alert" in dom


def test_browser_applies_filters_and_opens_a_record(
    page: tuple[Store, Path], tmp_path: Path
) -> None:
    store, out = page
    record = store.document_records("r-web")[1]  # Nghệ An, confidence 0.6
    url = f"{out.as_uri()}?conflicts=1&type=index_results#record-{record.table}-{record.row_id}"
    dom = dump_dom(url, tmp_path / "profile")
    shown = re.search(r'id="f-count"[^>]*>(\d+) of (\d+) facts<', dom)
    assert shown is not None
    # only Bắc Giang's 2022 rank (4 in two articles, 5 in one) is a conflicting result
    assert shown.group(1) == "1" and int(shown.group(2)) > 1
    panel = re.search(r'<aside id="panel"[^>]*>(.*?)</aside>', dom, re.S)
    assert panel is not None
    assert "confidence: 0.6" in panel.group(1) and "Nghệ An" in panel.group(1)
    assert 'style="display: block;"' in dom


def test_browser_screenshot_is_kept(page: tuple[Store, Path], tmp_path: Path) -> None:
    _, out = page
    shot = artifacts_dir() / "report.png"
    shot.unlink(missing_ok=True)
    url = quote(out.as_uri(), safe=":/") + "#record-index_results-1"
    chromium(f"--screenshot={shot}", "--window-size=1280,1800", url, profile=tmp_path / "p")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 10_000  # a rendered page, not a blank one
