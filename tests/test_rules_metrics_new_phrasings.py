"""Metric phrasings of provinces' reporting (rules/metrics.py, rules/metric_groups.py), on
sentences written for these tests: groups listed by their words before their size, a group's
year after its units' own comma, the survey of a nationwide index in an article about one
province, numbers inside a quoted model's name, and the company a named unit keeps
("cùng 3 tỉnh khác")."""

from __future__ import annotations

from support.documents import make_doc
from support.metric_facts import metrics

from llmx.rules.extractor import RulesExtractor


def test_groups_listed_by_their_words_then_their_size() -> None:
    text = (
        "Theo đó, các địa phương được chia thành 4 nhóm: (1) Nhóm đạt điểm cao nhất, gồm 14 "
        "tỉnh, thành phố; (2) Nhóm đạt điểm trung bình thấp, gồm 17 tỉnh, thành phố."
    )
    got = metrics(text, title="PAPI năm 2018 của tỉnh Yên Bái")
    assert ("Việt Nam", "số tỉnh, thành phố thuộc nhóm PAPI đạt điểm cao nhất", 14.0, 2018) in got
    assert (
        "Việt Nam",
        "số tỉnh, thành phố thuộc nhóm PAPI đạt điểm trung bình thấp",
        17.0,
        2018,
    ) in got


def test_a_listed_group_of_a_round_top_size_is_a_bound() -> None:
    text = "Nhóm có chỉ số cao nhất, gồm 10 tỉnh, thành phố, đều thuộc vùng Đông Nam Bộ."
    assert [m for m in metrics(text, title="PAPI 2018") if m[2] == 10.0] == []


def test_a_groups_year_after_its_units_comma_dates_it() -> None:
    text = (
        "Với 42,7 điểm, Sơn La xếp thứ 30, thuộc nhóm 16 tỉnh, thành phố đạt điểm trung bình "
        "cao của cả nước năm 2017."
    )
    got = metrics(text, title="Chỉ số PAPI năm 2018")
    assert (
        "Việt Nam",
        "số tỉnh, thành phố thuộc nhóm PAPI đạt điểm trung bình cao",
        16.0,
        2017,
    ) in got


def test_a_nationwide_indexs_survey_is_the_countrys() -> None:
    text = (
        "Năm 2023, tỉnh Ninh Bình xếp thứ 7 về Chỉ số Xanh cấp tỉnh. Báo cáo PGI 2023 được "
        "xây dựng từ dữ liệu khảo sát 7.321 doanh nghiệp trong nước."
    )
    got = metrics(text, title="Ninh Bình vào top 10 PGI")
    assert [m[0] for m in got if m[2] == 7321.0] == ["Việt Nam"]


def test_a_provinces_own_survey_stays_the_provinces() -> None:
    text = "Năm 2023, tỉnh Ninh Bình khảo sát 1.230 doanh nghiệp để đánh giá Chỉ số DDCI."
    got = metrics(text, title="Ninh Bình công bố DDCI")
    assert [m[0] for m in got if m[2] == 1230.0] == ["Ninh Bình"]


def test_a_number_inside_a_quoted_models_name_is_no_figure() -> None:
    text = (
        'Năm 2024, các xã của tỉnh Cao Bằng chọn mô hình "45 phút phục vụ nhân dân" hoặc '
        "“Chiều thứ Sáu 15 phút không hẹn”. Thời gian giải quyết hồ sơ giảm còn 3 ngày."
    )
    got = metrics(text, title="Cao Bằng: mô hình mới")
    assert [m[2] for m in got if m[2] in (45.0, 15.0)] == []
    assert [m[2] for m in got if m[2] == 3.0] == [3.0]


