"""The vocabulary as its readers see it: entries (phrasings that mean something) and
concepts (the canonical names a label is shown by), plain frozen dataclasses. The data files
are validated against ``model`` (pydantic) when they are read; what passed is kept in a
cache (``load``), so a reader that only looks phrasings up (`llmx ask`) imports no pydantic.
``tests/test_vocab_load.py`` checks these fields against ``model``'s."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Lang = Literal["vi", "en"]

# The families of phrasings. A reader asks for the kinds it needs; a new kind is a new word
# here plus its entries in the data files.
Kind = Literal[
    "index",  # index names and aliases; label = index code
    "ordinal",  # "thứ nhất", "third", "á quân"; value = the rank
    "cardinal",  # "ba", "three" (top three); value = the count
    "leader",  # "dẫn đầu", "đứng đầu", "topped": rank 1
    "highest",  # "cao nhất", "best": the top by value, not a stated rank
    "lowest",  # "thấp nhất", "xếp cuối", "last"
    "hold",  # "giữ vững vị trí": a rank change of 0
    "rank_cue",  # "xếp thứ", "đứng ở vị trí", "ranked": a rank number follows
    "rank_change",  # "tăng 3 bậc" (sign +1), "tụt 2 hạng" (sign -1)
    "score_change",  # "tăng 1,2 điểm"
    "score_unit",  # "điểm", "%"
    "total_unit",  # "/63 tỉnh", "trong số 20 sở": what a rank total counts
    "bloc",  # "khối bộ, ngành", "the 19 ministries": a group as a clause's subject
    "target",  # "kế hoạch", "mục tiêu", "phấn đấu": a goal, not a result
    "scope",  # "cả nước" (national), "trong vùng" (region), "trong tỉnh" (province)
    "initiative_kind",  # "mô hình", "sáng kiến", "phương châm", ...
    "initiative_cue",  # "ứng dụng", "khâu đột phá": name an initiative in text, not in questions
    "initiative_owner",  # "Tỉnh đoàn", "Công an tỉnh": bodies that run initiatives
    "metric",  # metric names: "tỷ lệ hồ sơ trực tuyến", "TTHC", "mức độ 4"
    "count_unit",  # "hồ sơ", "thủ tục", "ngày làm việc": what a counted number measures
    "measure_unit",  # a metric's unit by meaning: "doanh nghiệp" = "businesses" = "firms"
    "metric_verb",  # "đạt", "chiếm", "lên tới": a metric's value follows
    "component_cue",  # "lĩnh vực", "chỉ số thành phần": a sub-index name follows
    "component",  # an index's parts: "Chính quyền số", "Gia nhập thị trường"; label = name
    "comparison",  # "so với năm 2021", "cùng kỳ năm 2022": an earlier year compared with
    "unit_prefix",  # "huyện", "thị xã", "xã", "phường": a unit's name follows
    "other_ranking",  # "Cổng dịch vụ công", "portal": a ranking of no index the contract names
    "agency",  # "Sở Tư pháp", "Bộ Công Thương", "Văn phòng UBND tỉnh": ranked agencies
    "table_column",  # "STT", "Đơn vị", "Điểm", "Xếp hạng": what a ranking table's column holds
]


@dataclass(frozen=True, kw_only=True)
class Entry:
    """One phrasing. ``pattern`` is written in accented Vietnamese (or English) with a small
    regular-expression syntax (see ``compile``); what it means is ``kind`` + ``label`` plus
    the attributes a reader needs (``value``, ``sign``, ``attrs``)."""

    kind: Kind
    label: str
    pattern: str
    lang: Lang = "vi"
    value: float | None = None
    sign: Literal[-1, 0, 1] | None = None
    attrs: dict[str, str] = field(default_factory=dict)
    priority: int = 0
    # Read in questions only ("satisfaction" names SIPAS in a question, not in a report);
    # readers of documents (the rules extractor) leave it out.
    questions_only: bool = False
    examples: list[str]  # texts the entry must match
    negatives: list[str] = field(default_factory=list)  # texts it must not match


@dataclass(frozen=True, kw_only=True)
class Concept:
    """A label's canonical names: ``vi`` and ``en`` for display; ``prompt`` for the names the
    LLM prompts list (each must be recognised as this label by the vocabulary)."""

    kind: Kind
    label: str
    vi: str
    en: str
    prompt: list[str] = field(default_factory=list)
    plan_prompt: list[str] = field(default_factory=list)
    # An index's usual score unit ("percent" for the PAR Index and SIPAS): a bare percentage
    # after a unit's name is read as the score only of an index scored that way.
    score_unit: str = ""
    note: str = ""
