"""The record tables' names and how their columns are named, declared without the record
models: the write path (``tables``, built from the pydantic contract) and the read path of
`llmx ask` (``views``, plain dataclasses) both take them from here."""

from __future__ import annotations

RECORD_TABLES: tuple[str, ...] = ("index_results", "metrics", "initiatives")
RENAMED = {"index": "idx", "end": "end_"}  # field -> column (SQL keywords)
RUN_COLUMN = "run_id"  # the run a row was stored by; no model carries it
JSON_SUFFIX = "_json"  # a dict of nested models is one JSON text column: <field>_json
EMPTY_JSON = "{}"
