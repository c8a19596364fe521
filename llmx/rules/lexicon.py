"""Domain vocabulary, written against folded text (unaccented, lower case) so that every
pattern also matches text typed without diacritics. Offsets in folded text equal offsets in
the original (see ``fold_keep_offsets``)."""

from __future__ import annotations

import re

from llmx.core.gazetteer import Ministry, load_ministries
from llmx.core.textnorm import fold
from llmx.core.vocab import get_vocab
from llmx.core.vocab.compile import folded_source
from llmx.rules.prefilter import word_start_lookahead

# Index names -> contract code, from the vocabulary's "index" entries (llmx/data/vocab/
# index.toml, the one home of index names; those for questions only left out), compiled
# for folded text. Where two names start at one place the one declared first wins.
INDEX_PATTERNS: list[tuple[str, str]] = [
    (folded_source(e.pattern), e.label)
    for e in get_vocab().entries
    if e.kind == "index" and not e.questions_only
]
# Every name starts a word: the leading \b lets the regex engine skip other positions fast.
INDEX_RE = [
    (re.compile(rf"\b{word_start_lookahead([p])}(?:{p})"), code) for p, code in INDEX_PATTERNS
]
# All index names in one pass (group i = INDEX_PATTERNS[i]), for counting over a whole text.
INDEX_ANY_RE = re.compile(
    r"\b"
    + word_start_lookahead(p for p, _ in INDEX_PATTERNS)
    + "(?:"
    + "|".join(f"(?P<i{i}>{p})" for i, (p, _) in enumerate(INDEX_PATTERNS))
    + ")"
)
INDEX_CODES = [code for _, code in INDEX_PATTERNS]
# A cheap necessary condition for any index name: one of the literal heads every name starts
# with, at a word start (the lookahead above, searched on its own). Derived, so a name added
# to the vocabulary is never hidden by a hand-kept list of hint words.
INDEX_HINT_RE = re.compile(r"\b" + word_start_lookahead(p for p, _ in INDEX_PATTERNS))

# A quoted name after these words is a component (sub-index or field) of an index.
COMPONENT_RE = re.compile(
    r"(?:linh vuc|chi so thanh phan|noi dung thanh phan|tieu chi|chi so|nhom chi so|yeu to|nhom|"
    r"tru cot)\s*[\"“”']([^\"“”']{3,120})[\"“”']"
)
# A quoted name directly followed by a value verb is a component in a list of sub-scores:
# “Gia nhập thị trường” đạt 7,46 điểm.
COMPONENT_QUOTED_RE = re.compile(
    r"(?<![\w“\"])[\"“]([^\"“”]{3,120})[\"”]\s*(?:chi |moi |cung |van )?"
    r"(?=(?:dat|xep|dung|tang|giam|dan dau|voi)\b)"
)
# ... or an unquoted field name: "lĩnh vực cải cách thể chế đứng thứ 5".
COMPONENT_BARE_RE = re.compile(
    r"(?:linh vuc|chi so thanh phan|tru cot)\s+((?:[^\W\d_]+\s+){0,9}?[^\W\d_]+)\s*"
    r"(?:\([^)]{1,20}\)\s*)?"
    r"(?=(?:xep|dung|dat|tang|giam|dan dau|vuon|tiep tuc|duoc|co|3 nam|chi xep|cua|\d)\b)"
)

# Forecasts and goals.
TARGET_RE = re.compile(
    r"\b(?:du kien|phan dau|muc tieu|chi tieu|ke hoach dat|huong toi|se dat|uoc dat|du bao|toi thieu)\b"
)

# Comparison years ("so với năm 2021", "với năm 2016", "cùng kỳ năm 2022").
COMPARISON_YEAR_RE = re.compile(
    r"(?:than(?: in)?|compared (?:with|to)|above|below|since|over)\s+(?:(?:pci|papi|sipas|dti|par index)\s+)?"
    r"((?:19|20)\d\d)\b|"
    r"(?:so voi|voi|cung ky|tu|hon|thua)\s+(?:cung ky\s+|(?:ket qua|muc|diem so|thu hang|ky danh gia|"
    r"cung ky|ket qua danh gia)\s+(?:cua\s+)?)?nam\s+(?P<vy>(?:19|20)\d\d)\b"
)
YEAR_RE = re.compile(r"\bnam\s+((?:19|20)\d\d)\b|\b((?:19|20)\d\d)\b")

NUM = r"(\d+(?:[.,]\d+)*)"


def _ordinal_words(lang: str) -> dict[str, int]:
    """The vocabulary's ordinals (ordinal.toml, label "ordinal") as the rules' folded text
    writes them -> rank, in declaration order: "nhat" -> 1 (the word after "thứ"), "third"
    -> 3. These are plain words, spliced into the rank patterns below; one written as a
    pattern could not be, so it is refused here rather than matched wrongly there."""
    out: dict[str, int] = {}
    for e in get_vocab().entries:
        if e.kind != "ordinal" or e.label != "ordinal" or e.lang != lang or e.value is None:
            continue
        word = fold(e.pattern).removeprefix("thu ") if lang == "vi" else fold(e.pattern)
        if not re.fullmatch(r"[a-z]+", word):
            raise ValueError(f"ordinal {e.pattern!r}: the rules read ordinals as plain words")
        out[word] = int(e.value)
    return out


VI_ORDINALS = _ordinal_words("vi")  # "nhat" -> 1, "tu" -> 4, "muoi" -> 10
ORD_ALTS = "|".join(VI_ORDINALS)
ORD_WORD = f"({ORD_ALTS})"

# Rank phrasings. Each yields rank (and maybe total); group names are fixed.
RANK_FROM_TO_RE = re.compile(
    r"(?:tu|tu vi tri|tu hang|tu thu)\s+(?:vi tri\s+|thu\s+|hang\s+)?(?P<a>\d+)"
    r"(?:/(?P<ta>\d+))?\s*(?:(?:cua |trong |o )?(?:nam\s+)?(?P<ya>(?:19|20)\d\d)\s*)?,?\s*"
    r"(?:len|xuong)\s+(?:(?:vi tri|hang)\s+)?(?:thu\s+)?(?P<b>\d+)(?:/(?P<tb>\d+))?"
)
RANK_RE = re.compile(
    r"(?:xep hang|xep vi tri|xep thu|dung thu|dung vi tri|dung o vi tri|vi tri thu|vi tri|"
    r"hang thu|o vi tri|xep|dung|thu hang|len thu|xuong thu|len hang|xuong hang|thu)\s+"
    r"(?:vi tri\s+|thu\s+|hang\s+)?(?P<r>\d{1,3})(?![\d,.]\d)(?:\s*/\s*(?P<t>\d{1,3})(?!\d))?"
)
RANK_WORD_RE = re.compile(
    rf"(?:xep|dung|vi tri|hang)\s+thu\s+{ORD_WORD}\b"
    rf"|(?<![\w])thu\s+{ORD_WORD}(?=\s+(?:la|thuoc ve)\b)"  # "thứ hai là X"
)
LEADER_RE = re.compile(
    r"(?<!nguoi )(?<!cap uy )\b(?:dan dau|dung dau|quan quan|dung dau bang|xep thu nhat|top dau|"
    r"cao nhat(?= (?:ca nuoc|toan quoc|vung|khu vuc|tinh|toan tinh|thanh pho|cac|khoi))|"
    r"(?<=muc diem )cao nhat|(?<=diem so )cao nhat)\b"
)
# Directions of a move, by sign; RANK_CHANGE_RE reads "tăng 5 bậc", "lùi 3 bậc", "cải thiện 44 bậc".
RANK_DOWN_WORDS: tuple[str, ...] = (
    "giam",
    "tut",
    "xuong",
    "ha",
    "lui",
    "mat",
    "roi",
    "sut",
    "tut giam",
)
RANK_DOWN_WORDS += ("thap hon",)
RANK_CHANGE_RE = re.compile(
    r"\b(?P<dir>tang|giam|tut giam|tut|thang|len|xuong|nang|ha|tien|lui|mat|roi|sut|cai thien|"
    r"nhay vot|bat tang|vuot|leo|cao hon|thap hon)\s+(?:them\s+|len\s+|xuong\s+)?"
    r"(?:(?:so voi\s+)?(?:ket qua\s+)?nam\s+(?:19|20)\d\d\s+(?:la\s+)?)?"
    r"(?:\d{1,3}(?:[.,]\d{1,3})?\s*(?:diem|%)\s+va\s+)?"  # "cải thiện 3,3 điểm và 8 bậc"
    r"(?P<n>\d{1,3})\s+(?:bac|hang|vi tri|cap)\b"
)
# "xếp cuối trong 17 bộ", "vị trí cuối cùng trong tổng số 14 sở": the last place of a stated total.
RANK_LAST_RE = re.compile(
    r"\b(?:xep|dung|o vi tri|vi tri|xep hang|dung o vi tri)\s+(?:thu\s+)?cuoi(?:\s+cung|\s+bang)?"
    r"[,\s]+(?:trong\s+|tren\s+)?(?:tong so\s+|so\s+)?(?P<t>\d{1,3})\s+"
    r"(?:tinh|dia phuong|bo|co quan|so|don vi|huyen|xa|phuong)"  # "đứng cuối trong 45 phường"
)
TOTAL_RE = re.compile(
    r"^\s*(?:/\s*)?(?:trong (?:so|tong so)\s+)?(?P<t>\d{2,3})\s+(?:tinh|dia phuong|bo|co quan|so|don vi|huyen|xa)"
)

