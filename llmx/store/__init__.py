"""The SQLite extraction store (stdlib sqlite3, numbered migrations, FTS5 sentence index)."""

from llmx.store.models import SentenceHit, StoredIndexResult, StoredInitiative, StoredMetric
from llmx.store.store import Store

__all__ = ["SentenceHit", "Store", "StoredIndexResult", "StoredInitiative", "StoredMetric"]
