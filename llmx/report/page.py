"""The report as one self-contained HTML page: inline CSS, inline script, inline SVG; no
network, no external file. Every text from the store (quotes come from the web) is escaped
here, in attributes as in content; the records travel as JSON in a ``<script
type="application/json">`` element with ``<``, ``>`` and ``&`` written as ``\\u`` escapes,
so no quote can end the element. The script only ever sets ``textContent``.

The output depends only on the store's content and the options: no clock, no random ids.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from llmx.report.build import DocumentView, ReportData, ShownRecord
from llmx.report.charts import ranking_svg, series_svgs
from llmx.report.marks import marked_text
from llmx.report.rejected import REDERIVED_BY, RejectedCandidate
from llmx.store import ConsolidatedFact

TYPE_LABELS = {"index_results": "index result", "metrics": "metric", "initiatives": "initiative"}
_CONFLICT_MARK = "≠"


def _asset(name: str) -> str:
    """A file of ``llmx/report/assets`` (the page's CSS and script), to inline."""
    from importlib.resources import files

    return files("llmx.report").joinpath("assets", name).read_text(encoding="utf-8")


def _json_for_script(obj: Any) -> str:
    """JSON that cannot end or break out of the ``<script>`` element holding it."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _number(v: Any) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def _record_title(rec: ShownRecord) -> str:
    conf = "not assessed" if rec.confidence is None else f"{rec.confidence:g}"
    head = rec.values.get("entity", "")
    what = rec.values.get("index") or rec.values.get("name") or ""
    return f"{TYPE_LABELS[rec.table]}: {head} {what} · confidence {conf}".replace("  ", " ")


def _document_section(n: int, view: DocumentView) -> str:
    doc = view.doc
    counts = {t: sum(r.table == t for r in view.records) for t in TYPE_LABELS}
    summary = ", ".join(f"{c} {TYPE_LABELS[t]}(s)" for t, c in counts.items())
    title = doc.title or doc.doc_id
    titles = {r.record_id: _record_title(r) for r in view.records}
    text = marked_text(doc.text, view.spans, titles)
    parts = [
        f'<section class="document" id="doc-{n}" data-doc-id="{escape(doc.doc_id)}" '
        f'data-records="{len(view.records)}">',
        f"<h2>{escape(title)}</h2>",
        f'<div class="muted">{escape(doc.doc_id)} · {escape(doc.source)} · {escape(summary)}</div>',
        f'<div class="doc-text">{text}</div>',
    ]
    if view.rejected is not None:
        parts.append(_rejected_block(view.rejected))
    parts.append("</section>")
    return "".join(parts)


def _rejected_block(rejected: list[RejectedCandidate]) -> str:
    head = f"<h3>Rejected candidates ({len(rejected)})</h3>"
    if not rejected:
        return head + '<div class="muted">none</div>'
    rows = "".join(
        f'<tr class="rejected"><td>{escape(TYPE_LABELS.get(r.record_type, r.record_type))}</td>'
        f"<td>{escape(r.reason)}</td><td>{escape(r.quote or '')}</td>"
        f"<td>{escape(_plain_values(r.data))}</td></tr>"
        for r in rejected
    )
    return (
        f"<details><summary>{head}</summary><table><thead><tr><th>type</th><th>reason</th>"
        f"<th>quote</th><th>values</th></tr></thead><tbody>{rows}</tbody></table></details>"
    )


def _plain_values(data: dict[str, Any]) -> str:
    return ", ".join(f"{k} {_number(v)}" for k, v in data.items() if not isinstance(v, dict))


def _about(fact: ConsolidatedFact[Any]) -> str:
    r = fact.record
    if fact.table == "index_results":
        component = f"“{r.component}”" if r.component else ""
        scope = r.scope if r.scope != "national" else ""
        bits = [r.index, component, scope, "target" if r.is_target else ""]
        return " ".join(b for b in bits if b)
    unit = f" ({r.unit})" if fact.table == "metrics" and r.unit else ""
    return f"{r.name}{unit}"


def _fact_values(fact: ConsolidatedFact[Any]) -> str:
    out = []
    for name, values in fact.values.items():
        if not values:
            continue
        joined = f" {_CONFLICT_MARK} ".join(escape(_number(v)) for v in values)
        cls = ' class="conflict"' if name in fact.conflicts else ""
        out.append(f"<span{cls}>{escape(name)} {joined}</span>")
    return ", ".join(out)


def _fact_row(fact: ConsolidatedFact[Any], anchors: dict[str, str]) -> str:
    r = fact.record
    year = r.year if r.year is not None else ""
    index = r.index if fact.table == "index_results" else ""
    docs = " ".join(
        f'<a href="#{anchors[d]}">{escape(d)}</a>' if d in anchors else escape(d)
        for d in fact.doc_ids
    )
    return (
        f'<tr data-type="{fact.table}" data-entity="{escape(r.entity)}" '
        f'data-index="{escape(index)}" data-year="{year}" '
        f'data-conflict="{int(bool(fact.conflicts))}">'
        f"<td>{escape(TYPE_LABELS[fact.table])}</td><td>{escape(r.entity)}</td>"
        f"<td>{escape(_about(fact))}</td><td>{year}</td><td>{_fact_values(fact)}</td>"
        f"<td>{fact.n_sources}</td><td>{docs}</td></tr>"
    )


def _options(values: list[str], every: str) -> str:
    return f'<option value="">{escape(every)}</option>' + "".join(
        f'<option value="{escape(v)}">{escape(v)}</option>' for v in values
    )


def _facts_section(data: ReportData, anchors: dict[str, str]) -> str:
    facts = [f for fs in data.facts.values() for f in fs]
    indices = sorted({f.record.index for f in data.facts.get("index_results", [])})
    years = sorted({str(f.record.year) for f in facts if f.record.year is not None})
    types = [(t, TYPE_LABELS[t]) for t in data.facts]
    type_options = '<option value="">every type</option>' + "".join(
        f'<option value="{t}">{escape(label)}</option>' for t, label in types
    )
    rows = "".join(_fact_row(f, anchors) for f in facts)
    return (
        '<section id="facts-section"><h2>Facts</h2><div class="filters">'
        f'<label>type <select id="f-type">{type_options}</select></label>'
        f'<label>entity <input id="f-entity" type="search" placeholder="any"></label>'
        f'<label>index <select id="f-index">{_options(indices, "any index")}</select></label>'
        f'<label>year <select id="f-year">{_options(years, "any year")}</select></label>'
        '<label><input id="f-conflicts" type="checkbox"> sources disagree</label>'
        '<span id="f-count" class="muted"></span></div>'
        '<table id="facts"><thead><tr><th>type</th><th>entity</th><th>about</th><th>year</th>'
        "<th>values</th><th>sources</th><th>documents</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></section>"
    )


def _charts_section(data: ReportData) -> str:
    svgs: list[str] = []
    if data.series is not None:
        svgs += series_svgs(data.series)
    if data.ranking is not None:
        svgs.append(ranking_svg(data.ranking))
    body = "".join(svgs) or '<div class="muted">no index results to chart</div>'
    return f'<section class="charts" id="charts"><h2>Charts</h2>{body}</section>'


def _rejected_note(data: ReportData) -> str:
    if not data.options.rejected:
        return "Rejected candidates: not re-derived (--no-rejected)."
    if not data.options.rederives_rejected:
        return (
            f"Rejected candidates: not shown; the store does not keep them, and only the "
            f"{REDERIVED_BY} backend's can be re-derived offline."
        )
    n = sum(len(d.rejected or []) for d in data.documents)
    return (
        f"Rejected candidates: {n}, re-derived by running the offline rules backend over each "
        "stored text (the store keeps only the records that passed)."
    )


def render(data: ReportData) -> str:
    """The whole page."""
    anchors = {v.doc.doc_id: f"doc-{n}" for n, v in enumerate(data.documents)}
    records = {r.record_id: r.as_json() for d in data.documents for r in d.records}
    legend = "".join(
        f'<span class="t-{t}">{escape(label)}</span>' for t, label in TYPE_LABELS.items()
    )
    backend = data.options.backend or "every backend"
    docs = "".join(_document_section(n, v) for n, v in enumerate(data.documents))
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
        f"<title>llmx report: {escape(data.store_path)}</title>"
        f"<style>{_asset('report.css')}</style></head><body>"
        f'<header><h1>llmx report</h1><div class="muted">store {escape(data.store_path)} · '
        f"{escape(backend)} · {len(data.documents)} document(s) · {data.n_records} record(s)"
        f'</div><div class="muted">{escape(_rejected_note(data))}</div>'
        f'<div class="legend">{legend}<span class="muted">underlined: a field\'s own quote; '
        "click a highlight for its record</span></div></header><main>"
        f"{_charts_section(data)}{_facts_section(data, anchors)}"
        f'<div id="documents">{docs}</div></main><aside id="panel"></aside>'
        f'<script type="application/json" id="records">{_json_for_script(records)}</script>'
        f"<script>{_asset('report.js')}</script></body></html>"
    )