SCORE_RE = re.compile(
    r"(?:dat|voi|duoc|la|dat duoc|tong diem|diem so)?\s*(?P<v>\d{1,3}(?:[.,]\d{1,4})?)\s*(?P<slash>/\s*\d{1,3}\s*)?(?P<u>diem|%|percent\b|points?\b)"
)
# "tăng 3,19 điểm", "nhích thêm 0,82 điểm", "cao hơn năm 2020 1,59 điểm", "thấp hơn năm 2020 là
# 3,84 điểm", "nhỉnh hơn năm 2022 (86,62%) 1,71%": a change, never a score.
SCORE_DOWN_WORDS = ("giam", "thap hon", "mat", "sut giam", "sut")
SCORE_CHANGE_RE = re.compile(
    r"\b(?P<dir>tang|giam|cao hon|thap hon|nhinh hon|nhich|mat|sut giam|sut|cai thien)\s+"
    r"(?:them\s+|len\s+)?(?:(?:so voi\s+)?(?:ket qua\s+|muc\s+)?(?:cua\s+)?nam\s+(?:19|20)\d\d"
    r"(?:\s*\([^)]{1,20}\))?\s+(?:la\s+|toi\s+|den\s+)?)?"
    r"(?P<v>\d{1,3}(?:[.,]\d{1,3})?)\s*(?P<u>diem|%)"
)
# A gap to another unit ("hơn Quảng Ninh 0,66%", "chỉ thua Bộ Tư pháp 0,06 điểm"): neither a
# score nor the unit's own change; the value is read from what precedes it.
GAP_BEFORE_RE = re.compile(
    r"\b(?:hon|vuot|thua(?! thien)|kem)\s+(?:diem|muc|gia tri)\s+(?:binh quan|trung binh)[^,;:\d]{0,40}"
    r"(?:\([^)]*\))?\s*$|"
    r"\b(?:hon|thua(?! thien)|kem)\s+(?!nam\b)[^;:]{2,60}?\)\s*$"
    r"|\b(?:thua(?! thien)|kem)\s+(?!nam\b)[^,;:\d]{2,40}$"
)
# "(82,58 điểm)" right after a comparison year: the value of that earlier year.
PAREN_PRIOR_RE = re.compile(
    r"nam\s+(?P<y>(?:19|20)\d\d)\s*\(\s*(?:dat\s+|la\s+)?(?P<v>\d{1,3}(?:[.,]\d{1,3})?)\s*(?P<u>diem|%)\s*\)"
    r"|(?:so voi )?muc\s+(?P<v2>\d{1,3}(?:[.,]\d{1,3})?)\s*(?P<u2>diem|%)\s+cua\s+nam\s+(?P<y2>(?:19|20)\d\d)"
    # "(năm 2021 đạt 83,15%)", "(năm 2021: 83,15 điểm)", "(năm 2021 là 83,15%)": the year inside
    r"|\(\s*nam\s+(?P<y3>(?:19|20)\d\d)\s*(?::|,|-|–)?\s*(?:dat\s+|la\s+|chi dat\s+)?"
    r"(?P<v3>\d{1,3}(?:[.,]\d{1,3})?)\s*(?P<u3>diem|%)\s*\)"
)
# The same for a place: "so với năm 2022 (xếp thứ 12/17)", "(năm 2022: thứ 12)".
PAREN_PRIOR_RANK_RE = re.compile(
    r"nam\s+(?P<y>(?:19|20)\d\d)\s*\(\s*(?:xep\s+|dung\s+|o\s+)?(?:thu|hang|vi tri|vi tri thu)\s+"
    r"(?P<r>\d{1,3})(?:\s*/\s*(?P<t>\d{1,3}))?\s*\)"
    r"|\(\s*nam\s+(?P<y2>(?:19|20)\d\d)\s*(?::|,|-|–)?\s*(?:xep\s+|dung\s+|o\s+)?"
    r"(?:thu|hang|vi tri|vi tri thu)\s+(?P<r2>\d{1,3})(?:\s*/\s*(?P<t2>\d{1,3}))?\s*\)"
)

NATIONAL_RE = re.compile(
    r"\b(?:ca nuoc|toan quoc|tren toan quoc|63 tinh|/63|trong nuoc)\b|/\s*63\b"
)
PROVINCE_SCOPE_RE = re.compile(
    r"\b(?:cac|trong so cac|trong)\s+(?:\d+\s+)?(?:so, ban, nganh|so, nganh|so nganh|co quan|don vi|huyen|"
    r"huyen, thi xa, thanh pho|dia phuong cap huyen|xa, phuong)|\bcap (?:so|huyen) (?:cua|trong) tinh\b|"
    r"\bkhoi (?:so|ubnd cap huyen|cap huyen|huyen|dia phuong|don vi)|"
    r"\b(?:huyen|so, nganh|so, ban, nganh)[^.;]{0,30}?\bcua tinh\b|\b(?:toan|trong) tinh\b"
)
REGION_CUE_RE = re.compile(r"\b(?:vung|khu vuc|mien)\b")

