"""``llmx report``: one self-contained HTML page over the store, for an analyst to review:
each document's text with every evidence span highlighted by record type, the rejected
candidates with their reasons, the consolidated facts with filters, and charts (inline
SVG, drawn here). It reads the store (``llmx.store``) and the QA layer's facts
(``llmx.qa.facts``), and re-runs the offline rules backend for the rejected candidates
(``rejected``), so it sits above the QA layer, beside ``llmx.evaluation``.

* ``build``: what the page shows, read from the store;
* ``marks``: text with overlapping spans as validly nested ``<mark>`` elements;
* ``charts`` / ``svg``: which facts are charted, and the SVG;
* ``page``: the HTML, every store text escaped.
"""

from __future__ import annotations

from llmx.report.build import ReportData, ReportOptions, read_report
from llmx.report.page import render
from llmx.store import Store

__all__ = ["ReportData", "ReportOptions", "read_report", "render", "report_html"]


def report_html(store: Store, options: ReportOptions | None = None) -> str:
    """The report page for ``store``."""
    return render(read_report(store, options or ReportOptions()))
