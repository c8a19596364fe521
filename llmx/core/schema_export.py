"""JSON Schema export of the record contract (schemas/*.schema.json)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from llmx.core.records import DocumentExtraction, IndexResult, Initiative, Metric

MODELS: dict[str, type[BaseModel]] = {
    "document_extraction": DocumentExtraction,
    "index_result": IndexResult,
    "metric": Metric,
    "initiative": Initiative,
}


def render(name: str) -> str:
    schema = MODELS[name].model_json_schema()
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in MODELS:
        path = out_dir / f"{name}.schema.json"
        tmp = path.with_suffix(".tmp")
        tmp.write_text(render(name), encoding="utf-8")
        tmp.replace(path)  # atomic: a reader never sees half a schema
        written.append(path)
    return written


def drifted(schema_dir: Path) -> list[str]:
    stale = []
    for name in MODELS:
        path = schema_dir / f"{name}.schema.json"
        if not path.exists() or path.read_text(encoding="utf-8") != render(name):
            stale.append(path.name)
    return stale
