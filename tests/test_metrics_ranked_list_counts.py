"""A count that only announces the units a superlative then lists ("4 địa phương có chỉ số
thấp nhất là A, B, …") is not a metric: the list is what the sentence tells. A group's size
told without such a list stays a count. Sentences written for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def counts(text: str) -> dict[float, str]:
    out = RulesExtractor().extract(make_doc(text))
    return {m.value: m.name for m in out.extraction.metrics}


def test_a_count_announcing_a_superlatives_list_is_not_a_metric() -> None:
    got = counts(
        "Ở Chỉ số PAR Index, đứng đầu là Phú Yên; 4 địa phương có chỉ số thấp nhất là "
        "Lào Cai, Yên Bái, Sơn La và Hà Giang."
    )
    assert 4 not in got


def test_a_groups_size_without_a_list_stays_a_count() -> None:
    got = counts(
        "Năm 2022, tỉnh Phú Yên nằm trong nhóm 16 tỉnh, thành phố có điểm thấp nhất cả nước."
    )
    assert 16 in got


def test_a_superlative_followed_by_a_value_not_names_stays_a_count() -> None:
    got = counts("Năm 2022, cả nước có 12 địa phương có chỉ số cao nhất là trên 90%.")
    assert 12 in got
