"""Vietnamese numbers, quote alignment and the grounding rules of the record contract."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from llmx.core.grounding import align_quote, value_grounded
from llmx.core.numbers import find_numbers, parse_vn_number, values_in
from llmx.core.records import DocumentExtraction, Evidence, IndexResult, Initiative, Metric


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("88,54", 88.54),
        ("1.704.824", 1704824),
        ("02", 2),
        ("05", 5),
        ("7,23 triệu", 7_230_000),
        ("1,8 tỉ", 1_800_000_000),
        ("1,8 tỷ", 1_800_000_000),
        ("3 nghìn", 3000),
        ("1.121", 1121),
        ("66,8", 66.8),
        ("100", 100),
        ("1,704,824", 1704824),
        ("abc", None),
    ],
)
def test_parse_vn_number(raw, value):
    assert parse_vn_number(raw) == value


def test_find_numbers_folds_magnitude_words_into_spans():
    text = "có 4,5 triệu lượt và 12.000 hồ sơ"
    spans = find_numbers(text)
    assert [(s.raw, s.value) for s in spans] == [("4,5 triệu", 4_500_000), ("12.000", 12000)]
    assert all(text[s.start : s.end] == s.raw for s in spans)


def test_values_in_accepts_both_conventions_and_rank_words():
    vals = values_in("đạt 88,54 điểm, đứng thứ tư và dẫn đầu")
    assert {88.54, 4.0, 1.0} <= vals
    assert 88.54 in values_in("scored 88.54 points")


def test_value_grounded_derived_difference():
    assert value_grounded(19, "tăng từ thứ 27 lên thứ 8", derived=True)
    assert not value_grounded(19, "tăng từ thứ 27 lên thứ 8")
    assert not value_grounded(91.0, "đạt 88,54 điểm")


def test_english_ordinals_runner_up_and_held_places():
    assert {1.0, 3.0} <= values_in("Quang Ninh retained its first place; Ha Noi came third")
    assert 2.0 in values_in("Hải Phòng giành ngôi á quân")
    assert 4.0 not in values_in("the fourthcoming report")  # whole words only
    assert value_grounded(0, "Quảng Ninh giữ vững vị trí số 1", derived=True)
    assert value_grounded(0, "Quang Ninh retained the top spot", derived=True)
    assert not value_grounded(0, "Quảng Ninh đứng số 1", derived=True)
    assert not value_grounded(0, "Quảng Ninh giữ vững vị trí số 1")  # only for changes


def test_align_quote_statuses():
    text = "Dòng đầu.\nTỉnh  Quảng Trị   đạt 80,1 điểm.\nHết."
    assert align_quote(text, "Dòng đầu.").status == "exact"
    a = align_quote(text, "Tỉnh Quảng Trị đạt 80,1 điểm.")
    assert a.status == "whitespace" and text[a.start : a.end].startswith("Tỉnh  Quảng")
    b = align_quote(text, "tinh quang tri dat 80,1 diem")
    assert b is not None and b.status == "folded"
    assert align_quote(text, "Tỉnh Hà Giang đạt 80,1 điểm.") is None


def _ev(text: str) -> Evidence:
    return Evidence(quote=text, start=0, end=len(text))


def test_record_with_number_missing_from_quote_is_rejected():
    q = "Tỉnh Quảng Trị đạt 80,1 điểm, xếp thứ 30/63."
    IndexResult(
        entity="Quảng Trị", index="PAR_INDEX", score=80.1, rank=30, rank_total=63, evidence=_ev(q)
    )
    with pytest.raises(ValidationError, match="rank=31"):
        IndexResult(entity="Quảng Trị", index="PAR_INDEX", rank=31, evidence=_ev(q))
    with pytest.raises(ValidationError, match="value=12"):
        Metric(entity="Quảng Trị", name="hồ sơ", value=12, evidence=_ev(q))
    with pytest.raises(ValidationError, match="not found in its quote"):
        Initiative(entity="Quảng Trị", name="Ngày thứ Bảy", evidence=_ev(q))


def test_index_result_needs_a_value_and_valid_scope():
    q = "Tỉnh Quảng Trị xếp thứ 30."
    with pytest.raises(ValidationError, match="needs a score"):
        IndexResult(entity="Quảng Trị", index="PAR_INDEX", evidence=_ev(q))
    with pytest.raises(ValidationError, match="scope"):
        IndexResult(entity="Quảng Trị", index="PAR_INDEX", rank=30, scope="vùng", evidence=_ev(q))
    with pytest.raises(ValidationError):
        IndexResult(entity="Quảng Trị", index="NOT_AN_INDEX", rank=30, evidence=_ev(q))


def test_evidence_checked_against_text_in_context():
    text = "Một câu. Tỉnh Quảng Trị xếp thứ 30."
    good = {"quote": "Tỉnh Quảng Trị xếp thứ 30.", "start": 9, "end": len(text)}
    Evidence.model_validate(good, context={"text": text})
    with pytest.raises(ValidationError, match="does not match"):
        Evidence.model_validate({**good, "start": 8}, context={"text": text})


def test_document_extraction_round_trip():
    q = "Tỉnh Quảng Trị xếp thứ 30."
    ex = DocumentExtraction(
        doc_id="d",
        source="d.txt",
        sha256="0" * 64,
        backend="rules",
        index_results=[
            IndexResult(entity="Quảng Trị", index="PAR_INDEX", rank=30, evidence=_ev(q))
        ],
    )
    again = DocumentExtraction.model_validate_json(ex.model_dump_json())
    assert again == ex and again.counts()["index_results"] == 1
