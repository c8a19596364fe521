"""A third hand-written QA corpus (tests/test_qa_grounding.py): records that sit next to the
right answer and must not be given as it — a rank-only record beside a low-confidence score,
a component's figure, a regional leader beside the national one, a district ranked inside
its province, two doubtful ranks on indexes a portal question does not name, a ministry
ranked on an index beside a question about a rate, an initiative stored for the province and
for the body inside it that runs it, initiatives without a year, and a whole-index figure
whose sentence ties it to components; a count of dossiers beside a question about a rate;
partly online services beside a question about fully online ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from llmx.core.records import IndexResult, Initiative, Metric
from llmx.store import Store
from support.qa_corpus import sentence, store_corpus

YB = (
    "PCI 2021 của Yên Bái\n"
    "Năm 2021, Yên Bái đứng thứ 7 cả nước về PCI.\n"
    "Điểm PCI năm 2021 của Yên Bái ước đạt 66,20 điểm.\n"
)
KT = (
    "DTI 2022 của Kon Tum\n"
    "Năm 2022, Kon Tum xếp thứ 11 về chỉ số chuyển đổi số DTI.\n"
    "Trụ cột Chính quyền số của Kon Tum năm 2022 đạt 0,41 điểm.\n"
)
REG = (
    "PCI 2021 theo vùng\n"
    "Năm 2021, Quảng Ninh đứng đầu cả nước về PCI.\n"
    "Lạng Sơn dẫn đầu vùng Trung du và miền núi phía Bắc về PCI năm 2021.\n"
)
LC = (
    "Chỉ số CCHC 2023 ở Lai Châu\n"
    "Chỉ số CCHC năm 2023 của Lai Châu xếp thứ 40 cả nước.\n"
    "Huyện Phong Thổ xếp thứ 3 trong các huyện của tỉnh Lai Châu năm 2023.\n"
)
ST = (
    "Sóc Trăng năm 2022\n"
    "Sóc Trăng xếp thứ 25 về PCI năm 2022.\n"
    "Sóc Trăng xếp thứ 30 về Chỉ số xanh cấp tỉnh năm 2022.\n"
)
BXD = (
    "Khối bộ năm 2024\n"
    "Bộ Xây dựng đứng đầu các bộ về Bộ chỉ số phục vụ người dân, doanh nghiệp năm 2024.\n"
)
HG = (
    "Doanh nhân Hậu Giang\n"
    "Tại Hậu Giang, Hội Doanh nhân trẻ tỉnh Hậu Giang tổ chức chương trình “Sáng thứ Bảy gặp gỡ”.\n"
)
TA = (
    "Phường Tân An\n"
    "Phường Tân An thực hiện mô hình “Một cửa không giấy”.\n"
    "Năm 2020, phường Tân An áp dụng mô hình “Tổ công tác lưu động”.\n"
)
BTC = (
    "Bộ Tài chính năm 2020\n"
    "Bộ Tài chính đứng thứ 3 trong các bộ về Chỉ số CCHC năm 2020.\n"
    "Bộ Tài chính đạt 100% ở hai chỉ số thành phần của Chỉ số CCHC năm 2020.\n"
)
BL = (
    "Bạc Liêu năm 2023\n"
    "Năm 2023, tỉnh Bạc Liêu tiếp nhận 12.000 hồ sơ trực tuyến.\n"
    "Năm 2023, Bạc Liêu cung cấp 300 dịch vụ công trực tuyến một phần.\n"
)
TEXTS = {
    "gr-baclieu": BL, "gr-yenbai": YB, "gr-kontum": KT, "gr-region": REG, "gr-laichau": LC,
    "gr-soctrang": ST, "gr-boxd": BXD, "gr-haugiang": HG, "gr-tanan": TA, "gr-botc": BTC,
}  # fmt: skip
LOW = 0.4  # below the confident cut-off (llmx.core.records.DEFAULT_CONFIDENCE)


def _ir(text: str, needle: str, **kw: Any) -> IndexResult:
    kw.setdefault("index", "PAR_INDEX")
    return IndexResult(evidence=sentence(text, needle), **kw)


def _init(text: str, needle: str, **kw: Any) -> Initiative:
    return Initiative(evidence=sentence(text, needle), **kw)


def records() -> dict[str, dict[str, list]]:
    return {
        "gr-baclieu": {"metrics": [
            Metric(entity="Bạc Liêu", name="hồ sơ trực tuyến", value=12000, unit="hồ sơ",
                   year=2023, evidence=sentence(BL, "12.000")),
            Metric(entity="Bạc Liêu", name="dịch vụ công trực tuyến một phần", value=300,
                   unit="dịch vụ", year=2023, evidence=sentence(BL, "300")),
        ]},
        "gr-yenbai": {"index_results": [
            _ir(YB, "thứ 7", entity="Yên Bái", index="PCI", year=2021, rank=7),
            _ir(YB, "66,20", entity="Yên Bái", index="PCI", year=2021, score=66.2,
                confidence=LOW),
        ]},
        "gr-kontum": {"index_results": [
            _ir(KT, "thứ 11", entity="Kon Tum", index="DTI", year=2022, rank=11),
            _ir(KT, "0,41", entity="Kon Tum", index="DTI", year=2022, score=0.41,
                component="Chính quyền số"),
        ]},
        "gr-region": {"index_results": [
            _ir(REG, "Quảng Ninh", entity="Quảng Ninh", index="PCI", year=2021, rank=1),
            _ir(REG, "Lạng Sơn", entity="Lạng Sơn", index="PCI", year=2021, rank=1,
                scope="region:Trung du và miền núi phía Bắc"),
        ]},
        "gr-laichau": {"index_results": [
            _ir(LC, "thứ 40", entity="Lai Châu", year=2023, rank=40),
            _ir(LC, "Phong Thổ", entity="huyện Phong Thổ", entity_level="district", year=2023,
                rank=3, scope="province:Lai Châu"),
        ]},
        "gr-soctrang": {"index_results": [
            _ir(ST, "thứ 25", entity="Sóc Trăng", index="PCI", year=2022, rank=25,
                confidence=LOW),
            _ir(ST, "thứ 30", entity="Sóc Trăng", index="PGI", year=2022, rank=30,
                confidence=LOW),
        ]},
        "gr-boxd": {"index_results": [
            _ir(BXD, "Bộ Xây dựng", entity="Bộ Xây dựng", entity_level="ministry",
                index="SERVICE_INDEX", year=2024, rank=1),
        ]},
        "gr-haugiang": {"initiatives": [
            _init(HG, "Sáng thứ Bảy", entity="Hậu Giang", name="Sáng thứ Bảy gặp gỡ"),
            _init(HG, "Sáng thứ Bảy", entity="Hội Doanh nhân trẻ tỉnh Hậu Giang",
                  name="Sáng thứ Bảy gặp gỡ"),
        ]},
        "gr-tanan": {"initiatives": [
            _init(TA, "Một cửa", entity="phường Tân An", name="Một cửa không giấy"),
            _init(TA, "Tổ công tác", entity="phường Tân An", name="Tổ công tác lưu động",
                  year=2020),
        ]},
        "gr-botc": {"index_results": [
            _ir(BTC, "thứ 3", entity="Bộ Tài chính", entity_level="ministry", year=2020, rank=3),
            _ir(BTC, "100%", entity="Bộ Tài chính", entity_level="ministry", year=2020,
                score=100.0, confidence=LOW),
        ]},
    }  # fmt: skip


def build_store(path: Path, *, backend: str = "rules") -> Store:
    return store_corpus(path, TEXTS, records(), backend=backend)
