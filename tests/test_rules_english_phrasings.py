"""English index reporting in the many ways English-language outlets phrase it (issue 10):
verbs of place, moves, scores, earlier values. Each sentence was invented for this test, in
the style of English news about the indices, not taken from any corpus; the expected
records follow eval/CONVENTIONS.md (one record per fact, earlier years their own record)."""

from __future__ import annotations

import pytest
from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor

# (entity, index, year, score, rank, rank_total, rank_change, score_change)
Fact = tuple[str, str, int | None, float | None, int | None, int | None, int | None, float | None]


def facts(text: str) -> set[Fact]:
    out = RulesExtractor().extract(make_doc(text))
    got = set()
    for r in out.extraction.index_results:
        assert text[r.evidence.start : r.evidence.end] == r.evidence.quote
        got.add((r.entity, r.index, r.year, r.score, r.rank, r.rank_total, r.rank_change,
                 r.score_change))  # fmt: skip
    return got


PLACES: dict[str, set[Fact]] = {
    # verbs of place
    "Hai Phong stood second in the 2023 PCI with 70.5 points.": {
        ("Hải Phòng", "PCI", 2023, 70.5, 2, None, None, None)
    },
    "Quang Ninh finished first in the PCI 2023 rankings with 71.04 points.": {
        ("Quảng Ninh", "PCI", 2023, 71.04, 1, None, None, None)
    },
    "Long An was placed third in the 2023 Provincial Competitiveness Index (PCI).": {
        ("Long An", "PCI", 2023, None, 3, None, None, None)
    },
    "Dong Thap secured fifth place in the PCI 2023 rankings.": {
        ("Đồng Tháp", "PCI", 2023, None, 5, None, None, None)
    },
    "Ha Giang claimed sixth position in the SIPAS 2023.": {
        ("Hà Giang", "SIPAS", 2023, None, 6, None, None, None)
    },
    "Binh Duong took seventh spot in the PCI 2023.": {
        ("Bình Dương", "PCI", 2023, None, 7, None, None, None)
    },
    "Da Nang clinched the top spot in the 2023 PAR Index.": {
        ("Đà Nẵng", "PAR_INDEX", 2023, None, 1, None, None, None)
    },
    "Ba Ria-Vung Tau was runner-up in the PCI 2023.": {
        ("Bà Rịa - Vũng Tàu", "PCI", 2023, None, 2, None, None, None)
    },
    "Vinh Phuc gained 1.5 points in the PCI 2023 to rank 11th.": {
        ("Vĩnh Phúc", "PCI", 2023, None, 11, None, None, 1.5)
    },
    "The State Bank of Vietnam came second among 17 ministries in the PAR Index 2023.": {
        ("Ngân hàng Nhà nước Việt Nam", "PAR_INDEX", 2023, None, 2, 17, None, None)
    },
    "Dong Nai ranked 12th out of 63 provinces in the PAR Index 2023.": {
        ("Đồng Nai", "PAR_INDEX", 2023, None, 12, 63, None, None)
    },
    "Lai Chau came in last place out of 63 provinces in the PAR Index 2023.": {
        ("Lai Châu", "PAR_INDEX", 2023, None, 63, 63, None, None)
    },
    "In the PCI 2023, Quang Ninh led, followed by Hai Phong and Long An.": {
        ("Quảng Ninh", "PCI", 2023, None, 1, None, None, None)
    },
    "Binh Dinh kept its 12th position in the PCI 2023.": {
        ("Bình Định", "PCI", 2023, None, 12, None, 0, None)
    },
    "Ninh Binh came 7th in the PCI 2023, the same position as in 2022.": {
        ("Ninh Bình", "PCI", 2023, None, 7, None, 0, None)
    },
    # scores
    "Tra Vinh obtained 86.4 out of 100 points in the PAR Index 2023.": {
        ("Trà Vinh", "PAR_INDEX", 2023, 86.4, None, None, None, None)
    },
    "Da Nang's PCI 2023 score fell 2.1 points to 68.8.": {
        ("Đà Nẵng", "PCI", 2023, 68.8, None, None, None, -2.1)
    },
    "Ben Tre achieved a PAR Index score of 88.93% in 2023, ranking 8th.": {
        ("Bến Tre", "PAR_INDEX", 2023, 88.93, 8, None, None, None)
    },
    # moves
    "Hai Phong ranked 2nd in the PAR Index 2023 with 91.5%, down one place from 2022.": {
        ("Hải Phòng", "PAR_INDEX", 2023, 91.5, 2, None, -1, None)
    },
    "Hanoi climbed three notches to ninth in the PCI 2023.": {
        ("Hà Nội", "PCI", 2023, None, 9, None, 3, None)
    },
    "Kon Tum tumbled 12 spots to 55th in the PCI 2023.": {
        ("Kon Tum", "PCI", 2023, None, 55, None, -12, None)
    },
    "Thai Binh ranked 20th in the PCI 2023, down five notches from 2022.": {
        ("Thái Bình", "PCI", 2023, None, 20, None, -5, None)
    },
    "Kien Giang rose to 13th in the PCI 2023 from 25th in 2022.": {
        ("Kiên Giang", "PCI", 2023, None, 13, None, 12, None),
        ("Kiên Giang", "PCI", 2022, None, 25, None, None, None),
    },
    # earlier values, their own records
    "Hau Giang's PAR Index stood at 84.2% in 2023, compared with 82.1% in 2022.": {
        ("Hậu Giang", "PAR_INDEX", 2023, 84.2, None, None, None, None),
        ("Hậu Giang", "PAR_INDEX", 2022, 82.1, None, None, None, None),
    },
    "Quang Tri scored 63.5 points in PCI 2023, up from 61.2 points in 2022.": {
        ("Quảng Trị", "PCI", 2023, 63.5, None, None, None, None),
        ("Quảng Trị", "PCI", 2022, 61.2, None, None, None, None),
    },
    "In the PCI 2023 rankings, Dong Thap came third, a year earlier it was fifth.": {
        ("Đồng Tháp", "PCI", 2023, None, 3, None, None, None),
        ("Đồng Tháp", "PCI", 2022, None, 5, None, None, None),
    },
}


