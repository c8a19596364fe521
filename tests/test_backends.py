"""The backend interface and its registry: entry points, capabilities, `llmx backends list`."""

from __future__ import annotations

import json
from importlib.metadata import EntryPoint

import pytest
from typer.testing import CliRunner

from llmx.backends import Backend, backend_names, get_backend, registry
from llmx.core.document import Document
from llmx.core.outcome import ExtractionOutcome
from llmx.core.records import DocumentExtraction
from llmx.errors import BackendError, ConfigError


class EchoBackend(Backend):
    """A plugin as a third party would write it: only ``extract`` is required."""

    name = "echo"
    description = "Test plugin: extracts nothing"
    offline = True

    def extract(self, doc: Document) -> ExtractionOutcome:
        if "fail" in doc.text:
            raise BackendError("asked to fail")
        return ExtractionOutcome(
            extraction=DocumentExtraction(
                doc_id=doc.doc_id, source=doc.source, sha256=doc.sha256, backend=self.name
            )
        )


class NotABackend:
    pass


def _doc(text: str) -> Document:
    return Document(doc_id="d1", source="d1.txt", sha256="0" * 64, text=text)


@pytest.fixture
def with_plugins(monkeypatch):
    """The installed entry points plus two a plugin package could declare."""
    real = registry.entry_points

    def fake(group: str):
        extra = [
            EntryPoint("echo", f"{__name__}:EchoBackend", group),
            EntryPoint("broken", f"{__name__}:NotABackend", group),
        ]
        return list(real(group=group)) + extra

    monkeypatch.setattr(registry, "entry_points", fake)


def test_builtin_backends_come_from_entry_points():
    assert {"rules", "openai"} <= set(backend_names())
    rules = get_backend("rules")
    assert isinstance(rules, Backend) and rules.offline and not rules.concurrent


def test_unknown_backend_names_the_choices():
    with pytest.raises(ConfigError, match="unknown backend 'nope'.*openai.*rules"):
        get_backend("nope")


def test_options_a_backend_does_not_take_are_refused():
    with pytest.raises(ConfigError, match="takes no options: model"):
        get_backend("rules", model="x")


def test_plugin_is_found_and_non_backend_refused(with_plugins):
    assert isinstance(get_backend("echo"), EchoBackend)
    with pytest.raises(ConfigError, match="not an llmx Backend"):
        get_backend("broken")


def test_default_capabilities():
    backend = EchoBackend()
    assert backend.run_params() == {} and backend.prompt_version is None
    backend.close()  # nothing to release, and safe
    done = backend.submit(_doc("Bắc Giang đứng thứ 4."))
    assert done.done() and done.result().extraction.doc_id == "d1"
    failed = backend.submit(_doc("please fail"))
    assert failed.done()
    with pytest.raises(BackendError, match="asked to fail"):
        failed.result()


def test_backends_list_shows_capabilities_and_broken_plugins(with_plugins):
    from llmx.cli import app, backends_cmd

    backends_cmd.register(app)
    runner = CliRunner()
    out = runner.invoke(app, ["backends", "list", "--json"])
    assert out.exit_code == 0, out.output
    rows = {row["name"]: row for row in json.loads(out.output)}
    assert rows["rules"]["offline"] and not rows["rules"]["concurrent"]
    assert rows["openai"]["concurrent"] and not rows["openai"]["offline"]
    assert rows["echo"]["description"] == "Test plugin: extracts nothing"
    assert rows["echo"]["error"] is None and "not an llmx Backend" in rows["broken"]["error"]
    text = runner.invoke(app, ["backends", "list"]).output
    assert "echo: Test plugin" in text and "concurrent requests (--workers)" in text
    assert "worker processes (--workers)" in text  # the rules backend
    assert "broken: cannot be loaded" in text
