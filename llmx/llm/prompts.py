"""Prompt templates: found in the wheel (``llmx/prompts``) or the repository (``prompts/``),
rendered with Jinja2, and versioned by a hash of the template files."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from llmx.errors import ConfigError

TEMPLATE_FILES = ("system.j2", "user.j2", "examples.json")


def prompt_dir() -> Traversable:
    """``llmx/prompts`` when installed from a wheel (pyproject force-includes ``prompts``
    there), else the repository's ``prompts/`` next to the package (editable installs)."""
    packaged = resources.files("llmx") / "prompts"
    if packaged.is_dir() and (packaged / "system.j2").is_file():
        return packaged
    repo = Path(__file__).resolve().parents[2] / "prompts"
    if (repo / "system.j2").is_file():
        return repo
    raise ConfigError("prompt templates not found (expected llmx/prompts or ./prompts)")


@dataclass(frozen=True)
class Prompts:
    sources: dict[str, str]
    version: str
    _env: Any = field(repr=False, compare=False)

    @property
    def examples(self) -> list[dict[str, Any]]:
        return json.loads(self.sources["examples.json"])

    def system(self) -> str:
        return self._env.get_template("system.j2").render(examples=self.examples).strip()

    def user(
        self, document: str, *, title: str | None = None, part: int = 1, parts: int = 1
    ) -> str:
        # The document is a variable, never template source: text like "{{" or "{%" in a
        # news article reaches the model verbatim.
        return self._env.get_template("user.j2").render(
            document=document, title=title, part=part, parts=parts
        ).strip()


def _as_json(value: Any) -> str:
    # Jinja's tojson escapes every non-ASCII letter; the model should read Vietnamese.
    return json.dumps(value, ensure_ascii=False)


@cache
def load_prompts() -> Prompts:
    """Read the templates once per process. The version is the first 12 hex digits of a
    SHA-256 over the template files' names and bytes."""
    import jinja2

    base = prompt_dir()
    sources: dict[str, str] = {}
    digest = hashlib.sha256()
    for name in TEMPLATE_FILES:
        data = (base / name).read_bytes()
        sources[name] = data.decode("utf-8")
        digest.update(name.encode() + b"\0" + data + b"\0")
    env = jinja2.Environment(
        loader=jinja2.DictLoader(sources),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
    )
    env.filters["as_json"] = _as_json
    return Prompts(sources=sources, version=digest.hexdigest()[:12], _env=env)