# Metric units: noun phrases a counted number measures.
COUNT_UNITS = (
    r"ho so|thu tuc hanh chinh|thu tuc|tthc|dich vu cong truc tuyen|dich vu cong|dich vu|"
    r"tai khoan|cong dan|don vi|van ban|luot truy cap|luot|quyet dinh|co quan|doanh nghiep|"
    r"ngay lam viec|ngay|gio|phut|tieu chi|cuoc|giay to|ket qua|nguoi|trieu dong|ty dong|"
    r"bo phan mot cua|diem cau|bai viet|y kien|kien nghi|sang kien|mo hinh|giai phap"
)
COUNT_RE = re.compile(
    rf"(?P<v>\d+(?:[.,]\d+)*)(?:\s+(?P<m>nghin|ngan|trieu|ti|ty))?\s+(?P<u>{COUNT_UNITS})\b"
)
# Metric names: the words that open a clause before its measured noun phrase ("38% là dịch
# vụ công …", "đạt 12 hồ sơ"), the dangling words a cut name must not end on ("tỷ lệ hài lòng
# đối" from "đối với"), and the words after which a count's noun phrase stops ("2 đơn vị là
# Bộ …", "1 cơ quan bị xếp loại kém do …").
# Matched on the lower-cased original, not the folded copy: folding merges "có" with "cơ"
# ("cơ quan") and "đạt" with "đất", which must not be cut.
METRIC_NAME_LEAD_RE = re.compile(r"^(?:(?:là|đạt|chiếm|có|với|gồm|của|cùng|đều|chỉ|ở mức)\s+)+")
METRIC_NAME_TAIL_RE = re.compile(
    r"(?:\s+(?:đối|của|bị|đều|trong|và|với|là|đạt|ở|tại|được|các|những|hơn|trên|dưới|còn lại|mới|"
    r"chỉ))+$"
)
METRIC_NAME_STOP_RE = re.compile(
    r"\s(?:là|nên|khi|so với|với|tương đương|tương ứng|chiếm|trong khi|tức|tức là)\s"
)
# Where a rate's name stops being the measure and starts naming its owner ("tỷ lệ hồ sơ trực
# tuyến của tỉnh X", "… trên địa bàn"); matched on the folded copy.
METRIC_NAME_OWNER_RE = re.compile(
    r"\s(?:(?:cua|tai|o)\s+(?:tinh|thanh pho|tp\.?|huyen|thi xa|quan|bo|ca nuoc|toan quoc|"
    r"\d+ tinh)\b|tren dia ban\b|toan tinh\b)"
)
# An article's period when its lead names no year: a period in the headline or lead
# ("… quý II/2024", "tháng 4/2025") or a dated line ("05/2025", "Tháng 7/2024").
DATELINE_YEAR_RE = re.compile(
    r"(?m)^\s*(?:[^\n]{0,40}\|\s*)?(?:thang\s+)?\d{1,2}/((?:19|20)\d\d)\s*$"
)
# A period shorter than a year, which belongs in a metric's name ("… quý II/2024", "… 6 tháng
# đầu năm 2025"); matched on the folded copy.
SUB_YEAR_PERIOD_RE = re.compile(
    r"\b(?:(?:\d{1,2}|sau|chin) thang(?: dau)?(?: nam)? (?:19|20)\d\d|"
    r"(?:thang|quy) (?:\d{1,2}|[ivx]+)(?:/|-| nam )(?:19|20)\d\d)\b"
)
# A national survey's figures (respondents, forms, units surveyed) are the country's, not the
# ministry that ran it ("Bộ Nội vụ đã lấy ý kiến 36.000 người dân").
SURVEY_RE = re.compile(r"\b(?:khao sat|lay y kien|phieu|survey(?:ed)?|respondents)\b")
# Units of a count that are amounts (time, money), not things counted: their name stays the
# noun phrase; other counts are named "số …" as an analyst titles a column of counts.
AMOUNT_UNITS_RE = re.compile(r"^(?:ngay lam viec|ngay|gio|phut|trieu dong|ty dong)$")
# A period shorter than a year ("tháng 4/2025", "quý II/2024", "tháng 10-2020") sets a
# metric's year.
PERIOD_YEAR_RE = re.compile(
    r"\b(?:thang|quy)\s+(?:\d{1,2}|[ivx]+)(?:\s*(?:dau\s+)?nam)?\s*[/-]\s*((?:19|20)\d\d)\b"
)
# What a bare rate's following phrase must open on to name a share ("38% là dịch vụ công …",
# "100% các xã được phủ sóng").
RATE_OBJECT_RE = re.compile(
    rf"^(?:(?:cac|nhung|so)\s+)?(?:{COUNT_UNITS}|nguoi dan|xa|phuong|huyen|so, ban, nganh|tinh)\b"
)
# A figure for the whole country even when a province was named earlier in the sentence:
# an average or total over all provinces ("bình quân 63 địa phương", "trung bình cả nước").
NATIONAL_FIGURE_RE = re.compile(
    r"\b(?:(?:gia tri |muc )?(?:binh quan|trung binh)(?: chung)?(?: cua)? (?:ca nuoc|toan quoc|"
    r"\d+ (?:tinh|dia phuong))|ca nuoc|toan quoc|national average|nationwide)\b"
)
PERCENT_RE = re.compile(r"(?P<v>\d{1,3}(?:[.,]\d+)?)\s*%")
RATE_HEAD_RE = re.compile(r"\b(?:ty le|ti le|muc do)\b")
METRIC_VERB_RE = re.compile(
    r"\b(?:dat|la|chiem|len toi|len den|o muc|khoang|tren|hon|gan|duoi|toi)\b"
)

# Initiatives: a quoted name after one of these cue words (possibly a list of names).
INITIATIVE_CUE_RE = re.compile(
    r"\b(?P<cue>mo hinh|sang kien|phuong cham|phong trao|khau hieu|chuong trinh|cuoc van dong|cach lam)"
    r"(?:\s+[^\W\d_]+){0,3}?\s*[:]?\s*(?=[\"“])"
)
QUOTED_RE = re.compile(r"[\"“]([^\"“”]{2,120})[\"”]")
LIST_SEP_RE = re.compile(
    r"\s*(?:,|;|va|hoac|cung voi)\s*(?:(?:mo hinh|sang kien|phong trao|phuong cham)\s*)?$"
)

# Entity levels below province. Words after the prefix are captured loosely; the caller keeps
# the leading capitalised ones (Python's str.isupper, since regex ranges mix cases).
# A lookahead, so that the lowercase words a capture runs into ("Kiến Xương và huyện") stay
# free for the next match ("huyện Tiền Hải").
_WORDS = r"(?=((?:[^\W\d_][\w-]*)(?:\s+[^\W\d_][\w-]*){0,3}))"
DISTRICT_RE = re.compile(
    r"(?<![\w.])(TP\.|Tp\.|TP|thành phố|Thành phố|thị xã|Thị xã|TX\.|huyện|Huyện|quận|Quận)\s+"
    + _WORDS
)
COMMUNE_RE = re.compile(r"(?<![\w.])(xã|Xã|phường|Phường|thị trấn|Thị trấn)\s+" + _WORDS)

# Departments (Sở) and ministries (Bộ) share sector names; matched on folded text.
SECTORS = (
    r"noi vu|tu phap|ke hoach va dau tu|tai chinh|cong thuong|"
    r"nong nghiep va (?:phat trien nong thon|ptnt|moi truong)|nn ?& ?ptnt|nn va ptnt|"
    r"giao thong van tai|giao thong - van tai|xay dung|tai nguyen va moi truong|tn ?& ?mt|"
    r"thong tin va truyen thong|tt ?& ?tt|lao dong ?- ?thuong binh va xa hoi|ldtbxh|"
    r"van hoa,? the thao va du lich|van hoa va the thao|vh,? ?tt ?& ?dl|du lich|"
    r"khoa hoc va cong nghe|kh ?& ?cn|giao duc va dao tao|gd ?& ?dt|y te|ngoai vu|ngoai giao|"
    r"dan toc va ton giao|cong an|quoc phong"
)
DEPARTMENT_RE = re.compile(
    rf"\b(?:so|bo) (?:{SECTORS})\b|\bban quan ly cac khu (?:cong nghiep|kinh te)\b|"
    r"\bban dan toc\b|\bthanh tra tinh\b|\bvan phong (?:ubnd|uy ban nhan dan) tinh\b|"
    r"\bvan phong chinh phu\b|\bthanh tra chinh phu\b|\bngan hang nha nuoc(?: viet nam)?\b|"
    r"\buy ban dan toc\b"
)

# A region named right after these words is where a province is ranked ("thứ 5/14 tỉnh khu vực
# X", "trong vùng X", "các tỉnh vùng X"): a scope. Named otherwise, the region itself is ranked
# or averaged ("Dẫn đầu là vùng X với 90%"): an entity.
REGION_AS_SCOPE_BEFORE_RE = re.compile(
    r"(?:\b(?:tinh|tinh, thanh pho|dia phuong|thanh pho|don vi)\b[^.;]{0,12}|"
    r"\b(?:trong|cua|tai|thuoc|giua cac)\s+(?:cac\s+)?(?:tinh\s+)?"
    # English locatives: "Dong Thap, in the Mekong Delta, …", "a province in the Central
    # Highlands": where the unit lies, not a ranked region
    r"|(?:,|\bprovince|\bcity|\blocated|\blying)\s+in\s+(?:the\s+)?)"
    r"(?:vung|khu vuc|mien)?\s*(?:kinh te - xa hoi\s+)?$"
)
# Who compiled or published a ranking is not ranked by it: "compiled by the Ministry of Home
# Affairs", "published by the Ministry of Information and Communications", "do Bộ Nội vụ
# công bố", "do Bộ Thông tin và Truyền thông chủ trì xây dựng".
PUBLISHER_BEFORE_RE = re.compile(
    r"\b(?:compiled|published|released|announced|conducted|issued|run|organi[sz]ed|"
    r"carried out|developed|produced) by (?:the\s+)?$"
)
PUBLISHER_DO_RE = re.compile(r"\bdo\s+$")
PUBLISHER_VERB_AFTER_RE = re.compile(
    r"\s*(?:\([^)]{1,20}\)\s*)?(?:cong bo|ban hanh|thuc hien|chu tri|to chuc|phat hanh|"
    r"xay dung|phoi hop)\b"
)
# "Hà Nội (TTXVN 18/4) – …": a dateline names where the story was filed, not its subject.
DATELINE_AFTER_RE = re.compile(r"\s*(?:\([^()\n]{1,30}\))?\s*[-–—]\s")

