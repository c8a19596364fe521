"""An invented corpus for tests/test_qa_guards.py: records an extractor may store that
look like an answer to a question they do not answer — a dossier count that says nothing
of lateness or of the channel asked, an index change for a question counting people, a
threshold ("vượt 80%") stored as an average, and a change list one of whose records
rests on a sentence about another index or another year."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from llmx.core.records import IndexResult, Initiative, Metric
from llmx.store import Store
from support.qa_corpus import sentence, store_corpus

HOSO = (
    "Hồ sơ tại Trung tâm Phục vụ hành chính công tháng 8/2024\n"
    "Tháng 8/2024, Trung tâm Phục vụ hành chính công tỉnh Long An tiếp nhận 9.420 hồ sơ "
    "các loại, phần lớn nộp trực tiếp.\n"
    "Tháng 8/2024, Trung tâm Phục vụ hành chính công tỉnh Tây Ninh tiếp nhận 7.100 hồ sơ, "
    "trong đó 42 hồ sơ trễ hạn.\n"
    "Tháng 8/2024, Tây Ninh tiếp nhận 3.050 hồ sơ trực tuyến.\n"
    "Tây Ninh có 410 DVC toàn trình.\n"
)
SIPAS = (
    "Công bố Chỉ số SIPAS năm 2024\n"
    "Năm 2024, Bộ Nội vụ công bố Chỉ số SIPAS bình quân đạt 81,20%, tăng 1,10% so với năm 2023.\n"
    "Long An tăng 3 bậc về Chỉ số SIPAS năm 2024.\n"
    "Năm 2024, giá trị trung bình Chỉ số SIPAS của các tỉnh, thành phố vượt 80%.\n"
    "Năm 2023, giá trị trung bình Chỉ số SIPAS cả nước đạt 80,10%.\n"
)
PCI = (
    "Những địa phương tăng hạng năm 2024\n"
    "Năm 2024, Bình Định tăng 3 bậc trên bảng xếp hạng PCI.\n"
    "Năm 2024, Chỉ số DTI của Phú Yên tăng 5 bậc.\n"
    "Năm 2024, Khánh Hòa tăng 2 bậc về PCI.\n"
)
PAR = (
    "Chỉ số CCHC qua các năm\n"
    "Năm 2024, Kiên Giang tăng 6 bậc về Chỉ số CCHC.\n"
    "Năm 2022, Cà Mau tăng 4 bậc về Chỉ số CCHC.\n"
)
DTI = (
    "Chỉ số chuyển đổi số năm 2024\n"
    "Năm 2024, Lâm Đồng tăng 4 bậc về DTI, xếp thứ 20/63.\n"
    "Trong vùng Tây Nguyên, Đắk Nông tăng 2 bậc về DTI năm 2024.\n"
)
# Two articles seating different provinces at one place (both read doubtfully), and two
# that say a place is shared.
SEAT_A = "SIPAS 2024 ở Bắc Trung Bộ\nNăm 2024, Quảng Trị xếp thứ 4 cả nước về Chỉ số SIPAS.\n"
SEAT_B = "SIPAS 2024: Quảng Bình\nNăm 2024, Quảng Bình đứng thứ 4 cả nước về Chỉ số SIPAS.\n"
SHARE_A = "SIPAS 2024: Hà Nam\nNăm 2024, Hà Nam đồng hạng 7 cả nước về Chỉ số SIPAS.\n"
SHARE_B = "SIPAS 2024: Nam Định\nNăm 2024, Nam Định xếp thứ 7 cả nước về Chỉ số SIPAS.\n"
# An initiative stored for the unit of the sentence before (its quote names another unit).
MODELS = (
    "Mô hình cải cách hành chính ở Bến Tre năm 2024\n"
    "Năm 2024, Sở Tư pháp tỉnh Bến Tre duy trì mô hình “Thứ Năm lắng nghe”.\n"
    "Cũng năm 2024, Sở Nội vụ tỉnh Bến Tre triển khai mô hình “Công chức tận tâm”.\n"
    "Hiệp hội DN tỉnh Bến Tre tổ chức mô hình “Cà phê sáng thứ Bảy”.\n"
    "Sở Công Thương tỉnh Bến Tre duy trì mô hình “Cà phê doanh nghiệp”.\n"
)
# Figures whose sentences name neither the office nor the month; the headline names both.
OFFICE = (
    "Trung tâm Phục vụ hành chính công tỉnh Vĩnh Long: kết quả tháng 5/2024\n"
    "Trong tháng, Vĩnh Long có 23 HS trễ hạn.\n"
)
# The people surveyed for an index: the country's survey, told by the ministry running it.
SURVEY = (
    "Khảo sát Chỉ số SIPAS và PAPI năm 2025\n"
    "Để xác định Chỉ số SIPAS năm 2025, Bộ Nội vụ lấy ý kiến 40.120 người dân.\n"
    "Tổng cộng 92.300 phiếu khảo sát SIPAS được thu về.\n"
    "For the PAPI 2025, 15,200 citizens were interviewed.\n"
)
# A province's own score beside the average of its departments.
UNITS = (
    "Chỉ số SIPAS của Yên Bái năm 2025\n"
    "Năm 2025, Chỉ số SIPAS của Yên Bái đạt 84,10%.\n"
    "SIPAS bình quân của các sở, ngành tỉnh Yên Bái năm 2025 đạt 93,25%.\n"
)
# A commune whose name does not carry its province's, running a model.
COMMUNE = (
    "Mô hình mới ở cơ sở\n"
    "Xã Ea Kar duy trì mô hình “Chiều thứ Sáu nghe dân nói”.\n"
)
# A department named by its short name beside another department.
DEPTS = (
    "Chuyển đổi số các sở, ngành tỉnh Phú Yên năm 2025\n"
    "Sở TN&MT đứng đầu với DTI 93,10%, còn Sở Y tế xếp thứ 20 với 88,40%.\n"
)
# A move told against a year before the one before it, beside a year's own moves.
MOVES = (
    "Thứ hạng SIPAS và DTI năm 2023\n"
    "Năm 2023, Bạc Liêu tăng 3 bậc về SIPAS.\n"
    "Năm 2023, Hậu Giang tăng 9 bậc về SIPAS so với năm 2020.\n"
    "Năm 2023, Sóc Trăng tăng 6 bậc về DTI so với năm 2022.\n"
    "Năm 2023, Bạc Liêu tăng 2 bậc về DTI.\n"
)
# The country's figure, after a sentence naming the country, stored for the province.
COUNTRY = (
    "Hòa Bình: hồ sơ trực tuyến năm 2024\n"
    "Năm 2024, Hòa Bình đạt tỷ lệ hồ sơ trực tuyến toàn trình 61,20%.\n"
    "Tuy vậy, cả nước vẫn chưa đạt mục tiêu đề ra.\n"
    "Tỷ lệ hồ sơ trực tuyến toàn trình chung mới đạt 41,30%.\n"
)
# A province's move told by its former place, with no change stored, beside a stored move.
FORMER = (
    "DTI năm 2022\n"
    "Năm 2022, Vĩnh Phúc tăng 4 bậc về DTI.\n"
    "Năm 2022, Thái Bình đứng thứ 9 về DTI, từ thứ 15 lên.\n"
)
# A count of units of one grade.
GRADES = (
    "Xếp loại các huyện tỉnh Quảng Bình năm 2024\n"
    "Năm 2024, tỉnh Quảng Bình có 5 huyện xếp loại Tốt.\n"
)
TEXTS = {
    "g-grades": GRADES, "g-former": FORMER, "g-country": COUNTRY, "g-moves": MOVES,
    "g-depts": DEPTS, "g-commune": COMMUNE, "g-units": UNITS, "g-survey": SURVEY,
    "g-office": OFFICE, "g-models": MODELS, "g-hoso": HOSO, "g-sipas": SIPAS, "g-pci": PCI,
    "g-par": PAR, "g-dti": DTI, "g-seat-a": SEAT_A, "g-seat-b": SEAT_B, "g-share-a": SHARE_A,
    "g-share-b": SHARE_B,
}  # fmt: skip


def _ir(text: str, needle: str, **kw: Any) -> IndexResult:
    kw.setdefault("year", 2024)
    return IndexResult(evidence=sentence(text, needle), **kw)


def _m(text: str, needle: str, **kw: Any) -> Metric:
    kw.setdefault("year", 2024)
    return Metric(evidence=sentence(text, needle), **kw)


def records() -> dict[str, dict[str, list]]:
    return {
        "g-hoso": {"metrics": [
            _m(HOSO, "9.420", entity="Long An", name="số hồ sơ các loại tiếp nhận tháng 8/2024",
               value=9420, unit="hồ sơ"),
            _m(HOSO, "7.100", entity="Tây Ninh", name="số hồ sơ tiếp nhận tháng 8/2024",
               value=7100, unit="hồ sơ"),
            _m(HOSO, "7.100", entity="Tây Ninh", name="số hồ sơ trễ hạn tháng 8/2024",
               value=42, unit="hồ sơ"),
            _m(HOSO, "3.050", entity="Tây Ninh", name="số hồ sơ trực tuyến tiếp nhận tháng 8/2024",
               value=3050, unit="hồ sơ"),
            # A fully online service named without "trực tuyến": online all the same.
            _m(HOSO, "410", entity="Tây Ninh", name="số DVC toàn trình", value=410,
               unit="dịch vụ"),
        ]},
        "g-sipas": {
            "index_results": [
                # The surveyor taken for the surveyed, as an extractor may.
                _ir(SIPAS, "Bộ Nội vụ", entity="Bộ Nội vụ", entity_level="ministry",
                    index="SIPAS", score_change=1.1, confidence=0.05),
                _ir(SIPAS, "Long An", entity="Long An", index="SIPAS", rank_change=3),
            ],
            "metrics": [
                # A threshold read as the average.
                _m(SIPAS, "vượt 80%", entity="Việt Nam",
                   name="giá trị trung bình Chỉ số SIPAS cả nước", value=80, unit="%"),
                _m(SIPAS, "80,10%", entity="Việt Nam", year=2023,
                   name="giá trị trung bình Chỉ số SIPAS cả nước", value=80.1, unit="%"),
            ],
        },
        "g-pci": {"index_results": [
            _ir(PCI, "Bình Định", entity="Bình Định", index="PCI", rank_change=3),
            # A DTI sentence's move stored as a PCI one.
            _ir(PCI, "Phú Yên", entity="Phú Yên", index="PCI", rank_change=5),
            _ir(PCI, "Khánh Hòa", entity="Khánh Hòa", index="PCI", rank_change=2),
        ]},
        "g-par": {"index_results": [
            _ir(PAR, "Kiên Giang", entity="Kiên Giang", index="PAR_INDEX", rank_change=6),
            # A 2022 sentence's move stored with the document's year.
            _ir(PAR, "Cà Mau", entity="Cà Mau", index="PAR_INDEX", rank_change=4),
        ]},
        "g-dti": {"index_results": [
            _ir(DTI, "Lâm Đồng", entity="Lâm Đồng", index="DTI", rank_change=4, rank=20,
                rank_total=63),
            # A move within the region stored as a national one.
            _ir(DTI, "Đắk Nông", entity="Đắk Nông", index="DTI", rank_change=2),
        ]},
        "g-seat-a": {"index_results": [
            _ir(SEAT_A, "xếp thứ 4", entity="Quảng Trị", index="SIPAS", rank=4,
                confidence=0.4)]},
        "g-seat-b": {"index_results": [
            _ir(SEAT_B, "đứng thứ 4", entity="Quảng Bình", index="SIPAS", rank=4,
                confidence=0.3)]},
        "g-share-a": {"index_results": [
            _ir(SHARE_A, "đồng hạng", entity="Hà Nam", index="SIPAS", rank=7)]},
        "g-share-b": {"index_results": [
            _ir(SHARE_B, "xếp thứ 7", entity="Nam Định", index="SIPAS", rank=7)]},
        "g-grades": {"metrics": [
            _m(GRADES, "5 huyện", entity="Quảng Bình", name="số huyện xếp loại Tốt", value=5,
               unit="huyện"),
        ]},
        "g-former": {"index_results": [
            _ir(FORMER, "4 bậc", entity="Vĩnh Phúc", index="DTI", year=2022, rank_change=4),
            _ir(FORMER, "thứ 9", entity="Thái Bình", index="DTI", year=2022, rank=9),
        ]},
        "g-country": {"metrics": [
            _m(COUNTRY, "61,20", entity="Hòa Bình", name="tỷ lệ hồ sơ trực tuyến toàn trình",
               value=61.2, unit="%"),
            _m(COUNTRY, "41,30", entity="Hòa Bình",
               name="tỷ lệ hồ sơ trực tuyến toàn trình chung", value=41.3, unit="%"),
        ]},
        "g-moves": {"index_results": [
            _ir(MOVES, "3 bậc", entity="Bạc Liêu", index="SIPAS", year=2023, rank_change=3),
            _ir(MOVES, "9 bậc", entity="Hậu Giang", index="SIPAS", year=2023, rank_change=9),
            _ir(MOVES, "6 bậc", entity="Sóc Trăng", index="DTI", year=2023, rank_change=6),
            _ir(MOVES, "2 bậc", entity="Bạc Liêu", index="DTI", year=2023, rank_change=2),
        ]},
        "g-depts": {"index_results": [
            _ir(DEPTS, "93,10", entity="Sở Tài nguyên và Môi trường", entity_level="department",
                index="DTI", year=2025, rank=1, score=93.1, score_unit="percent",
                scope="province:Phú Yên"),
            _ir(DEPTS, "88,40", entity="Sở Y tế", entity_level="department", index="DTI",
                year=2025, rank=20, score=88.4, score_unit="percent", scope="province:Phú Yên"),
        ]},
        "g-commune": {"initiatives": [
            Initiative(entity="xã Ea Kar", name="Chiều thứ Sáu nghe dân nói",
                       evidence=sentence(COMMUNE, "Ea Kar")),
        ]},
        "g-units": {
            "index_results": [
                _ir(UNITS, "84,10", entity="Yên Bái", index="SIPAS", year=2025, score=84.1,
                    score_unit="percent"),
            ],
            "metrics": [
                _m(UNITS, "93,25", entity="Yên Bái", name="SIPAS bình quân của các sở, ngành",
                   value=93.25, unit="%", year=2025),
            ],
        },
        "g-survey": {"metrics": [
            _m(SURVEY, "40.120", entity="Việt Nam", name="số người dân được lấy ý kiến",
               value=40120, unit="người", year=2025),
            _m(SURVEY, "92.300", entity="Việt Nam", name="số phiếu khảo sát thu về",
               value=92300, unit="phiếu", year=2025),
            _m(SURVEY, "15,200", entity="Việt Nam",
               name="number of citizens interviewed for the PAPI", value=15200, unit="people",
               year=2025),
        ]},
        "g-office": {"metrics": [
            _m(OFFICE, "23 HS", entity="Vĩnh Long", name="số hồ sơ trễ hạn", value=23,
               unit="hồ sơ"),
        ]},
        "g-models": {"initiatives": [
            Initiative(entity="Sở Tư pháp", name="Thứ Năm lắng nghe", year=2024,
                       evidence=sentence(MODELS, "Thứ Năm lắng nghe")),
            Initiative(entity="Sở Tư pháp", name="Công chức tận tâm", year=2024,
                       evidence=sentence(MODELS, "Công chức tận tâm")),
            # A unit named in full while its quote shortens it and names its province.
            Initiative(entity="Hiệp hội Doanh nghiệp tỉnh Bến Tre", name="Cà phê sáng thứ Bảy",
                       evidence=sentence(MODELS, "Cà phê sáng")),
            Initiative(entity="Sở Công Thương", name="Cà phê doanh nghiệp",
                       evidence=sentence(MODELS, "Cà phê doanh nghiệp")),
        ]},
    }  # fmt: skip


def build_store(path: Path, *, backend: str = "rules") -> Store:
    """The corpus's store, each document with its first line as its headline (as the
    loader reads one)."""
    return store_corpus(path, TEXTS, records(), backend=backend, headlines=True)
