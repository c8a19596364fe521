"""A Document for a text written in a test."""

from __future__ import annotations

import hashlib

from llmx.core.document import Document


def make_doc(text: str, doc_id: str = "t", title: str | None = None) -> Document:
    return Document(
        doc_id=doc_id,
        source=f"{doc_id}.txt",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        title=title,
    )
