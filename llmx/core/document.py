"""A loaded source document: the NFC-normalised text that every offset refers to."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict


class Document(BaseModel):
    model_config = ConfigDict(frozen=True)

    doc_id: str  # unique per source: path relative to the run's directory, or stdin-<hash>
    source: str  # the path as the user gave it
    sha256: str  # of the raw bytes as read, before decoding and cleaning
    # Stored text; evidence offsets index into this string. For a plain-text file it is the
    # file as the user has it (own newlines) with page chrome blanked by same-length spaces,
    # so offsets are the file's; for HTML it is the text made from the markup.
    text: str
    title: str | None = None
    published: date | None = None