# The subject named after its place: "Dẫn đầu là vùng X", "Vị trí thứ 2 thuộc về X",
# "Đứng đầu khối các huyện là thị xã X".
SUBJECT_AFTER_RANK_RE = re.compile(
    r"^(?![^;.]*\b(?:(?:day|do|nay|tiep theo|sau do|ke den|theo sau|ke tiep) la|tiep theo)\b)[^;.]{0,60}?\b(?:la|thuoc ve|gianh cho|goi ten)\s+"
    r"(?:(?:vung|khu vuc|tinh|thanh pho|tp\.?)\s+)?$"
)
# A fronted value: "Đứng thứ 4, X …", "Với 70,37 điểm, X xếp thứ 3": the value is X's.
FRONTED_GAP_RE = re.compile(
    r"^\s*,\s*(?:(?:vung|khu vuc|tinh|thanh pho|tp\.?)\s+)?$|^\s*,?\s*thuoc ve\s+(?:tinh\s+)?$"
)
# "từ 7,28 điểm đi xuống 6,74 điểm": the later score is the record's, the earlier one the year before.
SCORE_FROM_TO_RE = re.compile(
    r"\btu\s+(?P<a>\d{1,3}(?:[.,]\d{1,4})?)\s*(?P<ua>diem|%)(?:\s+(?:nam\s+)?(?P<ya>(?:19|20)\d\d))?\s*,?\s*"
    r"(?:di\s+)?(?:len|xuong|con|giam con|giam xuong|tang len|giam|tang)\s+(?:con\s+)?"
    r"(?P<b>\d{1,3}(?:[.,]\d{1,4})?)\s*(?P<ub>diem|%)(?:\s+(?:nam\s+)?(?P<yb>(?:19|20)\d\d))?"
)

# An index named with its edition: "PCI 2022", "Chỉ số CCHC năm 2021", "the 2023 PAPI".
_INDEX_SHORT = (
    r"(?:pci|papi|sipas|dti|pgi|par index|chi so cchc|chi so cai cach hanh chinh|chi so hai long)"
)
EDITION_YEAR_RE = re.compile(
    rf"\b{_INDEX_SHORT}\s+(?:\([^)]{{1,20}}\)\s+)?(?:nam\s+)?(?P<y>(?:19|20)\d\d)\b"
    rf"|\b(?:the\s+)?(?P<y2>(?:19|20)\d\d)\s+{_INDEX_SHORT}\b"
    # "the average index for 2018", "the index in 2019"
    r"|\bindex (?:for|in|of) (?P<y3>(?:19|20)\d\d)\b"
)

# English coverage: ordinals, leaders, moves and changes as English reports write them.
EN_ORDINALS = _ordinal_words("en")  # "first" -> 1 … "tenth" -> 10
_EN_ORD_ALTS = "|".join(EN_ORDINALS)
_EN_ORD = f"(?:{_EN_ORD_ALTS}|" + r"\d{1,2}(?:st|nd|rd|th))"
# "ranked third out of 63", "fell 5 places to 19th", "(seventh, 69.08)"; not "the third year in
# a row", "for the first time", "first half".
EN_RANK_RE = re.compile(
    rf"(?:\b(?:ranked|ranking|ranks|came|was|placed|finished|in|at|to|reached|put it|put the \w+"
    rf"|placing it|putting it|leaving it|ranking it|came in|ended up|took|taking|claimed|"
    rf"secured|won|grabbed|earned)|,|\(|:"
    # "Second place went to X" (not "First, …"); "northern Bac Giang third with 89.49 points"
    # "… and 8th for Digital Economy"
    rf"|^(?=\w+[- ]place\b)|(?<!the )\b(?=(?:{_EN_ORD})\s+(?:with\s+\d|for\b)))"
    r"\s*(?:the\s+)?"
    # "came in at No. 10"; not "at 10th" (a date), hence the look-behind on ordinals only
    rf"(?P<r>(?<=at )no\.?\s?\d{{1,2}}|(?<!\bat ){_EN_ORD})(?:[- ]plac(?:e|ed))?\b"
    r"(?!\s+(?:year|time|consecutive|straight|edition|half|quarter|month|in a row|round|phase))"
    # A place, not an adjective ("was the first province to …", "was first introduced"): what
    # follows is punctuation or a word that goes on about the ranking.
    r"(?=\s*(?:[,.;:()–—-]|$|(?:with|in|out|of|among|nationwide|nationally|on|for|and|after|"
    r"behind|ahead|place|position|spot|overall|while|but|at|among|across|to|went|\d)\b))"
    r"(?:\s+(?:out\s+)?of\s+(?P<t>\d{2,3}))?(?:,\s*(?P<v>\d{1,3}(?:\.\d+)?)(?=\s*(?:points?)?\s*\)))?"
)
# "led the ranking", "led all provinces", "led with 91.9 percent"; not "led to", "led a
# delegation", "the survey led by UNDP".
EN_LEADER_RE = re.compile(
    r"\b(?:topped|led(?= (?:the|all|among|with|in|its)\b)(?! the (?:way|delegation|meeting|"
    r"working|survey|team|launch)\b)|headed(?! by| to| for)|first(?=-placed)|top(?=-ranked)"
    r"|(?:(?<=the )|(?<=its ))top(?= (?:spot|place|locality|province|ministry)\b)"
    # "the highest among 17 ministries", as LEADER_RE reads "cao nhất cả nước / khối"
    r"|(?<=the )highest(?= (?:(?:score|result|figure|rating) )?(?:among|nationwide|in the country|"
    r"of all|in the bloc|across)\b))\b"
)
EN_RANK_CHANGE_RE = re.compile(
    r"\b(?P<dir>up|down|rose|rising|climbed|climbing|fell|falling|dropped|dropping|slid|sliding|"
    r"moving up|moved up|moving down|moved down|gained|gaining|lost|losing|jumped|jumping|"
    r"slipped|slipping|advanced|advancing|improved|improving|declined|declining|tumbled|"
    r"a climb of|a fall of|a drop of|a rise of|a jump of|a gain of|a loss of)\s+(?:by\s+)?"
    r"(?P<n>\d{1,2})\s+(?:places|place|spots|spot|positions|position|notches|notch|ranks|rungs)\b"
    r"|\b(?P<n2>\d{1,2})\s+(?:places?|spots?|positions?|notch(?:es)?)\s+"
    r"(?P<dir2>higher|lower|up|down)\b"
)
EN_DOWN_WORDS = ("down", "fell", "falling", "dropped", "dropping", "slid", "sliding", "moving down",
                 "moved down", "lost", "losing", "a fall of", "a drop of", "lower", "slipped",
                 "slipping", "declined", "declining", "tumbled", "a loss of", "decreased",
                 "a decline of")  # fmt: skip
EN_SCORE_CHANGE_RE = re.compile(
    r"\b(?P<dir>adding|added|gaining|gained|up|rose|rising|climbed|increased|improved|"
    r"an increase of|a rise of|a gain of|down|fell|falling|dropped|declined|decreased|"
    r"a drop of|a fall of|a decline of|lost|losing)(?:\s+by)?\s+"
    r"(?P<v>\d{1,3}(?:\.\d+)?)\s*(?P<u>percentage points?|points?|percent|%)"
    r"|(?P<v2>\d{1,3}(?:\.\d+)?)\s*(?P<u2>percentage points?|points?|percent|%)\s+"
    r"(?P<dir2>more|higher|less|lower|above|below)\b"
)

