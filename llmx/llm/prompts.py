"""Prompt templates: found in the wheel (``llmx/prompts``) or the repository (``prompts/``),
rendered with Jinja2, and versioned by a hash of the template files.

Three prompt sets, each with its own version so that editing one does not renumber the others:

- extraction (``load_prompts``): ``system.j2``, ``user.j2``, ``examples.json``; the version
  is stored with each ``llmx extract`` run;
- the QA planner (``load_plan_prompts``): ``plan_system.j2``, rendered with the ask kinds
  (``llmx.qa.query.ASK_KINDS``) as data;
- the hybrid backend's blind read (``load_hybrid_prompts``): ``hybrid_system.j2`` (static,
  so a server's prefix cache covers it) and ``hybrid_user.j2`` (one sentence and the
  subjects to read values for); the version is stored with each ``--backend hybrid`` run.

Both list the index names from the vocabulary (``llmx.core.vocab``), passed in as data.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from llmx.core.vocab import Concept, get_vocab
from llmx.errors import ConfigError

EXTRACTION_FILES = ("system.j2", "user.j2", "examples.json")
PLANNER_FILES = ("plan_system.j2",)
HYBRID_FILES = ("hybrid_system.j2", "hybrid_user.j2")


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
class PromptSet:
    """Template sources by file name, their version, and the Jinja2 environment over them."""

    sources: dict[str, str]
    version: str
    _env: Any = field(repr=False, compare=False)

    def render(self, name: str, **data: Any) -> str:
        return self._env.get_template(name).render(**data).strip()


@dataclass(frozen=True)
class Prompts(PromptSet):
    """The extraction prompts."""

    @property
    def examples(self) -> list[dict[str, Any]]:
        return json.loads(self.sources["examples.json"])

    def system(self) -> str:
        return self.render("system.j2", examples=self.examples, indices=_indices())

    def user(
        self, document: str, *, title: str | None = None, part: int = 1, parts: int = 1
    ) -> str:
        # The document is a variable, never template source: text like "{{" or "{%" in a
        # news article reaches the model verbatim.
        return self.render("user.j2", document=document, title=title, part=part, parts=parts)


@dataclass(frozen=True)
class PlanPrompts(PromptSet):
    """The QA planner's prompt."""

    def system(self, ask_kinds: Sequence[str]) -> str:
        index = {c.label: c for c in _indices()}
        return self.render("plan_system.j2", ask_kinds=list(ask_kinds), index=index)


@dataclass(frozen=True)
class HybridPrompts(PromptSet):
    """The hybrid backend's blind-read prompts."""

    def system(self) -> str:
        return self.render("hybrid_system.j2", indices=_indices())

    def user(self, sentence: str, subjects: Sequence[Any]) -> str:
        # The sentence is a variable, never template source (see Prompts.user).
        return self.render("hybrid_user.j2", sentence=sentence, subjects=list(subjects))


def _indices() -> list[Concept]:
    """The index concepts the templates list (names, aliases), in the vocabulary's order."""
    return get_vocab().concepts_of("index")


def _as_json(value: Any) -> str:
    # Jinja's tojson escapes every non-ASCII letter; the model should read Vietnamese.
    return json.dumps(value, ensure_ascii=False)


def _read(files: tuple[str, ...], base: Traversable | None) -> tuple[dict[str, str], str, Any]:
    """The files' text, their version (the first 12 hex digits of a SHA-256 over the files'
    names and bytes, in ``files`` order, and the vocabulary's index names the templates
    list) and a Jinja2 environment over them."""
    import jinja2

    base = base if base is not None else prompt_dir()
    sources: dict[str, str] = {}
    digest = hashlib.sha256()
    for name in files:
        try:
            data = (base / name).read_bytes()
        except OSError:
            raise ConfigError(f"prompt template {name} not found in {base}") from None
        sources[name] = data.decode("utf-8")
        digest.update(name.encode() + b"\0" + data + b"\0")
    # The templates list the index names from the vocabulary: they are part of the text.
    names = [asdict(c) for c in _indices()]
    digest.update(b"vocab:index\0" + json.dumps(names, ensure_ascii=False).encode())
    env = jinja2.Environment(
        loader=jinja2.DictLoader(sources),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
    )
    env.filters["as_json"] = _as_json
    return sources, digest.hexdigest()[:12], env


@cache
def load_prompts(base: Traversable | None = None) -> Prompts:
    """The extraction templates, read once per process (``base``: another folder, tests)."""
    return Prompts(*_read(EXTRACTION_FILES, base))


@cache
def load_plan_prompts(base: Traversable | None = None) -> PlanPrompts:
    """The planner's template, read once per process (``base``: another folder, tests)."""
    return PlanPrompts(*_read(PLANNER_FILES, base))


@cache
def load_hybrid_prompts(base: Traversable | None = None) -> HybridPrompts:
    """The hybrid backend's templates, read once per process (``base``: another folder)."""
    return HybridPrompts(*_read(HYBRID_FILES, base))
