"""The SQLite extraction store (stdlib sqlite3, numbered migrations, FTS5 sentence index)."""

from llmx.store.models import (
    ConsolidatedFact,
    Fact,
    FactSource,
    SentenceHit,
    StoredIndexResult,
    StoredInitiative,
    StoredMetric,
    StoredRecord,
)
from llmx.store.paths import resolve_store_path
from llmx.store.store import Store

__all__ = [
    "ConsolidatedFact",
    "Fact",
    "FactSource",
    "SentenceHit",
    "Store",
    "StoredIndexResult",
    "StoredInitiative",
    "StoredMetric",
    "StoredRecord",
    "resolve_store_path",
]
