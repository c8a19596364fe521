"""Reform metrics: percentages and counts, named by the noun phrase they measure."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from llmx.core.numbers import parse_vn_number
from llmx.core.textnorm import fold
from llmx.core.vocab import Entry, get_vocab
from llmx.rules import lexicon as lx
from llmx.rules.entities import EntityMention

# Numbers that are identifiers or dates, not measurements.
_NOT_A_MEASURE_BEFORE = re.compile(
    r"(?:\bso|de an|muc do|iso|nghi dinh|chi thi|quyet dinh|giai doan|quy|thang|ngay|luc|"
    r"thu|khoan|dieu|phien|lan thu|top|nhom|/|-|:|\bnam)\s*$"
)
_CLAUSE_BREAK = re.compile(r"[;:()]|, (?=[^\d])|\. ")
_VERBS = re.compile(
    r"\s+(?:dat|la|chiem|da|dang|co|tang|giam|len|o muc|khoang|tren|hon|gan|toi|voi|"
    r"tuong ung|bang|lan luot|nam \d{4})(?:\s|$).*$"
)
_MAX_NAME_WORDS = 16
# A name's bare head ("tỷ lệ", "tỷ lệ này"): it does not say what is measured.
_BARE_RATE_NAME = re.compile(
    r"^(?:ty le|ti le|muc do)(?: (?:nay|do|tren|chung|lan luot|tuong ung))*$"
)
# A service level read as a rate's head ("mức độ 04 đạt 20%"): it qualifies an earlier rate.
_LEVEL_NAME = re.compile(r"^muc do \d+$")
_LEVEL_IN_NAME = re.compile(r"muc do \d+")
# Where the noun phrase after a number ends: a clause mark or a word that starts a new one.
_PHRASE_BREAK = re.compile(
    r"[;:,.()]|\s(?:va|nhung|trong do)\s|\s(?:tang|giam)\s(?!diem|hang|bac|thu hang)"
)
# Separators a list of kinds goes on across ("xã, phường", "cấp huyện và cấp xã").
_LIST_GOES_ON = re.compile(r",\s*|\s(?:va|hoac)\s+")
# The words that open the clause before a count and say nothing of it ("đã", "và", "có").
_VERB_PHRASE_LEAD = re.compile(
    r"(?:(?:va|da|dang|con|co|la|dat|voi|gom|trong do|rieng|tong cong|chi|toan tinh|"
    r"(?:trong )?nam (?:19|20)\d\d,?|"
    r"ngoai ra|nhu vay|hien|hien nay|den nay|ca)\s+)+"
)
_VERB_PHRASE_MAX_WORDS = 12
# The auxiliary between a clause's subject and its verb ("thành phố đã tiếp nhận").
_AUXILIARY = re.compile(r"\s(?:đã|đang|sẽ|vừa)\s")
_VERB_WITH_WORDS = 2  # a count's noun phrase this short after its unit takes the clause's verb
# A count that is the base of other figures, not a figure itself: "trong 17 bộ", "giữa 63
# tỉnh, thành phố", "bình quân 63 địa phương".
_BASE_COUNT_BEFORE = re.compile(
    r"\b(?:trong|giua|cua|trong so|trong tong so|tren|o|tai|voi|binh quan|trung binh|"
    r"danh sach|chia thanh|chia lam|xep vao|thuoc|cau thanh tu|bao gom|gom|among|of)\s*$"
)
_VERB_PHRASE_TAIL = re.compile(
    r"(?:\s*\b(?:của|đối với|là|đạt|hơn|trên|khoảng|gần|tới|lên tới|với|cho|có|gồm|được|"
    r"tổng số|tổng cộng|chỉ|còn|thêm|và|các|những|cả|đều|ở|tại|trong|đã|mới|lại|số)\b)+\s*$"
)
_COUNT_CLAUSE_BREAK = re.compile(r"[;:()]|,|\. |\s(?:va|nhung|trong do|nhu|gom)\s")
# Whose count a count of parts of one unit (ministries, agencies) is, and the bloc's name.
_BLOC_UNITS = re.compile(r"^(?:don vi|co quan|bo)\b")
_BLOC_CUE = re.compile(r"\b(?:khoi bo|bo, (?:nganh|co quan ngang bo)|cac bo)\b")
# A sentence about units inside a province: its counts of localities are the province's.
_LOCAL_CUE = re.compile(r"\b(?:huyen|thi xa|cap huyen|cap xa|xa, phuong|trong tinh|toan tinh)\b")
_GROUP_NUMBER = re.compile(
    r"(?<![\d.,/])(?P<a>\d+(?:\.\d{3})*)(?:\s*/\s*(?P<b>\d+(?:\.\d{3})*))?\s+"
)
_AS_OF_RE = re.compile(
    r"(?:tinh den|den|tinh toi)\s+(?:het\s+)?ngay\s+\d{1,2}[-/.]\d{1,2}[-/.]((?:19|20)\d\d)"
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
# The year a goal is set for ("phấn đấu đến năm 2025", "mục tiêu tới hết năm 2030").
_TARGET_YEAR_RE = re.compile(r"\b(?:den|toi)\s+(?:het\s+|cuoi\s+)?nam\s+((?:19|20)\d\d)\b")
# A bound a goal sets ("phấn đấu … đạt trên 98%"): the goal, not a threshold.
_GOAL_BOUND_RE = re.compile(r"\b(?:dat|len|toi thieu)\s+(?:tren|tu|it nhat)\s*$")
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
_PAREN_ASIDE = re.compile(r"\(\s*\d[\d.,]*\s*%?\s*\)\s*")
_PAREN_ASIDE_IN_NAME = re.compile(r"\s*\(\s*\d[\d.,]*\s*%?\s*\)")
_RATIO_BEFORE = re.compile(r"\b(?:gap|hon|tang|giam|thu)\s*$")
_LIST_JOIN = re.compile(r"\s*(?:,|\bva\b)\s*")
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
    name = re.sub(r"\s+", " ", name).strip(" ,;:.-–(")
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
        if go_on and go_on.end() > m.start() and _listed_at(original, go_on.end()):
            at = go_on.end()
            continue
        aside = _PAREN_ASIDE.match(f, m.start())
        if aside and m.start() > pos:
            at = aside.end()
            continue
        return m.start()


def _following_name(f: str, original: str, pos: int) -> str:
    """Noun phrase after a number: '100% các xã được phủ sóng' -> 'các xã được phủ sóng'."""
    phrase = _tidy(f, original, pos, _phrase_end(f, original, pos))
    return _clean(_PAREN_ASIDE_IN_NAME.sub("", phrase))


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
    extra = len(phrase.split()) - len(unit.split())
    if verb and extra <= _VERB_WITH_WORDS and fold(verb) not in fold(name):
        name = f"{name} {verb}"
    return _clean(name)


def _verb_phrase(f: str, original: str, num_start: int, ents: list[EntityMention]) -> str | None:
    """The words of a count's clause before its number, without the words that open a clause
    ("đã", "có") or end on the number ("của", "là"): 'toàn tỉnh đã thực hiện cắt giảm thời
    hạn giải quyết của 241 TTHC' -> 'thực hiện cắt giảm thời hạn giải quyết'. None when the
    clause holds a number, an entity's name or too many words to be a name."""
    start = 0
    for m in _COUNT_CLAUSE_BREAK.finditer(f, 0, num_start):
        start = m.end()
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