# "(+5,83%)", "(-15,35%)" after a name: a signed change of that unit's score.
SIGNED_CHANGE_RE = re.compile(
    r"\(\s*(?P<sign>[+\-–−])\s*(?P<v>\d{1,3}(?:[.,]\d{1,3})?)\s*(?P<u>%|diem)\s*\)"
)
# Words that say the place was held: a rank change of 0 (eval/CONVENTIONS.md).
HELD_RE = re.compile(
    r"\b(?:giu vung vi tri|giu nguyen vi tri|giu nguyen thu hang|giu vung thu hang|giu vi tri|"
    r"khong thay doi (?:thu hang|vi tri)|"
    r"van giu (?:nguyen )?vi tri|retained|unchanged|held (?:on to )?(?:its|the) (?:place|position|top spot))\b"
    r"(?! trong (?:nhom|top|to p))"
)
# "tiếp tục dẫn đầu", "vẫn đứng đầu": first place, held.
HELD_LEAD_BEFORE_RE = re.compile(
    r"\b(?:tiep tuc|van|van tiep tuc|giu vung ngoi|tiep tuc giu)\s*(?:la\s+)?$"
)
# "vị trí số một", "số 1": first place.
NUMBER_ONE_RE = re.compile(r"\b(?:vi tri|hang|ngoi vi|dung) so (?:mot|1)\b")

# Ministries and ministry-level agencies: canonical name and one folded pattern compiled from
# the names, aliases and English names in llmx/data/ministries.toml (core.gazetteer). Matched
# on folded text. Example: "Bộ TN & MT" -> Bộ Tài nguyên và Môi trường.
_ALIAS_SEP_RE = re.compile(r"\s*([,&-])\s*|\s+")
# ",", "&", "-" with or without spaces around them; the comma may also be left out.
_ALIAS_SEP = {",": ",? ?", "&": " ?& ?", "-": " ?- ?"}
_ACRONYM_RE = re.compile(r"[^\W\d_]*[A-ZĐ][^\W\d_]*[A-ZĐ][^\W\d_]*")


def is_acronym(alias: str) -> bool:
    """One word with two or more capitals ("NHNN", "MoJ"): matched as a whole word only,
    and only where the text writes it with capitals (see ``acronym_written``)."""
    return _ACRONYM_RE.fullmatch(alias) is not None


def alias_pattern(alias: str) -> str:
    """Folded regex for a name written as text: separators loosened, a word boundary at the
    end (and at the start of an acronym) so that "Bộ Y tế" does not match inside a word."""
    parts: list[str] = []
    pos = 0
    folded = fold(alias)
    for m in _ALIAS_SEP_RE.finditer(folded):
        parts.append(re.escape(folded[pos : m.start()]))
        parts.append(_ALIAS_SEP[m.group(1)] if m.group(1) else " ")
        pos = m.end()
    parts.append(re.escape(folded[pos:]))
    body = "".join(parts)
    return rf"\b{body}\b" if is_acronym(alias) else rf"{body}\b"


def _ministry_pattern(ministry: Ministry) -> str:
    # Longest first: "ngan hang nha nuoc viet nam" before "ngan hang nha nuoc".
    names = sorted(set(ministry.all_names()), key=lambda n: (-len(fold(n)), fold(n)))
    return "|".join(dict.fromkeys(alias_pattern(n) for n in names))


MINISTRIES: list[tuple[str, str]] = [(m.name, _ministry_pattern(m)) for m in load_ministries()]
# Folded acronyms: a match of one of these needs two capitals in the original text.
MINISTRY_ACRONYMS: frozenset[str] = frozenset(
    fold(n) for m in load_ministries() for n in m.all_names() if is_acronym(n)
)


def acronym_written(original: str) -> bool:
    """True when the span of an acronym match is written with two or more capitals: "MOST",
    "MoST" are the ministry, "most" / "Most" the English word."""
    return sum(c.isupper() for c in original) >= 2


# \b: a ministry name starts a word, so the alternation is tried at word starts only.
MINISTRY_RE = re.compile(
    r"\b"
    + word_start_lookahead(p for _, p in MINISTRIES)
    + "(?:"
    + "|".join(f"(?P<m{i}>{p})" for i, (_, p) in enumerate(MINISTRIES))
    + ")"
)

# Components (sub-indices, pillars, fields) reports name without quotes: canonical Vietnamese
# name, folded Vietnamese phrasings, English phrasings (English passages keep the English name
# as written, eval/CONVENTIONS.md). Example: "chính quyền số đứng thứ 12" -> Chính quyền số.
KNOWN_COMPONENTS: list[tuple[str, str, str]] = [
    ("Chính quyền số", r"chinh quyen so(?!\w)|\bcqs\b", r"digital government"),
    ("Kinh tế số", r"kinh te so(?!\w)|\bkts\b", r"digital economy"),
    ("Xã hội số", r"xa hoi so(?!\w)|\bxhs\b", r"digital society"),
    ("Gia nhập thị trường", r"gia nhap thi truong", r"market entry(?: costs)?"),
    ("Tiếp cận đất đai", r"tiep can dat dai", r"access to land"),
    ("Chi phí thời gian", r"chi phi thoi gian", r"time costs"),
    ("Chi phí không chính thức", r"chi phi khong chinh thuc", r"informal charges"),
    ("Cạnh tranh bình đẳng", r"canh tranh binh dang", r"fair competition|policy bias"),
    ("Tính năng động và tiên phong", r"tinh nang dong(?:,| va) tien phong|nang dong(?:,| va) tien phong|tinh nang dong",
     r"dynamism(?: of the provincial government)?"),
    ("Hỗ trợ doanh nghiệp", r"dich vu ho tro doanh nghiep|ho tro doanh nghiep", r"business support(?: services)?"),
    ("Đào tạo lao động", r"dao tao lao dong", r"labou?r training"),
    ("Thiết chế pháp lý", r"thiet che phap ly", r"legal institutions"),
    ("Tham gia của người dân ở cấp cơ sở", r"tham gia cua nguoi dan o cap co so",
     r"participation at local levels?"),
    ("Công khai, minh bạch", r"cong khai,? minh bach", r"transparency"),
    ("Trách nhiệm giải trình với người dân", r"trach nhiem giai trinh(?: voi nguoi dan)?",
     r"vertical accountability"),
    ("Kiểm soát tham nhũng trong khu vực công", r"kiem soat tham nhung(?: trong khu vuc cong)?",
     r"control of corruption"),
    ("Thủ tục hành chính công", r"thu tuc hanh chinh cong", r"public administrative procedures"),
    ("Cung ứng dịch vụ công", r"cung ung dich vu cong", r"public service delivery"),
    ("Quản trị môi trường", r"quan tri moi truong", r"environmental governance"),
    ("Quản trị điện tử", r"quan tri dien tu", r"e-governance"),
    ("Công tác chỉ đạo, điều hành cải cách hành chính", r"cong tac chi dao,? dieu hanh", r"$^"),
    ("Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức",
     r"xay dung va nang cao chat luong doi ngu can bo,? cong chuc,? vien chuc", r"$^"),
    ("Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật",
     r"xay dung va to chuc thuc hien van ban quy pham phap luat", r"$^"),
    ("Xây dựng và phát triển chính quyền điện tử, chính quyền số",
     r"xay dung va phat trien chinh quyen dien tu(?:,? chinh quyen so)?", r"$^"),
    ("Cải cách chế độ công vụ", r"cai cach che do cong vu", r"$^"),
    ("Hiện đại hóa hành chính", r"hien dai hoa hanh chinh", r"$^"),
    ("Cải cách thủ tục hành chính", r"cai cach thu tuc hanh chinh", r"$^"),
    ("Cải cách tổ chức bộ máy hành chính", r"cai cach to chuc bo may", r"$^"),
    ("Cải cách tài chính công", r"cai cach (?:quan ly )?tai chinh cong", r"$^"),
    ("Cải cách hành chính", r"(?<=\bo )cong tac cai cach hanh chinh(?! \()", r"$^"),
]  # fmt: skip
KNOWN_COMPONENT_RE = re.compile(
    r"\b"
    + word_start_lookahead(p for _, vi, en in KNOWN_COMPONENTS for p in (vi, en))
    + "(?:"
    + "|".join(f"(?P<v{i}>{vi})|(?P<e{i}>{en})" for i, (_, vi, en) in enumerate(KNOWN_COMPONENTS))
    + ")"
)
# Components listed together ("chính quyền số (CQS), kinh tế số (KTS) và xã hội số",
# "“Chính quyền số” và “Kinh tế số”", "Digital Economy and Digital Society"): what may stand
# between two names of one list (an abbreviation in parentheses, quotes, a comma, "và").
COMPONENT_LIST_SEP_RE = re.compile(
    r"\s*(?:\([^()]{1,12}\)\s*)?[\"”']?\s*(?:,\s*(?:va|and)?|va|and)\s*[\"“']?\s*"
)
# One value shared by every component of such a list, named before the list: "dẫn đầu ở cả
# 3 trụ cột X, Y và Z", "8th for both X and Y", "came first in each of the three pillars of X,
# Y and Z" (the text between the value and the list) ...
SHARED_BEFORE_LIST_RE = re.compile(
    r"\s*(?:(?:o|tai|ve|in|for|on)\s+)?"
    r"(?:ca\s+(?:\d|hai|ba|bon|nam|sau)\s+(?:tru cot|linh vuc|chi so thanh phan|chi so|noi dung|"
    r"nhom chi so|nhom)|both(?:\s+the)?|(?:each|all) of the (?:\w+\s+)?(?:pillars|sub-indices|"
    r"components|dimensions|areas)(?:\s+of)?)\s*[:“\"(]?\s*"
)
# ... or after it: "“X” và “Y” của TPHCM cùng xếp thứ 3/63", "(X, Y, Z) đều cùng ở vị trí
# thứ 2/63", "X và Y đều tăng 2 bậc" (the text between the list and the value's cue).
SHARED_AFTER_LIST_RE = re.compile(
    r"[\s\"”')]*(?:cua\s+[^,;.()\d]{1,30}?\s+)?(?:deu cung|deu|cung|both)\s+(?:[^\W\d]+\s+){0,3}"
)
# An English rank named before its component: "9th for Digital Government", "8th in both …".
EN_RANK_FOR_COMPONENT_RE = re.compile(
    rf"(?<![\w.,])(?P<r>{_EN_ORD})\s+(?:place\s+)?(?:for|in|on)\s+(?:both\s+)?(?:the\s+)?"
)

