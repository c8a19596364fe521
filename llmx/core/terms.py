"""The record contract's names and constants that readers need without the contract's
models: the index codes, entity levels and score units a record may hold, and the
confidence cut-off. ``llmx.core.records`` (the pydantic contract) takes them from here, so
a reader that only looks records up (`llmx ask`) need not import pydantic."""

from __future__ import annotations

from typing import Literal

IndexName = Literal["PAR_INDEX", "SIPAS", "PCI", "PAPI", "DTI", "PGI", "SERVICE_INDEX", "OTHER"]
EntityLevel = Literal[
    "nation", "region", "province", "district", "commune", "department", "ministry", "other"
]
ScoreUnit = Literal["points", "percent"]

INDEX_NAMES: tuple[str, ...] = IndexName.__args__  # type: ignore[attr-defined]
ENTITY_LEVELS: tuple[str, ...] = EntityLevel.__args__  # type: ignore[attr-defined]

# A record at or above this confidence is "confident": QA answers from confident records
# first, and eval gates precision at this cut-off. One home for both.
DEFAULT_CONFIDENCE = 0.7
