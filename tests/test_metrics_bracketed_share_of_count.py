"""A share bracketed right after a count's unit ("12 huyện (40%) tăng điểm") is the share of
what was counted, named as that count's rate; a bracket that says something else ("(tăng
15% …)") is not. Sentences written for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def names(text: str) -> dict[float, str]:
    out = RulesExtractor().extract(make_doc(text))
    return {m.value: m.name for m in out.extraction.metrics}


def test_a_share_bracketed_after_a_count_is_the_counts_rate() -> None:
    got = names(
        "Năm 2023, chỉ có 12 tỉnh (19,05%) tăng điểm Chỉ số CCHC, trong khi 51 tỉnh "
        "(80,95%) bị giảm điểm."
    )
    assert got[19.05].startswith("tỷ lệ tỉnh tăng điểm")
    assert got[80.95].startswith("tỷ lệ tỉnh bị giảm điểm")


def test_a_bracketed_change_after_a_count_is_not_its_share() -> None:
    got = names("Năm 2023, tỉnh Phú Yên tiếp nhận 1.400 hồ sơ (tăng 12% so với năm 2022).")
    assert not (got.get(12) or "").startswith("tỷ lệ")


def test_what_follows_a_bracketed_share_names_the_count_and_its_rate() -> None:
    got = names(
        "Năm 2022, tỉnh Phú Yên tiếp nhận 8.200 hồ sơ. Có 41 hồ sơ (chiếm 0,5%) bị trả lại "
        "cho người nộp."
    )
    assert got[41] == "số hồ sơ bị trả lại cho người nộp"
    assert got[0.5] == "tỷ lệ hồ sơ bị trả lại cho người nộp"
