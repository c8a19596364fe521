"""What a metric question fixes that a record's name must not contradict.

A metric record answers a question only when it measures the same thing; sharing most
words is not enough ("số huyện xếp loại tốt" is not "số sở đạt loại tốt"). Before a record's
words are scored against the question (``execute.run_metrics``), these guards drop the
records that measure something else on a point the question's words fix:

* a **change** asked ("mức tăng …", "tăng bao nhiêu", "the change in …") is answered by a
  change, and a level by a level, never one for the other;
* the **year compared with** ("so với năm 2020", "from 2020") is the record's, when it
  names one;
* the **direction** of a change or of the units counted ("giảm điểm", "tăng hạng", "fell")
  agrees with the record's;
* the **grade** of units counted ("xếp loại Tốt", "hạng Khá") is the record's;
* a **count** asked ("số huyện …", "the number of …") is answered by a count, not a rate,
  and of the **units** it names ("số huyện" is not "số sở"); an **average** asked is not
  answered by a count, even one that speaks of the average;
* dossiers asked with no **channel** are not answered by a channel's share of them ("số hồ
  sơ tiếp nhận" is not "số hồ sơ tiếp nhận trực tuyến"), and dossiers **in time** are not
  late ones;
* a **bloc's** figure ("… của khối bộ, ngành") does not answer a question naming no bloc;
* a count of a **band** ("có Chỉ số CCHC dưới 80%") names the band's bound;
* a **subset** of dossiers or services asked (in time, late, still pending; "một phần",
  "toàn trình") is not answered by the whole, nor pending dossiers by settled ones;
* a count asked is not answered by a **score** ("điểm trung bình …"), nor a figure named for
  one **index** by another index's;
* a count named by its **unit alone** ("số đơn vị") does not answer a question that says
  much more of what is counted.

Each guard speaks only where both sides say something on its point: a question silent on
it constrains nothing, and a record silent on it is left to the word scoring.
"""

from __future__ import annotations

import re

from llmx.core.textnorm import fold

# A change asked for or named (folded): "mức tăng", "tăng bao nhiêu", "change in", "rise".
_CHANGE_ASKED = re.compile(
    r"\b(?:muc (?:tang|giam)|tang bao nhieu|giam bao nhieu|tang them bao nhieu|"
    r"change|increase|decrease|rise|drop|fall|growth|gain|tang truong|grow|grew|grown)\b"
    r"|\bby how much\b|\bhow much did\b"
)
_CHANGE_NAMED = re.compile(
    r"^(?:muc (?:tang|giam)|(?:the )?(?:change|increase|decrease|rise|drop|fall|growth|gain|"
    r"reduction|cut)s?\b)"
    r"|\b(?:tang|giam) (?:them )?so voi\b"
    r"|\b(?:growth|tang truong)\b"  # "GRDP growth": a rate of change itself
)
# A cut is a figure of its own in both readings ("mức cắt giảm thời gian", "reduction in
# fees"): the change guard leaves it alone.
_CUT = re.compile(r"\b(?:cat giam|reduction|cut|giam thoi gian)\b")
_COMPARED_YEAR = re.compile(
    r"\b(?:so voi|from|than|compared (?:with|to)|since)\s+(?:nam\s+|in\s+)?((?:19|20)\d\d)\b"
)
_UP = re.compile(
    r"\b(?:tang|len|cong them|cai thien|thang hang|rose|rise|risen|up|gained|improved|"
    r"increase[ds]?)\b"
)
_DOWN = re.compile(
    r"\b(?:giam|tut|sut|xuong|tru diem|fell|fall(?:en)?|down|dropped|slipped|declined|"
    r"decrease[ds]?)\b"
)
# A grade of the units counted: "xếp loại Tốt", "đạt loại Khá", "hạng Trung bình".
_GRADE = re.compile(
    r"\b(?:loai|hang|xep loai|xep hang|dat loai|dat hang|muc)\s+"
    r"(?P<g>xuat sac|tot|kha|trung binh|yeu|kem)\b"
    r"|\b(?P<en>excellent|good|fair|average|poor|weak)\b(?= (?:grade|rating|category))"
)


def _direction(text: str) -> str | None:
    up, down = bool(_UP.search(text)), bool(_DOWN.search(text))
    return "up" if up and not down else "down" if down and not up else None


