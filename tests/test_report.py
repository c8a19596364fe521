"""`llmx report`: the page's marks, escaping, facts table, charts, rejected candidates and
command (the browser test is tests/test_report_browser.py)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from support.documents import make_doc
from support.report_corpus import WEB, WEB_ID, build_store
from typer.testing import CliRunner

from llmx.cli import _register, app
from llmx.core.document import Document
from llmx.report import ReportOptions, read_report, render, report_html
from llmx.report.charts import entity_series, ranking
from llmx.report.marks import Span, marked_text
from llmx.report.rejected import rejected_candidates
from llmx.report.svg import YearPoint, year_chart
from llmx.store import Store

_VOID = {"meta", "br", "img", "input", "line", "circle", "polyline", "rect", "hr"}


class _Page(HTMLParser):
    """Parses a page, failing on a close tag that does not close the open element, and
    collects each mark (attributes and text) and the records JSON."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.marks: list[dict[str, str]] = []
        self.open_marks: list[int] = []
        self.text_in_marks: list[str] = []
        self.scripts: list[str] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self._script: list[str] | None = None
        self.plain: list[str] = []  # the text of the documents' text boxes

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if tag in _VOID:
            return
        self.stack.append(tag)
        if tag == "mark":
            self.marks.append({**a, "text": ""})
            self.open_marks.append(len(self.marks) - 1)
        if tag == "script":
            self._script = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()
        if tag == "mark":
            self.open_marks.pop()
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        for i in self.open_marks:
            self.marks[i]["text"] += data


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    assert page.stack == [], f"unclosed: {page.stack}"
    return page


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = build_store(tmp_path_factory.mktemp("report") / "r.db")
    yield s
    s.close()


@pytest.fixture(scope="module")
def html(store: Store) -> str:
    return report_html(store, ReportOptions(rejected=False))


# -- marks ----------------------------------------------------------------------------------


def test_half_overlapping_spans_nest_and_keep_every_span_text() -> None:
    text = "abcdefghij <b>"
    spans = [
        Span(1, 6, "a", "index_results"),
        Span(4, 9, "b", "metrics"),
        Span(2, 3, "a", "index_results", "rank"),
        Span(11, 14, "c", "initiatives"),
    ]
    page = parse("<div>" + marked_text(text, spans) + "</div>")
    for s in spans:
        pieces = [
            m["text"]
            for m in page.marks
            if m["data-record-id"] == s.record_id and m.get("data-field") == s.field
        ]
        assert "".join(pieces) == text[s.start : s.end]
    # the half-overlap (4..6) is split: "a" ends inside "b", so both have several pieces
    assert len([m for m in page.marks if m["data-record-id"] == "b"]) == 2
    assert "<b>" not in marked_text(text, spans)


def test_marks_leave_the_text_as_it_is() -> None:
    text = "x < y & \"z\" 'w'"
    out = marked_text(text, [Span(0, 5, "r", "metrics"), Span(3, 20, "bad", "metrics")])
    assert re.sub(r"</?mark[^>]*>", "", out) == "x &lt; y &amp; \"z\" 'w'"
    assert 'data-record-id="bad"' not in out  # a span past the text's end is left out


# -- the page --------------------------------------------------------------------------------


def test_every_record_is_highlighted_once_with_its_type(store: Store, html: str) -> None:
    page = parse(html)
    evidence = [m for m in page.marks if m["class"].split()[0] == "ev"]
    ids = {m["data-record-id"] for m in evidence}
    stored = sum(n for t, n in store.counts().items() if t != "documents")
    assert len(ids) == stored
    for m in evidence:  # the class names the table the id comes from
        assert f"t-{m['data-record-id'].rsplit('-', 1)[0]}" in m["class"].split()


def test_quotes_from_the_web_stay_text(html: str) -> None:
    page = parse(html)
    assert "alert" not in "".join(page.scripts[1:])  # the page's own script
    assert [t for t, _ in page.tags].count("script") == 2  # the JSON and the page's script
    assert not any(t == "img" for t, _ in page.tags)
    assert "<script>alert" not in html and "<img src=x" not in html
    records = json.loads(page.scripts[0])
    quotes = [r["quote"] for r in records.values()]
    assert any("</script><img src=x onerror=alert(1)>" in q for q in quotes)


def test_hover_text_gives_type_and_confidence(html: str) -> None:
    titles = {m["title"] for m in parse(html).marks if "Hà Tĩnh" in m.get("title", "")}
    assert titles == {"index result: Hà Tĩnh PAR_INDEX · confidence 0.9"}


def test_the_page_needs_nothing_from_outside(html: str) -> None:
    page = parse(html)
    for tag, attrs in page.tags:
        assert "src" not in attrs, tag
        assert not attrs.get("href", "#").startswith(("http:", "https:", "//")), tag
    assert "<link" not in html and "@import" not in html


def test_facts_table_lists_each_fact_and_marks_disagreement(store: Store, html: str) -> None:
    rows = [a for t, a in parse(html).tags if t == "tr" and "data-type" in a]
    n_facts = sum(
        len(store.consolidated_facts(t)) for t in ("index_results", "metrics", "initiatives")
    )
    assert len(rows) == n_facts
    conflicting = [a for a in rows if a["data-conflict"] == "1"]
    # Bắc Giang's 2022 rank (4 and 5) and its online-filing share (45% and 52%) disagree
    assert {(a["data-type"], a["data-year"]) for a in conflicting} == {
        ("index_results", "2022"),
        ("metrics", "2022"),
    }
    assert "rank 4 ≠ 5" in html