# The indices each known component belongs to, the usual one first: a sentence that names no
# index and lists "lĩnh vực cải cách thủ tục hành chính" after a SIPAS sentence is about the
# PAR Index. A component missing here may belong to any index.
_DTI, _PCI, _PAPI, _PAR = ("DTI",), ("PCI",), ("PAPI",), ("PAR_INDEX",)
_SERVICE = ("SERVICE_INDEX",)
COMPONENT_INDICES: dict[str, tuple[str, ...]] = {
    "Chính quyền số": _DTI, "Kinh tế số": _DTI, "Xã hội số": _DTI,
    "Gia nhập thị trường": _PCI, "Tiếp cận đất đai": _PCI, "Chi phí thời gian": _PCI,
    "Chi phí không chính thức": _PCI, "Cạnh tranh bình đẳng": _PCI,
    "Tính năng động và tiên phong": _PCI, "Hỗ trợ doanh nghiệp": _PCI,
    "Đào tạo lao động": _PCI, "Thiết chế pháp lý": _PCI,
    "Tham gia của người dân ở cấp cơ sở": _PAPI, "Công khai, minh bạch": ("PAPI", "SERVICE_INDEX"),
    "Trách nhiệm giải trình với người dân": _PAPI,
    "Kiểm soát tham nhũng trong khu vực công": _PAPI, "Thủ tục hành chính công": _PAPI,
    "Cung ứng dịch vụ công": _PAPI, "Quản trị môi trường": _PAPI, "Quản trị điện tử": _PAPI,
    "Công tác chỉ đạo, điều hành cải cách hành chính": _PAR,
    "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức": _PAR,
    "Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật": _PAR,
    "Xây dựng và phát triển chính quyền điện tử, chính quyền số": _PAR,
    "Cải cách chế độ công vụ": _PAR, "Hiện đại hóa hành chính": _PAR,
    "Cải cách thủ tục hành chính": ("PAR_INDEX", "PCI"),
    "Cải cách tổ chức bộ máy hành chính": _PAR, "Cải cách tài chính công": _PAR,
    "Tiến độ giải quyết": _SERVICE, "Dịch vụ trực tuyến": _SERVICE,
    "Cung cấp dịch vụ công trực tuyến": _SERVICE, "Dịch vụ công trực tuyến": _SERVICE,
    "Thanh toán trực tuyến": _SERVICE, "Mức độ hài lòng": _SERVICE, "Số hóa hồ sơ": _SERVICE,
}  # fmt: skip

# Components whose names are everyday words ("mức độ hài lòng", "số hóa hồ sơ", the groups of
# the service index): read only where the text says a component follows ("nhóm chỉ số X",
# "chỉ số X") or in a list of sub-scores ("gồm: X 15,67 điểm; Y 19,31 điểm").
CUED_COMPONENTS: list[tuple[str, str]] = [
    ("Công khai, minh bạch", r"cong khai,? minh bach"),
    ("Tiến độ giải quyết", r"tien do(?:, ket qua)? giai quyet(?: cong viec)?"),
    ("Cung cấp dịch vụ công trực tuyến", r"cung cap dich vu cong truc tuyen"),
    ("Dịch vụ công trực tuyến", r"dich vu cong truc tuyen"),
    ("Dịch vụ trực tuyến", r"dich vu truc tuyen"),
    ("Thanh toán trực tuyến", r"thanh toan truc tuyen"),
    ("Mức độ hài lòng", r"muc do hai long(?: cua nguoi dan,? (?:va )?doanh nghiep)?"),
    ("Số hóa hồ sơ", r"so hoa ho so"),
]
_CUED_NAMES = "|".join(f"(?P<c{i}>{p})" for i, (_, p) in enumerate(CUED_COMPONENTS))
CUED_COMPONENT_RE = re.compile(
    r"(?P<cue>\b(?:nhom chi so|nhom|chi so thanh phan|chi so) |(?<=gom:) |; )"
    rf"(?:{_CUED_NAMES})(?!\w)"
)
# In a list ("gồm: X 15,67 điểm; Y …") the name must be followed by its sub-score.
CUED_LIST_CUES = (" ", "; ")
SUB_SCORE_AFTER_RE = re.compile(r"\s+(?P<v>\d{1,3}[.,]\d{1,3})\s*diem\b")

# Indices published continuously (the service index's weekly and monthly tables): a result
# the text does not date is of the table the headline or lead names ("tuần 03/2024", "tháng
# 01/2024"), or, where the text reads it "as of" a day without a year ("Tới ngày 29/8"), of
# the year of the article's date ("29/08/2025").
LIVE_INDICES = ("SERVICE_INDEX",)
LIVE_PERIOD_YEAR_RE = re.compile(
    r"\b(?:tuan|thang|quy)\s+(?:\d{1,2}|[ivx]+)\s*/\s*(?P<y>(?:19|20)\d\d)\b"
)
AS_OF_DAY_RE = re.compile(
    r"\b(?:toi|den|tinh den|chot den|tinh toi)\s+ngay\s+\d{1,2}/\d{1,2}(?![/\d])"
)
FULL_DATE_YEAR_RE = re.compile(r"\b\d{1,2}/\d{1,2}/(?P<y>(?:19|20)\d\d)\b")

# Words a loose component capture must not start or end with ("của tỉnh cũng", "… mất").
BARE_COMPONENT_STOP_RE = re.compile(
    r"^(?:cua|deu|cung|lon|nhat|va|tinh|thanh pho|cac)\b|\b(?:mat|giam|tang|deu|cung|va|thi|"
    r"tham chi|chi|lai|nhat)$"
)

# A percentage followed by who it counts is a share, not an index score.
SHARE_AFTER_RE = re.compile(
    r"\s+(?:so\s+|cac\s+)?(?:doanh nghiep|nguoi|ho so|can bo|cong chuc|don vi|y kien|phieu|"
    r"thu tuc|dich vu|firms|businesses|enterprises)\b"
)

