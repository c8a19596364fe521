"""Vietnamese national lists and rankings in the many ways Vietnamese outlets phrase them
(issue 10): leaders and followers, "lần lượt" lists, last places, moves, earlier values,
ministries by their short names, sub-index lists. Each sentence was invented for this test,
in the style of Vietnamese news about the indices (a few without diacritics), not taken from
any corpus; the expected records follow eval/CONVENTIONS.md (one record per fact, earlier
years their own record, order words with no number give no rank, groups are not ranks)."""

from __future__ import annotations

import pytest
from support.documents import make_doc
from support.index_facts import Fact, facts

from llmx.rules.extractor import RulesExtractor

PAR = "PAR_INDEX"

LISTS: dict[str, set[Fact]] = {
    # leader and followers: the followers' order words give no rank
    "Chỉ số CCHC năm 2023: dẫn đầu là Quảng Ninh với 91,2 điểm; tiếp theo là Hải Phòng "
    "(90,1 điểm) và Bắc Ninh (89,7 điểm).": {
        ("Quảng Ninh", PAR, None, 2023, 91.2, 1, None, None),
        ("Hải Phòng", PAR, None, 2023, 90.1, None, None, None),
        ("Bắc Ninh", PAR, None, 2023, 89.7, None, None, None),
    },
    # values joined by semicolons (the comma is the decimal mark)
    "Chỉ số PAR Index 2023, Quảng Ninh, Hải Phòng, Sơn La lần lượt đạt 91,2; 90,1 và 89,7 điểm.": {
        ("Quảng Ninh", PAR, None, 2023, 91.2, None, None, None),
        ("Hải Phòng", PAR, None, 2023, 90.1, None, None, None),
        ("Sơn La", PAR, None, 2023, 89.7, None, None, None),
    },
    "Chỉ số SIPAS năm 2022, Hà Giang, Lào Cai và Yên Bái lần lượt đạt 88,45; 87,9 và 86,03%.": {
        ("Hà Giang", "SIPAS", None, 2022, 88.45, None, None, None),
        ("Lào Cai", "SIPAS", None, 2022, 87.9, None, None, None),
        ("Yên Bái", "SIPAS", None, 2022, 86.03, None, None, None),
    },
    "Chỉ số CCHC năm 2023, Quảng Ninh, Hải Phòng và Sơn La có điểm số lần lượt là 91,2; "
    "90,1; 89,7.": {
        ("Quảng Ninh", PAR, None, 2023, 91.2, None, None, None),
        ("Hải Phòng", PAR, None, 2023, 90.1, None, None, None),
        ("Sơn La", PAR, None, 2023, 89.7, None, None, None),
    },
    "Chỉ số CCHC năm 2023, Quảng Ninh và Hải Phòng đạt lần lượt 91,2 và 90,1 điểm.": {
        ("Quảng Ninh", PAR, None, 2023, 91.2, None, None, None),
        ("Hải Phòng", PAR, None, 2023, 90.1, None, None, None),
    },
    "Chỉ số PCI năm 2023, xếp ở vị trí thứ 2 và 3 lần lượt là Long An và Hải Phòng.": {
        ("Long An", "PCI", None, 2023, None, 2, None, None),
        ("Hải Phòng", "PCI", None, 2023, None, 3, None, None),
    },
    "Chỉ số CCHC năm 2023, các tỉnh Quảng Ninh, Hải Phòng, Sơn La lần lượt xếp ở vị trí thứ "
    "nhất, thứ hai và thứ ba.": {
        ("Quảng Ninh", PAR, None, 2023, None, 1, None, None),
        ("Hải Phòng", PAR, None, 2023, None, 2, None, None),
        ("Sơn La", PAR, None, 2023, None, 3, None, None),
    },
    "Theo Chỉ số PAPI năm 2023, Quảng Ninh xếp thứ nhất, Hải Phòng xếp thứ hai và Bắc Ninh "
    "xếp thứ ba.": {
        ("Quảng Ninh", "PAPI", None, 2023, None, 1, None, None),
        ("Hải Phòng", "PAPI", None, 2023, None, 2, None, None),
        ("Bắc Ninh", "PAPI", None, 2023, None, 3, None, None),
    },
    "Chỉ số CCHC năm 2023, Quảng Ninh đạt 90,1 điểm, đứng thứ 2 cả nước; Bắc Ninh đạt 89,7 "
    "điểm, đứng thứ 3.": {
        ("Quảng Ninh", PAR, None, 2023, 90.1, 2, None, None),
        ("Bắc Ninh", PAR, None, 2023, 89.7, 3, None, None),
    },
    "Chi so CCHC nam 2023, Quang Ninh dan dau voi 91,2 diem, Hai Phong xep thu 2 voi 90,1 diem.": {
        ("Quảng Ninh", PAR, None, 2023, 91.2, 1, None, None),
        ("Hải Phòng", PAR, None, 2023, 90.1, 2, None, None),
    },
    # places named before their unit
    "Chỉ số CCHC năm 2023, vị trí thứ ba thuộc về Bắc Ninh với 89,7 điểm.": {
        ("Bắc Ninh", PAR, None, 2023, 89.7, 3, None, None),
    },
    "Chỉ số CCHC năm 2023, đứng thứ hai là Quảng Ninh với 90,1 điểm.": {
        ("Quảng Ninh", PAR, None, 2023, 90.1, 2, None, None),
    },
    # a place in words with no verb, known by what follows it
    "Chỉ số PGI năm 2023, Quảng Ninh dẫn đầu với 25,09 điểm; Long An đứng thứ hai với 24,8 "
    "điểm; Bắc Ninh thứ ba với 24,5 điểm.": {
        ("Quảng Ninh", "PGI", None, 2023, 25.09, 1, None, None),
        ("Long An", "PGI", None, 2023, 24.8, 2, None, None),
        ("Bắc Ninh", "PGI", None, 2023, 24.5, 3, None, None),
    },
    "Chỉ số PCI năm 2023, Long An thứ hai cả nước.": {
        ("Long An", "PCI", None, 2023, None, 2, None, None),
    },
    "Theo công bố Chỉ số CCHC năm 2023, Hải Phòng đứng đầu với 92,1%, Quảng Ninh đứng thứ hai "
    "(91,2%), Sơn La thứ ba (90,5%).": {
        ("Hải Phòng", PAR, None, 2023, 92.1, 1, None, None),
        ("Quảng Ninh", PAR, None, 2023, 91.2, 2, None, None),
        ("Sơn La", PAR, None, 2023, 90.5, 3, None, None),
    },
    "Thứ Ba (5/3), tỉnh Sơn La công bố Chỉ số CCHC năm 2023 đạt 90,5%.": {
        ("Sơn La", PAR, None, 2023, 90.5, None, None, None),
    },
    # "thứ Ba" is also a weekday
    "Thứ Ba với nhiều cuộc họp, tỉnh Long An đạt 90 điểm Chỉ số CCHC năm 2023.": {
        ("Long An", PAR, None, 2023, 90.0, None, None, None),
    },
    # "xếp số 2": a place told as a number
    "Chỉ số CCHC năm 2023, Hải Phòng xếp số 1, Quảng Ninh xếp số 2.": {
        ("Hải Phòng", PAR, None, 2023, None, 1, None, None),
        ("Quảng Ninh", PAR, None, 2023, None, 2, None, None),
    },
    "Chỉ số CCHC năm 2023, Quảng Ninh đứng vị trí số 5 với 88,1 điểm.": {
        ("Quảng Ninh", PAR, None, 2023, 88.1, 5, None, None),
    },
    # a unit named as the point of comparison is not the subject
    "Chỉ số CCHC năm 2023, Quảng Ninh vượt qua Hải Phòng để giành ngôi đầu.": {
        ("Quảng Ninh", PAR, None, 2023, None, 1, None, None),
    },
    "Chỉ số CCHC năm 2023, Quảng Ninh xếp ngay sau Hải Phòng, ở vị trí thứ 2.": {
        ("Quảng Ninh", PAR, None, 2023, None, 2, None, None),
    },
    # the lead held: a change of 0
    "Chỉ số PCI năm 2023, Quảng Ninh giữ vững ngôi đầu bảng với 71,0 điểm.": {
        ("Quảng Ninh", "PCI", None, 2023, 71.0, 1, None, 0),
    },
    # runner-up in words
    "Chỉ số CCHC năm 2023, Quảng Ninh giành vị trí á quân.": {
        ("Quảng Ninh", PAR, None, 2023, None, 2, None, None),
    },
    "Chỉ số CCHC năm 2023, á quân thuộc về Quảng Ninh với 90,1 điểm.": {
        ("Quảng Ninh", PAR, None, 2023, 90.1, 2, None, None),
    },
    "Chi so CCHC nam 2023, Quang Ninh gianh ngoi a quan.": {
        ("Quảng Ninh", PAR, None, 2023, None, 2, None, None),
    },
    # moves and earlier editions
    "Chỉ số SIPAS năm 2023 của tỉnh Gia Lai tụt 5 bậc xuống vị trí 25.": {
        ("Gia Lai", "SIPAS", None, 2023, None, 25, None, -5),
    },
    "Chỉ số CCHC năm 2023, Cà Mau vươn lên vị trí thứ 8 (năm 2022 xếp thứ 15).": {
        ("Cà Mau", PAR, None, 2023, None, 8, None, None),
        ("Cà Mau", PAR, None, 2022, None, 15, None, None),
    },
    "Chỉ số CCHC năm 2023, Cà Mau xếp thứ 8, tăng 7 bậc so với năm trước (thứ 15).": {
        ("Cà Mau", PAR, None, 2023, None, 8, None, 7),
        ("Cà Mau", PAR, None, 2022, None, 15, None, None),
    },
    "Chỉ số CCHC năm 2023, Cà Mau xếp thứ 8 (năm trước xếp thứ 15).": {
        ("Cà Mau", PAR, None, 2023, None, 8, None, None),
        ("Cà Mau", PAR, None, 2022, None, 15, None, None),
    },
    "Chỉ số CCHC năm 2023, Cà Mau đạt 88,2 điểm (năm ngoái: 85,1 điểm).": {
        ("Cà Mau", PAR, None, 2023, 88.2, None, None, None),
        ("Cà Mau", PAR, None, 2022, 85.1, None, None, None),
    },
    "Chỉ số CCHC năm 2023 của tỉnh Nghệ An đạt 86,5 điểm, xếp thứ 20/63, giảm 3 bậc.": {
        ("Nghệ An", PAR, None, 2023, 86.5, 20, 63, -3),
    },
    "Chỉ số CCHC năm 2023, Hải Phòng giữ vững vị trí dẫn đầu với 92,1 điểm.": {
        ("Hải Phòng", PAR, None, 2023, 92.1, 1, None, 0),
    },
    # last places: a rank only where the total is stated
    "Chỉ số CCHC năm 2023, Bộ Y tế xếp cuối bảng trong 17 bộ.": {
        ("Bộ Y tế", PAR, None, 2023, None, 17, 17, None),
    },
    "Chỉ số CCHC năm 2023, Bộ Giáo dục và Đào tạo xếp cuối cùng (17/17).": {
        ("Bộ Giáo dục và Đào tạo", PAR, None, 2023, None, 17, 17, None),
    },
    "Chỉ số CCHC năm 2023, Lai Châu đứng cuối bảng (63/63).": {
        ("Lai Châu", PAR, None, 2023, None, 63, 63, None),
    },
    "Chỉ số CCHC năm 2023, thấp nhất là Lai Châu với 78,2 điểm.": {
        ("Lai Châu", PAR, None, 2023, 78.2, None, None, None),
    },
    # a bare "hạng" is a place in brackets or with its total
    "Chỉ số CCHC năm 2023, tỉnh xếp cuối là Lai Châu với 78,2% (hạng 63/63).": {
        ("Lai Châu", PAR, None, 2023, 78.2, 63, 63, None),
    },
    "Chỉ số CCHC năm 2023 của Lạng Sơn đạt 85,3%, hạng 30/63.": {
        ("Lạng Sơn", PAR, None, 2023, 85.3, 30, 63, None),
    },
    "Chỉ số SIPAS năm 2023 của Lạng Sơn đạt 85,3% (hạng 12).": {
        ("Lạng Sơn", "SIPAS", None, 2023, 85.3, 12, None, None),
    },
    # ministries by their short names
    "Chỉ số CCHC năm 2023, Bộ Tư pháp dẫn đầu với 91,5 điểm, Ngân hàng Nhà nước Việt Nam xếp "
    "thứ 2 với 90,8 điểm.": {
        ("Bộ Tư pháp", PAR, None, 2023, 91.5, 1, None, None),
        ("Ngân hàng Nhà nước Việt Nam", PAR, None, 2023, 90.8, 2, None, None),
    },
    "Chỉ số CCHC năm 2023, Bộ KH&ĐT xếp thứ 5/17 bộ, cơ quan ngang bộ.": {
        ("Bộ Kế hoạch và Đầu tư", PAR, None, 2023, None, 5, 17, None),
    },
    "Chỉ số CCHC năm 2023, Bộ GTVT đạt 85,4 điểm, xếp thứ 12/17.": {
        ("Bộ Giao thông vận tải", PAR, None, 2023, 85.4, 12, 17, None),
    },
    "Chỉ số CCHC năm 2023, Bộ NN&PTNT xếp thứ 7, Bộ TN&MT xếp thứ 9.": {
        ("Bộ Nông nghiệp và Phát triển nông thôn", PAR, None, 2023, None, 7, None, None),
        ("Bộ Tài nguyên và Môi trường", PAR, None, 2023, None, 9, None, None),
    },
    "Chỉ số CCHC năm 2023, NHNN xếp thứ 2 với 90,8 điểm.": {
        ("Ngân hàng Nhà nước Việt Nam", PAR, None, 2023, 90.8, 2, None, None),
    },
    "Chỉ số CCHC năm 2023, UBDT xếp thứ 17, TTCP xếp thứ 8.": {
        ("Ủy ban Dân tộc", PAR, None, 2023, None, 17, None, None),
        ("Thanh tra Chính phủ", PAR, None, 2023, None, 8, None, None),
    },
    "Chi so CCHC nam 2023, Bo Tu phap xep thu nhat voi 91,5 diem.": {
        ("Bộ Tư pháp", PAR, None, 2023, 91.5, 1, None, None),
    },
    # sub-index lists
    "Chỉ số PCI năm 2023 của Bình Định: Chỉ số thành phần Tính minh bạch đạt 6,8 điểm, xếp "
    "thứ 12; Chi phí thời gian 7,1 điểm, xếp thứ 9.": {
        ("Bình Định", "PCI", "Tính minh bạch", 2023, 6.8, 12, None, None),
        ("Bình Định", "PCI", "Chi phí thời gian", 2023, 7.1, 9, None, None),
    },
    # the field named after the value it ranks
    "Chỉ số PCI năm 2023, Bắc Giang xếp thứ 3 cả nước về chỉ số thành phần Tiếp cận đất đai.": {
        ("Bắc Giang", "PCI", "Tiếp cận đất đai", 2023, None, 3, None, None),
    },
    "Chỉ số PCI năm 2023, Bắc Giang đạt 7,1 điểm ở chỉ số thành phần Tiếp cận đất đai.": {
        ("Bắc Giang", "PCI", "Tiếp cận đất đai", 2023, 7.1, None, None, None),
    },
    "Chỉ số CCHC năm 2023 của Bắc Giang xếp thứ 3 lĩnh vực Cải cách thủ tục hành chính.": {
        ("Bắc Giang", PAR, "Cải cách thủ tục hành chính", 2023, None, 3, None, None),
    },
    "Chỉ số CCHC năm 2023, Quảng Ninh xếp thứ 2 Chỉ số CCHC.": {
        ("Quảng Ninh", PAR, None, 2023, None, 2, None, None),
    },
    # ... but not across a comma: ", ở lĩnh vực X đạt …" is a clause of its own
    "Chỉ số CCHC năm 2023 của Bắc Giang đạt 88,5 điểm, ở lĩnh vực Cải cách thủ tục hành chính "
    "đạt 12,1 điểm.": {
        ("Bắc Giang", PAR, None, 2023, 88.5, None, None, None),
        ("Bắc Giang", PAR, "Cải cách thủ tục hành chính", 2023, 12.1, None, None, None),
    },
    # SIPAS names its aspects after "hài lòng về"
    "Chỉ số SIPAS năm 2023 của Hà Giang, chỉ số hài lòng về tiếp cận dịch vụ đạt 91,5%.": {
        ("Hà Giang", "SIPAS", "Tiếp cận dịch vụ", 2023, 91.5, None, None, None),
    },
    "Chỉ số PCI năm 2023, ở chỉ số thành phần Tính minh bạch, Đồng Tháp đạt 7,5 điểm, xếp thứ 3.": {
        ("Đồng Tháp", "PCI", "Tính minh bạch", 2023, 7.5, 3, None, None),
    },
    "Chỉ số CCHC năm 2023 của Bắc Giang, lĩnh vực Cải cách thủ tục hành chính đạt 12,5 điểm, "
    "xếp thứ 4.": {
        ("Bắc Giang", PAR, "Cải cách thủ tục hành chính", 2023, 12.5, 4, None, None),
    },
}