# leaders in other words
PLACES.update(
    {
        "The PAR Index 2023 saw Hai Phong at the top with 91.5%, "
        "followed by Quang Ninh with 90.8%.": {
            ("Hải Phòng", "PAR_INDEX", 2023, 91.5, 1, None, None, None),
            ("Quảng Ninh", "PAR_INDEX", 2023, 90.8, None, None, None, None),
        },
        "In the DTI 2023, Da Nang led provinces with a score of 0.62.": {
            ("Đà Nẵng", "DTI", 2023, 0.62, 1, None, None, None)
        },
        "Nam Dinh was the highest-ranked province in the SIPAS 2023 with 92.3%.": {
            ("Nam Định", "SIPAS", 2023, 92.3, 1, None, None, None)
        },
        # scores in parentheses, the unit written once
        "In the PCI 2023, Quang Ninh (71.04 points), Hai Phong (70.5) and Long An (69.9) were "
        "ahead of the rest.": {
            ("Quảng Ninh", "PCI", 2023, 71.04, None, None, None, None),
            ("Hải Phòng", "PCI", 2023, 70.5, None, None, None, None),
            ("Long An", "PCI", 2023, 69.9, None, None, None, None),
        },
        "Ha Giang ranked 12 in the PCI 2023.": {
            ("Hà Giang", "PCI", 2023, None, 12, None, None, None)
        },
        "Quang Ninh maintained its leading position in the PCI 2023.": {
            ("Quảng Ninh", "PCI", 2023, None, 1, None, 0, None)
        },
        "Bac Giang secured the number one position in the PAR Index 2023.": {
            ("Bắc Giang", "PAR_INDEX", 2023, None, 1, None, None, None)
        },
        "Hai Phong, the leading province in the PAR Index 2023, scored 92.1%.": {
            ("Hải Phòng", "PAR_INDEX", 2023, 92.1, 1, None, None, None)
        },
        "Lam Dong made a 10-place rise to 18th in the PCI 2023.": {
            ("Lâm Đồng", "PCI", 2023, None, 18, None, 10, None)
        },
        "Tay Ninh was up 10 places compared to 2022, at 22nd in the PCI 2023.": {
            ("Tây Ninh", "PCI", 2023, None, 22, None, 10, None)
        },
        "Third-placed Long An scored 69.9 points in the PCI 2023.": {
            ("Long An", "PCI", 2023, 69.9, 3, None, None, None)
        },
        "Third-ranked Long An scored 69.9 points in the PCI 2023.": {
            ("Long An", "PCI", 2023, 69.9, 3, None, None, None)
        },
        "Quang Ninh was the top performer in the PCI 2023 with 71.04 points.": {
            ("Quảng Ninh", "PCI", 2023, 71.04, 1, None, None, None)
        },
        "Dak Nong fell to the bottom of the PCI 2023 rankings, at 63rd.": {
            ("Đắk Nông", "PCI", 2023, None, 63, None, None, None)
        },
        "Ha Nam climbed to 14th from 17th in the PCI 2023.": {
            ("Hà Nam", "PCI", 2023, None, 14, None, 3, None)
        },
        # the index named again where the place was held is the same fact
        "In 2023, Long An's PGI score was 23.07 points, putting it 12th in the national PGI "
        "rankings, 16 places higher than in 2022.": {
            ("Long An", "PGI", 2023, 23.07, 12, None, 16, None)
        },
    }
)


