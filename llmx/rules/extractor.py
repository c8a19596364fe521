"""RulesExtractor: the offline backend. Reads a document sentence by sentence and emits
grounded records; anything the record validators reject is dropped with its reason."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from llmx.backends.base import Backend
from llmx.core.divisions import get_divisions
from llmx.core.document import Document
from llmx.core.gazetteer import NATIONAL_SIZES, get_gazetteer
from llmx.core.outcome import ExtractionOutcome, Rejection
from llmx.core.records import (
    RECORD_TYPES,
    DocumentExtraction,
    Evidence,
)
from llmx.core.scanre import all_matches
from llmx.core.sentences import paragraphs, sentences
from llmx.core.textnorm import fold_keep_offsets
from llmx.core.vocab import get_vocab
from llmx.rules import lexicon as lx
from llmx.rules.confidence import attachment, confidence, lower_contested
from llmx.rules.entities import EntityMention, find_entities, main_entity
from llmx.rules.facts import DOUBT_KEY, merge_facts
from llmx.rules.index_results import (
    Draft,
    Event,
    assemble,
    component_indices,
    drop_group_leads,
    respective_values,
    respectively,
    scan_scopes,
    scan_subjects,
    scan_values,
    share_component_values,
    shared_places,
    stated_total,
)
from llmx.rules.initiatives import InitiativeMemory, find_initiatives
from llmx.rules.metric_averages import index_in as _first_index
from llmx.rules.metric_level_tables import find_level_tables
from llmx.rules.metrics import find_metrics, lead_period_year
from llmx.rules.metrics_carried import MetricMemory
from llmx.rules.plausibility import implausible, unit_scale_indices
from llmx.rules.tables import with_table_results

_RANK_FROM = "_rank_from"  # working key: both ends of a stated move, checked then dropped
_DOUBT = DOUBT_KEY  # working key: why the sentence does not let us say whose figure this is
_ATTACH = "_attach"  # working key: how the record was attached (rules.confidence)
_CARRY_SENTENCES = 1  # an index named in one sentence carries to the next one (any paragraph)
_SINGLE_INDEX_SHARE = 0.8  # share of index mentions that makes an article about one index
_LEAD_YEAR_RE = re.compile(r"(?:\([^)]{1,20}\)\s*-\s*)?(?:trong |rieng )?nam ((?:19|20)\d\d),")
_SUB_PROVINCE = ("district", "commune", "department", "ministry")
_MAY_HAVE_VALUE = re.compile(
    r"\d|dan dau|dung dau|quan quan|cao nhat"
    rf"|\bthu (?:{lx.ORD_ALTS})\b"  # "thứ ba": the vocabulary's ordinal words
)
_EN_RANK_WORD = re.compile(lx.EN_RANK_WORD_HINT)


def _english_place(f: str) -> bool:
    """An English sentence that gives a place in words and says in which ranking ("Da Nang
    topped the ranking"): without a digit, a rank word alone is too weak a sign."""
    if lx.EN_PLACE_CLAUSE_RE.search(f):
        return True  # "Quang Ninh came first.": the ranking is the paragraph's (if it has one)
    return bool(
        _EN_RANK_WORD.search(f)
        and (
            lx.EN_INDEX_ANAPHORA_RE.search(f)
            or _first_index(f)
            # "It was fourth in digital economy", "the city took first place in digital
            # institutions": a field the ranking has
            or _place_in_field(f)
            # "It nonetheless ranked first in the Southeast region": a region's ranking
            or bool(get_gazetteer().find_regions(f))
            # "The capital Hanoi climbed six places to third": a move in words
            or bool(lx.EN_RANK_CHANGE_RE.search(f))
        )
    )


# A place in words, then the field it is in: "fourth in digital economy", "first place for
# transparency" (not "first to open a centre in digital economy zones").
_EN_PLACE_BEFORE_FIELD_RE = re.compile(
    rf"\b(?:{lx.EN_ORD_WORDS})(?:\s+place)?\s+(?:in|for|on)\s+(?:the\s+)?"
)


def _place_in_field(f: str) -> bool:
    return any(
        lx.PLACE_FIELD_NAME_RE.match(f, cue.end()) for cue in lx.PLACE_IN_FIELD_CUE_RE.finditer(f)
    ) or any(
        lx.KNOWN_COMPONENT_RE.match(f, m.end()) for m in _EN_PLACE_BEFORE_FIELD_RE.finditer(f)
    )


# A district or province in brackets right after a named commune or district ("xã Lai Hưng
# (huyện Bàu Bàng)", "phường Bình Thắng (TX. Dĩ An)"): where that unit lies. Not an alias in
# brackets ("the Ministry of Industry and Trade (MoIT)") nor a unit after a superlative
# ("bộ thấp nhất (Bộ Giao thông vận tải)").
_LOCATOR_BEFORE_RE = re.compile(
    r"\b(?:xa|phuong|thi tran|huyen|quan|thi xa)\s+[^\W\d_]+(?:\s+[^\W\d_]+){0,3}\s*\(\s*$"
)
_LOCATOR_LEVELS = ("district", "province")
_LOCATOR_AFTER_RE = re.compile(r"\s*\)")


# What stands between a move and the earlier place in brackets: nothing, or the year the
# move is compared with ("7 places higher than in 2021 (30th of 63)"), the place's own year.
_OPEN_BRACKET_RE = re.compile(
    r"\s*(?:(?:than|on|compared (?:with|to)|so voi)\s+(?:in\s+|nam\s+)?(?P<y>(?:19|20)\d\d)\s*)?"
    r"\(\s*(?:(?:xep|dung)\s+)?"
)


def _bracketed_prior_places(f: str, drafts: list[Draft]) -> None:
    """ "climbed 7 places to 23rd (30th of 63)", "lùi 3 bậc, xuống thứ 20 (thứ 17/63)": a
    place in brackets right after a move to a place, with no year of its own, that the move
    leads from (30 - 7 = 23) is the place of the edition before; its draft is marked so."""
    for a, b in zip(drafts, drafts[1:], strict=False):
        if a.rank is None or a.rank_change is None or b.rank is None:
            continue
        if b.year_back or b.rank_change is not None or b.score is not None:
            continue
        if a.entity is not None and b.entity is not None and a.entity.name != b.entity.name:
            continue
        if b.rank - a.rank_change != a.rank:
            continue  # the bracket is no earlier place the move leads from
        gap = _OPEN_BRACKET_RE.fullmatch(f, a.span_end, b.first_value_at)
        if gap is None:
            continue
        if gap.group("y"):
            b.year = int(gap.group("y"))
        elif b.year is None:
            b.year_back = True


def _doubt(f: str, d: Draft, rec: dict[str, Any]) -> str | None:
    """Why a record's subject cannot be trusted from this sentence, or None."""
    clause_start = _clause_of(f, max(d.first_value_at, 0))
    clause = f[clause_start : max(d.first_value_at, 0)]
    # "… trung bình 86,5%; Bộ Tư pháp đạt 91,2%": an average in an earlier clause is not this one's.
    average_from = max(clause_start, d.first_value_at - 70, 0)
    if (
        rec["entity_level"] != "region"
        # "averaged 83.94% in 2024, 1.28% higher than a year earlier": with no unit named,
        # the change is the average's too (not the publisher's, whose article it is)
        and (d.score is not None or (d.score_change is not None and d.entity is None))
        and lx.AVERAGE_BEFORE_RE.search(f, average_from, max(d.first_value_at, 0))
    ):
        return "an average of many units, not this unit's own result"
    if d.score is not None and lx.GAP_BETWEEN_RE.search(f, clause_start, max(d.first_value_at, 0)):
        return "a gap between units, not a unit's score"
    if d.entity is None and (
        lx.EN_NATIONAL_SUBJECT_RE.match(clause)
        or lx.NATIONAL_SUBJECT_RE.search(clause)
        or lx.NATIONAL_FRAME_RE.match(f)
    ):
        return "the country's figure, not the document's main unit's"
    if d.entity is None and lx.EN_SUPERLATIVE_SUBJECT_RE.search(clause):
        return "a unit told only by its place, not the document's main one"
    cue_window = f[max(0, d.first_value_at - 50) : max(d.first_value_at, 0)]
    if (
        d.component is None
        and lx.COMPONENT_CUE_RE.search(cue_window)
        and not re.search(r"\btong (?:so )?diem\b|\btotal\b", cue_window)  # the sum of them
    ):
        return "the value is a component's, and its name was not read"
    plural = d.entity is None and lx.PLURAL_SUBJECT_RE.search(clause)
    if plural and not lx.PLURAL_FRAME_RE.search(f):  # a group framing the place is no subject
        return "the sentence is about several units, not the document's main one"
    unnamed_or_owner = d.entity is None or (
        d.entity.level == "province"
        and lx.OWNER_BEFORE_RE.search(f, max(0, d.entity.start - 12), d.entity.start)
    )
    if (
        rec["entity_level"] == "province"
        and rec["scope"] == "national"
        and unnamed_or_owner
        and (
            lx.SUB_RANKING_CUE_RE.search(f, max(0, d.first_value_at - 80), d.span_end + 60)
            # a province the sentence does not name at all, in a ranking of its districts or
            # departments ("… huyện X đứng thứ nhất trong khối UBND các huyện"): not its result
            or (d.entity is None and lx.SUB_RANKING_WITHIN_RE.search(f))
        )
    ):
        return "a unit inside the province is ranked here, not the province"
    ent = d.entity
    if (
        ent is not None
        and ent.level in _LOCATOR_LEVELS
        and _LOCATOR_BEFORE_RE.search(f, max(0, ent.start - 40), ent.start)
    ):
        if _LOCATOR_AFTER_RE.match(f, ent.end):
            # "xã Lai Hưng (huyện Bàu Bàng) tăng …": the bracket places the unit before it
            return "a unit named in brackets locates the one before it, it is not the subject"
    scope = str(rec["scope"])
    if (
        ent is not None
        and ent.level == "district"
        and ent.province
        and scope.startswith("province:")
        and scope != f"province:{ent.province}"
    ):
        return f"{ent.name} belongs to {ent.province}, not to {scope.split(':', 1)[1]}"
    return None


_UNKNOWN = "không rõ"  # the entity of a record whose subject was not read (never kept)
_UNIT_CHARS = 18  # how far past a value the scan's mask runs: its unit ("%", " percent")


def _release(mask: list[bool], values: list[Any], d: Draft) -> None:
    """Free the numbers of a doubted draft for the metrics read after it ("bình quân 63
    tỉnh … là 86,37%": the country's average, not the unit's result)."""
    for v in values:
        if d.first_value_at <= v.start < d.span_end:
            # the value and the unit the scan took with it ("86,37" and its "%")
            i = v.start
            while i < min(len(mask), v.end + _UNIT_CHARS) and (i < v.end or mask[i]):
                mask[i] = False
                i += 1


def _owner_index(component: str, borrowed: str, doc_index: str | None) -> str:
    """The index of a component named in a sentence that names no index: the borrowed one
    when the component belongs to it (or to any index), else the component's own: the
    document's main index if it is one of its owners, else the component's usual index."""
    owners = component_indices(component)
    if not owners or borrowed in owners:
        return borrowed
    return doc_index if doc_index in owners else owners[0]


def _in_brackets(f: str, pos: int) -> bool:
    """Whether ``pos`` lies inside round brackets of ``f``."""
    return f.count("(", 0, pos) > f.count(")", 0, pos)


def _context_owner(
    component: str, index: str, para_index: str | None, doc_index: str | None
) -> str:
    """A known component the index named in its sentence does not have, of the index the
    paragraph or the article is about ("PAR Index 2023 … Its appraisal score was 57.04,
    its SIPAS score 8.19"): the component's index, not the one named beside it."""
    owners = component_indices(component)
    if not owners or index in owners:
        return index
    for context in (para_index, doc_index):
        if context in owners:
            return context
    return index


def _named_score(f: str, value: Any, subjects: list) -> bool:
    """An English score or change told after its unit's name ("Kien Giang … at 79.97
    percent", "Quang Ngai recorded the largest gain, 13.2 percent")."""
    framed = value.kind == "score" and lx.EN_SCORE_FRAME_BEFORE_RE.search(
        f, max(0, value.start - 20), value.start
    )
    if not (framed or value.data.get("named")):
        return False
    clause = _clause_of(f, value.start)
    return any(ev.kind == "entity" and clause <= ev.start < value.start for ev in subjects)


def _signed_after_name(f: str, value_at: int, ents: list[EntityMention]) -> bool:
    """True when the value at ``value_at`` is a change told right after a named unit
    ("Bộ Kế hoạch và Đầu tư (-5,31%)", "X tăng mạnh nhất với 7,45%",
    ``lexicon.CHANGE_AFTER_NAME_RE``): the unit's own change, not a metric."""
    return any(
        e.end <= value_at and lx.CHANGE_AFTER_NAME_RE.fullmatch(f, e.end, value_at) for e in ents
    )


_NEXT_CLAUSE_RE = re.compile(r"[,;:]")


def _percent_after_name(f: str, value: Any, ents: list[EntityMention], index: str | None) -> bool:
    """A bare percentage right after a unit's name ("Phú Yên đạt 84,02%", "Nam Định
    (89,71%)"), in a sentence carrying an index scored in percent: that unit's score, when
    nothing after the value says what it is a share of ("84,02% hồ sơ …")."""
    if value.kind != "score" or index not in lx.PERCENT_SCORED:
        return False
    if not lx.SCORE_AFTER_NAME_END_RE.match(f, value.end):
        return False
    if not any(
        e.end <= value.start and lx.SCORE_AFTER_NAME_GAP_RE.fullmatch(f, e.end, value.start)
        for e in ents
    ):
        return False
    value.data["bare_percent"] = True  # confidence: read by its place alone
    return True


@functools.lru_cache(maxsize=1)
def _region_sizes() -> dict[str, int]:
    """How many provinces each socio-economic region holds (the gazetteer's)."""
    sizes: dict[str, int] = {}
    for p in get_gazetteer().provinces:
        sizes[p.region] = sizes.get(p.region, 0) + 1
    return sizes


def _regional_scope(f: str, d: Draft, rec: dict[str, Any]) -> str | None:
    """ "Lao Cai is 2nd of the 14 provinces" in a sentence about a region: a province's rank
    whose total is its own region's size is a rank within that region."""
    if d.scope is not None or rec["entity_level"] != "province" or d.rank_total is None:
        return None
    province = get_gazetteer().lookup(str(rec["entity"]))
    if province is None or _region_sizes().get(province.region) != d.rank_total:
        return None
    return f"region:{province.region}" if lx.REGION_WORD_RE.search(f) else None


def _province_referred(
    f: str, subject: EntityMention | None, doc_province: str | None
) -> EntityMention | None:
    """ "Chỉ số CCHC của tỉnh" in an article about one of the province's departments or
    districts: the province is the subject, not the unit the article is about."""
    if subject is None or subject.level == "province" or not lx.PROVINCE_ANAPHOR_RE.search(f):
        return subject
    province = subject.province or doc_province
    if province is None:
        return subject
    return EntityMention(0, 0, province, "province", province)


def _move_end_year(f: str) -> int | None:
    """The year a move of score ends in when only its start is dated in brackets ("từ 90,30%
    (năm 2021) xuống 82,18%": 2022), for the sentences after it."""
    m = next((m for m in all_matches(lx.SCORE_FROM_TO_RE, f) if m.group("pa")), None)
    return int(m.group("ya")) + 1 if m is not None else None


def _past_its_region(rec: dict[str, Any]) -> bool:
    """A province's place, or its ranking's size, past the number of provinces of the region
    it is scoped to ("thứ 29/63" read beside "khu vực Tây Nguyên"): a national place."""
    scope = str(rec.get("scope") or "")
    if rec["entity_level"] != "province" or not scope.startswith("region:"):
        return False
    size = _region_sizes().get(scope.removeprefix("region:"))
    return size is not None and max(rec.get("rank") or 0, rec.get("rank_total") or 0) > size


def _anaphoric_regions(
    f: str,
    named: list[tuple[int, str]],
    para_region: str | None,
    ents: list[EntityMention],
    main: EntityMention | None,
) -> list[tuple[int, int, str]]:
    """Scope spans for a region referred back to ("leads the region", "trong vùng, từ thứ 1
    xuống thứ 5"): the region named last before the word, in the sentence or earlier in the
    paragraph; else the region of the province the sentence (or the article) is about."""
    out: list[tuple[int, int, str]] = []
    for m in lx.REGION_ANAPHOR_RE.finditer(f):
        group = "w" if m.group("w") else "w2"
        at = m.start(group)
        before = [n for a, n in named if a < at]
        name = before[-1] if before else para_region
        if name is None:
            name = _own_region([e for e in ents if e.start < at] or ([main] if main else []))
        if name is not None:
            out.append((at, m.end(group), name))
    return out


def _own_region(units: list[EntityMention]) -> str | None:
    """The region of the first province among ``units`` (the gazetteer's)."""
    for u in units:
        if u.level == "province":
            province = get_gazetteer().lookup(u.name)
            return province.region if province is not None else None
    return None


def _clause_of(f: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts: clauses are cut at semicolons."""
    return f.rfind(";", 0, pos) + 1


def _region_is_scope(folded: str, start: int, end: int) -> bool:
    line_start = max(folded.rfind(".", 0, start), folded.rfind("\n", 0, start)) + 1
    return bool(
        lx.REGION_AS_SCOPE_BEFORE_RE.search(folded, max(line_start, start - 50), start)
        or lx.REGION_GROUP_AFTER_RE.match(folded, end)  # "the 7 northern mountainous provinces"
    )


def _drop_part_region_leads(
    f: str, values: list[Event], regions: list[tuple[int, int, str]]
) -> list[Event]:
    """A lead over a counted group of a region's provinces that is not all of it ("leads the
    6 northern mountainous provinces", "đứng đầu 7 tỉnh phía Bắc" with no region of that
    size named) is first in no ranking that is stored: the leader word gives no place."""
    sizes = _region_sizes()

    def part_of_region(v: Event) -> bool:
        m = lx.LEAD_OVER_GROUP_RE.match(f, v.end)
        if m is None or int(m.group("n")) >= 63:
            return False
        named = [n for a, _, n in regions if 0 <= a - m.end() <= 2]
        if named:
            return sizes.get(named[0]) != int(m.group("n"))
        return bool(lx.PART_OF_REGION_WORD_RE.match(f, m.end()))

    return [
        v for v in values if not (v.kind == "rank" and v.data.get("leader") and part_of_region(v))
    ]


def _is_dateline(text: str, e: EntityMention) -> bool:
    before = text[max(0, e.start - 3) : e.start]
    at_line_start = e.start == 0 or before.endswith("\n") or not before.strip()
    return at_line_start and bool(lx.DATELINE_AFTER_RE.match(text, e.end))


def _is_publisher(folded: str, e: EntityMention) -> bool:
    """The unit named as who compiled or published the ranking ("compiled by the Ministry of
    Home Affairs", "do Bộ Thông tin và Truyền thông công bố"): not a ranked unit."""
    return bool(
        lx.PUBLISHER_BEFORE_RE.search(folded, max(0, e.start - 24), e.start)
        or (
            lx.PUBLISHER_DO_RE.search(folded, max(0, e.start - 4), e.start)
            and lx.PUBLISHER_VERB_AFTER_RE.match(folded, e.end)
        )
    )


def _merge_mentions(
    entities: list[EntityMention], regions: list[EntityMention]
) -> list[EntityMention]:
    """Region mentions join the entity list where no other mention overlaps them."""
    kept = [r for r in regions if not any(e.start < r.end and r.start < e.end for e in entities)]
    return sorted([*entities, *kept], key=lambda e: (e.start, e.end, e.name))


# A headline or lead announcing an assessment's results without the index's short name
# ("công bố báo cáo kết quả đánh giá mức độ chuyển đổi số cấp bộ, cấp tỉnh năm 2020"): that
# year is the edition's (folded text).
_ASSESSED_YEAR_RE = re.compile(
    r"\b(?:ket qua (?:danh gia|xep hang|cham diem)|bao cao danh gia)"
    r"(?: [a-z&]+,?){1,10} nam (?P<y>(?:19|20)\d\d)\b"
)


def _edition_year(title: str | None, folded: str) -> int | None:
    """The year of the index edition the headline or lead names ("PCI 2022", "Chỉ số CCHC năm
    2021"): the year its undated figures measure."""
    for source in (fold_keep_offsets(title or ""), folded[:600]):
        m = lx.EDITION_YEAR_RE.search(source)
        if m:
            return int(m.group("y") or m.group("y2") or m.group("y3"))
        said = _ASSESSED_YEAR_RE.search(source)
        if said:
            return int(said.group("y"))
    # Further down, an edition named in one year only ("the average index for 2018") is the
    # article's; two editions named leave it unknown.
    named = {
        int(m.group("y") or m.group("y2") or m.group("y3"))
        for m in lx.EDITION_YEAR_RE.finditer(folded)
    }
    return named.pop() if len(named) == 1 else None


def _period_year(f: str) -> int | None:
    """The year of the one period a sentence names ("tháng 8-2025", "quý II/2024"), if one."""
    named = {int(m.group("y")) for m in lx.LIVE_PERIOD_YEAR_RE.finditer(f)}
    return named.pop() if len(named) == 1 else None


def _live_year(title: str | None, folded: str) -> int | None:
    """The year a continuously published index's undated figures are read in: that of the
    table the headline or lead names ("tuần 03/2024"), else, when the text reads the table
    as of a day without a year ("Tới ngày 29/8"), that of the article's date."""
    head = (fold_keep_offsets(title or ""), folded[:600])
    for source in head:
        m = lx.LIVE_PERIOD_YEAR_RE.search(source)
        if m:
            return int(m.group("y"))
    if lx.AS_OF_DAY_RE.search(folded):
        for source in head:
            m = lx.FULL_DATE_YEAR_RE.search(source)
            if m:
                return int(m.group("y"))
    return None


def _dominant_index(title: str | None, folded: str) -> tuple[str | None, float]:
    """The index an article is about (most mentioned, the title counting triple) and its
    share of all index mentions."""
    counts: dict[str, int] = {}
    for source, weight in ((folded, 1), (fold_keep_offsets(title or ""), 3)):
        for m in lx.INDEX_ANY_RE.finditer(source):
            assert m.lastgroup is not None  # every alternative of the pattern is a named group
            code = lx.INDEX_CODES[int(m.lastgroup[1:])]
            counts[code] = counts.get(code, 0) + weight
    if not counts:
        return None, 0.0
    best = max(counts, key=counts.__getitem__)
    return best, counts[best] / sum(counts.values())


# A value, its noun and the year it is of, in English (folded): "5th place in 2023", "90.48
# points in 2023", "13th in the 2023 rankings".
_EN_YEAR_AFTER_VALUE_RE = re.compile(
    r"\S+\s+(?:(?:place|position|spot|points?|percent)\s+)?(?:in|for)\s+(?:the\s+)?(\d{4})\b"
)


def _year_after_value(f: str, d: Draft) -> int | None:
    """The year told right after a draft's first value ("to 5th place in 2023"): its own,
    though a move's first year ("from last place in 2022") comes before it."""
    if d.first_value_at < 0:
        return None
    m = _EN_YEAR_AFTER_VALUE_RE.match(f, d.first_value_at)
    return int(m.group(1)) if m is not None else None


def _dominant_province(entities: list[EntityMention], main: EntityMention | None) -> str | None:
    if main is not None and main.level == "province":
        return main.name
    counts: dict[str, int] = {}
    for e in entities:
        if e.level == "province":
            counts[e.name] = counts.get(e.name, 0) + 1
    if not counts:
        # No province named ("Nam Sach District People's Committee …"): the one its districts
        # and communes lie in, where the division lists agree on it.
        # Districts first: a commune's name recurs across provinces more often.
        for levels in (("district",), ("district", "commune")):
            within = {e.province for e in entities if e.level in levels}
            if len(within) == 1 and None not in within:
                return within.pop()
        return None
    return max(counts, key=counts.__getitem__)


@dataclass(slots=True)
class _Carry:
    index: str | None = None
    year: int | None = None
    age: int = 99
    is_target: bool = False
    index_years: dict[str, int] = field(default_factory=dict)  # last year seen per index
    # The sentence the index was carried from names a rate ("Tỷ lệ hồ sơ trực tuyến … (Chỉ số
    # CCHC):"): the bare percentages under it are that rate's, not the index's scores.
    rate_named: bool = False
    para: int = -1
    index_para: int = -2
    doc_index: str | None = None
    single_index: bool = False  # the article is about one index: undeclared results are its
    doc_province: str | None = None
    edition_year: int | None = None  # the edition of the main index the article reports on
    doc_year: int | None = None  # the year an article's lead opens with ("Năm 2021, …")
    live_year: int | None = None  # the year of the date a live index's table is read at
    seen_years: set[int] = field(default_factory=set)  # years measured by earlier sentences
    compared: tuple[int, ...] = ()  # the years the current sentence compares with
    prev_ents: list[EntityMention] = field(default_factory=list)  # the last sentence naming any
    prev_subject_para: int = -1
    # The component an earlier sentence of the paragraph gave results of, and nothing else
    # ("Access to land reached 7.67 points. … lifting the province 6 places to 6th."): the
    # field of a later place there that names no index or field.
    component: str | None = None
    component_para: int = -1


_SENTENCE_END = (".", "!", "?", "…", ":", ";")
# A credit or note in brackets after the last sentence: "… (70,1 điểm). (Ảnh: KT)".
_TRAILING_NOTE_RE = re.compile(r"\s*\([^()]{1,60}\)$")


# "on August 31, 2024": an English lead's date, whose year is the text's "this year".
_EN_DATELINE_RE = re.compile(rf"\b{lx.EN_MONTHS}\s+\d{{1,2}},\s+(?P<y>(?:19|20)\d\d)\b")


def _latest_year(seen: set[int], folded_doc: str) -> int | None:
    """The latest year the article measures, else the latest it dates ("đến ngày 28/10/2025",
    "Tháng 10/2025"): the year of the figures it gives undated ("Hiện nay, …")."""
    if seen:
        return max(seen)
    dated = [int(m.group("y")) for m in lx.FULL_DATE_YEAR_RE.finditer(folded_doc)]
    dated += [int(m.group("y")) for m in lx.LIVE_PERIOD_YEAR_RE.finditer(folded_doc)]
    return max(dated) if dated else None


def _date_undated_metrics(candidates: list[tuple[str, dict[str, Any]]], year: int | None) -> None:
    """Give the metrics that have no year the article's latest one (goals keep none: a goal's
    year is the one it is set for). The scorer checks a metric's year only where the text
    states one (CONVENTIONS), so an undated figure loses nothing by it."""
    if year is None:
        return
    for kind, rec in candidates:
        if kind == "metrics" and rec.get("year") is None and not rec.get("is_target"):
            rec["year"] = year


def _date_undated_initiatives(candidates: list[tuple[str, dict[str, Any]]], seen: set[int]) -> None:
    """Give the initiatives that have no year the one year the article measures ("đang thí
    điểm mô hình …" in an article about the tasks of 2025). An article measuring several
    years leaves them undated: which one a model runs in is not known."""
    if len(seen) != 1:
        return
    (year,) = seen
    for kind, rec in candidates:
        if kind == "initiatives" and rec.get("year") is None:
            rec["year"] = year


def _province_name(main: EntityMention | None) -> str | None:
    return main.name if main is not None and main.level == "province" else None


def _with_level_tables(
    text: str,
    candidates: list[tuple[str, dict[str, Any]]],
    province: str | None,
    memory: MetricMemory,
    year: int | None,
) -> list[tuple[str, dict[str, Any]]]:
    """``candidates`` with the cells of tables of figures per level of government as the
    province's metrics, named with the period the article reports on (and what the sentence
    rules read in those rows dropped)."""
    cells = find_level_tables(text) if province else []
    if not cells:
        return candidates
    rows = {c.row for c in cells}
    kept = [
        c
        for c in candidates
        if c[0] != "metrics" or not any(a <= c[1]["evidence"]["start"] < b for a, b in rows)
    ]
    period = memory.lead_period
    for cell in cells:
        a, b = cell.row
        kept.append(
            (
                "metrics",
                {
                    "entity": province,
                    "name": f"{cell.name} {period[0]}" if period else cell.name,
                    "value": cell.value,
                    "unit": cell.unit,
                    "year": period[1] if period else year,
                    "is_target": False,
                    "evidence": {"quote": text[a:b], "start": a, "end": b},
                },
            )
        )
    return sorted(kept, key=lambda c: int(c[1]["evidence"]["start"]))


def _reports_only(main: EntityMention | None, title: str | None, text: str) -> bool:
    """Whether the article's main unit is a ministry its headline does not name: one that
    publishes the country's figures ("Số liệu của Bộ … cho biết") rather than its own."""
    if main is None or main.level != "ministry":
        return False
    headline = title or text.lstrip().split("\n", 1)[0]
    return all(e.name != main.name for e in find_entities(headline))


def _metric_subject(
    subject: EntityMention | None, main: EntityMention | None, province: str | None, end: int
) -> EntityMention | None:
    """Whose a sentence's unattributed figures are: the sentence's subject, except that a
    unit inside the province the article first names only later ("Lập Thạch lần đầu …" after
    a paragraph of the province's totals) does not own the figures told before it; those are
    the province's."""
    if subject is not main or main is None or main.start < end:
        return subject
    province = province or main.province  # the unit's own province when none is named
    if province and main.level in ("district", "commune", "department"):
        return EntityMention(0, 0, province, "province", province)
    return subject


# "Thanh Hóa: 89,45% (thứ 4)", "- Sở Tư pháp – 91,25 điểm": a line giving a unit's figure
# after a colon or a dash, as lists (<ul><li> on a page) write them with no final stop.
_FIGURE_LINE_RE = re.compile(
    r"^[ \t]*(?:[-•+*–—][ \t]*|\d{1,3}[.)][ \t]+)?[^\W\d][^\n:–—]{0,60}?[ \t]*(?::|[ \t][-–—][ \t])"
    r"[ \t]*\d{1,3}(?:[.,]\d+)?[ \t]*(?:%|điểm|points?\b|percent\b)",
    re.MULTILINE | re.IGNORECASE,
)


def is_heading(line: str) -> bool:
    """A short line without final punctuation: a headline or section title. A sentence
    followed by a bracketed credit ("… đứng thứ 6. (Ảnh: KT)") is a sentence, and lines that
    each give a unit's figure ("Thanh Hóa: 89,45% (thứ 4)") are a list."""
    stripped = line.rstrip()
    if len(stripped.split()) > 20 or stripped.endswith(_SENTENCE_END):
        return False
    if _FIGURE_LINE_RE.search(stripped):
        return False
    return not _TRAILING_NOTE_RE.sub("", stripped).endswith(_SENTENCE_END)


def compared_years(f: str) -> tuple[int, ...]:
    """The years a sentence compares with ("tăng 3,55 điểm … so với năm 2020")."""
    if "19" not in f and "20" not in f:
        return ()
    return tuple(
        int(m.group(1) or m.group("vy")) for m in all_matches(lx.COMPARISON_YEAR_RE, f)
    )


def _year_after_compared(carry: _Carry) -> int | None:
    """An undated result compared with one year ("tiến 6 bậc so với năm 2020") measures the
    next one, when the article states that year elsewhere ("Các bộ chỉ số đánh giá năm
    2021 …"); otherwise the year stays unknown."""
    if len(set(carry.compared)) != 1:
        return None
    year = carry.compared[0] + 1
    return year if year in carry.seen_years else None


# The start of a span counted to now ("tính từ năm 2012", "kể từ năm 2016", "từ khi bắt đầu
# đánh giá năm 2012", "since 2012"): no year a figure of the sentence measures.
_SINCE_BEFORE_RE = re.compile(
    r"\b(?:tinh tu|ke tu|tu khi(?: [a-z]+){0,5}|since|ever since)\s+(?:nam\s+)?$"
    # "the best score since the first SIPAS in 2017"
    r"|\bsince (?:the )?(?:first|start|launch|beginning|introduction)"
    r"(?: (?:of )?[a-z]+){0,3} in\s+$"
)
# The year a review plans for ("set out the key tasks for 2024", "triển khai nhiệm vụ năm
# 2024", "phương hướng, nhiệm vụ năm 2024"): not the year its figures report (folded text).
_PLAN_YEAR_BEFORE_RE = re.compile(
    r"\b(?:tasks|plans?|priorities|directions|orientations)(?: [a-z-]+){0,2} for\s+"
    r"(?:the year\s+)?$"
    r"|\b(?:phuong huong(?:,| va)? nhiem vu|trien khai nhiem vu|de ra nhiem vu)"
    r"(?: trong tam)?(?: cua)?\s+(?:nam\s+)?$"
)
# An earlier place told as the unit's own ("well above its 52nd place in 2019"): that place's
# year, not the sentence's.
_EN_OWN_EARLIER_PLACE_RE = re.compile(
    r"\b(?:its|their) (?:\d{1,2}(?:st|nd|rd|th)|[a-z]+) (?:place|position|rank(?:ing)?) "
    r"(?:in|of) (?P<y>(?:19|20)\d\d)\b"
)


def measured_years(f: str) -> list[tuple[int, int]]:
    """(position, year) of years the sentence measures: comparison years ("so với năm
    2021"), dates ("12/7/2022"), ranges and periods are left out."""
    if "19" not in f and "20" not in f:
        return []  # every year YEAR_RE reads starts so: most sentences name none
    comparison = {
        m.start(1) if m.group(1) else m.start("vy")
        for m in all_matches(lx.COMPARISON_YEAR_RE, f)  # compared_years reads them too
    }
    # The year of an earlier value ("mức 84,74% của năm 2022") is that value's, not the sentence's.
    comparison |= {
        m.start(next(g for g in ("y", "y2", "y3", "y4") if m.group(g)))
        for m in lx.PAREN_PRIOR_RE.finditer(f)
    }
    comparison |= {
        m.start("y" if m.group("y") else "y2") for m in lx.PAREN_PRIOR_RANK_RE.finditer(f)
    }
    # So is the year a move starts from ("từ vị trí thứ 3 của năm 2021 lên thứ 2"): the move
    # itself, and the sentences after it, are about the later year.
    comparison |= {m.start("ya") for m in lx.RANK_FROM_TO_RE.finditer(f) if m.group("ya")}
    comparison |= {m.start("ya") for m in all_matches(lx.SCORE_FROM_TO_RE, f) if m.group("pa")}
    comparison |= {m.start("y") for m in lx.EN_RANK_FROM_RE.finditer(f) if m.group("y")}
    comparison |= {m.start("y") for m in lx.EN_PRIOR_SCORE_RE.finditer(f)}
    # "(the department was 6th in 2022)": an earlier place told in brackets
    comparison |= {m.start("y") for m in lx.EN_BRACKETED_PAST_RE.finditer(f)}
    comparison |= {m.start("y") for m in _EN_OWN_EARLIER_PLACE_RE.finditer(f)}
    # "up from 61.2 points in 2022", "compared with 25th in 2022": an earlier value's year
    comparison |= {m.start("y") for m in lx.EN_PRIOR_FROM_RE.finditer(f) if m.group("y")}
    comparison |= {
        m.start(g)
        for m in lx.EN_PRIOR_RANK_RE.finditer(f)
        for g in ("y1", "y2", "y3")
        if m.group(g)
    }
    out = []
    for m in lx.YEAR_RE.finditer(f):
        g = 1 if m.group(1) else 2
        s = m.start(g)
        if s in comparison:
            continue
        before = f[max(0, s - 12) : s]
        after = f[m.end(g) : m.end(g) + 2]
        if re.search(r"[/\-.]\s*$|\d\s*$|giai doan\s*(?:nam\s*)?$", before):
            continue
        # "giai đoạn 2016 đến năm 2020" ends a range; "đến năm 2021, tỉnh …" opens a clause
        # about that year.
        if re.search(r"den\s*(?:nam\s*)?$", before) and (
            not re.match(r"\s*,", f[m.end(g) :])
            or re.search(r"\b(?:tu|giai doan)\s+(?:nam\s+)?(?:19|20)\d\d\b", f[max(0, s - 40) : s])
        ):
            continue
        if re.match(r"\s*[-–/]\s*\d", after):
            continue
        if _SINCE_BEFORE_RE.search(f[max(0, s - 50) : s]):
            continue  # "tính từ năm 2012, đây là lần thứ 6 …": where a span starts, not the year
        if _PLAN_YEAR_BEFORE_RE.search(f, max(0, s - 40), s):
            continue  # "… and set out the key tasks for 2024": the year planned, not reported
        if lx.EN_DATE_BEFORE_RE.search(f, max(0, s - 24), s):
            continue  # "on April 10, 2024", "in May 2024": when it was published
        if (
            g == 2
            and not re.search(
                # "… Administrative Services 2023", "the PAPI report 2023": an edition's year
                r"(?:nam|cua|trong|,|\(|\bin|\bof|\bfor|\bthe|'s|\bon|index|pci|papi|sipas|dti|pgi"
                r"|\badministrative services|\breport|\brankings?|\bsurvey)\s*$",
                before,
            )
            and s > 0
        ):
            continue  # a bare 4-digit number is a year only in year-like positions
        out.append((s, int(m.group(g))))
    return out


class RulesExtractor(Backend):
    """Deterministic, domain-specific extractor; no network, no model."""

    name = "rules"
    description = "Offline domain rules: deterministic, no model, no network"
    offline = True
    processes = True  # pure CPU work: --workers runs it in worker processes

    def warm_up(self) -> None:
        # The data a first document loads (~0.5 s of a worker's start): the gazetteer's and
        # the division lists' indexes and matchers, and the vocabulary's patterns.
        gazetteer = get_gazetteer()
        gazetteer.find("")
        gazetteer.find_regions("")
        get_divisions()
        get_vocab().compile_all()

    def extract(self, doc: Document) -> ExtractionOutcome:
        text = doc.text
        folded_doc = fold_keep_offsets(text)
        regions_all: list[tuple[int, int, str]] = []
        region_ents: list[EntityMention] = []
        region_marks: list[tuple[int, int, str]] = []  # every region named, scope or not
        for rm in get_gazetteer().find_regions(folded_doc):
            region_marks.append((rm.start, rm.end, rm.item.name))
            if _region_is_scope(folded_doc, rm.start, rm.end):
                regions_all.append((rm.start, rm.end, rm.item.name))
            else:
                region_ents.append(EntityMention(rm.start, rm.end, rm.item.name, "region"))
        entities_all = _merge_mentions(
            [e for e in find_entities(text, folded=folded_doc) if not _is_dateline(text, e)],
            region_ents,
        )
        main = main_entity(doc.title, text, entities_all)
        # Who published a ranking is not ranked in it (index results only: "a model run by
        # the district" still names an initiative's owner).
        publishers = {e.start for e in entities_all if _is_publisher(folded_doc, e)}
        candidates: list[tuple[str, dict[str, Any]]] = []
        carry = _Carry()
        carry.doc_index, share = _dominant_index(doc.title, folded_doc)
        carry.single_index = share >= _SINGLE_INDEX_SHARE
        carry.doc_province = _dominant_province(entities_all, main)
        carry.edition_year = _edition_year(doc.title, folded_doc)
        carry.live_year = _live_year(doc.title, folded_doc)
        head_year = lead_period_year(folded_doc[:600])
        dateline = lx.DATELINE_YEAR_RE.search(folded_doc, 0, 600)
        dateline_year = int(dateline.group(1)) if dateline else None
        ent_i = 0
        doc_year: int | None = None
        initiative_memory = InitiativeMemory()
        seen_body = False
        metric_memory = MetricMemory(main_reports=_reports_only(main, doc.title, text))
        dateline = _EN_DATELINE_RE.search(folded_doc, 0, 600)
        metric_memory.dateline_year = int(dateline.group("y")) if dateline else None
        for para_no, para in enumerate(paragraphs(text)):
            metric_memory.new_paragraph(text[para.start : para.end])
            if is_heading(text[para.start : para.end]):
                # Headlines restate the body and teasers belong to other articles; a heading
                # also starts a new topic, so nothing carries across it.
                carry.age = 99
                continue
            carry.para = para_no
            if doc_year is None and not seen_body:
                # An article that opens "Năm 2018, …" reports on that year: its undated
                # figures ("Trong năm, …", "Hiện toàn tỉnh có …") belong to it.
                lead = _LEAD_YEAR_RE.match(folded_doc, para.start, para.end)
                doc_year = int(lead.group(1)) if lead else None
                carry.doc_year = doc_year
            seen_body = True
            para_year: int | None = None
            para_region: str | None = None  # the region the paragraph named last
            for span in sentences(text, para.start, para.end):
                s, e = span.start, span.end
                f = folded_doc[s:e]
                original = text[s:e]
                while ent_i < len(entities_all) and entities_all[ent_i].start < s:
                    ent_i += 1
                ents = []
                j = ent_i
                while j < len(entities_all) and entities_all[j].start < e:
                    m = entities_all[j]
                    if m.end <= e:
                        ents.append(
                            EntityMention(m.start - s, m.end - s, m.name, m.level, m.province)
                        )
                    j += 1
                regions = [(a - s, b - s, n) for a, b, n in regions_all if s <= a and b <= e]
                named_here = [(a - s, n) for a, b, n in region_marks if s <= a and b <= e]
                regions += _anaphoric_regions(f, named_here, para_region, ents, main)
                if named_here:
                    para_region = named_here[-1][1]
                years = measured_years(f)
                carry.compared = compared_years(f)
                context_year = years[0][1] if years else (_move_end_year(f) or para_year)
                evidence = {"quote": original, "start": s, "end": e}
                mask = [False] * len(f)
                subject = main
                back = lx.ANAPHORA_RE.search(f) if not ents else None
                if back is not None and carry.prev_subject_para == para_no:
                    # "So với năm 2022, tỉnh đã tăng 2,49 điểm": "tỉnh" is the unit of that kind
                    # the last sentence named, not necessarily the article's main one.
                    word = back.group(0).split()
                    levels = lx.ANAPHORA_LEVELS.get(word[-1] if word[0] == "the" else word[0], ())
                    named = [e for e in carry.prev_ents if e.level in levels]
                    if named:
                        subject = named[0]
                if back is not None and subject is main and "department" in lx.ANAPHORA_LEVELS.get(
                    back.group(0).split()[-1], ()
                ):
                    # "The department reported …" paragraphs after "… at the Department of
                    # Construction": the one department the article has named so far
                    earlier = {m.name: m for m in entities_all[:ent_i] if m.level == "department"}
                    if len(earlier) == 1:
                        m = next(iter(earlier.values()))
                        subject = EntityMention(0, 0, m.name, m.level, m.province)
                if back is not None:
                    subject = _province_referred(f, subject, carry.doc_province)
                elif ents:
                    carry.prev_ents, carry.prev_subject_para = ents, para_no
                ranked = [e for e in ents if e.start + s not in publishers]
                candidates += self._index_results(
                    f, original, ranked, regions, years, carry, subject, evidence, mask, para_year
                )
                carry.seen_years.update(y for _, y in years)
                if context_year is None:
                    # "… tiến 6 bậc so với năm 2020. Chỉ số SIPAS của tỉnh là …": the year the
                    # comparison implies dates the paragraph's next undated sentence too.
                    context_year = _year_after_compared(carry)
                metric_year = para_year if para_year is not None else doc_year
                if metric_year is None:
                    # an article about one edition: its year, before the dateline's; else the
                    # latest year the article has measured so far ("In the PAR Index 2017, …"
                    # then "The rankings draw on 18,300 civil servants")
                    metric_year = carry.edition_year or head_year
                    if (
                        metric_year is not None
                        and metric_year == dateline_year
                        and carry.seen_years
                        and max(carry.seen_years) < metric_year
                    ):
                        # "Tháng 01/2025" over a body that said "trong năm 2024, …": the
                        # dateline is when it was published, the body's year what it reports
                        metric_year = max(carry.seen_years)
                    if metric_year is None and carry.seen_years:
                        metric_year = max(carry.seen_years)
                para_year = context_year
                for rec in find_metrics(
                    f,
                    original,
                    ents,
                    years,
                    _metric_subject(subject, main, carry.doc_province, e),
                    mask,
                    metric_year,
                    carry.doc_province,
                    carry.index or carry.doc_index,
                    metric_memory,
                ):
                    candidates.append(("metrics", {**rec, "evidence": evidence}))
                for rec in find_initiatives(f, original, ents, years, main, initiative_memory):
                    candidates.append(("initiatives", {**rec, "evidence": evidence}))
        _date_undated_metrics(candidates, _latest_year(carry.seen_years, folded_doc))
        _date_undated_initiatives(candidates, carry.seen_years)
        candidates = _with_level_tables(
            text, candidates, carry.doc_province or _province_name(main), metric_memory, head_year
        )
        candidates = with_table_results(doc, candidates)  # ranking tables: a result per row
        return self._validate(doc, merge_facts(text, candidates))

    def _index_results(
        self,
        f: str,
        original: str,
        ents: list[EntityMention],
        regions: list[tuple[int, int, str]],
        years: list[tuple[int, int]],
        carry: _Carry,
        main: EntityMention | None,
        evidence: dict[str, Any],
        mask: list[bool],
        para_year: int | None,
    ) -> list[tuple[str, dict[str, Any]]]:
        if not _MAY_HAVE_VALUE.search(f) and not _english_place(f):
            # Fast path for most prose: no digit and no rank word, so no index result; only
            # note an index named here, for the sentences that follow.
            carry.age += 1
            code = _first_index(f)
            if code is not None:
                self._update_carry(carry, code, years, f)
            return []
        subjects = scan_subjects(f, original, ents)
        index_events = [ev for ev in subjects if ev.kind == "index"]
        sentence_index = index_events[0].data["index"] if index_events else None
        carry.age += 1
        borrowed = self._borrowed_index(carry, subjects, f)
        if sentence_index is None and borrowed is None:
            if not any(ev.kind == "component" for ev in subjects):
                return []
        trial_mask = list(mask)
        values = scan_values(f, trial_mask)
        values = drop_group_leads(f, values, ents)
        values = _drop_part_region_leads(f, values, regions)
        values = respective_values(f, subjects, values)
        if sentence_index is None and not any(ev.kind == "component" for ev in subjects):
            # Borrowed context is weak evidence: a percentage in a sentence that names no
            # index is a metric ("giảm 50% mức phí"), not an index score, unless its clause
            # ranks someone ("Hà Nội xếp thứ 3 với 91,43%").
            ranked = [_clause_of(f, v.start) for v in values if v.kind == "rank"]
            # "Bộ Xây dựng xếp cuối với 78,1%": a last place with no total gives no rank, but
            # its clause ranks the unit all the same (its score; a change there is compared
            # with someone: "thấp hơn 3,98% so với đơn vị xếp cuối bảng").
            last = [m.end() for m in lx.LAST_PLACE_RE.finditer(f)]
            values = [
                v
                for v in values
                if not (v.kind in ("score", "score_change") and v.data.get("unit") == "percent")
                or _clause_of(f, v.start) in ranked
                or (
                    v.kind == "score"
                    and any(
                        0 <= v.start - e < 80 and not _NEXT_CLAUSE_RE.search(f, e, v.start)
                        for e in last
                    )
                )  # fmt: skip
                or _named_score(f, v, subjects)
                or _signed_after_name(f, v.start, ents)
                or (not carry.rate_named and _percent_after_name(f, v, ents, borrowed))
                or (
                    v.kind == "score"
                    and lx.EN_ITS_SCORE_BEFORE_RE.search(f, max(0, v.start - 50), v.start)
                )
            ]
            trial_mask = list(mask)
            for v in values:
                for i in range(v.start, v.end):
                    trial_mask[i] = True
        if not values:
            if sentence_index is not None:
                self._update_carry(carry, sentence_index, years, f)
            return []
        mask[:] = trial_mask
        total = stated_total(f)
        values = respectively(f, subjects, values)
        subjects, values = share_component_values(f, subjects, values)
        scopes = scan_scopes(f, regions)
        drafts = assemble(subjects + values + scopes, f, original)
        drafts += shared_places(f, drafts, ents)
        for d in drafts:
            if d.bloc:
                _release(mask, values, d)  # "khối bộ đạt bình quân 0,45": the bloc's metric
        drafts = [d for d in drafts if not d.bloc]
        _bracketed_prior_places(f, drafts)
        targets = [m.start() for m in lx.TARGET_RE.finditer(f)]
        # "(1) market entry: 7.33; (3) transparency: 6.22": when another field of the sentence
        # is the borrowed index's own, a field several indices name is that index's too.
        listed_owners = {
            code
            for d in drafts
            if d.component is not None
            for code in component_indices(d.component)
        }
        if len({d.component for d in drafts if d.component is not None}) < 2:
            listed_owners = set()
        out: list[tuple[str, dict[str, Any]]] = []
        prev_end = 0
        built: list[tuple[Draft, dict[str, Any]]] = []
        # A size read with a place of another scope ("4th of the 14 provinces of the
        # Northern Midlands"): that place's ranking, not the sentence's other places'.
        sized = {(d.rank_total, d.scope) for d in drafts if d.rank_total is not None}
        named_fields = {d.component for d in drafts if d.component is not None}
        field_carried = (
            carry.component
            if carry.component_para == carry.para and not named_fields and sentence_index is None
            else None
        )
        for d in drafts:
            if (
                field_carried is not None
                and d.component is None
                and d.index is None
                and d.score is None
                and (d.rank is not None or d.rank_change is not None)
            ):
                d.component = field_carried  # "… lifting Binh Duong 6 places to 6th": the field's
            if (
                d.rank is not None
                and d.rank_total is None
                and total
                and d.rank <= total
                and not any(
                    t == total and scope != d.scope and str(scope).startswith("region:")
                    for t, scope in sized
                )
            ):
                d.rank_total = total  # "Ở khối 21 sở, …, X đứng thứ nhất"
            index = d.index or sentence_index or borrowed
            if index is None and d.component is not None:
                index = carry.index or carry.doc_index or "PAR_INDEX"
            if index is None:
                continue
            if (
                d.component is not None
                and d.index is None
                and sentence_index is None
                and not (borrowed is not None and borrowed in listed_owners)
            ):
                index = _owner_index(d.component, index, carry.doc_index)
            elif d.component is not None:
                index = _context_owner(d.component, index, carry.index, carry.doc_index)
            rec = self._to_record(
                d, index, years, carry, main, targets, prev_end, para_year, _period_year(f),
                _year_after_value(f, d),
            )  # fmt: skip
            regional = _regional_scope(f, d, rec)
            if regional is not None:
                rec["scope"] = regional
            past = _past_its_region(rec)
            if past and rec.get("rank_total") not in (None, *NATIONAL_SIZES):
                rec[_DOUBT] = "a ranking larger than its region and smaller than the country's"
            elif past:
                rec["scope"] = "national"  # "thứ 29/63": no region has 29 provinces
            doubt = rec.get(_DOUBT) or _doubt(f, d, rec)
            if doubt is not None:
                rec[_DOUBT] = doubt
            if doubt is not None or rec["entity"] == _UNKNOWN:
                _release(mask, values, d)  # a record that will be rejected holds no number
            prev_end = max(prev_end, d.span_end)
            built.append((d, rec))
        for i, (d, rec) in enumerate(built):
            # The years the sentence's other records were given are explained by them.
            claimed = frozenset(r["year"] for j, (_, r) in enumerate(built) if j != i and r["year"])
            rec[_ATTACH] = attachment(
                f, d, rec["year"], ents, values,
                index_named=sentence_index is not None, years=years, compared=carry.compared,
                claimed=claimed, index=rec["index"],
                indices=tuple((ev.start, ev.data["index"]) for ev in index_events),
            )  # fmt: skip
            out.append(("index_results", {**rec, "evidence": evidence}))
        carried = sentence_index
        if index_events and all(_in_brackets(f, ev.start) for ev in index_events):
            # "(trong đó Chỉ số SIPAS được 8,5/10 điểm; …)": an index named only in an aside
            # is no topic of the sentences that follow
            carried = carry.index or carried
        if sentence_index is not None or out:
            self._update_carry(carry, carried or carry.index, years, f)
        fields = {r.get("component") for _, r in built}
        if len(named_fields) == 1 and fields == named_fields:
            carry.component, carry.component_para = next(iter(named_fields)), carry.para
        elif sentence_index is not None or None in fields:
            carry.component = None
        return out

    @staticmethod
    def _borrowed_index(carry: _Carry, subjects: list, f: str) -> str | None:
        """The index a sentence that names none is about: the previous sentence's, any
        earlier one's in the same paragraph or the one "the index" refers back to, or (for
        rankings of districts, departments and ministries, whose articles name the index
        once) the document's main index."""
        if carry.index is not None and (
            carry.age <= _CARRY_SENTENCES
            or carry.para == carry.index_para
            or lx.EN_INDEX_ANAPHORA_RE.search(f)
        ):
            return carry.index
        if carry.doc_index and any(
            ev.kind == "entity" and (carry.single_index or ev.data["entity"].level in _SUB_PROVINCE)
            for ev in subjects
        ):
            return carry.doc_index
        return None

    @staticmethod
    def _update_carry(
        carry: _Carry, index: str | None, years: list[tuple[int, int]], f: str
    ) -> None:
        if index is not None and index != carry.index:
            carry.year = None
        carry.index = index
        carry.index_para = carry.para
        carry.rate_named = bool(lx.RATE_NAMED_RE.search(f))
        if years:
            carry.year = years[0][1]
            if index is not None:
                carry.index_years[index] = years[0][1]
        carry.age = 0

    @staticmethod
    def _to_record(
        d: Draft,
        index: str,
        years: list[tuple[int, int]],
        carry: _Carry,
        main: EntityMention | None,
        targets: list[int],
        prev_end: int,
        para_year: int | None,
        period_year: int | None = None,
        value_year: int | None = None,
    ) -> dict[str, Any]:
        ent = d.entity or main
        year = d.year
        years = [(p, y) for p, y in years if y != d.not_year]
        if year is None and value_year in {y for _, y in years}:
            year = value_year
        if year is None and years:
            before = [y for p, y in years if p <= d.first_value_at]
            year = before[-1] if before else years[0][1]
        if year is None and carry.index == index and carry.age <= _CARRY_SENTENCES:
            year = carry.year
        if year is None:
            year = para_year
        if year is None and d.scope != "prior":
            year = carry.index_years.get(index)
        if d.unstated_move and d.year is None and index == carry.doc_index and carry.edition_year:
            year = carry.edition_year  # a move told without years is the edition's change
        if year is None:
            # An article about one edition (or one year): its undated figures are that one's.
            year = carry.edition_year if carry.edition_year is not None else carry.doc_year
        if year is None and d.scope != "prior":
            year = _year_after_compared(carry)
        if year is None and index in lx.LIVE_INDICES:
            # the period the sentence reads the table at ("tính đến cuối tháng 8-2025"), else
            # the article's
            year = period_year if period_year is not None else carry.live_year
        if d.year_back and year is not None:
            year -= 1
        scope = d.scope
        if scope == "prior" and d.parent_scope is not None:
            scope = d.parent_scope  # "trong vùng, từ thứ 6 lên thứ 4": 6th in the region
        if (
            scope in (None, "prior")
            and ent is not None
            and ent.level in ("district", "commune", "department")
        ):
            # Districts and departments are ranked within their province unless the text
            # says nationwide.
            scope = "province:" if carry.doc_province else "national"
            if carry.doc_province:
                main = EntityMention(0, 0, carry.doc_province, "province", carry.doc_province)
        if scope in (None, "prior"):
            scope = "national"
        if scope == "province:":
            prov = ent.province if ent and ent.level == "province" else None
            if prov is None and main is not None and main.level == "province":
                prov = main.name
            if prov is None:
                prov = carry.doc_province
            scope = f"province:{prov}" if prov else "national"
        if d.scope == "prior":
            is_target = False
        else:
            is_target = any(prev_end <= t < max(d.first_value_at, 0) for t in targets)
        return {
            "entity": ent.name if ent else _UNKNOWN,
            "entity_level": ent.level if ent else "other",
            "index": index,
            "component": d.component,
            "year": year,
            "score": d.score,
            "score_unit": d.score_unit,
            "rank": d.rank,
            "rank_total": d.rank_total,
            "rank_change": d.rank_change,
            # "80.87 points, a rise of 4.3%": a relative change of a points score is a metric
            # (eval/CONVENTIONS.md), not its score change.
            "score_change": None
            if d.score_unit == "points" and d.score_change_unit == "percent"
            else d.score_change,
            "scope": scope,
            "is_target": is_target,
            _RANK_FROM: (d.rank_from, d.rank) if d.rank_from is not None and d.rank else None,
        }

    def _validate(
        self, doc: Document, candidates: list[tuple[str, dict[str, Any]]]
    ) -> ExtractionOutcome:
        models = RECORD_TYPES
        kept: dict[str, list[Any]] = {k: [] for k in models}
        seen: set[tuple[str, str]] = set()
        rejected: list[Rejection] = []
        ctx = {"text": doc.text}
        unit_scale = unit_scale_indices(candidates)
        for kind, data in candidates:
            rank_pair = data.pop(_RANK_FROM, None)
            doubt = data.pop(_DOUBT, None)
            attach = data.pop(_ATTACH, None)
            key = (kind, repr(sorted([kv for kv in data.items() if kv[0] != "evidence"])))
            if key in seen:
                continue
            seen.add(key)
            reason = doubt or implausible(kind, data, rank_pair, unit_scale)
            if reason is not None:
                rejected.append(Rejection(record_type=kind, reason=reason, data=_plain(data)))
                continue
            if attach is not None:
                data = {**data, "confidence": confidence(attach)}
            try:
                data = {**data, "evidence": Evidence.model_validate(data["evidence"], context=ctx)}
                kept[kind].append(models[kind].model_validate(data, context=ctx))
            except ValidationError as exc:
                reason = "; ".join(err["msg"] for err in exc.errors())
                rejected.append(Rejection(record_type=kind, reason=reason, data=_plain(data)))
        kept["index_results"] = lower_contested(kept["index_results"])
        extraction = DocumentExtraction.of(doc, self.name, **kept)
        return ExtractionOutcome(extraction=extraction, rejected=rejected)


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    ev = data.get("evidence")
    if isinstance(ev, Evidence):
        data = {**data, "evidence": ev.model_dump()}
    return data


# The patterns above, each with a lookahead on the characters its matches start with
# (same matches; re skips to those characters instead of trying every position).
from llmx.core.scanre import guard_patterns  # noqa: E402 - after the patterns it guards

guard_patterns(globals())
