"""An invented corpus for tests/test_qa_crosslang.py: metric records named in one language
asked about in the other (an English article's "share of dossiers filed online" for "tỷ lệ
hồ sơ trực tuyến", a Vietnamese report's "tỷ lệ hồ sơ giải quyết đúng hạn" for an on-time
rate), a count stated in English for a Vietnamese "bao nhiêu tỉnh" question, the country's
own figures, and complete and incomplete rankings to count moves from."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from llmx.core.records import IndexResult, Metric
from llmx.store import Store
from support.qa_corpus import sentence, store_corpus

EN_ONLINE = (
    "Ninh Thuan steps up online services\n"
    "In 2024, Ninh Thuan's share of dossiers filed online reached 61.4 percent.\n"
    "End-to-end online dossiers made up 38.2 percent of all dossiers in Hau Giang in 2024.\n"
    "Public satisfaction with the delivery of administrative services in Soc Trang stood "
    "at 86.3 percent in 2024.\n"
)
VI_ONTIME = (
    "Kết quả giải quyết hồ sơ năm 2024 của Phú Thọ\n"
    "Năm 2024, tỷ lệ hồ sơ giải quyết đúng hạn của Phú Thọ đạt 97,2%.\n"
)
EN_COUNT = (
    "SIPAS 2023: most provinces did better\n"
    "In 2023, 41 provinces improved their SIPAS performance.\n"
)
# The country's own figure, beside a province's of the same kind (EN_ONLINE).
EN_NATION = (
    "Online services across the country\n"
    "Nationwide, end-to-end online dossiers made up 44.6 percent of all dossiers in 2024.\n"
    "The Ministry of Information and Communications itself handled 61.5 percent of its own "
    "dossiers end-to-end online in 2024.\n"
    "Năm 2024, Bộ Nội vụ giải quyết 52,3% hồ sơ của bộ theo hình thức trực tuyến toàn trình.\n"
)
# The country's dossiers, told as all its provinces' ("63 tỉnh, thành phố").
VI_NATION = (
    "Hồ sơ trực tuyến năm 2024\n"
    "Năm 2024, 63 tỉnh, thành phố tiếp nhận tổng cộng 9,8 triệu hồ sơ, trong đó có 7,2 triệu "
    "hồ sơ trực tuyến.\n"
)
# A complete ranking with every move stated (PCI), one with a place missing (PAPI), one
# with a move missing (DTI).
RANKED = (
    "Bảng xếp hạng năm 2024 của bốn tỉnh\n"
    "PCI 2024: Bình Phước thứ 1/4, tăng 2 bậc.\n"
    "PCI 2024: Tây Ninh thứ 2/4, giảm 1 bậc.\n"
    "PCI 2024: Long An thứ 3/4, tăng 1 bậc.\n"
    "PCI 2024: Đồng Nai thứ 4/4, giảm 2 bậc.\n"
    "PAPI 2024: Bình Phước thứ 1/4, tăng 1 bậc.\n"
    "PAPI 2024: Tây Ninh thứ 2/4, tăng 1 bậc.\n"
    "PAPI 2024: Long An thứ 4/4, giảm 2 bậc.\n"
    "DTI 2024: Bình Phước thứ 1/4, tăng 1 bậc.\n"
    "DTI 2024: Tây Ninh thứ 2/4.\n"
    "DTI 2024: Long An thứ 3/4, tăng 1 bậc.\n"
    "DTI 2024: Đồng Nai thứ 4/4, giảm 2 bậc.\n"
)
# Online services by mode and level, in English.
EN_MODES = (
    "Kien Giang's online services in 2024\n"
    "In 2024, Kien Giang offered 310 fully online public services and 120 partly online "
    "public services.\n"
    "Ca Mau offered 95 level-3 online public services in 2024.\n"
)
# A ministry's review of legal documents, told in Vietnamese; cuts told in English, one of
# them read with its headline (the services whose fees were cut).
VI_REVIEW = (
    "Công tác xây dựng pháp luật năm 2024\n"
    "Năm 2024, Bộ Tư pháp đã rà soát, hệ thống hóa 4.200 văn bản quy phạm pháp luật.\n"
)
EN_CUTS = (
    "Ha Nam makes public administrative services cheaper\n"
    "In 2024, Ha Nam cut fees by 40 percent.\n"
    "Kien Giang cut processing times by 35 percent in 2024.\n"
)
TEXTS = {
    "c-modes": EN_MODES, "c-ranked": RANKED, "c-en-online": EN_ONLINE, "c-vi-ontime": VI_ONTIME,
    "c-en-count": EN_COUNT, "c-en-nation": EN_NATION, "c-vi-nation": VI_NATION,
    "c-vi-review": VI_REVIEW, "c-en-cuts": EN_CUTS,
}  # fmt: skip


def _m(text: str, needle: str, **kw: Any) -> Metric:
    kw.setdefault("year", 2024)
    kw.setdefault("unit", "%")
    return Metric(evidence=sentence(text, needle), **kw)


def _ranked(index: str, entity: str, rank: int, change: int | None) -> IndexResult:
    line = f"{index} 2024: {entity} thứ {rank}/4"
    return IndexResult(evidence=sentence(RANKED, line), entity=entity, index=index, year=2024,
                       rank=rank, rank_total=4, rank_change=change)


def records() -> dict[str, dict[str, list]]:
    return {
        "c-modes": {"metrics": [
            _m(EN_MODES, "310", entity="Kiên Giang",
               name="number of fully online public services", value=310, unit="services"),
            _m(EN_MODES, "310", entity="Kiên Giang",
               name="number of partly online public services", value=120, unit="services"),
            _m(EN_MODES, "95 level-3", entity="Cà Mau",
               name="number of level-3 online public services", value=95, unit="services"),
        ]},
        "c-ranked": {"index_results": [
            _ranked("PCI", "Bình Phước", 1, 2), _ranked("PCI", "Tây Ninh", 2, -1),
            _ranked("PCI", "Long An", 3, 1), _ranked("PCI", "Đồng Nai", 4, -2),
            _ranked("PAPI", "Bình Phước", 1, 1), _ranked("PAPI", "Tây Ninh", 2, 1),
            _ranked("PAPI", "Long An", 4, -2),
            _ranked("DTI", "Bình Phước", 1, 1), _ranked("DTI", "Tây Ninh", 2, None),
            _ranked("DTI", "Long An", 3, 1), _ranked("DTI", "Đồng Nai", 4, -2),
        ]},
        "c-en-online": {"metrics": [
            _m(EN_ONLINE, "61.4", entity="Ninh Thuận", name="share of dossiers filed online",
               value=61.4),
            _m(EN_ONLINE, "38.2", entity="Hậu Giang", name="share of end-to-end online dossiers",
               value=38.2),
            # A short, generic name: the quote carries what it is a rate of.
            _m(EN_ONLINE, "86.3", entity="Sóc Trăng", name="satisfaction", value=86.3),
        ]},
        "c-vi-ontime": {"metrics": [
            _m(VI_ONTIME, "97,2", entity="Phú Thọ", name="tỷ lệ hồ sơ giải quyết đúng hạn",
               value=97.2),
        ]},
        "c-en-nation": {"metrics": [
            _m(EN_NATION, "44.6", entity="Việt Nam", name="share of end-to-end online dossiers",
               value=44.6),
            # the reporting ministries' own figures: not the country's
            _m(EN_NATION, "61.5", entity="Bộ Thông tin và Truyền thông",
               name="share of its own dossiers handled end-to-end online", value=61.5),
            _m(EN_NATION, "52,3", entity="Bộ Nội vụ",
               name="tỷ lệ hồ sơ của bộ giải quyết trực tuyến toàn trình", value=52.3),
        ]},
        "c-vi-nation": {"metrics": [
            _m(VI_NATION, "9,8", entity="Việt Nam", name="số hồ sơ tiếp nhận", value=9_800_000,
               unit="hồ sơ"),
            _m(VI_NATION, "9,8", entity="Việt Nam", name="số hồ sơ trực tuyến",
               value=7_200_000, unit="hồ sơ"),
        ]},
        "c-vi-review": {"metrics": [
            _m(VI_REVIEW, "4.200", entity="Bộ Tư pháp",
               name="số văn bản được rà soát, hệ thống hóa", value=4200, unit="văn bản"),
        ]},
        "c-en-cuts": {"metrics": [
            _m(EN_CUTS, "40", entity="Hà Nam", name="reduction in fees", value=40),
            _m(EN_CUTS, "35", entity="Kiên Giang", name="reduction in processing time", value=35),
        ]},
        "c-en-count": {"metrics": [
            _m(EN_COUNT, "41 provinces", entity="Việt Nam", year=2023,
               name="number of provinces improved their performance (SIPAS)", value=41,
               unit="provinces"),
        ]},
    }  # fmt: skip


def build_store(path: Path, *, backend: str = "rules") -> Store:
    return store_corpus(path, TEXTS, records(), backend=backend, headlines=True)
