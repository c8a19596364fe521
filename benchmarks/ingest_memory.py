"""Peak memory of loading one large document (``llmx.ingest.load_document``), measured with
``tracemalloc`` and printed as a ratio to the input's size in bytes.

    python benchmarks/ingest_memory.py [--mb 50] [--kind txt|crlf|html]

The input is a seed document repeated (chrome lines and all) to --mb megabytes of UTF-8,
written to a temporary file. The target is a peak under 3x the input size for a plain-text
file (issue 11); the last line says whether it was met. Memory, not time: the figure is the
same on a busy machine.
"""

from __future__ import annotations

import argparse
import tempfile
import tracemalloc
from pathlib import Path

from llmx.ingest import expand_paths, load_document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TARGET = 3.0


def make_input(directory: Path, mb: float, kind: str) -> Path:
    """A file of about ``mb`` MB built from the seed documents; CRLF newlines for "crlf",
    each paragraph wrapped in <p> for "html"."""
    unit = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    if kind == "html":
        unit = "".join(f"<p>{para}</p>\n" for para in unit.split("\n\n"))
    elif kind == "crlf":
        unit = unit.replace("\n", "\r\n")
    data = unit.encode("utf-8")
    copies = max(1, int(mb * 1024 * 1024 / len(data)))
    path = directory / ("big.html" if kind == "html" else "big.txt")
    with path.open("wb") as fh:
        if kind == "html":
            fh.write(b"<!doctype html><html><body>\n")
        for _ in range(copies):
            fh.write(data)
        if kind == "html":
            fh.write(b"</body></html>\n")
    return path


def peak_ratio(path: Path) -> tuple[float, int, int]:
    """(peak / size, peak bytes, size bytes) of loading ``path``."""
    size = path.stat().st_size
    source = expand_paths([str(path)])[0]
    tracemalloc.start()
    try:
        doc = load_document(source)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del doc
    return peak / size, peak, size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--kind", choices=("txt", "crlf", "html"), default="txt")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="llmx-mem-") as tmp:
        path = make_input(Path(tmp), args.mb, args.kind)
        ratio, peak, size = peak_ratio(path)
    print(f"input  {size / 2**20:8.1f} MB ({args.kind})")
    print(f"peak   {peak / 2**20:8.1f} MB")
    print(f"ratio  {ratio:8.2f}x")
    met = ratio < TARGET or args.kind == "html"
    print(f"target under {TARGET:g}x for plain text: {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
