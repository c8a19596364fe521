"""Index-result phrasings met in newer reporting (invented sentences, not from any corpus):
an earlier place in brackets after the current one, an ordinal word after a name told by its
total. Expected records follow eval/CONVENTIONS.md."""

from __future__ import annotations

from support.documents import make_doc
from support.index_facts import facts

from llmx.rules.extractor import RulesExtractor


def test_bracketed_earlier_place_is_its_own_year_and_the_move() -> None:
    text = (
        "In the PCI 2021 rankings, Ninh Thuan scored 66.2 points. "
        "That result puts Ninh Thuan seventh out of 63 provinces (it was 29/63 in 2020). "
        "Its sub-index scores were: time costs 7.10 points; informal charges 6.35 points."
    )
    assert facts(text) == {
        ("Ninh Thuận", "PCI", None, 2021, 66.2, 7, 63, 22),
        ("Ninh Thuận", "PCI", None, 2020, None, 29, 63, None),
        # the bracketed year dates only the earlier place, not the sentences after it
        ("Ninh Thuận", "PCI", "time costs", 2021, 7.1, None, None, None),
        ("Ninh Thuận", "PCI", "informal charges", 2021, 6.35, None, None, None),
    }


def test_bracketed_year_without_a_place_is_not_an_earlier_place() -> None:
    text = (
        "Ninh Thuan ranked seventh out of 63 provinces in the PCI 2021 (the survey began in 2020)."
    )
    got = facts(text)
    assert all(f[3] != 2020 for f in got)
    assert any(f[5] == 7 and f[6] == 63 and f[7] is None for f in got)


def test_ordinal_word_after_a_name_needs_its_total() -> None:
    assert not any(
        f[5] == 7 for f in facts("In the PCI 2021, officials in Ninh Thuan seventh ward met.")
    )


def test_place_then_in_brackets_after_a_compared_year_is_that_years() -> None:
    text = (
        "Chỉ số SIPAS năm 2022, Phú Yên xếp thứ 9. "
        "Phú Yên tăng 30 bậc so với năm 2021 (khi tỉnh xếp thứ 39)."
    )
    assert facts(text) == {
        ("Phú Yên", "SIPAS", None, 2022, None, 9, None, 30),
        ("Phú Yên", "SIPAS", None, 2021, None, 39, None, None),
    }


def test_leader_named_after_this_years_ranking_is_the_subject() -> None:
    text = (
        "Chỉ số PAPI năm 2022 của Phú Yên đạt 42,1 điểm. "
        "Đứng đầu bảng xếp hạng năm nay là tỉnh Bình Định với 46,5 điểm."
    )
    got = facts(text)
    assert ("Bình Định", "PAPI", None, 2022, 46.5, 1, None, None) in got
    assert not any(f[0] == "Phú Yên" and f[5] == 1 for f in got)


def test_today_is_no_subject_after_a_place() -> None:
    # "nay là" without "năm" opens no subject: the leader stays the sentence's own unit
    text = "Chỉ số PAPI năm 2022, Phú Yên đứng đầu, đến nay là lần thứ hai."
    assert ("Phú Yên", "PAPI", None, 2022, None, 1, None, None) in facts(text)


def test_counted_group_with_a_two_part_name_leads_as_a_group() -> None:
    text = "Chỉ số DTI năm 2022: ba bộ, ngành dẫn đầu là Bộ Tư pháp, Bộ Y tế và Bộ Xây dựng."
    assert all(f[5] != 1 for f in facts(text))


def test_single_ministry_after_a_comma_still_leads() -> None:
    text = "Chỉ số DTI năm 2022, trong khối bộ, ngành, Bộ Tư pháp dẫn đầu."
    assert ("Bộ Tư pháp", "DTI", None, 2022, None, 1, None, None) in facts(text)


def test_countrys_figure_in_a_national_frame_is_not_the_main_units() -> None:
    lead = "Chỉ số PAPI năm 2022 của tỉnh Phú Yên được công bố. "
    for text in (
        "Xét trên phạm vi toàn quốc, điểm PAPI năm 2022 thấp hơn năm trước: năm 2021 đạt "
        "44,1 điểm; năm 2022 còn 43,9 điểm.",
        "Theo đó, DTI quốc gia năm 2022 đạt 0,6512, cao hơn 4% so với năm 2021.",
    ):
        assert not any(f[0] == "Phú Yên" and f[4] is not None for f in facts(lead + text))


def test_unit_named_in_a_national_frame_keeps_its_result() -> None:
    text = "Xét trên phạm vi toàn quốc, Phú Yên xếp thứ 9 về Chỉ số PAPI năm 2022."
    assert ("Phú Yên", "PAPI", None, 2022, None, 9, None, None) in facts(text)


def test_move_over_years_with_each_ends_score() -> None:
    text = (
        "In the PCI rankings, Cao Bang sank from 40th place with 63.20 points in 2018 "
        "to 58th place with 60.05 points in 2021."
    )
    assert facts(text) == {
        ("Cao Bằng", "PCI", None, 2018, 63.2, 40, None, None),
        # four editions apart: no change on the edition before
        ("Cao Bằng", "PCI", None, 2021, 60.05, 58, None, None),
    }


def test_move_between_consecutive_years_keeps_its_change() -> None:
    text = "In the PCI rankings, Cao Bang rose from 40th in 2020 to 31st in 2021."
    assert ("Cao Bằng", "PCI", None, 2021, None, 31, None, 9) in facts(text)


