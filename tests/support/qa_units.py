"""A hand-written QA corpus (not the seeds) of units inside provinces: a department named
with its province, a district whose two earlier ranks disagree (tests/test_qa_units.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from llmx.core.records import IndexResult, Metric
from llmx.store import Store
from support.qa_corpus import sentence, store_corpus

HY = (
    "Các sở, ngành tỉnh Hưng Yên năm 2022\n"
    "Trong khối sở, ngành tỉnh Hưng Yên, Sở Tài nguyên và Môi trường đứng thứ 7 về Chỉ số "
    "CCHC năm 2022.\n"
)
ND = (
    "Các sở, ngành tỉnh Nam Định năm 2022\n"
    "Sở Tài nguyên và Môi trường tỉnh Nam Định đứng thứ 3 trong các sở, ngành về Chỉ số "
    "CCHC năm 2022.\n"
)
# One district, two readings of its 2021 place, one of 2022.
KT = (
    "Chỉ số CCHC cấp huyện của Kon Tum\n"
    "Năm 2021, huyện Đăk Hà đứng thứ 4 trong các huyện của tỉnh Kon Tum.\n"
    "Một bài khác ghi năm 2021 huyện Đăk Hà đứng thứ 6.\n"
    "Năm 2022, huyện Đăk Hà đứng thứ 2 trong các huyện của tỉnh Kon Tum.\n"
)
# Component results named without a cue word in the question, and the whole index.
PY = (
    "PAPI 2020 của Phú Yên\n"
    "Năm 2020, Phú Yên đạt 42,10 điểm PAPI.\n"
    "Trách nhiệm giải trình với người dân của Phú Yên đạt 6,10 điểm.\n"
    "Chỉ số CCHC năm 2020 của Phú Yên đạt 84,20 điểm.\n"
    "Riêng lĩnh vực cải cách hành chính của Phú Yên đạt 9,50 điểm.\n"
)
KH = "Khanh Hoa in PAPI 2020\nKhanh Hoa scored 6.40 points for Control of Corruption.\n"
# A doubtful whole-index score whose own quote is about two components.
MOJ = (
    "Chỉ số CCHC năm 2019 của khối bộ\n"
    "Bộ Tư pháp dẫn đầu khối bộ, ngành về Chỉ số CCHC năm 2019.\n"
    "Bộ đạt 100% số điểm tối đa ở hai chỉ số thành phần.\n"
)
# Components named in the other language than the question's.
QB = "Quang Binh in DTI 2021\nQuang Binh was 9th in digital economy in the DTI 2021.\n"
HD = (
    "PAPI 2021 của Hải Dương\n"
    "Nội dung Thủ tục hành chính công của Hải Dương đạt 7,20 điểm năm 2021.\n"
    "Năm 2021, Hải Dương đạt 42,68 điểm PAPI.\n"
)
# Dossiers received by a province in all, and by its communes.
TQ = (
    "Hồ sơ quý II/2022 ở Tuyên Quang\n"
    "Quý II/2022, toàn tỉnh Tuyên Quang tiếp nhận 40.000 hồ sơ.\n"
    "Riêng cấp xã tiếp nhận 15.000 hồ sơ.\n"
)
YB = "Hồ sơ quý II/2022 ở Yên Bái\nQuý II/2022, tỉnh Yên Bái tiếp nhận 30.000 hồ sơ.\n"
# A count whose quote names the commune level in passing, and the communes' own count.
HG = (
    "Administrative procedures in Ha Giang\n"
    "At present the provincial and commune Public Administration Service Centers provide "
    "about 2,230 administrative procedures, with more than 50 provincial administrative "
    "procedures that can be submitted at the commune level, and nearly 420 administrative "
    "procedures offered as online public services across the province.\n"
    "In 2021 there were 1,200 administrative procedures in total, 142 of them at the commune "
    "level.\n"
)
TEXTS = {
    "unit-tq": TQ, "unit-yb": YB, "unit-qb": QB, "unit-hd": HD, "unit-moj": MOJ,
    "unit-hungyen": HY, "unit-namdinh": ND, "unit-kontum": KT, "unit-phuyen": PY,
    "unit-khanhhoa": KH, "unit-hg": HG,
}  # fmt: skip


def _ir(text: str, needle: str, **kw: Any) -> IndexResult:
    kw.setdefault("index", "PAR_INDEX")
    return IndexResult(evidence=sentence(text, needle), **kw)


def records() -> dict[str, dict[str, list]]:
    dept = {"entity_level": "department", "year": 2022, "entity": "Sở Tài nguyên và Môi trường"}
    dist = {"entity_level": "district", "scope": "province:Kon Tum", "entity": "huyện Đăk Hà"}
    return {
        "unit-hungyen": {"index_results": [
            _ir(HY, "thứ 7", rank=7, scope="province:Hưng Yên", **dept),
        ]},
        "unit-namdinh": {"index_results": [
            _ir(ND, "thứ 3", rank=3, scope="province:Nam Định", **dept),
        ]},
        "unit-kontum": {"index_results": [
            _ir(KT, "thứ 4", year=2021, rank=4, **dist),
            _ir(KT, "thứ 6", year=2021, rank=6, **dist),
            _ir(KT, "thứ 2", year=2022, rank=2, **dist),
        ]},
        "unit-tq": {"metrics": [
            Metric(entity="Tuyên Quang", name="số hồ sơ tiếp nhận", value=40000, unit="hồ sơ",
                   year=2022, evidence=sentence(TQ, "40.000")),
            Metric(entity="Tuyên Quang", name="số hồ sơ cấp xã tiếp nhận", value=15000,
                   unit="hồ sơ", year=2022, evidence=sentence(TQ, "15.000")),
        ]},
        "unit-yb": {"metrics": [
            Metric(entity="Yên Bái", name="số hồ sơ tiếp nhận", value=30000, unit="hồ sơ",
                   year=2022, evidence=sentence(YB, "30.000")),
        ]},
        "unit-qb": {"index_results": [
            _ir(QB, "9th", entity="Quảng Bình", index="DTI", year=2021, rank=9,
                component="digital economy"),
        ]},
        "unit-hd": {"index_results": [
            _ir(HD, "7,20", entity="Hải Dương", index="PAPI", year=2021, score=7.20,
                component="Thủ tục hành chính công"),
            _ir(HD, "42,68", entity="Hải Dương", index="PAPI", year=2021, score=42.68),
        ]},
        "unit-moj": {"index_results": [
            IndexResult(
                entity="Bộ Tư pháp", entity_level="ministry", index="PAR_INDEX", year=2019,
                rank=1, score=100, confidence=0.3, evidence=sentence(MOJ, "dẫn đầu"),
                field_evidence={"score": sentence(MOJ, "100%")},
            ),
        ]},
        "unit-phuyen": {"index_results": [
            _ir(PY, "42,10", entity="Phú Yên", index="PAPI", year=2020, score=42.10),
            _ir(PY, "84,20", entity="Phú Yên", index="PAR_INDEX", year=2020, score=84.20),
            # a field whose name is the index's own words
            _ir(PY, "9,50", entity="Phú Yên", index="PAR_INDEX", year=2020, score=9.50,
                component="Cải cách hành chính"),
            _ir(PY, "6,10", entity="Phú Yên", index="PAPI", year=2020, score=6.10,
                component="Trách nhiệm giải trình với người dân"),
        ]},
        "unit-hg": {"metrics": [
            Metric(entity="Hà Giang", value=420, unit="procedures",
                   name="number of administrative procedures offered as online public services "
                        "across the province", evidence=sentence(HG, "420")),
            Metric(entity="Hà Giang", name="number of commune-level administrative procedures",
                   value=142, unit="procedures", year=2021, evidence=sentence(HG, "142")),
        ]},
        "unit-khanhhoa": {"index_results": [
            _ir(KH, "6.40", entity="Khánh Hòa", index="PAPI", year=2020, score=6.40,
                component="Control of Corruption"),
        ]},
    }  # fmt: skip


def build_store(path: Path, *, backend: str = "rules") -> Store:
    return store_corpus(path, TEXTS, records(), backend=backend)
