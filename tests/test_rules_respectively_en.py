"""English "respectively" lists whose units carry "the" ("the Ministry of Justice and the
Ministry of Health scored 82.13 and 80.40 percent, respectively"): each unit gets its own
value, in order (issue 10). Invented sentences."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def scores(text: str) -> set[tuple[str, float | None]]:
    out = RulesExtractor().extract(make_doc(text))
    return {(r.entity, r.score) for r in out.extraction.index_results}


def test_units_with_the_pair_with_their_values() -> None:
    got = scores(
        "In the PAR Index 2017, the Ministry of Justice and the Ministry of Health scored "
        "82.13 and 80.40 percent, respectively."
    )
    assert {("Bộ Tư pháp", 82.13), ("Bộ Y tế", 80.4)} <= got, got


def test_three_units_with_the() -> None:
    got = scores(
        "In the PAR Index 2017, the Ministry of Justice, the Ministry of Finance and the "
        "Ministry of Health had 82.13, 81.2 and 80.40 percent respectively."
    )
    assert {("Bộ Tư pháp", 82.13), ("Bộ Tài chính", 81.2), ("Bộ Y tế", 80.4)} <= got, got


def test_a_unit_and_the_field_is_no_list_of_units() -> None:
    # "and the" before something that is no unit leaves one unit and one value
    got = scores("In the PAR Index 2017, the Ministry of Justice scored 82.13 percent.")
    assert got == {("Bộ Tư pháp", 82.13)}, got
