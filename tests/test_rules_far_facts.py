"""One record per fact when a fact's values sit in sentences far apart: the record keeps the
first quote and each added value its own (rules.facts). Sentences written for this test."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor

_FILLER = (
    "Trong năm, tỉnh đã tổ chức nhiều hội nghị đối thoại với doanh nghiệp, rà soát thủ tục và "
    "đẩy mạnh ứng dụng công nghệ thông tin trong giải quyết hồ sơ cho người dân. "
)


def test_a_rank_and_a_score_far_apart_are_one_record_with_a_quote_each() -> None:
    text = (
        "Năm 2021, Chỉ số PAPI của tỉnh Phú Yên xếp thứ 19/63.\n\n"
        + _FILLER * 3
        + "\n\nChỉ số PAPI năm 2021 của tỉnh Phú Yên đạt 43,85 điểm."
    )
    (rec,) = RulesExtractor().extract(make_doc(text)).extraction.index_results
    got = (rec.entity, rec.year, rec.rank, rec.rank_total, rec.score)
    assert got == ("Phú Yên", 2021, 19, 63, 43.85)
    assert "19/63" in rec.evidence.quote and "43,85" not in rec.evidence.quote
    assert "43,85" in rec.field_evidence["score"].quote
