"""Group counts, list names, clause verbs and bare rate heads of the offline extractor's
metrics, on sentences written for these tests."""

from __future__ import annotations

from support.documents import make_doc

from llmx.rules.extractor import RulesExtractor


def metrics(text: str, title: str | None = None):
    out = RulesExtractor().extract(make_doc(text, title=title))
    for m in out.extraction.metrics:
        assert text[m.evidence.start : m.evidence.end] == m.evidence.quote
    return out.extraction.metrics


def one(text: str, value: float):
    hits = [m for m in metrics(text) if m.value == value]
    assert len(hits) == 1, [m.model_dump(exclude={"evidence"}) for m in metrics(text)]
    return hits[0]


def test_a_count_of_provinces_is_the_countrys() -> None:
    m = one("Năm 2022, có 41 tỉnh, thành phố đạt từ 80-90%.", 41)
    assert (m.entity, m.unit, m.year) == ("Việt Nam", "tỉnh, thành phố", 2022)
    assert m.name == "số tỉnh, thành phố đạt từ 80-90%"


def test_the_countrys_localities_are_counted_as_provinces() -> None:
    m = one("Năm 2021, có 12 địa phương cải thiện điểm so với năm trước.", 12)
    assert (m.entity, m.unit) == ("Việt Nam", "tỉnh, thành phố")
    assert m.name.startswith("số tỉnh, thành phố cải thiện điểm")


def test_localities_inside_a_province_stay_the_provinces() -> None:
    text = "Năm 2021, trong các huyện của tỉnh Gia Lai, có 5 địa phương đạt loại tốt."
    m = one(text, 5)
    assert (m.entity, m.unit) == ("Gia Lai", "địa phương")


def test_a_count_of_ministries_is_the_blocs() -> None:
    m = one("Năm 2022, có 9 bộ đạt kết quả cao hơn năm trước.", 9)
    assert (m.entity, m.unit) == ("17 bộ, cơ quan ngang bộ", "bộ")


def test_survey_forms_are_the_countrys_and_a_province_keeps_its_own() -> None:
    national = one("Năm 2023, có hơn 52.300 phiếu khảo sát được thu về.", 52300)
    assert (national.entity, national.unit) == ("Việt Nam", "phiếu khảo sát")
    local = one("Năm 2023, tỉnh Bình Định phát 1.200 phiếu khảo sát.", 1200)
    assert local.entity == "Bình Định"


def test_a_count_that_is_the_base_of_other_figures_is_not_one() -> None:
    text = "Năm 2022, trong 63 tỉnh, thành phố, tỉnh Sơn La đứng thứ 40."
    assert [m for m in metrics(text) if m.value == 63] == []


def test_times_in_respectively_is_not_a_count() -> None:
    text = "Năm 2022, các vị trí 5 và 6 lần lượt thuộc về Nghệ An và Huế."
    assert [m for m in metrics(text) if m.unit == "lần"] == []


def test_a_name_goes_on_across_a_list_of_kinds() -> None:
    m = one("Năm 2023, tỉnh Hòa Bình có 100% xã, phường, thị trấn được phủ sóng 4G.", 100)
    assert m.name == "tỷ lệ xã, phường, thị trấn được phủ sóng 4G"


def test_a_count_takes_its_clauses_verb_and_a_list_shares_it() -> None:
    text = (
        "Năm 2022, toàn tỉnh Cao Bằng đã thực hiện cắt giảm thời hạn giải quyết của 120 TTHC "
        "cấp tỉnh, 15 TTHC cấp huyện."
    )
    first, second = one(text, 120), one(text, 15)
    assert first.name == "số TTHC cấp tỉnh thực hiện cắt giảm thời hạn giải quyết"
    assert second.name == "số TTHC cấp huyện thực hiện cắt giảm thời hạn giải quyết"


def test_a_verb_after_its_subject_leaves_the_subject_out() -> None:
    m = one("Trong năm 2023, thành phố Vinh đã tiếp nhận 9.120 hồ sơ TTHC.", 9120)
    assert m.name == "số hồ sơ TTHC tiếp nhận"


def test_a_bare_rate_head_takes_the_noun_phrase_after_the_value() -> None:
    text = "Năm 2024, tỉnh Bến Tre có tỷ lệ 58,2% dịch vụ công trực tuyến toàn trình."
    assert one(text, 58.2).name == "tỷ lệ dịch vụ công trực tuyến toàn trình"


def test_a_bare_rate_head_takes_an_earlier_head_that_names_it() -> None:
    text = (
        "Năm 2022, dẫn đầu về tỷ lệ hồ sơ trực tuyến là Bộ Tư pháp và Bộ Tài chính, với tỷ lệ "
        "lần lượt là 91,5% và 88,3%."
    )
    assert one(text, 88.3).name == "tỷ lệ hồ sơ trực tuyến"


