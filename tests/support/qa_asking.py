"""A QA test corpus's store, and asking it: every answer's citations and passages are
checked against the corpus text they quote (an answer that cites text its documents do not
hold fails the test that asked it), and the records an answer rests on."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from llmx.qa.answer import Answer
from llmx.qa.engine import answer_question
from llmx.store import Store


def store_fixture(build: Callable[[Path], Store], name: str) -> Any:
    """A module-scoped ``store`` fixture: the corpus ``build`` saves into a fresh store."""

    @pytest.fixture(scope="module")
    def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
        s = build(Path(tmp_path_factory.mktemp(name)) / f"{name}.db")
        yield s
        s.close()

    return store


def grounded_answer(store: Store, question: str, texts: Mapping[str, str]) -> Answer:
    """The answer to ``question``, after checking that each quote it cites is its document's
    text at the cited offsets."""
    a = answer_question(store, question)
    for c in [*a.citations, *a.passages]:
        assert texts[c.doc_id][c.start : c.end] == c.quote  # grounded in a stored document
    return a


def primary(a: Answer) -> list[dict[str, Any]]:
    """The records the answer rests on (best matches and their ties)."""
    return [r for r in a.records if r["role"] in ("best", "tie")]
