"""A hand-written QA corpus (not the seeds, no corpus sentences) for averages of the country
and of the ministries' bloc, stated counts of units meeting a condition, two doubtful sources
that disagree, and a "last" word about another unit of a ranking (tests/test_qa_aggregates.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from llmx.core.records import IndexResult, Metric
from llmx.store import Store
from support.qa_corpus import sentence, store_corpus

AVG = (
    "Kết quả Chỉ số SIPAS năm 2021\n"
    "Chỉ số SIPAS bình quân của 63 tỉnh, thành phố năm 2021 đạt 79,40%.\n"
    "Mức tăng so với năm 2020 là 1,2%.\n"
    "Chỉ số CCHC bình quân của 17 bộ, cơ quan ngang bộ năm 2021 đạt 84,75%.\n"
)
AVG_EN = (
    "Satisfaction index 2022\n"
    "The national average SIPAS score came to 81.30% in 2022.\n"
)
COUNTS = (
    "Bảng xếp hạng PCI năm 2021\n"
    "Trong bảng xếp hạng PCI năm 2021, có 31 tỉnh tăng hạng so với năm 2020.\n"
    "Trong số đó, 5 tỉnh tăng hạng mạnh, từ 10 bậc trở lên.\n"
)
COUNTS_EN = (
    "PCI 2019 in brief\n"
    "In the PCI 2019, 40 provinces climbed the table against 2018.\n"
)
# A province's own stated count of units rated "Tốt", and a rival count of another class.
BD = (
    "Chỉ số CCHC cấp huyện của Bình Định năm 2020\n"
    "Năm 2020, tỉnh Bình Định có 7 huyện, thị xã xếp loại Tốt về Chỉ số CCHC.\n"
    "Có 4 huyện xếp loại Khá.\n"
    "Khối sở có 12 sở xếp loại Tốt.\n"
)
# Two articles, both read with low confidence, giving Yên Bái a different 2020 rank.
YB1 = "Yên Bái năm 2020\nNăm 2020, Chỉ số CCHC của Yên Bái xếp thứ 21.\n"
YB2 = "Kết quả của Yên Bái\nChỉ số CCHC năm 2020 của Yên Bái đứng thứ 26 cả nước.\n"
# The last place belongs to a unit named after the word "cuối", not to the one before it.
MIN = (
    "Chỉ số CCHC năm 2020 của khối bộ\n"
    "Bộ Y tế xếp thứ 12, trong khi người đứng cuối khối bộ, ngành năm nay là Bộ Công "
    "Thương (78,20%).\n"
)
# A rise a record holds, and one told in places that no record holds as a change.
PGI = (
    "Chỉ số PGI năm 2022\n"
    "Năm 2022, Lạng Sơn tăng 4 bậc lên thứ 10 về Chỉ số Xanh cấp tỉnh (PGI).\n"
    "Hòa Bình vượt lên 12 bậc và nay đứng thứ 7 về PGI năm 2022.\n"
)
TEXTS = {
    "agg-pgi": PGI, "agg-avg": AVG, "agg-avg-en": AVG_EN, "agg-counts": COUNTS,
    "agg-counts-en": COUNTS_EN, "agg-binhdinh": BD,
    "agg-yb1": YB1, "agg-yb2": YB2, "agg-ministries": MIN,
}  # fmt: skip

NATION = {"entity": "Việt Nam"}
BLOC = {"entity": "17 bộ, cơ quan ngang bộ"}


def _m(text: str, needle: str, **kw: Any) -> Metric:
    return Metric(evidence=sentence(text, needle), **kw)


def _ir(text: str, needle: str, **kw: Any) -> IndexResult:
    kw.setdefault("index", "PAR_INDEX")
    return IndexResult(evidence=sentence(text, needle), **kw)


def records() -> dict[str, dict[str, list]]:
    ministry = {"entity_level": "ministry", "year": 2020}
    return {
        "agg-pgi": {"index_results": [
            _ir(PGI, "Lạng Sơn", entity="Lạng Sơn", index="PGI", year=2022, rank=10,
                rank_change=4),
            _ir(PGI, "Hòa Bình", entity="Hòa Bình", index="PGI", year=2022, rank=7),
        ]},
        "agg-avg": {"metrics": [
            _m(AVG, "79,40", name="giá trị trung bình Chỉ số SIPAS cả nước", value=79.40,
               unit="%", year=2021, **NATION),
            _m(AVG, "1,2%", name="mức tăng giá trị trung bình Chỉ số SIPAS cả nước so với năm "
               "2020", value=1.2, unit="%", year=2021, **NATION),
            _m(AVG, "84,75", name="giá trị trung bình Chỉ số CCHC của các bộ, cơ quan ngang bộ",
               value=84.75, unit="%", year=2021, **BLOC),
        ]},
        "agg-avg-en": {"metrics": [
            _m(AVG_EN, "81.30", name="national average SIPAS", value=81.30, unit="%", year=2022,
               **NATION),
        ]},
        "agg-counts": {"metrics": [
            _m(COUNTS, "31 tỉnh", name="số tỉnh tăng hạng", value=31, unit="tỉnh", year=2021,
               **NATION),
            # a narrower count the question does not ask: its name says more ("mạnh")
            _m(COUNTS, "5 tỉnh", name="số tỉnh tăng hạng mạnh", value=5, unit="tỉnh",
               year=2021, **NATION),
        ]},
        "agg-counts-en": {"metrics": [
            _m(COUNTS_EN, "40 provinces", name="number of provinces climbed the table",
               value=40, unit="provinces", year=2019, **NATION),
        ]},
        "agg-binhdinh": {"metrics": [
            _m(BD, "7 huyện", entity="Bình Định", name="số huyện, thị xã xếp loại Tốt", value=7,
               unit="huyện", year=2020),
            _m(BD, "4 huyện", entity="Bình Định", name="số huyện xếp loại Khá", value=4,
               unit="huyện", year=2020),
            # a count of departments is no count of districts, however alike its name
            _m(BD, "12 sở", entity="Bình Định", name="số sở xếp loại Tốt", value=12,
               unit="cơ quan", year=2020),
        ]},
        "agg-yb1": {"index_results": [
            _ir(YB1, "thứ 21", entity="Yên Bái", year=2020, rank=21, confidence=0.2),
        ]},
        "agg-yb2": {"index_results": [
            _ir(YB2, "thứ 26", entity="Yên Bái", year=2020, rank=26, confidence=0.2),
        ]},
        "agg-ministries": {"index_results": [
            _ir(MIN, "thứ 12", entity="Bộ Y tế", rank=12, **ministry),
            _ir(MIN, "78,20", entity="Bộ Công Thương", score=78.20, **ministry),
        ]},
    }  # fmt: skip


def build_store(path: Path, *, backend: str = "rules") -> Store:
    return store_corpus(path, TEXTS, records(), backend=backend)
