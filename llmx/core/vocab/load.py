"""Reading the vocabulary data files (``llmx/data/vocab/*.toml``): parsed, validated against
``model``, and turned into ``terms.Entry`` / ``terms.Concept``.

Parsing the TOML and importing pydantic to validate it cost a cold `llmx ask` more than
answering a question, for files that change only with a release. So what passed validation
is kept as JSON in ``__pycache__`` beside the data files, named by a hash of the files and
of the schema module: any edit to either is a new name, read and validated again. A cache
that cannot be written (a read-only install) is skipped; one that cannot be read is
rebuilt. The cache holds exactly the validated data, so the vocabulary is the same either
way (``tests/test_vocab_load.py``).
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib import resources
from pathlib import Path
from typing import Any

from llmx.core.vocab.terms import Concept, Entry

DATA_PACKAGE = "llmx.data"
DATA_DIR = "vocab"
CACHE_DIR = "__pycache__"
_SCHEMA = Path(__file__).with_name("model.py")
_FORMAT = 1  # bump when the cache's layout changes


def read_vocab() -> tuple[list[Entry], list[Concept]]:
    """The entries and concepts of every data file, files in name order."""
    base = resources.files(DATA_PACKAGE).joinpath(DATA_DIR)
    files = sorted((p for p in base.iterdir() if p.name.endswith(".toml")), key=lambda p: p.name)
    texts = [(p.name, p.read_bytes()) for p in files]
    cache = _cache_file(base, texts)
    data = _read_cache(cache) if cache is not None else None
    if data is None:
        data = _validated(texts)
        if cache is not None:
            _write_cache(cache, data)
    entries = [Entry(**e) for e in data["entries"]]
    concepts = [Concept(**c) for c in data["concepts"]]
    return entries, concepts


def _validated(texts: list[tuple[str, bytes]]) -> dict[str, list[dict[str, Any]]]:
    """The files parsed and checked against the schema, as plain data."""
    import tomllib

    from llmx.core.vocab.model import VocabFile  # pydantic: only when the files are read

    entries: list[dict[str, Any]] = []
    concepts: list[dict[str, Any]] = []
    for name, raw in texts:
        try:
            f = VocabFile.model_validate(tomllib.loads(raw.decode("utf-8")))
        except (tomllib.TOMLDecodeError, ValueError) as e:
            raise ValueError(f"vocabulary file {name}: {e}") from None
        entries += [e.model_dump() for e in f.entry]
        concepts += [c.model_dump() for c in f.concept]
    return {"entries": entries, "concepts": concepts}


def _cache_file(base: Any, texts: list[tuple[str, bytes]]) -> Path | None:
    """Where the validated form of these files is kept; None when the data is not in a
    folder (a zipped install)."""
    if not isinstance(base, Path):
        return None
    h = hashlib.sha256(f"vocab cache {_FORMAT}\0".encode())
    h.update(_SCHEMA.read_bytes())
    for name, raw in texts:
        h.update(f"\0{name}\0{len(raw)}\0".encode())
        h.update(raw)
    return base / CACHE_DIR / f"vocab-{h.hexdigest()[:32]}.json"


def _read_cache(path: Path) -> dict[str, list[dict[str, Any]]] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    keys = ("entries", "concepts")
    ok = isinstance(data, dict) and all(isinstance(data.get(k), list) for k in keys)
    return data if ok else None


def _write_cache(path: Path, data: dict[str, list[dict[str, Any]]]) -> None:
    """Write the cache whole or not at all (a temporary file renamed over it), so a reader
    never sees half of one; a folder that cannot be written leaves it unwritten."""
    import tempfile  # here: only a process that writes the cache needs it

    try:
        path.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".vocab-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass
