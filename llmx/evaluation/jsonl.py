"""Reading the eval's JSON-lines files into pydantic models, with one-line errors naming the
file and line (``InputError``: exit 2)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from llmx.errors import InputError

M = TypeVar("M", bound=BaseModel)


def read_models(path: Path, model: type[M], what: str) -> list[M]:
    """Every non-blank line of ``path`` as a ``model``; ``what`` names the file in errors."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {what} {path}: {exc}") from None
    out: list[M] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            out.append(model.model_validate(json.loads(line)))
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{n}: invalid JSON ({exc.msg})") from None
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = ".".join(str(x) for x in first.get("loc", ())) or "line"
            raise InputError(f"{path}:{n}: {loc}: {first.get('msg')}") from None
    return out