def _grades(text: str) -> set[str]:
    return {m.group("g") or m.group("en") for m in _GRADE.finditer(text)}


# A count asked by its name ("số huyện …", "tổng số …", "the number of …", "how many").
_COUNT_ASKED = re.compile(
    r"^\W*(?:(?:what (?:was|is|were|are) )?(?:the )?number of|tong so|so|how many)\s+(?!voi\b)"
)
# … or by "bao nhiêu" before what is counted ("cấp xã tiếp nhận bao nhiêu hồ sơ?"), or "how
# many" later in an English question; "bao nhiêu phần trăm", "bao nhiêu điểm" ask no count.
_COUNT_ASKED_LATER = re.compile(
    r"\bbao nhieu\s+(?!phan tram\b|diem\b|%)[a-z]|\bhow many\b"
)
_RATE_NAMED = re.compile(r"^(?:ty le|ti le|share|rate|proportion|percentage)\b")
# A rate asked anywhere ("tỷ lệ hồ sơ chậm, quá hạn bao nhiêu trong tháng 8"): no count.
_RATE_ASKED = re.compile(r"\b(?:ty le|ti le|phan tram|share|rate|proportion|percent(?:age)?)\b|%")
# An average asked ("giá trị trung bình Chỉ số CCHC của các tỉnh"), and a count named (which
# may speak of an average: "số tỉnh đạt kết quả cao hơn mức trung bình cả nước").
_AVERAGE_ASKED = re.compile(r"\b(?:trung binh|binh quan|average|mean)\b")
_COUNT_NAMED = re.compile(r"^(?:so|tong so|number of)\s")
# A bloc's figure ("… của khối bộ, ngành", "… at ministries") and a question naming a bloc.
_BLOC_NAMED = re.compile(
    r"\b(?:cua|o) khoi (?:bo|tinh)\b|\bat (?:ministries|localities)\b"
)
_BLOC_ASKED = re.compile(
    r"\b(?:khoi|cac bo|bo, nganh|bo nganh|dia phuong|ministr(?:y|ies)|localit(?:y|ies)|provinces)\b"
)
# The units a count counts, by level (folded, right after "số"/"number of").
_LOCAL_GOV = r"^(?:(?:ubnd|uy ban nhan dan)\s+)?(?:cap\s+)?"
_COUNTED_LEVELS = (
    (
        "department",
        re.compile(r"^(?:so|co quan chuyen mon|departments?|agencies)\b(?!\s+(?:ho so|hoa))"),
    ),
    # "commune-level procedures" are procedures, not communes
    ("district", re.compile(_LOCAL_GOV + r"(?:huyen|thi xa|districts?)\b(?![- ]level)")),
    ("commune", re.compile(_LOCAL_GOV + r"(?:xa|phuong|communes?|wards?)\b(?![- ]level)")),
    ("ministry", re.compile(r"^(?:bo|ministries|ministry)\b")),
    ("province", re.compile(r"^(?:tinh|provinces?)\b(?![- ]level)")),
    # "địa phương" is any level of local government: not a department or a ministry
    ("locality", re.compile(r"^(?:dia phuong|localities|locality)\b")),
)
_LOCAL = {"province", "district", "commune", "locality"}


def _levels_agree(a: str, b: str) -> bool:
    return a == b or ("locality" in (a, b) and a in _LOCAL and b in _LOCAL)


# Dossiers handled in time against late ones (folded): "đúng hạn", "trước hạn", "on time"
# against "chậm hạn", "trễ hạn", "quá hạn", "late", "overdue".
_IN_TIME = re.compile(r"\b(?:dung han|truoc han|on time|ahead of schedule|early)\b")
_LATE = re.compile(r"\b(?:cham han|tre han|qua han|cham tre|late|overdue|delayed)\b")


def _timeliness(text: str) -> str | None:
    in_time, late = bool(_IN_TIME.search(text)), bool(_LATE.search(text))
    return "in_time" if in_time and not late else "late" if late and not in_time else None


