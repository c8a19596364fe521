"""Writing an export: CSV, XLSX or JSONL, through a temporary file in the target's folder
that is renamed into place once complete (a failed or interrupted export leaves no half
file, and never replaces an existing one unless asked to).

* CSV: UTF-8 with a byte-order mark (Excel reads a file without one in the machine's code
  page and garbles Vietnamese), RFC 4180 quoting (every field quoted that holds a comma, a
  quote or a line break; CRLF line ends); one file for every type, a ``type`` column first
  and the union of the types' columns (a cell a type has no column for is empty);
* XLSX: one sheet per record type, the header row frozen, column widths from the content,
  quotes wrapped; every text cell is written as text (a quote beginning with "=" is not a
  formula). Needs openpyxl (the ``xlsx`` extra), imported only here;
* JSONL: one JSON object per record or fact, UTF-8, every type in one file.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from llmx.errors import InputError
from llmx.export.gather import Sheet

XLSX_EXTRA = "pip install 'llmx[xlsx]'"
_MIN_WIDTH, _MAX_WIDTH, _QUOTE_WIDTH = 8, 40, 80  # spreadsheet column widths (characters)
_WIDTH_SAMPLE = 200  # rows a column's width is judged on


class ExportExists(InputError):
    """The output file exists and overwriting it was not asked for."""


class MissingExtra(InputError):
    """The format needs an optional dependency that is not installed."""


def _cell_text(v: Any) -> str:
    """A CSV cell: empty for None, ``true``/``false``, a whole float without ``.0``."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _write_csv(sheets: list[Sheet], path: Path) -> dict[str, int]:
    header = ["type", *dict.fromkeys(c.name for s in sheets for c in s.columns)]
    at = {name: i for i, name in enumerate(header)}
    counts: dict[str, int] = {}
    # utf-8-sig writes the BOM; newline="" leaves the line ends to the csv module (CRLF).
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, dialect="excel", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header)
        for sheet in sheets:
            slots = [at[c.name] for c in sheet.columns]
            n = 0
            for values in sheet.rows():
                line = [""] * len(header)
                line[0] = sheet.table
                for slot, v in zip(slots, values, strict=True):
                    line[slot] = _cell_text(v)
                writer.writerow(line)
                n += 1
            counts[sheet.table] = n
    return counts


def _write_jsonl(sheets: list[Sheet], path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for sheet in sheets:
            n = 0
            for item in sheet.items:
                f.write(json.dumps(sheet.to_json(item), ensure_ascii=False, default=str) + "\n")
                n += 1
            counts[sheet.table] = n
    return counts


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError:
        raise MissingExtra(f"XLSX export needs openpyxl: {XLSX_EXTRA}") from None
    return openpyxl


def require(fmt: str) -> None:
    """MissingExtra now, before anything is read, when ``fmt`` needs what is not installed."""
    if fmt == "xlsx":
        _openpyxl()


def _width(name: str, values: list[Any], *, wide: bool) -> float:
    if wide:
        return _QUOTE_WIDTH
    longest = max([len(name), *(len(_cell_text(v)) for v in values)])
    return max(_MIN_WIDTH, min(_MAX_WIDTH, longest + 2))


def _write_xlsx(sheets: list[Sheet], path: Path) -> dict[str, int]:
    openpyxl = _openpyxl()
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wrap, bold = Alignment(wrap_text=True, vertical="top"), Font(bold=True)
    book = openpyxl.Workbook()
    book.remove(book.active)
    counts: dict[str, int] = {}
    for sheet in sheets:
        ws = book.create_sheet(sheet.table)
        ws.append([c.name for c in sheet.columns])
        for cell in ws[1]:
            cell.font = bold
        ws.freeze_panes = "A2"  # the header stays in view
        sample: list[list[Any]] = []
        n = 0
        for values in sheet.rows():
            n += 1
            if len(sample) < _WIDTH_SAMPLE:
                sample.append(values)
            ws.append([_xlsx_value(v, ILLEGAL_CHARACTERS_RE) for v in values])
            for cell, column in zip(ws[ws.max_row], sheet.columns, strict=True):
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, even when it begins with "="
                if column.wide:
                    cell.alignment = wrap
        for i, column in enumerate(sheet.columns, start=1):
            values = [row[i - 1] for row in sample]
            ws.column_dimensions[get_column_letter(i)].width = _width(
                column.name, values, wide=column.wide
            )
        counts[sheet.table] = n
    book.save(path)
    return counts


def _xlsx_value(v: Any, illegal: Any) -> Any:
    """A cell value openpyxl accepts: control characters XML cannot hold are dropped."""
    return illegal.sub("", v) if isinstance(v, str) else v


_WRITERS: dict[str, Callable[[list[Sheet], Path], dict[str, int]]] = {
    "csv": _write_csv,
    "xlsx": _write_xlsx,
    "jsonl": _write_jsonl,
}
FORMATS: tuple[str, ...] = tuple(_WRITERS)


@contextlib.contextmanager
def _temporary_beside(path: Path) -> Iterator[Path]:
    """A new temporary file in ``path``'s folder (so the rename stays on one file system),
    removed unless it was renamed away."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
    finally:
        tmp.unlink(missing_ok=True)


def check_target(path: Path, *, force: bool) -> None:
    """InputError when ``path`` cannot be written: an existing file without ``force``,
    a folder, or a folder that does not exist."""
    if path.is_dir():
        raise InputError(f"{path} is a folder")
    if path.exists() and not force:
        raise ExportExists(f"{path} exists; use --force to replace it")
    if not path.parent.is_dir():
        raise InputError(f"cannot write {path}: folder {path.parent} does not exist")


def write_export(
    sheets: list[Sheet], path: Path, fmt: str, *, force: bool = False
) -> dict[str, int]:
    """Write ``sheets`` to ``path`` as ``fmt``; returns the rows written per type. The file
    appears complete or not at all; an existing one is replaced only with ``force``."""
    if fmt not in _WRITERS:
        raise InputError(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")
    require(fmt)
    check_target(path, force=force)
    with _temporary_beside(path) as tmp:
        try:
            counts = _WRITERS[fmt](sheets, tmp)
        except OSError as exc:
            raise InputError(f"cannot write {path}: {exc.strerror or exc}") from exc
        if path.exists() and not force:  # made meanwhile by someone else: keep theirs
            raise ExportExists(f"{path} exists; use --force to replace it")
        os.chmod(tmp, 0o644 & ~_umask())  # mkstemp makes it 0600; an export is to share
        tmp.replace(path)
    return counts


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
