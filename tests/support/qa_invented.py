"""An invented QA corpus for tests/test_qa_invented.py: a national ranking whose first
places and last place are stated (and some in between), a province ranked within its
region and nationally, a region's own result, a "regional" rank beyond the region's size
(what an extractor may store wrongly), ministries whose names hold a plan word or an
acronym that is an English word, and a department of the same name in two provinces."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from llmx.core.records import IndexResult, Metric
from llmx.store import Store
from support.qa_corpus import sentence, store_corpus

PCI = (
    "Bảng xếp hạng PCI năm 2024\n"
    "Năm 2024, Bình Định dẫn đầu PCI với 71,50 điểm.\n"
    "Phú Yên xếp thứ 2 với 70,10 điểm.\n"
    "Khánh Hòa xếp thứ 3 với 69,80 điểm.\n"
    "Ninh Thuận xếp thứ 17 với 65,20 điểm, tăng 4 bậc.\n"
    "Sóc Trăng xếp thứ 50 với 60,00 điểm, giảm 6 bậc.\n"
    "Cà Mau xếp thứ 63/63 với 58,10 điểm.\n"
)
TN = (
    "PCI vùng Tây Nguyên năm 2024\n"
    "Trong vùng Tây Nguyên, Kon Tum đứng thứ 2 về PCI năm 2024.\n"
    "Cả nước, Kon Tum xếp thứ 41 về PCI năm 2024.\n"
    "Đắk Lắk xếp thứ 30/63 về PCI năm 2024.\n"
    "Vùng Tây Nguyên đạt 62,40 điểm PCI năm 2024.\n"
)
BO = (
    "Chỉ số CCHC khối bộ năm 2024\n"
    "Bộ Kế hoạch và Đầu tư xếp thứ 6 về Chỉ số CCHC năm 2024.\n"
    "Năm 2025, Bộ Kế hoạch và Đầu tư phấn đấu xếp thứ 3 về Chỉ số CCHC.\n"
    "Bộ Khoa học và Công nghệ tăng 2 bậc, xếp thứ 9 về Chỉ số CCHC năm 2024.\n"
    "Bộ Tư pháp tăng 5 bậc, là bộ tăng hạng nhiều nhất, xếp thứ 4 về Chỉ số CCHC năm 2024.\n"
)
SO = (
    "Sở Xây dựng ở hai tỉnh năm 2024\n"
    "Trong các sở, ngành tỉnh Hậu Giang, Sở Xây dựng xếp thứ 5 về Chỉ số CCHC năm 2024.\n"
    "Trong các sở, ngành tỉnh Bạc Liêu, Sở Xây dựng xếp thứ 12 về Chỉ số CCHC năm 2024.\n"
)
DTI = (
    "Trụ cột và chỉ số thành phần DTI năm 2024 của Tuyên Quang\n"
    "Năm 2024, DTI của Tuyên Quang đạt 0,6120, xếp thứ 8.\n"
    "Chỉ số thành phần Nhận thức số của Tuyên Quang đạt 0,9500.\n"
    "Chỉ số thành phần Nhân lực số của Tuyên Quang đạt 0,4410.\n"
)
PAPI = (
    "Tuyen Quang in PAPI 2024\n"
    "In PAPI 2024, Tuyen Quang scored 44.10 points overall.\n"
    "On Transparency, Tuyen Quang scored 5.61 points.\n"
)
DTIB = (
    "DTI khối bộ năm 2024\n"
    "Bảng: Bộ Nội vụ | 1\n"
    "Bộ Nội vụ dẫn đầu nhóm có dịch vụ công với 0,7010 điểm.\n"
    "Bảng: Thông tấn xã Việt Nam | 1\n"
)
SIPAS = (
    "SIPAS năm 2024\n"
    "Năm 2024, Bắc Kạn đứng đầu cả nước về SIPAS.\n"
    "Tỉnh này dẫn đầu 5 tỉnh miền núi về SIPAS năm 2024.\n"
    "Vị trí thứ 1 của các sở tỉnh Long An về SIPAS năm 2024 thuộc về Sở Tài chính.\n"
)
TV = (
    "Trà Vinh: hồ sơ tại Trung tâm Phục vụ hành chính công năm 2024\n"
    "Tháng 9/2024, Trung tâm Phục vụ hành chính công tỉnh Trà Vinh tiếp nhận 2.150 hồ sơ.\n"
    "Cộng dồn đến hết tháng 9/2024, Trung tâm tiếp nhận 18.400 hồ sơ.\n"
)
TEXTS = {"inv-travinh": TV, "inv-sipas": SIPAS, "inv-pci": PCI, "inv-taynguyen": TN,
         "inv-bo": BO, "inv-so": SO, "inv-dti": DTI, "inv-papi": PAPI,
         "inv-dtib": DTIB}  # fmt: skip


def _ir(text: str, needle: str, **kw: Any) -> IndexResult:
    kw.setdefault("index", "PCI")
    kw.setdefault("year", 2024)
    return IndexResult(evidence=sentence(text, needle), **kw)


def records() -> dict[str, dict[str, list]]:
    par = {"index": "PAR_INDEX", "entity_level": "ministry"}
    dept = {"index": "PAR_INDEX", "entity_level": "department"}
    return {
        "inv-pci": {"index_results": [
            _ir(PCI, "Bình Định", entity="Bình Định", rank=1, score=71.5),
            _ir(PCI, "Phú Yên", entity="Phú Yên", rank=2, score=70.1),
            _ir(PCI, "Khánh Hòa", entity="Khánh Hòa", rank=3, score=69.8),
            _ir(PCI, "Ninh Thuận", entity="Ninh Thuận", rank=17, score=65.2, rank_change=4),
            _ir(PCI, "Sóc Trăng", entity="Sóc Trăng", rank=50, score=60.0, rank_change=-6),
            _ir(PCI, "Cà Mau", entity="Cà Mau", rank=63, rank_total=63, score=58.1),
        ]},
        "inv-taynguyen": {"index_results": [
            _ir(TN, "Trong vùng", entity="Kon Tum", rank=2, scope="region:Tây Nguyên"),
            _ir(TN, "Cả nước", entity="Kon Tum", rank=41),
            # A national rank stored with the region's scope, as an extractor may.
            _ir(TN, "Đắk Lắk", entity="Đắk Lắk", rank=30, rank_total=63,
                scope="region:Tây Nguyên"),
            _ir(TN, "62,40", entity="Tây Nguyên", entity_level="region", score=62.4),
        ]},
        "inv-bo": {"index_results": [
            _ir(BO, "thứ 6", entity="Bộ Kế hoạch và Đầu tư", rank=6, **par),
            _ir(BO, "phấn đấu", entity="Bộ Kế hoạch và Đầu tư", rank=3, year=2025,
                is_target=True, **par),
            _ir(BO, "Bộ Khoa học", entity="Bộ Khoa học và Công nghệ", rank=9, rank_change=2,
                **par),
            _ir(BO, "Bộ Tư pháp", entity="Bộ Tư pháp", rank=4, rank_change=5, **par),
        ]},
        "inv-so": {"index_results": [
            _ir(SO, "Hậu Giang", entity="Sở Xây dựng", rank=5, scope="province:Hậu Giang",
                **dept),
            _ir(SO, "Bạc Liêu", entity="Sở Xây dựng", rank=12, scope="province:Bạc Liêu",
                **dept),
        ]},
        "inv-travinh": {"metrics": [
            Metric(entity="Trà Vinh", name="số hồ sơ tiếp nhận tháng 9/2024", value=2150,
                   unit="hồ sơ", year=2024, evidence=sentence(TV, "2.150")),
            # The extractor names the cumulative figure by its last month, as it may.
            Metric(entity="Trà Vinh", name="số hồ sơ tiếp nhận tháng 9/2024", value=18400,
                   unit="hồ sơ", year=2024, evidence=sentence(TV, "18.400")),
        ]},
        "inv-sipas": {"index_results": [
            _ir(SIPAS, "Bắc Kạn", entity="Bắc Kạn", index="SIPAS", rank=1, confidence=0.45),
            # What an extractor may store: the unit of a quote naming none, guessed.
            _ir(SIPAS, "Tỉnh này", entity="Lai Châu", index="SIPAS", rank=1, confidence=0.05),
            _ir(SIPAS, "Vị trí thứ 1", entity="Sở Tài chính", index="SIPAS", rank=1,
                entity_level="department", scope="province:Long An", confidence=0.1),
            # ... and a unit the quote does not name, stored with the one it names.
            _ir(SIPAS, "Vị trí thứ 1", entity="Sở Y tế", index="SIPAS", rank=1,
                entity_level="department", scope="province:Long An", confidence=0.05),
        ]},
        "inv-dti": {"index_results": [
            _ir(DTI, "0,6120", entity="Tuyên Quang", index="DTI", score=0.612, rank=8),
            _ir(DTI, "Nhận thức số", entity="Tuyên Quang", index="DTI",
                component="Nhận thức số", score=0.95),
            _ir(DTI, "Nhân lực số", entity="Tuyên Quang", index="DTI",
                component="Nhân lực số", score=0.441),
        ]},
        "inv-papi": {"index_results": [
            _ir(PAPI, "44.10", entity="Tuyên Quang", index="PAPI", score=44.1),
            _ir(PAPI, "On Transparency", entity="Tuyên Quang", index="PAPI",
                component="Transparency", score=5.61),
        ]},
        "inv-dtib": {"index_results": [
            # One table row read confidently (rank only), and the sentence doubtfully (rank
            # and score): the confident reading still stands beside the other group's first.
            _ir(DTIB, "Bảng: Bộ Nội vụ", entity="Bộ Nội vụ", index="DTI",
                entity_level="ministry", rank=1, confidence=0.9),
            _ir(DTIB, "dẫn đầu", entity="Bộ Nội vụ", index="DTI", entity_level="ministry",
                rank=1, score=0.701, confidence=0.1),
            _ir(DTIB, "Thông tấn", entity="Thông tấn xã Việt Nam", index="DTI",
                entity_level="ministry", rank=1, confidence=0.9),
        ]},
    }  # fmt: skip


def build_store(path: Path, *, backend: str = "rules") -> Store:
    return store_corpus(path, TEXTS, records(), backend=backend)