def lead_period_year(head: str) -> int | None:
    """The year of the period an article reports on, read from its folded headline and lead
    (the first few hundred characters): the year of its otherwise undated figures."""
    m = lx.PERIOD_YEAR_RE.search(head) or lx.DATELINE_YEAR_RE.search(head)
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
) -> list[dict[str, Any]]:
    """Metrics of one sentence. ``context_year`` is the year an earlier sentence of the
    same paragraph set ("Trong năm 2023, … Tổng hồ sơ đã giải quyết là …"); ``doc_province``
    the province the article is about, whose the counts of its agencies are."""
    if not _DIGIT.search(f):
        return []  # every value below is read from digits: most prose has none
    out: list[dict[str, Any]] = []
    as_of = _AS_OF_RE.search(f)
    if as_of:
        years = [*years, (as_of.start(1), int(as_of.group(1)))]
    # "tháng 4/2025" is a year the year finder does not read as one
    periods = [(p.start(1), int(p.group(1))) for p in lx.PERIOD_YEAR_RE.finditer(f)]
    years = sorted({*years, *periods})
    is_target_sentence = bool(lx.TARGET_RE.search(f))

    # "Theo Sở Nội vụ, …": who reports the figures is not whose they are
    ents = [e for e in ents if not _SOURCE_BEFORE.search(f, max(0, e.start - 30), e.start)]

    def owner(pos: int) -> EntityMention | None:
        before = [e for e in ents if e.end <= pos and e.level != "nation"]
        national = [c.end() for c in lx.NATIONAL_FIGURE_RE.finditer(f, max(0, pos - 60), pos)]
        if national and (not before or before[-1].end < national[-1]):
            return _NATION  # "…, bình quân 63 địa phương là 88,37%" after a province's name
        if before:
            if before[-1].level == "ministry" and lx.SURVEY_RE.search(f):
                return _NATION
            return before[-1]
        if _NATIONAL_SUBJECT_RE.search(f, 0, pos) and not _LOCAL_SUBJECT_RE.search(f, 0, pos):
            return _NATION  # "Cổng Dịch vụ công quốc gia có 7,2 triệu tài khoản"
        return main

    def year_at(pos: int) -> int | None:
        if is_target_sentence:
            by = [int(y.group(1)) for y in _TARGET_YEAR_RE.finditer(f, 0, pos)]
            if by and lx.TARGET_RE.search(f, 0, pos):
                return by[-1]  # "Mục tiêu đến năm 2025, tỷ lệ … đạt 80%": the goal's year
        before = [y for p, y in years if p <= pos]
        return before[-1] if before else (years[0][1] if years else context_year)

    period = lx.SUB_YEAR_PERIOD_RE.search(f)

    def emit(
        s: int, e: int, value: float, unit: str, name: str, ent: EntityMention | None = None
    ) -> None:
        if any(mask[s:e]) or not name:
            return
        if period and period.start() < s and fold(period.group(0)) not in fold(name):
            # the period is part of what is measured (CONVENTIONS: shorter than a year)
            name = f"{name} {original[period.start() : period.end()]}"
        for i in range(s, e):
            mask[i] = True
        ent = ent or owner(s)
        plural = bool(lx.PLURAL_SUBJECT_RE.search(f, 0, s))
        if (
            doc_province
            and ent is not None
            and _counts_the_provinces_units(ent, main, unit, plural)
        ):
            # "khối sở có 17/19 cơ quan đạt loại tốt" after a sentence about one department:
            # a count of the province's units is the province's
            ent = EntityMention(0, 0, doc_province, "province", doc_province)
        if ent is not None and ent.level == "ministry" and lx.SURVEY_RE.search(f):
            ent = _NATION  # the units a ministry's survey covered are the country's
        elif (
            unit != "%"
            and _BLOC_UNITS.match(fold(unit))
            and (_BLOC_CUE.search(f) or (ent is not None and ent.level == "ministry"))
        ):
            ent = _bloc()  # "Nhóm trên 90% có 2 đơn vị là …": the bloc's count of its members
        out.append(
            {
                "entity": ent.name if ent else "không rõ",
                "name": name,
                "value": value,
                "unit": unit,
                "year": year_at(s),
                "is_target": is_target_sentence and bool(lx.TARGET_RE.search(f, 0, s)),
            }
        )

    verbs: dict[str, tuple[int, str]] = {}  # unit -> (where its list goes on, its verb)

    def count_verb(s: int, unit_start: int, unit: str) -> str | None:
        """The verb of a count's clause; a count listed after another of the same unit
        ("241 TTHC cấp tỉnh, 31 TTHC cấp huyện") shares the first one's."""
        verb = _verb_phrase(f, original, s, ents)
        key = fold(unit)
        prev = verbs.get(key)
        if verb is None and prev is not None and _LIST_JOIN.fullmatch(f, prev[0], s):
            verb = prev[1]
        if verb is not None:
            verbs[key] = (_phrase_end(f, original, unit_start), verb)
        return verb

    for m in lx.PERCENT_RE.finditer(f):
        s = m.start("v")
        if _NOT_A_MEASURE_BEFORE.search(f[max(0, s - 14) : s]):
            continue
        value = parse_vn_number(m.group("v"))
        if value is None or value > 100:
            continue
        bound = lx.BOUND_BEFORE_RE.search(f, max(0, s - 16), s)
        goal = is_target_sentence and _GOAL_BOUND_RE.search(f, max(0, s - 24), s)
        if (bound and not goal) or lx.BOUND_AFTER_RE.match(f[m.end() :]):
            continue  # a threshold or a range end, not a measured rate ("đạt trên 98%" as a
            # goal is the goal)
        name = _rate_name(f, original, s)
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
            name = _clean(f"tỷ lệ {unit_o} {rest}")
        if name is None:
            before = f[_clause_start(f, s) : s]
            if re.search(r"\b(?:tang|giam)\s*(?:them\s*)?$", before):
                name = _preceding_words(original, s, 8)
            else:
                following = _following_name(f, original, m.end())
                # "38% là dịch vụ công trực tuyến một phần": the share of what follows. A
                # rate with no head and nothing measured after it has no readable name.
                name = f"tỷ lệ {following}" if _names_a_thing(following) else ""
                if not name:
                    name = _task_rate_name(f, original, s)
        emit(m.start(), m.end(), value, "%", name)

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
        emit(m.start(), m.start("b"), value, unit, name)

    for m in lx.COUNT_RE.finditer(f):
        s = m.start("v")
        total_of = _TOTAL_BEFORE.search(f, max(0, s - 12), s)
        if total_of is None and _NOT_A_MEASURE_BEFORE.search(f[max(0, s - 14) : s]):
            continue
        if _UNITS_COUNTED.match(m.group("u")) and _BASE_COUNT_BEFORE.search(f, max(0, s - 20), s):
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
        emit(s, m.end("u"), value, unit, _count_name(f, original, m.start("u"), unit, verb))

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
        if _BASE_COUNT_BEFORE.search(f, max(0, s - 20), s):
            continue
        hit = _group_unit_at(original, m.end())
        if hit is None:
            continue
        entry, u_end = hit
        value = parse_vn_number(m.group("a"))
        total = parse_vn_number(m.group("b")) if m.group("b") else None
        if value is None or (total is not None and value > total):
            continue
        if 1990 <= value <= 2100 and "." not in m.group("a"):
            continue  # "năm 2022 tỉnh …": a year before a noun
        if entry.label == "part_count" and _RATIO_BEFORE.search(f, max(0, s - 12), s):
            continue  # "gấp 2 lần": a ratio, not a count
        unit = original[m.end() : u_end]
        verb = count_verb(s, m.end(), unit)
        name = _count_name(f, original, m.end(), unit, verb)
        group_owner = _group_owner(entry, f, s, ents, owner(s))
        canonical = get_vocab().concept("metric", entry.label)
        if canonical is not None and group_owner is not None and group_owner.level == "nation":
            # "9 địa phương bị giảm chỉ số": the country's localities are its provinces,
            # counted and named as such
            name = _clean(canonical.vi + name[len(f"số {unit}") :])
            unit = canonical.vi.removeprefix("số ")
        emit(s, u_end, value, unit, name, group_owner)
    return out


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


@cache
def _bloc() -> EntityMention:
    """The ministries' bloc, by the name the vocabulary gives a count of ministries' owner."""
    (entry, _), *_ = _count_unit_matchers("ministry_count")
    return EntityMention(0, 0, entry.attrs["owner"], "ministry")


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
    entry: Entry, f: str, pos: int, ents: list[EntityMention], usual: EntityMention | None
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
