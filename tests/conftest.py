"""Fixtures shared by the tests. Data and builders live in tests/support/ (imported as
``support``: pytest puts tests/ on sys.path because it has no __init__.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    import typer

    from llmx.store import Store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="module")
def qa_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """An open store holding the QA corpus (tests/support/qa_corpus.py), one per module."""
    from support.qa_corpus import build_store

    store = build_store(tmp_path_factory.mktemp("qa") / "qa.db")
    yield store
    store.close()


@pytest.fixture(scope="module")
def qa_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The path of a closed store holding the QA corpus, for `llmx ask --db`; one per module."""
    from support.qa_corpus import build_store

    path = tmp_path_factory.mktemp("qa") / "qa.db"
    build_store(path).close()
    return path


@pytest.fixture
def eval_app() -> typer.Typer:
    """`llmx eval` as a Typer app of its own, for CliRunner."""
    from support.eval_cli import eval_app

    return eval_app()
