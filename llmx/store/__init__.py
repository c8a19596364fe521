"""The SQLite extraction store (stdlib sqlite3, numbered migrations, FTS5 sentence index).

The names below load on first use: importing ``llmx.store`` (or ``llmx.store.paths``) does
not import the record models, so `llmx ask` opens a store without pydantic.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from llmx.store.models import StoredIndexResult, StoredInitiative, StoredMetric, StoredRecord
    from llmx.store.paths import resolve_store_path
    from llmx.store.results import ConsolidatedFact, Fact, FactSource, SentenceHit
    from llmx.store.store import Store
    from llmx.store.views import IndexResultView, InitiativeView, MetricView, RecordView

_HOMES = {
    "ConsolidatedFact": "results",
    "Fact": "results",
    "FactSource": "results",
    "SentenceHit": "results",
    "Store": "store",
    "StoredIndexResult": "models",
    "StoredInitiative": "models",
    "StoredMetric": "models",
    "StoredRecord": "models",
    "IndexResultView": "views",
    "InitiativeView": "views",
    "MetricView": "views",
    "RecordView": "views",
    "resolve_store_path": "paths",
}
__all__ = [
    "ConsolidatedFact", "Fact", "FactSource", "IndexResultView", "InitiativeView", "MetricView",
    "RecordView", "SentenceHit", "Store", "StoredIndexResult", "StoredInitiative",
    "StoredMetric", "StoredRecord", "resolve_store_path",
]  # fmt: skip


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