def test_an_undated_metric_of_an_edition_takes_its_year() -> None:
    title = "Công bố Chỉ số CCHC năm 2022"
    text = f"{title}\n\nTỉnh Quảng Trị có 14 cơ quan xếp loại Tốt."
    m = [x for x in metrics(text, title) if x.value == 14]
    assert len(m) == 1 and m[0].year == 2022


def test_a_share_in_parentheses_after_a_count_is_the_rate_of_what_it_counts() -> None:
    text = "Năm 2024, tại tỉnh Phú Thọ, 18/20 đơn vị (90%) đạt loại xuất sắc."
    count, share = one(text, 18), one(text, 90)
    assert count.name == "số đơn vị đạt loại xuất sắc"  # the aside is not part of the name
    assert (share.name, share.unit, share.entity) == ("tỷ lệ đơn vị loại xuất sắc", "%", "Phú Thọ")


def test_a_count_of_agencies_after_a_department_is_the_provinces() -> None:
    text = (
        "Năm 2022, Sở Tư pháp tỉnh Long An dẫn đầu khối sở. Khối sở có 15/18 cơ quan đạt loại tốt."
    )
    assert one(text, 15).entity == "Long An"


def test_the_total_of_a_fraction_is_the_count_of_what_is_measured() -> None:
    text = "Trong tháng 5/2025, tỉnh Ninh Bình đã số hóa 420/1.250 hồ sơ đầu vào."
    done, total = one(text, 420), one(text, 1250)
    assert total.name == "số hồ sơ đầu vào tháng 5/2025"
    assert done.name == "số hồ sơ đầu vào số hóa tháng 5/2025"
    assert (done.year, total.year) == (2025, 2025)


def test_the_total_of_agencies_is_not_a_metric() -> None:
    text = "Năm 2022, khối sở của tỉnh Hà Tĩnh có 16/19 cơ quan đạt loại tốt."
    assert [m.value for m in metrics(text)] == [16]


def test_a_count_named_before_its_value_keeps_that_name() -> None:
    text = "Trong năm 2024, tại tỉnh Hậu Giang, số hồ sơ đã giải quyết, trả kết quả là 2.460."
    m = one(text, 2460)
    assert (m.name, m.unit, m.entity) == (
        "số hồ sơ đã giải quyết, trả kết quả",
        "hồ sơ",
        "Hậu Giang",
    )


def test_a_department_before_a_value_does_not_read_as_a_count() -> None:
    assert [m for m in metrics("Năm 2024, Sở hồ sơ là 12.") if m.value == 12] == []


def test_a_total_is_read_after_tong_so_but_not_after_an_identifiers_so() -> None:
    total = one("Năm 2024, tỉnh Hà Nam có tổng số 16.800 hồ sơ thủ tục hành chính.", 16800)
    assert total.name == "tổng số hồ sơ thủ tục hành chính"
    text = "Năm 2024, tỉnh Hà Nam ban hành Quyết định số 16 hồ sơ mẫu."
    assert [m for m in metrics(text) if m.value == 16] == []


def test_a_service_level_after_a_rate_is_that_rate_at_the_level() -> None:
    text = (
        "Năm 2019, tỷ lệ cung cấp dịch vụ công trực tuyến của tỉnh Lạng Sơn theo mức độ 3 đạt "
        "61%, mức độ 4 đạt 24%."
    )
    assert one(text, 61).name == "tỷ lệ cung cấp dịch vụ công trực tuyến mức độ 3"
    assert one(text, 24).name == "tỷ lệ cung cấp dịch vụ công trực tuyến mức độ 4"


def test_the_units_a_ranking_is_among_are_not_a_count() -> None:
    text = "Năm 2024, trong 18 đơn vị của khối này, Sở Xây dựng tỉnh Lào Cai đạt điểm cao nhất."
    assert [m for m in metrics(text) if m.value == 18] == []


def test_how_many_groups_a_ranking_is_split_into_is_not_a_count() -> None:
    text = "Năm 2022, các tỉnh, thành phố được chia làm 3 nhóm theo kết quả Chỉ số CCHC."
    assert [m for m in metrics(text) if m.value == 3] == []


def test_a_processing_time_is_named_by_what_takes_that_long() -> None:
    text = (
        "Năm 2023, tại tỉnh Bình Định, thời gian cấp giấy phép kinh doanh được rút ngắn từ "
        "12 ngày xuống còn 4 ngày làm việc."
    )
    now, before = one(text, 4), one(text, 12)
    assert (now.name, now.unit) == ("thời gian cấp giấy phép kinh doanh", "ngày làm việc")
    assert before.name == "thời gian cấp giấy phép kinh doanh trước đây"


