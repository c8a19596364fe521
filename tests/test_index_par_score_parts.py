"""Index results on sentences written for these tests: the PAR Index's two scores that add
up to it (appraisal, sociological survey) are components of the PAR Index, also where the
sentence names SIPAS beside them, in Vietnamese and English."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def results(text: str) -> dict[float, tuple[str, str | None]]:
    out = RulesExtractor().extract(make_doc(text))
    return {r.score: (r.index, r.component) for r in out.extraction.index_results if r.score}


def test_the_appraisal_and_survey_scores_are_par_components() -> None:
    got = results(
        "Chỉ số CCHC năm 2022 của tỉnh Yên Bái đạt 85,12 điểm, xếp thứ 40/63. Trong đó, điểm "
        "thẩm định đạt 55,31/61,5 điểm; điểm điều tra xã hội học đạt 29,81/38,5 điểm."
    )
    assert got[85.12] == ("PAR_INDEX", None)
    assert got[29.81] == ("PAR_INDEX", "Điểm điều tra xã hội học")


def test_an_english_appraisal_score_beside_sipas_is_the_par_indexs() -> None:
    got = results(
        "Yen Bai ranked 40th in the PAR Index 2022 with 85.12 points. Its appraisal score was "
        "55.31 points and its SIPAS score 8.02 points."
    )
    assert got[55.31] == ("PAR_INDEX", "appraisal score")
