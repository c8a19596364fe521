"""A rate told "đối với" what it is of keeps those words in its name ("tỷ lệ hài lòng đối với
sự phục vụ của …"): "với" there is no verb. Sentences written for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def names(text: str) -> dict[float, str]:
    out = RulesExtractor().extract(make_doc(text))
    return {m.value: m.name for m in out.extraction.metrics}


def test_a_satisfaction_rate_keeps_what_it_is_with() -> None:
    text = (
        "Năm 2023, tỷ lệ hài lòng đối với việc giải quyết thủ tục hộ tịch của tỉnh Nam Định "
        "đạt 88,4%."
    )
    assert names(text)[88.4] == "tỷ lệ hài lòng đối với việc giải quyết thủ tục hộ tịch"
    text = "Năm 2023, tại Nam Định, tỷ lệ hài lòng đối với sự phục vụ của UBND cấp huyện đạt 81,2%."
    assert names(text)[81.2] == "tỷ lệ hài lòng đối với sự phục vụ của UBND cấp huyện"


def test_with_after_a_rate_is_still_a_verb_where_it_gives_the_value() -> None:
    text = "Năm 2023, tỉnh Nam Định dẫn đầu về tỷ lệ hồ sơ trực tuyến với 72,5%."
    assert names(text)[72.5] == "tỷ lệ hồ sơ trực tuyến"