@pytest.mark.parametrize("text", list(PLACES))
def test_english_phrasing_gives_its_records(text: str) -> None:
    assert facts(text) == PLACES[text]


NOTHING = [
    # a group bound is no place; "last" / "the bottom" without a total gives no number
    "Binh Phuoc was among the top five in the PCI 2023.",
    "Lang Son was placed at the bottom of the PAR Index 2023.",
    "Cao Bang finished last in the PCI 2023 rankings.",
    # a plural runner-up is a group, and so are "leading provinces"
    "The runners-up in the PCI 2023 were announced on Tuesday.",
    "Hai Phong is one of the leading provinces in the PAR Index 2023.",
]


@pytest.mark.parametrize("text", NOTHING)
def test_english_sentence_without_a_readable_place_gives_no_rank(text: str) -> None:
    assert all(f[4] is None for f in facts(text))


# (entity, rank, scope) of places held in a region and in the whole country
SCOPES: dict[str, set[tuple[str, int | None, str | None]]] = {
    "Bac Ninh ranked first in the Red River Delta region in the PCI 2023.": {
        ("Bắc Ninh", 1, "region:Đồng bằng sông Hồng")
    },
    "Among Mekong Delta localities, Dong Thap led the PCI 2023.": {
        ("Đồng Tháp", 1, "region:Đồng bằng sông Cửu Long")
    },
    "Hai Duong came first in the Red River Delta and fifth nationally in the PCI 2023.": {
        ("Hải Dương", 1, "region:Đồng bằng sông Hồng"),
        ("Hải Dương", 5, "national"),
    },
    "Lao Cai ranked first among the northern midland and mountainous provinces in the PCI "
    "2023 and 8th nationwide.": {
        ("Lào Cai", 1, "region:Trung du và miền núi phía Bắc"),
        ("Lào Cai", 8, "national"),
    },
    # a region that describes the province is no scope
    "The Mekong Delta province of Dong Thap ranked third in the PCI 2023.": {
        ("Đồng Tháp", 3, "national")
    },
}


@pytest.mark.parametrize("text", list(SCOPES))
def test_english_place_in_a_region_has_the_region_scope(text: str) -> None:
    out = RulesExtractor().extract(make_doc(text)).extraction.index_results
    assert {(r.entity, r.rank, r.scope) for r in out} == SCOPES[text]


def test_edition_year_after_the_short_name_in_parentheses_dates_the_article() -> None:
    text = (
        "The Provincial Competitiveness Index (PCI) 2023 was announced on Tuesday.\n\n"
        "Hai Phong came second with 70.5 points."
    )
    assert facts(text) == {("Hải Phòng", "PCI", 2023, 70.5, 2, None, None, None)}


