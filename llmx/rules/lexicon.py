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

# An English quoted name is a component where a word says a field follows or precedes it
# ("the “Feedback Handling” component", "the indicator “Feedback Handling”") or a value verb
# follows it ("“Civil Service Reform” scored 14.2/15 points"): kept as written. Not a quoted
# phrase alone ('called the index a "policy compass"').
_EN_FIELD_WORD = r"(?:component|sub-index|subindex|sub-indicator|indicator|dimension|pillar)s?"
EN_COMPONENT_QUOTED_RE = re.compile(
    rf"\b{_EN_FIELD_WORD}\s+[\"“](?P<a>[^\"“”\d]{{3,120}})[\"”]"
    r"|[\"“](?P<b>[^\"“”\d]{3,120})[\"”]"
    rf"(?=\s+(?:{_EN_FIELD_WORD}|scored|reached|ranked|rose|fell|dropped|stood|achieved|"
    r"climbed|gained|improved|came|was|got|earned|recorded)\b)"
)

# A list of sub-scores announced ("Its dimension scores were as follows:", "component
# scores are:"), whose items may be written "name, value": "voice of the people in local
# planning, 5.1 points; fairness of land compensation, 4.62 points". The name is a field
# the vocabulary need not know (index_results._labelled_fields).
EN_SCORE_LIST_CUE_RE = re.compile(r"\b(?:scores?|results?|ratings?)\b[^:;.\d]{0,40}:")
EN_COMMA_FIELD_RE = re.compile(
    r"(?:(?<=:)|;)\s*(?:and\s+)?(?P<name>[^\W\d_][^:;,()\d]{2,100}?)\s*,\s*"
    r"(?=\d{1,3}(?:\.\d+)?\s*(?:points?|percent|%))"
)

# Forecasts and goals.
TARGET_RE = re.compile(
    r"\b(?:du kien|phan dau|muc tieu|chi tieu|ke hoach dat|huong toi|se dat|uoc dat|du bao)\b"
    # "tối thiểu 90%", "đạt tối thiểu": a floor set; not the word inside a field's name
    # ("chỉ số Đảm bảo tuân thủ các tiêu chuẩn môi trường tối thiểu tăng 1,73 điểm")
    r"|\btoi thieu\b(?=\s*(?:(?:la|dat|bang|o muc)\s+)?\d)|\b(?:dat|phai)\s+toi thieu\b"
)

# The index names an edition year follows, from the vocabulary (index.toml, attrs.edition).
INDEX_EDITION_NAMES = (
    "(?:"
    + "|".join(
        folded_source(e.attrs["edition"])
        for e in get_vocab().entries
        if e.kind == "index" and "edition" in e.attrs
    )
    + ")"
)
# Comparison years ("so với năm 2021", "với năm 2016", "cùng kỳ năm 2022", "than PCI 2019").
COMPARISON_YEAR_RE = re.compile(
    # "adding 8.06 points on its PCI 2021 result": its own earlier result, compared with;
    # "up 27 places on 2023", "2.1 points lower on 2022": "on" after a move's size or word
    r"(?:than(?: in)?|compared (?:with|to)|above|below|since|over|on its|from its"
    r"|(?:(?<=places)|(?<=place)|(?<=positions)|(?<=spots)|(?<=points)|(?<=percent)|(?<=%)"
    r"|(?<=higher)|(?<=lower)|(?<=up)|(?<=down))\s+on)\s+"
    rf"(?:{INDEX_EDITION_NAMES}\s+)?"
    r"((?:19|20)\d\d)\b|"
    r"(?:so voi|voi|cung ky|tu|hon|thua)\s+(?:cung ky\s+|(?:ket qua|muc|diem so|thu hang|ky danh gia|"
    r"cung ky|ket qua danh gia)\s+(?:cua\s+)?)?nam\s+(?P<vy>(?:19|20)\d\d)\b"
)
# Not the digits of a decimal: "(0,2046)" is a DTI value, not the year 2046.
YEAR_RE = re.compile(r"\bnam\s+((?:19|20)\d\d)\b|(?<!\d[.,])\b((?:19|20)\d\d)\b(?![.,]\d)")

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
# Counts in words ("ba bộ dẫn đầu": a group of three, not a place), folded, from the
# vocabulary's cardinals (ordinal.toml, kind "cardinal").
CARDINALS = {
    fold(e.pattern): int(e.value)
    for e in get_vocab().entries
    if e.kind == "cardinal" and e.value is not None
}  # "ba" -> 3, "five" -> 5: a count of places in words ("tăng năm bậc", "up five places")
VI_CARDINAL_ALTS = "|".join(
    fold(e.pattern) for e in get_vocab().entries if e.kind == "cardinal" and e.lang == "vi"
)
EN_CARDINAL_ALTS = "|".join(
    fold(e.pattern) for e in get_vocab().entries if e.kind == "cardinal" and e.lang == "en"
)
ORD_ALTS = "|".join(VI_ORDINALS)
ORD_WORD = f"({ORD_ALTS})"

# Rank phrasings. Each yields rank (and maybe total); group names are fixed.
RANK_FROM_TO_RE = re.compile(
    r"(?:tu|tu vi tri|tu hang|tu thu)\s+(?:vi tri\s+|thu\s+|hang\s+)?(?P<a>\d+)"
    # "từ vị trí thứ 37, thuộc nhóm Trung bình (năm 2020), lên vị trí thứ 11": the start's
    # group and its year in brackets between the two places
    r"(?:/(?P<ta>\d+))?\s*(?:,\s*(?:thuoc|nam trong|o)\s+nhom\s+[^,;()\d]{1,20}?\s*)?"
    r"(?:\(?(?:cua |trong |o )?(?:nam\s+)?(?P<ya>(?:19|20)\d\d)\)?\s*)?,?\s*"
    r"(?:len|xuong)\s+(?:(?:vi tri|hang)\s+)?(?:thu\s+)?(?P<b>\d+)(?:/(?P<tb>\d+))?"
)
RANK_RE = re.compile(
    # "xếp số 2", "vị trí số 5" (NUMBER_ONE_RE reads "số một" in words too)
    r"(?:(?:xep|dung|vi tri|hang) so(?= \d)|xep hang|xep vi tri|xep thu|dung thu|dung vi tri|dung o vi tri|vi tri thu|vi tri|"
    r"hang thu|o vi tri|xep|dung|thu hang|len thu|xuong thu|len hang|xuong hang|dong hang|thu|"
    # "năm 2013 hạng 33, năm 2014 hạng 26": a year's place in a series
    r"(?<=(?:19|20)\d\d )hang|(?<=(?:19|20)\d\d: )hang"
    # "đạt 78,2% (hạng 63/63)", "hạng 30/63": a bare "hạng" is a place in brackets or with
    # its total (alone it is also a class: "hạng mục", "Huân chương … hạng Ba")
    r"|(?<=\()hang(?=\s+\d)|(?<![\w])hang(?=\s+\d{1,3}\s*/\s*\d))\s+"
    r"(?:vi tri\s+|thu\s+|hang\s+)?(?P<r>\d{1,3})(?![\d,.]\d)(?:\s*/\s*(?P<t>\d{1,3})(?!\d))?"
)
RANK_WORD_RE = re.compile(
    rf"(?:xep|dung|vi tri|hang)\s+thu\s+{ORD_WORD}\b"
    rf"|(?<![\w])thu\s+{ORD_WORD}(?=\s+(?:la|thuoc ve)\b)"  # "thứ hai là X"
    # "…; Bắc Ninh thứ ba với 24,5 điểm", "thứ hai cả nước", "Sơn La thứ ba (90,5%)": a place
    # with no verb, known by what follows (a bare "thứ Ba" is also a weekday: "thứ Ba, 5/3")
    rf"|(?<![\w])thu\s+{ORD_WORD}(?=\s+(?:voi \d|ca nuoc\b|toan quoc\b|trong (?:so )?\d)"
    r"|\s*\(\s*\d{1,3}(?:[.,]\d{1,4})?\s*(?:%|diem\b))"
    # "Kon Tum 83,5%, thứ hai.": a bare place closing the clause of a score
    rf"|(?<=(?:%|m), )thu\s+{ORD_WORD}(?=\s*(?:[.;)]|$))"
)
# "NHNN đứng thứ hai, Bộ Nội vụ thứ ba.": a bare place right after a name, closing its
# clause; read only in a sentence that ranks someone before it with a verb
# (index_results.scan_values), and never after "vào", "ngày" (a weekday: "vào thứ Ba").
BARE_PLACE_AFTER_NAME_RE = re.compile(
    r"(?<=[^\W\d_] )(?<!\bvao )(?<!\bngay )(?<!\bsang )(?<!\bchieu )(?<!\btoi )(?<!\bdem )"
    rf"thu\s+{ORD_WORD}(?=\s*(?:[.;]|$))"
)
RANKED_BEFORE_RE = re.compile(r"\b(?:xep|dung)\s+(?:o\s+)?(?:vi tri\s+)?thu\b")
# Rank 1 in words: the vocabulary's Vietnamese leader phrasings ("dẫn đầu", "xếp đầu", and
# "tốp đầu", which the extractor reads as a lead though grounding does not); those holding a
# digit ("top 1", "số 1") are the rank patterns' (NUMBER_ONE_RE, RANK_RE). "cao nhất" (the
# vocabulary's "highest") only where it ranks against a whole field: "cao nhất cả nước",
# "mức điểm cao nhất", not "tỷ lệ cao nhất từ trước đến nay".
_LEADER_WORDS = "|".join(
    folded_source(e.pattern)
    for e in get_vocab().entries
    if e.kind == "leader"
    and e.lang == "vi"
    and e.label in ("leader", "top_group")
    and not re.search(r"\d", e.pattern)
)
_HIGHEST_WORD = "|".join(
    folded_source(e.pattern)
    for e in get_vocab().entries
    if e.kind == "highest" and e.label == "highest" and e.lang == "vi"
)
LEADER_RE = re.compile(
    rf"{_LEADER_WORDS}"
    rf"|(?:{_HIGHEST_WORD})(?= (?:ca nuoc|toan quoc|vung|khu vuc|tinh|toan tinh|thanh pho|cac|khoi))"
    rf"|(?<=muc diem )(?:{_HIGHEST_WORD})|(?<=diem so )(?:{_HIGHEST_WORD})"
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
    # "với cú nhảy 18 bậc", "bước nhảy 9 bậc": a rise told as a noun
    r"nhay vot|nhay|bat tang|vuot|leo|cao hon|thap hon)\s+(?:them\s+|len\s+|xuong\s+)?"
    r"(?:(?:so voi\s+)?(?:ket qua\s+)?nam\s+(?:19|20)\d\d\s+(?:la\s+)?)?"
    r"(?:\d{1,3}(?:[.,]\d{1,3})?\s*(?:diem|%)\s+va\s+)?"  # "cải thiện 3,3 điểm và 8 bậc"
    rf"(?P<n>\d{{1,3}}|{VI_CARDINAL_ALTS})\s+(?:bac|hang|vi tri|cap)\b"
)
# "xếp cuối trong 17 bộ", "vị trí cuối cùng trong tổng số 14 sở": the last place of a stated total.
RANK_LAST_RE = re.compile(
    r"\b(?:xep|dung|o vi tri|vi tri|xep hang|dung o vi tri)\s+(?:thu\s+)?cuoi(?:\s+cung|\s+bang)?"
    r"[,\s]+(?:trong\s+|tren\s+)?(?:tong so\s+|so\s+)?(?P<t>\d{1,3})\s+"
    r"(?:tinh|dia phuong|bo|co quan|so|don vi|huyen|xa|phuong)"  # "đứng cuối trong 45 phường"
    # "xếp cuối cùng (17/17)", "đứng cuối bảng (63/63)": the place and total in brackets
    r"|\b(?:xep|dung|o vi tri|vi tri)\s+(?:thu\s+)?cuoi(?:\s+cung|\s+bang)?\s*\(\s*"
    r"(?P<t2>\d{1,3})\s*/\s*(?P=t2)\s*\)"
)
TOTAL_RE = re.compile(
    r"^\s*(?:/\s*)?(?:trong (?:so|tong so)\s+)?(?P<t>\d{2,3})\s+(?:tinh|dia phuong|bo|co quan|so|don vi|huyen|xa)"
)