# Dossiers still being handled against those already settled (folded).
_PENDING = re.compile(r"\b(?:dang giai quyet|dang xu ly|chua den han|pending|being processed)\b")
# A part of the services asked ("một phần", "toàn trình", "mức độ 4", "partial"): the part.
_SERVICE_PARTS = (
    ("full", re.compile(r"\b(?:toan trinh|fully online|full(?:-| )process|end-to-end)\b")),
    ("partial", re.compile(r"\b(?:mot phan|partly|partial(?:ly)?)\b")),
    ("level3", re.compile(r"\b(?:muc do 3|muc 3|level[- ]3)\b")),
    ("level4", re.compile(r"\b(?:muc do 4|muc 4|level[- ]4)\b")),
    ("level2", re.compile(r"\b(?:muc do 2|muc 2|level[- ]2)\b")),
)


def _labels(table: tuple[tuple[str, re.Pattern[str]], ...], text: str) -> set[str]:
    """The labels of a table of labelled patterns (service parts, indices, levels of
    government) that ``text`` names."""
    return {label for label, rx in table if rx.search(text)}


# The index a name or question names by its words (folded): another index's figure does not
# answer ("xếp loại khá về chuyển đổi số" is not "… Chỉ số CCHC xếp loại khá").
_INDEX_WORDS = (
    ("PAR_INDEX", re.compile(r"\b(?:chi so cchc|chi so cai cach hanh chinh|par index)\b")),
    ("DTI", re.compile(r"\b(?:chuyen doi so|dti|digital transformation)\b")),
    ("SIPAS", re.compile(r"\b(?:sipas|hai long)\b")),
    ("PCI", re.compile(r"\b(?:pci|nang luc canh tranh)\b")),
    ("PAPI", re.compile(r"\bpapi\b")),
)
_SERVICES_NAMED = re.compile(r"dich vu|service|thu tuc|tthc|procedure")
# A level of government named anywhere in a question or a name (folded).
_GOV_LEVEL = (
    ("tinh", re.compile(r"\b(?:cap tinh|provincial[- ]level|at the provincial level)\b")),
    ("huyen", re.compile(r"\b(?:cap huyen|district[- ]level|at the district level)\b")),
    ("xa", re.compile(r"\b(?:cap xa|commune[- ]level|communal|at the commune level)\b")),
    ("so", re.compile(r"\b(?:cap so|department[- ]level|department bloc)\b")),
    ("dia phuong", re.compile(r"\b(?:cap dia phuong|locality bloc|district bloc)\b")),
)
# A score or an average named ("điểm trung bình …", "Chỉ số …", "giá trị …"): no count.
_SCORE_NAMED = re.compile(r"^(?:diem|chi so|gia tri|average|score)\b")
_COUNT_HEAD = re.compile(r"^\W*(?:tong so|so|number of|the number of|how many)\s+")
_CHANNEL = re.compile(r"\b(?:truc tuyen|truc tiep|qua buu chinh|online|in person|by post)\b")


def _counted_level(text: str) -> str | None:
    head = _COUNT_HEAD.match(text)
    if head is None:
        return None
    rest = text[head.end() :]
    return next((lvl for lvl, rx in _COUNTED_LEVELS if rx.match(rest)), None)


# What a question counts, said after "bao nhiêu" or "how many" anywhere in it ("khảo sát …
# dựa trên bao nhiêu doanh nghiệp"), and the generic words for units that leave the kind open.
_COUNTED_AFTER = re.compile(r"\b(?:bao nhieu|how many)\s+(?P<what>[a-z]+(?:\s+[a-z]+)?)")
_ANY_UNIT = re.compile(r"^(?:don vi|co quan|noi|units?|bodies|places|lan|times)\b")


def _counts_no_level(q: str) -> bool:
    """Whether the question counts things that are no level of government ("bao nhiêu doanh
    nghiệp", "how many dossiers"): then a count of districts or communes does not answer."""
    m = _COUNTED_AFTER.search(q)
    if m is None or _ANY_UNIT.match(m["what"]) or _RATE_ASKED.search(q):
        return False
    return not any(rx.match(m["what"]) for _, rx in _COUNTED_LEVELS)


# A band a count is of ("có Chỉ số CCHC dưới 80%", "scored above 90 percent"): its bound.
_BAND = re.compile(
    r"\b(?:tren|duoi|tu|den|above|below|over|under|more than|less than)\s+(\d{1,3}(?:[.,]\d+)?)"
    r"\s*(?:%|phan tram|percent|diem|points?)"
)
# A count named by its unit alone ("số đơn vị", "số hồ sơ", "number of units"): too bare
# to answer a question that says more than that of what is counted.
_BARE_COUNT = re.compile(r"^(?:so|tong so|number of)\s+\S+(?:\s+\S+)?$")
_QUESTION_FILLER = frozenset(
    "cua la bao nhieu nam what was were is are the of in for and co duoc trong tai "
    "how many tinh thanh pho hien nay hien co thuoc cu moi dat".split()
)


