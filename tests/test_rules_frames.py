"""Sentence frames of the rules backend: roles of years and numbers, subjects named after
their place, moves, merges across sentences and plausibility. Sentences written for these
tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def extract(text: str, title: str | None = None):
    out = RulesExtractor().extract(make_doc(text, title=title))
    for rec in out.extraction.index_results:
        ev = rec.evidence
        assert text[ev.start : ev.end] == ev.quote
    return out


def results(text: str, title: str | None = None):
    return extract(text, title).extraction.index_results


def test_score_change_after_comparison_year_is_not_a_score():
    rs = results(
        "Năm 2022, Chỉ số CCHC của tỉnh Phú Yên đạt 84,10 điểm, cao hơn năm 2021 là 1,25 điểm."
    )
    assert [(r.score, r.score_change, r.year) for r in rs] == [(84.10, 1.25, 2022)]


def test_nudged_change_is_not_a_score():
    rs = results("Chỉ số CCHC năm 2023 của tỉnh Bến Tre đạt 85,5 điểm, nhích thêm 0,45 điểm.")
    assert [(r.score, r.score_change) for r in rs] == [(85.5, 0.45)]


def test_comparison_year_does_not_date_the_paragraph():
    rs = results(
        "Chỉ số CCHC năm 2023 của tỉnh Gia Lai đạt 83,2%, thấp hơn năm 2022 là 1,1%. "
        "Tỉnh xếp thứ 40/63."
    )
    assert {r.year for r in rs} == {2023}


def test_gap_to_another_unit_is_neither_score_nor_change():
    rs = results("Năm 2023, Chỉ số CCHC của tỉnh Nam Định đạt 90,2%, chỉ kém tỉnh Hà Nam 0,4%.")
    assert all(r.score != 0.4 and r.score_change != 0.4 for r in rs)


def test_earlier_value_in_parentheses_is_its_own_year():
    rs = results(
        "Chỉ số CCHC năm 2023 của tỉnh Tây Ninh đạt 88,1%, tăng 1,5% so với năm 2022 (86,6%)."
    )
    by_year = {r.year: (r.score, r.score_change) for r in rs}
    assert by_year == {2023: (88.1, 1.5), 2022: (86.6, None)}


def test_region_named_after_its_place_gets_the_rank():
    rs = results(
        "Về Chỉ số CCHC năm 2023 của các vùng, dẫn đầu là vùng Đông Nam Bộ với 88,1%. "
        "Xếp thứ hai là Tây Nguyên, đạt 86,4%."
    )
    got = {(r.entity, r.entity_level, r.rank, r.score) for r in rs}
    assert got == {("Đông Nam Bộ", "region", 1, 88.1), ("Tây Nguyên", "region", 2, 86.4)}


def test_region_after_province_words_is_a_scope():
    rs = results(
        "Năm 2023, Chỉ số CCHC của tỉnh Lai Châu xếp thứ 3/14 tỉnh vùng Trung du và miền núi "
        "phía Bắc."
    )
    assert [(r.entity, r.scope) for r in rs] == [
        ("Lai Châu", "region:Trung du và miền núi phía Bắc")
    ]


def test_leaving_the_top_group_is_not_a_rank_of_its_bound():
    rs = results(
        "Năm 2023, Chỉ số CCHC của tỉnh Long An tụt khỏi nhóm 10 tỉnh dẫn đầu, xuống thứ 17."
    )
    assert [r.rank for r in rs] == [17]


def test_move_between_two_dated_ranks():
    rs = results("Chỉ số PCI của tỉnh Bình Phước đi từ vị trí thứ 30 năm 2021 lên thứ 18 năm 2022.")
    got = {(r.year, r.rank, r.rank_change) for r in rs}
    assert got == {(2022, 18, 12), (2021, 30, None)}


def test_edition_count_is_not_a_rank():
    rs = results("Đây là năm thứ 5 liên tiếp tỉnh Quảng Trị đạt trên 85% Chỉ số SIPAS.")
    assert all(r.rank is None for r in rs)


def test_dateline_is_not_the_subject():
    rs = results(
        "Hà Nội (PV) - Chỉ số CCHC năm 2022 được công bố. Thanh tra Chính phủ xếp thứ 5 với 85,3%."
    )
    assert {r.entity for r in rs} == {"Thanh tra Chính phủ"}


def test_unnamed_subject_is_rejected_with_a_reason():
    out = extract("Chỉ số CCHC năm 2022 đạt 85,3%.")
    assert out.extraction.index_results == []
    assert any("no entity" in r.reason for r in out.rejected)


def test_rank_above_total_is_rejected():
    out = extract("Chỉ số PAPI năm 2022 của tỉnh Hậu Giang đạt 90,5 điểm.")
    assert out.extraction.index_results == []
    assert any("scale" in r.reason for r in out.rejected)


def test_contradictory_move_is_rejected():
    out = extract("Năm 2022, Chỉ số CCHC của tỉnh Cà Mau đi từ thứ 40 lên thứ 30, tức tăng 12 bậc.")
    assert out.extraction.index_results == []
    assert any("contradicts" in r.reason for r in out.rejected)


def test_score_and_rank_in_neighbouring_sentences_are_one_record():
    text = (
        "Năm 2022, Chỉ số CCHC của tỉnh Ninh Bình đạt 86,7%. "
        "Với kết quả này, Chỉ số CCHC của tỉnh Ninh Bình xếp thứ 21/63."
    )
    rs = results(text)
    assert [(r.score, r.rank, r.rank_total) for r in rs] == [(86.7, 21, 63)]
    assert rs[0].evidence.quote == text


def test_held_lead_is_rank_one_and_no_change():
    rs = results("Năm 2022, tỉnh Quảng Ninh tiếp tục dẫn đầu Chỉ số SIPAS với 90,1%.")
    assert [(r.rank, r.rank_change, r.score) for r in rs] == [(1, 0, 90.1)]


def test_signed_change_in_parentheses():
    rs = results("Năm 2023, Chỉ số CCHC giảm nhiều nhất là Bộ Y tế (-3,2%).")
    assert [(r.entity, r.score, r.score_change) for r in rs] == [("Bộ Y tế", None, -3.2)]


def test_ministry_abbreviation_takes_the_canonical_name():
    rs = results("Năm 2023, Bộ KH&ĐT đứng đầu Chỉ số CCHC của khối bộ với 91,2%.")
    assert [(r.entity, r.entity_level, r.rank) for r in rs] == [
        ("Bộ Kế hoạch và Đầu tư", "ministry", 1)
    ]


def test_unquoted_pillars_are_components():
    rs = results(
        "Năm 2023, Chỉ số DTI của tỉnh Hòa Bình xếp thứ 20; chính quyền số đứng thứ 9, "
        "kinh tế số thứ 31."
    )
    got = {(r.component, r.rank) for r in rs}
    assert got == {(None, 20), ("Chính quyền số", 9), ("Kinh tế số", 31)}


def test_english_ranks_moves_and_points():
    rs = results(
        "In PCI 2021, Binh Dinh came fourth with 69.1 points. Kon Tum fell 6 places to 50th."
    )
    got = {(r.entity, r.year, r.rank, r.score, r.rank_change) for r in rs}
    assert got == {("Bình Định", 2021, 4, 69.1, None), ("Kon Tum", 2021, 50, None, -6)}


def test_share_of_respondents_is_not_a_score():
    rs = results(
        "Chỉ số PCI năm 2022 của tỉnh Hưng Yên cho thấy 41,5% doanh nghiệp phải chờ đợi lâu."
    )
    assert all(r.score is None for r in rs)


def test_respectively_pairs_places_with_subjects_in_order():
    rs = results(
        "Năm 2022, về Chỉ số PCI, các vị trí thứ 4, 5 và 6 lần lượt thuộc về Bình Định, "
        "Phú Thọ và Hà Nam."
    )
    assert {(r.entity, r.rank) for r in rs} == {("Bình Định", 4), ("Phú Thọ", 5), ("Hà Nam", 6)}


def test_respectively_after_the_subjects():
    rs = results("Năm 2022, về Chỉ số DTI, Vĩnh Long và Trà Vinh lần lượt xếp thứ 12 và thứ 15.")
    assert {(r.entity, r.rank) for r in rs} == {("Vĩnh Long", 12), ("Trà Vinh", 15)}


def test_respectively_with_a_count_mismatch_guesses_nothing():
    rs = results("Năm 2022, về Chỉ số DTI, Vĩnh Long và Trà Vinh lần lượt xếp thứ 12, 15 và 19.")
    assert ("Trà Vinh", 15) not in {(r.entity, r.rank) for r in rs}


def test_score_move_gives_this_years_score_and_last_years():
    rs = results(
        "Năm 2021, chỉ số “Quản trị môi trường” của tỉnh Yên Bái từ 3,5 điểm xuống 3,2 điểm."
    )
    got = {(r.component, r.year, r.score) for r in rs}
    assert got == {("Quản trị môi trường", 2021, 3.2), ("Quản trị môi trường", 2020, 3.5)}


def test_fronted_place_belongs_to_the_unit_after_the_comma():
    rs = results("Về Chỉ số PCI năm 2022, đứng thứ 5, tỉnh Bình Định tăng 2 bậc.")
    assert [(r.entity, r.rank, r.rank_change) for r in rs] == [("Bình Định", 5, 2)]


def test_unknown_field_after_a_semicolon_is_not_given_the_last_field():
    rs = results(
        "Năm 2022, tỉnh Sóc Trăng có lĩnh vực “Cải cách tài chính công” đạt 8,1 điểm; "
        "nhóm tiến độ tăng 0,4 điểm."
    )
    assert [(r.component, r.score, r.score_change) for r in rs] == [
        ("Cải cách tài chính công", 8.1, None)
    ]


def test_national_average_is_not_an_index_result():
    out = extract("Năm 2022, điểm trung bình cả nước của Chỉ số PCI đạt 63,5 điểm.")
    assert out.extraction.index_results == []


def test_thresholds_are_not_measured_rates():
    ex = extract(
        "Năm 2023, tỉnh Đắk Nông có 12 đơn vị vượt ngưỡng 80% và tỷ lệ hồ sơ trực tuyến đạt 61,2%."
    ).extraction
    assert [m.value for m in ex.metrics if m.unit == "%"] == [61.2]


def test_single_index_article_lends_its_index_to_unnamed_sentences():
    text = (
        "PCI 2022: Binh Dinh keeps its place\n\n"
        "The PCI 2022 report was released on Tuesday.\n\n"
        "Businesses in the province praised its officials.\n\n"
        "Binh Dinh was fourth with 69.5 points."
    )
    rs = results(text, title="PCI 2022: Binh Dinh keeps its place")
    assert [(r.entity, r.index, r.rank, r.score) for r in rs] == [("Bình Định", "PCI", 4, 69.5)]


def test_unknown_subject_in_a_list_does_not_inherit_the_last_one():
    rs = results(
        "In PCI 2022, Kon Tum fell 6 places to 50th and Northland City slid 3 places to 40th."
    )
    assert [(r.entity, r.rank) for r in rs] == [("Kon Tum", 50)]


def test_subject_carried_from_the_previous_sentence():
    rs = results(
        "Chỉ số PCI năm 2022 do VCCI công bố, Bắc Ninh dẫn đầu. Đáng chú ý là tỉnh Hưng Yên. "
        "So với năm 2021, tỉnh đã tăng 6 bậc và đạt 68,2 điểm."
    )
    assert ("Hưng Yên", 6, 68.2) in {(r.entity, r.rank_change, r.score) for r in rs}


def test_english_move_from_an_earlier_place():
    rs = results("In DTI 2023, Phu Yen placed 20th, up from 26th out of 63 in 2022.")
    got = {(r.year, r.rank, r.rank_total, r.rank_change) for r in rs}
    assert got == {(2023, 20, None, 6), (2022, 26, 63, None)}


def test_rank_change_after_a_score_change():
    rs = results("Năm 2022, Chỉ số PCI của tỉnh Gia Lai tăng 1,2 điểm và 4 bậc, xếp thứ 30.")
    assert [(r.score_change, r.rank_change, r.rank) for r in rs] == [(1.2, 4, 30)]


def test_value_of_an_unnamed_component_is_not_the_whole_index():
    out = extract("Năm 2022, ở lĩnh vực thứ ba, tỉnh Kiên Giang đứng thứ 12 về Chỉ số CCHC.")
    assert out.extraction.index_results == []
    assert any("component" in r.reason for r in out.rejected)


def test_held_place_keeps_the_place_itself():
    rs = results("Năm 2022, Chỉ số PCI của tỉnh Lạng Sơn giữ vững vị trí thứ 4/14 tỉnh vùng núi.")
    assert [(r.rank, r.rank_total, r.rank_change) for r in rs] == [(4, 14, 0)]


def test_dti_score_above_one_on_a_unit_scale_document_is_rejected():
    out = extract(
        "Năm 2023, Chỉ số DTI của tỉnh Đắk Lắk đạt 0,5123 điểm. "
        "Chỉ số DTI của tỉnh Đắk Nông đạt 51,2 điểm."
    )
    assert [r.score for r in out.extraction.index_results] == [0.5123]
    assert any("0-1" in r.reason for r in out.rejected)


def test_score_without_unit_after_total():
    rs = results("Năm 2023, Chỉ số PCI của tỉnh Bình Dương có tổng điểm 69,41, xếp thứ 6.")
    assert [(r.score, r.rank) for r in rs] == [(69.41, 6)]


def test_two_respectively_lists_in_one_sentence():
    rs = results(
        "Về Chỉ số PCI năm 2021, Bình Định và Phú Yên lần lượt xếp thứ 2 và 3; các vị trí "
        "thứ 4 và 5 lần lượt thuộc về Kon Tum và Gia Lai."
    )
    assert {(r.entity, r.rank) for r in rs} == {
        ("Bình Định", 2),
        ("Phú Yên", 3),
        ("Kon Tum", 4),
        ("Gia Lai", 5),
    }


def test_highest_score_belongs_to_the_unit_after_thuoc_ve():
    rs = results("Về PCI 2022, mức điểm cao nhất là 70,15, thuộc về Bình Định.")
    assert [(r.entity, r.rank, r.score) for r in rs] == [("Bình Định", 1, 70.15)]


def test_ranking_size_stated_apart_from_the_place():
    rs = results("Về Chỉ số CCHC năm 2022, ở khối 19 sở, ban, ngành, Sở Tư pháp đứng thứ nhất.")
    assert [(r.entity, r.rank, r.rank_total) for r in rs] == [("Sở Tư pháp", 1, 19)]


def test_last_place_in_words_with_a_stated_total():
    rs = results("Về Chỉ số DTI năm 2024, trong 34 địa phương, Cao Bằng đứng cuối bảng.")
    assert [(r.entity, r.rank, r.rank_total) for r in rs] == [("Cao Bằng", 34, 34)]


def test_ministry_level_agencies_by_their_full_names():
    rs = results("Về Chỉ số DTI năm 2023 của nhóm bộ, ngành, thứ hai là Đài Truyền hình Việt Nam.")
    assert [(r.entity, r.entity_level, r.rank) for r in rs] == [
        ("Đài Truyền hình Việt Nam", "ministry", 2)
    ]


def test_a_respective_list_with_its_unit_written_once_pairs_every_value() -> None:
    for text in (
        "Về Chỉ số PAPI 2020, Bến Tre, Vĩnh Long và Trà Vinh lần lượt đạt 45,1, 44,3 và "
        "43,9 điểm.",
        "In the PAPI 2020, Ben Tre, Vinh Long and Tra Vinh scored 45.1, 44.3 and 43.9 points "
        "respectively.",
    ):
        got = RulesExtractor().extract(make_doc(text)).extraction.index_results
        assert sorted((r.entity, r.score) for r in got) == [
            ("Bến Tre", 45.1), ("Trà Vinh", 43.9), ("Vĩnh Long", 44.3),
        ], text  # fmt: skip