def test_a_duration_without_a_time_head_is_not_stored() -> None:
    # "ngày làm việc" would name nothing timed (real reporting: "Chỉ 5 phút sau, cán bộ …")
    assert not [m for m in metrics("Năm 2023, tỉnh Đồng Nai rút ngắn còn 3 ngày làm việc.")
                if m.value == 3]


def test_the_source_of_a_figure_is_not_its_owner() -> None:
    title = "Tỉnh Bình Phước đẩy mạnh dịch vụ công trực tuyến"
    body = "Theo Sở Thông tin và Truyền thông, năm 2023 tỷ lệ hồ sơ nộp trực tuyến đạt 81,4%."
    text = f"{title}\n\n{body}"
    assert one_of(text, title, 81.4).entity == "Bình Phước"


def one_of(text: str, title: str, value: float):
    hits = [m for m in metrics(text, title) if m.value == value]
    assert len(hits) == 1, hits
    return hits[0]


def test_a_count_goes_on_across_a_rise_in_points() -> None:
    text = "Trong 10 chỉ số thành phần, tỉnh Gia Lai có 6 chỉ số tăng điểm."
    assert one(text, 6).name == "số chỉ số tăng điểm"


def test_a_year_opening_the_clause_is_not_part_of_the_verb() -> None:
    text = "Theo Sở Tư pháp, năm 2023 Cổng Dịch vụ công tỉnh ghi nhận 1,2 triệu lượt truy cập."
    m = one(text, 1200000)
    assert m.name == "số lượt truy cập Cổng Dịch vụ công tỉnh ghi nhận"


def test_a_total_of_many_agencies_after_one_of_them_is_the_provinces() -> None:
    text = (
        "Năm 2023, Sở Tư pháp tỉnh Quảng Trị dẫn đầu khối sở. "
        "Năm 2023, các sở, ngành tiếp nhận 40.120 hồ sơ TTHC."
    )
    assert one(text, 40120).entity == "Quảng Trị"


def test_a_goal_takes_the_year_it_is_set_for() -> None:
    text = "Mục tiêu đến năm 2026, tỷ lệ hồ sơ trực tuyến của tỉnh Kon Tum đạt 75%."
    m = one(text, 75)
    assert (m.year, m.is_target) == (2026, True)


def test_counts_of_rules_members_and_teams_are_read() -> None:
    text = "Năm 2023, tỉnh Bình Dương có 1.683 Tổ công nghệ số cộng đồng, gồm 8.915 thành viên."
    assert one(text, 1683).name == "số Tổ công nghệ số cộng đồng"
    rules = one("Năm 2023, Bộ Tài chính đã cắt giảm, đơn giản hóa 41 quy định kinh doanh.", 41)
    assert rules.unit == "quy định kinh doanh"


def test_a_long_agency_name_before_its_verb_names_the_count() -> None:
    text = (
        "Năm 2023, Trung tâm Phục vụ hành chính công thành phố tiếp nhận 18.210 hồ sơ, "
        "nhiều hơn năm trước."
    )
    m = one_of(text, "Thành phố Cần Thơ cải cách hành chính", 18210)
    assert m.name == "số hồ sơ Trung tâm Phục vụ hành chính công thành phố tiếp nhận"


def test_a_bound_a_goal_sets_is_the_goal_and_a_plain_bound_is_not_read() -> None:
    goal = one("Năm 2025, tỉnh Yên Bái phấn đấu tỷ lệ hồ sơ đúng hạn đạt trên 97%.", 97)
    assert goal.is_target and goal.name == "tỷ lệ hồ sơ đúng hạn"
    text = "Năm 2024, tỉnh Yên Bái có tỷ lệ hồ sơ đúng hạn trên 97%."
    assert [m for m in metrics(text) if m.value == 97] == []


def test_a_task_that_reaches_a_share_is_its_rate() -> None:
    text = "Năm 2023, tại tỉnh Quảng Nam, việc số hóa hồ sơ, kết quả giải quyết TTHC mới đạt 41,2%."
    assert one(text, 41.2).name == "tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC"


def test_a_rate_name_stops_where_a_new_subject_starts() -> None:
    text = "Năm 2023, về mức độ hài lòng, TP. Hội An đạt 89,3%."
    assert one(text, 89.3).name == "mức độ hài lòng"


def _metrics(text: str):
    from support.documents import make_doc

    from llmx.rules.extractor import RulesExtractor

    return RulesExtractor().extract(make_doc(text)).extraction.metrics