def _says_more(question: str, name: str) -> bool:
    """Whether the question names four or more words of what is counted that the bare
    name lacks (names of places and years aside: capitalised words and digits)."""
    plain = re.sub(r"\([^)]*\)", " ", question)  # "(thuộc tỉnh … cũ)": an aside on the place
    words = [w for w in plain.split() if not w[:1].isupper() and not w[:1].isdigit()]
    extra = set(fold(" ".join(words)).split()) - set(fold(name).split()) - _QUESTION_FILLER
    return len({w.strip("?.,") for w in extra} - {""}) >= 4


def contradicts(question: str, name: str, unit: str = "") -> str | None:
    """Why a metric named ``name`` (in ``unit``) does not answer ``question`` (as written),
    else None."""
    q, n = fold(question), fold(name)
    if _BARE_COUNT.match(n) and _says_more(question, name):
        return "a count named by its unit alone, for a question saying more"
    band = _BAND.search(q)
    if band and _COUNT_ASKED.match(q) and band.group(1) not in n:
        return "a count of another band"
    counted_later = _COUNT_ASKED_LATER.search(q) and not _RATE_ASKED.search(q)
    if (_COUNT_ASKED.match(q) or counted_later) and (unit == "%" or _RATE_NAMED.match(n)):
        return "a count asked, a rate named"
    if _AVERAGE_ASKED.search(q) and not _COUNT_ASKED.match(q) and _COUNT_NAMED.match(n):
        return "an average asked, a count named"
    if _BLOC_NAMED.search(n) and not _BLOC_ASKED.search(q):
        return "a bloc's figure, where no bloc was asked"
    lq, ln = _counted_level(q), _counted_level(n)
    if lq and ln and not _levels_agree(lq, ln):
        return "units of another level counted"
    if ln and not lq and _counts_no_level(q):
        return "units of government counted, where other things were asked"
    tq, tn = _timeliness(q), _timeliness(n)
    if tq and tn and tq != tn:
        return "late dossiers for dossiers in time, or the other way round"
    if tq and not tn and "ho so" in n:
        return "all dossiers, where the ones in time (or late) were asked"
    if bool(_PENDING.search(q)) != bool(_PENDING.search(n)) and "ho so" in q and "ho so" in n:
        return "dossiers still being handled for settled ones, or the other way round"
    pq, pn = _labels(_SERVICE_PARTS, q), _labels(_SERVICE_PARTS, n)
    if pq and not pq & pn and _SERVICES_NAMED.search(n):
        return "all services (or another part of them), where a part of them was asked"
    gq, gn = _labels(_GOV_LEVEL, q), _labels(_GOV_LEVEL, n)
    if gq and gn and not gq & gn:
        return "another level of government's figure"
    if _COUNT_ASKED.match(q) and _SCORE_NAMED.match(n):
        return "a count asked, a score named"
    named, asked = _labels(_INDEX_WORDS, n), _labels(_INDEX_WORDS, q)
    if named and asked and not named & asked:
        return "another index's figure"
    if "ho so" in n and _CHANNEL.search(n) and "ho so" in q and not _CHANNEL.search(q):
        return "a channel's dossiers, where all were asked"
    asks_change = bool(_CHANGE_ASKED.search(q)) and not _CUT.search(q)
    is_change = bool(_CHANGE_NAMED.search(n)) and not _CUT.search(n)
    if asks_change != is_change and not _CUT.search(n):
        return "a change asked and a level named, or the other way round"
    asked_year = _COMPARED_YEAR.search(q)
    named_year = _COMPARED_YEAR.search(n)
    if asked_year and named_year and asked_year.group(1) != named_year.group(1):
        return "compared with another year"
    if asks_change or is_change or re.search(r"\b(?:so|number of)\b", n):
        dq, dn = _direction(q), _direction(n)
        if dq and dn and dq != dn:
            return "the other direction"
    gq, gn = _grades(q), _grades(n)
    if gq and gn and not gq & gn:
        return "another grade"
    return None
