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


def test_the_fields_highest_and_lowest_after_the_countrys_average() -> None:
    text = (
        "PAPI 2021 của Ninh Thuận\n\n"
        "Tính chung toàn quốc, điểm trung bình đạt 42,11 điểm; mức cao nhất là 47,9 điểm và "
        "mức thấp nhất 36,8 điểm."
    )
    got = {m.value: (m.entity, m.name, m.unit, m.year) for m in extract(text).metrics}
    assert got[47.9] == ("Việt Nam", "điểm PAPI cao nhất", "điểm", 2021)
    assert got[36.8] == ("Việt Nam", "điểm PAPI thấp nhất", "điểm", 2021)


def test_a_median_is_the_fields_in_a_provinces_sentence() -> None:
    text = (
        "PCI 2022 của Gia Lai\n\n"
        "Điểm PCI của Gia Lai thấp hơn điểm trung vị 1,5 điểm (điểm trung vị là 64,7 điểm)."
    )
    got = {m.value: (m.entity, m.name, m.year) for m in extract(text).metrics}
    assert got[64.7] == ("Việt Nam", "điểm trung vị PCI", 2022)


def test_a_units_highest_is_not_the_fields() -> None:
    text = (
        "PCI 2022 của Gia Lai\n\n"
        "Trong các chỉ số thành phần, Gia Lai có điểm cao nhất là 8,1 điểm ở chỉ số Chi phí "
        "thời gian. Năm 2022, điểm cao nhất là 72,3 điểm thuộc về Quảng Ninh."
    )
    assert all(m.entity != "Việt Nam" for m in extract(text).metrics)