# Ordinal lists paired with their subjects by "lần lượt" / "respectively":
# "các vị trí thứ 5, 6 và 7 lần lượt thuộc về A, B và C", "A và B lần lượt xếp thứ 2 và thứ 3",
# "KTS và XHS lần lượt ở vị trí 18/63 và 30/63".
RESPECTIVELY_RE = re.compile(r"\blan luot\b|\brespectively\b")
_LIST_ITEM = rf"(?:thu\s+|vi tri\s+)?(?:\d{{1,3}}(?:/\d{{1,3}})?|{ORD_ALTS})\b"
RANK_LIST_RE = re.compile(
    rf"\b(?:vi tri|hang|thu|xep|dung)\s+{_LIST_ITEM}(?:\s*(?:,|va)\s*{_LIST_ITEM})+"
)
RANK_LIST_ITEM_RE = re.compile(
    rf"(?P<n>\d{{1,3}}|{ORD_ALTS})\b(?:/(?P<t>\d{{1,3}}))?"
)

# A bound, not a measurement: "vượt ngưỡng 80%", "dưới 80%", "từ 90% trở lên", "(trên 80%)",
# "chưa tới 80%", "above 90 percent". Checked before and after the number.
BOUND_BEFORE_RE = re.compile(
    r"\b(?:nguong|duoi|tren|vuot|vuot muc|chua toi|chua dat|chua cham moc|moc|tu|den|den duoi|"
    r"tro len|above|below|over|under|at least|more than|less than)\s*$"
)
BOUND_AFTER_RE = re.compile(r"^\s*(?:tro len|tro xuong|den duoi|den|-\s*\d)")

# Subjects that are several units ("5 tỉnh xếp trên …", "các địa phương đạt …"): a figure in
# such a clause is not the document's main entity's.
# A year is not a count: "năm 2018 tỉnh đạt 81,24%" is the province's earlier result.
PLURAL_SUBJECT_RE = re.compile(
    r"\b(?:(?!(?:19|20)\d\d\b)\d+|cac|nhung|nhieu|hai|ba|bon|nam)\s+"
    r"(?:tinh|dia phuong|bo|don vi|co quan|huyen|xa|"
    r"so|vung|provinces|localities|ministries)\b"
)
# A ranking of units inside a province ("Chỉ số CCHC cấp huyện của Quảng Nam", "khối sở").
SUB_RANKING_CUE_RE = re.compile(
    r"\b(?:cap huyen|cap so|cap xa|khoi (?:so|huyen|xa|ubnd)|ubnd (?:cac )?huyen|"
    r"cac (?:so|huyen|xa|phuong)|so, ban, nganh|so, nganh)\b"
)
# A ranking stated to be among a province's units ("đứng thứ nhất trong khối UBND các huyện",
# "dẫn đầu các sở, ngành"), wherever it sits in the sentence.
SUB_RANKING_WITHIN_RE = re.compile(
    r"\b(?:trong|trong so|dung dau|dan dau|cua)\s+(?:khoi|cac|nhom)\s+(?:ubnd\s+)?(?:cac\s+)?"
    r"(?:huyen|so,? (?:ban,? )?nganh|xa|phuong)\b"
)
OWNER_BEFORE_RE = re.compile(r"\b(?:cua|thuoc|tai)\s+(?:tinh\s+|thanh pho\s+|tp\.?\s+)?$")

# The field named after its value: "7.34 for public administrative procedures", "4.83 points
# for participation at local levels".
COMPONENT_AFTER_VALUE_RE = re.compile(r"^\s*(?:points?\s+)?(?:for|in|on)\s+(?:the\s+)?$")
BARE_FOR_COMPONENT_RE = re.compile(r"(?<![\d.,])(?P<v>\d{1,2}(?:\.\d{1,3})?)\s+for\s+(?:the\s+)?")
# An average or a spread, not the unit's own result ("the national SIPAS average of 83.94%",
# "bình quân của các xã … đạt 79,11%", "results ran from 73.81% to 95.26%").
AVERAGE_BEFORE_RE = re.compile(
    r"\b(?:national average|average of|the average|averaged|median|"
    r"national (?:[\w-]+ ){0,6}?(?:index|score)|"
    r"(?:binh quan|trung binh) (?:chung|cua|ca nuoc|toan quoc|cac|63|khoi)|"
    # "DTI cấp tỉnh bình quân năm 2021 đạt 0,4014": an average of the level named before it
    r"\bcap (?:tinh|bo|huyen|xa) binh quan|"
    r"gia tri trung binh|trung vi|muc chung)\b"
)
# The ends of a spread: "từ 75,03% đến 90,61%", "from 73.81% to 95.26%" (not "từ 85% trở lên").
RANGE_START_RE = re.compile(r"\b(?:from|between|tu|dao dong tu|trai tu)\s*$")
RANGE_NEXT_RE = re.compile(r"^\s*(?:den|to|and|-)\s*\d")
RANGE_END_RE = re.compile(
    r"\b(?:from|between|tu)\s*\d[\d.,]*\s*(?:%|percent|diem|points?)?\s*(?:den|to|and|-)\s*$"
)
# A unit referred back to ("tỉnh này", "thành phố", "the province"): the last one of that kind.
ANAPHORA_RE = re.compile(
    r"\b(?:tinh|thanh pho|dia phuong|huyen|thi xa)(?: nay| do)?\b|\bbo (?:nay|do)\b"
    r"|\bthe (?:province|city|ministry|locality|district)\b"
)
ANAPHORA_LEVELS: dict[str, tuple[str, ...]] = {
    "tinh": ("province",), "thanh": ("province", "district"), "dia": ("province",),
    "huyen": ("district",), "thi": ("district",), "bo": ("ministry",), "so": ("department",),
    "province": ("province",), "city": ("province", "district"), "locality": ("province",),
    "ministry": ("ministry",), "district": ("district",),
}  # fmt: skip
# "up from 15th out of 63 in the 2022 assessment": the start of a move, a result of its own.
EN_RANK_FROM_RE = re.compile(
    rf"(?:\b(?:up|down|rising|climbing|falling|dropping)|(?P<comma>,)) from (?:the\s+)?(?P<a>{_EN_ORD})"
    r"(?:\s+place)?(?:\s+(?:out\s+)?of\s+(?P<t>\d{2,3}))?"
    r"(?:\s+in\s+(?:the\s+)?(?P<y>(?:19|20)\d\d))?"
)
# "moved from 20th in 2020 to 9th in 2021", "rose from fifth to second place": a move with
# both ends, as RANK_FROM_TO_RE reads "từ thứ 20 lên thứ 9".
EN_RANK_FROM_TO_RE = re.compile(
    rf"\bfrom (?:the\s+)?(?P<a>{_EN_ORD})(?:\s+place)?(?:\s+(?:out\s+)?of\s+(?P<ta>\d{{2,3}}))?"
    r"(?:\s+in\s+(?:the\s+)?(?P<ya>(?:19|20)\d\d))?,?\s+to\s+(?:the\s+)?"
    rf"(?P<b>{_EN_ORD})(?:\s+place)?(?:\s+(?:out\s+)?of\s+(?P<tb>\d{{2,3}}))?"
    r"(?:\s+in\s+(?:the\s+)?(?P<yb>(?:19|20)\d\d))?"
)
# A move verb: ", from 13th in 2022" starts a move only after one ("rose to 6th place, from …").
EN_MOVE_VERB_RE = re.compile(
    r"\b(?:rose|fell|moved|climbed|jumped|slipped|dropped|advanced|improved|rising|falling|"
    r"climbing|jumping|slipping|dropping|moving)\b"
)
# "tăng 2,78 điểm và 9 bậc": the move after a score change.
RANK_AFTER_SCORE_CHANGE_RE = re.compile(
    r"\b(?P<dir>tang|giam|cai thien|tut|mat)\s+(?:them\s+)?\d{1,3}(?:[.,]\d{1,3})?\s*(?:diem|%)\s+va\s+"
    r"(?:(?:tang|giam|tut|len|xuong)\s+)?(?P<n>\d{1,3})\s+(?:bac|hang|vi tri)\b"
)
# Words that announce a component ("lĩnh vực", "chỉ số thành phần", "pillar"): a value right
# after one whose name was not read is not the whole index's.
COMPONENT_CUE_RE = re.compile(
    r"\b(?:linh vuc|chi so thanh phan|chi so noi dung|noi dung thanh phan|tru cot|tieu chi|"
    r"nhom chi so|sub-index|sub-indices|pillars?|component ind(?:ex|ices|exes)|dimension)\b"
)
# Scores written without a unit: "tổng điểm 71,25", "giá trị DTI 0,8241", "với 0,7951".
SCORE_NO_UNIT_RE = re.compile(
    r"\b(?:tong diem|tong so diem|diem so|muc diem|gia tri(?: dti| chi so)?(?: \([^)]{1,60}\))?|"
    r"diem trung binh)(?:\s+cao nhat)?\s+(?:(?:la|dat|cua tinh|chung)\s+)?(?P<v>\d{1,3}[.,]\d{1,4})(?!\d|[.,]\d)"
    r"(?!\s*(?:%|diem|trieu|ty|nghin|ho so|points?|percent))"
    r"|\b(?:voi|dat|at|with)\s+(?P<v2>0[.,]\d{3,4})(?!\d|[.,]\d)(?!\s*(?:%|diem|points?))"
    # "with a score of 70.1", "an overall score of 42.1": English names the value a score.
    r"|\b(?:an?|its|the)\s+(?:overall\s+|total\s+|final\s+|aggregate\s+)?score\s+of\s+"
    r"(?P<v3>\d{1,3}\.\d{1,4})(?!\d|\.\d)(?!\s*(?:%|percent|points?))"
    r"(?!\s+(?:for|in|on|out of)\b)"  # "a score of 5.2 for transparency": a component's
    # "scored 92.36 out of 100"; "third with 84.42" (English writes the decimal with a dot)
    r"|\bscored\s+(?P<v5>\d{1,3}\.\d{1,3})(?=\s+out of 100\b)"
    r"|\bwith\s+(?P<v6>\d{1,3}\.\d{1,3})(?!\d|\.\d)(?!\s*(?:%|percent|per cent|points?|"
    r"million|billion|thousand|people|votes|respondents|out of))"
    # "PCI score reached 70.3", "its score stood at 42.1"
    r"|\bscore\s+(?:reached|stood at|was|hit|rose to|fell to|climbed to|dropped to)\s+"
    r"(?P<v4>\d{1,3}\.\d{1,4})(?!\d|\.\d)(?!\s*(?:%|percent|points?))(?!\s+(?:for|out of)\b)"
)
# The size of the ranking named apart from the place: "Ở khối 21 sở, ban, ngành, …",
# "Dẫn đầu 21 cơ quan là …", "trong 34 địa phương, X đứng cuối bảng", "among 63 provinces".
TOTAL_CUE_RE = re.compile(
    r"\b(?:khoi|nhom|trong|trong so|trong tong so|dan dau|dung dau|among(?: the| all)?|"
    r"of the|out of(?: the| all)?)\s+"
    r"(?P<t>\d{2,3})\s+(?:so|bo|co quan|tinh|dia phuong|don vi|huyen|xa|provinces|ministries|"
    r"localities|cities and provinces|provinces and cities|agencies)\b"
)
# Last place in words: "đứng cuối bảng", "xếp cuối", "finished last", "at the bottom".
LAST_PLACE_RE = re.compile(
    r"\b(?:dung cuoi(?: bang| cung)?|xep cuoi(?: bang| cung)?|cuoi bang|o vi tri cuoi(?: cung)?|"
    r"finished last|ranked last|came last|at the bottom)\b"
)

