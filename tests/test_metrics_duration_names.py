"""Metrics on sentences written for these tests: a time whose words say nothing of what was
timed ("Chỉ 5 phút sau, cán bộ … đã xử lý xong", "hôm nay chỉ mất 15 phút") is not stored,
while a named processing time and a score named by its unit ("điểm trung vị là 65,22 điểm")
still are."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def metrics(text: str) -> dict[float, str]:
    out = RulesExtractor().extract(make_doc(text))
    return {m.value: m.name for m in out.extraction.metrics}


def test_an_anecdotes_minutes_are_not_a_metric() -> None:
    text = (
        "Năm 2023, huyện Lạc Dương áp dụng mô hình mới. Chỉ 7 phút sau, cán bộ tư pháp đã "
        "xử lý xong thủ tục của chị. Hôm nay ông chỉ mất 12 phút."
    )
    got = metrics(text)
    assert 7 not in got and 12 not in got


def test_a_named_processing_time_is_kept() -> None:
    got = metrics("Năm 2023, thời gian giải quyết thủ tục tại huyện Lạc Dương chỉ còn 12 phút.")
    assert got[12].startswith("thời gian giải quyết thủ tục")
