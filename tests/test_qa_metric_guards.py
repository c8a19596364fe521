"""A metric record answers a question only when it measures what the question fixes:
change or level, the year compared with, direction, grade, count or rate, the units
counted, the channel of dossiers (llmx.qa.metric_guards). Questions and names invented."""

from __future__ import annotations

import pytest

from llmx.qa.metric_guards import contradicts


@pytest.mark.parametrize(
    ("question", "name", "unit"),
    [
        # a change asked, a level named, and the other way round
        ("Mức tăng Chỉ số SIPAS của Hà Nam so với năm 2022 là bao nhiêu?",
         "giá trị Chỉ số SIPAS", "%"),
        ("Tỷ lệ hồ sơ trực tuyến của Hà Nam năm 2023 là bao nhiêu?",
         "mức tăng tỷ lệ hồ sơ trực tuyến so với năm 2022", "%"),
        ("By how much did Ha Nam's online dossier rate rise in 2023?",
         "share of dossiers filed online", "%"),
        # the year compared with
        ("Mức tăng DTI của Hà Nam so với năm 2020 là bao nhiêu?",
         "mức tăng DTI so với năm 2022", "%"),
        # the direction
        ("Số đơn vị cấp xã giảm điểm là bao nhiêu?", "số đơn vị cấp xã tăng điểm", "đơn vị"),
        # the grade
        ("Số cơ quan xếp loại Khá năm 2021 là bao nhiêu?", "số cơ quan xếp loại Tốt", "cơ quan"),
        # a count asked, a rate named
        ("Số huyện có tỷ lệ hồ sơ chậm hạn dưới 3% là bao nhiêu?", "tỷ lệ chậm hạn", "%"),
        ("What was the number of civil servants surveyed in 2017?",
         "share of civil servants satisfied", "%"),
        # "bao nhiêu" before what is counted, "how many" later in the question
        ("Năm 2022, cấp huyện của tỉnh Hà Nam tiếp nhận bao nhiêu hồ sơ?",
         "share of records received online at the district level", "%"),
        ("In 2022, how many dossiers did Ha Nam receive at the commune level?",
         "rate of dossiers settled on time at the commune level", "%"),
        # firms counted, districts named
        ("Khảo sát năm 2019 dựa trên bao nhiêu doanh nghiệp, hộ kinh doanh?",
         "số huyện, thành phố được khảo sát", "đơn vị"),
        # the units counted
        ("Số huyện, thị xã xếp loại tốt năm 2022 là bao nhiêu?", "số sở đạt loại tốt", "sở"),
        ("Số sở, ban, ngành xếp loại khá năm 2023 là bao nhiêu?",
         "số UBND huyện, thị xã, thành phố xếp loại khá", "đơn vị"),
        ("Số sở, ban, ngành xếp loại tốt năm 2021 là bao nhiêu?", "số địa phương đạt loại tốt",
         "địa phương"),
        # a band's count, another band's
        ("Số bộ có Chỉ số CCHC dưới 80% năm 2022 là bao nhiêu?",
         "số bộ có Chỉ số CCHC cao hơn năm 2021", "bộ"),
        # a bare count for a question saying much more
        ("Số cơ quan, đơn vị, địa phương được đánh giá Chỉ số CCHC của Khánh Hòa năm 2021 là "
         "bao nhiêu?", "số đơn vị", "đơn vị"),
        # dossiers in time against late ones
        ("Tỷ lệ hồ sơ trả trước hạn và đúng hạn tháng 8/2021 là bao nhiêu?", "tỷ lệ chậm hạn",
         "%"),
        # all dossiers asked, a channel's named
        ("Số hồ sơ tiếp nhận 9 tháng năm 2022 là bao nhiêu?",
         "số hồ sơ tiếp nhận trực tuyến 9 tháng năm 2022", "hồ sơ"),
        # an average asked, a count that speaks of the average named
        ("Giá trị trung bình Chỉ số CCHC của các tỉnh năm 2023 là bao nhiêu?",
         "số tỉnh, thành phố đạt kết quả cao hơn mức trung bình cả nước", "tỉnh, thành phố"),
        # a subset of dossiers or services asked, the whole named
        ("Số hồ sơ giải quyết quá hạn quý I/2020 là bao nhiêu?",
         "số hồ sơ giải quyết quý I năm 2020", "hồ sơ"),
        ("Số hồ sơ đang giải quyết cấp tỉnh quý I/2020 là bao nhiêu?",
         "số hồ sơ giải quyết cấp tỉnh quý I năm 2020", "hồ sơ"),
        ("Số dịch vụ công trực tuyến một phần của Hải Dương là bao nhiêu?",
         "số dịch vụ công trực tuyến", "dịch vụ"),
        # a count asked, a score named; another index; another level of government
        ("Số cơ quan cấp sở đạt mức khá DDCI là bao nhiêu?", "điểm trung bình cấp Sở, ban, ngành",
         "điểm"),
        ("Số huyện xếp loại khá về chuyển đổi số năm 2023 là bao nhiêu?",
         "số huyện có Chỉ số CCHC năm 2023 xếp loại khá", "huyện"),
        ("Số hồ sơ đang giải quyết cấp tỉnh là bao nhiêu?", "số hồ sơ cấp huyện đang giải quyết",
         "hồ sơ"),
        # the country's rate asked, a bloc's named
        ("Tỷ lệ hồ sơ trực tuyến toàn trình cả nước tháng 6/2025 là bao nhiêu?",
         "tỷ lệ hồ sơ trực tuyến toàn trình của khối bộ, ngành tháng 6/2025", "%"),
    ],
)  # fmt: skip
def test_a_record_measuring_something_else_does_not_answer(question, name, unit):
    assert contradicts(question, name, unit) is not None


