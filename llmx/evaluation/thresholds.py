"""Score thresholds per backend (``eval/thresholds.toml``).

One table per backend, named as ``llmx eval --backend`` names it (``[rules]``, ``[openai]``)
or as the extraction's backend field (``["openai:gpt-4o-mini"]``, which falls back to
``[openai]``). Keys:

* ``<type>_f1``, ``<type>_precision``, ``<type>_recall``, ``<type>_macro_f1`` (record level),
  ``<type>_precision_at_default`` (record precision of the predictions whose confidence is at
  least ``score.DEFAULT_CONFIDENCE``; not gated while no prediction reaches it),
  ``<type>_key_f1`` … (key level) and ``<type>_slot_f1``, ``<type>_slot_precision``,
  ``<type>_slot_recall`` for ``<type>`` in index_results, metrics, initiatives: minimum scores;
* ``ungrounded_max``: the most ungrounded predictions allowed;
* ``qa_accuracy``, ``qa_answer_accuracy``, ``qa_citation_accuracy``, ``qa_refusal_accuracy``:
  minimum QA scores; ``qa_wrong_rate_max``, ``qa_refusal_rate_max``: maximum shares;
* any of those with ``_<set>`` appended (``index_results_f1_real-test``, ``qa_accuracy_seeds``)
  applies to that gold or QA set only and overrides the plain key, which applies to every set.

A backend without a table is not gated; a score that could not be computed (nothing to score,
QA not available) is not gated. An unknown key is an error, so a typo cannot silently turn a
gate off.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llmx.errors import InputError
from llmx.evaluation.gold import RECORD_TYPE_NAMES

_LEVEL_METRICS = ("f1", "precision", "recall")
SET_KEYS: tuple[str, ...] = tuple(
    f"{t}_{m}"
    for t in RECORD_TYPE_NAMES
    for m in (
        *_LEVEL_METRICS,
        "macro_f1",
        "precision_at_default",
        *(f"key_{x}" for x in _LEVEL_METRICS),
        *(f"slot_{x}" for x in _LEVEL_METRICS),
    )
) + ("ungrounded_max",)
QA_KEYS: tuple[str, ...] = (
    "qa_accuracy",
    "qa_answer_accuracy",
    "qa_citation_accuracy",
    "qa_refusal_accuracy",
    "qa_wrong_rate_max",
    "qa_refusal_rate_max",
)
_MAX_SUFFIX = "_max"
_SET_SUFFIX = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass(frozen=True)
class Failure:
    backend: str
    where: str  # gold set name, or "qa"
    key: str
    value: float
    threshold: float
    op: str  # "<" (below a minimum) or ">" (above a maximum)

    def line(self) -> str:
        fmt = (lambda v: f"{v:g}") if self.key.startswith("ungrounded") else (lambda v: f"{v:.3f}")
        return (
            f"FAIL {self.backend} {self.where} {self.key} "
            f"{fmt(self.value)} {self.op} {fmt(self.threshold)}"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "backend": self.backend,
            "set": self.where,
            "key": self.key,
            "value": self.value,
            "threshold": self.threshold,
            "op": self.op,
        }


def _valid_key(key: str) -> bool:
    if key in SET_KEYS or key in QA_KEYS:
        return True
    return any(
        key.startswith(base + "_") and _SET_SUFFIX.match(key[len(base) + 1 :])
        for base in (*SET_KEYS, *QA_KEYS)
    )


class Thresholds:
    def __init__(self, tables: dict[str, dict[str, float]], path: str | None = None) -> None:
        self.tables = tables
        self.path = path

    @classmethod
    def empty(cls) -> Thresholds:
        return cls({})

    @classmethod
    def load(cls, path: Path) -> Thresholds:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise InputError(f"cannot read thresholds {path}: {exc.strerror or exc}") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise InputError(f"invalid thresholds file {path}: {exc}") from None
        return cls.from_dict(data, str(path))

    @classmethod
    def from_dict(cls, data: dict[str, Any], path: str | None = None) -> Thresholds:
        where = path or "thresholds"
        tables: dict[str, dict[str, float]] = {}
        for backend, table in data.items():
            if not isinstance(table, dict):
                raise InputError(f"{where}: {backend!r} must be a [table] named after a backend")
            clean: dict[str, float] = {}
            for key, value in table.items():
                if not _valid_key(key):
                    raise InputError(f"{where}: [{backend}] unknown key {key!r}")
                if isinstance(value, bool) or not isinstance(value, int | float):
                    raise InputError(f"{where}: [{backend}] {key} must be a number")
                clean[key] = float(value)
            tables[backend] = clean
        return cls(tables, path)

    def table_for(self, backend: str) -> dict[str, float] | None:
        """The table for ``backend``: its exact name, else the part before ':'."""
        if backend in self.tables:
            return self.tables[backend]
        return self.tables.get(backend.split(":", 1)[0])

    def threshold(self, backend: str, set_name: str, key: str) -> float | None:
        table = self.table_for(backend)
        if table is None:
            return None
        return table.get(f"{key}_{set_name}", table.get(key))

    def check_set(self, backend: str, score: Any) -> list[Failure]:
        """Failures of one SetScore (anything with ``set_name`` and ``value(metric)``)."""
        out = []
        for key in SET_KEYS:
            limit = self.threshold(backend, score.set_name, key)
            if limit is None:
                continue
            if key == "ungrounded_max":
                value = score.value("ungrounded")
                if value is not None and value > limit:
                    out.append(Failure(backend, score.set_name, key, value, limit, ">"))
                continue
            value = score.value(key)
            if value is not None and value < limit - 1e-12:
                out.append(Failure(backend, score.set_name, key, value, limit, "<"))
        return out

    def check_qa(self, backend: str, qa: Any) -> list[Failure]:
        """Failures of one QAScore (``set_name``, ``available``, ``value(metric)``)."""
        if qa is None or not qa.available:
            return []
        out = []
        where = f"qa:{qa.set_name}"
        for key in QA_KEYS:
            limit = self.threshold(backend, qa.set_name, key)
            if limit is None:
                continue
            if key.endswith(_MAX_SUFFIX):
                value = qa.value(key[: -len(_MAX_SUFFIX)])
                if value is not None and value > limit + 1e-12:
                    out.append(Failure(backend, where, key, value, limit, ">"))
                continue
            value = qa.value(key)
            if value is not None and value < limit - 1e-12:
                out.append(Failure(backend, where, key, value, limit, "<"))
        return out
