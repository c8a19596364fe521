"""The offline planner: a Vietnamese or English question -> a typed ``Query``.

Everything is matched on folded text (no diacritics, lower case) whose offsets equal the
question's, so "tinh nao dung thu 4" and "Tỉnh nào đứng thứ 4?" read the same. Quoted
names (“…”, "…", '…') are cut out before numbers, index names and entities are looked for:
a rank inside “Sáng thứ Năm không chờ” is not a rank.

The parser only reads the question; it never decides an answer. Names are resolved against
the gazetteer and the names the store holds (``names.NameIndex``). The domain's words (index
names, ordinals, leader and last words, target, scope and initiative cues) come from the
vocabulary (``llmx.core.vocab``), matched on the question as written with blanks where ``s``
has them: there diacritics, where typed, must agree ("đâu" is not "đầu").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from llmx.core.gazetteer import PROVINCES_BEFORE_2025, PROVINCES_FROM_2025, get_gazetteer
from llmx.core.periods import PERIOD_YEAR_RE
from llmx.core.textnorm import fold_keep_offsets, nfc
from llmx.core.vocab import get_vocab
from llmx.qa.names import EN_GLOSSARY, Mention, NameIndex, is_bloc, key, token_spans, tokens
from llmx.qa.query import ANY_REGION, UNIT_LEVELS, IndexCode, Lang, Level, Query

MAX_QUESTION_CHARS = 1000  # longer input is cut: no real question is longer

_QUOTES = re.compile(r"“([^“”]{1,200})”|\"([^\"]{1,200})\"|«([^«»]{1,200})»|‘([^‘’]{1,200})’"
                     r"|(?<![\w'])'([^']{2,200})'(?![\w'])")  # fmt: skip

_YEAR = re.compile(r"(?<![\d/.,])((?:19|20)\d\d)(?![\d])")
_YEAR_FROM_BEFORE = re.compile(
    r"(?:so voi|voi|cung ky|tu|compared (?:to|with)|than|from|since|vs\.?|versus)\s+"
    r"(?:(?:nam|the year|year|in)\s+)?$"
)
# A figure "as of" a day (folded): "tính đến ngày 14/6/2022", "as of 30/9/2023"; a start
# date ("từ ngày 01/01/2024") is not one.
_AS_OF_DATE = re.compile(
    r"\b(?:den|as of|by|tai thoi diem)\s+(?:het\s+)?(?:ngay\s+)?\d{1,2}\s*/\s*\d{1,2}\s*/\s*"
    r"((?:19|20)\d\d)\b"
)
_YEAR_RANGE = re.compile(
    r"(?:tu|from|between)\s+(?:nam\s+)?((?:19|20)\d\d)\s+(?:den|toi|sang|to|and|-)\s+"
    r"(?:nam\s+)?((?:19|20)\d\d)"
)

_RANK_NUM = re.compile(
    r"\b(?:dung|xep|xep hang|vi tri|hang|len|xuong|o vi tri|dung o vi tri|thu hang)\s+"
    r"(?:thu\s+)?(\d{1,3})(?![\d.,]\d)(?:\s*/\s*\d{1,3})?\b"
    r"|\bthu\s+(\d{1,3})(?![\d.,]\d)\b"
)
_RANK_EN = re.compile(
    r"\b(\d{1,3})(?:st|nd|rd|th)\b|\b(?:rank(?:ed)?|place[d]?|position|no\.?|number|#)\s*"
    r"(?:no\.?\s*|number\s+|#\s*)?(\d{1,3})\b"
)
# An English ordinal word is a rank only next to a rank word: "ranked first", "came
# second", "first place", "in third position"; not "the first eight months of 2022".
_EN_RANK_CONTEXT = re.compile(
    r"\b(?:rank(?:ed|s)?|came|come|placed?|finish(?:ed)?|stood|stands?|position|spot|"
    r"is|was)\s+(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth|last)\b|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
    r"\s+(?:place|position|spot|rank)\b"
)

# -- question families beyond one figure (folded text; examples in the comments) ---------
# Rises and falls: "tăng hạng", "thăng hạng", "tăng bậc", "cải thiện thứ hạng", "tăng
# điểm", "moved up", "climbed"; "giảm bậc", "tụt hạng", "fell", "dropped".
_UP = re.compile(
    r"\b(?:tang|thang|nang|len|cai thien|tien bo|vuot)(?:\s+(?:duoc|them))?"
    r"(?:\s+(?:hang|bac|vi tri|thu hang|diem|ket qua|manh|nhieu|nhat))?\b"
    r"|\b(?:moved? up|moving up|went up|go up|rose|risen|rise|climbed?|gained?|improved?|"
    r"jumped?)\b"
)
_DOWN = re.compile(
    r"\b(?:giam|tut|xuong|sut|mat)(?:\s+(?:hang|bac|vi tri|thu hang|diem|manh|nhieu|"
    r"sau|nhat))?\b|\b(?:moved? down|moving down|went down|go down|fell|fallen|fall|"
    r"dropped|drop|slipped|slid|declined?|lost)\b"
)
# "nhiều bậc nhất", "tăng mạnh nhất", "mức tăng lớn nhất", "the most places", "biggest".
_EXTREME = re.compile(
    r"\b(?:nhieu|manh|lon|cao|sau|tot|dang ke)\s+(?:\w+\s+){0,2}?nhat\b"
    r"|\b(?:most|biggest|largest|sharpest|greatest|steepest)\b"
)
# Only a number about the change ("tăng bao nhiêu bậc") is the change family, not a list.
_HOW_MUCH = re.compile(r"\b(?:bao nhieu|may)\b|\bhow (?:many|much)\b")
# Two or more entities side by side: "so sánh A và B", "A hay B", "giữa A và B", "lần lượt",
# "compare A and B", "A or B".
_COMPARE = re.compile(
    r"\b(?:so sanh|giua|hay|hon|lan luot|ca hai|compare[ds]?|comparison|versus|vs|between|"
    r"or|higher|lower|better|worse)\b"
)
_AND = re.compile(r"\b(?:va|and|voi)\b|,")
# One entity over the years: "qua các năm", "từng năm", "over the years", "trend".
_TREND = re.compile(
    r"\b(?:qua (?:cac|tung|nhieu) nam|cac nam|tung nam|hang nam|theo nam|xu huong|dien bien|"
    r"over the years|each year|every year|year by year|trend|over time|history)\b"
)
# Which year: "năm nào", "which year", "in what year", "when".
_WHICH_YEAR = re.compile(r"\bnam nao\b|\b(?:which|what) year\b|\bwhen\b")
# Groups a level is asked within: "các sở, ban, ngành", "khối bộ", "cấp huyện", "cấp xã".
_GROUP_LEVEL = (
    (re.compile(r"\b(?:so\s*,\s*ban\s*,\s*nganh|cac so|khoi so|so\s*,\s*nganh|"
                r"departments)\b"), "department"),
    (re.compile(r"\b(?:khoi bo|cac bo|bo\s*,\s*(?:nganh|co quan)|co quan ngang bo|"
                r"ministries)\b"), "ministry"),
    (re.compile(r"\b(?:cap huyen|cac huyen|huyen\s*,\s*thi|districts)\b"), "district"),
    (re.compile(r"\b(?:cap xa|cac xa|cac phuong|xa\s*,\s*phuong|communes|wards)\b"),
     "commune"),
)  # fmt: skip
# An initiative question that asks a quantity ("mấy lần mỗi tháng") is a metric question.
_QUANTITY = re.compile(r"\b(?:bao nhieu|may lan|may)\b|\bhow (?:many|much|often)\b")

# Vocabulary kinds and labels the parser asks about (llmx/data/vocab).


@dataclass(frozen=True)
class _Cue:
    """Vocabulary kinds (and labels) asked about as one cue, with a regex-like ``search``."""

    kinds: frozenset[str]
    labels: frozenset[str] | None = None

    def search(self, text: str) -> bool:
        return bool(get_vocab().find(text, self.kinds, labels=self.labels))


LEADER = _Cue(frozenset({"leader"}), frozenset({"leader", "lead_verb"}))  # "dẫn đầu", "led"
_HIGHEST = _Cue(frozenset({"highest"}))  # "cao nhất", "tốt nhất", "best"
_LOWEST = _Cue(frozenset({"lowest"}))  # "thấp nhất", "xếp cuối", "last"
_INITIATIVE_CUE = _Cue(frozenset({"initiative_kind"}))  # "mô hình", "sáng kiến", "models"
_TARGET = _Cue(frozenset({"target"}), frozenset({"target", "plan"}))  # "mục tiêu", "kế hoạch"
# An average asked: the extractor's own average phrasings read in a question too.
_AVERAGE = _Cue(frozenset({"metric"}), frozenset({"average", "average_asked"}))
# Whose average it is must be said: the country's, its provinces', or the ministries'
# ("trung bình của vùng", "bình quân của các huyện" are no national average).
_OWNER_SAID = re.compile(
    r"\b(?:ca nuoc|toan quoc|63 tinh|(?:cac|\d+) tinh|tinh thanh|khoi bo|cac bo|\d+ bo|"
    r"national(?:ly)?|nationwide|the country|provinces|ministries)\b"
)
_NATIONAL = _Cue(frozenset({"scope"}), frozenset({"national"}))  # "cả nước", "nationally"
_REGION_CUE = _Cue(frozenset({"scope"}), frozenset({"region"}))  # "vùng", "khu vực", "region"
# Asks answered by one index figure: a component the question names and the parser cannot
# read makes them unanswerable (the whole index's figure would answer another question).
_RANKING_ASKS = frozenset({"entity_for_rank", "top", "bottom", "count"})
_INDEX_ASKS = frozenset({"rank", "score", "result", "entity_for_rank", "top", "bottom", "change"})
# A Vietnamese ordinal is a rank after one of these words: "đứng thứ tư" (not "thứ tư" alone,
# which is also Wednesday).
_RANK_WORD_BEFORE = re.compile(r"\b(?:dung|xep|vi tri|hang)\s+$")
_TOP_N = re.compile(
    r"\btop\s+(\d{1,2}|\w+)\b|\b(?:best|highest|leading)\s+(\d{1,2}|\w+)\b"
    r"|\b(\d{1,2}|\w+)\s+(?:best|highest|leading|top)\b"
    r"|\b(\d{1,2}|\w+)\s+(?:tinh thanh|tinh|dia phuong|don vi|so|huyen|bo)\s+"
    r"(?:\w+\s+){0,4}?(?:dan dau|dung dau|cao nhat|xep dau|tot nhat)\b"
)
_BOTTOM_N = re.compile(
    r"\bbottom\s+(\d{1,2}|\w+)\b|\b(?:worst|lowest)\s+(\d{1,2}|\w+)\b"
    r"|\b(\d{1,2}|\w+)\s+(?:worst|lowest|bottom)\b"
    r"|\b(\d{1,2}|\w+)\s+(?:tinh thanh|tinh|dia phuong|don vi|so|huyen|bo)\s+"
    r"(?:\w+\s+){0,4}?(?:xep cuoi|thap nhat|cuoi bang|kem nhat)\b"
)

_LEVEL_VI = re.compile(
    r"\b(tinh thanh|tinh|thanh pho|dia phuong|so|huyen|quan|thi xa|bo|nganh|xa|phuong|"
    r"don vi|co quan chuyen mon|co quan|vung(?: kinh te\s*-?\s*xa hoi)?|khu vuc)\s+nao\b"
)
_LEVEL_EN = re.compile(
    r"\b(?:which|what)\s+(provinces?|cit(?:y|ies)|localit(?:y|ies)|departments?|"
    r"districts?|ministr(?:y|ies)|communes?|units?|agenc(?:y|ies)|bod(?:y|ies)|places?|"
    r"regions?)\b"
)
# "Which Hanoi district", "which Quang Ninh departments": a province's units of a level.
_LEVEL_EN_OF_PLACE = re.compile(
    r"\b(?:which|what)\s+(?P<place>[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,3}?)(?:'s)?\s+"
    r"(?P<level>districts?|departments?|communes?|wards?)\b"
)
_LEVELS = {**UNIT_LEVELS, "co quan chuyen mon": "department", "ward": "commune"}
_DEPARTMENTS_BEFORE = re.compile(r"\bso\s*,\s*(?:ban\s*,\s*)?$")
_SUB_LEVELS = frozenset({"department", "district", "commune", "ministry"})
_WHO = re.compile(r"\b(?:ai|o dau|noi nao|who|where|which|whom)\b|(?<!the )\bnao\b")
_COUNT = re.compile(
    r"\bbao nhieu\s+(?:tinh thanh|tinh|dia phuong|don vi|huyen|thi xa|quan|xa|phuong|so|bo|"
    r"co quan)\b"
    r"|\bhow many\s+(?:provinces|localities|cities|districts|departments|ministries|units|"
    r"agencies)\b|\bso (?:tinh|dia phuong|don vi)\b"
)

# A district-level type word right before a name: "huyện Quảng Ninh", "thị xã Quảng Trị".
_UNIT_WORD_BEFORE = re.compile(r"\b(?:huyen|quan|thi xa|thanh pho|tp)\s*\.?\s*$")
# Conditions on a count that stored records cannot be counted for.
_COUNT_QUALIFIED = re.compile(
    r"\b(?:tang|giam|tut|len|thang|nang|cai thien|sut|tien bo|dat loai|xep loai|loai)\b"
    r"|\bxep hang (?:tot|kha|xuat sac|trung binh|yeu)\b"
    r"|\b(?:improved?|rose|risen|rise|fell|fall(?:en)?|drop(?:ped)?|climbed|gained|lost|rated|"
    r"declined?|decreased?|increased?)\b"
)
# A place held (folded): "giữ nguyên thứ hạng", "giữ vững vị trí", "không đổi", "kept
# its place", "held its rank", "unchanged".
_HELD = re.compile(
    r"\b(?:giu (?:nguyen|vung|on dinh)|khong (?:doi|thay doi)|dung yen)\b"
    r"|\b(?:kept|keep|held|hold|maintained|retained)\s+(?:\w+\s+){0,2}?(?:place|rank|ranking|"
    r"position|spot)s?\b|\bunchanged\b|\bno change\b"
)
_CHANGE = re.compile(
    r"\b(?:tang|giam|tut|len|xuong|thang|nang|cai thien|sut)\s+(?:duoc\s+|them\s+)?"
    r"(?:bao nhieu|may)\b"
    r"|\b(?:thay doi|bien dong|chuyen bien|tang giam)\b.*\b(?:the nao|ra sao|bao nhieu|"
    r"nhu the nao|gi)\b"
    r"|\bby how (?:many|much)\b|\bhow many (?:(?:more|fewer|less)\s+)?(?:places|positions|"
    r"spots|ranks)\b|\bhow many (?:more|fewer|less)\s+points\b"
    # "how many points did X gain": a move; "how many points did X score": the score.
    r"|\bhow many points\b(?=.*\b(?:gain(?:ed)?|lose|lost|rise|rose|risen|fall|fell|drop(?:ped)?|"
    r"add(?:ed)?|improve[ds]?|increase[ds]?|decrease[ds]?|decline[ds]?|more|fewer|less|up|down)\b)"
    r"|\bhow (?:did|has|have|does)\b.*\b(?:change|changed|move|moved|evolve|evolved)\b"
    r"|\b(?:change|rise|fall|drop|gain|jump|climb|improvement)\b.*\b(?:rank|score)\b.*"
    r"\bhow\b"
)
_CHANGE_RANK = re.compile(r"\b(?:bac|hang|thu hang|vi tri|places?|positions?|spots?|ranks?)\b")
_CHANGE_SCORE = re.compile(r"\b(?:diem|points?|scores?)\b")
# "bảng xếp hạng PCI" (the ranking table) names where a figure is, not that a rank is asked.
_RANK_ASK = re.compile(
    r"\b(?:thu may|thu bao nhieu|thu hang|(?<!bang )xep hang|hang may|hang bao nhieu|vi tri|"
    r"xep thu|dung thu|rank(?:ed|ing)?|position|place[d]?|standing)\b"
)
_SCORE_ASK = re.compile(
    r"\bdiem\b(?!\s+(?:cau|ho tro|phuc vu|giao dich|tiep nhan|buu dien))"
    r"|\b(?:scored?|scores|points?)\b"
)
# With an index named, a value or a percentage asked is its score: "What value did X reach
# on the DTI?", "X đạt bao nhiêu phần trăm trong Chỉ số CCHC?" (without one, a metric).
_INDEX_VALUE_ASK = re.compile(
    r"\b(?:bao nhieu phan tram|phan tram|gia tri|value|percent(?:age)?|how much)\b"
    r"|\bdat (?:duoc )?bao nhieu\b(?!\s+(?:bac|hang|vi tri))"  # "SIPAS của X đạt bao nhiêu?"
)
# Words of a metric (a rate, a share, a count): a leader question naming one and no index
# asks who leads on that metric, which an index result does not answer.
_METRIC_NOUN = re.compile(
    r"\b(?:ty le|ti le|phan tram|so luong|rate|share|percentage|proportion|number of)\b"
)
_METRIC_ASK = re.compile(
    r"\b(?:ty le|ti le|bao nhieu|so luong|tong so|muc do|phan tram|how many|how much|rate|"
    r"percentage|share|proportion|number of|count of)\b"
)
# People or things counted ("bao nhiêu người dân", "how many citizens"): a figure of its own,
# not an index's score or rank (points, places and percentages are not counted this way).
_THINGS_COUNTED = re.compile(
    r"\b(?:bao nhieu|may)\s+(?:nguoi|phieu|luot|ho so|doanh nghiep|to chuc|cong dan|y kien|"
    r"mau|ho gia dinh|can bo|cong chuc|chi so thanh phan)\b"
    r"|\bhow many\s+(?:people|citizens|respondents|residents|households|dossiers|"
    r"applications|businesses|firms|enterprises|questionnaires|surveys|votes|officials|"
    r"(?:component |sub-?)ind(?:ices|exes))\b"
)
# Units counted by the grade they reached ("bao nhiêu cơ quan cấp sở đạt mức khá", "how many
# departments were rated good"): a figure the text states, not an index result.
_GRADED_UNITS_COUNTED = re.compile(
    r"\b(?:bao nhieu|may)\s+(?:co quan|don vi|so|huyen|xa|dia phuong)\b[^?]{0,40}?"
    r"\b(?:dat muc|dat loai|xep loai|xep muc|muc (?:kha|tot|xuat sac|trung binh))\b"
    r"|\bhow many\s+(?:departments|agencies|districts|communes|units)\b[^?]{0,40}?\brated\b"
)
# A survey's own rate ("the response rate of … DDCI survey", "tỷ lệ phản hồi"): a metric.
_RATE_OF_SURVEY = re.compile(r"\bresponse rate\b|\bty le (?:phan hoi|tra loi|thu hoi)\b")
# A count named as what is asked, at the question's start ("Số năm liên tiếp … là bao
# nhiêu?", "Số cơ quan xếp hạng Tốt …", "What was the number of PAPI dimensions …"): a
# figure the text states, not an index result, unless what it counts is a place or points.
# Matched as written: folded, "Số" is "Sở" ("Sở Tư pháp xếp thứ mấy"), so a question
# without diacritics counts only with "tổng số", "số lượng" or in English.
_COUNT_NAMED = re.compile(
    r"^\W*(?:(?:what (?:was|is|were|are) )?(?:the )?number of|tổng số|tong so|số lượng|"
    r"so luong|số)\s+(?!điểm\b|bậc\b|hạng\b|thứ\b|points?\b|places?\b|ranks?\b)\w+",
    re.IGNORECASE,
)
# Anything counted ("cả nước đã thành lập bao nhiêu Tổ công nghệ số", "how many digital
# teams nationwide"): with the country named and no place or index, the country's count.
_COUNTED_NOUN = re.compile(r"\b(?:bao nhieu|how many)\s+\w+")
# The units under a province or a ministry, as a group: "các sở, ngành", "các huyện",
# "departments and agencies", "its districts".
_UNITS_OF = re.compile(
    r"\b(?:cac|khoi|cap)\s+(?:so|huyen|xa|phuong|don vi|co quan|dia phuong|quan)\b"
    r"|\b(?:departments|agencies|districts|communes|wards|units)\b"
)


# Surveying words: "lấy ý kiến", "khảo sát", "interviewed".
_SURVEYED = re.compile(
    r"\b(?:lay y kien|khao sat|phong van|dieu tra|survey(?:ed|s)?|interviewed|polled|"
    r"respondents?|questioned)\b"
)


def _is_ministry(entity: str | None) -> bool:
    """Whether an entity named is a ministry ("Bộ Nội vụ", "the Ministry of Home Affairs")."""
    if not entity:
        return False
    return key(entity).startswith("bo ") or get_gazetteer().ministry_by_name(entity) is not None


# Verbs that, with a quoted name, make a question about who runs an initiative.
_INITIATIVE_VERB = re.compile(
    r"\b(?:trien khai|ap dung|thuc hien|duy tri|nhan rong|phat dong|runs?|uses?|used|apply|"
    r"applies|applied|implements?|implemented|launch(?:ed|es)?|adopt(?:ed|s)?)\b"
)
_INITIATIVE_LIST = re.compile(
    r"\b(?:mo hinh|sang kien|phuong cham|phong trao|chuong trinh|cach lam)\s+(?:\w+\s+)?"
    r"(?:nao|gi)\b|\b(?:what|which)\s+(?:\w+\s+)?(?:models?|initiatives?|mottos?|"
    r"campaigns?|schemes?|programmes?|programs?)\b"
)
_COMPONENT_BEFORE_QUOTE = re.compile(
    r"(?:linh vuc|chi so thanh phan|noi dung thanh phan|tieu chi|nhom chi so|chi so|yeu to|tru cot|"
    r"component|field|area|sub-index|pillar)\s*$"
)
# "the time costs sub-index": an English component named before its kind word.
# "the records digitisation (số hóa hồ sơ) component": a gloss in brackets is part of it.
_COMPONENT_EN = re.compile(r"\bthe\s+([a-z][a-z ,&()-]{2,60}?)\s+(?:sub-?index|pillar|component)\b")
# (not after "bao nhiêu"/"mấy": "có bao nhiêu chỉ số thành phần tăng điểm" counts the parts)
_COMPONENT_BARE = re.compile(
    r"(?<!bao nhieu )(?<!\bmay )"
    r"\b(?:linh vuc|chi so thanh phan|noi dung thanh phan|chi so noi dung|noi dung|tieu chi|"
    r"yeu to|tru cot)\s+(?!nao\b|gi\b|thanh phan\b)"
    r"(.+?)(?=\s+(?:trong|cua|nam|xep|dung (?:thu|o|dau|vi tri)|dat|tang|giam|thay doi|o|duoc|"
    r"la|so voi|tai|ve chi so|ve bo chi so)\b"
    r"|[?.;!]|$)"
)
_CONTAINER_BEFORE = re.compile(
    r"(?:thuoc|nay thuoc|sap nhap vao|sap nhap voi|nhap vao|hop nhat voi|merged into|"
    r"merged with|merge into|merging into|part of|now in|belongs to|belonged to)\s*"
    r"(?:\(\s*)?(?:tinh|thanh pho|tp\.?|the province of|province of)?\s*$"
)
# Who reports a figure, not whose it is: "according to MIC", "theo Bộ Nội vụ", "as reported
# by the Ministry of Home Affairs". The unit named there is the source of the figure.
_SOURCE_BEFORE = re.compile(
    r"\b(?:according to|as reported by|reported by|as announced by|citing|theo (?:danh gia|"
    r"cong bo|bao cao|so lieu|thong ke) cua|theo)\s*(?:the\s*)?$"
)
_MERGER_PHRASES = re.compile(
    r"\(?\s*(?:truoc khi|nay|da|before it|before|after it|after)?\s*(?:sap nhap|nhap|hop nhat|"
    r"merged|merge|merging)\s+(?:vao|voi|into|with)\b|\bnay thuoc\b|\bthuoc\b|\bcu\b"
)

_STOP = frozenset(
    # Vietnamese question and function words (folded)
    "bao nhieu may nao gi la cua co duoc va cac nhung mot trong tren duoi o tai voi cho den "
    "tu nam hien nay dang da se thi ve theo tinh thanh pho tp the nhu ra sao khi dat bang hay "
    "toi ai dau con qua de ma do ay nao vay a khong nhieu ca nuoc cu moi "
    # English
    "what which who how many much is was are were the a an of in on at to for by did does do "
    "has have had its it s get got and or with from that this there their before after "
    "merged into province city rate percentage share number count current currently now "
    "total there level provinces cities localities saw see seen".split()
)


@dataclass
class _Text:
    """The question three ways: as given (NFC, cleaned), folded with the same offsets, and
    folded with quoted spans blanked."""

    raw: str
    folded: str
    blanked: str
    quotes: list[tuple[int, int, str]]


def clean_question(question: str) -> str:
    """NFC, control and format characters as spaces, at most ``MAX_QUESTION_CHARS``."""
    if not isinstance(question, str):
        question = str(question)
    text = nfc(question[: MAX_QUESTION_CHARS * 2])
    text = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") else ch for ch in text
    )
    return " ".join(text.split())[:MAX_QUESTION_CHARS]


def _prepare(question: str) -> _Text:
    raw = clean_question(question)
    folded = fold_keep_offsets(raw)
    quotes = []
    chars = list(folded)
    for m in _QUOTES.finditer(raw):
        g = next(i for i in range(1, 6) if m.group(i) is not None)
        inner = m.group(g).strip()
        if inner:
            quotes.append((m.start(g), m.end(g), inner))
        for i in range(m.start(), m.end()):
            chars[i] = " "
    return _Text(raw, folded, "".join(chars), quotes)


def detect_lang(t: _Text) -> Lang:
    """Vietnamese when the question (outside quoted names) has diacritics, or has more
    unaccented Vietnamese than English function words."""
    outside = "".join(c if t.blanked[i] != " " or c == " " else " " for i, c in enumerate(t.raw))
    if any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", outside)) or any(
        c in "đĐ" for c in outside
    ):
        return "vi"
    words = re.findall(r"[a-z]+", t.blanked)
    en = sum(w in _EN_WORDS for w in words)
    vi = sum(w in _VI_WORDS for w in words)
    return "en" if en > vi else "vi"


_EN_WORDS = frozenset(
    "what which who whom how did does do was is were the of in on rank ranked score scored "
    "province provinces many much get got led run runs use uses used model index by places "
    "national nationally country year position place points its before merged into".split()
)
_VI_WORDS = frozenset(
    "nao nhieu bao thu dung xep tinh cua nam la diem chi so hang may co duoc o ty le mo hinh "
    "tang giam bac dat vi tri trong ve".split()
)


def _index(s: str) -> IndexCode | None:
    """The first index the question names (``s``: the question with blanks)."""
    span = get_vocab().first(s, kinds={"index"})
    return span.label if span else None  # type: ignore[return-value]


def _other_ranking(s: str) -> bool:
    """Whether the question names a ranked thing no index names (a portal, a website)."""
    return get_vocab().first(s, kinds={"other_ranking"}) is not None


def _years(t: _Text) -> tuple[int | None, int | None]:
    s = t.blanked
    m = _YEAR_RANGE.search(s)
    if m:
        return int(m.group(2)), int(m.group(1))
    year = year_from = None
    for m in _YEAR.finditer(s):
        y = int(m.group(1))
        if _YEAR_FROM_BEFORE.search(s[max(0, m.start() - 40) : m.start()]):
            year_from = year_from or y
        elif year is None:
            year = y
    if year is None and (d := _AS_OF_DATE.search(s)):
        # "Tính đến ngày 14/6/2022", "as of 30/9/2023": a figure as of that day is the year's
        year = int(d.group(1))
    if year is None and (p := PERIOD_YEAR_RE.search(s)):
        # "quý I/2023", "tháng 10/2020": the period sets the year (eval/CONVENTIONS.md)
        year = int(p.group(1))
    return year, year_from


def _rank(s: str, raw: str) -> int | None:
    """The rank asked about: a Vietnamese ordinal after "đứng/xếp/vị trí/hạng", a number
    after a rank word, "4th" / "rank 4", then an English ordinal word (``raw``: the
    question as written, with ``s``'s blanks)."""
    ordinals = [sp for sp in get_vocab().find(raw, kinds={"ordinal"}) if sp.entry.value is not None]
    for sp in ordinals:
        if sp.entry.lang == "vi" and _RANK_WORD_BEFORE.search(s[: sp.start]):
            return int(sp.entry.value)  # type: ignore[arg-type]
    m = _RANK_NUM.search(s)
    if m:
        return int(m.group(1) or m.group(2))
    m = _RANK_EN.search(s)
    if m:
        return int(m.group(1) or m.group(2))
    for sp in ordinals:
        if sp.entry.lang == "en" and _EN_RANK_CONTEXT.search(
            s[max(0, sp.start - 24) : sp.end + 16]
        ):
            return int(sp.entry.value)  # type: ignore[arg-type]
    return None


def stated_rank(text: str) -> int | None:
    """The first place a sentence states ("took second place", "xếp thứ 5/63"), read as
    a question's rank is; None when it states none."""
    return _rank(fold_keep_offsets(text), text)


def _count_word(w: str | None) -> int | None:
    if not w:
        return None
    if w.isdigit():
        return int(w)
    return get_vocab().cardinal_value(w)


def _top_n(rx: re.Pattern[str], s: str) -> int | None:
    # Matches may overlap: "the bottom 3" is first read as "<the> bottom", which counts
    # nothing, and must not hide "bottom <3>".
    pos = 0
    while (m := rx.search(s, pos)) is not None:
        n = _count_word(next((g for g in m.groups() if g), None))
        if n is not None and 1 <= n <= 50:
            return n
        pos = m.start() + 1
    return None


def _asked_level(s: str) -> tuple[bool, Level | None]:
    """(a level or "which/who" word was asked, the entity level it names)."""
    m = _LEVEL_VI.search(s)
    if m:
        word = "vung" if m.group(1).startswith("vung") else m.group(1)
        if word == "nganh" and _DEPARTMENTS_BEFORE.search(s[: m.start()]):
            word = "so"  # "sở, ngành nào": a province's departments, not a ministry
        # "Cơ quan nào ... của các sở, ban, ngành": a generic word takes the group's level.
        return True, _LEVELS.get(word) or _group_level(s)
    m = _LEVEL_EN.search(s)
    if m:
        w = m.group(1).rstrip("s")
        w = {"citie": "city", "localitie": "locality", "agencie": "agency"}.get(w, w)
        level = _LEVELS.get(w)
        return True, level or _group_level(s)
    m = _LEVEL_EN_OF_PLACE.search(s)
    if m and get_gazetteer().lookup(m.group("place")) is not None:
        # "Which Hanoi district …": the province's units of that level
        return True, _LEVELS.get(m.group("level").rstrip("s"))
    return False, None


def _group_level(s: str) -> Level | None:
    """The level of the group a question names ("các sở, ban, ngành", "khối bộ")."""
    for rx, level in _GROUP_LEVEL:
        if rx.search(s):
            return level  # type: ignore[return-value]
    return None


def _component(t: _Text) -> tuple[str | None, tuple[int, int] | None]:
    """A quoted name right after "lĩnh vực" / "chỉ số" / "component", or an unquoted one
    after "lĩnh vực"; with its span (so the index and entity finders skip it)."""
    for a, b, inner in t.quotes:
        if _COMPONENT_BEFORE_QUOTE.search(t.folded[max(0, a - 30) : max(0, a - 1)]):
            return inner, (a - 1, b + 1)
    m = _COMPONENT_BARE.search(t.blanked) or _COMPONENT_EN.search(t.blanked)
    if m:
        a, b = m.span(1)
        value = t.raw[a:b].strip(" ,")
        if len(key(value)) >= 4:
            return value, (a, b)
    return None, None


def _subjects(
    t: _Text, mentions: list[Mention]
) -> tuple[Mention | None, list[Mention], list[Mention]]:
    """(the entity the question is about, other entities it is about, the other entity
    mentions: containers and successors). A province named only as
    the successor of another one ("Hà Giang cũ (nay sáp nhập vào Tuyên Quang)") or as a
    container ("TP. Tam Kỳ (thuộc tỉnh Quảng Nam)") is not the subject."""
    ents = [m for m in mentions if m.is_entity]
    named = {m.province.name for m in ents if m.province}
    keep: list[Mention] = []
    rest: list[Mention] = []
    for m in ents:
        before = t.folded[max(0, m.start - 40) : m.start]
        successor_of_other = m.province is not None and any(
            o.province is not None
            and o.province.name != m.province.name
            and o.province.merged_into == m.province.name
            for o in ents
        )
        if (
            _CONTAINER_BEFORE.search(before)
            or _SOURCE_BEFORE.search(before)
            or (successor_of_other and len(named) > 1)
            or (m.province is not None and _after_group(t, m.start))
        ):
            rest.append(m)
        else:
            keep.append(m)
    if not keep:
        return None, [], rest
    return keep[0], keep[1:], rest


# A comparison asked in so many words: "so sánh A và B", "compare A and B", "A versus B".
_COMPARE_SAID = re.compile(r"\b(?:so sanh|compare[ds]?|comparison|versus|vs)\b")


def _named_as_source(t: _Text, m: Mention) -> bool:
    """Whether the question names the unit as who reports a figure ("according to MIC")."""
    return bool(_SOURCE_BEFORE.search(t.folded[max(0, m.start - 40) : m.start]))


def _place_like(m: Mention) -> bool:
    return m.province is not None or m.region is not None


def _unit_in_province(
    subject: Mention | None, peers: list[Mention], rest: list[Mention]
) -> tuple[Mention | None, list[Mention], list[Mention]]:
    """A unit named with a province ("Sở Y tế Hà Giang", "của tỉnh Lâm Đồng, huyện
    Đức Trọng") is a unit inside it, not two entities compared: a
    department or district is not compared with a province. The unit is the subject and
    the province its container."""
    if subject is None or not peers:
        return subject, peers, rest
    group = [subject, *peers]
    units = [m for m in group if not _place_like(m)]
    places = [m for m in group if _place_like(m)]
    if not units or not places or len(places) > 1:
        return subject, peers, rest
    return units[0], units[1:], [*places, *rest]


# What joins a group of units to the province that holds them: "các huyện, thị, thành phố
# của Bình Dương", "the districts of Binh Duong".
_GROUP_OF = re.compile(
    r"[^?.;]{0,30}?\b(?:cua|o|tai|thuoc|trong|of|in)\s+(?:tinh|thanh pho|tp\.?|"
    r"the province of)?\s*$"
)


def _after_group(t: _Text, start: int) -> bool:
    """Whether a province named at ``start`` closes a group of units inside it ("xếp thứ
    mấy trong các huyện của Bình Dương"): it is the scope, not an entity compared."""
    spans = get_vocab().find(t.raw[:start], {"scope"}, labels={"province"})
    return any(_GROUP_OF.fullmatch(t.folded[sp.end : start]) for sp in spans)


def _keywords(t: _Text, skip: list[tuple[int, int]], lang: str) -> list[str]:
    s = _MERGER_PHRASES.sub(lambda m: " " * len(m.group()), t.blanked)
    out: list[str] = []
    for tok, a, _ in token_spans(s):
        glossed = lang == "en" and tok in EN_GLOSSARY  # "rate", "percentage": "tỷ lệ"
        if any(x <= a < y for x, y in skip) or (tok in _STOP and not glossed) or tok.isdigit():
            continue
        words = EN_GLOSSARY.get(tok, tok).split() if lang == "en" else [tok]
        for w in words:
            if w not in out:
                out.append(w)
    return out


_WHICH_AFTER = re.compile(r"\s*(?:nao|gi)\b")
_WHICH_BEFORE = re.compile(r"\b(?:which|what)\s+$")


def _unread_component(s: str, w: str) -> bool:
    """Whether the question names a component ("lĩnh vực", "component") that is not a
    "which component" question ("những lĩnh vực nào", "which component")."""
    spans = get_vocab().find(w, {"component_cue"}, labels={"component"})
    return any(
        not _WHICH_AFTER.match(s, sp.end) and not _WHICH_BEFORE.search(s[: sp.start])
        for sp in spans
    )


def _region_as_scope(
    subject: Mention | None, peers: list[Mention], rest: list[Mention], level: Level | None
) -> tuple[Mention | None, list[Mention], list[Mention]]:
    """A region named with a province or unit ("Lào Cai đứng thứ mấy trong vùng Trung du
    và miền núi phía Bắc"), or in a question asking for another level ("Tỉnh nào dẫn đầu
    vùng ..."), is where the ranking is, not an entity asked about (where the store holds
    the region as an entity too)."""
    group = [subject, *peers] if subject is not None else []
    regions = [m for m in group if m.region is not None]
    if not regions:
        return subject, peers, rest
    units = [m for m in group if m.region is None]
    if not units and (level is None or level == "region"):
        return subject, peers, rest
    return (units[0] if units else None), units[1:], [*regions, *rest]


def _names_region(mentions: list[Mention]) -> bool:
    """Whether a mention is a region, as a region or as an entity the store holds ("vùng
    Tây Nguyên đạt bao nhiêu điểm": the region is what is asked about, not a scope)."""
    gaz = get_gazetteer()
    return any(m.region is not None or gaz.lookup_region(m.text) is not None for m in mentions)


# Verbs of a move whose folded form is also another word's: "tháng" (month) and "thăng",
# "năng (lực)" and "nâng", "giám (sát)" and "giảm", "mặt" and "mất". Written with
# diacritics, the word says which it is; without, only the change word after it does
# ("thang hang", "giam diem"; not "nang luc", "thang 10").
_MOVE_WRITTEN = frozenset(
    "tăng thăng nâng lên cải tiến vượt giảm tụt xuống sụt mất".split()
)
_MOVE_AMBIGUOUS = frozenset({"thang", "nang", "giam", "mat"})
_MOVE_NOUN_AFTER = re.compile(
    r"\s+(?:duoc\s+|them\s+)?(?:hang|bac|vi tri|thu hang|diem|ket qua|manh|nhieu|sau|cao|"
    r"bao nhieu|may\b)"
)
_DIGIT_AFTER = re.compile(r"\s+\d")  # "giam 5 bac"; not "thang 5" (May)


def _is_move(m: re.Match[str], s: str, w: str) -> bool:
    """Whether a match of a move regex on the folded ``s`` is a move verb as written in
    ``w`` (the question as written, with ``s``'s blanks), not a word that folds like one."""
    word = s[m.start() :].split(" ", 1)[0]
    if word not in _MOVE_AMBIGUOUS:
        return True
    raw = nfc(w[m.start() : m.start() + len(word)]).lower()
    if raw != word:  # written with diacritics
        return raw in _MOVE_WRITTEN
    end = m.start() + len(word)
    return bool(
        _MOVE_NOUN_AFTER.match(s, end) or (word != "thang" and _DIGIT_AFTER.match(s, end))
    )


def _moves(rx: re.Pattern[str], s: str, w: str) -> bool:
    return any(_is_move(m, s, w) for m in rx.finditer(s))


def _direction(s: str, w: str | None = None) -> Literal["up", "down"] | None:
    """ "up" for a question about rises, "down" for falls, None for neither (or both)."""
    w = s if w is None else w
    up, down = _moves(_UP, s, w), _moves(_DOWN, s, w)
    if up == down:
        return None
    return "up" if up else "down"


def _change_measure(s: str) -> Literal["rank", "score"] | None:
    if _CHANGE_SCORE.search(s) and not _CHANGE_RANK.search(s):
        return "score"
    if _CHANGE_RANK.search(s) and not _CHANGE_SCORE.search(s):
        return "rank"
    return None


def _compared(s: str, peers: list[Mention]) -> bool:
    """Whether the entities named with the subject are compared with it ("so sánh A và
    B", "A hay B cao hơn", "A và B lần lượt", "compare A and B")."""
    return bool(_COMPARE.search(s) or _AND.search(s)) and all(m.is_entity for m in peers)


def _named(names: NameIndex, m: Mention) -> tuple[str, list[str]]:
    """(display name, store keys) of an entity mention."""
    if m.province is not None:
        return m.province.name, names.keys_for(m.province)
    return m.text, list(m.store_keys)


def parse(question: str, names: NameIndex) -> Query:
    """Read a question into a Query (never raises on any string)."""
    t = _prepare(question)
    s = t.blanked
    lang = detect_lang(t)
    notes: list[str] = []
    component, comp_span = _component(t)
    blank = [(a, b) for a, b, _ in t.quotes]
    if comp_span:
        blank.append(comp_span)
        chars = list(s)
        for i in range(*comp_span):
            chars[i] = " "
        s = "".join(chars)
    # The question as written with the same blanks: what the vocabulary reads.
    w = "".join(" " if f == " " else r for f, r in zip(s, t.raw, strict=True))
    index = _index(w)
    year, year_from = _years(t)
    mentions = names.find(t.raw, blank=blank)
    subject, peers, rest_mentions = _subjects(t, mentions)
    if not _COMPARE_SAID.search(s):
        subject, peers, rest_mentions = _unit_in_province(subject, peers, rest_mentions)
    who, level = _asked_level(s)
    if not _COMPARE_SAID.search(s):
        subject, peers, rest_mentions = _region_as_scope(subject, peers, rest_mentions, level)
    others = peers + rest_mentions
    regions = [m.region for m in mentions
               if m.region is not None and m is not subject and m not in peers]  # fmt: skip
    if level in _SUB_LEVELS and subject is not None and subject.province is not None:
        # "Sở nào dẫn đầu các sở, ngành tỉnh Ninh Bình?": the province is the scope.
        others, subject = [subject, *others], None
    who = who or bool(_WHO.search(s))
    # A plan word inside a name ("Bộ Kế hoạch và Đầu tư") asks about no plan.
    targets = bool(_TARGET.search(_blanked(w, [(m.start, m.end) for m in mentions])))

    # Initiative names: quoted (and not a component), or a stored name said without quotes.
    quoted = [inner for a, b, inner in t.quotes if not (comp_span and a >= comp_span[0] - 1
                                                        and b <= comp_span[1] + 1)]  # fmt: skip
    stored_names = names.find_initiatives(t.raw) if _INITIATIVE_CUE.search(w) else []
    initiative = quoted[0] if quoted else (stored_names[0] if stored_names else None)

    q = Query(lang=lang, index=index, component=component, year=year, year_from=year_from,
              targets=targets)  # fmt: skip
    skip = [(m.start, m.end) for m in mentions] + blank
    q.keywords = _keywords(t, skip, lang)
    rank = _rank(s, w)
    rank_ask, score_ask = bool(_RANK_ASK.search(s)), bool(_SCORE_ASK.search(s))
    index_or_part = index is not None or component is not None
    if index_or_part and not score_ask and _INDEX_VALUE_ASK.search(s):
        score_ask = True  # "lĩnh vực … đạt bao nhiêu phần trăm": a component's score too
    if index is None and (rank_ask or rank is not None or LEADER.search(w)) and _other_ranking(w):
        # "Cổng dịch vụ công của tỉnh X xếp thứ mấy?": a portal's ranking, which only a
        # record of such a ranking (OTHER) answers, not the province's PCI rank.
        index = q.index = "OTHER"

    def set_subject() -> None:
        if subject is not None:
            q.entity = subject.province.name if subject.province else subject.text
            q.entity_keys = (
                names.keys_for(subject.province) if subject.province else list(subject.store_keys)
            )
            if others:
                notes.append("also named: " + ", ".join(m.text for m in others))
            container = next((m.province for m in others if m.province is not None), None)
            if container is None or q.scope is not None:
                return
            if subject.province is None:
                # "Sở Tư pháp tỉnh Tây Ninh": a unit inside the province named with it; a
                # same-named unit of another province does not answer.
                q.scope = f"province:{container.name}"
            elif subject.province.kind != "thành phố" and _UNIT_WORD_BEFORE.search(
                t.folded[max(0, subject.start - 12) : subject.start]
            ):
                # "huyện Quảng Ninh của tỉnh Quảng Bình": a district that shares a
                # province's name, not the province.
                q.entity_level, q.scope = "district", f"province:{container.name}"

    def set_scope(for_group: bool) -> None:
        if regions and (_REGION_CUE.search(w) or not _NATIONAL.search(w)):
            q.scope = f"region:{regions[0].name}"
        elif _NATIONAL.search(w):
            q.scope = "national"
        elif _REGION_CUE.search(w) and level != "region" and not _names_region(mentions):
            # "led the region", a region the gazetteer does not know: a regional record
            # may answer, a national one does not ("region:*": any region).
            q.scope = ANY_REGION
        if for_group and level in _SUB_LEVELS:
            provs = [m for m in mentions if m.province is not None]
            if provs:
                q.scope = f"province:{provs[0].province.name}"  # type: ignore[union-attr]

    cue = _INITIATIVE_CUE.search(w) or (quoted and _INITIATIVE_VERB.search(s))
    if cue and initiative and subject is not None and not who and _QUANTITY.search(s):
        # "Chương trình “X” của tỉnh Y được tổ chức mấy lần mỗi tháng?": a figure about
        # the initiative, which only a metric can give.
        q.ask, q.initiative = "metric", initiative
        q.keywords = [*q.keywords, *(k for k in tokens(initiative) if k not in q.keywords)]
        q.metric = " ".join(q.keywords) or None
        set_subject()
        q.notes = notes
        return q
    if cue and (initiative or _INITIATIVE_LIST.search(s)):
        q.initiative = initiative
        if initiative and (subject is None or who):
            q.ask = "initiative_who"
            # "Xã nào của tỉnh Quảng Trị duy trì mô hình “X”?": who, at that level, there
            # ("ở tỉnh nào" asks where: a department of the province answers it too);
            # "mô hình “X” ở Tiền Giang do đơn vị nào tổ chức?": someone in Tiền Giang.
            q.entity_level, q.level_asked = level, level in _SUB_LEVELS
            place = (
                subject
                if subject is not None
                else next((m for m in others if m.province is not None), None)
            )
            if place is not None and place.province is not None:
                q.scope = f"province:{place.province.name}"
        elif subject is not None:
            q.ask = "initiatives_of"
            set_subject()
        else:
            q.ask = "free_text"
        q.year = year
        q.notes = notes
        return q

    direction = _direction(s, w)
    if (
        subject is None and who and index and not direction and _HELD.search(s)
        and not _count_asked(s, w)
    ):  # fmt: skip
        # "Những tỉnh nào giữ nguyên thứ hạng PCI năm 2022?", "Which provinces kept their
        # place?": the units whose stated move is nil.
        q.ask, q.direction, q.entity_level, q.measure = "change_list", "same", level, "rank"
        set_scope(True)
        q.notes = notes
        return q
    if (
        subject is None
        and direction
        and who
        and not _count_asked(s, w)
        and (index or component or _CHANGE_RANK.search(s) or _CHANGE_SCORE.search(s))
    ):
        # "Những tỉnh nào tăng hạng?", "Tỉnh nào tăng nhiều bậc nhất?", "Bộ nào giảm điểm
        # nhiều nhất, và giảm bao nhiêu?"
        extreme = bool(_EXTREME.search(s))
        q.ask = "change_extreme" if extreme else "change_list"
        q.direction, q.entity_level = direction, level
        q.measure = _change_measure(s)
        set_scope(True)
        q.notes = notes
        return q
    if subject is not None and peers and _compared(s, peers):
        q.ask = "compare"
        q.compared = [_named(names, m) for m in [subject, *peers]]
        q.entity, q.entity_keys = q.compared[0][0], q.compared[0][1]
        q.measure = "rank" if rank_ask and not score_ask else "score" if score_ask else None
        if not (index or component) and q.keywords and _METRIC_ASK.search(s):
            q.metric = " ".join(q.keywords)
        set_scope(False)
        q.notes = notes
        return q
    if (
        subject is not None
        and year is None
        and (index or component)
        and (
            _TREND.search(s)
            or (_WHICH_YEAR.search(s) and (_HIGHEST.search(w) or _LOWEST.search(w)))
        )
    ):
        # "Chỉ số CCHC của Ninh Bình qua các năm", "Năm nào Ninh Bình đạt điểm cao nhất?"
        if _WHICH_YEAR.search(s) and (_HIGHEST.search(w) or _LOWEST.search(w)):
            q.ask = "best_year"
            q.direction = "down" if _LOWEST.search(w) and not _HIGHEST.search(w) else "up"
        else:
            q.ask = "trend"
        q.measure = "rank" if rank_ask and not score_ask else "score" if score_ask else None
        set_subject()
        set_scope(False)
        q.notes = notes
        return q
    # "Giá trị trung bình Chỉ số CCHC của 19 bộ, cơ quan ngang bộ": the bloc named as a unit
    bloc_named = len(mentions) == 1 and subject is not None and is_bloc(subject.text)
    if (not mentions or bloc_named) and _asks_average(
        s, w, None if bloc_named else subject, who, component
    ):
        # "Chỉ số PCI trung bình cả nước năm 2019?", "the average DTI of the
        # ministries": the country's (the bloc's) average, a metric of its own.
        _ask_average(
            q,
            names,
            bloc=bloc_named or level == "ministry" or _group_level(s) == "ministry",
        )
        q.notes = notes
        return q
    if (
        not mentions
        and subject is None
        and not who
        and not rank_ask
        and component is None
        and _index_of_country(w, s)
    ):
        # "Chỉ số DTI quốc gia năm 2024 đạt bao nhiêu?": the index's value for the whole
        # country is the country's own figure, a metric (eval/CONVENTIONS.md), not any
        # unit's index result.
        notes.append("the index's national value: the country's figure")
        q.ask = "metric"
        _set_owner(q, names, bloc=False)
        q.metric = " ".join(q.keywords) or None
        q.notes = notes
        return q
    if _counts_stated(s, w, subject):
        # "bao nhiêu tỉnh tăng hạng", "tỉnh X có bao nhiêu đơn vị xếp loại Tốt": a count
        # the text states (a metric of the country, the bloc or the province), which the
        # store's records cannot make up (they hold only the units an article named).
        notes.append("count of units meeting a condition: only a stated figure answers")
        q.ask, q.counts = "metric", True
        q.direction = count_direction(s)
        counted = _COUNTED.search(s)
        word = counted.group(1) if counted else ""
        q.entity_level = UNIT_LEVELS.get(word) or UNIT_LEVELS.get(word.removesuffix("s"))
        if subject is not None:
            set_subject()
        else:
            _set_owner(q, names, bloc=level == "ministry")
        index_spans = [(sp.start, sp.end) for sp in get_vocab().find(w, {"index"})]
        # The year a move is told against ("so với năm trước", "compared with 2022") says
        # when, not what is counted: a stated count names it seldom.
        compared = [m.span() for m in _COMPARED_WITH.finditer(t.folded)]
        if index_spans or compared:
            # The index named ("Chỉ số CCHC (PAR Index)") is where the units are rated,
            # not what is counted.
            q.keywords = _keywords(t, [*skip, *index_spans, *compared], lang)
        q.metric = " ".join(q.keywords) or None
        q.notes = notes
        return q
    if _moves(_CHANGE, s, w) and (
        index
        or component
        # with no index named, a move of a place or a score ("tăng bao nhiêu bậc"); a cut
        # in anything else ("By how much did X cut fees …") is a figure a text states
        or (subject is not None and (_CHANGE_RANK.search(s) or _CHANGE_SCORE.search(s)))
    ):
        q.ask = "change"
        q.measure = (
            "rank" if _CHANGE_RANK.search(s) else "score" if _CHANGE_SCORE.search(s) else None
        )
        set_subject()
        set_scope(False)
    elif subject is None and _count_asked(s, w) and (index or component or rank):
        q.ask = "count"
        q.entity_level = level
        q.rank = rank
        set_scope(True)
    elif subject is None and (n := _top_n(_TOP_N, s)) is not None:
        q.ask, q.n, q.entity_level = "top", n, level
        set_scope(True)
    elif subject is None and (n := _top_n(_BOTTOM_N, s)) is not None:
        q.ask, q.n, q.entity_level = "bottom", n, level
        set_scope(True)
    elif subject is None and (rank is not None or LEADER.search(w)) and (who or index or component):
        q.ask = "entity_for_rank"
        q.rank = rank if rank is not None and rank > 0 else 1
        q.entity_level = level
        set_scope(True)
    elif subject is None and who and _HIGHEST.search(w):
        q.ask, q.n, q.entity_level = "top", 1, level
        set_scope(True)
    elif subject is None and who and _LOWEST.search(w):
        q.ask, q.n, q.entity_level = "bottom", 1, level
        set_scope(True)
    elif subject is not None and (index or component or rank_ask or score_ask):
        q.ask = "rank" if rank_ask and not score_ask else "score" if score_ask and not rank_ask \
            else "result"  # fmt: skip
        set_subject()
        set_scope(False)
    elif subject is not None and (_METRIC_ASK.search(s) or q.keywords):
        q.ask = "metric"
        q.metric = " ".join(q.keywords) or None
        set_subject()
    elif (
        subject is None and not (index or component) and not who
        and all(_named_as_source(t, m) for m in mentions)
        and (_METRIC_NOUN.search(s) or _THINGS_COUNTED.search(s) or _COUNTED_NOUN.search(s))
        and (said := _country_named(s, year))
    ):
        # "Tỷ lệ hồ sơ trực tuyến toàn trình của cả nước", "Vietnam's share of ...": the
        # country's figure, a metric of its own (a question naming no place asks no one's;
        # "tỉnh nào vượt tỷ lệ của cả nước" asks who, not the country's figure).
        notes.append("the country named: the country's figure")
        q.ask = "metric"
        q.keywords = _keywords(t, [*skip, *(m.span() for m in said)], lang)
        q.metric = " ".join(q.keywords) or None
        _set_owner(q, names, bloc=False)
    else:
        q.ask = "free_text"
        set_subject()
    if q.ask in ("result", "score") and _AVERAGE.search(w) and _UNITS_OF.search(s):
        # "Chỉ số SIPAS bình quân của các sở, ngành tỉnh X", "the average PAR Index of X's
        # districts": the average of the province's units, a figure of its own, not the
        # province's own score.
        notes.append("the average of a unit's own units: only a stated figure answers")
        q.ask, q.metric = "metric", " ".join(q.keywords) or None
    counted = (
        _THINGS_COUNTED.search(s)
        or _COUNT_NAMED.match(nfc(question).strip())
        or _GRADED_UNITS_COUNTED.search(s)
        or _RATE_OF_SURVEY.search(s)
    )
    if q.ask in ("result", "score", "rank") and counted:
        # "Bộ Nội vụ lấy ý kiến bao nhiêu người dân để xác định SIPAS?": people (dossiers,
        # firms, an index's parts: "bao nhiêu chỉ số thành phần tăng điểm") counted, which
        # a stated figure gives, not the index's score or rank.
        notes.append("a count of people or things: only a stated figure answers")
        q.ask, q.metric = "metric", " ".join(q.keywords) or None
    if (
        q.ask in ("metric", "free_text") and index is not None and _THINGS_COUNTED.search(s)
        and _SURVEYED.search(s) and (subject is None or _is_ministry(q.entity))
    ):
        # "Bộ Nội vụ lấy ý kiến bao nhiêu người dân cho SIPAS?", "How many citizens were
        # interviewed for PAPI?": the index's nationwide survey, a figure of the country
        # (the ministry asked is who surveys, not whom the figure is of).
        notes.append("the people surveyed for an index: the country's survey")
        q.ask, q.metric, q.counts = "metric", " ".join(q.keywords) or None, True
        _set_owner(q, names, bloc=False)
    if q.ask in _RANKING_ASKS and index is None and component is None and _METRIC_NOUN.search(s):
        # "Which ministry led in the share of dossiers handled fully online?": who leads on
        # a metric; the store ranks index results only, so no index result answers it.
        notes.append("a ranking on a metric, not on an index: no index result answers it")
        q.ask = "free_text"
    if q.ask in _INDEX_ASKS and component is None and _unread_component(s, w):
        notes.append("names a component it does not say clearly: the whole index does not answer")
        q.ask = "free_text"
    elif q.ask in _INDEX_ASKS and component is None and (named := _known_component(s, w, q)):
        # "X's PCI score for informal charges": a known component named without a
        # cue word; the whole index's score does not answer it.
        notes.append(f"names the component {named!r}")
        q.component = named
    elif q.ask in _INDEX_ASKS and component is None and (slot := _component_slot(t, s, w, skip)):
        # "đạt bao nhiêu điểm về Minh bạch trong PCI", "score on transparency in the
        # PAPI": what is named between "về"/"on" and the index is a part of it; the whole
        # index's figure does not answer (a stored component of that name does).
        notes.append(f"names the component {slot!r} before the index")
        q.component = slot
    q.notes = notes
    return q


# "về X trong <index>", "on X in the <index>", "for X in <index>": X is a part of the index.
_SLOT_BEFORE_INDEX = re.compile(
    r"\b(?:ve|on|for|in terms of|regarding)\s+(?P<x>[a-z0-9][a-z0-9 ,&'-]{1,80}?)"
    r"\s*(?:trong|cua|thuoc|tai|in|of|on|within)\s+(?:the\s+)?(?:bo\s+)?$"
)
# Words that, alone in that place, name no part of an index: scopes, rankings, the index.
_NOT_A_PART = frozenset(
    "ca nuoc toan quoc bang xep hang ket qua chi so diem thu hang vi tri cap tinh tinh "
    "national nationwide level ranking rankings table list country the overall index score "
    "rank place provincial regional region vung khu vuc nhom khoi nam year".split()
)


_ASKING_WORDS = frozenset("nao gi sao which what how".split())


def _component_slot(t: _Text, s: str, w: str, skip: list[tuple[int, int]]) -> str | None:
    """The words a question sets between "về"/"on" and the index it names, when they are
    more than a scope or a ranking's name ("xếp thứ mấy về Chỉ số CCHC" names none):
    the component as asked (the extractor's name for it when it knows it)."""
    spans = get_vocab().find(w, {"index"})
    if not spans:
        return None
    sp = spans[0]
    m = _SLOT_BEFORE_INDEX.search(s[: sp.start])
    if m is None:
        return None
    a, b = m.span("x")
    if any(x < b and a < y for x, y in skip):
        return None  # an entity named there ("về Hà Tĩnh trong ..."): no part
    said = tokens(s[a:b])
    if _ASKING_WORDS & set(said):
        return None  # "lĩnh vực nào ... trong": which part is the question
    words = [k for k in said if k not in _STOP and not k.isdigit()]
    if not words or all(k in _NOT_A_PART for k in words):
        return None
    from llmx.rules.lexicon import KNOWN_COMPONENT_RE, KNOWN_COMPONENTS

    known = KNOWN_COMPONENT_RE.search(s[a:b])
    if known is not None and known.lastgroup is not None:
        return KNOWN_COMPONENTS[int(known.lastgroup[1:])][0]
    value = t.raw[a:b].strip(" ,")
    return value if len(key(value)) >= 4 else None


# Words of an index question that say what is asked, not what of the index.
_ASK_WORDS = frozenset(
    "diem score scored scores points point rank ranked ranking ranks xep thu hang dat vi tri "
    "gia value position place placed standing chi so index cap tinh nam year dung dan dau "
    "tang giam bac len xuong tut thang nang places up down climb climbed rose fell moved "
    "nhat cao thap highest lowest top first last ca nuoc national nationally".split()
)


def _known_component(s: str, w: str, q: Query) -> str | None:
    """A component of the extractor's table that the question names whole, without a cue
    word, when at least two of its content words are left over once the index's name and
    the words of asking are set aside (only then is the table, costly to load, read)."""
    index_words: set[str] = set()
    for sp in get_vocab().find(w, {"index"}):
        index_words |= set(tokens(sp.text))
    leftover = [k for k in q.keywords if k not in index_words and k not in _ASK_WORDS]
    if len(leftover) < 2:
        return None
    from llmx.rules.lexicon import KNOWN_COMPONENT_RE, KNOWN_COMPONENTS

    m = KNOWN_COMPONENT_RE.search(s)
    if m is None or m.lastgroup is None:
        return None
    return KNOWN_COMPONENTS[int(m.lastgroup[1:])][0]


NATION = "Việt Nam"  # the country's figures are its metrics (eval/CONVENTIONS.md)


def _set_owner(q: Query, names: NameIndex, *, bloc: bool) -> None:
    """The country, or the ministries' bloc, as the entity of ``q``: the bloc under every
    name the store holds it by ("17 bộ, cơ quan ngang bộ", "19 bộ, ngành")."""
    if bloc:
        raws = sorted({raw for rs in names.store.values() for raw in rs if is_bloc(raw)})
        q.entity, q.entity_keys = "khối bộ, cơ quan ngang bộ", raws
    else:
        q.entity, q.entity_keys = NATION, [key(NATION)]


def _ask_average(q: Query, names: NameIndex, *, bloc: bool) -> None:
    q.ask, q.aggregate = "metric", "bloc" if bloc else "nation"
    _set_owner(q, names, bloc=bloc)
    q.metric = " ".join(q.keywords) or None


def _asks_average(
    s: str, w: str, subject: Mention | None, who: bool, component: str | None
) -> bool:
    """Whether the question asks the country's (the bloc's) average itself: not a unit's
    figure against it, a count of units above it ("bao nhiêu tỉnh trên mức trung bình"),
    a component's average, its change, or who is above it. (A question naming a place,
    "trung bình của các tỉnh Tây Nguyên", is asked about that place: the caller checks.)"""
    if subject is not None or who or component is not None:
        return False
    if _count_asked(s, w) or _CHANGE.search(s) or _COMPARE_TO_AVERAGE.search(s):
        return False
    return _AVERAGE.search(w) and bool(_OWNER_SAID.search(s))


def _index_of_country(w: str, s: str) -> bool:
    """Whether an index the question names is followed by "quốc gia" ("DTI quốc gia",
    "Chỉ số chuyển đổi số quốc gia"): its value for the country as a whole. ``s`` is the
    folded ``w``, offset for offset."""
    return any(_NATIONAL_AFTER.match(s, sp.end) for sp in get_vocab().find(w, {"index"}))


_NATIONAL_AFTER = re.compile(r"\s*(?:\([^)]*\)\s*)?quoc gia\b")


# "cao hơn mức bình quân", "vượt trung bình", "above the average": a gap, not the average.
_COMPARE_TO_AVERAGE = re.compile(
    r"\b(?:hon|vuot|tren|duoi|so voi|above|below|than|exceed\w*)\s+(?:muc\s+|gia tri\s+|"
    r"diem\s+|the\s+)?(?:binh quan|trung binh|average)\b"
)


# The country named as whose a figure is (folded): "cả nước", "toàn quốc", "Việt Nam",
# "nationwide", "across the country".
_COUNTRY_NAMED = re.compile(
    r"\b(?:ca nuoc|toan quoc|viet nam|vietnam|nationwide|nationally|(?:across |in )?"
    r"the (?:whole )?country)\b"
)
# The move a count of units counts (folded): "bao nhiêu tỉnh tăng hạng", "how many
# provinces fell". "thăng" and "nâng" only with "hạng" ("tháng", "năng lực" fold alike).
_COUNT_UP = re.compile(
    r"\b(?:tang|len|thang hang|nang hang|cai thien|tien bo|improved?|rose|rise|risen|climbed|"
    r"gained|increased?|moved up)\b"
)
_COUNT_DOWN = re.compile(
    r"\b(?:giam|tut|sut|xuong|fell|fall(?:en)?|drop(?:ped)?|lost|slipped|declined?|decreased?)\b"
)


def count_direction(s: str) -> Literal["up", "down"] | None:
    """Which way the folded text says units moved, where it says one way only: a question
    ("bao nhiêu tỉnh tăng hạng") or a count's name ("số tỉnh có chỉ số đi xuống": falls)."""
    up, down = bool(_COUNT_UP.search(s)), bool(_COUNT_DOWN.search(s))
    return "up" if up and not down else "down" if down and not up else None


# Every province, as a number of them: 63 until the 2025 merger, 34 after it.
_ALL_PROVINCES = re.compile(
    rf"\b(?P<n>{PROVINCES_BEFORE_2025}|{PROVINCES_FROM_2025}) "
    r"(?:tinh,? thanh pho|tinh thanh|tinh|dia phuong)\b"
)


def _country_named(s: str, year: int | None) -> list[re.Match[str]]:
    """Where the folded question names the country: its names, or all its provinces
    ("63 tỉnh, thành phố"; "34 địa phương" from 2025): the spans to drop from its words."""
    said = list(_COUNTRY_NAMED.finditer(s))
    for m in _ALL_PROVINCES.finditer(s):
        if int(m.group("n")) == PROVINCES_BEFORE_2025 or year is None or year >= 2025:
            said.append(m)
    return said


# The year a count's move is told against (folded): "so với năm trước", "so với năm 2022",
# "so với cùng kỳ", "compared with the previous year", "than in 2022", "a year earlier".
_COMPARED_WITH = re.compile(
    r"\bso voi (?:nam (?:truoc|ngoai|\d{4})|cung ky(?: nam (?:truoc|\d{4}))?|\d{4})\b"
    r"|\b(?:compared (?:with|to)|than|from|over|on) (?:in )?(?:the )?(?:previous|prior|last) year\b"
    r"|\b(?:compared (?:with|to)|than|from|over|on) (?:in )?\d{4}\b|\ba year (?:earlier|before)\b"
)
# The units a count question counts: "bao nhiêu huyện", "how many districts".
_COUNTED = re.compile(r"\b(?:bao nhieu|how many)\s+(\w+(?: xa| thanh)?)")


def _count_asked(s: str, w: str) -> bool:
    """Whether a count of units is asked: "bao nhiêu tỉnh", "how many provinces", "số tỉnh"
    ("số" written as such, or without diacritics where no group comes before it: "các sở
    tỉnh Long An" folds to "so tinh" too)."""
    for m in _COUNT.finditer(s):
        if not s.startswith("so ", m.start()):
            return True
        raw = nfc(w[m.start() : m.start() + 2]).lower()
        if raw == "số" or (raw == "so" and not _GROUP_BEFORE.search(s[: m.start()])):
            return True
    return False


_GROUP_BEFORE = re.compile(r"\b(?:cac|nhung|khoi|moi|tung)\s+$")


def _counts_stated(s: str, w: str, subject: Mention | None) -> bool:
    """Whether the question asks how many units meet a condition ("bao nhiêu tỉnh thăng
    hạng", "có bao nhiêu huyện xếp loại tốt"), of the country or of a province named."""
    if not (_count_asked(s, w) and _COUNT_QUALIFIED.search(s)):
        return False
    return subject is None or subject.province is not None


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the characters of ``spans`` as blanks (offsets kept)."""
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def detect_lang_of(question: str) -> Lang:
    return detect_lang(_prepare(question))
