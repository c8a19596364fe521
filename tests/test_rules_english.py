"""English passages through the rules backend (issue 10): English index names, places in
words, subjects named after their place, bounds, changes told as nouns, shared places.
Sentences written for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.core.textnorm import fold, fold_keep_offsets
from llmx.core.vocab import get_vocab
from llmx.rules.extractor import RulesExtractor, _edition_year


def results(text: str, title: str | None = None):
    out = RulesExtractor().extract(make_doc(text, title=title))
    for rec in out.extraction.index_results:
        ev = rec.evidence
        assert text[ev.start : ev.end] == ev.quote
    return out.extraction.index_results


def facts(text: str, title: str | None = None) -> set[tuple]:
    return {
        (r.entity, r.index, r.component, r.year, r.score, r.rank, r.rank_change, r.score_change)
        for r in results(text, title)
    }


# ---- index names ---------------------------------------------------------------------


def test_english_index_names_are_read():
    cases = {
        "In the 2022 Provincial Competitiveness Index, Nghe An came fourth with 68.2 points.": (
            "PCI"
        ),
        "In the 2022 Public Administration Reform Index, Nghe An came fourth with 88.2%.": (
            "PAR_INDEX"
        ),
        "On the 2022 Satisfaction Index of Public Administrative Services, Nghe An came fourth "
        "with 84.2%.": "SIPAS",
        "In the 2022 public service delivery index, Nghe An came fourth with 78.2 points.": (
            "SERVICE_INDEX"
        ),
    }
    for text, code in cases.items():
        rs = results(text)
        assert [(r.entity, r.index, r.rank) for r in rs] == [("Nghệ An", code, 4)], text


def test_service_delivery_without_index_is_not_the_service_index():
    # "public service delivery" alone is a PAPI field, not the service index.
    rs = results("In PAPI 2022, Nghe An scored 7.1 points for public service delivery.")
    assert {r.index for r in rs} == {"PAPI"}


# ---- places in words -------------------------------------------------------------------


def test_place_in_words_without_a_digit_when_the_ranking_is_named():
    text = "The 2023 DTI rankings are out. Hai Duong topped the ranking for the second time."
    assert ("Hải Dương", "DTI", None, 2023, None, 1, None, None) in facts(text)


def test_rank_word_without_a_digit_or_ranking_gives_nothing():
    text = "The 2023 DTI rankings are out.\n\nHai Duong was first to open a data centre."
    assert results(text) == []


def test_ordinal_used_as_an_adjective_is_no_place():
    text = "In PCI 2022, Nam Dinh was the first province to publish 12 reports."
    assert all(r.rank is None for r in results(text))


def test_ordinal_in_parentheses_after_a_space():
    text = "In PCI 2022 the next were Nam Dinh (sixth, 67.1 points) and Ha Nam (seventh, 66.9)."
    got = facts(text)
    assert ("Nam Định", "PCI", None, 2022, 67.1, 6, None, None) in got
    assert ("Hà Nam", "PCI", None, 2022, 66.9, 7, None, None) in got


def test_ordinal_right_before_with_a_score():
    text = (
        "In PCI 2022, Ha Nam was fifth with 70.1 points and southern Tay Ninh sixth with 69.9 "
        "points."
    )
    assert ("Tây Ninh", "PCI", None, 2022, 69.9, 6, None, None) in facts(text)


# ---- subjects named after their place ------------------------------------------------


def test_placed_adjective_names_the_subject_after_it():
    text = (
        "In the 2022 PAR Index, 2 exceeded 90 percent: first-placed Nam Dinh (91.2 percent) "
        "and Ha Nam."
    )
    got = facts(text)
    assert ("Nam Định", "PAR_INDEX", None, 2022, 91.2, 1, None, None) in got
    assert all(f[4] != 90.0 for f in got)  # "exceeded 90 percent" is a bound


def test_place_went_to_names_the_subject_after_it():
    text = (
        "Nam Dinh topped the 2022 PAR Index with 92.1 percent. "
        "Second place went to the Ministry of Finance with 90.5 percent."
    )
    assert facts(text) == {
        ("Nam Định", "PAR_INDEX", None, 2022, 92.1, 1, None, None),
        ("Bộ Tài chính", "PAR_INDEX", None, 2022, 90.5, 2, None, None),
    }


def test_sentence_opening_ordinal_is_a_discourse_marker():
    text = "In the 2022 PAR Index, Nam Dinh scored 90.5 percent. Second, Ha Nam opened 3 centres."
    assert all(r.rank is None for r in results(text))


# ---- bounds, national figures, anaphora ------------------------------------------------


def test_bound_is_not_a_score():
    text = "In the 2022 PAR Index, the Ministry of Finance scored above 90 percent."
    assert results(text) == []


def test_score_after_the_units_name_in_a_sentence_without_the_index():
    text = (
        "The 2022 PAR Index was released. Most provinces scored from 80 to 90 percent, and "
        "Ha Nam was the only one below 80 percent, at 78.4 percent."
    )
    assert facts(text) == {("Hà Nam", "PAR_INDEX", None, 2022, 78.4, None, None, None)}


def test_the_index_refers_back_to_the_last_index_named():
    text = (
        "SIPAS 2022 was also released.\n\nNam Dinh led the 2022 PAR Index.\n\n"
        "It was a good year.\n\n"
        "Among localities, Ha Nam topped the index with 90.4%."
    )
    assert ("Hà Nam", "PAR_INDEX", None, 2022, 90.4, 1, None, None) in facts(text)


def test_the_national_figure_is_not_the_main_units():
    text = "Nam Dinh scored 81.2% in SIPAS 2022. The national SIPAS stood at 80.1% in 2022."
    assert {r.score for r in results(text, title="Nam Dinh in SIPAS 2022")} == {81.2}


# ---- changes ---------------------------------------------------------------------------


def test_relative_change_of_a_points_score_is_not_its_score_change():
    text = "In the 2022 service index, the Ministry of Finance got 70.2 points, down 2.1%."
    assert facts(text) == {("Bộ Tài chính", "SERVICE_INDEX", None, 2022, 70.2, None, None, None)}


def test_change_told_as_a_noun():
    text = (
        "In the 2022 PAR Index, Nam Dinh posted the fastest rise (3.1 percent), while Ha Nam "
        "suffered the steepest drop, 1.2 percent."
    )
    got = facts(text)
    assert ("Nam Định", "PAR_INDEX", None, 2022, None, None, None, 3.1) in got
    assert ("Hà Nam", "PAR_INDEX", None, 2022, None, None, None, -1.2) in got


def test_change_without_a_unit_and_the_earlier_years_score():
    text = (
        "With 41.5 points, 0.4 fewer than its 2021 score of 41.9, Ha Nam ranked 20th in "
        "PAPI 2022."
    )
    got = facts(text)
    assert ("Hà Nam", "PAPI", None, 2022, 41.5, 20, None, -0.4) in got
    assert ("Hà Nam", "PAPI", None, 2021, 41.9, None, None, None) in got


def test_move_start_year_does_not_date_the_next_sentence():
    text = (
        "Ha Nam placed 12th on the DTI, up from 14th out of 63 in the 2021 assessment. "
        "Its pillars were close: 10th for Digital Government."
    )
    got = facts(text, title="DTI 2022 results")
    assert ("Hà Nam", "DTI", "Digital Government", 2022, None, 10, None, None) in got


# ---- a place shared by a list of components -------------------------------------------


def test_place_shared_by_listed_components():
    text = (
        "In DTI 2022, Ha Nam came first in each of the three pillars of Digital Government, "
        "Digital Economy and Digital Society, and Nam Dinh was 7th for both Digital Economy "
        "and Digital Society."
    )
    got = {(e, c, r) for e, _i, c, _y, _s, r, _rc, _sc in facts(text)}
    assert {("Hà Nam", "Digital Government", 1), ("Hà Nam", "Digital Economy", 1),
            ("Hà Nam", "Digital Society", 1), ("Nam Định", "Digital Economy", 7),
            ("Nam Định", "Digital Society", 7)} <= got  # fmt: skip
    assert ("Nam Định", None, 7) not in got


# ---- vocabulary: grounding reads the English words ------------------------------------


def test_vocabulary_reads_english_places_and_moves():
    vocab = get_vocab()
    assert any(s.value == 2 for s in vocab.find("has been runner-up", kinds={"ordinal"}))
    assert vocab.has("first-placed Ha Nam", kinds=("leader",))
    moves = vocab.find("Ha Nam slid 13 places to 27th", kinds={"rank_change"})
    assert [s.entry.sign for s in moves] == [-1]


# ---- values paired with units by "respectively" / "lần lượt" ----------------------------


def test_values_paired_in_order_with_units_respectively():
    text = (
        "The 2022 PAR Index was released. Only two provinces – Nam Dinh and Ha Nam – saw their "
        "index fall, by 0.3 percent and 1.1 percent respectively."
    )
    assert facts(text) == {
        ("Nam Định", "PAR_INDEX", None, 2022, None, None, None, -0.3),
        ("Hà Nam", "PAR_INDEX", None, 2022, None, None, None, -1.1),
    }


def test_values_paired_in_order_with_units_lan_luot():
    text = (
        "Năm 2022, Chỉ số CCHC của Hà Nam, Nam Định và Ninh Bình lần lượt đạt 90,1%, 89,2% "
        "và 88,3%."
    )
    assert {(r.entity, r.score) for r in results(text)} == {
        ("Hà Nam", 90.1), ("Nam Định", 89.2), ("Ninh Bình", 88.3)
    }  # fmt: skip


def test_lists_of_different_lengths_are_not_paired():
    text = "In the 2022 PAR Index, Nam Dinh and Ha Nam scored 90.1%, 89.2% and 88.3% respectively."
    assert ("Nam Định", 90.1) not in {(r.entity, r.score) for r in results(text)}


# ---- phrasings added for unseen English reports (own sentences) -------------------------


def test_more_move_verbs_and_a_single_place_are_rank_changes():
    assert facts("Kon Tum slipped 3 spots to 41st in the PCI 2021.") == {
        ("Kon Tum", "PCI", None, 2021, None, 41, -3, None)
    }
    assert facts("Phu Yen advanced 6 places to 22nd in the PAR Index 2020.") == {
        ("Phú Yên", "PAR_INDEX", None, 2020, None, 22, 6, None)
    }
    assert facts("Hanoi placed 9th in the DTI 2022, 1 place higher than a year before.") == {
        ("Hà Nội", "DTI", None, 2022, None, 9, 1, None)
    }


def test_a_score_named_as_such_needs_no_unit_but_a_components_does_not_count():
    assert facts("In the 2021 PCI, Tra Vinh came in fifth with a score of 69.45.") == {
        ("Trà Vinh", "PCI", None, 2021, 69.45, 5, None, None)
    }
    # "a score of 5.8 for transparency" is the component's, not the index's
    got = facts("In the PAPI 2021, Tra Vinh had a score of 5.8 for transparency.")
    assert not any(f[4] == 5.8 and f[2] is None for f in got)


def test_the_top_unit_and_the_last_of_a_stated_total():
    assert facts("Binh Duong was the top province in the PCI 2019.") == {
        ("Bình Dương", "PCI", None, 2019, None, 1, None, None)
    }
    recs = results("Cao Bang finished last among the 63 provinces in the PAPI 2020.")
    assert [(r.entity, r.rank, r.rank_total) for r in recs] == [("Cao Bằng", 63, 63)]


def test_placing_it_gives_the_place_of_the_sentences_unit():
    recs = results("Tay Ninh's PAR Index 2022 score rose 1.1 points, placing it 25th nationwide.")
    assert [(r.entity, r.rank, r.score_change) for r in recs] == [("Tây Ninh", 25, 1.1)]


def test_a_move_with_both_ends_gives_the_change_and_the_earlier_place():
    got = facts("Son La moved up from 30th in 2021 to 18th in 2022 on the PAPI.")
    assert got == {
        ("Sơn La", "PAPI", None, 2021, None, 30, None, None),
        ("Sơn La", "PAPI", None, 2022, None, 18, 12, None),
    }
    got = facts("In the PCI 2020, Hau Giang fell from sixth to ninth place.")
    assert ("Hậu Giang", "PCI", None, 2020, None, 9, -3, None) in got


def test_places_taken_kept_and_numbered():
    assert facts("Kon Tum took third place in the 2020 PAPI with 41.2 points.") == {
        ("Kon Tum", "PAPI", None, 2020, 41.2, 3, None, None)
    }
    assert facts("Nam Dinh retained its top spot in the PAR Index 2019.") == {
        ("Nam Định", "PAR_INDEX", None, 2019, None, 1, 0, None)
    }
    assert facts("Can Tho came in at No 9 in the 2021 PCI.") == {
        ("Cần Thơ", "PCI", None, 2021, None, 9, None, None)
    }


def test_a_score_that_reached_a_figure_and_a_start_after_a_comma():
    assert facts("Nghe An's PCI score reached 67.4 in 2021, ranking 20th nationwide.") == {
        ("Nghệ An", "PCI", None, 2021, 67.4, 20, None, None)
    }
    got = facts("Ben Tre rose to 4th place in the 2022 PCI, from 9th in 2021.")
    assert got == {
        ("Bến Tre", "PCI", None, 2022, None, 4, 5, None),
        ("Bến Tre", "PCI", None, 2021, None, 9, None, None),
    }
    # with no move verb before it, ", from 9th" is not read as the start of a move
    got = facts("Ben Tre was 4th in the 2022 PCI, from 9th in 2021.")
    assert {f[3] for f in got} == {2022}


def test_the_highest_of_a_named_field_is_first_place():
    text = "Ninh Binh scored 88.1 percent, the highest among 63 provinces in the PAR Index 2020."
    recs = results(text)
    assert [(r.entity, r.score, r.rank, r.rank_total) for r in recs] == [("Ninh Bình", 88.1, 1, 63)]
    # "the highest" alone (of what?) is a value, not a place
    recs = results("Ninh Binh posted the highest growth in the PAR Index 2020, 3.2 points.")
    assert all(r.rank is None for r in recs)


def test_three_decimals_after_a_dot_are_a_score_not_thousands():
    assert facts("Ha Nam came 7th in the PAPI 2020 with 45.372 points.") == {
        ("Hà Nam", "PAPI", None, 2020, 45.372, 7, None, None)
    }


def test_a_region_the_unit_lies_in_is_no_ranked_unit():
    got = results("In the PAPI 2020, Soc Trang, in the Mekong Delta, came 9th with 44.1 points.")
    assert [(r.entity, r.rank, r.score) for r in got] == [("Sóc Trăng", 9, 44.1)]


def test_the_start_of_a_move_may_name_its_place():
    got = facts("Hue was fourth in the SIPAS 2018, having moved up from sixth place in 2017.")
    assert got == {
        ("Thừa Thiên Huế", "SIPAS", None, 2017, None, 6, None, None),
        ("Thừa Thiên Huế", "SIPAS", None, 2018, None, 4, 2, None),
    }


def test_the_publisher_is_not_ranked_and_unitless_english_scores_are_read():
    text = (
        "In the Public Administration Reform (PAR) Index 2019, compiled by the Ministry of Home "
        "Affairs, the Ministry of Justice scored 91.2 out of 100 and ranked first."
    )
    assert facts(text) == {("Bộ Tư pháp", "PAR_INDEX", None, 2019, 91.2, 1, None, None)}
    got = facts("In the PAR Index 2019, the Ministry of Finance was third with 84.42.")
    assert got == {("Bộ Tài chính", "PAR_INDEX", None, 2019, 84.42, 3, None, None)}
    # "with 12.5 million" is a count, not a score
    got = facts("In the PAR Index 2019, Ha Noi was third with 12.5 million residents.")
    assert all(f[4] is None for f in got)


def test_a_ministry_announcing_a_vietnamese_ranking_is_not_ranked():
    text = "Chỉ số DTI năm 2021 do Bộ Thông tin và Truyền thông công bố: Đà Nẵng xếp thứ nhất."
    got = results(text)
    assert [(r.entity, r.rank) for r in got] == [("Đà Nẵng", 1)]


def test_an_edition_named_once_far_down_dates_the_undated_results():
    one = fold_keep_offsets("x " * 400 + "the average index for 2016 rose")
    assert _edition_year(None, one) == 2016
    # two editions named: the year stays unknown rather than guessed
    two = fold_keep_offsets("x " * 400 + "the index for 2016 rose above the index for 2015")
    assert _edition_year(None, two) is None


# -- districts, communes and wards named before their English type word ----------------------


def test_units_named_before_their_english_type_word():
    text = (
        "Kim Thanh District announced its commune-level administrative reform index.\n\n"
        "In the 2024 index, Lai Vu commune led the rankings with 92.15 points, and Kim Dinh "
        "commune rose 6 places to 4th."
    )
    recs = {(fold(r.entity), r.entity_level, r.scope, r.year, r.score, r.rank, r.rank_change)
            for r in results(text)}  # fmt: skip
    # no province named: the one the division lists put Kim Thành district in
    assert ("xa lai vu", "commune", "province:Hải Dương", 2024, 92.15, 1, None) in recs, recs
    assert ("xa kim dinh", "commune", "province:Hải Dương", 2024, None, 4, 6) in recs, recs


def test_an_english_type_word_keeps_a_name_starting_with_an():
    from llmx.rules.entities import find_entities

    names = [e.name for e in find_entities("The An Binh commune fell 10 places.")]
    assert names == ["xã An Bình"]


def test_a_province_named_before_district_is_no_district():
    from llmx.rules.entities import find_entities

    levels = {e.level for e in find_entities("Farmers in the Hai Duong district of Kim Thanh.")}
    assert "district" not in levels


def test_the_year_right_after_a_place_is_its_own():
    # the move's first place is in words ("last place"), so only its year comes before
    got = facts("Long An moved from last place in 2022 to 5th place in 2023 in the PCI.")
    assert ("Long An", "PCI", None, 2023, None, 5, None, None) in got, got
    assert not any(year == 2022 and rank == 5 for _, _, _, year, _, rank, _, _ in got), got


def test_a_place_in_words_closed_by_a_run_of_years_or_again():
    for tail in ("for the fifth straight year.", "again.", "in the country."):
        text = f"The PAR Index 2023 was announced on Monday. Quang Ninh was first {tail}"
        assert ("Quảng Ninh", "PAR_INDEX", None, 2023, None, 1, None, None) in facts(text), tail


def test_a_place_earned_by_a_score_and_a_score_named_an_index():
    got = facts("Dong Thap's PCI 2020 score rose to 70.07 points, earning it second place "
                "nationwide.")  # fmt: skip
    assert ("Đồng Tháp", "PCI", None, 2020, 70.07, 2, None, None) in got, got
    got = facts("The Ministry of Finance took the top spot among ministries in the 2021 DTI, "
                "with an index of 0.7362.")  # fmt: skip
    assert ("Bộ Tài chính", "DTI", None, 2021, 0.7362, 1, None, None) in got, got
    got = facts("Da Nang led the PAR Index for six years running, scoring 89.46 out of 100 in "
                "2017.")  # fmt: skip
    assert ("Đà Nẵng", "PAR_INDEX", None, 2017, 89.46, 1, None, None) in got, got


def test_a_fronted_place_goes_to_the_unit_named_after_was():
    text = ("In the PAPI 2020, Quang Ninh led with 48.811 points. In third place was the "
            "northern province of Thai Nguyen with 46.471 points.")  # fmt: skip
    got = facts(text)
    assert ("Thái Nguyên", "PAPI", None, 2020, 46.471, 3, None, None) in got, got
    assert not any(e == "Quảng Ninh" and rank == 3 for e, _, _, _, _, rank, _, _ in got), got


def test_a_value_named_as_such_is_the_score():
    got = facts("In the 2020 DTI rankings, Da Nang came first in the country, with a value "
                "of 0.4874.")  # fmt: skip
    assert ("Đà Nẵng", "DTI", None, 2020, 0.4874, 1, None, None) in got, got


def test_places_in_fields_of_the_article_s_unit_without_the_index_named():
    text = (
        "HCM City second in DTI 2022\n\n"
        "Ho Chi Minh City ranked second in the DTI 2022 with 0.6185 points. In the pillars, "
        "the city took first place in digital institutions. It was fourth in digital economy."
    )
    got = {(e, c, y, rank) for e, _, c, y, _, rank, _, _ in facts(text) if c}
    assert got == {("TP. Hồ Chí Minh", "digital institutions", 2022, 1),
                   ("TP. Hồ Chí Minh", "digital economy", 2022, 4)}, got  # fmt: skip


def test_a_place_word_with_no_field_and_no_ranking_is_still_nothing():
    text = "The 2023 DTI rankings are out.\n\nHai Duong was first to open a data centre in digital"
    assert results(text + " economy zones.") == []


def test_a_unit_told_only_by_its_place_or_a_gap_is_not_the_article_s():
    text = (
        "Quang Ninh tops PCI 2019\n\n"
        "In 2006, the first year of the ranking, the weakest province scored 36 points on the "
        "PCI. The distance between the top and the bottom is shrinking too: from 41.5 points "
        "in 2006 to 13.4 points in 2019. Quang Ninh scored 73.4 points in the PCI 2019."
    )
    got = {(e, y, score) for e, _, _, y, score, _, _, _ in facts(text)}
    assert got == {("Quảng Ninh", 2019, 73.4)}, got
