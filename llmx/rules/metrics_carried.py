"""Rates named once and given again: for other units in the paragraph's later sentences
("Năm 2023, tỷ lệ hồ sơ đúng hạn của tỉnh A đạt 97,2%. Xếp sau là B (95,1%)"), for blocs
of units ("Khối bộ, ngành đạt 63,47%": the country's rate, named "… của khối bộ, ngành") and
against a goal ("…, thấp hơn mục tiêu 60%": the goal of that rate).

The words that attach a value to a unit, the blocs and the goal cues are the vocabulary's
(``metric`` entries ``attached_value``, ``bloc_subject``, ``goal_of_rate``,
``name_superlative``, ``name_owner_cut``); this module says where they must stand. A value
takes a carried name only when its unit stands right before it with nothing between but
those words: "B tăng 5%" is B's change, not B's level of the rate (precision first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from llmx.core.textnorm import fold, fold_keep_offsets
from llmx.core.vocab import Entry, get_vocab
from llmx.rules import lexicon as lx
from llmx.rules.entities import EntityMention
from llmx.rules.metrics_en import CountedUnits

# A clause's start: a bloc must open its clause ("…; khối tỉnh, thành phố chỉ đạt 18,54%").
# "ở" opens a bloc's clause too: "tỷ lệ … của tỉnh ở cấp huyện đạt 97%" is the rate at that level.
# (a report's verb opens the clause it reports: "Số liệu … cho thấy khối bộ, ngành có …")
_CLAUSE_OPEN = re.compile(
    r"(?:^|[;.:]\s+|,\s+|\s(?:và|còn|trong khi|ở|cho thấy|cho biết)\s+)$", re.IGNORECASE
)
_CLAUSE_OPEN_WINDOW = 12
_GOAL_WINDOW = 50
_BLOC_WINDOW = 60
_ATTACH_WINDOW = 40
_COMMA_BEFORE = re.compile(r"[,(]\s*$")  # a restated figure follows a comma or a bracket
_BRACKET_BEFORE = re.compile(r"\(\s*$")
_RATE_HEAD = re.compile(r"^(?:tỷ lệ|tỉ lệ)\s+", re.IGNORECASE)
_NOT_THE_PERIOD_BEFORE = re.compile(r"\b(?:so voi|cung ky|hon|den|toi|het|tu)\s*$")
_COUNT_HEAD = re.compile(r"^(?:số|tổng số)\s+", re.IGNORECASE)
# A list item ("- 100% …", "+ Tối thiểu 80% …", "• …", "a) …"); folded or not.
# A rate named in a headline: its head and the words up to a break ("tỷ lệ hồ sơ trực tuyến
# toàn trình"), with no number in them.
_HEADLINE_RATE = re.compile(r"\b(?:tỷ|tỉ) lệ(?: [^\W\d_]+){2,10}", re.IGNORECASE)
_HEADLINE_WORDS = 20
# Where a headline's rate stops naming what is measured: its owner or its period.
_TOPIC_END = re.compile(r"\s(?:của|tại|ở|năm|trong|cao nhất|thấp nhất)\s", re.IGNORECASE)


def _is_headline(line: str) -> bool:
    """A short line without final punctuation (the extractor's heading test)."""
    stripped = line.rstrip()
    if len(stripped) > _HEADLINE_WORDS * 12:
        return False  # too long for a headline: no need to count its words
    return len(stripped.split()) <= _HEADLINE_WORDS and not stripped.endswith(
        (".", "!", "?", "…", ":", ";")
    )


_LIST_ITEM = re.compile(r"^\s*(?:[-+•*–]\s|[a-zđ0-9]\)\s)", re.IGNORECASE)
_GOAL_YEAR = re.compile(r"\b(?:den|toi)\s+(?:het\s+|cuoi\s+)?nam\s+((?:19|20)\d\d)\b")
_ANY_YEAR = re.compile(r"\bnam\s+((?:19|20)\d\d)\b")
# A paragraph that goes on counting the last one's units ("The other 10 score between …").
_GOES_ON = re.compile(r"^\s*(?:the\s+)?(?:other|remaining)\s+\d", re.IGNORECASE)


@dataclass
class MetricMemory:
    """What a document's earlier lines say about the values of the current one: the rate the
    paragraph named last (its name without its owner), for its later values that name none
    (nothing carries across a paragraph), and whether the line is an item of a list of goals
    ("Kế hoạch năm 2025 đề ra các chỉ tiêu:" then "- 100% thủ tục …;"), with the goals' year.
    One per document; ``new_paragraph`` is told every line in order."""

    name: str | None = None
    topic: str | None = None  # the rate the article's headline names, for the whole article
    # short forms the article defines for a count's unit ("hồ sơ (HS)"): alias -> unit
    aliases: dict[str, str] = field(default_factory=dict)
    counted: CountedUnits | None = None  # the units the paragraph's last English count counted
    bloc_size: int | None = None  # how many ministries the article's English bloc has
    surveyed: str | None = None  # who a survey the paragraph named asked ("citizens")
    # the article's main unit is a ministry its headline does not name: the publisher of
    # the figures its sentences give without an owner, not their owner
    main_reports: bool = False
    goal_list: bool = False
    goal_year: int | None = None
    # the period shorter than a year (as the text writes it, and its year) that the headline
    # or lead sets for the whole article, and the one an earlier sentence of the paragraph set
    lead_period: tuple[str, int] | None = None
    # the year of the date the lead opens on ("on August 31, 2024"): "this year" of the text
    dateline_year: int | None = None
    period: tuple[str, int] | None = None
    # an earlier sentence of the paragraph made the whole country its subject ("Dù có những
    # điểm sáng, cả nước vẫn chưa hoàn thành mục tiêu."), and no sentence since named a unit:
    # the owner of the next figures that name none, not the article's main unit
    nation_subject: bool = False
    _lead_done: bool = False  # the lead paragraph has been read: no later one sets the article's
    _opens_goals: tuple[bool, int | None] = (False, None)  # the last line's, for the next

    def new_paragraph(self, line: str) -> None:
        # "The other 10 score between …" opening a paragraph: the last paragraph's units
        goes_on = self.counted if _GOES_ON.match(line) else None
        self.name, self.counted, self.surveyed = None, goes_on, None
        self.period = None
        self.nation_subject = False
        if not self._lead_done:
            # "Hòa Bình: tỷ lệ giải quyết hồ sơ 9 tháng năm 2022 đạt 96,6%", "Tháng 10-2020,
            # Trung tâm … tiếp nhận …": the period the article reports on
            if not lx.DATELINE_YEAR_RE.match(fold(line)):  # "Tháng 01/2025": when published
                self.lead_period = self.lead_period or stated_period(line)
            self._lead_done = not _is_headline(line)
        if self.topic is None and _is_headline(line):
            # "Hà Nam dẫn đầu cả nước về tỷ lệ hồ sơ trực tuyến toàn trình": the rate a
            # headline is about names the article's values that name none
            head = _HEADLINE_RATE.search(line)
            if head is not None:
                self.topic = _TOPIC_END.split(head.group(0), maxsplit=1)[0].rstrip()
        item = bool(_LIST_ITEM.match(line))
        opens, year = self._opens_goals
        if not item:
            self.goal_list, self.goal_year = False, None
        elif opens:
            self.goal_list, self.goal_year = True, year
        f = fold(line).rstrip() if line.rstrip().endswith(":") else ""
        if f and lx.TARGET_RE.search(f):
            # the goals a list's lead sets: the year it sets them for, else the one it names
            by = _GOAL_YEAR.search(f) or _ANY_YEAR.search(f)
            self._opens_goals = (True, int(by.group(1)) if by else None)
        elif not item:
            self._opens_goals = (False, None)


def stated_period(text: str, before: int | None = None) -> tuple[str, int] | None:
    """The first period shorter than a year that ``text`` (up to ``before``) gives as the time
    of its figures, as written, with its year: "quý I/2023", "9 tháng năm 2022", "Tháng
    10-2020" (lower-cased). A period compared with ("So với tháng 9-2020") or the end of a
    running total ("Cộng dồn đến hết tháng 4/2025") is not one."""
    f = fold_keep_offsets(text)  # offsets into ``text``
    for m in lx.SUB_YEAR_PERIOD_RE.finditer(f, 0, len(f) if before is None else before):
        if _NOT_THE_PERIOD_BEFORE.search(f, max(0, m.start() - 14), m.start()):
            continue
        said = text[m.start() : m.end()]
        return f"{said[0].lower()}{said[1:]}", int(m.group(0)[-4:])
    return None


@dataclass(frozen=True)
class Carried:
    """A carried name for one value: the name, and whose the value is (None: the unit the
    value is attached to is the sentence's usual owner for it)."""

    name: str
    owner: EntityMention | None = None
    is_goal: bool = False
    start: int = 0  # where the unit or bloc it is attached to starts


@cache
def _matchers(label: str) -> tuple[tuple[Entry, re.Pattern[str]], ...]:
    vocab = get_vocab()
    return tuple(
        (e, vocab.matcher(e)) for e in vocab.entries if e.kind == "metric" and e.label == label
    )


def _attached(gap: str) -> bool:
    """Whether the words between a unit and a value make the value that unit's own."""
    gap = gap.strip()
    return gap == "" or any(rx.fullmatch(gap) for _, rx in _matchers("attached_value"))


def goal_before(original: str, pos: int) -> bool:
    """Whether a goal cue ends right before the value at ``pos`` ("thấp hơn mục tiêu 60%")."""
    start = max(0, pos - _GOAL_WINDOW)
    window = original[start:pos].rstrip()
    for _, rx in _matchers("goal_of_rate"):
        for m in rx.finditer(window):
            if m.end() == len(window):
                return True
    return False


def equivalent_before(original: str, pos: int) -> bool:
    """Whether the value at ``pos`` restates the figure before it in another unit
    ("…đạt 35,2%, tương ứng với hơn 41.000 hồ sơ")."""
    window = original[max(0, pos - _GOAL_WINDOW) : pos].rstrip()
    return any(
        m.end() == len(window)
        and (_BRACKET_BEFORE if e.attrs.get("bracket") else _COMMA_BEFORE).search(
            window, 0, m.start()
        )
        for e, rx in _matchers("equivalent_value")
        for m in rx.finditer(window)
    )


def count_of_rate(rate: str, unit: str) -> str:
    """The name of the count a rate restates ("tỷ lệ hồ sơ giải quyết trước hạn", "hồ sơ"
    -> "số hồ sơ giải quyết trước hạn"; "tỷ lệ thanh toán trực tuyến" -> "số hồ sơ thanh
    toán trực tuyến")."""
    noun = _RATE_HEAD.sub("", rate, count=1)
    if fold(noun).startswith(fold(unit)):
        return f"số {noun}"
    return f"số {unit} {noun}"


def rate_of_count(count: str) -> str:
    """The name of the share a count restates ("số xã, phường đạt chuẩn" -> "tỷ lệ xã,
    phường đạt chuẩn")."""
    return f"tỷ lệ {_COUNT_HEAD.sub('', count, count=1)}"


def attached_unit(original: str, pos: int, ents: list[EntityMention]) -> EntityMention | None:
    """The unit named right before the value at ``pos`` ("Cà Mau (95,1%)", "Bộ Y tế chỉ đạt
    40,1%"), or None."""
    before = [e for e in ents if e.end <= pos and pos - e.end <= _ATTACH_WINDOW]
    if not before:
        return None
    last = before[-1]
    return last if _attached(original[last.end : pos]) else None


def bloc_before(
    original: str, pos: int, province: EntityMention | None
) -> tuple[str, EntityMention | None, int] | None:
    """The bloc that opens the clause of the value at ``pos`` and is attached to it
    ("Khối bộ, ngành đạt 63,47%"): its words as written, whose the figure is (the country;
    for a bloc inside a province, ``province``) and where the bloc starts, or None."""
    start = max(0, pos - _BLOC_WINDOW)
    best: tuple[Entry, re.Match[str]] | None = None
    # a level of government ("cấp huyện đạt 97%") is a bloc inside the province too
    for entry, rx in (*_matchers("bloc_subject"), *_matchers("government_level")):
        for m in rx.finditer(original, start, pos):
            if (
                best is None
                or m.end() > best[1].end()
                or (m.end() == best[1].end() and m.start() < best[1].start())
            ):
                best = (entry, m)
    if best is None:
        return None
    entry, m = best
    if not _attached(original[m.end() : pos]):
        return None
    if not _CLAUSE_OPEN.search(original, max(0, m.start() - _CLAUSE_OPEN_WINDOW), m.start()):
        return None
    words = m.group(0)
    if words[1:2].islower():  # "Khối bộ, ngành" opening a sentence; "UBND …" stays
        words = words[0].lower() + words[1:]
    if entry.attrs.get("owner") == "nation":
        return words, EntityMention(0, 0, "Việt Nam", "nation"), m.start()
    return words, province, m.start()


def carried_name(
    original: str,
    pos: int,
    ents: list[EntityMention],
    carried: str | None,
    last_in_sentence: tuple[str, EntityMention | None] | None,
    province: EntityMention | None,
) -> Carried | None:
    """The name a value with no name of its own takes from what the paragraph said before:
    a goal takes the rate given just before it, a bloc's value the rate named with the bloc,
    a unit's attached value the rate itself. None when the value is not placed so."""
    if goal_before(original, pos):
        if last_in_sentence is not None:
            return Carried(last_in_sentence[0], last_in_sentence[1], True)
        if carried is not None:
            return Carried(carried, None, True)
    if carried is None:
        return None
    unit = attached_unit(original, pos, ents)
    if unit is not None:
        return Carried(carried, unit, start=unit.start)
    bloc = bloc_before(original, pos, province)
    if bloc is not None:
        words, owner, at = bloc
        return Carried(f"{carried} của {words}", owner, start=at)
    return None


def without_owner(name: str, ents: list[EntityMention]) -> str:
    """A rate's name without how a unit ranks on it ("… cao nhất thuộc về huyện A") or whose
    it is ("… của Cà Mau"): where either starts, the name stops."""
    cut = len(name)
    for _, rx in _matchers("name_superlative"):
        m = rx.search(name)
        if m is not None and m.start() > 0:
            cut = min(cut, m.start())
    for _, rx in _matchers("name_tail"):
        m = rx.search(name)
        if m is not None and m.start() > 0:
            cut = min(cut, m.start())
    folded = fold(name)
    for e in ents:
        # a unit's name inside a rate's name ("tỷ lệ hồ sơ trực tuyến năm 2023, huyện A"):
        # whose it is, not what is measured; the name stops before it
        at = folded.find(fold(e.name))
        if at > 0:
            cut = min(cut, at)
    names = [fold(e.name) for e in ents]
    for _, rx in _matchers("name_owner_cut"):
        for m in rx.finditer(name):
            rest = fold(name[m.end() :]).lstrip()
            if any(n and rest.startswith(n) for n in names):
                cut = min(cut, m.start())
    return name[:cut].rstrip(" ,;:-–")


# The patterns above, with the first-character guard and the required-text filter
# (llmx.core.scanre): same matches, fewer tries.
from llmx.core.scanre import guard_patterns  # noqa: E402 - after the patterns it guards

guard_patterns(globals())
