"""What the `llmx ask` benchmarks share: the bundled corpus, a large store made of copies of
its extractions, the store's size, and the command that runs llmx.

    from store_corpus import corpus, fill_store, llmx_cmd, store_size

(the benchmarks run as scripts, so this folder is on ``sys.path``).
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def corpus() -> list[Path]:
    """The seeds and the written documents: the texts the benchmarks' stores are built from."""
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "eval" / "docs").glob("*.txt"))
    if not files:
        sys.exit("no documents found under seeds/ or eval/docs/")
    return files


def fill_store(path: Path, pairs: list[tuple[Any, Any]], n_docs: int, backend: str,
               purpose: str) -> None:  # fmt: skip
    """Save ``n_docs`` documents into a new store at ``path``: the (document, extraction)
    ``pairs`` in turn, copies beyond the first round under fresh doc ids (``<id>~NNNNN``), so
    the store holds the same facts many times over, as a news corpus does."""
    from llmx.core.document import Document
    from llmx.store import Store

    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    store = Store(path)
    run_id = store.begin_run(backend, params={"purpose": purpose})
    for i in range(n_docs):
        doc, ex = pairs[i % len(pairs)]
        if i >= len(pairs):
            new_id = f"{doc.doc_id}~{i:05d}"
            doc = Document(**(doc.model_dump() | {"doc_id": new_id}))
            ex = ex.model_copy(update={"doc_id": new_id})
        store.save(doc, ex, run_id)
    store.finish_run(run_id, status="ok", docs_ok=n_docs, docs_skipped=0, docs_failed=0)
    store.close()


def store_size(path: Path) -> int:
    """Documents stored at ``path``, or -1 when there is no readable store."""
    if not path.exists():
        return -1
    try:
        with sqlite3.connect(path) as c:
            return int(c.execute("SELECT count(*) FROM extractions").fetchone()[0])
    except sqlite3.Error:
        return -1


def child_env() -> dict[str, str]:
    """The environment of a timed `llmx` process. PYTHONDONTWRITEBYTECODE is dropped (any
    value, "0" too, stops Python writing bytecode), and ``compile_llmx`` has written it
    beforehand: an installed llmx has its bytecode compiled, so a cold process reads it
    rather than compiling every module again."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def compile_llmx() -> None:
    """Byte-compile the llmx package that the timed processes import, as pip does when it
    installs it."""
    import compileall

    import llmx

    compileall.compile_dir(str(Path(llmx.__file__).parent), quiet=1)


def llmx_cmd() -> list[str]:
    """The installed ``llmx`` script beside this Python, else ``python -m llmx``."""
    script = Path(sys.executable).with_name("llmx")
    return [str(script)] if script.exists() else [sys.executable, "-m", "llmx"]
