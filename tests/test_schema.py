"""schemas/ is generated from the models and must not drift."""

from __future__ import annotations

from llmx.core.schema_export import MODELS, drifted, write_schemas


def test_committed_schemas_match_models(root):
    assert drifted(root / "schemas") == [], "run `llmx schema export`"


def test_drift_is_detected(tmp_path):
    write_schemas(tmp_path)
    assert drifted(tmp_path) == []
    (tmp_path / "metric.schema.json").write_text("{}", encoding="utf-8")
    assert drifted(tmp_path) == ["metric.schema.json"]
    assert len(list(tmp_path.glob("*.schema.json"))) == len(MODELS)
