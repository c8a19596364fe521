"""English status figures (rules/metrics.py), on sentences written for these tests: a date
"as of <month> <year>" dates a figure and belongs in its name, "last year" dates it the year
before the dateline, a ministry "noted that" tells the country's figures; and a satisfaction
question is not answered by a rate that names no satisfaction (vocabulary contrast)."""

from __future__ import annotations

from pathlib import Path

from support.documents import make_doc
from support.metric_facts import metrics

from llmx.qa.engine import answer_question
from llmx.rules.extractor import RulesExtractor
from llmx.store import Store

DATELINE = "Online services report\n\nMarch 20, 2023 | 09:10 am GMT+7\n\n"


def test_as_of_a_month_dates_the_figure_and_names_it() -> None:
    text = "As of June 2021, only 31.5 percent of dossiers in Kon Tum were processed online."
    got = metrics(text, title="Online services")
    assert ("Kon Tum", "share of dossiers processed online (as of June 2021)", 31.5, 2021) in got


def test_a_publication_date_does_not_date_the_figure() -> None:
    text = "On June 3, 2021, staff said 31.5 percent of dossiers in Kon Tum were handled online."
    got = metrics(text, title="Online services")
    assert [m[3] for m in got if m[2] == 31.5] == [None]


def test_a_ministry_noting_a_figure_tells_the_countrys() -> None:
    text = (
        DATELINE + "The Ministry of Information and Communications noted that as of May 2023, "
        "only 28.4 percent of dossiers were processed online."
    )
    got = metrics(text, title="Online services report")
    assert [m[0] for m in got if m[2] == 28.4] == ["Việt Nam"]


def test_last_year_dates_a_cut_the_year_before_the_dateline() -> None:
    text = DATELINE + "To attract users, Da Nang cut fees by 30 percent last year."
    got = metrics(text, title="Online services report")
    assert [m[3] for m in got if m[2] == 30.0] == [2022]


def test_a_value_compared_with_last_year_keeps_its_own_year() -> None:
    text = DATELINE + "Da Nang cut fees by 30 percent, up from 20 percent last year."
    got = metrics(text, title="Online services report")
    assert 2022 not in [m[3] for m in got if m[2] == 30.0]


def test_a_satisfaction_question_is_not_answered_by_an_online_rate(tmp_path: Path) -> None:
    text = (
        "Báo cáo dịch vụ công năm 2022\n\n"
        "Năm 2022, tỷ lệ hồ sơ xử lý trực tuyến của cả nước đạt 41,3%."
    )
    doc = make_doc(text, title="Báo cáo dịch vụ công năm 2022")
    with Store(tmp_path / "s.db") as store:
        run = store.begin_run("rules")
        store.save(doc, RulesExtractor().extract(doc).extraction, run)
        store.finish_run(run, status="ok", docs_ok=1, docs_skipped=0, docs_failed=0)
        asked = answer_question(store, "Tỷ lệ hồ sơ xử lý trực tuyến của cả nước năm 2022?")
        assert asked.found
        a = answer_question(store, "Tỷ lệ hài lòng với dịch vụ công của cả nước năm 2022?")
        assert not a.found
