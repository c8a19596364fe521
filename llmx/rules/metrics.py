"""Reform metrics: percentages and counts, named by the noun phrase they measure."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from llmx.core.gazetteer import get_gazetteer
from llmx.core.numbers import parse_vn_number
from llmx.core.periods import PERIOD_YEAR_RE  # a period shorter than a year dates a figure
from llmx.core.textnorm import fold
from llmx.core.vocab import Entry, get_vocab
from llmx.rules import lexicon as lx
from llmx.rules.entities import EntityMention
from llmx.rules.metric_averages import en_level_changes, find_averages
from llmx.rules.metric_averages import index_in as _first_index
from llmx.rules.metric_changes import RelativeChange, find_relative_changes
from llmx.rules.metric_groups import RANKED_GROUP_WORDS, find_group_sizes
from llmx.rules.metric_service_levels import find_service_levels
from llmx.rules.metric_spread import find_en_range, find_spread
from llmx.rules.metrics_carried import (
    MetricMemory,
    bloc_before,
    carried_name,
    count_of_rate,
    equivalent_before,
    rate_of_count,
    stated_period,
    without_owner,
)
from llmx.rules.metrics_en import (
    EnFigure,
    en_bloc_size,
    find_en_counts,
    find_en_figures,
    find_en_shares,
)
from llmx.rules.metrics_en_cuts import EnCut, find_en_cuts
from llmx.rules.metrics_en_from_to import find_en_growth, find_en_levels
from llmx.rules.metrics_en_levels import (
    level_after,
    listed_levels,
    names_a_level,
    says_a_level,
    with_level,
)
from llmx.rules.metrics_en_rates import find_en_rates
from llmx.rules.metrics_en_structure import find_index_parts

# Numbers that are identifiers or dates, not measurements.
_NOT_A_MEASURE_BEFORE = re.compile(
    r"(?:\bso|de an|muc do|iso|nghi dinh|chi thi|quyet dinh|giai doan|quy|thang|ngay|luc|"
    r"thu|khoan|dieu|phien|lan thu|top|nhom|/|\d\s*-|[^\W\d]-|\bnam)\s*$|:$"
)  # ":" right before a number is a time ("10:30"); a list after "…: " counts; "-" is a
# range ("80 - 90%") or a code ("NĐ-CP"), not a list item's dash ("- 100% thủ tục …")
_CLAUSE_BREAK = re.compile(r"[;:()]|, (?=[^\d])|\. ")
_VERBS = re.compile(
    r"\s+(?:dat|la|chiem|da|dang|tang|giam|len|o muc|khoang|tren|hon|gan|toi|(?<!doi )voi|"
    r"tuong ung|bang|lan luot|nam \d{4})(?:\s|$).*$"
)
_MAX_NAME_WORDS = 16
# "có" after a rate's head starts its verb ("tỷ lệ … có 95% …"), except in the measured noun
# phrase "có phát sinh hồ sơ" (services that had dossiers).
_HAS_VERB = re.compile(r"\s+có(?!\s+phát sinh)(?:\s|$)")
_ALIAS = re.compile(r"\(([^()]+)\)\s*$")  # "Digital Transformation Index (DTI)" -> "DTI"
# The first words of names written as column titles, lower-cased where a sentence opens on them.
_HEAD_WORD = re.compile(r"^(?:Tỷ lệ|Tỉ lệ|Mức độ|Số|Thời gian|Tổng số)\b")
# A name's bare head ("tỷ lệ", "tỷ lệ này"): it does not say what is measured.
_BARE_RATE_NAME = re.compile(
    r"^(?:ty le|ti le|muc do)(?: (?:nay|do|tren|chung|lan luot|tuong ung))*$"
)
# A service level read as a rate's head ("mức độ 04 đạt 20%"): it qualifies an earlier rate.
_LEVEL_NAME = re.compile(r"^muc do \d+$")
_LEVEL_IN_NAME = re.compile(r"muc do \d+")
# Where the noun phrase after a number ends: a clause mark or a word that starts a new one.
_PHRASE_BREAK = re.compile(
    r"[;:()]|[,.](?!\d)|\s(?:va|nhung|trong do)\s|\s(?:tang|giam)\s(?!diem|hang|bac|thu hang)"
)  # a comma between digits is a decimal ("từ 0,5 trở lên"), not a break
# Separators a list of kinds goes on across ("xã, phường", "cấp huyện và cấp xã").
_LIST_GOES_ON = re.compile(r",\s*|\s(?:va|hoac)\s+")
# The words that open the clause before a count and say nothing of it ("đã", "và", "có").
_VERB_PHRASE_LEAD = re.compile(
    r"(?:(?:va|da|dang|con|co|la|dat|voi|gom|trong do|rieng|tong cong|chi|toan tinh|"
    r"(?:trong )?nam (?:19|20)\d\d,?|"
    r"ngoai ra|nhu vay|hien|hien nay|den nay|ca)\s+)+"
)
_VERB_PHRASE_MAX_WORDS = 12
_JOINED_WORDS = 4  # words either side of "và" that still make one verb phrase
# The auxiliary between a clause's subject and its verb ("thành phố đã tiếp nhận").
_AUXILIARY = re.compile(r"\s(?:đã|đang|sẽ|vừa)\s")
_VERB_WITH_WORDS = 2  # a count's noun phrase this short after its unit takes the clause's verb
# A count that is the base of other figures, not a figure itself: "trong 17 bộ", "giữa 63
# tỉnh, thành phố", "bình quân 63 địa phương".
_BASE_COUNT_BEFORE = re.compile(
    r"\b(?:trong|giua|cua|trong so|trong tong so|tren|o|tai|voi|binh quan|trung binh|"
    r"danh sach|chia thanh|chia lam|xep vao|thuoc|cau thanh tu|bao gom|gom|among|of|"
    r"dan dau|dung dau|xep dau|dung cuoi|xep cuoi)\s*$"  # "đứng đầu 6 tỉnh …": the field ranked
)
_VERB_PHRASE_TAIL = re.compile(
    r"(?:\s*\b(?:của|đối với|là|đạt|hơn|trên|khoảng|gần|tới|lên tới|với|cho|có|gồm|được|"
    r"tổng số|tổng cộng|chỉ|còn|thêm|và|các|những|cả|đều|ở|tại|trong|đã|mới|lại|số)\b)+\s*$"
)
# Actions a report joins by a comma before one count ("đã cắt giảm, đơn giản hóa 156 thủ
# tục", "sửa đổi, bổ sung 12 văn bản"): the first of them, right before the comma (folded).
_PAIRED_ACTIONS = re.compile(
    r"(?:^|\s)(?:da\s+|dang\s+|thuc hien\s+)?(?P<v>cat giam|don gian hoa|sua doi|bo sung|"
    r"thay the|bai bo|cong bo|ra soat|chuan hoa|so hoa|tiep nhan|giai quyet|xu ly)$"
)
_COUNT_CLAUSE_BREAK = re.compile(r"[;:()]|,|\. |\s(?:va|nhung|trong do|nhu|gom)\s")
# Whose count a count of parts of one unit (ministries, agencies) is, and the bloc's name.
_BLOC_UNITS = re.compile(r"^(?:don vi|co quan|bo)\b")
_BLOC_CUE = re.compile(r"\b(?:khoi bo|bo, (?:nganh|co quan ngang bo)|cac bo)\b")
# A sentence about units inside a province: its counts of localities are the province's.
_LOCAL_CUE = re.compile(r"\b(?:huyen|thi xa|cap huyen|cap xa|xa, phuong|trong tinh|toan tinh)\b")
_GROUP_NUMBER = re.compile(
    r"(?<![\d.,/])(?P<a>\d+(?:\.\d{3})*)"
    r"(?:(?:\s*/\s*|\s+trong(?:\s+so)?\s+)(?P<b>\d+(?:\.\d{3})*))?\s+"  # "4/7", "7 trong 9"
)
_BLOC_LEAD = re.compile(r"^khối\s+|(?<=UBND)\s+các\b|^(?:các)\s+", re.IGNORECASE)
_BULLETS = "-+•*–"  # a list item's mark before a clause ("- Nhóm A, …")
_GROUP_LEAD_END = re.compile(r",?\s+(?:(?:chỉ\s+|cũng\s+)?có|gồm)$", re.IGNORECASE)
_OF_REGION = re.compile(r"\s+(?:thuoc|cua|o|tai)\s+(?:vung\s+)?")
_REGION_NAME_MAX = 60
_TOPIC_LEAD = re.compile(r"^(?:đối với|với|trên|tại)\s+", re.IGNORECASE)
_TOPIC_OPENS_WITHIN = 12  # characters: the topic must open the sentence ("Đối với …", "Còn với …")
# Another count of a list after a noun phrase ("…, 428 đơn vị", "… và 01 đơn vị").
_NEXT_LISTED_COUNT = re.compile(r"\s*(?:,|\bva\b)\s*\d+(?:[.,]\d+)*\s*%?\s+(?=[^\W\d])")
_MAX_LISTED = 6
# "Tỷ lệ điểm (số)": the share of the maximum score a unit got, its index result.
_SCORE_SHARE_NAME = re.compile(r"^(?:ty le|ti le) diem\b")
_RATE_IN_NAME = re.compile(r"\d\s*%")
_RATE_VALUE_IN_NAME = re.compile(r"\bdat \d+(?:[.,]\d+)?\s*%")  # a rate's value, not a bound
_ANAPHOR = re.compile(r"\b(?:nay|do|tren)$|\b(?:nay|do)\b")
# A count of the parts an index is built from ("được cấu trúc thành 8 lĩnh vực", "xây dựng
# trên 8 tiêu chí"): the index's make-up, not a figure of anyone.
_STRUCTURE_BEFORE_ANY = re.compile(
    r"\b(?:cau truc thanh|chia thanh|chia lam|xay dung tren|gom co|bao gom|phan thanh|"
    r"(?:bo tieu chi|duoc cham theo[^,;]{0,20}?) gom|(?:duoc )?tinh tu)\b"
)
# The rest of a structure's list up to a count: earlier items "N <words>," or "… và".
_STRUCTURE_LIST = re.compile(r"\s*(?:\d+(?:[.,]\d+)*\s+[^\d;:]{1,40}?(?:,|\s+va)\s*)*")
_SUPERLATIVE_BEFORE = re.compile(r"\b(?:nhat|dau|thu \d+|cuoi)\s*(?:trong\s+|tren\s+)?$")
# A change or ranking verb before "ở" ("tăng điểm ở", "đứng đầu cả nước ở").
_VERB_BEFORE_O = re.compile(
    r"\b(?:tang|giam|tang diem|giam diem|dung dau|dan dau|cai thien|sut giam|thap nhat|"
    r"cao nhat)(?: [a-z]+){0,2}\s*$"
)
# The joins of a "lần lượt" list ("100%, 100% và 97,67%", "A, B và C"), what may open its
# values ("lần lượt là"), and how far the units' list may end before the cue.
_RESPECTIVE_JOIN = re.compile(r"\s*(?:,|;)?\s*(?:va\s+)?")
_RESPECTIVE_LEAD = re.compile(r"\s*(?:la|dat|chiem|o muc)?\s*")
_RESPECTIVE_GAP = 30
_LEADING_NUMBER = re.compile(r"^\d+")
_INDEX_YEAR_RE = re.compile(
    r"\b(?:index|pci|papi|sipas|dti|pgi|cchc|par index)\)?\s+((?:19|20)\d\d)\b(?!\s*[-–/])"
)
_CLAUSE_STOP = re.compile(r"[;:,]|\btrong khi\b|\bwhile\b|\bagainst\b")
# "…, cao hơn 2,5% so với năm 2022 (80,1%)": a figure bracketed right after a year it is
# compared with is that year's level, whatever year the sentence reports (folded text).
_BRACKETED_AFTER_YEAR = re.compile(r"\bnam ((?:19|20)\d\d)\s*\(\s*$")
# A year told right beside a value as the value's own (folded): before it, "(năm 2022 là
# 30%)", "năm 2022: 30%"; after it, "từ mức 30% của năm 2022", "30 percent in 2022". An
# earlier year's value in the sentence of a later one is that earlier year's.
_OWN_YEAR_BEFORE = re.compile(
    # not a comparison's gap: "cao hơn năm 2018 là 2,95%", "nhiều hơn năm 2016 là 38 đơn vị"
    r"(?<!hon )(?<!voi )(?<!kem )\bnam ((?:19|20)\d\d)\s*"
    r"(?::|la|dat|chi dat|moi dat|chiem|o muc|la muc)\s*(?:muc\s*)?$"
)
_OWN_YEAR_AFTER = re.compile(
    r"[\d.,]*\s*(?:%|phan tram|percent|per cent)\s*(?:\)\s*)?"
    r"(?:cua\s+|trong\s+|vao\s+|in\s+)(?:nam\s+)?((?:19|20)\d\d)\b"
)
# A year a figure is compared with in English ("2.25 times as many as in the 2020 poll").
_AS_IN_YEAR = re.compile(r"\b(?:as|than)\s+(?:in\s+)?(?:the\s+)?$")
_AS_OF_RE = re.compile(
    r"(?:tinh den|den|tinh toi)\s+(?:het\s+)?ngay\s+\d{1,2}[-/.]\d{1,2}[-/.]((?:19|20)\d\d)"
)
# "MIC noted that …": a ministry telling the figures it collects, which are the country's
_EN_REPORTS_AFTER = re.compile(
    r"\s+(?:noted|said|says|stated|reported|announced|added|revealed|pointed out)\s+that\b"
)
# "… by 50 percent last year": the year before the article's dateline dates the figure (not
# after "from", "than", "on": the year a figure is compared with)
_EN_LAST_YEAR_AFTER = re.compile(
    r"(?:\s+(?!(?:from|than|against|on|over|with)\b)[\w-]+){0,4}?\s+last year\b"
)
# "as of April 2022", "by the end of June 10, 2023": the date a status is told at, whose year
# dates the figure (the year finder leaves a month's year aside as a publication date).
_EN_AS_OF_RE = re.compile(
    r"\b(?:as of|as at|by the end of|at the end of|until|up to)\s+(?:(?:early|mid|late)[- ])?"
    rf"{lx.EN_MONTHS}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?((?:19|20)\d\d)\b"
)
_NATIONAL_SUBJECT_RE = re.compile(r"\b(?:quoc gia|ca nuoc|toan quoc|trung uong)\b")
_LOCAL_SUBJECT_RE = re.compile(r"\b(?:tinh|thanh pho|huyen|thi xa|quan|xa|phuong|dia phuong|so)\b")
_NATION = EntityMention(0, 0, "Việt Nam", "nation")
_GROUP_LABELS = (
    "province_count",
    "locality_count",
    "ministry_count",
    "survey_count",
    "part_count",
    "item_count",
    "local_unit_count",
)
_LOCAL_LEVELS = ("province", "district", "commune", "department")
_SUB_PROVINCE_LEVELS = ("district", "commune", "department")
# Units a province counts of its own parts ("17 cơ quan", "8 địa phương", "12 đơn vị").
_UNITS_COUNTED = re.compile(r"^(?:don vi|co quan|dia phuong|so|huyen|xa|phuong)\b")
# A share in parentheses right after a count ("14/16 đơn vị (87,5%) đạt loại xuất sắc"): the
# rate of what the count counts.
_COUNT_BEFORE_SHARE = re.compile(
    rf"\d+(?:\.\d{{3}})*(?:\s*/\s*\d+(?:\.\d{{3}})*)?\s+(?P<u>{lx.COUNT_UNITS})\s*\(\s*$"
)
# Words that make the unit named next the source of a sentence's figures, not their owner.
_SOURCE_BEFORE = re.compile(
    r"\b(?:theo|theo (?:danh gia|bao cao|so lieu|thong ke) cua|lanh dao|dai dien)\s*$"
)
# "Báo cáo của Sở Kế hoạch và Đầu tư Bắc Giang cho biết, …": the unit whose report tells the
# figures (its name, its province's, then "cho biết") is not whose they are either.
_REPORT_OF_BEFORE = re.compile(r"\b(?:bao cao|so lieu|thong ke|tong hop) cua\s*$")
_REPORTS_AFTER = re.compile(r"(?:\s+(?:tinh\s+)?[a-z]+){0,3}\s*,?\s*(?:cho biet|cho thay)\b")
# The year a goal is set for ("phấn đấu đến năm 2025", "mục tiêu tới hết năm 2030").
_TARGET_YEAR_RE = re.compile(r"\b(?:den|toi)\s+(?:het\s+|cuoi\s+)?nam\s+((?:19|20)\d\d)\b")
# "giai đoạn 2021 - 2025, định hướng đến năm 2030": a plan's period and its vision; the
# plan's goals are set for the period's last year, the vision's year dates none of them.
_PERIOD_VISION_RE = re.compile(
    r"\bgiai doan\s+(?:nam\s+)?(?:19|20)\d\d\s*[-–]\s*(?:nam\s+)?(?P<end>(?:19|20)\d\d)\s*,?\s*"
    r"(?:va\s+)?(?:dinh huong|tam nhin)\s+(?:den|toi)\s+nam\s+(?P<vision>(?:19|20)\d\d)\b"
)
# A bound a goal sets ("phấn đấu … đạt trên 98%"): the goal, not a threshold.
_ALIAS_DEF = re.compile(rf"\b(?P<u>{lx.COUNT_UNITS})\s*\((?P<a>[a-z]{{2,5}})\)")
_OF_PROVINCE_GAP = re.compile(r"\s*(?:tinh|thanh pho|tp\.?)?\s*")
_LOCALITIES = re.compile(r"\blocalities\b")
# Words an English change after a level holds ("up 1.35% on 2023", "1.2% more than in 2022").
_EN_CHANGE_HINT = re.compile(r"\b(?:up|down|higher|lower|more|less|above|below|rise|increase)\b")
_EN_COMPARED_AFTER = re.compile(
    r"\s+(?:lower|higher|less|more|below|above|up|down)\s+(?:than|from|on|compared)\b",
    re.IGNORECASE,
)
_EN_CUT_HINT = re.compile(r"\b(?:percent|per cent|minutes|hours|days)\b|\d%")
# the year an English goal is for ("… by 2025", "By 2025, …")
_EN_BY_YEAR = re.compile(r"\b(?:by|in)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_OPEN_END = re.compile(r"\s*tro len\b")
# A goal's open-ended value: "đạt trên 80%", and in a goal's list "… và trên 95% hồ sơ …".
_GOAL_BOUND_RE = re.compile(
    r"(?:\b(?:dat|len|toi thieu|phan dau|va)|,)\s+(?:tren|tu|it nhat)\s*$"
)
# "Việc <task> (mới) đạt 46,3%": the rate of a task.
_TASK_RATE_RE = re.compile(
    r"\bviec\s+(?P<t>[^;\d]{3,90}?)\s+(?:moi |chi |da |cung )?(?:dat|chiem)\s*$"
)
# A comma before a capitalised word: a new subject starts ("mức độ hài lòng, TP. Hội An …").
_COMMA = re.compile(r",\s+")
# Processing times: a duration after "thời gian …" in its clause names what takes that long.
_TIME_UNITS = re.compile(r"^(?:ngay lam viec|ngay|gio|phut)$")
_DURATION_HEAD = re.compile(r"\bthoi gian\b")
_DURATION_WINDOW = 160
_DURATION_NAME_END = re.compile(
    r"\s(?:duoc|da|rut ngan|giam|xuong|con|tu|la|chi|dat|tang|keo dai|tiet kiem)\s"
)
_BEFORE_DURATION = re.compile(r"\b(?:tu|thay vi|so voi|truoc day la)\s*$")
_AFTER_DURATION = re.compile(r"\s*(?:nhu |so voi )?truoc day\b")
# "tổng số 168.000 hồ sơ": a total, where a bare "số" before a number is an identifier.
_TOTAL_BEFORE = re.compile(r"\btong so\s*$")
# A count named before its value: "Số hồ sơ đã giải quyết, trả kết quả là 1.795" (no unit
# after the number: one there is read as a count with its unit).
_HEADED_COUNT_RE = re.compile(
    rf"\bso (?P<u>{lx.COUNT_UNITS})\b(?P<h>[^;:()\d]{{0,80}}?)\s+(?:la|dat)\s+"
    rf"(?P<v>\d+(?:\.\d{{3}})*)(?!\d|[.,]\d|\s*[/%]|\s*(?:{lx.COUNT_UNITS}|nghin|trieu|ty)\b)"
)
# A bracketed figure inside a noun phrase, bare or with its verb ("12 hồ sơ (chiếm 0,29%) trả
# kết quả chậm hạn"): the phrase goes on after it, without it.
_PAREN_ASIDE = re.compile(r"\(\s*(?:(?:chiem|dat|tuong duong)\s+)?\d[\d.,]*\s*%?\s*\)\s*")
# A bracketed aside of words inside a noun phrase ("100% văn bản (không phải văn bản mật)
# trao đổi …"): the phrase goes on after it, without it.
_WORD_ASIDE = re.compile(r"\(\s*[^\d()]{2,50}?\)\s*(?=[^\W\d])")
_WORD_ASIDE_IN_NAME = re.compile(r"\s*\(\s*[^\d()]{2,50}?\)(?=\s+[^\W\d])")
_PAREN_ASIDE_IN_NAME = re.compile(
    r"\s*\(\s*(?:(?:chiếm|đạt|tương đương)\s+)?\d[\d.,]*\s*%?\s*\)", re.IGNORECASE
)
_RATIO_BEFORE = re.compile(r"\b(?:gap|hon|tang|giam|thu)\s*$")
_LIST_JOIN = re.compile(r"\s*(?:,|\bva\b)\s*")
_PERIOD_IN_NAME = re.compile(r"\b(?:thang|quy|nam (?:19|20)\d\d)\b")  # a name that dates itself
# Units of a duration: a time whose name opens with its unit ("phút sau, …") names nothing timed.
_DURATION_UNIT = re.compile(r"(?:phut|gio|ngay(?: lam viec)?|minutes?|hours?|days?)")
_DIGIT = re.compile(r"\d")  # the same digits as the value patterns' \d
_FRACTION_RE = re.compile(
    rf"(?<![\d.,/])(?P<a>\d+(?:\.\d{{3}})*)\s*/\s*(?P<b>\d+(?:\.\d{{3}})*)\s+(?P<u>{lx.COUNT_UNITS})\b"
)


def _clause_start(f: str, pos: int) -> int:
    last = 0
    for m in _CLAUSE_BREAK.finditer(f, 0, pos):
        last = m.end()
    return last


def _clean(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" ,;:.-–(…")
    words = name.split()
    return " ".join(words[:_MAX_NAME_WORDS])


def _rate_name(f: str, original: str, num_start: int) -> str | None:
    """'tỷ lệ hồ sơ được xử lý trực tuyến đạt 79,15%' -> 'tỷ lệ hồ sơ được xử lý trực tuyến'.
    The latest 'tỷ lệ' head before the number names it, also across a list of values
    ('tỷ lệ … năm 2021 là 98,5%; năm 2022 là 98,89%'); a bare head ('với tỷ lệ lần lượt
    là …') leaves the name to an earlier head of the sentence that says what is measured."""
    heads = list(lx.RATE_HEAD_RE.finditer(f, 0, num_start))
    if not heads:
        return None
    names = [_head_name(f, original, h.start(), num_start) for h in reversed(heads)]
    named = [n for n in names if n is not None and not _is_bare_rate(n) and not _is_level(n)]
    if not named:
        return names[0]
    level = names[0]
    if level is None or not _is_level(level) or len(heads) < 2:
        return named[0]
    # "Tỷ lệ cung cấp dịch vụ công trực tuyến theo mức độ 03 đạt 57%, mức độ 04 đạt 20%":
    # a level after a rate's name is that rate at that level
    said = _LEVEL_IN_NAME.search(fold(named[0]))
    if said:
        return _clean(named[0][: said.start()] + level + named[0][said.end() :])
    return _clean(f"{named[0]} {level}")


def _change_name(change: RelativeChange, level: str | None, measured: int | None) -> str | None:
    """A relative change's name from the vocabulary's change template, with the index as its
    level and the year it is compared with (the year before the measured one unless told):
    "change in the PCI from 2023" (signed), "mức tăng DTI so với năm 2020"."""
    concept = get_vocab().concept("metric", "average_change")
    if concept is None or level is None:
        return None
    compared = change.compared or (measured - 1 if measured is not None else None)
    if change.lang == "en":
        said = str(compared) if compared else "the year before"
        return concept.en.replace("{level}", level).replace("{year}", said)
    said = f"năm {compared}" if compared else "năm trước"
    direction = "giảm" if change.sign < 0 else "tăng"
    return (
        concept.vi.replace("{direction}", direction)
        .replace("{level}", level)
        .replace("{year}", said)
    )


def _short_index(f: str, index: str | None) -> str | None:
    """The short English name of the index a (folded) sentence names, else of the
    paragraph's ``index``: its bracketed alias where it has one ("DTI"), else its name."""
    code = _first_index(f) or index
    if code is None:
        return None
    name = get_vocab().index_display(code, "en")
    alias = _ALIAS.search(name)
    return alias.group(1) if alias else name


# A change verb right before a rate's value, and the comparison told after it.
_MOVED_BEFORE = re.compile(
    r"(?:^|[\s,;(])(?P<v>tang|giam|cao hon|thap hon)(?: them| toi| den| khoang| di)?\s*$"
)
_SINCE = re.compile(r"\s*(so với [^,;:.()]{3,40}?)(?=\s*(?:[,;:.()]|và\b|$))")
# A cut or rise right before a share ("cắt giảm ít nhất 20% …"), and what may follow it that
# is a comparison, not what was cut ("giảm 5% so với năm trước").
_CUT_BEFORE = re.compile(
    r"\b(?:cat |rut )?(?P<v>giam|tang|ngan)(?: them)?"
    r"(?: (?:it nhat|toi thieu|tren|hon|khoang))?\s*$"
)
_COMPARED_AFTER = re.compile(r"^(?:so voi|so cung ky|so|voi|nam|the|trong|len|xuong|con|den)\b")
_MUC_LEAD = re.compile(r"^(?:mức|muc)\s+", re.IGNORECASE)


_COMPARED_BEFORE = re.compile(r"\b(?:so voi|cung ky|hon)\s*$")
_COUNT_MOVED = re.compile(r"\s(tăng|giảm)(?: thêm)?$")


@cache
def _alias_count(alias: str) -> re.Pattern[str]:
    """A count in the article's short form of a unit ("8,98 ngàn HS")."""
    return re.compile(
        rf"(?<![\d.,])(?P<v>\d+(?:[.,]\d+)*)(?:\s+(?P<m>nghìn|ngàn|triệu))?\s+"
        rf"(?P<a>{re.escape(alias)})\b"
    )


# A value told right after another one and a comma: "… đạt 52%, 100% thủ tục …".
_AFTER_LISTED_VALUE = re.compile(r"\d\s*%?\s*,\s*$")


# A sentence about one level of government, said at its start ("Xét theo từng cấp, cấp tỉnh
# trong quý I …", "Ở cấp huyện, …", "Với cấp xã, …"): the level its figures are of.
_LEVEL_OPENING = re.compile(
    r"\W*(?:(?:xet theo tung cap|cu the|trong do|rieng)\s*,?\s*)?"
    r"(?:(?:o|voi|tai|rieng|doi voi)\s+)?"
    r"(cap (?:tinh|huyen|xa|so, ban, nganh|so, nganh|so|dia phuong))\b(?!\s*(?:,\s*)?(?:cap|va)\b)"
)
# The verb joining a bloc to the rate it has ("khối bộ, ngành có tỷ lệ …"), right before the
# rate's head.
_BLOC_HAS_RATE = re.compile(r"\s(?:co|voi|dat)\s+$")
# A name the entity list did not know, right before a bracketed value: "Xây dựng (16,6%)".
_NAME_BEFORE_BRACKET = re.compile(
    r"(?:^|[,;:]\s*|\b(?:là|và|and)\s+)(?P<name>[A-ZĐ][^\W\d_]*(?:\s+[^\W\d_]+){0,5})\s*\(\s*$"
)


def _bracketed_after_unknown_name(original: str, pos: int, ents: list[EntityMention]) -> bool:
    """Whether the value at ``pos`` is bracketed right after a capitalised name the entity
    list did not read ("Những bộ thấp nhất lần lượt là Xây dựng (16,6%), Công Thương
    (25%)"): that unit's figure, whoever it is, not the article's main unit's."""
    m = _NAME_BEFORE_BRACKET.search(original, max(0, pos - 60), pos)
    if m is None:
        return False
    return not any(e.end >= m.start("name") and e.start < pos for e in ents)


def _of_bloc(name: str, bloc: str) -> str:
    """A rate's name for one bloc: "… của khối bộ, ngành"; a level of government follows
    the name as a column title would ("tỷ lệ hồ sơ trực tuyến cấp huyện")."""
    return f"{name} {bloc}" if fold(bloc).startswith("cap ") else f"{name} của {bloc}"


def _head_in_earlier_clause(f: str, pos: int) -> bool:
    """Whether the last rate head before ``pos`` belongs to an earlier clause: a ";" stands
    between them, or the head's own value came first and a comma follows it ("tỷ lệ … đạt
    52%, 100% thủ tục …"). Either way the value at ``pos`` may name its own noun phrase."""
    heads = list(lx.RATE_HEAD_RE.finditer(f, 0, pos))
    if not heads:
        return False
    between = f[heads[-1].end() : pos]
    return ";" in between or bool(_AFTER_LISTED_VALUE.search(between))


def _names_a_unit(name: str, ents: list[EntityMention]) -> bool:
    """Whether a name holds a unit's name: the words before a value were its subject's."""
    key = fold(name)
    return any(fold(e.name) in key for e in ents)


def _not_a_rate_name(name: str) -> bool:
    """Names no rate may take: a score's share ("tỷ lệ điểm số": a unit's index result), a
    bare head ("tỷ lệ") and a name holding another rate ("tỷ lệ điểm số dưới 76,61%")."""
    key = fold(name)
    return bool(_SCORE_SHARE_NAME.match(key) or _is_bare_rate(name) or _RATE_IN_NAME.search(key))


def _is_level(name: str) -> bool:
    return bool(_LEVEL_NAME.match(fold(name)))


def _is_bare_rate(name: str) -> bool:
    return bool(_BARE_RATE_NAME.match(fold(name)))


def _head_name(f: str, original: str, h: int, num_start: int) -> str | None:
    """The name a rate head at ``h`` gives the value at ``num_start``."""
    if len(f[h:num_start].split()) > 40:
        return None
    seg_f = f[h:num_start]
    seg_o = original[h:num_start]
    cut = _VERBS.search(seg_f)
    if cut:
        seg_o = seg_o[: cut.start()]
    has = _HAS_VERB.search(seg_o.lower())  # "có" (has), not "cơ" (cơ quan), which fold alike
    if has:
        seg_o = seg_o[: has.start()]
    cut = re.search(r"[;:(]", seg_o)
    if cut:
        seg_o = seg_o[: cut.start()]
    cut = next((c for c in _COMMA.finditer(seg_o) if seg_o[c.end() : c.end() + 1].isupper()), None)
    if cut:
        seg_o = seg_o[: cut.start()]  # "Về mức độ hài lòng, TP. Hội An đạt …": a subject starts
    owner = lx.METRIC_NAME_OWNER_RE.search(f, h, h + len(seg_o))
    if owner:
        seg_o = seg_o[: owner.start() - h]
    return _tidy(f, original, h, h + len(seg_o))


def _tidy(f: str, original: str, s: int, e: int) -> str:
    """The measured noun phrase in ``original[s:e]``: without the verbs that open it
    ("là", "đạt"), cut where a new clause starts ("… là Bộ X", "… do …"), and without the
    dangling words a cut leaves ("đối", "của")."""
    low = original.lower() if len(original.lower()) == len(original) else f
    while s < e and low[s] in " ,:–-":
        s += 1
    lead = lx.METRIC_NAME_LEAD_RE.match(low[s:e])
    if lead:
        s += lead.end()
    stop = lx.METRIC_NAME_STOP_RE.search(low, s, e)
    if stop:
        e = stop.start()
    tail = lx.METRIC_NAME_TAIL_RE.search(low[s:e].rstrip(" ,;:.-–("))
    if tail:
        e = s + tail.start()
    return _clean(original[s:e])


@cache
def _count_unit_matchers(label: str) -> tuple[tuple[Entry, re.Pattern[str]], ...]:
    """The vocabulary's count units of one label, each with its compiled pattern."""
    vocab = get_vocab()
    return tuple(
        (e, vocab.matcher(e)) for e in vocab.entries if e.kind == "count_unit" and e.label == label
    )


def _listed_at(original: str, pos: int) -> bool:
    """Whether a kind of unit of a list starts at ``pos`` ("phường" in "xã, phường")."""
    return any(rx.match(original, pos) for _, rx in _count_unit_matchers("listed_unit"))


def _phrase_end(f: str, original: str, pos: int) -> int:
    """Where the noun phrase from ``pos`` ends: at the first clause break, except a comma or
    "và" that goes on with another kind of unit ("100% xã, phường, thị trấn được …")."""
    at = pos
    while True:
        m = _PHRASE_BREAK.search(f, at)
        if m is None:
            return len(f)
        go_on = _LIST_GOES_ON.match(f, m.start())
        if (
            go_on
            and go_on.end() > m.start()
            and _listed_at(original, go_on.end())
            and not original[go_on.end() : go_on.end() + 1].isupper()  # "…, Sở Xây dựng": a name
            and not _next_clause_counts(f, go_on.end())
        ):
            at = go_on.end()
            continue
        aside = _PAREN_ASIDE.match(f, m.start()) or _WORD_ASIDE.match(f, m.start())
        if aside and m.start() > pos:
            at = aside.end()
            continue
        return m.start()


def _next_clause_counts(f: str, pos: int) -> bool:
    """Whether the words from ``pos`` to the next break hold a count: "tiếp nhận 5.120 hồ
    sơ, giải quyết đúng hạn 5.050 hồ sơ" starts another figure, not a list of kinds."""
    nxt = _PHRASE_BREAK.search(f, pos)
    return bool(lx.COUNT_RE.search(f, pos, nxt.start() if nxt else len(f)))


def _following_name(f: str, original: str, pos: int) -> str:
    """Noun phrase after a number: '100% các xã được phủ sóng' -> 'các xã được phủ sóng'."""
    end = _phrase_end(f, original, pos)
    asides = list(_WORD_ASIDE_IN_NAME.finditer(f, pos, end))
    if asides:
        # the name is read without them, so they take none of its words
        starts = [pos] + [m.end() for m in asides]
        ends = [m.start() for m in asides] + [end]
        keep = list(zip(starts, ends, strict=True))
        f, original = "".join(f[a:b] for a, b in keep), "".join(original[a:b] for a, b in keep)
        pos, end = 0, len(f)
    phrase = _tidy(f, original, pos, end)
    shared = _shared_predicate(f, original, end) if not asides else ""
    if shared and fold(shared) not in fold(phrase):
        phrase = f"{phrase} {shared}"
    return _clean(_PAREN_ASIDE_IN_NAME.sub("", phrase))


def _shared_predicate(f: str, original: str, end: int) -> str:
    """The predicate told once after the last of a list of counts that goes on at ``end``
    ("100% cơ quan …, 428 đơn vị … và 01 đơn vị … duy trì thực hiện cơ chế tự chủ"), or ""
    when no list goes on there."""
    last = None
    for _ in range(_MAX_LISTED):
        item = _NEXT_LISTED_COUNT.match(f, end)
        if item is None or (last is None and "va" not in item.group(0)):
            break  # "12.486 hồ sơ, 99,6% hồ sơ được …": a comma alone lists other figures
        last, end = item.end(), _phrase_end(f, original, item.end())
    if last is None:
        return ""
    for _, rx in _topic_matchers("shared_predicate"):
        m = rx.search(original, last, end)
        if m is not None:
            return _tidy(f, original, m.start(), end)
    return ""


_UNIT_QUALIFIER = re.compile(r"\b(?:thu tuc hanh chinh|tthc)\b")


def _count_name(f: str, original: str, unit_start: int, unit: str, verb: str | None = None) -> str:
    """'12 hồ sơ trực tuyến' -> 'số hồ sơ trực tuyến'; an amount ('15 ngày') keeps its noun.
    ``verb``, the clause's words before the number ("tiếp nhận trực tiếp 6.989 hồ sơ"), says
    what was done to what is counted and ends a name that says little else."""
    phrase = _following_name(f, original, unit_start)
    if not phrase or lx.AMOUNT_UNITS_RE.match(fold(unit)):
        return phrase
    if not fold(phrase).startswith(fold(unit)):
        # the unit's first word read as an opening word ("chỉ số", "có" in "cơ quan")
        rest = _following_name(f, original, unit_start + len(unit))
        phrase = f"{unit} {rest}".strip()
    if verb and fold(verb).startswith(("so ", "tong ")) and f" {fold(unit)} " in f" {fold(verb)} ":
        return _clean(verb)  # "Tổng hồ sơ đã giải quyết là 14.404 hồ sơ": the verb names it
    name = f"số {phrase}"
    # "hồ sơ thủ tục hành chính" is still just the dossiers: the procedures' words name the
    # unit, not something more the count is of
    bare = _UNIT_QUALIFIER.sub(" ", fold(phrase))
    extra = len(bare.split()) - len(fold(unit).split())
    if verb and extra <= _VERB_WITH_WORDS and fold(verb) not in fold(name):
        name = f"{name} {verb}"
    return _clean(name)


def _verb_phrase(f: str, original: str, num_start: int, ents: list[EntityMention]) -> str | None:
    """The words of a count's clause before its number, without the words that open a clause
    ("đã", "có") or end on the number ("của", "là"): 'toàn tỉnh đã thực hiện cắt giảm thời
    hạn giải quyết của 241 TTHC' -> 'thực hiện cắt giảm thời hạn giải quyết'. None when the
    clause holds a number, an entity's name or too many words to be a name."""
    breaks = list(_COUNT_CLAUSE_BREAK.finditer(f, 0, num_start))
    start = breaks[-1].end() if breaks else 0
    if breaks and breaks[-1].group(0) == ",":
        # "đã cắt giảm, đơn giản hóa 156 thủ tục": two actions on one count, one verb phrase
        paired = _PAIRED_ACTIONS.search(f, 0, breaks[-1].start())
        if paired is not None and paired.end() == breaks[-1].start():
            start = paired.start("v")
    if breaks and breaks[-1].group(0).strip() == "va":
        # "giải quyết đúng và sớm hạn là 12.210 hồ sơ": two short words joined, one verb
        before = breaks[-2].end() if len(breaks) > 1 else 0
        left, right = f[before : breaks[-1].start()].split(), f[start:num_start].split()
        if 0 < len(left) <= _JOINED_WORDS and len(right) <= _JOINED_WORDS + 1:
            if not _DIGIT.search(f, before, start):
                start = before
    for e in ents:
        if e.end > start and e.start < num_start:
            start = max(start, min(e.end, num_start))
    while start < num_start and f[start] in " ,":
        start += 1
    low = original.lower() if len(original.lower()) == len(original) else f
    subjects = list(_AUXILIARY.finditer(low, start, num_start))
    if subjects:
        start = subjects[-1].end()  # "thành phố đã tiếp nhận": the words before "đã" are who
    lead = _VERB_PHRASE_LEAD.match(f, start, num_start)
    if lead:
        start = lead.end()
    seg = low[start:num_start].rstrip(" ,")
    tail = _VERB_PHRASE_TAIL.search(seg)
    end = start + (tail.start() if tail else len(seg))
    words = original[start:end].split()
    if not words or len(words) > _VERB_PHRASE_MAX_WORDS or _DIGIT.search(f, start, end):
        return None
    if lx.TARGET_RE.search(f, start, end) or lx.RATE_HEAD_RE.search(f, start, end):
        return None
    return " ".join(words)


def _names_a_thing(phrase: str) -> bool:
    """Whether a phrase after a bare rate names what is measured: a Vietnamese noun phrase
    that opens on a metric unit or a rate's usual nouns."""
    key = fold(phrase)
    return bool(lx.RATE_OBJECT_RE.match(key))


def _preceding_words(original: str, pos: int, n: int = 6) -> str:
    words = re.split(r"\s+", original[:pos].strip())
    return _clean(" ".join(words[-n:]))


_EN_MONTH_YEAR_RE = re.compile(rf"\bin\s+{lx.EN_MONTHS}\s+((?:19|20)\d\d)\b")
_HEADLINE_YEAR_RE = re.compile(r"\b(?:nam|in)\s+((?:19|20)\d\d)\b(?!\s*[-–/])")


def lead_period_year(head: str) -> int | None:
    """The year of the period an article reports on, read from its folded headline and lead
    (the first few hundred characters): the year of its otherwise undated figures."""
    headline = head.split("\n", 1)[0]
    m = PERIOD_YEAR_RE.search(headline)
    if m is None:
        # "Chỉ số CCHC năm 2022: …" over the dateline "Tháng 4/2023": the headline names the
        # year reported on, the dateline when it was published
        said = {y.group(1) for y in _HEADLINE_YEAR_RE.finditer(headline)}
        if len(said) == 1:
            return int(said.pop())
    m = (
        m
        or PERIOD_YEAR_RE.search(head)
        or lx.DATELINE_YEAR_RE.search(head)
        or _EN_MONTH_YEAR_RE.search(head)  # "In June 2022, the province moved up …"
    )
    return int(m.group(1)) if m else None


def find_metrics(
    f: str,
    original: str,
    ents: list[EntityMention],
    years: list[tuple[int, int]],
    main: EntityMention | None,
    mask: list[bool],
    context_year: int | None = None,
    doc_province: str | None = None,
    index: str | None = None,
    memory: MetricMemory | None = None,
) -> list[dict[str, Any]]:
    """Metrics of one sentence. ``context_year`` is the year an earlier sentence of the
    same paragraph set ("Trong năm 2023, … Tổng hồ sơ đã giải quyết là …"); ``doc_province``
    the province the article is about, whose the counts of its agencies are; ``index`` the
    index the paragraph is about, which names an average of a sentence that names none;
    ``memory`` the rate the paragraph named last, for values here that name none."""
    carried_nation = memory is not None and memory.nation_subject
    if memory is not None:
        if any(e.level != "nation" for e in ents):
            memory.nation_subject = False  # a unit named: the country no longer the subject
        elif lx.NATION_AS_SUBJECT_RE.search(f):
            memory.nation_subject = True
    if not _DIGIT.search(f):
        return []  # every value below is read from digits: most prose has none
    out: list[dict[str, Any]] = []
    en_as_of = _EN_AS_OF_RE.search(f)
    as_of = _AS_OF_RE.search(f) or en_as_of
    if as_of:
        years = [*years, (as_of.start(1), int(as_of.group(1)))]
    # "tháng 4/2025" is a year the year finder does not read as one
    periods = [(p.start(1), int(p.group(1))) for p in PERIOD_YEAR_RE.finditer(f)]
    # "… Services (SIPAS) 2017", "Chỉ số CCHC 2022": an edition's year after the index's name
    editions = (
        [(e.start(1), int(e.group(1))) for e in _INDEX_YEAR_RE.finditer(f)]
        if "19" in f or "20" in f
        else []
    )
    years = sorted({*years, *periods, *editions})
    if years and (" as " in f or " than " in f):
        years = [(p, y) for p, y in years if not _AS_IN_YEAR.search(f, max(0, p - 14), p)]
    goal_item = memory is not None and memory.goal_list  # an item of a list of goals
    is_target_sentence = goal_item or bool(lx.TARGET_RE.search(f))
    if memory is not None and "(" in original:
        for d in _ALIAS_DEF.finditer(f):
            short = original[d.start("a") : d.end("a")]
            if short.isupper():  # "hồ sơ (HS)": the article's short form of the unit
                memory.aliases.setdefault(short, original[d.start("u") : d.end("u")])

    # "Theo Sở Nội vụ, …": who reports the figures is not whose they are
    ents = [
        e
        for e in ents
        if not _SOURCE_BEFORE.search(f, max(0, e.start - 30), e.start)
        and not (e.level == "ministry" and _EN_REPORTS_AFTER.match(f, e.end))
        and not (
            _REPORT_OF_BEFORE.search(f, max(0, e.start - 20), e.start)
            and _REPORTS_AFTER.match(f, e.end)
        )
    ]

    def owner(pos: int) -> EntityMention | None:
        before = [e for e in ents if e.end <= pos and e.level != "nation"]
        national = [
            c.end()
            for c in lx.NATIONAL_FIGURE_RE.finditer(f, max(0, pos - 60), pos)
            if not _SUPERLATIVE_BEFORE.search(f, max(0, c.start() - 14), c.start())
        ]  # "thuộc nhóm cao nhất toàn quốc ở 8 trục": where the unit ranks, not whose
        if national and (not before or before[-1].end < national[-1]):
            return _NATION  # "…, bình quân 63 địa phương là 88,37%" after a province's name
        if before:
            if before[-1].level == "ministry" and lx.SURVEY_RE.search(f):
                return _NATION
            if (
                len(before) > 1
                and before[-1].level == "province"
                and before[-2].level in _SUB_PROVINCE_LEVELS
                and _OF_PROVINCE_GAP.fullmatch(f, before[-2].end, before[-1].start)
            ):
                return before[-2]  # "Sở Tư pháp tỉnh Hà Tĩnh": the department, of its province
            return before[-1]
        if _NATIONAL_SUBJECT_RE.search(f, 0, pos) and not _LOCAL_SUBJECT_RE.search(f, 0, pos):
            return _NATION  # "Cổng Dịch vụ công quốc gia có 7,2 triệu tài khoản"
        if lx.NATIONAL_SUBJECT_RE.search(f, 0, pos):
            return _NATION  # "mức độ hài lòng của người dân cả nước đối với cơ quan … đạt"
        if carried_nation and not ents:
            return _NATION  # "…, cả nước vẫn chưa đạt mục tiêu. Tỷ lệ … chung mới đạt 45,8%"
        return main

    def year_at(pos: int) -> int | None:
        bracketed = _BRACKETED_AFTER_YEAR.search(f, max(0, pos - 12), pos)
        if bracketed is not None:
            return int(bracketed.group(1))  # "so với năm 2022 (80,08%)": 2022's own level
        own = _OWN_YEAR_BEFORE.search(f, max(0, pos - 24), pos) or _OWN_YEAR_AFTER.match(f, pos)
        if own is not None and not is_target_sentence:
            return int(own.group(1))  # "(năm 2022 là 30%)", "từ mức 30% của năm 2022"
        if goal_item and memory is not None and memory.goal_year and not years:
            return memory.goal_year  # "- 100% thủ tục …" under "Năm 2025 phấn đấu:"
        if is_target_sentence:
            visions = {v.start("vision") for v in _PERIOD_VISION_RE.finditer(f, 0, pos)}
            by = [
                int(y.group(1))
                for y in _TARGET_YEAR_RE.finditer(f, 0, pos)
                if y.start(1) not in visions
            ]
            by = by or [int(v["end"]) for v in _PERIOD_VISION_RE.finditer(f, 0, pos)]
            if by and lx.TARGET_RE.search(f, 0, pos):
                return by[-1]  # "Mục tiêu đến năm 2025, tỷ lệ … đạt 80%": the goal's year
        before = [y for p, y in years if p <= pos]
        if before:
            return before[-1]
        # a year later in the value's clause dates it ("… đạt 45% trong năm 2023"); one in a
        # later clause is another figure's ("…; trong khi năm 2021 còn 1 chỉ số …")
        after = [y for p, y in years if not _CLAUSE_STOP.search(f, pos, p)]
        if after:
            return after[0]
        return context_year if context_year is not None else (years[0][1] if years else None)

    period = lx.SUB_YEAR_PERIOD_RE.search(f)
    # the period an earlier sentence of the paragraph, else the headline or lead, set: the
    # period of this sentence's figures when it states none
    carried_period = None
    if memory is not None:
        carried_period = memory.period or memory.lead_period
        if period is not None:
            memory.period = stated_period(original) or memory.period
    emitted: list[tuple[int, int, dict[str, Any], EntityMention | None]] = []  # where, what, whose
    opening = _LEVEL_OPENING.match(f)
    level_opening = original[opening.start(1) : opening.end(1)].lower() if opening else None

    def _announces_ranked_list(s: int, e: int) -> bool:
        """Whether the count at ``s``..``e`` announces a superlative's list of units."""
        listed = _RANKED_LIST_AFTER.match(f, e)
        if listed is None:
            return False
        return any(listed.end() <= x.start <= listed.end() + _LISTED_NAME_GAP for x in ents)

    def emit(
        s: int,
        e: int,
        value: float,
        unit: str,
        name: str,
        ent: EntityMention | None = None,
        year: int | None = None,
        target: bool | None = None,
        shared: bool = False,
        undated: bool = False,
    ) -> None:
        if (any(mask[s:e]) and not shared) or not name or _in_quoted_name(original, s, e):
            return
        if _DURATION_UNIT.fullmatch(fold(unit)) and fold(name).startswith(fold(unit)):
            return  # "Chỉ 5 phút sau, cán bộ … đã xử lý xong": nothing says what was timed
        if unit != "%" and _OTHERS_WITH.search(f, max(0, s - 8), s) and _OTHERS.match(f, e):
            return  # "Thái Bình cùng 4 địa phương khác là …": the named unit's company, listed
        if unit != "%" and _announces_ranked_list(s, e):
            return
        if (
            unit != "%"
            and _RATE_VALUE_IN_NAME.search(fold(name))
            and lx.RATE_HEAD_RE.search(f, _clause_start(f, s), s)
        ):
            return  # "tỷ lệ giải quyết 25 TTHC … đạt 95,73%": the count is part of a rate's name
        if name[:1].isupper() and _HEAD_WORD.match(name):
            name = name[0].lower() + name[1:]  # "Tỷ lệ …" opening a sentence: a column title
        if level_opening is not None and "cap " not in fold(name) and ent is None:
            # "Xét theo từng cấp, cấp tỉnh … đạt 98,63%": the level the sentence is about
            name = f"{name} {level_opening}"
        if period and period.start() < s and fold(period.group(0)) not in fold(name):
            # the period is part of what is measured (CONVENTIONS: shorter than a year)
            said = original[period.start() : period.end()]
            said = f"{said[0].lower()}{said[1:]}"  # "Tháng 5/2022, …" opening a sentence
            if _COMPARED_BEFORE.search(f, max(0, period.start() - 12), period.start()):
                said = f"so với {said}"  # "So với tháng 9-2021, …": the period compared with
            name = f"{name} {said}"
        elif en_as_of is not None and en_as_of.start() < s and "as of" not in name:
            # "as of April 2022, only 24.89 percent …": the date is part of what is measured
            said = original[en_as_of.start() : en_as_of.end()]
            name = f"{name} ({said[0].lower()}{said[1:]})"
        # ``undated``: "this year", the article's year, which the extractor gives undated figures
        measured = None if undated else year if year is not None else year_at(s)
        if measured is None and memory is not None and memory.dateline_year is not None:
            last = _EN_LAST_YEAR_AFTER.match(f, e)
            if last is not None and not _CLAUSE_STOP.search(last.group(0)):
                measured = memory.dateline_year - 1  # "cut fees by 50 percent last year"
        is_goal = (
            target
            if target is not None
            else goal_item or is_target_sentence and bool(lx.TARGET_RE.search(f, 0, s))
        )
        if (
            period is None
            and carried_period is not None
            and carried_period[1] == measured
            and not is_goal
            and not _PERIOD_IN_NAME.search(fold(name))
        ):
            name = f"{name} {carried_period[0]}"  # "Các cơ quan đã giải quyết 8,98 ngàn HS"
        for i in range(s, e):
            mask[i] = True
        name = _named_by_bloc(original, s, unit, name)
        if unit != "%":
            name = _with_group(original, s, name)
        name = _with_topic_system(original, s, name)
        if unit != "%":
            name = _with_index(name, unit, f, index)
        ent = ent or owner(s)
        if ent is main and _bracketed_after_unknown_name(original, s, ents):
            return  # "… lần lượt là Xây dựng (16,6%), Công Thương (25%)": not the article's unit
        if ent is main and main is not None and lx.VI_SUPERLATIVE_SUBJECT_RE.search(
            f[_clause_start(f, s) : s]
        ):
            return  # "tỉnh giảm sâu nhất là 2,91%": an unnamed unit's, not the article's
        plural = bool(lx.PLURAL_SUBJECT_RE.search(f, 0, s))
        if (
            doc_province
            and ent is not None
            and _counts_the_provinces_units(ent, main, unit, plural)
        ):
            # "khối sở có 17/19 cơ quan đạt loại tốt" after a sentence about one department:
            # a count of the province's units is the province's
            ent = EntityMention(0, 0, doc_province, "province", doc_province)
        surveyed_by = _surveyed_nationwide(f, original, s, unit) if ent is main else None
        if ent is not None and surveyed_by is not None:
            # "Báo cáo PGI … khảo sát 8.000 doanh nghiệp": the country's survey, titled by it
            ent = _NATION
            if fold(surveyed_by) not in fold(name):
                name = f"{name} được khảo sát {surveyed_by}"
        if ent is not None and ent.level == "ministry" and lx.SURVEY_RE.search(f):
            ent = _NATION  # the units a ministry's survey covered are the country's
        elif (
            unit != "%"
            and (ent is None or ent.level != "nation")  # "95/95 bộ, ngành, địa phương"
            and _BLOC_UNITS.match(fold(unit))
            and (_BLOC_CUE.search(f) or (ent is not None and ent.level == "ministry"))
        ):
            ent = _bloc()  # "Nhóm trên 90% có 2 đơn vị là …": the bloc's count of its members
        if ent is not None and ent.level == "ministry" and unit != "%":
            name = _named_as_bloc(name, unit, ent)
        if ent is main and main is not None and memory is not None and memory.main_reports:
            # the ministry the article names most but neither its headline nor this sentence
            # ("Số liệu của Bộ … cho biết"): it reports the figures, they are the country's
            ent = _NATION
        out.append(
            {
                "entity": ent.name if ent else "không rõ",
                "name": name,
                "value": value,
                "unit": unit,
                "year": measured,
                "is_target": is_goal,
            }
        )
        emitted.append((s, e, out[-1], ent))

    respective = _respective_owners(f, ents)
    respective_levels = _respective_levels(f, original)
    verbs: dict[str, tuple[int, str]] = {}  # unit -> (where its list goes on, its verb)

    def count_verb(s: int, unit_start: int, unit: str) -> str | None:
        """The verb of a count's clause; a count listed after another of the same unit
        ("241 TTHC cấp tỉnh, 31 TTHC cấp huyện") shares the first one's."""
        verb = _verb_phrase(f, original, s, ents)
        key = fold(unit)
        prev = verbs.get(key)
        if verb is None and prev is not None and _LIST_JOIN.fullmatch(f, prev[0], s):
            verb = prev[1]
        joined = [
            v for k, (end, v) in verbs.items() if k != key and _LIST_JOIN.fullmatch(f, end, s)
        ]
        if joined:
            # "xếp hạng 19 sở, ngành và 10 huyện, …": the second kind counted shares the
            # first one's verb; the words before it are the first kind's, not its verb
            verb = joined[-1]
        if verb is not None:
            verbs[key] = (_phrase_end(f, original, unit_start), verb)
        return verb

    # "The localities averaged 94.54%" in an article about one province: its districts' average,
    # which the country's average readers would misread (precision first: not read)
    own_localities = main is not None and main.level == "province" and _LOCALITIES.search(f)
    for avg in find_averages(f, original, ents, index):
        if own_localities and avg.owner == "nation" and not lx.NATIONAL_FIGURE_RE.search(f):
            continue
        # before the rates below: an average's number read there would take a unit's name
        said = avg.year
        if said is None and avg.back:
            measured = year_at(avg.start)
            said = measured - avg.back if measured is not None else None
        if avg.owner == "province":
            # "The localities averaged 94.54%" in an article about one province: its own
            if main is None or main.level != "province":
                continue
            # read even where the index results took the value (and doubted it as an
            # average): the province's units' average is never the province's own result
            emit(avg.start, avg.end, avg.value, avg.unit, avg.name, main, said, shared=True)
            continue
        whose = _AVERAGE_OWNERS[avg.owner]()
        if avg.size is not None:  # "The 19 ministries and agencies average …": that bloc
            whose = EntityMention(0, 0, _LEADING_NUMBER.sub(str(avg.size), whose.name), whose.level)
        emit(avg.start, avg.end, avg.value, avg.unit, avg.name, whose, said)

    for change in find_relative_changes(f, original):
        # "80.87 points, a rise of 4.3%": the change of the unit's score, named as a change
        name = _change_name(change, _short_index(f, index), year_at(change.start))
        unit_ent = next(
            (e for e in reversed(ents) if e.end <= change.score_at and e.level != "nation"),
            None,
        )
        taken = any(a <= change.start < b for a, b, _, _ in emitted)  # an average's change
        if name is not None and unit_ent is not None and not taken:  # whose: named, not guessed
            signed = -change.value if change.sign < 0 and change.lang == "en" else change.value
            # read even where the index results masked it: a percent change of a points
            # score is never their score change (CONVENTIONS)
            emit(change.start, change.end, signed, "%", name, unit_ent, shared=True)

    for level_count in find_service_levels(original):
        # "1.816 dịch vụ công trực tuyến, gồm 368 mức độ 2, 397 mức độ 3 …": each level's
        # count, named by the services counted (before the counts below, which would name
        # an item by its words alone)
        emit(level_count.start, level_count.end, level_count.value, level_count.unit,
             level_count.name, owner(level_count.start), year_at(level_count.start))  # fmt: skip

    for spread in find_spread(f, original, [e.end for e in ents], _short_index(f, index)):
        # "Tính chung toàn quốc, …; mức cao nhất là 48,06 điểm", "điểm trung vị là 65,22
        # điểm": the field's ends and middle, the country's (read even where the index
        # results took the value as a unit's: no unit's result is the field's)
        emit(spread.start, spread.end, spread.value, spread.unit, spread.name, _NATION, shared=True)

    for group in find_group_sizes(f, original, _short_index(f, index)):
        # "nằm trong nhóm 16 tỉnh, thành phố có chỉ số trung bình cao": the group's size, the
        # country's (before the counts below, which would read its number as a count)
        # dated from the group's end: its units' own comma ("tỉnh, thành phố") is no clause break
        emit(group.start, group.end, group.value, group.unit, group.name, _NATION,
             year_at(group.end))  # fmt: skip

    for level in find_en_levels(original):
        # "the share of … rose from 28 percent in 2021 to 51.5 percent in 2024": both levels,
        # each in its own year (before the rates below, which would read one of them)
        # whose: the sentence's unit, else the country's (a rate told of no unit in an
        # article about none is the country's)
        whose = owner(level.start) or _NATION
        year = level.year or (memory.dateline_year if memory is not None else None)
        emit(level.start, level.end, level.value, "%", level.name, whose, year,
             undated=year is None)  # fmt: skip

    for growth in find_en_growth(original):
        # "GRDP grew by 13.45 per cent": the growth, named as such (the sentence's year)
        emit(growth.start, growth.end, growth.value, "%", growth.name)

    for part in find_index_parts(original, _short_index(f, index)) if _DIGIT.search(f) else []:
        # "The PAPI index has 8 dimensions, 28 sub-dimensions, …": the index's make-up, the
        # country's (before the counts below, which would title them otherwise)
        emit(part.start, part.end, part.value, part.unit, part.name, _NATION)

    en_counts, counted = find_en_counts(
        f, original, memory.counted if memory else None, lambda: _short_index(f, index)
    )
    if memory is not None:
        memory.counted = counted
        memory.bloc_size = en_bloc_size(original) or memory.bloc_size
    for count in en_counts:
        by = _AVERAGE_OWNERS[count.owner]() if count.owner in _AVERAGE_OWNERS else None
        if by is not None and count.owner == "bloc" and memory is not None and memory.bloc_size:
            # "came first among 19 ministries …" earlier: that bloc's count
            by = EntityMention(0, 0, _LEADING_NUMBER.sub(str(memory.bloc_size), by.name), by.level)
        if by is _NATION and own_localities and _LOCALITIES.search(fold(count.unit)):
            if not lx.NATIONAL_FIGURE_RE.search(f):
                by = main  # "5 localities beat the average" in an article about one province
        emit(count.start, count.end, count.value, count.unit, count.name, by)

    if memory is not None and counted is not None and counted.surveyed:
        memory.surveyed = counted.words  # "a survey of 30,500 citizens": whose later shares are
    for share in find_en_shares(f, original, memory.surveyed if memory else None):
        emit(share.start, share.end, share.value, "%", share.name, _NATION)

    for rate in find_en_rates(original):
        # "the share of online applications reached 62%", "aims to have 80% of …"
        if _EN_COMPARED_AFTER.match(original, rate.end):
            continue  # "… was 20 percent lower than in 2020": a change, not the level
        en_goal = _en_goal_before(original, rate.start)
        year = _en_goal_year(original, rate.start, rate.end) if en_goal else None
        place = rate.place
        where = next((e for e in ents if place and place[0] <= e.start < place[1]), None)
        emit(rate.start, rate.end, rate.value, "%", rate.name, where, year, en_goal or None)

    # a unit's own rates and counts of work ("the rate of … reached 62%", "processed 1.2 million
    # dossiers"), and its cuts ("plans to cut at least 10 percent of its administrative
    # procedures", "bring the waiting time down to an average of 20 minutes"); spans the
    # rates above took stay theirs (the mask). A goal cue before one makes it a goal.
    en_figures: list[EnFigure | EnCut] = [*find_en_figures(f, original)]
    if _EN_CUT_HINT.search(f):
        en_figures += find_en_cuts(original)
    for fig in en_figures:
        if _EN_COMPARED_AFTER.match(original, fig.end):
            continue  # "… was 20 percent lower than in 2020": a change, not the level
        fig_goal = _en_goal_before(original, fig.start)
        year = _en_goal_year(original, fig.start, fig.end) if fig_goal else None
        emit(fig.start, fig.end, fig.value, fig.unit, fig.name, None, year, fig_goal or None)

    # "90,010 records were received at the provincial level, 136,350 records at the district
    # level and …": the level said after an English figure is part of what it measures, and
    # each figure listed after it with its own level is the same measure at that level
    for _, level_end, rec, level_owner in list(emitted) if says_a_level(original) else []:
        level_said = level_after(original, level_end)
        if level_said is None or (
            names_a_level(rec["name"]) and level_said.group(0).lower() not in rec["name"].lower()
        ):
            continue  # a reader that named the level ("commune-level procedures") listed them
        rec["name"] = with_level(rec["name"], level_said.group(0))
        for item in listed_levels(original, level_said.end(), rec["unit"] == "%", rec["unit"]):
            emit(item.start, item.end, item.value, rec["unit"],
                 with_level(rec["name"], item.level), level_owner, rec["year"],
                 rec["is_target"])  # fmt: skip

    # "… reached 83.84% in 2024, up 1.35% on 2023": an English rate's change told right
    # after its level, the same unit's and year's, named as that rate's change
    for _, level_end, rec, level_owner in list(emitted) if _EN_CHANGE_HINT.search(f) else []:
        if rec["unit"] != "%" or rec["is_target"]:
            continue
        for shift in en_level_changes(f, original, level_end, rec["name"]):
            emit(shift.start, shift.end, shift.value, shift.unit, shift.name, level_owner,
                 rec["year"])  # fmt: skip

    # "…, with provincial results ranging from 78.16% to 90.59%": the field's lowest and
    # highest, the country's, of the index named or the rate whose level came before
    levels = [rec["name"] for _, _, rec, _ in emitted if rec["unit"] == "%"]
    for end in find_en_range(original, levels[0] if levels else None):
        emit(end.start, end.end, end.value, end.unit, end.name, _NATION)

    # the sentence's last rate and its owner: a goal told after it is its goal
    last_rate: tuple[str, EntityMention | None] | None = None
    province = (
        EntityMention(0, 0, doc_province, "province", doc_province)
        if doc_province
        else (main if main is not None and main.level == "province" else None)
    )
    for m in lx.PERCENT_RE.finditer(f):
        s = m.start("v")
        if _NOT_A_MEASURE_BEFORE.search(f[max(0, s - 14) : s]):
            continue
        value = parse_vn_number(m.group("v"))
        if value is None or value > 100:
            continue
        bound = lx.BOUND_BEFORE_RE.search(f, max(0, s - 16), s)
        goal = is_target_sentence and _GOAL_BOUND_RE.search(f, max(0, s - 24), s)
        open_ended = goal and _OPEN_END.match(f, m.end())  # "phấn đấu đạt từ 80% trở lên"
        if (bound and not goal) or (lx.BOUND_AFTER_RE.match(f[m.end() :]) and not open_ended):
            continue  # a threshold or a range end, not a measured rate ("đạt trên 98%" as a
            # goal is the goal)
        name = _rate_name(f, original, s)
        if name is not None and _head_in_earlier_clause(f, s):
            # "… tỷ lệ thanh toán trực tuyến đạt 50%; 90% người dân hài lòng …": the value
            # after the ";" names its own noun phrase, the head was the last clause's
            following = _following_name(f, original, m.end())
            if _names_a_thing(following):
                name = f"tỷ lệ {following}"
        if name is None or _is_bare_rate(name):
            # "Xếp sau là Cà Mau (95,1%)", "Khối bộ, ngành đạt 70,2%", "… so với mục tiêu
            # 80%": the rate the paragraph named last, for that unit, bloc or goal
            carry = carried_name(
                original,
                s,
                ents,
                (memory.name or memory.topic) if memory else None,
                last_rate,
                province,
            )
            if carry is not None:
                owner_of = carry.owner or respective.get(m.start())
                # a goal cue of an earlier clause ("so với mục tiêu 70%; khối tỉnh … đạt
                # 18,54%") does not make a later unit's value a goal
                is_goal = carry.is_goal or bool(lx.TARGET_RE.search(f, carry.start, s))
                emit(m.start(), m.end(), value, "%", carry.name, owner_of, target=is_goal)
                last_rate = (carry.name, owner_of)
                continue
        else:
            name = without_owner(name, ents)
            if not _not_a_rate_name(name):
                last_rate = (name, respective.get(m.start()))
                if memory is not None:
                    memory.name = name
            bloc = bloc_before(original, s, province)
            if bloc is None:
                # "khối bộ, ngành có tỷ lệ hồ sơ … là 51,19%": the bloc opens the rate's name
                heads = list(lx.RATE_HEAD_RE.finditer(f, _clause_start(f, s), s))
                head = heads[-1].start() if heads else -1
                has = _BLOC_HAS_RATE.search(f, max(0, head - 8), head) if heads else None
                if has is not None:
                    bloc = bloc_before(original, has.start(), province)
            if bloc is not None and fold(bloc[0]) not in fold(name):
                # "Về tỷ lệ … đúng hạn: các cơ quan chuyên môn cấp tỉnh đạt 99,74%, UBND cấp
                # huyện đạt 99,33%": the rate of each level, the province's
                emit(m.start(), m.end(), value, "%", _of_bloc(name, bloc[0]), bloc[1])
                continue
        if name is not None and _is_bare_rate(name):
            # "tỷ lệ 62,04% dịch vụ công trực tuyến toàn trình": the head names nothing,
            # the noun phrase after the value does
            following = _following_name(f, original, m.end())
            if _names_a_thing(following):
                name = f"{name.split()[0]} {name.split()[1]} {following}"
        share_of = _COUNT_BEFORE_SHARE.search(f, max(0, s - 60), s)
        if name is None and share_of is not None:
            unit_o = original[share_of.start("u") : share_of.end("u")]
            after = f.find(")", m.end())
            rest = _following_name(f, original, after + 1) if after >= 0 else ""
            name = _named_by_bloc(original, s, unit_o, _clean(f"tỷ lệ {unit_o} {rest}"))
        cut = _CUT_BEFORE.search(f, _clause_start(f, s), s)
        cut_of = _following_name(f, original, m.end()) if cut else ""
        if cut and len(cut_of.split()) >= 2 and not _COMPARED_AFTER.match(fold(cut_of)):
            # "giảm 50% mức thu phí, lệ phí …", "cắt giảm ít nhất 20% thời gian giải quyết
            # …": how much what follows is cut (or raised), not a level
            direction = "tăng" if cut.group("v") == "tang" else "giảm"
            name = _clean(f"mức {direction} {_MUC_LEAD.sub('', cut_of)}")
        if name is None:
            before = f[_clause_start(f, s) : s]
            if re.search(r"\b(?:tang|giam)\s*(?:them\s*)?$", before):
                name = _preceding_words(original, s, 8)
                if _ANAPHOR.search(fold(name)) or _DIGIT.search(name) or _names_a_unit(name, ents):
                    name = ""  # "Kết quả này giảm 5,42%", "… đạt 0,47, tăng 66%": unnamed
            else:
                following = _following_name(f, original, m.end())
                # "38% là dịch vụ công trực tuyến một phần": the share of what follows. A
                # rate with no head and nothing measured after it has no readable name.
                name = f"tỷ lệ {following}" if _names_a_thing(following) else ""
                done = _done_at(f, original, s) if name else None
                handled = _handled_before(f, original, s) if name else None
                if handled is not None:
                    # "giải quyết đúng hạn 98,2% hồ sơ": the share of the dossiers handled so
                    name = _clean(f"{name} {handled}")
                if done is not None:
                    # "đã triển khai mô hình X tại 100% xã, phường, thị trấn trên địa bàn
                    # tỉnh": the share of the units where it was done
                    name = _clean(f"tỷ lệ {_LOCATIVE_TAIL.sub('', following)} {done}")
                if not name and "ho so" in f[max(0, s - 200) : s]:
                    # "Trên tổng số 168.000 hồ sơ, tỉnh đã giải quyết trực tuyến toàn trình
                    # 68,54%": the share of the dossiers the sentence counts
                    handled = _handled_before(f, original, s)
                    name = f"tỷ lệ hồ sơ {handled}" if handled else ""
                if not name:
                    name = _task_rate_name(f, original, s)
        if name and _not_a_rate_name(name):
            continue
        moved = _MOVED_BEFORE.search(f, max(0, s - 24), s) if name else None
        if moved is not None and not name.startswith("mức"):
            # "tỷ lệ chậm hạn … chỉ còn 3,45%, thấp hơn 3,86% so với kỳ trước": the change of
            # the rate, not its level (CONVENTIONS: a change is labelled only as a change)
            direction = "tăng" if moved.group("v") in ("tang", "cao hon") else "giảm"
            since = _SINCE.match(original, m.end())
            name = _clean(f"mức {direction} {name}" + (f" {since.group(1)}" if since else ""))
        listed = _topic_units(f, original, s, ents) if m.start() not in respective else []
        if len(listed) > 1:
            # "Tại TX. A, TX. B và huyện C, 100% đơn vị cấp xã đều tăng điểm": each unit's
            for unit_ent in listed:
                emit(m.start(), m.end(), value, "%", name, unit_ent, shared=True)
            for i in range(m.start(), m.end()):
                mask[i] = True
            continue
        if name and memory is not None and name.startswith(("tỷ lệ", "tỉ lệ")):
            # "Sở A giải quyết 100% hồ sơ đúng hạn, Sở B đạt 98,5%": named by what follows it,
            # the rate names the units given after it as well
            memory.name = name
        said_level = respective_levels.get(m.start()) if m.start() not in respective else None
        if name and said_level is not None:
            name = _of_bloc(name, said_level)
        emit(m.start(), m.end(), value, "%", name, respective.get(m.start()))

    fraction_parts: tuple[int, int, str, str] | None = None  # brackets after a fraction
    for m in _FRACTION_RE.finditer(f):
        # "1.121/1.807 thủ tục": the count achieved out of a total.
        value = parse_vn_number(m.group("a"))
        total = parse_vn_number(m.group("b"))
        if value is None or total is None or value > total:
            continue
        unit = original[m.start("u") : m.end("u")]
        if not _UNITS_COUNTED.match(fold(unit)) and not any(mask[m.start() : m.end("u")]):
            # "639/1.414 hồ sơ đầu vào được số hóa": the total is the count of what is
            # measured, before anything was done to it (agencies' totals are their bloc's size)
            total_name = _count_name(f, original, m.start("u"), unit)
            emit(m.start("b"), m.end("u"), total, unit, total_name)
        verb = count_verb(m.start(), m.start("u"), unit)
        name = _count_name(f, original, m.start("u"), unit, verb)
        said_as = _share_of_fraction(f, original, m.end("u"), value, total)
        if said_as:
            # "thực hiện 1.121/1.807 thủ tục (…), tỷ lệ 62,04% dịch vụ công trực tuyến toàn
            # trình": the share that restates the fraction says what the count counts, and
            # the parts in brackets right after it count the same
            suffix = _clean(f"{verb} {said_as}") if verb else said_as
            if fold(said_as) not in fold(name):
                name = _clean(f"{name} {said_as}")
            parts = _BRACKET_AFTER.match(original, m.end("u"))
            if parts is not None:
                fraction_parts = (parts.start(), parts.end(), fold(unit), suffix)
        emit(m.start(), m.start("b"), value, unit, name)

    for m in lx.COUNT_RE.finditer(f):
        s = m.start("v")
        total_of = _TOTAL_BEFORE.search(f, max(0, s - 12), s)
        if total_of is None and _NOT_A_MEASURE_BEFORE.search(f[max(0, s - 14) : s]):
            continue
        if _in_structure(f, s):
            continue
        if (
            _UNITS_COUNTED.match(m.group("u"))
            and _BASE_COUNT_BEFORE.search(f, max(0, s - 20), s)
            and not _group_opens(original, s)
        ):
            continue  # "Trong 16 đơn vị của khối này, …": the units ranked, not a figure
        raw = m.group("v")
        if m.group("m"):
            raw = f"{raw} {original[m.start('m') : m.end('m')]}"
        value = parse_vn_number(raw)
        if value is None:
            continue
        if 1990 <= value <= 2100 and "." not in m.group("v") and "," not in m.group("v"):
            continue  # a year followed by a noun ("2022 hồ sơ" is rare, years are common)
        unit = original[m.start("u") : m.end("u")]
        if total_of is not None:
            # "trên tổng số 168.000 hồ sơ thủ tục hành chính": the total, not an identifier
            name = _clean(f"tổng số {_following_name(f, original, m.start('u'))}")
            emit(s, m.end("u"), value, unit, name)
            continue
        duration = _duration_name(f, original, s, m.end("u"), unit)
        if duration is not None:
            emit(s, m.end("u"), value, unit, duration)
            continue
        verb = count_verb(s, m.start("u"), unit)
        name = _count_name(f, original, m.start("u"), unit, verb)
        if fraction_parts is not None and fraction_parts[0] < s < fraction_parts[1]:
            if fold(unit) == fraction_parts[2] and fold(fraction_parts[3]) not in fold(name):
                name = _clean(f"{name} {fraction_parts[3]}")  # "(1.022 thủ tục cấp sở, …)"
        if last_rate is not None and _says_only(name, unit) and equivalent_before(original, s):
            # "…đạt 35,2%, tương ứng với hơn 41.000 hồ sơ": the count of what the rate measures
            emit(s, m.end("u"), value, unit, count_of_rate(last_rate[0], unit), last_rate[1])
            continue
        if _says_only(name, unit) and equivalent_before(original, s):
            continue  # "… còn 20,95% chưa đồng bộ, tương ứng với 44.000 hồ sơ": of an unnamed rate
        emit(s, m.end("u"), value, unit, name)

    for alias, unit in memory.aliases.items() if memory is not None else ():
        # "… 10,18 ngàn hồ sơ (HS) …; đã giải quyết 8,98 ngàn HS": the defined short form
        for m in _alias_count(alias).finditer(original):
            s = m.start("v")
            if _NOT_A_MEASURE_BEFORE.search(f[max(0, s - 14) : s]):
                continue
            raw = m["v"] + (f" {m['m']}" if m["m"] else "")
            value = parse_vn_number(raw)
            if value is None or (1990 <= value <= 2100 and not m["m"]):
                continue
            phrase = _following_name(f, original, m.end())
            # a list of units' counts goes on after it ("…, Sở B 3,01 ngàn HS"): not its name
            stop = _DIGIT.search(phrase)
            named = [e.start - m.end() for e in ents if e.start >= m.end()]
            cut_at = min([len(phrase)] + ([stop.start()] if stop else []) + named)
            phrase = phrase[: max(0, cut_at)].rstrip(" ,;")
            verb = count_verb(s, m.start("a"), unit)
            moved = _COUNT_MOVED.search(verb) if verb else None
            if verb and moved:
                # "số HS tiếp nhận giảm 142 HS": the change of that count
                what = verb[: moved.start()].strip().replace(alias, unit)
                emit(s, m.end(), value, unit, _clean(f"mức {moved.group(1)} {what}"))
                continue
            name = _clean(f"số {unit} {phrase}")
            if verb and len(phrase.split()) <= _VERB_WITH_WORDS and fold(verb) not in fold(name):
                name = _clean(f"{name} {verb}")
            if name != f"số {unit}":  # a bare "số hồ sơ" says nothing of what was counted
                emit(s, m.end(), value, unit, name)

    for m in _HEADED_COUNT_RE.finditer(f):
        # "Số hồ sơ đã giải quyết, trả kết quả là 1.795": the count's name comes first
        s = m.start("v")
        if original[m.start() + 1].lower() not in ("ố", "o"):
            continue  # "số", not "sở"
        value = parse_vn_number(m.group("v"))
        if value is None or (1990 <= value <= 2100 and "." not in m.group("v")):
            continue
        unit = original[m.start("u") : m.end("u")]
        emit(s, m.end("v"), value, unit, _tidy(f, original, m.start(), m.end("h")))

    for m in _GROUP_NUMBER.finditer(f):
        # "56 tỉnh, thành phố đạt …", "4/7 chỉ số thành phần", "85.600 phiếu khảo sát"
        s = m.start("a")
        if any(mask[s : m.end()]) or _NOT_A_MEASURE_BEFORE.search(f[max(0, s - 14) : s]):
            continue
        hit = _group_unit_at(original, m.end())
        if hit is None:
            continue
        entry, u_end = hit
        base = _BASE_COUNT_BEFORE.search(f, max(0, s - 20), s)
        if base is not None and (_counted_anyway(entry, f, base) or _sized_group(f, original, s)):
            base = None  # "Nhóm A, có Chỉ số từ 90% trở lên, gồm 02 tỉnh, thành phố": its size
        if base is not None or _in_structure(f, s):
            continue
        value = parse_vn_number(m.group("a"))
        total = parse_vn_number(m.group("b")) if m.group("b") else None
        if value is None or (total is not None and value > total):
            continue
        if 1990 <= value <= 2100 and "." not in m.group("a"):
            continue  # "năm 2022 tỉnh …": a year before a noun
        if entry.label == "part_count" and _RATIO_BEFORE.search(f, max(0, s - 12), s):
            continue  # "gấp 2 lần": a ratio, not a count
        if total is None and m.group("a") in entry.attrs.get("whole", "").split("|"):
            continue  # "63 tỉnh, thành phố được chia thành …": all of them, the base
        unit = original[m.end() : u_end]
        verb = count_verb(s, m.end(), unit)
        name = _count_name(f, original, m.end(), unit, verb)
        group_owner = _group_owner(entry, f, s, ents, owner(s), u_end)
        unit = entry.attrs.get("record_unit", unit)  # "19 sở, ngành": counted in "đơn vị"
        canonical = get_vocab().concept("metric", entry.label)
        if canonical is not None and group_owner is not None and group_owner.level == "nation":
            # "9 địa phương bị giảm chỉ số": the country's localities are its provinces,
            # counted and named as such
            name = _clean(canonical.vi + name[len(f"số {unit}") :])
            unit = canonical.vi.removeprefix("số ")
        emit(s, u_end, value, unit, name, group_owner)

    for m in lx.PERCENT_RE.finditer(f):
        # "25/31 xã, phường đạt chuẩn …, tương đương 80,65%": the share of what was counted
        s = m.start("v")
        if any(mask[s : m.end()]):
            continue
        counts = [x for x in emitted if x[1] <= s and x[2]["unit"] != "%"]
        value = parse_vn_number(m.group("v"))
        if not counts or value is None or value > 100:
            continue
        _, count_end, restated, whose_count = max(counts, key=lambda x: x[1])
        # "10 tỉnh (15,87%) tăng điểm": a share bracketed right after the count's unit
        bracketed = _BARE_BRACKET.fullmatch(original, count_end, s) and _BRACKET_CLOSE.match(
            original, m.end()
        )
        if not bracketed and not equivalent_before(original, s):
            continue
        emit(s, m.end(), value, "%", rate_of_count(restated["name"]), whose_count)
    return out


_BARE_BRACKET = re.compile(r"\s*\(\s*")
_BRACKET_CLOSE = re.compile(r"\s*\)")
_AT_BEFORE = re.compile(r"\s(?:tai|o)\s*$")
_DONE_CLAUSE = re.compile(r"[;:]|\.\s|,\s(?=[^\W\d])")
_DONE_START = re.compile(r"\b(?:da|dang|se|deu|duoc)\s+")
_DONE_END = re.compile(r"\s+va\s+")
_LOCATIVE_TAIL = re.compile(
    r"\s+(?:trên|tren) (?:địa bàn|dia ban)\b.*$|\s+(?:của|cua) (?:tỉnh|tinh)$"
)
_DONE_MAX_WORDS = 10


# How dossiers were handled, told right before the share of them ("đã giải quyết đúng hạn
# 98,2% hồ sơ", "tiếp nhận trực tuyến 61% hồ sơ"): what the share is a share of (folded).
_HANDLED_BEFORE = re.compile(
    r"\b(?:da\s+)?(?P<v>(?:giai quyet|tiep nhan|xu ly|tra ket qua|thanh toan|so hoa)"
    r"(?:\s+(?:dung han|truoc han|qua han|tre han|truc tuyen|toan trinh|mot phan|dung va truoc han|"
    r"truoc va dung han|dung hoac truoc han)){1,3})\s+$"
)


def _handled_before(f: str, original: str, pos: int) -> str | None:
    """The way of handling told right before a share of dossiers, as written, else None."""
    m = _HANDLED_BEFORE.search(f, max(0, pos - 60), pos)
    return original[m.start("v") : m.end("v")] if m is not None else None


def _done_at(f: str, original: str, pos: int) -> str | None:
    """What was done at the units a share counts, when the share follows "tại"/"ở" and the
    clause's verb after "đã" before it ("toàn tỉnh đã triển khai mô hình “A” và “B” tại 100%
    xã" -> "triển khai mô hình “A”": the first of what was done), else None."""
    if not _AT_BEFORE.search(f, max(0, pos - 6), pos):
        return None
    at = f.rfind(" ", 0, pos - 1)
    at = f.rfind(" ", 0, at) if f[at + 1 : pos].strip() in ("tai", "o") else at
    start = 0
    for b in _DONE_CLAUSE.finditer(f, 0, at):
        if not _in_quotes(original, b.start()):
            start = b.end()
    lead = list(_DONE_START.finditer(f, start, at))
    if not lead:
        return None
    begin = lead[-1].end()
    joined = _DONE_END.search(f, begin, at)
    end = joined.start() if joined else at
    words = original[begin:end].split()
    if not words or len(words) > _DONE_MAX_WORDS or _DIGIT.search(f, begin, end):
        return None
    return " ".join(words)


# "<unit> cùng 4 tỉnh khác": how many others share what a named unit did, not a figure
_OTHERS_WITH = re.compile(r"\b(?:cung|va|voi)\s+$")
_OTHERS = re.compile(r"\s+khac\b")
# "5 địa phương có chỉ số thấp nhất là A, B, …": a count that only announces the units a
# superlative lists right after it (folded text; the list is the figure, not the count).
_RANKED_LIST_AFTER = re.compile(
    r"[^,;.:()]{0,80}?\b(?:cao nhat|thap nhat|tot nhat|kem nhat|dan dau|cuoi bang)\b"
    r"[^,;.:()]{0,25}?\s(?:la|gom)\s+"
)
_LISTED_NAME_GAP = 8  # "là tỉnh A": the list's first name may follow a type word
_QUOTED_NAME_MAX = 60  # a model's or campaign's name; a longer quote is someone's words


def _in_quoted_name(original: str, start: int, end: int) -> bool:
    """Whether ``start``..``end`` falls inside a short quoted name ("“30 phút vì dân”",
    '"Sáng thứ Bảy vì dân"'): a number of an initiative's name, not a figure measured."""
    for opening, closing in (("“", "”"), ('"', '"')):
        o = original.rfind(opening, 0, start)
        if o < 0 or (opening == '"' and original.count('"', 0, start) % 2 == 0):
            continue
        if opening != closing and original.find(closing, o + 1, start) >= 0:
            continue  # that quote closed before the value
        c = original.find(closing, end)
        if c >= 0 and c - o <= _QUOTED_NAME_MAX and "\n" not in original[o:c]:
            return True
    return False


def _in_quotes(original: str, pos: int) -> bool:
    """Whether ``pos`` falls inside a quoted name (“…”)."""
    return original.count("“", 0, pos) > original.count("”", 0, pos)


def _en_goal_before(original: str, pos: int) -> bool:
    """Whether an English goal cue comes before ``pos`` in the sentence ("aims to have …",
    "plans to cut …", "strives for …")."""
    return any(
        sp.entry.lang == "en" or sp.label == "en_goal"
        for sp in get_vocab().find(original[:pos], ["target", "metric"])
        if sp.kind == "target" or sp.label == "en_goal"
    )


def _en_goal_year(original: str, start: int, end: int) -> int | None:
    """The year an English goal is for: "… by 2025" after its value, else before it ("By
    2025, the province targets …")."""
    after = _EN_BY_YEAR.search(original, end)
    if after is not None:
        return int(after.group(1))
    before = list(_EN_BY_YEAR.finditer(original, 0, start))
    return int(before[-1].group(1)) if before else None


_BRACKET_AFTER = re.compile(r"\s*\([^()]{3,200}\)")
_SHARE_CLAUSE_END = re.compile(r";|\.\s")
_SHARE_TOLERANCE = 0.01  # percentage points: a share rounded to two decimals


def _share_of_fraction(f: str, original: str, pos: int, value: float, total: float) -> str:
    """The noun phrase of the share right after a fraction in its clause when that share is
    the fraction itself ("1.121/1.807 thủ tục (…), tỷ lệ 62,04% dịch vụ công trực tuyến toàn
    trình" -> "dịch vụ công trực tuyến toàn trình"), else ""."""
    if not total:
        return ""
    stop = _SHARE_CLAUSE_END.search(f, pos)
    end = stop.start() if stop else len(f)
    for pct in lx.PERCENT_RE.finditer(f, pos, end):
        share = parse_vn_number(pct.group("v"))
        if share is None or abs(share - 100 * value / total) > _SHARE_TOLERANCE:
            continue
        phrase = _following_name(f, original, pct.end())
        return phrase if _names_a_thing(phrase) else ""
    return ""


def _says_only(name: str, unit: str) -> bool:
    """Whether a count's name says no more than its unit ("số hồ sơ tương ứng")."""
    rest = fold(name).removeprefix(f"so {fold(unit)}").split()
    return all(w in ("tuong", "ung", "voi", "duong") for w in rest)


def _named_by_bloc(original: str, pos: int, unit: str, name: str) -> str:
    """A count (or share) of a generic unit ("đơn vị", "cơ quan") after the bloc it counts
    is named by the bloc's kind: "Ở khối sở, ban, ngành, 14/16 đơn vị đạt loại xuất sắc" ->
    "số sở, ban, ngành đạt loại xuất sắc"."""
    matchers = _count_unit_matchers("bloc_kind")
    if not matchers:
        return name
    entry, rx = matchers[0]
    if fold(unit) not in fold(entry.attrs.get("generic", "")).split("|"):
        return name
    blocs = [m for m in rx.finditer(original, 0, pos)]
    if not blocs:
        return name
    kind = _BLOC_LEAD.sub("", blocs[-1].group(0))
    for head in ("số", "tỷ lệ"):
        if name.startswith(f"{head} {unit}"):
            return f"{head} {kind}{name[len(head) + 1 + len(unit) :]}"
    return name


def _with_topic_system(original: str, pos: int, name: str) -> str:
    """A figure's name with the system its sentence opens on as its topic ("Đối với Cổng
    Dịch vụ công quốc gia, … 7,23 triệu tài khoản đăng ký" -> "số tài khoản đăng ký trên
    Cổng Dịch vụ công quốc gia")."""
    for _, rx in _topic_matchers():
        m = rx.search(original, 0, pos)
        if m is None or m.start() > _TOPIC_OPENS_WITHIN:
            continue
        system = _TOPIC_LEAD.sub("", m.group(0)).strip()
        if fold(system) not in fold(name):
            return _clean(f"{name} trên {system}")
    return name


@cache
def _topic_matchers(label: str = "topic_system") -> tuple[tuple[Entry, re.Pattern[str]], ...]:
    """The vocabulary's metric-name cues of one label, each with its compiled pattern."""
    vocab = get_vocab()
    return tuple(
        (e, vocab.matcher(e)) for e in vocab.entries if e.kind == "metric" and e.label == label
    )


_SURVEYED_UNITS = re.compile(r"^(?:doanh nghiep|nguoi dan|nguoi|cong dan|to chuc)\b")


def _surveyed_nationwide(f: str, original: str, pos: int, unit: str) -> str | None:
    """The index whose nationwide survey a count of firms or people at ``pos`` is the size
    of, where the sentence names it before the count ("Báo cáo PGI 2024 được xây dựng từ dữ
    liệu khảo sát 8.566 doanh nghiệp" -> "PGI"): the country's count, not the article's
    unit's. None when the count is no such survey's."""
    if not _SURVEYED_UNITS.match(fold(unit)) or not lx.SURVEY_RE.search(f, 0, pos):
        return None
    for _, rx in _topic_matchers("national_survey"):
        m = rx.search(original, 0, pos)
        if m is not None:
            return m.group(0).split()[-1]  # the index's short name ends the cue
    return None


def _respective_values(f: str) -> tuple[re.Match[str], list[tuple[int, int]]] | None:
    """The "lần lượt" cue and the rates listed right after it, or None."""
    cue = lx.RESPECTIVELY_RE.search(f)
    if cue is None:
        return None
    values: list[tuple[int, int]] = []
    for m in lx.PERCENT_RE.finditer(f, cue.end()):
        if values and not _RESPECTIVE_JOIN.fullmatch(f, values[-1][1], m.start()):
            break
        if not values and not _RESPECTIVE_LEAD.fullmatch(f, cue.end(), m.start()):
            return None
        values.append((m.start(), m.end()))
    return cue, values


def _respective_levels(f: str, original: str) -> dict[int, str]:
    """Rates paired in order with the levels of government listed before "lần lượt" ("ở
    cấp tỉnh, cấp huyện và cấp xã lần lượt đạt 60%, 45% và 30%"): where each rate starts ->
    its level as written. Empty unless the two lists have the same length."""
    found = _respective_values(f)
    if found is None:
        return {}
    cue, values = found
    level_rxs = [rx for _, rx in _topic_matchers("government_level")]
    spans = sorted({m.span() for rx in level_rxs for m in rx.finditer(original, 0, cue.start())})
    listed: list[tuple[int, int]] = []
    for a, b in reversed(spans):
        gap = f[b : listed[0][0]] if listed else f[b : cue.start()]
        if not (_RESPECTIVE_JOIN.fullmatch(gap) or (not listed and not gap.strip())):
            break
        listed.insert(0, (a, b))
    if len(values) < 2 or len(listed) != len(values):
        return {}
    return {v: original[a:b] for (v, _), (a, b) in zip(values, listed, strict=True)}


def _respective_owners(f: str, ents: list[EntityMention]) -> dict[int, EntityMention]:
    """Rates paired in order with the units listed before "lần lượt" ("A, B và C, với tỷ lệ
    lần lượt là 100%, 100% và 97,67%"): where each rate starts -> its unit. Empty unless the
    two lists have the same length."""
    found = _respective_values(f)
    if found is None:
        return {}
    cue, values = found
    listed: list[EntityMention] = []
    for e in reversed([e for e in ents if e.end <= cue.start()]):
        gap = f[e.end : listed[0].start] if listed else f[e.end : cue.start()]
        if listed and not _RESPECTIVE_JOIN.fullmatch(gap):
            break
        if not listed and len(gap) > _RESPECTIVE_GAP:
            return {}
        listed.insert(0, e)
    if len(values) < 2 or len(listed) != len(values):
        return {}
    return {start: e for (start, _), e in zip(values, listed, strict=True)}


_TOPIC_OPEN = re.compile(
    r"(?:^|[,;:]\s*|\.\s+)(?:đáng chú ý,\s*)?(?:tại|ở|đối với|với)\s+$", re.IGNORECASE
)
_TOPIC_CLOSE = re.compile(r"\s*,\s*$")


def _topic_units(f: str, original: str, pos: int, ents: list[EntityMention]) -> list[EntityMention]:
    """The units a clause opens on as its place when the value at ``pos`` follows them ("Tại
    TX. A, TX. B và huyện C, 100% đơn vị cấp xã đều tăng điểm"): each of them has the value.
    Empty unless a list of two or more units opens the clause with "tại", "ở" or "đối với"
    and only a comma stands between it and the value's words."""
    before = [e for e in ents if e.end <= pos]
    if not before:
        return []
    last = before[-1]
    gap = original[last.end : pos]
    if not _TOPIC_CLOSE.match(gap) and not re.fullmatch(r"\s*,\s*", gap):
        return []
    listed = [last]
    for e in reversed(before[:-1]):
        if not _RESPECTIVE_JOIN.fullmatch(f, e.end, listed[0].start):
            break
        listed.insert(0, e)
    head = original[max(0, listed[0].start - 30) : listed[0].start]
    if len(listed) < 2 or not _TOPIC_OPEN.search(head):
        return []
    return listed


def _in_structure(f: str, pos: int) -> bool:
    """Whether the count at ``pos`` is one of the parts an index is made of: right after a
    structure cue ("cấu trúc thành 8 lĩnh vực") or later in the list it opens ("gồm 7 lĩnh
    vực, 40 tiêu chí và 87 tiêu chí thành phần")."""
    start = max(f.rfind(";", 0, pos), f.rfind(". ", 0, pos), 0)
    cues = list(_STRUCTURE_BEFORE_ANY.finditer(f, start, pos))
    return bool(cues) and bool(_STRUCTURE_LIST.fullmatch(f, cues[-1].end(), pos))


def _counted_anyway(entry: Entry, f: str, base: re.Match[str]) -> bool:
    """Whether a group count after a word that usually opens a base ("trên", "ở") is a figure
    all the same: survey forms "trên 89.000 phiếu" (more than), and a unit's parts after the
    verb they share ("tăng điểm ở 7 lĩnh vực")."""
    word = base.group(0).split()[-1] if base.group(0).split() else ""
    if entry.label == "survey_count" and word in ("tren", "hon"):
        return True
    return (
        entry.label == "part_count"
        and word == "o"
        and bool(_VERB_BEFORE_O.search(f, max(0, base.start() - 24), base.start()))
    )


def _sized_group(f: str, original: str, pos: int) -> bool:
    """Whether the count at ``pos`` after "gồm" is the size of a group its clause opens on
    and no rank word describes ("Nhóm A, từ 90% trở lên, gồm 2 tỉnh"); a superlative group's
    size is the group readers' (rules/metric_groups.py: "nhóm … cao nhất, gồm 10 tỉnh" is
    the top ten, a bound)."""
    if not _group_opens(original, pos):
        return False
    start = max(f.rfind(";", 0, pos), f.rfind(". ", 0, pos)) + 1
    return RANKED_GROUP_WORDS.search(f, start, pos) is None


def _group_opens(original: str, pos: int) -> bool:
    """Whether the clause of the count at ``pos`` opens on a group whose lead ends right
    before it ("Nhóm A, có Chỉ số CCHC trên 90%, gồm 03 đơn vị")."""
    start = max(original.rfind(";", 0, pos), original.rfind(". ", 0, pos)) + 1
    lead = original[start:pos].strip().lstrip(_BULLETS).lstrip()
    return any(
        (m := rx.match(lead)) is not None and m.end() == len(lead)
        for _, rx in _count_unit_matchers("group_lead")
    )


# Units an index ranks or is built of: a count of them is told of that index.
_RANKED_UNITS = re.compile(
    r"^(?:tinh|dia phuong|bo\b|chi so|truc|provinces?|localities|ministries|cities|"
    r"indexes|indices|sub-indexes|component|dimensions|sub-dimensions)"
)
# A name that already says which index: its code or Vietnamese name.
_INDEX_IN_NAME = re.compile(r"\b(?:cchc|par|pci|papi|sipas|dti|pgi|chi so|index)\b")
_INDEX_CODE = re.compile(r"[A-Z]{2,6}")  # "PCI", "SIPAS", "DTI"


def _with_index(name: str, unit: str, f: str, index: str | None) -> str:
    """A count of the units an index ranks or of its parts, named with the index the sentence
    or paragraph is about ("số tỉnh giữ nguyên vị trí" -> "… (PCI)"), as an analyst's table of
    several indices must: by its code, or where its short English name is no code ("PAR
    Index"), by the vocabulary's name in the name's language ("Chỉ số CCHC")."""
    if not _RANKED_UNITS.match(fold(unit)) or _INDEX_IN_NAME.search(fold(name)):
        return name
    code = _first_index(f) or index
    short = _short_index(f, code) if code is not None else None
    if code is None or short is None:
        return name
    # in brackets, as a column title qualifies its noun: "số tỉnh giữ nguyên vị trí (PCI)"
    if _INDEX_CODE.fullmatch(short):
        return f"{name} ({short})"
    if not _ALIAS.search(get_vocab().index_display(code, "vi")):
        return name  # no short name ("service index for citizens and businesses")
    english = name.split()[0] in ("number", "share", "count")
    titled = short if english else _ALIAS.sub("", get_vocab().index_display(code, "vi")).strip()
    return f"{name} ({titled})"


def _with_group(original: str, pos: int, name: str) -> str:
    """A count's name with the group its clause opens on ("Nhóm A, từ 90% trở lên, có 2
    tỉnh, thành phố" -> "số tỉnh, thành phố nhóm A, từ 90% trở lên"); the clause runs from
    the last ";" (or the sentence start) and may list several counts ("… có 6 tỉnh … và 6
    tỉnh …")."""
    start = max(original.rfind(";", 0, pos), original.rfind(":", 0, pos)) + 1
    clause = original[start:pos]
    opens = start + len(clause) - len(clause.lstrip().lstrip(_BULLETS).lstrip())
    leads = [
        m
        for _, rx in _count_unit_matchers("group_lead")
        if (m := rx.match(original, opens)) and m.end() <= pos
    ]
    # the longest lead: "Nhóm A, có Chỉ số CCHC trên 90%, gồm" over "Nhóm A, có"
    for m in sorted(leads, key=lambda m: -m.end())[:1]:
        group = _GROUP_LEAD_END.sub("", m.group(0)).strip(" ,")
        if fold(group) not in fold(name):
            return _clean(f"{name} {group[0].lower()}{group[1:]}")
    return name


def _counts_the_provinces_units(
    ent: EntityMention, main: EntityMention | None, unit: str, plural_subject: bool = False
) -> bool:
    """Whether a count of ``unit`` given to ``ent`` is its province's: a unit inside the
    province that the sentence took from an earlier one (``main``) counting agencies or
    localities, or a department (itself one agency) counting agencies."""
    if ent.level not in _SUB_PROVINCE_LEVELS:
        return False
    if ent is main and plural_subject:
        return True  # "các sở, ngành tiếp nhận 96.830 hồ sơ": many units, the province's total
    if not _UNITS_COUNTED.match(fold(unit)):
        return False
    return ent is main or (ent.level == "department" and fold(unit) in ("co quan", "don vi"))


def _duration_name(f: str, original: str, num_start: int, end: int, unit: str) -> str | None:
    """The name of a processing time: 'thời gian cấp giấy phép … được rút ngắn còn 7 ngày
    làm việc' -> 'thời gian cấp giấy phép …'; the time it was before ('từ 30 ngày', 'thay
    vì 15 ngày như trước đây') is named '… trước đây'. None when no 'thời gian' head opens
    the value's clause."""
    if not _TIME_UNITS.match(fold(unit)):
        return None
    start = max(f.rfind(";", 0, num_start) + 1, num_start - _DURATION_WINDOW, 0)
    heads = list(_DURATION_HEAD.finditer(f, start, num_start))
    if not heads:
        return None
    h = heads[-1].start()
    cut = _DURATION_NAME_END.search(f, h + len("thoi gian"), num_start)
    name = _clean(original[h : cut.start() if cut else num_start])
    if len(name.split()) <= 2:
        return None
    if _BEFORE_DURATION.search(f, max(0, num_start - 12), num_start) or _AFTER_DURATION.match(
        f, end
    ):
        name = f"{name} trước đây"
    return name


def _task_rate_name(f: str, original: str, pos: int) -> str:
    """'Việc số hóa hồ sơ, kết quả giải quyết TTHC mới đạt 46,3%' -> 'tỷ lệ số hóa hồ sơ, kết
    quả giải quyết TTHC': a task named by 'việc …' that reaches a share is the rate of it."""
    start = max(f.rfind(";", 0, pos), f.rfind(". ", 0, pos), 0)
    m = _TASK_RATE_RE.search(f, start, pos)
    if m is None:
        return ""
    return _clean(f"tỷ lệ {original[m.start('t') : m.end('t')]}")


_BLOC_SIZE_LEAD = re.compile(r"^\d+\s+")


def _named_as_bloc(name: str, unit: str, bloc: EntityMention) -> str:
    """A count of the ministries' bloc titled by the bloc's kind of unit, whatever word the
    text counts them in ("Nhóm trên 90% có 2 đơn vị" -> "số bộ, cơ quan ngang bộ nhóm trên
    90%"): an analyst's column counts ministries, not "đơn vị"."""
    kind = _BLOC_SIZE_LEAD.sub("", bloc.name)
    head = f"số {unit}"
    if not _BLOC_UNITS.match(fold(unit)) or not name.startswith(head) or kind == bloc.name:
        return name
    if fold(name).startswith(f"so {fold(kind)}"):
        return name
    return f"số {kind}{name[len(head) :]}"


@cache
def _bloc() -> EntityMention:
    """The ministries' bloc, by the name the vocabulary gives a count of ministries' owner."""
    (entry, _), *_ = _count_unit_matchers("ministry_count")
    return EntityMention(0, 0, entry.attrs["owner"], "ministry")


_AVERAGE_OWNERS: dict[str, Callable[[], EntityMention]] = {"nation": lambda: _NATION, "bloc": _bloc}


def _group_unit_at(original: str, pos: int) -> tuple[Entry, int] | None:
    """The group unit a count at ``pos`` counts (the longest match) and where it ends."""
    best: tuple[Entry, int] | None = None
    for label in _GROUP_LABELS:
        for entry, rx in _count_unit_matchers(label):
            m = rx.match(original, pos)
            if m and (best is None or m.end() > best[1]):
                best = (entry, m.end())
    return best


def _group_owner(
    entry: Entry,
    f: str,
    pos: int,
    ents: list[EntityMention],
    usual: EntityMention | None,
    end: int | None = None,
) -> EntityMention | None:
    """Whose a group count is: the unit's owner in the vocabulary (the country for counts of
    provinces and survey forms, the bloc for ministries), unless the sentence names a region
    before it (its provinces) or, for counts the vocabulary marks ``unless = "local"``, is
    about units inside a province."""
    name = entry.attrs.get("owner")
    if name is None:
        return usual
    before = [e for e in ents if e.end <= pos]
    if before and before[-1].level == "region":
        return before[-1]
    if end is not None:
        # "6 tỉnh, thành phố thuộc vùng Tây Nguyên": the region's provinces, counted
        of = _OF_REGION.match(f, end)
        if of is not None:
            for rm in get_gazetteer().find_regions(f[of.end() : of.end() + _REGION_NAME_MAX]):
                if rm.start == 0:
                    return EntityMention(of.end(), of.end() + rm.end, rm.item.name, "region")
    unless = entry.attrs.get("unless")
    local = {"local": _SUB_PROVINCE_LEVELS, "province": _LOCAL_LEVELS}.get(unless or "", ())
    if local and (_LOCAL_CUE.search(f) or any(e.level in local for e in before)):
        return usual
    if entry.label == "ministry_count":
        return EntityMention(0, 0, name, "ministry")
    return EntityMention(0, 0, name, "nation")


# The patterns above, each with a lookahead on the characters its matches start with
# (same matches; re skips to those characters instead of trying every position).
from llmx.core.scanre import guard_patterns  # noqa: E402 - after the patterns it guards

guard_patterns(globals())