def test_continuing_to_lead_is_first_place_held() -> None:
    text = "Quang Ninh continues to lead the PCI 2023 rankings, with 71.04 points."
    assert facts(text) == {("Quảng Ninh", "PCI", 2023, 71.04, 1, None, 0, None)}


def test_risen_counts_as_a_move() -> None:
    text = "Ha Tinh has risen 12 places to 21st in the 2023 Provincial Competitiveness Index."
    assert facts(text) == {("Hà Tĩnh", "PCI", 2023, None, 21, None, 12, None)}


def test_publication_date_is_not_the_measured_year() -> None:
    text = (
        "The Ministry of Home Affairs on April 10, 2024 announced the PAR Index 2023. "
        "Bac Giang topped the list with 91.12%."
    )
    assert facts(text) == {("Bắc Giang", "PAR_INDEX", 2023, 91.12, 1, None, None, None)}


def test_year_of_an_earlier_place_compared_with_is_not_the_sentences() -> None:
    text = (
        "Vinh Long improved its PAR Index ranking in 2023, coming 15th, compared with 25th in 2022."
    )
    got = facts(text)
    assert ("Vĩnh Long", "PAR_INDEX", 2023, None, 15, None, None, None) in got
    assert ("Vĩnh Long", "PAR_INDEX", 2022, None, 25, None, None, None) in got


def components(text: str) -> set[tuple]:
    out = RulesExtractor().extract(make_doc(text)).extraction.index_results
    return {(r.entity, r.index, r.component, r.year, r.score, r.rank) for r in out}


def test_index_named_after_a_component_is_its_owner_not_a_new_fact() -> None:
    text = "Quang Ninh ranked first in the time costs sub-index of the PCI 2023 with 8.1 points."
    assert components(text) == {("Quảng Ninh", "PCI", "time costs", 2023, 8.1, 1)}


def test_leading_a_field_is_first_place_in_that_field_only() -> None:
    text = "Da Nang led the digital government pillar of the DTI 2023 with 0.71 points."
    assert components(text) == {("Đà Nẵng", "DTI", "digital government", 2023, 0.71, 1)}


def test_its_score_in_the_next_sentence_is_the_ranked_units() -> None:
    text = (
        "Hai Phong ranked second in the PAR Index 2023. "
        "Its score was 91.5%, 0.6 percentage points lower than the leader."
    )
    assert facts(text) == {("Hải Phòng", "PAR_INDEX", 2023, 91.5, 2, None, None, None)}


def test_place_in_words_in_a_paragraph_about_one_ranking() -> None:
    text = (
        "The PAR Index 2023 was announced on Tuesday. Among provinces, Bac Giang came first. "
        "Hai Phong was second, having moved up from third place."
    )
    got = facts(text)
    assert ("Bắc Giang", "PAR_INDEX", 2023, None, 1, None, None, None) in got
    assert any(f[:2] == ("Hải Phòng", "PAR_INDEX") and f[4] == 2 for f in got)


def test_place_in_words_without_a_ranking_in_the_paragraph_gives_nothing() -> None:
    assert facts("Among the guests, Bac Giang came first. Hai Phong was second.") == set()


def test_scores_in_parentheses_after_names_take_the_sentences_unit() -> None:
    text = (
        "In the PAR Index 2018, the Ministry of Transport had the lowest score, 75 percent; "
        "the Ministry of Health (78) and the Ministry of Construction (80) were also low."
    )
    got = {(f[0], f[3]) for f in facts(text)}
    assert got == {("Bộ Giao thông vận tải", 75.0), ("Bộ Y tế", 78.0), ("Bộ Xây dựng", 80.0)}


def test_list_numbers_in_parentheses_are_no_scores() -> None:
    text = "In the PCI 2023, Bac Ninh scored 68.9 points: (1) market entry and (2) land access."
    assert {f[3] for f in facts(text)} == {68.9}