SCORE_RE = re.compile(
    # "8,9/9,5 điểm": the score out of the field's maximum (never the maximum itself)
    r"(?:dat|voi|duoc|la|dat duoc|tong diem|diem so)?\s*(?<![\d/])(?<![\d/][.,])"
    # "86.4 out of 100 points": the same in English words
    r"(?P<v>\d{1,3}(?:[.,]\d{1,4})?)\s*(?P<slash>(?:/|out of)\s*\d{1,3}(?:[.,]\d{1,2})?\s*)?"
    r"(?P<u>diem|%|percent\b|points?\b)"
)
# "tăng 3,19 điểm", "nhích thêm 0,82 điểm", "cao hơn năm 2020 1,59 điểm", "thấp hơn năm 2020 là
# 3,84 điểm", "nhỉnh hơn năm 2022 (86,62%) 1,71%": a change, never a score.
SCORE_DOWN_WORDS = ("giam", "thap hon", "mat", "sut giam", "sut")
# A change written without a unit right after a value on the 0-1 scale (DTI), in that
# value's unit: "đứng đầu với 0,6321, tăng 0,13 so với năm 2020", "0.4521, down 0.021".
UNITLESS_CHANGE_AFTER_SCORE_RE = re.compile(
    r"\b0[.,]\d{2,4}\s*,\s*(?P<dir>tang(?: them)?|giam(?: di)?|up|down)\s+(?P<v>0[.,]\d{1,4})\b"
    r"(?![.,]\d|\s*(?:%|diem|bac|hang|points?|percent|places?))"
)
SCORE_CHANGE_RE = re.compile(
    r"\b(?P<dir>tang|giam|cao hon|thap hon|nhinh hon|nhich|mat|sut giam|sut|cai thien)\s+"
    # "tăng mạnh nhất với 7,45%", "tăng nhiều nhất, với 7,45%": the largest move's size
    r"(?:(?:manh|nhieu|sau|cao|lon) nhat\s*,?\s*(?:voi|la)\s+)?"
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
    # "cao hơn Bộ Tài chính 0,5%", "vượt Tây Ninh 1,2 điểm": the gap to a unit (not to an
    # earlier year: "cao hơn năm 2021 1,59 điểm" is the unit's own change)
    r"|\b(?:cao hon|thap hon|nhinh hon|vuot|hon)\s+(?!nam\b|so voi\b|cung ky\b|ket qua\b|ky\b|len\b)"
    r"[^,;:\d(]{2,40}$"
)
# "(82,58 điểm)" right after a comparison year: the value of that earlier year.
PAREN_PRIOR_RE = re.compile(
    r"nam\s+(?P<y>(?:19|20)\d\d)\s*\(\s*(?:dat\s+|la\s+)?(?P<v>\d{1,3}(?:[.,]\d{1,3})?)\s*(?P<u>diem|%)\s*\)"
    r"|(?:so voi )?muc\s+(?P<v2>\d{1,3}(?:[.,]\d{1,3})?)\s*(?P<u2>diem|%)\s+cua\s+nam\s+(?P<y2>(?:19|20)\d\d)"
    # "(năm 2021 đạt 83,15%)", "(năm 2021: 83,15 điểm)", "(năm 2021 là 83,15%)": the year inside
    r"|\(\s*nam\s+(?P<y3>(?:19|20)\d\d)\s*(?::|,|-|–)?\s*(?:dat\s+|la\s+|chi dat\s+)?"
    r"(?P<v3>\d{1,3}(?:[.,]\d{1,3})?)\s*(?P<u3>diem|%)\s*\)"
    # "cao hơn năm 2020 (0,4944)": a value on the 0-1 scale (DTI) needs no unit
    r"|nam\s+(?P<y4>(?:19|20)\d\d)\s*\(\s*(?:dat\s+|la\s+)?(?P<v4>0[.,]\d{2,4})\s*\)"
)
# The same for a place: "so với năm 2022 (xếp thứ 12/17)", "(năm 2022: thứ 12)".
# The edition before, named without a year (cues.toml, label "year_back"): "năm trước".
_VI_BACK = "|".join(
    folded_source(e.pattern) for e in get_vocab().entries
    if e.kind == "comparison" and e.label == "year_back" and e.lang == "vi"
)
# "(năm trước xếp thứ 15)", "so với năm trước (thứ 15)": the place of the edition before.
BACK_PAREN_PRIOR_RANK_RE = re.compile(
    rf"(?:\(\s*(?:{_VI_BACK})\s*(?::|,|-|–)?\s*|(?:{_VI_BACK})\s*\(\s*)(?:xep\s+|dung\s+|o\s+)?"
    r"(?:thu|hang|vi tri|vi tri thu)\s+(?P<r>\d{1,3})(?:\s*/\s*(?P<t>\d{1,3}))?\s*\)"
    # "Hà Nam, năm ngoái xếp thứ 7, nay tụt xuống thứ 10": the place of the edition before,
    # told in its own clause before the current one ("nay", "năm nay")
    rf"|(?<![\w])(?:{_VI_BACK})\s*,?\s*(?:xep|dung|o)\s+(?:o\s+)?(?:vi tri\s+)?(?:thu|hang)\s+"
    r"(?P<r2>\d{1,3})(?:\s*/\s*(?P<t2>\d{1,3}))?(?=\s*,?\s*(?:nay|nam nay|thi nay)\b)"
)
# "(năm trước đạt 85,1 điểm)", "so với năm trước (85,1 điểm)": the score of the edition before.
BACK_PAREN_PRIOR_RE = re.compile(
    rf"(?:\(\s*(?:{_VI_BACK})\s*(?::|,|-|–)?\s*(?:dat\s+|la\s+|chi dat\s+)?|(?:{_VI_BACK})\s*\(\s*(?:dat\s+|la\s+)?)"
    r"(?P<v>\d{1,3}(?:[.,]\d{1,3})?)\s*(?P<u>diem|%)\s*\)"
)
PAREN_PRIOR_RANK_RE = re.compile(
    # "so với năm 2020 (khi tỉnh xếp thứ 63)", "(lúc đó đứng thứ 40)": the place then
    r"nam\s+(?P<y>(?:19|20)\d\d)\s*\(\s*(?:(?:khi|luc do|luc ay|khi do)\s+(?:[a-z]+\s+){0,3}?)?"
    r"(?:xep\s+|dung\s+|o\s+)?(?:thu|hang|vi tri|vi tri thu)\s+"
    r"(?P<r>\d{1,3})(?:\s*/\s*(?P<t>\d{1,3}))?\s*\)"
    # "(năm 2021: thứ 12)", "(năm 2019 Bộ xếp thứ 11)": a subject word may stand before the verb
    r"|\(\s*nam\s+(?P<y2>(?:19|20)\d\d)\s*(?::|,|-|–)?\s*(?:(?:bo|so|tinh|huyen|thanh pho|"
    r"don vi|dia phuong)\s+(?=xep|dung))?(?:xep\s+|dung\s+|o\s+)?"
    r"(?:thu|hang|vi tri|vi tri thu)\s+(?P<r2>\d{1,3})(?:\s*/\s*(?P<t2>\d{1,3}))?\s*\)"
)