@pytest.mark.parametrize(
    ("question", "name", "unit"),
    [
        ("Tỷ lệ hồ sơ trực tuyến của Hà Nam năm 2023 là bao nhiêu?", "tỷ lệ hồ sơ trực tuyến", "%"),
        ("GRDP của Long An năm 2023 tăng trưởng bao nhiêu?", "tốc độ tăng trưởng GRDP", "%"),
        ("How much did Bac Giang's GRDP grow in 2023?", "GRDP growth", "%"),
        ("By how much did HCM City cut fees in 2021?", "reduction in fees", "%"),
        ("Mức tăng DTI so với năm 2020 là bao nhiêu?", "mức tăng DTI so với năm 2020", "%"),
        ("Số sở xếp loại tốt năm 2022 là bao nhiêu?", "số sở, ban, ngành đạt loại tốt", "sở"),
        ("Số hồ sơ tiếp nhận trực tuyến là bao nhiêu?", "số hồ sơ trực tuyến", "hồ sơ"),
        ("Số huyện xếp loại tốt năm 2022?", "số địa phương xếp loại tốt", "địa phương"),
        ("Tỷ lệ hồ sơ giải quyết đúng hạn là bao nhiêu?", "tỷ lệ hồ sơ đúng hạn", "%"),
        # a rate asked with "bao nhiêu" before other words is no count
        ("Huyện Kim Bảng có tỷ lệ hồ sơ quá hạn bao nhiêu trong tháng 5/2022?",
         "tỷ lệ hồ sơ quá hạn", "%"),
        ("Năm 2022, cấp huyện của tỉnh Hà Nam tiếp nhận bao nhiêu hồ sơ?",
         "number of records received at the district level", "records"),
        # procedures at a level are procedures, not units of that level
        ("How many administrative procedures does Ha Nam have at the commune level?",
         "number of commune-level administrative procedures", "procedures"),
        ("Bao nhiêu đơn vị cấp huyện xếp loại tốt năm 2022?", "số huyện xếp loại tốt", "huyện"),
        ("Số bộ có Chỉ số CCHC dưới 80% năm 2022?", "số bộ có Chỉ số CCHC dưới 80%", "bộ"),
        # an aside on the place says nothing of what is counted
        ("TP. Đồng Hới (thuộc tỉnh Quảng Bình cũ) hiện có bao nhiêu TTHC?", "số TTHC", "TTHC"),
        ("How many administrative procedures does Lao Cai have at the commune level?",
         "number of commune-level administrative procedures", "procedures"),
        ("Giá trị trung bình Chỉ số CCHC của các tỉnh năm 2023 là bao nhiêu?",
         "giá trị trung bình Chỉ số CCHC của các tỉnh, thành phố", "%"),
        ("Số hồ sơ giải quyết quá hạn cấp huyện là bao nhiêu?",
         "số hồ sơ giải quyết quá hạn cấp huyện", "hồ sơ"),
        ("Số dịch vụ công trực tuyến toàn trình là bao nhiêu?",
         "số dịch vụ công trực tuyến toàn trình", "dịch vụ"),
        ("Tỷ lệ hồ sơ trực tuyến toàn trình của khối bộ, ngành tháng 6/2025 là bao nhiêu?",
         "tỷ lệ hồ sơ trực tuyến toàn trình của khối bộ, ngành tháng 6/2025", "%"),
    ],
)  # fmt: skip
def test_a_record_measuring_the_same_thing_is_not_dropped(question, name, unit):
    assert contradicts(question, name, unit) is None