def test_the_group_a_clause_opens_on_belongs_in_its_counts_names() -> None:
    text = (
        "Năm 2021, Chỉ số CCHC được công bố. Nhóm A, từ 90% trở lên, có 3 tỉnh, thành phố; "
        "nhóm B, từ 80% đến dưới 90%, có 51 tỉnh, thành phố."
    )
    got = {m.value: m.name for m in _metrics(text)}
    # the index the groups are of titles the counts too
    assert got[3] == "số tỉnh, thành phố nhóm A, từ 90% trở lên (Chỉ số CCHC)"
    assert got[51] == "số tỉnh, thành phố nhóm B, từ 80% đến dưới 90% (Chỉ số CCHC)"


def test_provinces_counted_of_a_region_named_after_them_are_the_regions() -> None:
    text = (
        "Năm 2021, kết quả PAPI được công bố. Nhóm điểm “cao” có 5 tỉnh, thành phố thuộc vùng "
        "Tây Nguyên."
    )
    (m,) = [m for m in _metrics(text) if m.value == 5]
    assert m.entity == "Tây Nguyên"


def test_a_count_listed_after_a_colon_is_read_and_a_time_is_not() -> None:
    text = (
        "Kết quả Chỉ số CCHC 2021 chia làm 2 nhóm: 7 tỉnh, thành phố loại A; buổi họp bắt đầu "
        "lúc 10:30 ngày 5/3."
    )
    values = {m.value for m in _metrics(text)}
    assert 7 in values and 30 not in values


def test_survey_forms_after_tren_are_more_than_and_parts_after_a_shared_verb_count() -> None:
    text = (
        "Để xác định Chỉ số CCHC năm 2021, Bộ Nội vụ đã khảo sát trên 71.000 phiếu. Năm 2021, "
        "tỉnh Phú Yên tăng điểm ở 06 trong 8 trục nội dung và chỉ giảm điểm ở 02 trục."
    )
    got = {m.value: (m.entity, m.name) for m in _metrics(text)}
    assert got[71000] == ("Việt Nam", "số phiếu khảo sát")
    assert got[6] == ("Phú Yên", "số trục nội dung tăng điểm (Chỉ số CCHC)")
    assert got[2] == ("Phú Yên", "số trục giảm điểm (Chỉ số CCHC)")
    assert 8 not in got  # the whole of "06 trong 8", not a figure


def test_a_count_of_the_ministries_bloc_is_titled_by_its_kind_of_unit() -> None:
    text = (
        "Năm 2021, Chỉ số CCHC của các bộ, ngành chia thành hai nhóm. Nhóm trên 90% chỉ có 4 "
        "đơn vị là Bộ Tư pháp, Bộ Tài chính, Bộ Công Thương và Ngân hàng Nhà nước Việt Nam."
    )
    m = one(text, 4)
    assert (m.entity, m.name) == (
        "17 bộ, cơ quan ngang bộ",
        "số bộ, cơ quan ngang bộ nhóm trên 90%",
    )


def test_a_group_that_opens_a_list_item_names_the_count_after_gom() -> None:
    text = (
        "Năm 2020, Chỉ số CCHC của các bộ, cơ quan ngang bộ được chia thành hai nhóm:\n"
        "- Nhóm A, có Chỉ số CCHC từ 90% trở lên, gồm 05 đơn vị: Bộ Tư pháp; Bộ Tài chính.\n"
        "- Nhóm B, có Chỉ số CCHC dưới 90%, gồm 12 đơn vị."
    )
    a, b = one(text, 5), one(text, 12)
    assert (a.entity, a.name) == (
        "17 bộ, cơ quan ngang bộ",
        "số bộ, cơ quan ngang bộ nhóm A, có Chỉ số CCHC từ 90% trở lên",
    )
    assert b.name == "số bộ, cơ quan ngang bộ nhóm B, có Chỉ số CCHC dưới 90%"


def test_gom_outside_a_group_still_opens_a_base() -> None:
    text = "Năm 2020, khối huyện gồm 9 đơn vị; 7 đơn vị đạt loại tốt."
    assert [m.value for m in metrics(text) if m.value == 9] == []


def test_a_groups_size_after_gom_is_a_count_of_provinces() -> None:
    text = (
        "Năm 2021, Chỉ số CCHC được công bố. Nhóm A, có kết quả Chỉ số từ 90% trở lên, gồm 04 "
        "tỉnh, thành phố."
    )
    got = {m.value: (m.entity, m.name) for m in _metrics(text)}
    assert got[4][0] == "Việt Nam"
    assert got[4][1].startswith("số tỉnh, thành phố nhóm A")


def test_provinces_after_gom_without_a_group_lead_stay_a_base() -> None:
    text = (
        "Năm 2021, Chỉ số CCHC đánh giá các địa phương, chia thành 3 nhóm gồm 63 tỉnh, thành phố."
    )
    assert 63 not in {m.value for m in _metrics(text)}