def test_the_company_a_named_unit_keeps_is_no_count() -> None:
    text = (
        "Năm 2022, Ninh Thuận cùng 3 địa phương khác là Phú Yên, Kon Tum và Gia Lai đã hoàn "
        "thành kế hoạch; 12 địa phương đã lập tổ công tác."
    )
    got = metrics(text, title="Tổ công tác")
    assert [m[2] for m in got if m[2] == 3.0] == []
    assert [m[2] for m in got if m[2] == 12.0] == [12.0]


def test_the_national_dti_value_is_the_countrys_metric_not_the_ministrys_result() -> None:
    text = (
        "Bộ Thông tin và Truyền thông vừa công bố DTI năm 2022. Theo đó, DTI quốc gia năm 2022 "
        "đạt 0,6512, cao hơn 4% so với năm 2021."
    )
    out = RulesExtractor().extract(make_doc(text, title="DTI 2022"))
    got = [(m.entity, m.name, m.value, m.year) for m in out.extraction.metrics]
    assert ("Việt Nam", "giá trị DTI quốc gia", 0.6512, 2022) in got
    assert ("Việt Nam", "mức tăng giá trị DTI quốc gia so với năm 2021", 4.0, 2022) in got
    assert [r for r in out.extraction.index_results if r.score == 0.6512] == []


def test_the_national_level_fronted_before_the_dti() -> None:
    got = metrics("Ở cấp quốc gia, DTI năm 2021 đạt 0,5893.", title="DTI 2021")
    assert ("Việt Nam", "giá trị DTI quốc gia", 0.5893, 2021) in got


def test_a_provinces_dti_is_no_national_value() -> None:
    got = metrics("DTI cấp tỉnh của Nam Định năm 2021 đạt 0,4721.", title="DTI 2021")
    assert [m for m in got if m[1] == "giá trị DTI quốc gia"] == []


def test_a_nationwide_survey_count_is_titled_by_its_index() -> None:
    text = "Báo cáo PCI 2021 được xây dựng từ khảo sát 9.215 doanh nghiệp trong nước."
    got = metrics(text, title="Kon Tum tăng hạng PCI")
    assert ("Việt Nam", "số doanh nghiệp trong nước được khảo sát PCI", 9215.0, 2021) in got


def test_a_ranked_units_average_rate_is_its_score_not_a_metric() -> None:
    text = (
        "Kết quả Chỉ số CCHC năm 2021 của tỉnh Lai Châu được công bố.\n\n"
        "Ở bảng xếp hạng cấp huyện, vị trí thứ nhất là huyện Tam Đường với tỷ lệ trung bình "
        "81,26%."
    )
    out = RulesExtractor().extract(make_doc(text, title="Chỉ số CCHC 2021 của Lai Châu"))
    assert [m for m in out.extraction.metrics if m.value == 81.26] == []
    assert [(r.entity, r.score, r.rank) for r in out.extraction.index_results] == [
        ("huyện Tam Đường", 81.26, 1)
    ]


def test_an_average_rate_of_dossiers_stays_a_metric() -> None:
    text = "Năm 2021, tỷ lệ trung bình hồ sơ trực tuyến của tỉnh Lai Châu đạt 45,2%."
    got = metrics(text, title="Dịch vụ công Lai Châu")
    assert [m[2] for m in got if m[0] == "Lai Châu"] == [45.2]


def test_a_change_with_the_earlier_level_in_brackets_gives_both() -> None:
    text = (
        "Năm 2021, mức bình quân của cả nước đạt 84,3%, thấp hơn năm 2020 (85,1%) là 0,8%. "
        "Tỉnh Hà Nam đạt 86,4%."
    )
    got = metrics(text, title="Chỉ số SIPAS 2021")
    assert ("Việt Nam", "giá trị trung bình Chỉ số SIPAS cả nước", 85.1, 2020) in got
    assert (
        "Việt Nam",
        "mức giảm giá trị trung bình Chỉ số SIPAS cả nước so với năm 2020",
        0.8,
        2021,
    ) in got
    assert [m for m in got if m[2] == 86.4 and m[0] == "Việt Nam"] == []