def test_page_is_deterministic(store: Store) -> None:
    options = ReportOptions(rejected=False)
    assert report_html(store, options) == report_html(store, options)


# -- charts ----------------------------------------------------------------------------------


def test_series_takes_the_value_most_sources_state(store: Store) -> None:
    facts = store.consolidated_facts("index_results")
    series = entity_series(facts, ["bac giang"], "PAR_INDEX")
    assert series is not None
    assert [(p.year, p.value) for p in series.rank] == [(2022, 4.0), (2023, 2.0)]
    assert entity_series(facts, ["nowhere"]) is None


def test_ranking_orders_units_by_rank(store: Store) -> None:
    chart = ranking(store.consolidated_facts("index_results"), "PAR_INDEX", 2023)
    assert chart is not None
    # ties keep store order: Bắc Giang's 2023 rank was stored before the web page's
    assert [(b.rank, b.label) for b in chart.bars] == [
        (1, "Hà Tĩnh"), (2, "Bắc Giang"), (2, "Nghệ An"), (3, "Quảng Bình"),
    ]  # fmt: skip


def test_default_ranking_is_the_year_with_most_units(store: Store) -> None:
    data = read_report(store, ReportOptions(rejected=False))
    assert data.ranking is not None and data.ranking.year == 2023
    assert len(data.ranking.bars) == 4  # three on the web page, Bắc Giang from article B
    svg = render(data)
    assert svg.count('class="bar"') == 2 + 1  # Bắc Giang's 2023 result has no score


def test_rank_axis_puts_first_place_on_top() -> None:
    svg = year_chart("r", [YearPoint(2020, 5), YearPoint(2021, 1)], lower_is_better=True)
    found = re.findall(r'cy="([\d.]+)" r="4" class="point" data-year="(\d+)"', svg)
    y_of = {int(year): float(y) for y, year in found}
    assert set(y_of) == {2020, 2021}
    assert y_of[2021] < y_of[2020]  # rank 1 drawn higher (SVG y grows downwards)


def test_chart_labels_are_escaped() -> None:
    svg = year_chart('<b onload="x">', [YearPoint(2020, 1)])
    assert "<b " not in svg and "&lt;b onload=&quot;x&quot;&gt;" in svg


# -- rejected candidates ---------------------------------------------------------------------


def test_rejected_candidates_are_re_derived_with_reason_and_quote() -> None:
    text = "Năm 2022, Chỉ số PAPI của tỉnh Bắc Giang đạt 95,5 điểm, xếp thứ 3 cả nước."
    found = rejected_candidates([make_doc(text, doc_id="d")])["d"]
    assert len(found) == 1
    assert "PAPI" in found[0].reason and found[0].quote and found[0].quote in text


def test_rejected_candidates_are_shown_per_document(store: Store) -> None:
    page = report_html(store, ReportOptions())
    assert "Rejected candidates (0)" in page  # the stored articles hold none
    assert "re-derived by running the offline rules backend" in page
    assert "not re-derived" in report_html(store, ReportOptions(rejected=False))
    # another backend's records: the rules backend's rejections would say nothing of them
    assert "Rejected candidates (" not in report_html(store, ReportOptions(backend="openai"))


def test_a_document_is_read_back_with_its_rows(store: Store) -> None:
    rows = store.document_records(WEB_ID)
    assert [r.record.entity for r in rows] == ["Hà Tĩnh", "Nghệ An", "Quảng Bình"]
    assert all(WEB[r.record.evidence.start : r.record.evidence.end] == r.record.evidence.quote
               for r in rows)  # fmt: skip
    assert store.extracted_doc_ids() == sorted(["f-a", "f-b", "f-c", WEB_ID])
    assert store.extracted_doc_ids("openai") == []
    assert isinstance(store.get_document(WEB_ID), Document)


# -- the command -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cli() -> CliRunner:
    _register()
    return CliRunner()


def test_command_writes_the_page(store: Store, cli: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    res = cli.invoke(app, ["report", "--db", str(store.path), "-o", str(out),
                           "--entity", "bac giang", "--index", "Chỉ số CCHC"])  # fmt: skip
    assert res.exit_code == 0, res.output
    page = out.read_text(encoding="utf-8")
    assert "Bắc Giang · PAR_INDEX: rank by year" in page
    assert not list(tmp_path.glob("*.tmp*"))


def test_command_refuses_a_missing_store_and_unknown_names(
    store: Store, cli: CliRunner, tmp_path: Path
) -> None:
    missing = cli.invoke(app, ["report", "--db", str(tmp_path / "none.db"), "-o",
                               str(tmp_path / "r.html")])  # fmt: skip
    assert missing.exit_code == 1 and "no store" in missing.output
    unknown = cli.invoke(app, ["report", "--db", str(store.path), "-o",
                               str(tmp_path / "r.html"), "--index", "no such index"])  # fmt: skip
    assert unknown.exit_code == 2
    assert not (tmp_path / "r.html").exists()
