"""Turn command-line path arguments into an ordered, de-duplicated list of sources."""

from __future__ import annotations

import glob
from dataclasses import dataclass
from pathlib import Path

from llmx.errors import InputError

__all__ = ["Source", "expand_paths", "TEXT_SUFFIXES", "STDIN"]

TEXT_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm"})
STDIN = "-"
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Source:
    """One input: a file (``path``) or standard input (``path is None``, label "-")."""

    path: Path | None
    label: str  # the path as the user gave it (or as found under a directory); "-" for stdin
    doc_id: str  # file stem; "stdin" for standard input

    @property
    def is_stdin(self) -> bool:
        return self.path is None


def _file_source(path: Path, label: str) -> Source:
    return Source(path=path, label=label, doc_id=path.stem)


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


def _expand_one(arg: str) -> list[Source]:
    if arg == STDIN:
        return [Source(path=None, label=STDIN, doc_id="stdin")]
    path = Path(arg)
    if path.is_file():
        return [_file_source(path, arg)]
    if path.is_dir():
        return [_file_source(p, str(p)) for p in _walk(path)]
    matches = sorted(glob.glob(arg, recursive=True)) if _GLOB_CHARS & set(arg) else []
    if not matches:
        raise InputError(f"no such file or directory: {arg}")
    out: list[Source] = []
    for match in matches:
        mpath = Path(match)
        if mpath.is_dir():
            out.extend(_file_source(p, str(p)) for p in _walk(mpath))
        elif mpath.is_file():
            out.append(_file_source(mpath, match))
    return out


def expand_paths(paths: list[str]) -> list[Source]:
    """Files, directories (recursive: .txt .md .html .htm), glob patterns and "-" (stdin),
    in argument order, each file once. A path that neither exists nor matches a glob raises
    InputError; an existing directory without text files contributes nothing."""
    seen: set[str] = set()
    out: list[Source] = []
    for arg in paths:
        for src in _expand_one(arg):
            key = STDIN if src.path is None else str(src.path.resolve())
            if key not in seen:
                seen.add(key)
                out.append(src)
    return out