# ---- English passages (issue 10) ---------------------------------------------------------
# Words that give an English rank without a digit ("Da Nang topped the ranking", "Ho Chi
# Minh City was second"): a sentence holding one may state an index result.
EN_RANK_WORD_HINT = rf"\b(?:topped|tops|led|headed|{_EN_ORD_ALTS})\b"
# A bound or an earlier value, not the unit's score: "scored above 90 percent", "3 exceeded
# 90 percent", "the only one below 80 percent", "up from 80.08%" (checked before the number).
EN_BOUND_BEFORE_RE = re.compile(
    r"\b(?:above|below|over|under|exceeded|exceeding|exceed|surpassed|more than|less than|than|"
    r"at least|at most|up to|from|between)\s*$"
)
# "the index", "the rankings": the index the passage last named ("Quang Ninh topped the index
# for the third time"), however many sentences back.
EN_INDEX_ANAPHORA_RE = re.compile(r"\bthe (?:index|rankings?)\b")
# A score told after its unit's name in an English clause ("Kien Giang … at 79.97 percent",
# "the Ministry of Science and Technology … with 78.72 percent"): the unit's own result even
# where the sentence does not name the index.
EN_SCORE_FRAME_BEFORE_RE = re.compile(
    r"\b(?:with|at|scored|scoring|reached|posted|got|received|earned)\s+(?:just\s+|only\s+)?$"
)
# The subject named after its place in English: "first-placed Hai Phong", "Second place went
# to the Ministry of National Defence" (matched on what lies between the place and the name).
EN_SUBJECT_AFTER_RANK_RE = re.compile(
    r"^(?:-(?:placed|ranked)\s+|\s*(?:[- ]plac(?:e|ed)\s+)?(?:went to|was taken by|belonged to|"
    r"goes to)\s+(?:the\s+)?)$"
)
# Changes English writes as a noun or without a unit: "posted the fastest rise (2.2 percent)",
# "recorded the largest gain, 13.2 percent", "the steepest drop, 6.43 percent", "0.13 fewer
# than its 2020 score".
EN_SCORE_CHANGE_NOUN_RE = re.compile(
    r"\b(?:(?:fastest|largest|biggest|steepest|sharpest|strongest|greatest|smallest)\s+)?"
    r"(?P<dir>rise|gain|increase|improvement|drop|fall|decline|decrease)\s*(?:\(\s*|,\s*|of\s+)"
    r"(?P<v>\d{1,3}(?:\.\d+)?)\s*(?P<u>percentage points?|points?|percent|%)"
    r"|(?P<v2>\d{1,3}\.\d{1,3})\s+(?P<dir2>fewer|more|less|lower|higher)\s+than\s+(?=(?:its|the|a)\b)"
)
EN_SCORE_DOWN_NOUNS = ("drop", "fall", "decline", "decrease", "fewer", "less", "lower")
# "its 2020 score of 42.81": an earlier year's own result, told beside this year's.
EN_PRIOR_SCORE_RE = re.compile(
    r"\b(?:its|the|a)\s+(?P<y>(?:19|20)\d\d)\s+(?:score|result|total)\s+of\s+"
    r"(?P<v>\d{1,3}(?:\.\d+)?)(?:\s*(?P<u>points?|percent|%))?"
)
# A sentence whose subject is the country's figure ("The national Satisfaction Index … stood
# at 84.45%"): no unit's own result.
EN_NATIONAL_SUBJECT_RE = re.compile(r"^\W*(?:the\s+)?(?:national|nationwide|overall|country's)\b")
# A list of values paired in order with a list of units by "respectively" / "lần lượt": "A, B
# and C saw their index fall, by 0.49 percent, 0.51 percent and 1.94 percent respectively".
# Items of either list are joined by commas and "and" / "và" (a value's unit may sit between);
# a move verb before the values makes them changes, with its sign.
LIST_JOIN_RE = re.compile(
    r"^\s*(?:%|percent|points?|diem)?\s*(?:,\s*(?:and\s+|va\s+)?|and\s+|va\s+)$"
)
EN_LIST_MOVE_BEFORE_RE = re.compile(
    r"\b(?P<dir>fall|fell|drop|dropped|decline|declined|decrease|decreased|rise|rose|increase|"
    r"increased|gain|gained|grow|grew)\s*,?\s+by\s*$"
)
EN_LIST_DOWN = ("fall", "fell", "drop", "dropped", "decline", "declined", "decrease", "decreased")


# The patterns above, each with a lookahead on the characters its matches start with
# (same matches; re skips to those characters instead of trying every position).
from llmx.core.scanre import guard_patterns  # noqa: E402 - after the patterns it guards

guard_patterns(globals())
