"""Components (sub-indices, pillars, fields), scopes and the year a value measures, on
sentences written for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor, measured_years


def results(text: str, title: str | None = None) -> list[dict]:
    out = RulesExtractor().extract(make_doc(text, title=title))
    return [r.model_dump(exclude={"evidence"}) for r in out.extraction.index_results]


def by_component(recs: list[dict], entity: str) -> dict[str | None, dict]:
    return {r["component"]: r for r in recs if r["entity"] == entity}


# ---- one value shared by a list of components -----------------------------------------


def test_value_before_a_list_of_pillars_goes_to_each():
    recs = results(
        "Năm 2024, Bắc Ninh xếp thứ 4 cả nước về Chỉ số chuyển đổi số (DTI), và dẫn đầu ở cả "
        "3 trụ cột chính quyền số (CQS), kinh tế số (KTS) và xã hội số (XHS)."
    )
    comps = by_component(recs, "Bắc Ninh")
    assert comps[None]["rank"] == 4
    for name in ("Chính quyền số", "Kinh tế số", "Xã hội số"):
        assert comps[name]["rank"] == 1, recs
        assert comps[name]["index"] == "DTI"


def test_value_after_a_quoted_list_with_cung():
    recs = results(
        "Về Chỉ số chuyển đổi số năm 2024, “Chính quyền số” và “Xã hội số” của Nghệ An cùng "
        "xếp thứ 9/63, còn “Kinh tế số” đứng thứ 15/63."
    )
    comps = by_component(recs, "Nghệ An")
    assert comps["Chính quyền số"]["rank"] == 9
    assert comps["Xã hội số"]["rank"] == 9
    assert comps["Kinh tế số"]["rank"] == 15
    assert all(r["rank_total"] == 63 for r in comps.values())


def test_english_place_for_both_components():
    recs = results(
        "Binh Phuoc placed 20th on the DTI 2024, and its pillars were 17th for Digital "
        "Government and 22nd for both Digital Economy and Digital Society."
    )
    comps = by_component(recs, "Bình Phước")
    assert comps["Digital Government"]["rank"] == 17
    assert comps["Digital Economy"]["rank"] == 22
    assert comps["Digital Society"]["rank"] == 22


def test_list_without_a_word_of_sharing_is_not_spread():
    # "lần lượt" pairs values in order; nothing says all of them share the first value.
    recs = results(
        "Trong Chỉ số chuyển đổi số năm 2024, Lạng Sơn có kinh tế số và xã hội số lần lượt "
        "ở vị trí 11/63 và 27/63."
    )
    comps = by_component(recs, "Lạng Sơn")
    assert comps["Kinh tế số"]["rank"] == 11
    assert comps["Xã hội số"]["rank"] == 27


def test_abbreviation_after_a_component_is_not_a_second_component():
    recs = results(
        "Chỉ số chuyển đổi số năm 2024 của Hà Giang: trụ cột chính quyền số (CQS) xếp thứ 30/63."
    )
    comps = by_component(recs, "Hà Giang")
    assert list(comps) == ["Chính quyền số"]
    assert comps["Chính quyền số"]["rank"] == 30


# ---- the year a value measures ------------------------------------------------------


def test_start_year_of_a_move_is_not_the_sentence_year():
    f = "tinh da tang hang, tu vi tri thu 9 cua nam 2022 len vi tri thu 4 trong nam 2023."
    assert [y for _, y in measured_years(f)] == [2023]


def test_year_after_a_move_carries_the_later_year():
    recs = results(
        "Về Chỉ số chuyển đổi số, Ninh Bình đã cải thiện thứ hạng, từ vị trí thứ 12 của năm "
        "2022 lên vị trí thứ 7 trong năm 2023. Trong đó, trụ cột kinh tế số xếp thứ 5/63."
    )
    comps = by_component(recs, "Ninh Bình")
    assert comps["Kinh tế số"]["year"] == 2023
    assert {r["year"] for r in recs if r["rank"] == 12} == {2022}


def test_english_start_year_of_a_move_is_not_the_sentence_year():
    f = "thai binh placed 14th on the dti, up from 19th out of 63 in the 2022 assessment."
    assert measured_years(f) == []


# ---- which index a component belongs to ---------------------------------------------


def test_component_after_another_index_takes_its_own_index():
    recs = results(
        "Năm 2023, Chỉ số SIPAS của Phú Thọ đạt 84,15%, xếp thứ 12/63. Cụ thể, lĩnh vực cải "
        "cách tài chính công mất 0,21 điểm và lùi 7 bậc."
    )
    comp = [r for r in recs if r["component"] == "Cải cách tài chính công"]
    assert [(r["index"], r["rank_change"]) for r in comp] == [("PAR_INDEX", -7)]


def test_component_of_the_borrowed_index_keeps_it():
    recs = results(
        "Năm 2023, Chỉ số PCI của Kon Tum đạt 63,2 điểm. Trong đó, chỉ số gia nhập thị trường "
        "tăng 0,45 điểm."
    )
    comp = [r for r in recs if r["component"] == "Gia nhập thị trường"]
    assert [r["index"] for r in comp] == ["PCI"]


def test_par_index_field_name_is_read_whole():
    recs = results(
        "Về Chỉ số CCHC năm 2023 của Cao Bằng, lĩnh vực xây dựng và nâng cao chất lượng đội "
        "ngũ cán bộ, công chức, viên chức xếp thứ 21/63."
    )
    names = {r["component"] for r in recs}
    assert "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức" in names


# ---- components with everyday names need a cue ----------------------------------------


def test_sub_score_list_of_the_service_index():
    recs = results(
        "Theo Bộ chỉ số phục vụ người dân, doanh nghiệp tuần 05/2024, Sóc Trăng có tổng điểm "
        "80,12, gồm: công khai, minh bạch 16,1 điểm; tiến độ giải quyết 18,4 điểm; số hóa hồ "
        "sơ 12,2 điểm."
    )
    comps = by_component(recs, "Sóc Trăng")
    assert comps["Công khai, minh bạch"]["score"] == 16.1
    assert comps["Tiến độ giải quyết"]["score"] == 18.4
    assert comps["Số hóa hồ sơ"]["score"] == 12.2
    assert {r["index"] for r in comps.values()} == {"SERVICE_INDEX"}


def test_everyday_name_without_a_cue_is_not_a_component():
    recs = results(
        "Theo Bộ chỉ số phục vụ người dân, doanh nghiệp năm 2024, Sóc Trăng đạt 80,12 điểm; "
        "mức độ hài lòng của người dân tăng 2,5 điểm."
    )
    assert all(r["component"] != "Mức độ hài lòng" for r in recs)


# ---- the year of a continuously published index -------------------------------------


def test_live_index_as_of_a_day_takes_the_article_year():
    recs = results(
        "Báo X | 14/03/2025\n\nTới ngày 12/3, UBND tỉnh Hậu Giang đang đứng thứ 5/63 trên "
        "bảng đánh giá Bộ chỉ số phục vụ người dân, doanh nghiệp."
    )
    assert [(r["rank"], r["year"]) for r in recs if r["entity"] == "Hậu Giang"] == [(5, 2025)]


def test_live_index_without_a_date_keeps_no_year():
    recs = results(
        "Báo X | 14/03/2025\n\nTrong thời gian qua, theo Bộ chỉ số phục vụ người dân, doanh "
        "nghiệp, Hậu Giang đạt 70,5/100 điểm, đứng thứ 15/63."
    )
    assert [r["year"] for r in recs if r["entity"] == "Hậu Giang"] == [None]


# ---- a compared year implies the measured one ----------------------------------------


def test_undated_result_compared_with_a_year_measures_the_next_stated_one():
    recs = results(
        "Các bộ chỉ số đánh giá năm 2022 cho thấy nhiều chuyển biến của tỉnh Gia Lai.\n\n"
        "Ở Chỉ số PCI, tỉnh có 64,1 điểm, đứng thứ 30 và tiến 4 bậc so với năm 2021. "
        "Chỉ số SIPAS của tỉnh là 82,5%, xếp hạng 40/63."
    )
    years = {r["index"]: r["year"] for r in recs if r["entity"] == "Gia Lai"}
    assert years == {"PCI": 2022, "SIPAS": 2022}


def test_compared_year_alone_does_not_date_a_result():
    # No sentence states the year after the one compared with: the year stays unknown.
    recs = results("Ở Chỉ số PCI, Gia Lai có 64,1 điểm, đứng thứ 30 và tiến 4 bậc so với năm 2021.")
    assert [r["year"] for r in recs if r["entity"] == "Gia Lai"] == [None]


def test_move_start_without_year_takes_the_compared_year():
    recs = results(
        "Về Chỉ số PCI năm 2022, Phú Yên tăng 20 bậc so với năm 2021, từ vị trí thứ 50 lên vị "
        "trí thứ 30."
    )
    got = {(r["year"], r["rank"]) for r in recs if r["entity"] == "Phú Yên"}
    assert got == {(2022, 30), (2021, 50)}


def test_a_year_before_tinh_is_not_a_count_of_provinces():
    recs = results(
        "Sơn La cải thiện nhiều chỉ số năm 2023.\n\nĐối với SIPAS, kết quả năm 2023 của tỉnh là "
        "84,2%, cao hơn những năm trước: năm 2022 tỉnh đạt 82,9%."
    )
    assert {(r["year"], r["score"]) for r in recs if r["entity"] == "Sơn La"} >= {(2022, 82.9)}


# ---- scope: a ranking of a province's own units ----------------------------------------


def test_unnamed_province_in_a_ranking_of_its_districts_gets_no_result():
    recs = results(
        "Quảng Trị công bố Chỉ số CCHC năm 2023 của các cơ quan, địa phương.\n\nCụ thể, với "
        "90,12%, huyện Krông Xyz đứng thứ nhất về Chỉ số cải cách hành chính năm 2023 trong "
        "khối UBND các huyện, thị xã, thành phố."
    )
    assert not [r for r in recs if r["entity"] == "Quảng Trị" and r["score"] == 90.12]


def test_province_result_beside_unrelated_mention_of_districts_is_kept():
    recs = results(
        "Năm 2023, Chỉ số cải cách hành chính của Quảng Trị tăng 4 bậc so với năm 2022, tỉnh "
        "tiếp tục nâng cao hiệu quả một cửa cấp tỉnh, cấp huyện."
    )
    assert [r["rank_change"] for r in recs if r["entity"] == "Quảng Trị"] == [4]


def test_satisfaction_with_administrative_service_names_sipas():
    recs = results(
        "Xét riêng kết quả đo lường sự hài lòng đối với sự phục vụ hành chính năm 2024 của các "
        "sở, ban, ngành tỉnh Nam Định, Sở Tư pháp đứng thứ nhất."
    )
    assert {(r["entity"], r["index"]) for r in recs} == {("Sở Tư pháp", "SIPAS")}


# ---- an index's name inside a component's name ------------------------------------------


def test_index_name_inside_a_component_name_is_part_of_it():
    # "sự hài lòng của người dân" names SIPAS on its own; inside the PAR Index component
    # "tác động của cải cách hành chính đến sự hài lòng của người dân…" it does not.
    recs = results(
        "Năm 2021, Chỉ số CCHC của Phú Yên xếp thứ 22/63. Các chỉ số thành phần của tỉnh: "
        "cải cách tổ chức bộ máy hành chính xếp thứ 5; tác động của cải cách hành chính đến "
        "sự hài lòng của người dân, tổ chức xếp thứ 9."
    )
    comps = by_component(recs, "Phú Yên")
    assert {r["index"] for r in comps.values()} == {"PAR_INDEX"}, recs
    impact = [c for c in comps if c and c.startswith("Tác động")]
    assert len(impact) == 1 and comps[impact[0]]["rank"] == 9


def test_an_index_name_standing_alone_is_still_the_index():
    recs = results("Năm 2021, chỉ số hài lòng của người dân, tổ chức ở Phú Yên đạt 82,5%.")
    assert [(r["entity"], r["index"], r["score"]) for r in recs] == [("Phú Yên", "SIPAS", 82.5)]


# ---- one value two units share ------------------------------------------------------------


def test_a_value_two_units_are_said_to_share_goes_to_both():
    for text in (
        "Chỉ số CCHC năm 2023: Hà Giang và Cao Bằng có giá trị bằng nhau, cùng đạt 85,42%.",
        # the index named in the sentence before
        "Kết quả Chỉ số CCHC năm 2023 của các tỉnh. Hà Giang và Cao Bằng cùng đạt 85,42%.",
    ):
        got = {(r["entity"], r["index"], r["year"], r["score"]) for r in results(text)}
        assert got == {("Hà Giang", "PAR_INDEX", 2023, 85.42),
                       ("Cao Bằng", "PAR_INDEX", 2023, 85.42)}, text  # fmt: skip


def test_two_regions_sharing_an_average_each_hold_it():
    text = (
        "Chỉ số CCHC năm 2023 của các vùng. Hai vùng còn lại là Tây Nguyên và Đồng bằng sông "
        "Cửu Long có giá trị trung bình bằng nhau, cùng đạt 85,42%."
    )
    got = {(r["entity"], r["score"]) for r in results(text)}
    assert got == {("Tây Nguyên", 85.42), ("Đồng bằng sông Cửu Long", 85.42)}


def test_one_move_a_listed_pair_is_said_to_share_goes_to_each_of_its_places():
    for text, want in (
        ("Chỉ số CCHC năm 2022: Hà Giang và Cao Bằng cùng tăng 3 bậc, lần lượt xếp thứ 10 và "
         "12.", {("Hà Giang", 10, 3), ("Cao Bằng", 12, 3)}),
        ("Chỉ số CCHC năm 2022: Hà Giang và Cao Bằng vẫn giữ nguyên thứ hạng, lần lượt thứ 1 "
         "và thứ 2.", {("Hà Giang", 1, 0), ("Cao Bằng", 2, 0)}),
    ):  # fmt: skip
        got = {(r["entity"], r["rank"], r["rank_change"]) for r in results(text)}
        assert got == want, text


def test_a_change_without_unit_after_a_value_on_the_unit_scale_is_a_score_change():
    for text, change in (
        ("Năm 2022, DTI của Bến Tre đạt 0,4521, giảm 0,021 so với năm 2021.", -0.021),
        ("In the DTI 2022, Ben Tre scored 0.4521, up 0.03 from 2021.", 0.03),
    ):
        got = [(r["score"], r["score_change"]) for r in results(text)]
        assert got == [(0.4521, change)], text
    # a whole-number change after a percent score is no unitless DTI change
    got = results("Năm 2022, Chỉ số CCHC của Bến Tre đạt 85,1%, tăng 2 bậc so với năm 2021.")
    assert [(r["score_change"], r["rank_change"]) for r in got] == [(None, 2)]


def test_a_score_compared_with_the_median_keeps_the_place_after_it():
    got = results("PGI năm 2022 của Gia Lai đạt 13,52 điểm, thấp hơn điểm trung vị 1,18 điểm, "
                  "đứng thứ 52/63 tỉnh, thành phố cả nước.")  # fmt: skip
    assert [(r["score"], r["rank"], r["rank_total"]) for r in got] == [(13.52, 52, 63)]
    # the median place itself is nobody's
    assert results("PGI năm 2022: vị trí trung vị (thứ 31) có 14,7 điểm.") == []


def test_a_unit_a_score_is_compared_with_does_not_take_the_place_after_it():
    for other in ("trung bình cả nước", "Kon Tum"):
        got = results(f"Chỉ số CCHC năm 2022 của Gia Lai đạt 83,5%, thấp hơn {other} 1,2%, "
                      "đứng thứ 52/63.")  # fmt: skip
        assert [(r["entity"], r["score"], r["rank"]) for r in got] == [("Gia Lai", 83.5, 52)]


def test_the_units_a_ranking_ranks_are_no_place():
    got = results("Từ năm 2005 đến nay, Chỉ số PCI đánh giá và xếp hạng 63 tỉnh, thành phố. "
                  "Năm 2023, Hải Phòng xếp thứ 2.")  # fmt: skip
    assert [(r["entity"], r["rank"]) for r in got] == [("Hải Phòng", 2)]
    # a place with its total before the units stays one
    got = results("Năm 2023, Hải Phòng xếp hạng 2/63 tỉnh, thành phố về PCI.")
    assert [(r["rank"], r["rank_total"]) for r in got] == [(2, 63)]
