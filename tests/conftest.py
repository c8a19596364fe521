from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from llmx.core.document import Document

ROOT = Path(__file__).resolve().parent.parent


def make_doc(text: str, doc_id: str = "t", title: str | None = None) -> Document:
    return Document(
        doc_id=doc_id,
        source=f"{doc_id}.txt",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        title=title,
    )


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
