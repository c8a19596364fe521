"""A second hand-written QA corpus (not the seeds) for the question families of
tests/test_qa_families.py: rises and falls, the largest change, comparisons, years of one
province, two sources that disagree, a record its own quote contradicts, ties that a
negation separates, an initiative at commune level, English ministry names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from llmx.core.records import IndexResult, Initiative
from llmx.store import Store
from support.qa_corpus import sentence, store_corpus

PCI = (
    "Biến động bảng xếp hạng PCI năm 2022\n"
    "Năm 2022, Bắc Giang tăng 10 bậc lên thứ 5, là địa phương tăng hạng mạnh nhất cả nước.\n"
    "Cần Thơ tăng 3 bậc, lên thứ 20.\n"
    "Đà Nẵng giảm 2 bậc, xuống thứ 8.\n"
    "Long An giảm 4 bậc, xuống thứ 9.\n"
)
NB = (
    "Ninh Bình: Chỉ số CCHC qua các năm\n"
    "Năm 2021, Chỉ số CCHC của Ninh Bình đạt 85,10 điểm, xếp thứ 20.\n"
    "Năm 2022, Chỉ số CCHC của Ninh Bình đạt 84,10 điểm, xếp thứ 17.\n"
    "Năm 2023, Chỉ số CCHC của Ninh Bình đạt 87,35 điểm, xếp thứ 12.\n"
    "Năm 2023, Chỉ số CCHC của Hà Giang đạt 86,90 điểm, xếp thứ 14.\n"
)
# Two articles giving Quảng Nam a different 2022 rank.
QN1 = "Quảng Nam năm 2022\nNăm 2022, Chỉ số CCHC của tỉnh Quảng Nam xếp thứ 30.\n"
QN2 = "Kết quả của Quảng Nam\nChỉ số CCHC năm 2022 của Quảng Nam xếp thứ 33 cả nước.\n"
TN = (
    "Các sở, ngành tỉnh Tây Ninh năm 2021\n"
    "Đứng thứ 1 trong các sở, ngành tỉnh Tây Ninh là Văn phòng UBND tỉnh.\n"
    "Sở Tư pháp đứng thứ 9.\n"
)
DTI = (
    "DTI khối bộ năm 2023\n"
    "Ở nhóm bộ, ngành có dịch vụ công, Bộ Tư pháp dẫn đầu.\n"
    "Ở nhóm bộ, ngành không có dịch vụ công, Ủy ban Dân tộc dẫn đầu.\n"
)
QT = (
    "Ngày không hẹn ở Quảng Trị\n"
    "Xã Lao Bảo (tỉnh Quảng Trị) duy trì mô hình “Ngày không hẹn” vào thứ tư hằng tuần.\n"
)
TEXTS = {
    "fam-pci": PCI, "fam-ninhbinh": NB, "fam-qn1": QN1, "fam-qn2": QN2, "fam-tayninh": TN,
    "fam-dti": DTI, "fam-quangtri": QT,
}  # fmt: skip


def _ir(text: str, needle: str, **kw: Any) -> IndexResult:
    kw.setdefault("index", "PAR_INDEX")
    return IndexResult(evidence=sentence(text, needle), **kw)


def records() -> dict[str, dict[str, list]]:
    ministry = {"entity_level": "ministry", "index": "DTI", "year": 2023, "rank": 1}
    dept = {"entity_level": "department", "year": 2021, "scope": "province:Tây Ninh"}
    return {
        "fam-pci": {"index_results": [
            _ir(PCI, "Bắc Giang", entity="Bắc Giang", index="PCI", year=2022, rank=5,
                rank_change=10),
            _ir(PCI, "Cần Thơ", entity="Cần Thơ", index="PCI", year=2022, rank=20,
                rank_change=3),
            _ir(PCI, "Đà Nẵng", entity="Đà Nẵng", index="PCI", year=2022, rank=8, rank_change=-2),
            _ir(PCI, "Long An", entity="Long An", index="PCI", year=2022, rank=9, rank_change=-4),
        ]},
        "fam-ninhbinh": {"index_results": [
            _ir(NB, "85,10", entity="Ninh Bình", year=2021, score=85.10, rank=20),
            _ir(NB, "84,10", entity="Ninh Bình", year=2022, score=84.10, rank=17),
            _ir(NB, "87,35", entity="Ninh Bình", year=2023, score=87.35, rank=12),
            _ir(NB, "86,90", entity="Hà Giang", year=2023, score=86.90, rank=14),
        ]},
        "fam-qn1": {"index_results": [_ir(QN1, "thứ 30", entity="Quảng Nam", year=2022, rank=30)]},
        "fam-qn2": {"index_results": [_ir(QN2, "thứ 33", entity="Quảng Nam", year=2022, rank=33)]},
        "fam-tayninh": {"index_results": [
            _ir(TN, "Văn phòng UBND", entity="Văn phòng UBND tỉnh", rank=1, **dept),
            # What an extractor may store wrongly: the sentence names another department.
            _ir(TN, "Văn phòng UBND", entity="Sở Tư pháp", rank=1, **dept),
            _ir(TN, "thứ 9", entity="Sở Tư pháp", rank=9, **dept),
        ]},
        "fam-dti": {"index_results": [
            _ir(DTI, "Bộ Tư pháp", entity="Bộ Tư pháp", **ministry),
            _ir(DTI, "Ủy ban Dân tộc", entity="Ủy ban Dân tộc", **ministry),
        ]},
        "fam-quangtri": {"initiatives": [
            # Stored at province level, as an extractor may: not an answer to "xã nào".
            Initiative(entity="Quảng Trị", name="Ngày không hẹn",
                       evidence=sentence(QT, "Ngày không hẹn")),
        ]},
    }  # fmt: skip


def build_store(path: Path, *, backend: str = "rules") -> Store:
    return store_corpus(path, TEXTS, records(), backend=backend)
