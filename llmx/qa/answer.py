"""What `llmx ask` returns: an answer sentence resting on stored records, with citations.
Plain dataclasses (a cold `llmx ask` imports no pydantic); ``to_json`` is the ``--json``
form."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(kw_only=True)
class Citation:
    doc_id: str
    quote: str
    start: int
    end: int
    primary: bool = True  # False for lesser matches listed after the best one


@dataclass(kw_only=True)
class Answer:
    question: str
    lang: str = "vi"
    found: bool  # False: "không tìm thấy" (nothing in the store answers the question)
    text: str  # one short sentence in the question's language
    query: dict[str, Any] = field(default_factory=dict)  # the typed query, described
    records: list[dict[str, Any]] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    passages: list[Citation] = field(default_factory=list)  # closest FTS hits when not found
    # Why nothing was found: "empty_store", "no_entity", "no_records", "unstructured".
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The answer as JSON values, fields in order (``llmx ask --json``)."""
        return asdict(self)