def test_province_named_with_the_english_word_province() -> None:
    text = "Cao Bang Province fared worse: its PCI ranking for 2021 fell 6 places."
    assert ("Cao Bằng", "PCI", None, 2021, None, None, None, -6) in facts(text)
    # a title-case word that is not "Province" or "City" still ends no name
    airport = facts("Cao Bang Airport ranked 6th in the PCI 2021.")
    assert not any(f[0] == "Cao Bằng" for f in airport)


def test_english_place_after_come_and_sits() -> None:
    got = facts("For the first time, Soc Trang has come first in the PAPI 2022 rankings.")
    assert ("Sóc Trăng", "PAPI", None, 2022, None, 1, None, None) in got
    got = facts("In the PAPI 2022, Soc Trang sits 12th on the list with 44.10 points.")
    assert ("Sóc Trăng", "PAPI", None, 2022, 44.1, 12, None, None) in got


def test_come_before_first_time_is_no_place() -> None:
    got = facts("In the PAPI 2022, Soc Trang officials come first time to the meeting.")
    assert all(f[5] is None for f in got)


def test_a_lead_of_the_past_is_no_first_place() -> None:
    for text in (
        "In the PAPI 2022, Ben Tre, a province that has long led the rankings, came third.",
        "Chỉ số PAPI năm 2022, Bến Tre, tỉnh từng dẫn đầu nhiều năm, xếp thứ 3.",
    ):
        got = facts(text)
        assert ("Bến Tre", "PAPI", None, 2022, None, 3, None, None) in got
        assert all(f[5] != 1 for f in got)


def test_a_lead_in_each_field_is_still_first_place() -> None:
    got = facts("Chỉ số PAPI năm 2022, Bến Tre dẫn đầu trong từng lĩnh vực.")
    assert ("Bến Tre", "PAPI", None, 2022, None, 1, None, None) in got


def test_provincial_branch_of_a_central_agency_is_the_ranked_unit() -> None:
    from llmx.rules.entities import find_entities

    got = find_entities("Cục Thống kê tỉnh Bạc Liêu đứng đầu khối sở, ngành.")
    assert [(e.name, e.level, e.province) for e in got] == [
        ("Cục Thống kê tỉnh Bạc Liêu", "department", "Bạc Liêu")
    ]
    # the bare province, and an agency word not followed by a province, stay as they were
    assert [e.level for e in find_entities("Bạc Liêu đứng thứ 12.")] == ["province"]
    assert find_entities("Cục Thống kê công bố số liệu.") == []


def test_a_band_of_scores_is_no_ranking_size() -> None:
    text = (
        "In PAPI 2022, Soc Trang came 14th with 44.10 points, while Ca Mau is among "
        "the 16 localities in the high-medium band."
    )
    assert ("Sóc Trăng", "PAPI", None, 2022, 44.1, 14, None, None) in facts(text)
    sized = "In PAPI 2022, Soc Trang came 14th among the 63 provinces with 44.10 points."
    assert ("Sóc Trăng", "PAPI", None, 2022, 44.1, 14, 63, None) in facts(sized)


def test_top_score_of_a_framed_bloc_is_first_place() -> None:
    lead = "Chỉ số CCHC năm 2019 của tỉnh Bạc Liêu được công bố.\n\n"
    for text in (
        "Trong khối sở, ngành, Sở Y tế đạt số điểm cao nhất với 95 điểm.",
        "Ở khối sở, ngành, Sở Y tế giành số điểm cao nhất là 95 điểm.",
    ):
        got = facts(lead + text)
        assert ("Sở Y tế", "PAR_INDEX", None, 2019, 95.0, 1, None, None) in got, got


def test_highest_score_without_a_bloc_or_total_gives_no_place() -> None:
    lead = "Chỉ số CCHC năm 2019 của tỉnh Bạc Liêu được công bố.\n\n"
    got = facts(lead + "Sở Y tế đạt số điểm cao nhất từ trước đến nay với 95 điểm.")
    assert all(f[5] is None for f in got)
    # nor is the bottom of a framed bloc of unknown size a place
    got = facts(lead + "Trong khối sở, ngành, Sở Y tế đạt số điểm thấp nhất với 71 điểm.")
    assert all(f[5] is None for f in got)


def test_live_index_read_at_a_month_takes_that_months_year() -> None:
    text = (
        "Về chỉ số phục vụ người dân, doanh nghiệp tính đến cuối tháng 5-2024, "
        "Bạc Liêu đạt 80,12 điểm và đứng thứ 9/63 tỉnh, thành phố."
    )
    assert ("Bạc Liêu", "SERVICE_INDEX", None, 2024, 80.12, 9, 63, None) in facts(text)


def test_a_month_named_dates_no_yearly_index() -> None:
    text = (
        "Chỉ số PCI năm 2023 được công bố tháng 5-2024: Bạc Liêu đạt 64,10 điểm, "
        "đứng thứ 30/63 tỉnh, thành phố."
    )
    assert ("Bạc Liêu", "PCI", None, 2023, 64.1, 30, 63, None) in facts(text)


def test_minimum_inside_a_fields_name_is_no_target() -> None:
    text = (
        "Chỉ số PGI năm 2023 của Bạc Liêu: chỉ số Đảm bảo tuân thủ các tiêu chuẩn môi trường "
        "tối thiểu tăng 1,20 điểm."
    )
    out = RulesExtractor().extract(make_doc(text)).extraction.index_results
    assert out and not any(r.is_target for r in out)


def test_a_floor_set_is_still_a_target() -> None:
    text = "Chỉ số CCHC năm 2025, Bạc Liêu phải đạt tối thiểu 90 điểm."
    out = RulesExtractor().extract(make_doc(text)).extraction.index_results
    assert all(r.is_target for r in out)
