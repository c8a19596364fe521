"""Invented questions asking an index's national value ("DTI quốc gia"): the country's own
figure, stored as a metric of Việt Nam, not any unit's index result. A province's index
question, and a national value the store lacks, must not be answered by it."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.qa_asking import grounded_answer, primary, store_fixture
from support.qa_corpus import sentence, store_corpus

from llmx.core.records import IndexResult, Metric
from llmx.qa.answer import Answer
from llmx.store import Store

DTI = (
    "Kết quả DTI năm 2022\n"
    "Năm 2022, giá trị DTI quốc gia đạt 0,6810 điểm.\n"
    "Bắc Kạn đạt 0,5520 điểm DTI năm 2022.\n"
)
TEXTS = {"fx-dti": DTI}


def build_store(path: Path) -> Store:
    ev = sentence(DTI, "quốc gia")
    recs = {"fx-dti": {
        "metrics": [Metric(entity="Việt Nam", name="giá trị DTI quốc gia", value=0.681,
                           unit="điểm", year=2022, evidence=ev)],
        "index_results": [IndexResult(entity="Bắc Kạn", index="DTI", year=2022, score=0.552,
                                      evidence=sentence(DTI, "Bắc Kạn"))],
    }}  # fmt: skip
    return store_corpus(path, TEXTS, recs)


store = store_fixture(build_store, "fx-dti")


def ask(store: Store, question: str) -> Answer:
    return grounded_answer(store, question, TEXTS)


@pytest.mark.parametrize("question", [
    "Chỉ số DTI quốc gia năm 2022 đạt bao nhiêu?",
    "Giá trị DTI quốc gia năm 2022 là bao nhiêu?",
    "chi so DTI quoc gia nam 2022 dat bao nhieu",
])  # fmt: skip
def test_index_national_value_is_the_countrys_metric(store, question):
    a = ask(store, question)
    assert a.found
    (rec,) = primary(a)
    assert rec["entity"] == "Việt Nam" and rec["value"] == pytest.approx(0.681)


def test_national_value_of_another_year_refused(store):
    assert not ask(store, "Chỉ số DTI quốc gia năm 2020 đạt bao nhiêu?").found


def test_province_index_question_unchanged(store):
    a = ask(store, "Bắc Kạn đạt bao nhiêu điểm DTI năm 2022?")
    assert a.found and {r["entity"] for r in primary(a)} == {"Bắc Kạn"}