@pytest.mark.parametrize("text", list(LISTS))
def test_vietnamese_ranking_phrasings(text: str) -> None:
    assert facts(text) == LISTS[text]


# Groups, counts and sentences no frame explains: no index result at all.
NOTHING = [
    "Chỉ số PAR Index năm 2023, Top 5 gồm: Hải Phòng, Quảng Ninh, Bắc Ninh, Sơn La và Thái Nguyên.",
    "Năm 2023, tỉnh Vĩnh Long nằm trong nhóm 10 địa phương dẫn đầu Chỉ số PAPI.",
    "Chỉ số CCHC năm 2023 của các bộ, có 5 bộ đạt trên 90 điểm.",
    "Chỉ số CCHC năm 2023, đứng cuối bảng là Lai Châu.",
    "Nhiều tỉnh tăng hạng mạnh trong năm 2023.",
    # "hạng" as a class or an item, not a place
    "Năm 2023, tỉnh có 12 hạng mục công trình hoàn thành.",
    "Năm 2023, Sở Nội vụ được tặng Huân chương Lao động hạng Ba.",
    # a count of fields, not a place
    "Chỉ số CCHC năm 2023, Bắc Giang xếp 3 lĩnh vực trong nhóm dẫn đầu.",
    # "quán quân" is first place, never the runner-up's "á quân"
    "Đội tuyển của tỉnh giành ngôi quán quân giải bóng đá năm 2023.",
]


@pytest.mark.parametrize("text", NOTHING)
def test_groups_and_unexplained_sentences_give_no_result(text: str) -> None:
    assert facts(text) == set()


def test_lan_luot_value_list_pairs_lower_than_a_sentence_the_frame_explains() -> None:
    # A "lần lượt" list pairs by order only: kept, but below the cut-off of a plain result.
    lst = (
        RulesExtractor()
        .extract(
            make_doc("Chỉ số CCHC năm 2023, Quảng Ninh, Hải Phòng lần lượt đạt 91,2; 90,1 điểm.")
        )
        .extraction.index_results
    )
    one = (
        RulesExtractor()
        .extract(make_doc("Chỉ số CCHC năm 2023, Quảng Ninh đạt 91,2 điểm."))
        .extraction.index_results
    )
    assert len(lst) == 2 and len(one) == 1
    assert max(r.confidence for r in lst) < one[0].confidence
