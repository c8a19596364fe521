"""LLM records get the rules' scope and year normalisation, and records carrying the few-shot
examples' places or figures instead of the document's are rejected (with their reason)."""

from __future__ import annotations

from support.documents import make_doc

from llmx.llm.prompts import load_prompts

from .fakellm import answer

LEAD = "Công bố Chỉ số CCHC năm 2022 của các tỉnh, thành phố."
RANKED = "Tỉnh Lạng Sơn đạt 85,31 điểm, xếp thứ 17/63 tỉnh, thành phố."
DATED = "Năm 2024, Chỉ số CCHC của tỉnh Lạng Sơn đạt 85,31 điểm, xếp thứ 17 cả nước."


def _record(quote: str, **fields):
    return {
        "evidence": {"quote": quote},
        "entity": "Lạng Sơn",
        "entity_level": "province",
        "index": "PAR_INDEX",
        "year": None,
        "score": 85.31,
        "score_unit": "points",
        "rank": 17,
        **fields,
    }


def _only(records):
    return {"index_results": records, "metrics": [], "initiatives": []}


def _example_place() -> str:
    return next(
        rec["entity"]
        for ex in load_prompts().examples
        for rec in ex["output"]["index_results"]
        if rec["entity_level"] == "province"
    )


def test_national_scope_and_the_sentence_year_are_applied(fake_llm, llm_backend):
    fake_llm.push(answer(_only([_record(DATED, scope="province:Lạng Sơn")])))
    out = llm_backend().extract(make_doc(f"{LEAD}\n{DATED}"))
    (rec,) = out.extraction.index_results
    assert (rec.scope, rec.year) == ("national", 2024)  # "cả nước"; the sentence's year


def test_an_undated_result_takes_the_leads_edition_year(fake_llm, llm_backend):
    fake_llm.push(answer(_only([_record(RANKED, scope="province:Lạng Sơn")])))
    out = llm_backend().extract(make_doc(f"{LEAD}\n{RANKED}"))
    (rec,) = out.extraction.index_results
    assert (rec.scope, rec.year) == ("national", 2022)  # "/63"; the lead's edition


def test_a_province_scope_stays_when_the_quote_ranks_within_a_province(fake_llm, llm_backend):
    quote = "Trong các sở, ngành của tỉnh Lạng Sơn, Sở Tư pháp đạt 85,31 điểm, xếp thứ 17."
    rec_in = _record(quote, entity="Sở Tư pháp", entity_level="department",
                     scope="province:Lạng Sơn", year=2023)  # fmt: skip
    fake_llm.push(answer(_only([rec_in])))
    (rec,) = llm_backend().extract(make_doc(quote)).extraction.index_results
    assert (rec.scope, rec.year) == ("province:Lạng Sơn", 2023)


def test_an_examples_place_is_rejected_with_its_reason(fake_llm, llm_backend):
    place = _example_place()
    fake_llm.push(answer(_only([_record(RANKED, entity=place, scope="national")])))
    out = llm_backend(max_retries=0).extract(make_doc(f"{LEAD}\n{RANKED}"))
    assert out.extraction.index_results == []
    assert any("an example's place" in r.reason and place in r.reason for r in out.rejected)


def test_the_same_place_is_kept_when_the_document_names_it(fake_llm, llm_backend):
    place = _example_place()
    sentence = f"Tỉnh {place} đạt 85,31 điểm, xếp thứ 17/63 tỉnh, thành phố."
    fake_llm.push(answer(_only([_record(sentence, entity=place, scope="national")])))
    out = llm_backend().extract(make_doc(f"{LEAD}\n{sentence}"))
    assert [r.entity for r in out.extraction.index_results] == [place]


def test_an_examples_figure_absent_from_the_document_is_rejected(fake_llm, llm_backend):
    example_score = next(
        rec["score"]
        for ex in load_prompts().examples
        for rec in ex["output"]["index_results"]
        if rec.get("score") is not None
    )
    fake_llm.push(answer(_only([_record(RANKED, score=example_score, scope="national")])))
    out = llm_backend(max_retries=0).extract(make_doc(f"{LEAD}\n{RANKED}"))
    assert out.extraction.index_results == []
    assert any("prompt's examples" in r.reason for r in out.rejected)
