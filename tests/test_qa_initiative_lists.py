"""A question asking for several initiatives ("những mô hình nào", "which models") is
answered by every one the unit runs that year, none shown as a lesser match; over a store
the rules extractor filled from an invented article."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.documents import make_doc
from support.qa_asking import grounded_answer, primary, store_fixture
from support.qa_corpus import store_corpus

from llmx.rules.extractor import RulesExtractor
from llmx.store import Store

TEXTS = {
    "models": (
        "Phường Hòa Xuân đưa vào vận hành 2 mô hình mới\n\n"
        "Năm 2025, phường Hòa Xuân bắt đầu áp dụng mô hình “Một cửa không giấy” tại bộ phận "
        "một cửa.\n\nCũng trong năm 2025, phường Hòa Xuân triển khai mô hình “Ba không” với "
        "đoàn viên thanh niên."
    )
}


def _build(path: Path) -> Store:
    recs = {}
    for doc_id, text in TEXTS.items():
        ex = RulesExtractor().extract(make_doc(text)).extraction
        recs[doc_id] = {
            "index_results": ex.index_results,
            "metrics": ex.metrics,
            "initiatives": ex.initiatives,
        }
    return store_corpus(path, TEXTS, recs)


store = store_fixture(_build, "initiative_lists")


@pytest.mark.parametrize(
    "question",
    [
        "Phường Hòa Xuân triển khai những mô hình nào năm 2025?",
        "phuong hoa xuan trien khai nhung mo hinh nao nam 2025",
    ],
)
def test_several_asked_all_answer(store, question):
    a = grounded_answer(store, question, TEXTS)
    assert {r["name"] for r in primary(a)} == {"Một cửa không giấy", "Ba không"}


def test_one_asked_keeps_one_answer_the_other_a_lesser_match(store):
    a = grounded_answer(store, "Phường Hòa Xuân triển khai mô hình nào năm 2025?", TEXTS)
    assert len(primary(a)) == 1


def test_a_value_written_in_the_other_languages_separators_is_the_records_value():
    from llmx.qa.execute import _is_value

    assert _is_value("14,138", 14.138, 14138.0)  # an English count read as a decimal
    assert _is_value("39,5", 39.5, 39.5)
    assert not _is_value("14,138", 14.138, 1413.0)
