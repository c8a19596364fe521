"""What the store's reads return besides records: distinct facts, facts consolidated across
documents, and FTS hits; and how many a read returns at most. Plain dataclasses (no
pydantic: `llmx ask` reads them); the record models are in ``models`` and ``views``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

MAX_LIMIT = 10_000  # rows any one read returns at most, whatever limit is asked for

_R = TypeVar("_R")  # the record: a view (``views``) or a Stored* model (``models``)


@dataclass(frozen=True)
class SentenceHit:
    """One full-text hit: a sentence of a stored document. ``score`` is the negated FTS5 bm25
    value, so higher is better."""

    doc_id: str
    start: int
    end: int
    text: str
    score: float


@dataclass
class Fact(Generic[_R]):
    """One distinct fact: the earliest stored record stating it, and how many rows
    (documents x backends) state it."""

    record: _R
    sources: int


@dataclass(frozen=True)
class FactSource:
    """One stored row stating a consolidated fact: where it was read and what it says.
    ``values``: the row's value fields (``ConsolidatedFact.values``' keys), None where the
    row does not state one."""

    doc_id: str
    record_id: int  # the row's id in its record table
    backend: str
    quote: str
    start: int
    end: int
    confidence: float | None
    values: dict[str, Any]


@dataclass
class ConsolidatedFact(Generic[_R]):
    """One fact across documents: every stored row with the same fact key.

    * ``key``: the fact key (record field -> value: entity key, index, component ('' for
      none), year, scope, is_target; for metrics the name key and unit; for initiatives the
      entity and name keys);
    * ``record``: the representative record: the row the other sources back most (for each
      value it states, how many sources state the same; ties: the earliest stored);
    * ``sources``: one per stored row, in store order;
    * ``values``: per value field, the distinct non-null values the sources state, the one
      most sources state first (ties: the first stated first);
    * ``conflicts``: the value fields whose sources state more than one value (a source that
      does not state a field does not disagree)."""

    table: str
    key: dict[str, Any]
    record: _R
    sources: list[FactSource]
    values: dict[str, list[Any]]
    conflicts: list[str]

    @property
    def n_sources(self) -> int:
        return len(self.sources)

    @property
    def doc_ids(self) -> list[str]:
        """The documents stating the fact, each once, in store order."""
        return list(dict.fromkeys(s.doc_id for s in self.sources))
