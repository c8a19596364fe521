"""Turn command-line path arguments into an ordered, de-duplicated list of sources, each
with the document id it is stored under.

Identity (unique per source within a run, stable across runs):

- a file's id is its path relative to the current directory, extension kept, ``/``
  separators (``2022/baocao.txt``); symlinks and ``..`` are resolved, so every spelling of
  a file gives one id. A re-run of the same tree finds each document under the id it was
  stored with, and runs from two copies of a tree agree when they name the same file by the
  same relative path;
- when an input lies outside the current directory, ids are relative to the deepest
  directory holding every input (a directory argument itself, a file argument's folder):
  ``llmx extract /data/reports`` names ``/data/reports/2022/baocao.txt`` ``2022/baocao.txt``.
  Such ids depend on the arguments; run from the documents' folder (or above) for ids that
  do not;
- standard input's id is ``stdin-`` and the first 12 hex digits of its content's SHA-256:
  each text piped in is its own document, and piping the same text again finds it current.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path

from llmx.errors import InputError

__all__ = ["Source", "expand_paths", "stdin_doc_id", "TEXT_SUFFIXES", "STDIN"]

TEXT_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".pdf", ".docx"})
STDIN = "-"
_GLOB_CHARS = frozenset("*?[")
_STDIN_ID_HEX = 12  # 48 bits of the content hash: short, and no collision in practice


def stdin_doc_id(sha256: str) -> str:
    """The id of standard input with these content bytes."""
    return f"stdin-{sha256[:_STDIN_ID_HEX]}"


@dataclass(frozen=True)
class Source:
    """One input: a file (``path``) or standard input (``path is None``, label "-").

    ``doc_id`` is the id the document is stored under (module docstring); None for stdin,
    whose id depends on its content (``id_for``)."""

    path: Path | None
    label: str  # the path as the user gave it (or as found under a directory); "-" for stdin
    doc_id: str | None

    @property
    def is_stdin(self) -> bool:
        return self.path is None

    @property
    def legacy_id(self) -> str:
        """The id stores gave this source before ids were paths (the file stem, or
        "stdin"), for replacing such a row when the document is saved again."""
        return "stdin" if self.path is None else self.path.stem

    def id_for(self, sha256: str) -> str:
        """The document id, given the SHA-256 of the bytes read."""
        return self.doc_id if self.doc_id is not None else stdin_doc_id(sha256)


@dataclass(frozen=True)
class _Found:
    path: Path | None  # None: stdin
    label: str
    base: Path | None  # the directory this input names ids from when outside the cwd


def _walk(directory: Path) -> list[Path]:
    """Text files under ``directory``, recursively, hidden files and folders skipped,
    sorted by their path relative to ``directory``."""
    found = [
        p
        for p in directory.rglob("*")
        if p.suffix.lower() in TEXT_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(directory).parts)
        and p.is_file()
    ]
    return sorted(found, key=lambda p: p.relative_to(directory).as_posix())


def _expand_one(arg: str) -> list[_Found]:
    if arg == STDIN:
        return [_Found(None, STDIN, None)]
    path = Path(arg)
    if path.is_file():
        return [_Found(path, arg, path.parent)]
    if path.is_dir():
        return [_Found(p, str(p), path) for p in _walk(path)]
    matches = sorted(glob.glob(arg, recursive=True)) if _GLOB_CHARS & set(arg) else []
    if not matches:
        raise InputError(f"no such file or directory: {arg}")
    out: list[_Found] = []
    for match in matches:
        mpath = Path(match)
        if mpath.is_dir():
            out.extend(_Found(p, str(p), mpath) for p in _walk(mpath))
        elif mpath.is_file():
            out.append(_Found(mpath, match, mpath.parent))
    return out


def _id_root(found: list[_Found]) -> Path:
    """The current directory when every file lies under it, else the deepest directory
    holding every input's base."""
    cwd = Path.cwd().resolve()
    files = [f.path.resolve() for f in found if f.path is not None]
    if all(p.is_relative_to(cwd) for p in files):
        return cwd
    bases = [str(f.base.resolve()) for f in found if f.base is not None]
    return Path(os.path.commonpath(bases))


def expand_paths(paths: list[str]) -> list[Source]:
    """Files, directories (recursive: .txt .md .html .htm .pdf .docx), glob patterns and
    "-" (stdin), in argument order, each file once, with their ids (module docstring). A path that
    neither exists nor matches a glob raises InputError; an existing directory without
    text files contributes nothing."""
    seen: set[str] = set()
    found: list[_Found] = []
    for arg in paths:
        for f in _expand_one(arg):
            key = STDIN if f.path is None else str(f.path.resolve())
            if key not in seen:
                seen.add(key)
                found.append(f)
    root = _id_root(found)
    return [
        Source(
            path=f.path,
            label=f.label,
            doc_id=None if f.path is None else f.path.resolve().relative_to(root).as_posix(),
        )
        for f in found
    ]
