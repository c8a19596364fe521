"""A loaded source document: the cleaned, NFC-normalised text that every offset refers to."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict


class Document(BaseModel):
    model_config = ConfigDict(frozen=True)

    doc_id: str
    source: str
    sha256: str  # of the raw bytes as read, before decoding and cleaning
    text: str  # stored text; evidence offsets index into this string
    title: str | None = None
    published: date | None = None
