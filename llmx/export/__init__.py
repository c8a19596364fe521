"""Exports of the store for analysts: records or consolidated facts as CSV, XLSX or JSONL.

* ``columns``: the columns of each record table and of its facts, derived once from the
  store's table specs (``llmx.store.tables``) and the fact key (``llmx.store.distinct``),
  so every format shows the same columns and a field added to the contract appears in all;
* ``select``: which tables and filters a command's options mean (``llmx facts``' filters,
  names resolved as a question would spell them);
* ``gather``: the rows of an export, as sheets (one per record type);
* ``writers``: CSV (UTF-8 with BOM, RFC 4180), XLSX (openpyxl, the ``xlsx`` extra; imported
  only when an XLSX is written) and JSONL, always through a temporary file renamed into
  place, so a failed export leaves no half file.

Above ``llmx.qa`` (it resolves names the way QA does), beside ``llmx.evaluation``.
"""

from __future__ import annotations

from llmx.export.gather import Sheet, fact_sheets, record_sheets
from llmx.export.select import Selection, check_options, resolve_selection
from llmx.export.writers import (
    FORMATS,
    XLSX_EXTRA,
    ExportExists,
    MissingExtra,
    check_target,
    require,
    write_export,
)

__all__ = [
    "FORMATS",
    "XLSX_EXTRA",
    "ExportExists",
    "MissingExtra",
    "Selection",
    "Sheet",
    "check_options",
    "check_target",
    "fact_sheets",
    "record_sheets",
    "require",
    "resolve_selection",
    "write_export",
]