NATIONAL_RE = re.compile(
    r"\b(?:ca nuoc|toan quoc|tren toan quoc|63 tinh|/63|trong nuoc)\b|/\s*63\b"
)
PROVINCE_SCOPE_RE = re.compile(
    # not "các cơ quan hành chính nhà nước": the SIPAS's own name for whom it rates
    r"\b(?:cac|trong so cac|trong)\s+(?:\d+\s+)?(?:so, ban, nganh|so, nganh|so nganh|co quan(?! hanh chinh)|don vi|huyen|"
    r"huyen, thi xa, thanh pho|dia phuong cap huyen|xa, phuong)|\bcap (?:so|huyen) (?:cua|trong) tinh\b|"
    r"\bkhoi (?:so|ubnd cap huyen|cap huyen|huyen|dia phuong|don vi)|"
    r"\b(?:huyen|so, nganh|so, ban, nganh)[^.;]{0,30}?\bcua tinh\b|\b(?:toan|trong) tinh\b"
)
REGION_CUE_RE = re.compile(r"\b(?:vung|khu vuc|mien)\b")
# The same, in either language: a sentence that talks about a region.
REGION_WORD_RE = re.compile(r"\b(?:vung|khu vuc|region|regional)\b")
# A region referred back to, not named: "leads the region", "first in the region", "dẫn đầu
# khu vực", "trong vùng, từ thứ 1 xuống thứ 5", "tăng 1 bậc trong vùng và 2 bậc cả nước". The
# word is the scope marker (group w); which region it is comes from the paragraph or the unit.
# "khu vực tư nhân" (the private sector), "vùng sâu" or "khu vực công" name no region: the word
# must end its phrase (punctuation, a preposition or a conjunction follows).
REGION_ANAPHOR_RE = re.compile(
    r"\bthe\s+(?P<w>region)\b(?!\s+(?:of|where)\b)"
    r"|\b(?:trong|cua|toan|dan dau|dung dau|xep dau|nhat|trong ca)\s+(?P<w2>vung|khu vuc)"
    r"(?=\s*(?:[,.;:)]|$)|\s+(?:voi|va|nam\s+(?:19|20)\d\d|tu\s+thu|khi|sau|ve|o|la|thi|chi|dat|tang|giam)\b)"
)

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
# ("đối với" says what a rate is of: "tỷ lệ hài lòng đối với sự phục vụ của …")
METRIC_NAME_STOP_RE = re.compile(
    r"\s(?:là|nên|khi|so với|(?<!đối )với|tương đương|tương ứng|chiếm|trong khi|tức|tức là)\s"
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
# What a bare rate's following phrase must open on to name a share ("38% là dịch vụ công …",
# "100% các xã được phủ sóng").
RATE_OBJECT_RE = re.compile(
    rf"^(?:(?:cac|nhung|so)\s+)?(?:{COUNT_UNITS}|nguoi dan|xa|phuong|huyen|so, ban, nganh|tinh)\b"
)
# A figure for the whole country even when a province was named earlier in the sentence:
# an average or total over all provinces ("bình quân 63 địa phương", "trung bình cả nước").
NATIONAL_FIGURE_RE = re.compile(
    r"\b(?:(?:gia tri |muc )?(?:binh quan|trung binh)(?: chung)?(?: cua)? (?:ca nuoc|toan quoc|"
    r"\d+ (?:tinh|dia phuong))|ca nuoc|toan quoc|national average|nationwide|across the country)\b"
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
# English names a district, commune or ward before its type word: "Nam Chinh commune", "Soc
# Trang ward", "Nam Sach District" (one to four capitalised words; matched as written).
EN_UNIT_RE = re.compile(
    r"(?<![\w.])((?:[A-ZĐ][\w'’-]*\s+){0,3}[A-ZĐ][\w'’-]*)\s+"
    r"([Cc]ommune|[Ww]ard|[Dd]istrict|[Tt]ownship)\b"
)
# English type words and the Vietnamese ones a unit is named with (eval/CONVENTIONS.md).
EN_UNIT_TYPES = {"commune": ("xã", "commune"), "ward": ("phường", "commune"),
                 "township": ("thị trấn", "commune"), "district": ("huyện", "district")}  # fmt: skip

# Departments (Sở) and ministries (Bộ) share sector names; matched on folded text.
SECTORS = (
    r"noi vu|tu phap|ke hoach va dau tu|tai chinh|cong thuong|"
    r"nong nghiep va (?:phat trien nong thon|ptnt|moi truong)|nn ?& ?ptnt|nn va ptnt|"
    r"giao thong van tai|giao thong - van tai|xay dung|tai nguyen (?:va )?moi truong|tn ?& ?mt|"
    r"thong tin va truyen thong|tt ?& ?tt|lao dong,? ?-? ?thuong binh va xa hoi|ldtbxh|"
    r"ld ?- ?tb ?& ?xh|"
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

# An English apposition right after a unit's name, closed by a comma before the unit's verb
# ("Da Nang, the third city after Hanoi and Hai Phong, was fourth", "Da Nang, a neighbour
# of Quang Nam, ranked 4th"): the units it names are no subjects.
EN_APPOSITION_RE = re.compile(
    r",\s+(?:the|a|an)\s+[^,;()\d]{3,90}?,(?=\s+(?:was|were|is|ranked|came|stood|placed|"
    r"finished|scored|reached|took|led|topped|had|got|achieved|recorded|remained|rose|fell|"
    r"climbed|dropped)\b)"
)
# An English apposition set off by commas that says where a unit lies ("Dong Thap, in the
# Mekong Delta, came second", "Ben Tre, a province in the Mekong Delta, …"): the region
# there is no scope of the place that follows.
EN_LOCATION_BEFORE_RE = re.compile(
    r",\s*(?:(?:a|an|the)\s+(?:\w+\s+){0,2}?(?:province|city|locality)\s+)?"
    r"(?:located\s+|lying\s+)?in\s+(?:the\s+)?$"
)
EN_LOCATION_AFTER_RE = re.compile(r"\s*(?:region\s*)?,")

# A region named right after these words is where a province is ranked ("thứ 5/14 tỉnh khu vực
# X", "trong vùng X", "các tỉnh vùng X"): a scope. Named otherwise, the region itself is ranked
# or averaged ("Dẫn đầu là vùng X với 90%"): an entity.
REGION_AS_SCOPE_BEFORE_RE = re.compile(
    r"(?:\b(?:tinh|tinh, thanh pho|dia phuong|thanh pho|don vi)\b[^.;]{0,12}|"
    r"\b(?:trong|cua|tai|thuoc|giua cac)\s+(?:cac\s+)?(?:tinh\s+)?"
    # English locatives: "Dong Thap, in the Mekong Delta, …", "a province in the Central
    # Highlands": where the unit lies, not a ranked region
    r"|(?:,|\bprovince|\bcity|\blocated|\blying)\s+in\s+(?:the\s+)?"
    # "4th of the 14 provinces of the Northern Midlands": the region ranked within
    r"|\b(?:provinces|localities)(?: and cities)?\s+(?:of|in)\s+(?:the\s+)?"
    # "ranked first in the Red River Delta region", "among Mekong Delta localities", "topped
    # the Central Highlands": the region a place is held in
    rf"|\b(?:{'|'.join(_ordinal_words('en'))}|\d{{1,2}}(?:st|nd|rd|th)|ranked|place|position|spot)"
    r"\s+in\s+(?:the\s+)?"
    r"|\b(?:among|across)\s+(?:the\s+)?(?:\d+\s+)?(?:(?:provinces|localities)\s+(?:of|in)\s+(?:the\s+)?)?"
    r"|\b(?:led|topped|headed)\s+(?:the\s+)?"
    # "đứng thứ 2 khu vực Tây Nam Bộ", "dẫn đầu vùng Tây Nguyên": the region a place is in
    rf"|\b(?:thu\s+(?:\d{{1,2}}|{ORD_ALTS})|dan dau|dung dau|xep dau)\s+(?=vung|khu vuc|mien))"
    r"(?:vung|khu vuc|mien)?\s*(?:kinh te - xa hoi\s+)?$"
)
# A region named before "provinces" ("the 7 northern mountainous provinces") names a group of
# provinces, the field of a place: a scope, not a ranked region.
REGION_GROUP_AFTER_RE = re.compile(r"\s+(?:provinces|localities)\b")
# A count of provinces right after a leader word ("leads the 6 northern mountainous
# provinces", "đứng đầu 7 tỉnh phía Bắc"): the group led, read with what qualifies it (group q:
# a region's name or a word of direction), so that a part of a region is told from all of it.
LEAD_OVER_GROUP_RE = re.compile(
    r"\s*(?:the\s+|cac\s+)?(?P<n>\d{1,2})\s+(?:tinh(?:, thanh pho)?\s+(?:thuoc\s+|khu vuc\s+|vung\s+)?)?"
)
PART_OF_REGION_WORD_RE = re.compile(
    r"(?:phia|mien|northern|southern|north-?western|north-?eastern|south-?western|"
    r"south-?eastern|central|western|eastern|north|south)\b"
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
# "Đứng đầu khối các huyện là thị xã X", "Đứng đầu bảng xếp hạng năm nay là tỉnh X" ("năm
# nay" dates the ranking; a bare "nay là" does not name its subject).
SUBJECT_AFTER_RANK_RE = re.compile(
    r"^(?![^;.]*\b(?:(?:day|do|(?<!nam )nay|tiep theo|sau do|ke den|theo sau|ke tiep) la|tiep theo)\b)[^;.]{0,60}?\b(?:la|thuoc ve|gianh cho|goi ten)\s+"
    r"(?:(?:vung|khu vuc|tinh|thanh pho|tp\.?)\s+)?$"
)
# A fronted value: "Đứng thứ 4, X …", "Với 70,37 điểm, X xếp thứ 3": the value is X's.
FRONTED_GAP_RE = re.compile(
    r"^\s*,\s*(?:(?:vung|khu vuc|tinh|thanh pho|tp\.?)\s+)?$|^\s*,?\s*thuoc ve\s+(?:tinh\s+)?$"
)
# "từ 7,28 điểm đi xuống 6,74 điểm": the later score is the record's, the earlier one the year before.
SCORE_FROM_TO_RE = re.compile(
    # the start's year may stand in brackets: "từ 90,30% (năm 2021) xuống 82,18%"
    r"\btu\s+(?P<a>\d{1,3}(?:[.,]\d{1,4})?)\s*(?P<ua>diem|%)"
    r"(?:\s*(?P<pa>\()?\s*(?:nam\s+)?(?P<ya>(?:19|20)\d\d)\s*(?(pa)\)))?\s*,?\s*"
    r"(?:di\s+)?(?:len|xuong|con|giam con|giam xuong|tang len|giam|tang)\s+(?:con\s+)?"
    r"(?P<b>\d{1,3}(?:[.,]\d{1,4})?)\s*(?P<ub>diem|%)(?:\s+(?:nam\s+)?(?P<yb>(?:19|20)\d\d))?"
)

# An index named with its edition: "PCI 2022", "Chỉ số CCHC năm 2021", "the 2023 PAPI". The
# short names are the vocabulary's (index.toml, attrs.edition).
_INDEX_SHORT = INDEX_EDITION_NAMES
EDITION_YEAR_RE = re.compile(
    # "… Index (PCI) 2023": the short name in parentheses before the year
    rf"\b{_INDEX_SHORT}\)?\s+(?:\([^)]{{1,20}}\)\s+)?(?:nam\s+)?(?P<y>(?:19|20)\d\d)\b"
    rf"|\b(?:the\s+)?(?P<y2>(?:19|20)\d\d)\s+{_INDEX_SHORT}\b"
    # "the average index for 2018", "the index in 2019"
    r"|\bindex (?:for|in|of) (?P<y3>(?:19|20)\d\d)\b"
)

# English coverage: ordinals, leaders, moves and changes as English reports write them.
EN_ORDINALS = _ordinal_words("en")  # "first" -> 1 … "tenth" -> 10
_EN_ORD_ALTS = "|".join(EN_ORDINALS)
EN_ORD_WORDS = _EN_ORD_ALTS  # "first|second|…": the English ordinal words
_EN_ORD = f"(?:{_EN_ORD_ALTS}|" + r"\d{1,2}(?:st|nd|rd|th))"
# "Kien Giang (63.55, third place)": the score, then the place, in one bracket.
EN_SCORE_THEN_PLACE_RE = re.compile(
    rf"\((?P<v>\d{{1,3}}(?:\.\d{{1,4}})?)\s*(?:points?|%|percent)?,\s*(?:{_EN_ORD})"
    r"(?:\s+(?:place|position))?\)"
)
# "ranked third out of 63", "fell 5 places to 19th", "(seventh, 69.08)"; not "the third year in
# a row", "for the first time", "first half".
EN_RANK_RE = re.compile(
    rf"(?:\b(?:ranked|ranking|ranks|rank|came|come|comes|was|were|is|been|placed|finished|finishing|stood|stands|standing|"
    rf"occupied|occupying|remained|remains|coming|landed|landing|sat|sits|sitting|kept|keeping|maintained|maintaining|retained|retaining|"
    rf"held|holding|in|at|to|reached|reaching|put it|put the \w+"
    rf"|placing it|putting it|putting the \w+|lifting it|lifting the \w+|leaving it|ranking it|earning it|giving it|securing it|landing it|"
    rf"came in|ended up|took|taking|claimed|"
    rf"secured|won|grabbed|earned|tied for|tying for|shared|sharing)|,|\(|:"
    # "Second place went to X" (not "First, …"); "northern Bac Giang third with 89.49 points"
    # "… and 8th for Digital Economy"
    rf"|^(?=\w+[- ](?:placed?|ranked)\b)|(?<!the )\b(?=(?:{_EN_ORD})\s+(?:with\s+\d|for\b))"
    # "placed Nghe An 17th out of 63", "Ha Noi was 20th and Ho Chi Minh City 27th.": a place
    # in digits after a name, told as one by its total or by closing an "and" clause
    r"|(?<=[a-z] )(?<!from )(?=\d{1,2}(?:st|nd|rd|th)\s+(?:out of|of (?:the )?\d+|among)\b)"
    # "puts Thua Thien Hue fifth out of 63": an ordinal word after a name, told by its total
    rf"|(?<=[a-z] )(?<!from )(?<!the )(?=(?:{_EN_ORD_ALTS})\s+out of \d)"
    r"|(?<=\band )(?=(?:[a-z]+ ){1,4}\d{1,2}(?:st|nd|rd|th)\s*(?:[.;]|$))(?:[a-z]+ ){1,4}"
    # "first in the region and 8th nationwide": a second place of the same unit
    rf"|(?<=\band )(?=(?:{_EN_ORD})\s+(?:nationwide|nationally|overall|in|among)\b))"
    r"\s*(?:the\s+|its\s+)?"
    # "came in at No. 10"; not "at 10th" (a date), hence the look-behind on ordinals only
    rf"(?P<r>(?<=at )no\.?\s?\d{{1,2}}|(?<!\bat ){_EN_ORD}"
    # "at 22nd in the PCI", "at 5th place": a place; not a bare "at 10th" (a date)
    rf"|(?<=\bat ){_EN_ORD}(?=\s+(?:out of \d|of \d|in the\b|place\b|position\b|among\b|nationwide\b))"
    rf"|(?<=, at ){_EN_ORD}(?=\s*(?:[.;]|$)))"
    r"(?:[- ]plac(?:e|ed)|-ranked)?\b"
    r"(?!\s+(?:year|time|consecutive|straight|edition|half|quarter|month|in a row|round|phase))"
    # "in the first 6 months of 2023", "the first nine months": a period, not a place
    r"(?!\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven)\s+"
    r"(?:months?|quarters?|weeks?|days?|years?)\b)"
    # A place, not an adjective ("was the first province to …", "was first introduced"): what
    # follows is punctuation or a word that goes on about the ranking.
    r"(?=\s*(?:[,.;:()–—-]|$|(?:with|in|out|of|among|nationwide|nationally|on|for|and|after|"
    r"behind|ahead|place|position|spot|overall|while|but|at|among|across|to|went|from|up|down|"
    r"compared|again|\d)\b))"
    r"(?:\s+(?:out\s+)?of\s+(?:the\s+)?(?P<t>\d{2,3}))?(?:,\s*(?P<v>\d{1,3}(?:\.\d+)?)(?=\s*(?:points?)?\s*\)))?"
)
# What every match of EN_RANK_RE holds, its place (group "r"): an ordinal or "No. 5". Its
# words before the place are too common to filter on ("in", ","), and the place's required
# texts ("st", "th") are in most Vietnamese sentences: searched first, this turns them away.
EN_RANK_HINT_RE = re.compile(rf"no\.?\s?\d|{_EN_ORD}")
# "led the ranking", "led all provinces", "led with 91.9 percent"; not "led to", "led a
# delegation", "the survey led by UNDP".
EN_LEADER_RE = re.compile(
    # not a lead of the past: "has long led", "once topped", "had previously led"
    r"(?<!\blong )(?<!\bonce )(?<!\bpreviously )(?<!\bformerly )(?<!\bused to )"
    r"\b(?:topped|tops(?= (?:pci|par|papi|sipas|dti|pgi|the|all|among|its|provinces|country)\b)"
    # "Da Nang took the lead", "came top of the list", "rose to the top of the rankings"
    r"|(?<=took )the lead\b|(?<=came )top\b(?![ -]?(?:\d+|two|three|four|five|ten|twenty)\b)"
    r"|(?<=to )the top(?= of the (?:\w+ )?(?:rankings?|"
    r"index|table|list)\b)"
    r"|(?:led|leads)(?= (?:the|all|among|with|in|its|provinces|localities|ministries)\b|"
    r",\s+followed by\b)|(?<=at )the top(?= (?:with|of the (?:\w+ )?(?:rankings?|index|table))\b)"
    r"|highest(?=-ranked)"
    # "secured the number one position", "maintained its leading position", "the leading
    # province" (one; "leading provinces" are a group), "its position as the leader"
    r"|number one(?! of\b)|(?<=its )leading(?= position\b)"
    r"|(?<=the )leading(?= (?:province|locality|ministry|city|position)\b(?!s))"
    r"|(?<=as the )leader\b|(?<=the )top(?= (?:performer|scorer)\b(?!s))"
    # "continues to lead the rankings", "continued to top the PCI"
    r"|(?<=\bto )(?:lead|top)(?= (?:the|all|among|its)\b)(?! the (?:way|delegation|meeting|"
    r"working|survey|team|launch)\b)|headed(?! by| to| for)|first(?=-placed)|top(?=-ranked)"
    r"|(?:(?<=the )|(?<=its ))top(?= (?:spot|place|locality|province|ministry)\b)"
    # "the highest among 17 ministries", as LEADER_RE reads "cao nhất cả nước / khối"
    r"|(?<=the )highest(?= (?:(?:score|result|figure|rating) )?(?:among|nationwide|in the country|"
    r"of all|in the bloc|across)\b))\b"
)
# "was runner-up", "finished as the runner up": second place, from the vocabulary's English
# runner-up phrasings (ordinal.toml, label "runner_up"); not "runners-up" (a group).
EN_RUNNER_UP_RE = re.compile(
    r"\b(?:" + "|".join(
        fold(e.pattern) for e in get_vocab().entries
        if e.kind == "ordinal" and e.label == "runner_up" and e.lang == "en"
    ) + r")\b(?!s)"
)
# "giành ngôi á quân", "Á quân thuộc về X": second place, from the vocabulary's Vietnamese
# runner-up phrasings (same entries as grounding reads); never "quán quân" (first).
RUNNER_UP_RE = re.compile(
    r"(?<![\w])(?:" + "|".join(
        folded_source(e.pattern) for e in get_vocab().entries
        if e.kind == "ordinal" and e.label == "runner_up" and e.lang == "vi"
    ) + r")(?![\w])"
)
# How an index is built, not a result: "68 points were assessed from reports", "32 điểm được
# đánh giá qua điều tra xã hội học" (checked after the number and its unit).
METHOD_AFTER_RE = re.compile(
    r"(?<=\d)\s*(?:%|percent|points?|diem)?\s*(?:were|are|is|was|duoc)\s+"
    r"(?:assessed|awarded|allocated|given|scored|danh gia|cham|phan bo)\b"
)
# "ranked 12 in the PCI 2023", "placed 40 out of 63": a place in bare digits after its verb.
EN_RANK_BARE_RE = re.compile(
    r"\b(?:ranked|ranking|placed|placing|finished|came)\s+(?:no\.?\s*)?(?P<r>\d{1,2})"
    r"(?=\s+(?:in the\b|in (?:19|20)\d\d\b|out of\b|among\b|nationwide\b|nationally\b))"
)
# "ranking 54/63 provinces", "placed 12/63": a place and its total in digits.
EN_RANK_SLASH_RE = re.compile(
    r"(?:\b(?:ranking|ranked|placed|placing|came|was|at|in)\s+|\()(?P<r>\d{1,2})\s*/\s*(?P<t>\d{2,3})\b"
    r"(?!\s*(?:%|points?))"  # "Cantho (38/63 or 84%)": a place and its total in brackets
)
# An earlier place told in brackets ("(the department was 6th in 2022)"): its year is no year
# the sentence measures, and its place no place of the measured year.
EN_BRACKETED_PAST_RE = re.compile(
    r"\([^()]{0,40}\b(?:was|were|had been|ranked|came|stood)\b[^()]{0,30}?"
    r"\bin (?P<y>(?:19|20)\d\d)\)"
)
EN_RANK_CHANGE_RE = re.compile(
    r"\b(?P<dir>up|down|rose|rising|climbed|climbing|fell|falling|dropped|dropping|slid|sliding|"
    r"moving up|moved up|moving down|moved down|gained|gaining|lost|losing|jumped|jumping|"
    r"slipped|slipping|advanced|advancing|improved|improving|declined|declining|tumbled|"
    r"risen|fallen|gone up|gone down|surged|soared|leapt|leaped|plunged|plummeted|sank|sunk|slumped|"
    r"a climb of|a fall of|a drop of|a rise of|a jump of|a gain of|a loss of|"
    # "an improvement of 21 places", "a leap of 9 places", "a slide of 4 places": nouns of a move
    r"an improvement of|an advance of|a leap of|an increase of|a slide of|a decline of)\s+(?:by\s+)?"
    r"(?:\d{1,3}(?:\.\d{1,3})?\s*(?:%|percent|points?)\s+and\s+(?:of\s+|by\s+)?)?"  # "of 5.66% and of 31 places"
    rf"(?P<n>\d{{1,2}}|{EN_CARDINAL_ALTS})\s+(?:places|place|spots|spot|positions|position|notches|notch|ranks|rungs)\b"
    rf"|\b(?P<n2>\d{{1,2}}|{EN_CARDINAL_ALTS})\s+(?:places?|spots?|positions?|notch(?:es)?)\s+"
    r"(?P<dir2>higher|lower|up|down)\b"
    # "a 10-place rise", "a five-spot drop": the move told as a noun
    rf"|\b(?:a|an)\s+(?P<n3>\d{{1,2}}|{EN_CARDINAL_ALTS})[- ](?:place|spot|position|notch|rank)\s+"
    r"(?P<dir3>rise|jump|climb|gain|improvement|fall|drop|decline|slide|slip)\b"
    # "… 7.67 points, lifting Binh Duong 6 places to 6th", "pushing the province down 3
    # spots": the move a field's result gave its unit, the unit between verb and count
    r"|\b(?:lifting|lifted|pushing|pushed|taking|took|moving|moved|bringing|brought)\s+"
    r"(?:it|the (?:province|city|locality|ministry)|\w+(?:\s+\w+){0,2})\s+(?:(?P<dir4>up|down)\s+)?"
    rf"(?P<n4>\d{{1,2}}|{EN_CARDINAL_ALTS})\s+(?:places?|spots?|positions?|notch(?:es)?)\b"
)
# The level a change ends at: "fell 2.1 points to 68.8", "rose 3 points to 70 points" (read
# right after the change; without a unit of its own, the change's unit).
EN_CHANGE_TO_SCORE_RE = re.compile(
    r"\s+to\s+(?:a score of\s+)?(?P<v>\d{1,3}(?:\.\d+)?)(?![\d,]|\.\d)\s*(?P<u>percent|%|points?)?"
)
EN_DOWN_WORDS = ("down", "fell", "falling", "dropped", "dropping", "slid", "sliding", "moving down",
                 "moved down", "lost", "losing", "a fall of", "a drop of", "lower", "slipped",
                 "slipping", "declined", "declining", "tumbled", "a loss of", "decreased",
                 "a decline of", "a slide of", "fallen", "gone down", "plunged", "plummeted", "sank", "sunk",
                 "slumped")  # fmt: skip
EN_SCORE_CHANGE_RE = re.compile(
    r"\b(?P<dir>adding|added|gaining|gained|up|rose|rising|climbed|increased|improved|"
    r"an increase of|a rise of|a gain of|down|fell|falling|dropped|declined|decreased|"
    r"a drop of|a fall of|a decline of|lost|losing)(?:\s+by)?\s+"
    r"(?P<v>\d{1,3}(?:\.\d+)?)\s*(?P<u>percentage points?|points?|percent|%)"
    r"|(?P<v2>\d{1,3}(?:\.\d+)?)\s*(?P<u2>percentage points?|points?|percent|%)\s+"
    r"(?P<dir2>more|higher|less|lower|above|below)\b"
)

# A unit's own move, told right after its name (a bracket about the unit may stand
# between): "(-5,31%)", "ở mức tăng lớn nhất (+1,8%)", "tăng mạnh nhất với 7,45%", "giảm sâu
# nhất, mất 3,2%". A percentage there is the unit's change, not a metric, though the
# sentence names no index.
CHANGE_AFTER_NAME_RE = re.compile(
    r"\s*(?:\([^()]{1,40}\)\s*)?"
    r"(?:\(\s*[+\-–−]\s*"
    r"|(?:o\s+)?muc\s+(?:tang|giam)\s+(?:lon|nho|cao|thap|manh|sau)\s+nhat\s*\(\s*[+\-–−]?\s*"
    r"|(?:tang|giam)\s+(?:manh|nhieu|sau|cao|lon)\s+nhat\s*,?\s*(?:voi\s+|mat\s+|la\s+))"
)

# "(+5,83%)", "(-15,35%)" after a name: a signed change of that unit's score.
SIGNED_CHANGE_RE = re.compile(
    r"\(\s*(?P<sign>[+\-–−])\s*(?P<v>\d{1,3}(?:[.,]\d{1,3})?)\s*(?P<u>%|diem)\s*\)"
)
# Words that say the place was held: a rank change of 0 (eval/CONVENTIONS.md).
HELD_RE = re.compile(
    r"\b(?:giu vung vi tri|giu nguyen vi tri|giu nguyen thu hang|giu vung thu hang|giu vi tri|"
    r"khong thay doi (?:thu hang|vi tri)|"
    r"van giu (?:nguyen )?vi tri|retained|unchanged|held (?:on to )?(?:its|the) (?:place|position|top spot)|"
    r"kept its|maintained its|the same (?:place|position|rank|spot) as|"
    r"(?:continues|continued|continue) to (?:lead|top))\b"
    r"(?! trong (?:nhom|top|to p))"
)
# "tiếp tục dẫn đầu", "vẫn đứng đầu": first place, held.
HELD_LEAD_BEFORE_RE = re.compile(
    # "giữ vững ngôi đầu bảng", "giữ ngôi quán quân": the leader word holds "ngôi" itself
    r"\b(?:tiep tuc|van|van tiep tuc|giu vung ngoi|tiep tuc giu|giu vung|giu)\s*(?:la\s+)?$"
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

# Components (sub-indices, pillars, fields) reports name without quotes, from the
# vocabulary's "component" entries (llmx/data/vocab/component.toml, their one home): canonical
# Vietnamese name, the phrasings given that name, and those kept as the text writes them
# (English passages keep the English name, eval/CONVENTIONS.md; abbreviations are kept too),
# compiled for folded text. The "v" and "e" groups of KNOWN_COMPONENT_RE are the two kinds. Example:
# "chính quyền số đứng thứ 12" -> Chính quyền số. Those whose names are everyday phrases
# (attribute cue = "needed") are CUED_COMPONENTS below instead.
_NO_MATCH = r"$^"


def _component_entries(cued: bool) -> list[tuple[str, str, str]]:
    """(name, folded source of the phrasings that take the name, folded source of those kept
    as written: English ones, abbreviations) per component label, in declaration order;
    ``cued``: those read only after a cue, else the others."""
    by: dict[str, tuple[list[str], list[str]]] = {}
    for e in get_vocab().entries:
        if e.kind != "component" or e.attrs.get("cue") == "table":
            continue  # a short name read only where a table's header names its columns
        if (e.attrs.get("cue") == "needed") != cued:
            continue
        named, written = by.setdefault(e.label, ([], []))
        kept = e.lang == "en" or e.attrs.get("name") == "as written"
        (written if kept else named).append(folded_source(e.pattern))
    return [
        (name, "|".join(named) or _NO_MATCH, "|".join(written) or _NO_MATCH)
        for name, (named, written) in by.items()
    ]


KNOWN_COMPONENTS: list[tuple[str, str, str]] = _component_entries(cued=False)
KNOWN_COMPONENT_RE = re.compile(
    r"\b"
    + word_start_lookahead(p for _, vi, en in KNOWN_COMPONENTS for p in (vi, en))
    + "(?:"
    + "|".join(f"(?P<v{i}>{vi})|(?P<e{i}>{en})" for i, (_, vi, en) in enumerate(KNOWN_COMPONENTS))
    + ")"
)
# An English component name written longer than the vocabulary's phrase, up to the value
# its list item gives: "Transparency| in Local Decision-making (6.5 points)", "control of
# corruption| in the public sector and in business, 6.9 points", "legal institutions| and
# public order: 6.8 points" (the tail after "|"). Only words, at most ten, then the item's
# value in parentheses or after a comma or colon.
EN_COMPONENT_TAIL_RE = re.compile(
    r"(?:\s+[^\W\d_][^\W\d_'’/&-]*(?:['’/&-][^\W\d_]+)*){1,10}?(?=\s*(?:\(\s*\d|[,:]\s*\d))"
)
# Words a name does not go on with: they open a value or a clause ("Transparency rose to
# 6.1", "legal institutions with 7.2 points", "market entry was 7.1").
EN_COMPONENT_TAIL_STOP_RE = re.compile(
    r"\b(?:with|at|was|were|is|are|has|had|scored|scoring|scores|reached|reaching|rose|rising|"
    r"fell|falling|dropped|gained|lost|up|down|by|from|than|ranked|ranking|came|placed|stood|"
    r"got|earned|achieved|recorded|posted|totalled|totaled|averaged|hit|climbed|improved|"
    r"increased|decreased|declined|slipped|jumped|remained|stayed|kept|held|led|topped|"
    r"points?|percent|score|index|first|second|third|its|their|while|but|which|where)\b"
)
# A sentence in English: a component's tail is read only there (a Vietnamese name written
# as it is, "Cải cách TTHC", goes on with Vietnamese words, which these patterns do not know).
EN_FUNCTION_WORD_RE = re.compile(r"\b(?:the|of|and|in|on|points?)\b")
# A quoted name that opens on a known component and runs past it: “Impact of
# Administrative Reform on Citizens, Organizations and …” is one name.
EN_QUOTED_NAME_AFTER_RE = re.compile(r"(?P<name>[^\"“”\d]{1,200}?)[\"”]")
EN_QUOTE_BEFORE_RE = re.compile(r"[\"“]\s*$")

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
    r"components|dimensions|areas)(?:\s+of)?"
    # "ranked first on three dimensions: X (…), Y (…)", "dẫn đầu ở 3 chỉ số nội dung: X, Y"
    rf"|(?:\d|{VI_CARDINAL_ALTS}|{EN_CARDINAL_ALTS})\s+(?:dimensions|pillars|sub-indices|"
    r"sub-indexes|components|areas|chi so noi dung|chi so thanh phan|chi so|noi dung|tru cot|"
    r"linh vuc)(?=\s*:))\s*[:“\"(]?\s*"
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

# The indices each component belongs to, the usual one first (the entries' "index"
# attribute): a sentence that names no index and lists "lĩnh vực cải cách thủ tục hành chính"
# after a SIPAS sentence is about the PAR Index. A component missing here may belong to any
# index.
COMPONENT_INDICES: dict[str, tuple[str, ...]] = {
    e.label: tuple(e.attrs.get("index", "").split())
    for e in get_vocab().entries
    if e.kind == "component"
}

# Components whose names are everyday words ("mức độ hài lòng", "số hóa hồ sơ", the groups of
# the service index): read only where the text says a component follows ("nhóm chỉ số X",
# "chỉ số X") or in a list of sub-scores ("gồm: X 15,67 điểm; Y 19,31 điểm"). The service
# index's first group, "Công khai, minh bạch", is read anywhere (a known component) and in
# such lists too: the lists name all five groups.
CUED_COMPONENTS: list[tuple[str, str]] = [
    (name, vi)
    for name, vi, _ in _component_entries(cued=True)
    if vi != _NO_MATCH
]
CUED_COMPONENTS[:0] = [
    (name, vi) for name, vi, _ in KNOWN_COMPONENTS if "SERVICE_INDEX" in COMPONENT_INDICES[name]
]
_CUED_NAMES = "|".join(f"(?P<c{i}>{p})" for i, (_, p) in enumerate(CUED_COMPONENTS))
CUED_COMPONENT_RE = re.compile(
    # "chỉ số hài lòng về X", "mức độ hài lòng đối với X": SIPAS names its aspects so
    r"(?P<cue>\b(?:nhom chi so|nhom|chi so thanh phan|chi so|(?:(?:chi so|muc do|ty le|su) )?"
    r"hai long (?:ve|doi voi)) |(?<=gom:) |; )"
    rf"(?:{_CUED_NAMES})(?!\w)"
)
# A place taken in a field names the field after it, everyday name or not: "took first place
# in digital infrastructure", "came second in digital awareness" (English only: the
# Vietnamese "đứng thứ nhất về X" was tried, and its names clash with the labels the gold
# gives the ministries' main indices). The cue ends where the name starts;
# ``PLACE_IN_NEXT_FIELD_RE`` goes on to the next field of the same place when the
# preposition is repeated ("… and in digital institutions"), which says the one place is in
# both.
PLACE_IN_FIELD_CUE_RE = re.compile(
    rf"(?:\b(?:{_EN_ORD})(?:\s+(?:place|position|spot))?|\b(?:led|leads|topped|tops))"
    r"\s+(?:in|for|on)\s+(?:the\s+)?(?=\w)"
)
PLACE_IN_NEXT_FIELD_RE = re.compile(
    r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:in|for|on)\s+(?:the\s+)?"
)
_CUED_WRITTEN = [(name, en) for name, _, en in _component_entries(cued=True) if en != _NO_MATCH]
# Everyday names in either language, for the fields a place is taken in: group vN the name
# to give (the canonical one), eN one kept as written (English).
PLACE_FIELD_NAME_RE = re.compile(
    "(?:"
    + "|".join(
        [f"(?P<v{i}>{p})" for i, (_, p) in enumerate(CUED_COMPONENTS)]
        + [f"(?P<e{i}>{p})" for i, (_, p) in enumerate(_CUED_WRITTEN)]
    )
    + r")(?!\w)"
)
PLACE_FIELD_NAMES = {"v": [n for n, _ in CUED_COMPONENTS], "e": [n for n, _ in _CUED_WRITTEN]}
# In a list ("gồm: X 15,67 điểm; Y …") the name must be followed by its sub-score.
CUED_LIST_CUES = (" ", "; ")
SUB_SCORE_AFTER_RE = re.compile(r"\s+(?P<v>\d{1,3}[.,]\d{1,3})\s*diem\b")

# Indices published continuously (the service index's weekly and monthly tables): a result
# the text does not date is of the table the headline or lead names ("tuần 03/2024", "tháng
# 01/2024"), or, where the text reads it "as of" a day without a year ("Tới ngày 29/8"), of
# the year of the article's date ("29/08/2025").
LIVE_INDICES = ("SERVICE_INDEX",)
LIVE_PERIOD_YEAR_RE = re.compile(
    # "tuần 03/2024", "tháng 8-2025", "quý II/2024"
    r"\b(?:tuan|thang|quy)\s+(?:\d{1,2}|[ivx]+)\s*[/-]\s*(?P<y>(?:19|20)\d\d)\b"
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

# A rate named in a sentence (folded): percentages carried from it are the rate's.
RATE_NAMED_RE = re.compile(r"\b(?:ty le|rate|share of|percentage of)\b")
# Indices whose reporting writes the score as a percentage (the vocabulary's ``score_unit``).
PERCENT_SCORED = frozenset(
    c.label for c in get_vocab().concepts_of("index") if c.score_unit == "percent"
)
# "Phú Yên đạt 84,02%", "Nam Định (89,71%)", "Bạc Liêu: 79,02%", "Yên Bái với 86,6%": what
# may stand between a unit's name and its bare percentage score (folded text)...
SCORE_AFTER_NAME_GAP_RE = re.compile(
    r"\s*(?:\(\s*|:\s*|"
    # "A và B (có giá trị trung bình bằng nhau,) cùng đạt 85,42%": one value both hold
    r"(?:(?:co (?:gia tri|diem so|diem|ket qua)(?: trung binh)? bang nhau,?\s*)?(?:cung|deu)\s+)?"
    r"(?:dat duoc|dat muc|dat|voi|la|co ket qua|co diem)\s+)?"
)
# ... and what may follow it: the end of the clause, a place or a move, a comparison.
SCORE_AFTER_NAME_END_RE = re.compile(
    r"\s*(?:%|diem|percent\b|points?\b)?\s*(?:$|[),;.]|va\b|and\b|con\b|xep\b|dung\b|tang\b|"
    r"giam\b|cao hon\b|"
    r"thap hon\b|so voi\b)"
)

# Ordinal lists paired with their subjects by "lần lượt" / "respectively":
# "các vị trí thứ 5, 6 và 7 lần lượt thuộc về A, B và C", "A và B lần lượt xếp thứ 2 và thứ 3",
# "KTS và XHS lần lượt ở vị trí 18/63 và 30/63".
RESPECTIVELY_RE = re.compile(r"\blan luot\b|\brespectively\b")
_LIST_ITEM = rf"(?:thu\s+|vi tri\s+)?(?:\d{{1,3}}(?:/\d{{1,3}})?|{ORD_ALTS})\b"
# English: "A, B and C ranked first, second and third respectively", "were 4th and 9th".
_EN_LIST_ITEM = rf"(?:{_EN_ORD_ALTS}|\d{{1,2}}(?:st|nd|rd|th))\b"
RANK_LIST_RE = re.compile(
    rf"\b(?:vi tri|hang|thu|xep|dung)\s+{_LIST_ITEM}(?:\s*(?:,|va)\s*{_LIST_ITEM})+"
    rf"|\b(?:ranked|ranking|were|came|placed|finished|stood)\s+(?:in\s+)?(?:the\s+)?"
    rf"{_EN_LIST_ITEM}(?:\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?{_EN_LIST_ITEM})+"
)
RANK_LIST_ITEM_RE = re.compile(
    rf"(?P<n>\d{{1,3}}(?=st\b|nd\b|rd\b|th\b)|\d{{1,3}}\b|(?:{ORD_ALTS}|{_EN_ORD_ALTS})\b)"
    rf"(?:st|nd|rd|th)?(?:/(?P<t>\d{{1,3}}))?"
)

# Move lists paired the same way: "A, B và C lần lượt tăng 2, 3 và 5 bậc", "A and B rose 4
# and 7 places respectively". The direction's sign: RANK_DOWN_WORDS / EN_DOWN_WORDS.
MOVE_LIST_RE = re.compile(
    r"\b(?P<dir>tang|giam|tut|len|xuong|lui|thang|cai thien|rose|fell|climbed|dropped|slipped|"
    r"moved up|moved down|gained|lost|jumped|up|down)\s+(?:by\s+|them\s+|lan luot\s+)?"
    r"(?P<list>\d{1,2}(?:\s*(?:,\s*(?:and\s+|va\s+)?|and\s+|va\s+)\d{1,2})+)\s+"
    r"(?:bac|hang|vi tri|places?|spots?|positions?|notch(?:es)?)\b"
)

# A list of values with no unit at all, tied to its subjects by the cue right beside it:
# "at 72.13 and 72.40 respectively", "lần lượt là 45,12 và 44,30".
_BARE_DEC = r"\d{1,3}[.,]\d{1,4}"

def _bare_list(group: str) -> str:
    return (
        # joined by commas, "and" / "và", or semicolons ("lần lượt là 91,2; 90,1; 89,7")
        rf"(?P<{group}>{_BARE_DEC}(?:\s*(?:[,;]\s*(?:and\s+|va\s+)?|and\s+|va\s+){_BARE_DEC})+)"
        r"(?!\d|[.,]\d)(?!\s*(?:%|percent|per cent|points?|diem|trieu|ty|nghin|million|billion))"
    )


BARE_LIST_RE = re.compile(
    rf"\b(?:at|were|are|of|was)\s+{_bare_list('list')}(?=\s*,?\s*respectively\b)"
    rf"|\blan luot\s+(?:la|dat|co|dat duoc)\s+{_bare_list('list2')}"
)
BARE_LIST_ITEM_RE = re.compile(_BARE_DEC)

# A bound, not a measurement: "vượt ngưỡng 80%", "dưới 80%", "từ 90% trở lên", "(trên 80%)",
# "chưa tới 80%", "above 90 percent". Checked before and after the number.
BOUND_BEFORE_RE = re.compile(
    r"\b(?:nguong|duoi|tren|vuot|vuot muc|chua toi|chua dat|chua cham moc|moc|tu|den|den duoi|"
    r"tro len|above|below|over|under|at least|more than|less than)(?:\s+the)?\s*$"
)
BOUND_AFTER_RE = re.compile(r"^\s*(?:tro len|tro xuong|den duoi|den|-\s*\d)")

# Subjects that are several units ("5 tỉnh xếp trên …", "các địa phương đạt …"): a figure in
# such a clause is not the document's main entity's.
# A year is not a count: "năm 2018 tỉnh đạt 81,24%" is the province's earlier result.
PLURAL_SUBJECT_RE = re.compile(
    r"\b(?:(?!(?:19|20)\d\d\b)\d+|cac|nhung|nhieu|hai|ba|bon|nam)\s+"
    r"(?:tinh|dia phuong|bo|don vi|co quan(?! hanh chinh)|huyen|xa|"  # SIPAS: "… của các cơ quan hành chính"
    r"so|vung|provinces|localities|ministries)\b"
)
# A group after "trong", "among" that frames the place of the unit the clause after it
# refers back to ("Trong nhóm các tỉnh đồng bằng sông Cửu Long, tỉnh xếp thứ 10/13", "Among
# the 14 provinces of the region, the province ranked 4th"): the field the place is taken
# in, not a plural subject.
PLURAL_FRAME_RE = re.compile(
    r"\b(?:trong|giua|among|of)\s+(?:(?:nhom|khoi|so)\s+)?(?:the\s+)?(?:cac|\d+)\s+"
    r"(?:tinh|dia phuong|provinces|localities)\b[^,;.]{0,60},\s*"
    r"(?:tinh|dia phuong|thanh pho|the province|the city|it)\b"
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
# for participation at local levels", "second place in digital government".
# Vietnamese: "xếp thứ 3 cả nước về chỉ số thành phần X", "đạt 7,1 điểm ở lĩnh vực X" (no comma
# between: ", ở lĩnh vực X đạt …" opens a clause of its own).
COMPONENT_AFTER_VALUE_RE = re.compile(
    r"^\s*(?:points?\s+|place\s+|position\s+|spot\s+)?(?:for|in|on)\s+(?:the\s+)?$"
    r"|^\s*(?:diem\s+|%\s*)?(?:(?:ca nuoc|toan quoc)\s+)?(?:ve|o|tai)\s+"
    r"(?:(?:chi so thanh phan|chi so|linh vuc|noi dung|tieu chi|nhom chi so)\s+)?$"
    # "xếp thứ 3 lĩnh vực X": the field's lead word alone
    r"|^\s*(?:chi so thanh phan|linh vuc|noi dung|tieu chi|nhom chi so)\s+$"
)
BARE_FOR_COMPONENT_RE = re.compile(r"(?<![\d.,])(?P<v>\d{1,2}(?:\.\d{1,3})?)\s+for\s+(?:the\s+)?")
# An average or a spread, not the unit's own result ("the national SIPAS average of 83.94%",
# "bình quân của các xã … đạt 79,11%", "results ran from 73.81% to 95.26%").
# A gap between two units ("Chênh lệch giữa bộ cao nhất và bộ thấp nhất là 14,87%", "the gap
# between the top and bottom provinces was 20 points"): the value is the spread, no unit's.
GAP_BETWEEN_RE = re.compile(
    r"\b(?:chenh lech|khoang cach|the gap|the difference|the spread|the distance)\s+(?:diem\s+(?:so\s+)?)?"
    r"(?:giua|between)\b"
)
AVERAGE_BEFORE_RE = re.compile(
    r"\b(?:national average|average of|the average|averaged|median|"
    # "the departments' total average score was 85.97 points": the units' average
    r"(?:total )?average (?:total )?(?:score|index|value) (?:was|is|reached|stood at|of)|"
    r"national (?:[\w-]+ ){0,6}?(?:index|score)|"
    # "Tính bình quân cho cả 3 cấp, …": the average over the levels of a province's units
    r"(?:binh quan|trung binh) (?:chung|cua|ca nuoc|toan quoc|cac|63|khoi|cho)|"
    # "DTI cấp tỉnh bình quân năm 2021 đạt 0,4014": an average of the level named before it
    r"\bcap (?:tinh|bo|huyen|xa) binh quan|"
    r"gia tri trung binh|trung vi|muc chung)\b"
)
# The ends of a spread: "từ 75,03% đến 90,61%", "from 73.81% to 95.26%" (not "từ 85% trở lên").
RANGE_START_RE = re.compile(r"\b(?:from|between|tu|dao dong tu|trai tu)\s*$")
RANGE_NEXT_RE = re.compile(r"^\s*(?:den|to|and|-)\s*(?:duoi\s+|tren\s+|under\s+|below\s+)?\d")
RANGE_END_RE = re.compile(
    r"\b(?:from|between|tu)\s*\d[\d.,]*\s*(?:%|percent|diem|points?)?\s*(?:den|to|and|-)\s*$"
)
# A unit referred back to ("tỉnh này", "thành phố", "the province"): the last one of that kind.
ANAPHORA_RE = re.compile(
    r"\b(?:tinh|thanh pho|dia phuong|huyen|thi xa)(?: nay| do)?\b|\bbo (?:nay|do)\b"
    r"|\bthe (?:province|city|ministry|locality|district|department)\b"
)
# The province itself referred back to ("Chỉ số CCHC của tỉnh", "tỉnh xếp thứ 12", "the
# province ranked 12th"), not as the owner of its units ("các sở, ban, ngành tỉnh").
PROVINCE_ANAPHOR_RE = re.compile(
    r"\b(?:cua tinh|the province)\b(?!\s*(?:,\s*)?(?:[a-z]+\s+)?(?:departments?|units?|agencies))"
    r"|(?:^|,\s)tinh (?:da |van |tiep tuc |cung )?(?:dat|xep|dung|tang|giam|len|lui|thang|tut)\b"
)
ANAPHORA_LEVELS: dict[str, tuple[str, ...]] = {
    "tinh": ("province",), "thanh": ("province", "district"), "dia": ("province",),
    "huyen": ("district",), "thi": ("district",), "bo": ("ministry",), "so": ("department",),
    "province": ("province",), "city": ("province", "district"), "locality": ("province",),
    "ministry": ("ministry",), "district": ("district",), "department": ("department",),
}  # fmt: skip
# "up from 15th out of 63 in the 2022 assessment": the start of a move, a result of its own.
# "rose to 13th from 25th in 2022" (no comma) counts as a start only after a move verb too.
# The words that date an earlier value one edition back (also EN_PRIOR_FROM_RE's).
_EN_BACK = r"(?:a year (?:earlier|before|ago)|the (?:previous|preceding|prior) year|last year)"
EN_RANK_FROM_RE = re.compile(
    # "rose to 21st from 30th a year earlier": the start told after the end
    rf"(?:\b(?:up|down|rising|climbing|falling|dropping)|(?<=\dst|\dnd|\drd|\dth)|(?P<comma>,?))"
    rf" from (?:the\s+)?(?P<a>{_EN_ORD})"
    r"(?:\s+place)?(?:\s+(?:out\s+)?of\s+(?P<t>\d{2,3}))?"
    rf"(?:\s+in\s+(?:the\s+)?(?P<y>(?:19|20)\d\d)|\s+(?P<back>{_EN_BACK}))?"
)
# "moved from 20th in 2020 to 9th in 2021", "rose from fifth to second place": a move with
# both ends, as RANK_FROM_TO_RE reads "từ thứ 20 lên thứ 9".
# Each end may carry its score: "from 44th place with 64.11 points in 2019 to 62nd place with
# 59.85 points in 2022".
_EN_END_SCORE = r"(?:\s+with\s+(?P<v{}>\d{{1,3}}(?:\.\d{{1,3}})?)\s*(?P<u{}>points?|percent|%))?"
EN_RANK_FROM_TO_RE = re.compile(
    rf"\bfrom (?:the\s+)?(?P<a>{_EN_ORD})(?:\s+place)?(?:\s+(?:out\s+)?of\s+(?P<ta>\d{{2,3}}))?"
    + _EN_END_SCORE.format("a", "a")
    + r"(?:\s+in\s+(?:the\s+)?(?P<ya>(?:19|20)\d\d))?,?\s+to\s+(?:the\s+)?"
    rf"(?P<b>{_EN_ORD})(?:\s+place)?(?:\s+(?:out\s+)?of\s+(?P<tb>\d{{2,3}}))?"
    + _EN_END_SCORE.format("b", "b")
    + r"(?:\s+in\s+(?:the\s+)?(?P<yb>(?:19|20)\d\d))?"
)
# A move verb: ", from 13th in 2022" starts a move only after one ("rose to 6th place, from …").
EN_MOVE_VERB_RE = re.compile(
    r"\b(?:rose|fell|moved|climbed|jumped|slipped|dropped|advanced|improved|rising|falling|risen|fallen|"
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
    # "đạt 0,45, xếp thứ 10", "eighth in digital government (0.4449)": a value on the 0-1
    # scale (DTI) with its place beside it, or alone in brackets
    r"|\b(?:voi|dat|at|with)\s+(?P<v9>0[.,]\d{2})(?=\s*,\s*(?:xep|dung|ranked|ranking|placing)\b)"
    r"|\((?P<v10>0[.,]\d{2,4})\)"
    # "…, scoring 0.68": a DTI value on the 0-1 scale named as the unit's score
    r"|\b(?:scoring|scored)\s+(?P<v7>0\.\d{2,4})(?!\d|\.\d)(?!\s*(?:%|points?|percent))"
    # "đứng thứ hai với 72,8", "dẫn đầu với 0,6321": the value beside a place is its score
    rf"|\b(?:thu (?:{ORD_ALTS}|\d{{1,2}})(?:/\d{{2,3}})?|dan dau|dung dau)(?:\s+(?:ca nuoc|toan quoc))?"
    r",?\s+voi\s+(?P<v8>\d{1,3},\d{1,4})(?!\d|[.,]\d)"
    r"(?!\s*(?:%|diem|trieu|ty|nghin|ho so|phieu|nguoi|doanh nghiep))"
    # "with a score of 70.1", "an overall score of 42.1": English names the value a score.
    r"|\b(?:an?|its|the)\s+(?:overall\s+|total\s+|final\s+|aggregate\s+)?(?:score|index|value)\s+of\s+"
    r"(?P<v3>\d{1,3}\.\d{1,4})(?!\d|\.\d)(?!\s*(?:%|percent|points?))"
    r"(?!\s+(?:for|in|on|out of)\b)"  # "a score of 5.2 for transparency": a component's
    # "scored 92.36 out of 100"; "third with 84.42" (English writes the decimal with a dot)
    r"|\bscor(?:ed|ing)\s+(?P<v5>\d{1,3}\.\d{1,3})(?=\s+out of 100\b)"
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
# What makes a counted group a top group, right after it ("nhóm 10 địa phương có chất lượng
# điều hành tốt nhất", "the 30 provinces with the best governance"): not a ranking's size.
# So does a band of scores: "among the 15 localities in the upper-medium band".
TOP_GROUP_AFTER_RE = re.compile(
    r"[^,;.()]{0,60}?\b(?:tot nhat|cao nhat|dan dau|with the (?:best|highest|top)|best|highest"
    r"|band|tier)\b"
)
# The top and bottom score of a ranking whose size the sentence states ("Trong 16 đơn vị, điểm
# cao nhất thuộc về X …, thấp nhất là Y", "X đạt điểm cao nhất …, Y có điểm thấp nhất"):
# first and last place.
BLOC_HIGHEST_RE = re.compile(
    r"\b(?:(?:dat|co|gianh)\s+)?(?:diem|muc diem|diem so|so diem|ket qua)\s+cao nhat\b"
    r"|\bcao nhat(?=\s+thuoc ve\b)"
)
BLOC_LOWEST_RE = re.compile(
    r"\b(?:(?:dat|co)\s+)?(?:diem|muc diem|diem so|ket qua)\s+thap nhat\b"
    r"|(?:,|\bcon)\s+thap nhat(?=\s+(?:la|thuoc ve)\b)"
)
# Last place in words: "đứng cuối bảng", "xếp cuối", "finished last", "at the bottom".
LAST_PLACE_RE = re.compile(
    r"\b(?:dung cuoi(?: bang| cung)?|xep cuoi(?: bang| cung)?|cuoi bang|o vi tri cuoi(?: cung)?|"
    # "came in last place", "was placed last", "took the last spot", "sat at the bottom"
    r"(?:finished|ranked|came|placed|was|stood|took|occupied)(?: in)?(?: the)? last"
    r"(?: place| position| spot)?|in (?:the )?last (?:place|position|spot)|at the bottom)\b"
)

# ---- English passages (issue 10) ---------------------------------------------------------
# Words that give an English rank without a digit ("Da Nang topped the ranking", "Ho Chi
# Minh City was second"): a sentence holding one may state an index result.
EN_RANK_WORD_HINT = rf"\b(?:topped|tops|led|headed|{_EN_ORD_ALTS})\b"
# A place told in words as a result, closed by punctuation or a ranking word ("Quang Ninh came
# first.", "Hanoi was second, having moved up", "came second with"): in a paragraph about
# one ranking, a place even where the sentence does not name it ("was first to open" is not).
EN_PLACE_CLAUSE_RE = re.compile(
    rf"\b(?:came|was|were|finished|ranked|placed|stood)\s+(?:{_EN_ORD_ALTS})\b"
    r"(?=\s*(?:[,.;]|$|(?:with|among|overall|nationally|nationwide|behind|ahead|after)\b"
    # "was first for the fifth straight year", "came first again", "was first in the country"
    r"|for (?:the )?\w+ (?:(?:straight|consecutive|successive) )?(?:years?|time)\b|again\b"
    r"|in (?:the )?(?:country|nation|region|rankings?)\b))"
)
# A bound or an earlier value, not the unit's score: "scored above 90 percent", "3 exceeded
# 90 percent", "the only one below 80 percent", "up from 80.08%" (checked before the number).
EN_BOUND_BEFORE_RE = re.compile(
    r"\b(?:above|below|over|under|exceeded|exceeding|exceed|surpassed|more than|less than|than|"
    r"at least|at most|up to|from|between|maximum of|a maximum|out of)"
    r"(?:\s+the)?\s*$"  # "above the 80% benchmark"
)
# "the index", "the rankings": the index the passage last named ("Quang Ninh topped the index
# for the third time"), however many sentences back.
EN_INDEX_ANAPHORA_RE = re.compile(r"\bthe (?:index|rankings?)\b")
# A score told after its unit's name in an English clause ("Kien Giang … at 79.97 percent",
# "the Ministry of Science and Technology … with 78.72 percent"): the unit's own result even
# where the sentence does not name the index.
EN_SCORE_FRAME_BEFORE_RE = re.compile(
    r"\b(?:with|at|scored|scoring|reached|posted|got|received|earned)\s+(?:just\s+|only\s+)?"
    # "with an index of 0.7362", "scored a value of 0.61"
    r"(?:(?:an?|the|its)\s+(?:index|score|value|rating)\s+of\s+)?$"
    # "had the lowest score, 75 percent", "the highest result, at 91.2%"
    r"|\bthe (?:lowest|highest|best|worst) (?:score|result)s?,?\s+(?:at\s+|of\s+)?$"
)
# The subject named after its place in English: "first-placed Hai Phong", "Second place went
# to the Ministry of National Defence" (matched on what lies between the place and the name).
EN_SUBJECT_AFTER_RANK_RE = re.compile(
    r"^(?:-(?:placed|ranked)\s+|\s*(?:[- ]plac(?:e|ed)\s+)?(?:went to|was taken by|belonged to|"
    r"goes to"
    # "In third place was (the northern province of) Thai Nguyen"
    r"|(?<=place )(?:was|is|came))\s+(?:the\s+)?"
    r"(?:(?:[a-z-]+\s+){0,2}(?:province|city|municipality|ministry|locality) of\s+)?)$"
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
# The words that date an earlier value one edition back: "a year earlier", "the previous
# year", "last year".
_EN_THEN = rf"(?:(?:in|for)\s+(?:the\s+)?(?P<y>(?:19|20)\d\d)\b|(?P<back>{_EN_BACK}))"
# An earlier year's score told as the start of a change or the point compared with: "up from
# 61.2 points in 2022", "compared with 82.1% a year earlier", "against 80.5 percent last year".
# A number counts only with a unit or a decimal ("from 5 in 2022" may be a place).
EN_PRIOR_FROM_RE = re.compile(
    r"\b(?:from|compared (?:with|to)|against|versus|vs\.?)\s+(?:the\s+)?(?:a\s+score\s+of\s+)?"
    r"(?P<v>\d{1,3}\.\d+|\d{1,3}(?=\s*(?:percent|%|points?)))\s*(?P<u>percent|%|points?)?,?\s+"
    + _EN_THEN
)
# An earlier year's place told on its own: "a year earlier it was fifth", "in 2022 the
# province ranked 9th", "compared with 12th place in 2022".
EN_PRIOR_RANK_RE = re.compile(
    rf"\b(?:{_EN_THEN.replace('(?P<y>', '(?P<y1>').replace('(?P<back>', '(?P<back1>')}),?\s+"
    r"(?:it|the (?:province|city|ministry|locality|agency))\s+(?:was|ranked|came|stood|finished|placed)"
    rf"\s+(?:in\s+)?(?:the\s+)?(?P<r1>{_EN_ORD})\b(?!\s+(?:year|time|consecutive|straight|in a row))"
    rf"|\bcompared (?:with|to)\s+(?:the\s+)?(?P<r2>{_EN_ORD})(?:\s+place)?,?\s+" + _EN_THEN.replace(
        "(?P<y>", "(?P<y2>").replace("(?P<back>", "(?P<back2>")
    # "(it was 43/63 in 2018)", "(it was 12th in 2022)": the earlier place in brackets, after
    # the current one
    + r"|\(\s*(?:it|the (?:province|city|ministry|locality|agency))\s+(?:was|ranked|came|stood)\s+"
    rf"(?:the\s+)?(?P<r3>{_EN_ORD}|\d{{1,2}}(?=\s*/))(?:\s*/\s*(?P<t3>\d{{2,3}}))?(?:\s+place)?"
    r"\s+(?:in|for)\s+(?P<y3>(?:19|20)\d\d)\s*\)"
)
# The English month names, as one group for the date patterns that need them.
EN_MONTHS = (
    "(?:january|february|march|april|may|june|july|august|september|october|november|december)"
)
# An English date before a year ("April 10, 2024", "10 April 2024", "May 2024"): the day
# a ranking was published, not the year it measures.
EN_DATE_BEFORE_RE = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s+"
    r"(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?$"
)
# "Its score was 91.5%", "The province's overall score stood at 47.2 points": the score of
# the unit the previous sentence ranked, in the index it named.
EN_ITS_SCORE_BEFORE_RE = re.compile(
    r"\b(?:its|the (?:province|city|ministry|locality)'s)\s+(?:(?:overall|total|final|\d{4})\s+)?"
    r"(?:score|result|rating)\s+(?:was|stood at|reached|hit|of|came to)\s+$"
)
# A sentence whose subject is the country's figure ("The national Satisfaction Index … stood
# at 84.45%"): no unit's own result.
EN_NATIONAL_SUBJECT_RE = re.compile(r"^\W*(?:the\s+)?(?:national|nationwide|overall|country's)\b")
# A unit named only by where it stands ("the weakest province scored 36 points", "the
# top-ranked city"): some other unit than the article's, its name not told.
EN_SUPERLATIVE_SUBJECT_RE = re.compile(
    r"\bthe (?:weakest|strongest|lowest|highest|best|worst|bottom|top|leading|last)"
    r"(?:[- ](?:ranked|performing|placed|scoring))? (?:provinces?|localit(?:y|ies)|cit(?:y|ies)|"
    r"ministr(?:y|ies)|units?)\b"
)
# A unit told only by its place in a Vietnamese clause ("tỉnh tăng mạnh nhất được 9,39%",
# "tỉnh giảm sâu nhất là 2,91%", "đơn vị thấp nhất đạt 70%"): some unit the text does not
# name, at the clause's start.
VI_SUPERLATIVE_SUBJECT_RE = re.compile(
    r"(?:^\s*|[,;:]\s*)(?:va\s+|con\s+)?(?:tinh|thanh pho|dia phuong|don vi|bo|huyen|xa|so)"
    r"(?:\s+[a-z]+){1,3}\s+nhat\b"
)
# The same in Vietnamese, anywhere before the value in its clause: the figure of the whole
# country's respondents ("mức độ hài lòng chung của người dân cả nước … đạt 82,66%", "Tính
# chung toàn quốc, điểm trung bình đạt …", "Chỉ số SIPAS chung của cả nước … là …"), and the
# ends of the field's spread at a clause's start ("mức cao nhất là 48,06 điểm và mức thấp nhất
# 37,22 điểm"), told with no unit named.
NATIONAL_SUBJECT_RE = re.compile(
    r"\btinh chung (?:ca nuoc|toan quoc|63 tinh)\b"
    # "DTI quốc gia năm 2023 đạt 0,7326", "chỉ số chuyển đổi số quốc gia": the country's index
    r"|\b(?:dti|chi so(?: [a-z]+){0,5}?) quoc gia\b(?! (?:ve|cua|tai|o)\b)"
    r"|\bchi so \w+(?: index)? chung (?:cua )?(?:ca nuoc|toan quoc)\b"
    r"|\b(?:nguoi dan|doanh nghiep|to chuc)(?:,? (?:va )?(?:to chuc|doanh nghiep))? "
    r"(?:tren )?(?:ca nuoc|toan quoc)\b"
    r"|(?:^\W*|[:,]\s*)(?:va\s+)?(?:muc|diem|muc diem|diem so) (?:cao nhat|thap nhat)\b"
    r"|(?:^\W*|[:,]\s*)(?:and\s+)?the (?:highest|lowest) (?:score|result|figure)\b"
)
# "Xét trên phạm vi toàn quốc, …", "Ở cấp quốc gia, …": a sentence framed on the country as a
# whole, every clause of it (matched at the sentence's start).
NATIONAL_FRAME_RE = re.compile(
    r"\W*(?:xet\s+)?(?:tren|o)\s+(?:pham vi|cap|binh dien|quy mo)\s+(?:ca nuoc|toan quoc|quoc gia)\s*,"
)
# The whole country as a clause's subject ("Dù có những điểm sáng, cả nước vẫn chưa hoàn
# thành mục tiêu", "Trên cả nước, …", "Nationwide, …", "The country still fell short"): the
# owner of the paragraph's next figures that name no unit (rules/metrics.py). Not where the
# country is what a unit is compared with or ranked in ("so với cả nước", "dẫn đầu cả nước"):
# those follow a word, not a clause's start.
NATION_AS_SUBJECT_RE = re.compile(
    r"(?:^\W*|[,:;]\s*)(?:(?:tren|trong|tinh chung|o)\s+)?(?:ca nuoc|toan quoc)\b"
    r"|(?:^\W*|[,:;]\s*)(?:nationwide|across the country|the (?:whole )?country)\b"
)
# A list of values paired in order with a list of units by "respectively" / "lần lượt": "A, B
# and C saw their index fall, by 0.49 percent, 0.51 percent and 1.94 percent respectively".
# Items of either list are joined by commas and "and" / "và" (a value's unit may sit between);
# a move verb before the values makes them changes, with its sign.
LIST_JOIN_RE = re.compile(
    # "the Ministry of Justice and the Ministry of Health": English units carry "the"
    r"^\s*(?:%|percent|points?|diem)?\s*(?:,\s*(?:and\s+|va\s+)?|and\s+|va\s+)(?:the\s+)?$"
)
# Values (never units) may also be joined by semicolons: Vietnamese decimals take the comma,
# so outlets write "lần lượt đạt 91,2; 90,1 và 89,7 điểm".
VALUE_LIST_JOIN_RE = re.compile(
    r"^\s*(?:%|percent|points?|diem)?\s*(?:[,;]\s*(?:and\s+|va\s+)?|and\s+|va\s+)$"
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
