"""The country's own figures told in an article about one province (rules/metrics.py and the
national-subject cue of rules/lexicon.py), on sentences written for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def extract(text: str):
    out = RulesExtractor().extract(make_doc(text)).extraction
    for m in out.metrics:
        assert text[m.evidence.start : m.evidence.end] == m.evidence.quote
    return out


def test_an_index_chung_of_the_country_is_the_countrys_not_the_provinces() -> None:
    text = (
        "Kon Tum tăng 12 bậc về Chỉ số SIPAS\n\n"
        "Chỉ số SIPAS của tỉnh Kon Tum đạt 83,4%, đứng thứ 20/63. Số liệu công bố cho biết Chỉ "
        "số SIPAS chung của cả nước năm 2023 là 81,7%, cao hơn năm 2022 1,6%."
    )
    out = extract(text)
    got = {m.value: (m.entity, m.name, m.year) for m in out.metrics}
    assert got[81.7] == ("Việt Nam", "giá trị trung bình Chỉ số SIPAS cả nước", 2023)
    assert got[1.6][0] == "Việt Nam"
    assert all(r.score != 81.7 for r in out.index_results)
    assert any(r.entity == "Kon Tum" and r.score == 83.4 for r in out.index_results)
