"""Gold records may label each field's own quote; offsets are found as for the record's."""

from __future__ import annotations

import pytest

from llmx.evaluation.gold import GoldError, validate_gold_record

TEXT = (
    "Năm 2023, tỉnh Hà Giang đạt 85,5 điểm Chỉ số CCHC. "
    "Với kết quả này, tỉnh xếp thứ 12 cả nước."
)


def _record(**extra):
    return {
        "entity": "Hà Giang",
        "index": "PAR_INDEX",
        "year": 2023,
        "score": 85.5,
        "rank": 12,
        "evidence": {"quote": TEXT},
        **extra,
    }


def test_field_quotes_are_aligned_and_kept():
    rec = validate_gold_record(
        "index_results",
        _record(field_evidence={"rank": {"quote": "tỉnh xếp thứ 12 cả nước"}}),
        TEXT,
        where="g.json#0",
    )
    ev = rec.record["field_evidence"]["rank"]
    assert TEXT[ev["start"] : ev["end"]] == "tỉnh xếp thứ 12 cả nước"


def test_a_field_quote_not_in_the_text_names_the_field():
    with pytest.raises(GoldError, match=r"field_evidence\.rank: quote not found"):
        validate_gold_record(
            "index_results",
            _record(field_evidence={"rank": {"quote": "xếp thứ 13"}}),
            TEXT,
            where="g.json#0",
        )


def test_a_field_quote_without_its_value_is_refused():
    with pytest.raises(GoldError, match="invalid record"):
        validate_gold_record(
            "index_results",
            _record(field_evidence={"rank": {"quote": "đạt 85,5 điểm"}}),
            TEXT,
            where="g.json#0",
        )
