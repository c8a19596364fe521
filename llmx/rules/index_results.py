"""Index results from one sentence: ranks, scores and their changes, grouped into records.

A sentence is read as a stream of events (subjects: index, component, entity; values: rank,
score, changes; scope markers) and cut into records wherever a new subject follows a value or
a value repeats (a national rank followed by a regional one makes two records).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from llmx.core.numbers import parse_vn_number, says_held
from llmx.core.scanre import all_matches
from llmx.core.textnorm import fold
from llmx.core.vocab import get_vocab
from llmx.rules import lexicon as lx
from llmx.rules.entities import EntityMention

# Vietnamese ordinal words ("thứ ba" -> 3) are the vocabulary's (lexicon.VI_ORDINALS).
_ORD = lx.VI_ORDINALS


@dataclass(slots=True)
class Event:
    start: int
    end: int
    kind: str  # index | component | entity | bloc | rank | rank_change | score | score_change |
    # prior | scope | target
    data: dict = field(default_factory=dict)


@dataclass(slots=True)
class Draft:
    """A record being assembled; turned into an IndexResult by the extractor."""

    index: str | None = None
    component: str | None = None
    entity: EntityMention | None = None
    year: int | None = None
    score: float | None = None
    score_unit: str | None = None
    rank: int | None = None
    rank_total: int | None = None
    rank_change: int | None = None
    score_change: float | None = None
    scope: str | None = None
    is_target: bool = False
    first_value_at: int = -1
    span_end: int = 0
    not_year: int | None = None  # a year the sentence names that is not this record's
    rank_from: int | None = None  # the start of a stated move ("từ thứ 12 lên thứ 6")
    year_back: bool = False  # an earlier value with no year: the year before the record's
    orphan: bool = False  # values whose subject a clause break cut off: not emitted
    entity_own: bool = False  # the entity was named for this draft, not carried from the last
    component_own: bool = False  # the component was named for this draft
    unstated_move: bool = False  # "từ 7,28 lên 7,57 điểm" with no year: the edition's move
    score_change_unit: str | None = None  # "percent" or "points", as the change was written
    # The subject is a bloc ("khối bộ"), until a unit is named: no record, and its numbers
    # are left to the metrics (the bloc's average).
    bloc: bool = False
    # An earlier place's scope is its move's ("trong vùng, từ thứ 6 lên thứ 4": 6th in the
    # region too): the scope of the place the move leads to, when that one has a scope.
    parent_scope: str | None = None

    def has_value(self) -> bool:
        return any(
            v is not None for v in (self.score, self.rank, self.rank_change, self.score_change)
        )


def _free(mask: list[bool], s: int, e: int) -> bool:
    return not any(mask[s:e])


def _take(mask: list[bool], s: int, e: int) -> None:
    for i in range(s, e):
        mask[i] = True


_DOT_THOUSANDS = re.compile(r"\d{1,3}\.\d{3}")


def _num(raw: str) -> float | None:
    """An index value as written. "48.811" is 48811 in Vietnamese but no index result is in
    the thousands (scores are at most 100, ranks three digits): it is English's 48.811."""
    if _DOT_THOUSANDS.fullmatch(raw.strip()):
        return float(raw)
    return parse_vn_number(raw)


# The value groups of SCORE_NO_UNIT_RE's alternatives: v, v2, v3, …
_SCORE_NO_UNIT_GROUPS = tuple(g for g in lx.SCORE_NO_UNIT_RE.groupindex if re.fullmatch(r"v\d*", g))


_NOT_A_SCORE_BEFORE_RE = re.compile(
    r"(?:tang|giam|hon|khoang|thu|(?<!diem )so|nguong|moc|duoi|thieu|chiem)\s*$"
)


def _clause_around(f: str, pos: int) -> tuple[int, int]:
    """The clause holding ``pos``: cut at semicolons and colons."""
    start = max(f.rfind(";", 0, pos), f.rfind(":", 0, pos)) + 1
    ends = [i for i in (f.find(";", pos), f.find(":", pos)) if i >= 0]
    return start, min(ends) if ends else len(f)


def _count(raw: str) -> int:
    """A count of places in digits or in words ("5", "năm", "five")."""
    return int(raw) if raw.isdigit() else lx.CARDINALS[raw]


# After "xếp hạng N", the units a ranking ranks (plural, with no place told): "xếp hạng 63
# tỉnh, thành phố", "xếp hạng 20 sở, ngành".
_RANKS_UNITS_AFTER_RE = re.compile(
    r"\s*(?:tinh|thanh pho|dia phuong|don vi|co quan|so|huyen|bo|xa|phuong)\b"
    r"(?:,|\s+(?:va|tren|cua|ca))"
)
_MEDIAN_BEFORE_RE = re.compile(r"\btrung vi\s*[(:,]?\s*(?:la\s+|o\s+)?(?:vi tri\s+)?$")
_MEDIAN_AFTER_RE = re.compile(r"\s*\(\s*(?:la\s+)?(?:vi tri\s+)?trung vi\b")


def scan_values(f: str, mask: list[bool]) -> list[Event]:
    """Value events in folded sentence ``f``; consumed spans are marked in ``mask``."""
    ev: list[Event] = []

    def add(m: re.Match[str], kind: str, data: dict, group: int | str = 0) -> None:
        s, e = m.span(group)
        if _free(mask, s, e):
            _take(mask, s, e)
            ev.append(Event(s, e, kind, data))

    for m in lx.PAREN_PRIOR_RE.finditer(f):
        # "năm 2021 (82,58 điểm)", "mức 84,74% của năm 2022", "(năm 2021 đạt 83,15%)"
        alt = next(k for k in ("", "2", "3", "4") if m.group("v" + k))
        v = _num(m.group("v" + alt))
        if v is not None:
            unit = "percent" if alt != "4" and m.group("u" + alt) == "%" else "points"
            add(m, "prior", {"year": int(m.group("y" + alt)), "score": v, "unit": unit})
    for m in lx.PAREN_PRIOR_RANK_RE.finditer(f):
        alt = "" if m.group("r") else "2"
        if _free(mask, m.start(), m.end()):
            _take(mask, m.start(), m.end())
            total = m.group("t" + alt)
            ev.append(
                Event(m.start("r" + alt), m.end(), "prior_rank",
                      {"year": int(m.group("y" + alt)), "rank": int(m.group("r" + alt)),
                       "total": int(total) if total else None})
            )  # fmt: skip
    for m in lx.BACK_PAREN_PRIOR_RE.finditer(f):
        v = _num(m.group("v"))
        if v is not None:
            unit = "percent" if m.group("u") == "%" else "points"
            add(m, "prior", {"year": None, "score": v, "unit": unit, "back": True})
    for m in lx.BACK_PAREN_PRIOR_RANK_RE.finditer(f):
        if _free(mask, m.start(), m.end()):
            _take(mask, m.start(), m.end())
            alt = "" if m.group("r") else "2"
            total = m.group("t" + alt)
            ev.append(
                Event(m.start("r" + alt), m.end(), "prior_rank",
                      {"year": None, "rank": int(m.group("r" + alt)),
                       "total": int(total) if total else None, "back": True})
            )  # fmt: skip
    for m in all_matches(lx.SCORE_FROM_TO_RE, f):  # measured_years scans f too
        a, b = _num(m.group("a")), _num(m.group("b"))
        if a is None or b is None:
            continue
        unit = "percent" if m.group("ub") == "%" else "points"
        s0 = m.start("b")
        if not _free(mask, m.start(), m.end()):
            continue
        _take(mask, m.start(), m.end())
        yb = int(m.group("yb")) if m.group("yb") else None
        # "từ 90,30% (năm 2021) xuống 82,18%": a bracketed start's year dates it alone, and
        # the move ends a year later
        if yb is None and m.group("pa") and m.group("ya"):
            yb = int(m.group("ya")) + 1
        ev.append(Event(s0, m.end(), "score", {"value": b, "unit": unit, "year": yb,
                                               "unstated": yb is None}))  # fmt: skip
        ya = int(m.group("ya")) if m.group("ya") else (yb - 1 if yb else None)
        ev.append(Event(m.end(), m.end(), "prior", {"year": ya, "score": a, "unit": unit,
                                                   "back": ya is None}))  # fmt: skip
    for m in lx.SCORE_CHANGE_RE.finditer(f):
        v = _num(m.group("v"))
        if v is not None:
            sign = -1 if m.group("dir") in lx.SCORE_DOWN_WORDS else 1
            unit = "percent" if m.group("u") == "%" else "points"
            add(m, "score_change", {"value": sign * v, "unit": unit}, "v")
            _take(mask, m.start(), m.end())
    for m in lx.UNITLESS_CHANGE_AFTER_SCORE_RE.finditer(f):
        v = _num(m.group("v"))
        if v is not None:
            sign = -1 if m.group("dir").startswith(("giam", "down")) else 1
            add(m, "score_change", {"value": sign * v, "unit": "points"}, "v")
    for m in lx.SIGNED_CHANGE_RE.finditer(f):
        v = _num(m.group("v"))
        if v is not None:
            sign = 1 if m.group("sign") == "+" else -1
            unit = "percent" if m.group("u") == "%" else "points"
            add(m, "score_change", {"value": sign * v, "unit": unit}, "v")
            _take(mask, m.start(), m.end())
    for m in lx.HELD_RE.finditer(f):
        # Not masked: "giữ vững vị trí thứ 5" also states the place itself. Only where the
        # vocabulary's hold phrasings read it too: grounding checks the 0 against them.
        if says_held(m.group(0)):
            ev.append(Event(m.start(), m.start(), "rank_change", {"value": 0}))
    for m in lx.NUMBER_ONE_RE.finditer(f):
        add(m, "rank", {"rank": 1, "total": None, "change": None})
    for m in lx.EN_SCORE_CHANGE_RE.finditer(f):
        second = m.group("v") is None
        v = _num(m.group("v2" if second else "v"))
        if v is not None:
            word = m.group("dir2" if second else "dir")
            sign = -1 if word in lx.EN_DOWN_WORDS or word in ("less", "below") else 1
            u = m.group("u2" if second else "u")
            unit = "percent" if u.startswith(("percent", "%")) else "points"
            add(m, "score_change", {"value": sign * v, "unit": unit}, "v2" if second else "v")
            _take(mask, m.start(), m.end())
            to = lx.EN_CHANGE_TO_SCORE_RE.match(f, m.end())
            level = _num(to.group("v")) if to else None
            if to and level is not None:
                u = to.group("u") or ""
                add(to, "score", {"value": level, "unit": unit if not u else
                                  "percent" if u in ("%", "percent") else "points"}, "v")
    for m in lx.EN_SCORE_CHANGE_NOUN_RE.finditer(f):
        second = m.group("v") is None
        v = _num(m.group("v2" if second else "v"))
        if v is not None:
            sign = -1 if m.group("dir2" if second else "dir") in lx.EN_SCORE_DOWN_NOUNS else 1
            u = "points" if second else m.group("u")
            unit = "percent" if u.startswith(("percent", "%")) else "points"
            # "named": the phrase says whose index moved, like a score after its unit's name
            add(m, "score_change", {"value": sign * v, "unit": unit, "named": True},
                "v2" if second else "v")  # fmt: skip
            _take(mask, m.start(), m.end())
    for m in lx.EN_PRIOR_SCORE_RE.finditer(f):
        v = _num(m.group("v"))
        if v is not None:
            unit = "points" if not m.group("u") or m.group("u").startswith("point") else "percent"
            add(m, "prior", {"year": int(m.group("y")), "score": v, "unit": unit})
    for m in lx.EN_PRIOR_FROM_RE.finditer(f):
        v = _num(m.group("v"))
        if v is not None:
            u = m.group("u") or ""
            unit = "percent" if u in ("%", "percent") else "points"
            year = int(m.group("y")) if m.group("y") else None
            add(m, "prior", {"year": year, "score": v, "unit": unit, "back": year is None})
    for m in lx.EN_PRIOR_RANK_RE.finditer(f):
        alt = next(k for k in ("1", "2", "3") if m.group("r" + k))
        raw = m.group("r" + alt)
        year = int(m.group("y" + alt)) if m.group("y" + alt) else None
        total = m.group("t3") if alt == "3" else None
        if _free(mask, m.start(), m.end()):
            _take(mask, m.start(), m.end())
            ev.append(
                Event(m.start("r" + alt), m.end(), "prior_rank",
                      {"year": year, "back": year is None, "total": int(total) if total else None,
                       "derive": alt == "3",  # the bracketed earlier place of the one just told
                       "rank": lx.EN_ORDINALS.get(raw) or int(re.sub(r"\D", "", raw))})
            )  # fmt: skip
    for m in lx.EN_RANK_FROM_TO_RE.finditer(f):
        # Before the single places below take either end.
        a = lx.EN_ORDINALS.get(m.group("a")) or int(re.sub(r"\D", "", m.group("a")))
        b = lx.EN_ORDINALS.get(m.group("b")) or int(re.sub(r"\D", "", m.group("b")))
        stated = m.group("tb") or m.group("ta")
        if not _free(mask, m.start(), m.end()):
            continue
        _take(mask, m.start(), m.end())
        start_year, end_year = m.group("ya"), m.group("yb")
        # "from 44th in 2019 to 62nd in 2022": a move over several editions is no change on
        # the edition before
        over_years = bool(start_year and end_year and int(end_year) - int(start_year) > 1)
        ev.append(Event(m.start("b"), m.end(), "rank",
                        {"rank": b, "total": int(stated) if stated else None,
                         "change": None if over_years else a - b,
                         "year": int(end_year) if end_year else None}))  # fmt: skip
        ev.append(Event(m.start("a"), m.end("ya") if start_year else m.end("a"), "prior_rank",
                        {"year": int(start_year) if start_year else None, "rank": a,
                         "back": start_year is None,
                         "total": int(m.group("ta")) if m.group("ta") else None}))  # fmt: skip
        for end in ("a", "b"):  # each end's own score ("from 44th place with 64.11 points …")
            score = _num(m.group("v" + end)) if m.group("v" + end) else None
            if score is None:
                continue
            unit = "points" if m.group("u" + end).startswith("point") else "percent"
            said = m.group("y" + end)
            end_year_of = int(said) if said else None
            if end == "b":
                ev.append(Event(m.start("vb"), m.end("vb"), "score",
                                {"value": score, "unit": unit, "year": end_year_of}))  # fmt: skip
            else:
                ev.append(Event(m.start("va"), m.end("va"), "prior",
                                {"year": end_year_of, "score": score, "unit": unit,
                                 "back": end_year_of is None}))  # fmt: skip
    for m in lx.EN_RANK_CHANGE_RE.finditer(f):
        alt = next(k for k in ("", "2", "3", "4") if m.group("n" + k))
        second = alt != ""
        n = _count(m.group("n" + alt))
        word = m.group("dir" + alt) or "up"  # "lifting it 6 places": up, unless "down"
        if alt == "3":
            word = "down" if word in ("fall", "drop", "decline", "slide", "slip") else "up"
        value = -n if word in lx.EN_DOWN_WORDS else n
        if _free(mask, m.start(), m.end()):
            add(m, "rank_change", {"value": value})
        else:  # "a drop of 5.66% and of 31 places": the verb is the score change's too
            add(m, "rank_change", {"value": value}, "n" + alt)
    past = [b.span() for b in lx.EN_BRACKETED_PAST_RE.finditer(f)] if "(" in f else []
    for m in lx.EN_RANK_RE.finditer(f) if lx.EN_RANK_HINT_RE.search(f) else ():
        if any(a <= m.start("r") < b for a, b in past):
            continue  # "(the department was 6th in 2022)": an earlier place, not this year's
        raw = m.group("r")
        r = lx.EN_ORDINALS.get(raw) or int(re.sub(r"\D", "", raw))
        t = int(m.group("t")) if m.group("t") else None
        if t is not None and r > t:
            continue
        add(m, "rank", {"rank": r, "total": t, "change": None}, "r")
        if m.group("v"):
            v = _num(m.group("v"))
            if v is not None:  # "(seventh, 69.08)": the score beside the place
                ev.append(Event(m.start("v"), m.end("v"), "score", {"value": v, "unit": "points"}))
                _take(mask, m.start("v"), m.end("v"))
    for m in lx.EN_SCORE_THEN_PLACE_RE.finditer(f) if "(" in f else ():
        # "Kien Giang (63.55, third place)": the score beside the place, told first
        v = _num(m.group("v"))
        if v is not None and _free(mask, m.start("v"), m.end("v")):
            unit = "percent" if "%" in m.group(0) or "percent" in m.group(0) else "points"
            ev.append(Event(m.start("v"), m.end("v"), "score", {"value": v, "unit": unit}))
            _take(mask, m.start("v"), m.end("v"))
    for m in lx.EN_RANK_BARE_RE.finditer(f):
        add(m, "rank", {"rank": int(m.group("r")), "total": None, "change": None}, "r")
    for m in lx.EN_RANK_SLASH_RE.finditer(f):
        r, t = int(m.group("r")), int(m.group("t"))
        if r <= t:
            add(m, "rank", {"rank": r, "total": t, "change": None}, "r")
            _take(mask, m.start("r"), m.end("t"))
    for m in lx.EN_LEADER_RE.finditer(f):
        add(m, "rank", {"rank": 1, "total": None, "change": None, "leader": True})
    for m in (*lx.EN_RUNNER_UP_RE.finditer(f), *lx.RUNNER_UP_RE.finditer(f)):
        add(m, "rank", {"rank": 2, "total": None, "change": None})
    for m in lx.RANK_FROM_TO_RE.finditer(f):
        a, b = int(m.group("a")), int(m.group("b"))
        total = m.group("tb") or m.group("ta")
        year_b = re.match(r"\s*(?:trong |cua |vao |o )?nam\s+((?:19|20)\d\d)", f[m.end() :])
        add(m, "rank", {"rank": b, "total": int(total) if total else None, "change": a - b,
                        "year": int(year_b.group(1)) if year_b else None})  # fmt: skip
        compared = _compared_years(f)
        undated = not m.group("ya") and not year_b
        if undated and len(compared) == 1 and ev and ev[-1].start == m.start():
            # "vượt 34 bậc so với năm 2020, từ vị trí thứ 47 lên thứ 13": the move starts at
            # the place of the one year compared with, a result of its own.
            ev.append(
                Event(m.start("a"), m.end("a"), "prior_rank",
                      {"year": compared.pop(), "rank": a,
                       "total": int(m.group("ta")) if m.group("ta") else None})
            )  # fmt: skip
        elif m.group("ya") and ev and ev[-1].start == m.start():
            # "từ vị trí thứ 12 năm 2020 lên thứ 6": the start of the move is the earlier
            # year's own result.
            ev.append(
                Event(m.start("a"), m.end("ya"), "prior_rank",
                      {"year": int(m.group("ya")), "rank": a,
                       "total": int(m.group("ta")) if m.group("ta") else None})
            )  # fmt: skip
        elif ev and ev[-1].start == m.start():
            # "tăng từ thứ 27 lên thứ 8" with no year: the start is the previous edition's.
            ev.append(
                Event(m.start("a"), m.end("a"), "prior_rank",
                      {"year": None, "rank": a, "back": True,
                       "total": int(m.group("ta")) if m.group("ta") else None})
            )  # fmt: skip
    for m in lx.RANK_AFTER_SCORE_CHANGE_RE.finditer(f):
        n = int(m.group("n"))
        sign = -1 if m.group("dir") in lx.RANK_DOWN_WORDS else 1
        add(m, "rank_change", {"value": sign * n}, "n")
    for m in lx.EN_RANK_FROM_RE.finditer(f):
        if m.group("comma") is not None and not lx.EN_MOVE_VERB_RE.search(f, 0, m.start()):
            continue  # ", from 13th" with no move before it: a list or a range, not a start
        raw = m.group("a")
        a = lx.EN_ORDINALS.get(raw) or int(re.sub(r"\D", "", raw))
        if _free(mask, m.start(), m.end()):
            _take(mask, m.start(), m.end())
            ev.append(
                Event(m.start("a"), m.end(), "prior_rank",
                      {"year": int(m.group("y")) if m.group("y") else None, "rank": a,
                       "total": int(m.group("t")) if m.group("t") else None, "derive": True,
                       "back": m.group("back") is not None})
            )  # fmt: skip
    for m in lx.MOVE_LIST_RE.finditer(f):
        # "lần lượt tăng 2, 3 và 5 bậc": a list, held whole until `respectively` gives each
        # move to its subject (or drops it: no guess whose move each one is).
        add(m, "rank_change", {"value": None, "move_list": True})
    for m in lx.RANK_CHANGE_RE.finditer(f):
        n = _count(m.group("n"))
        sign = -1 if m.group("dir") in lx.RANK_DOWN_WORDS else 1
        add(m, "rank_change", {"value": sign * n})
    for m in lx.RANK_RE.finditer(f):
        r = int(m.group("r"))
        t = int(m.group("t")) if m.group("t") else None
        after = f[m.end() : m.end() + 40]
        # "đạt 88 điểm", "xếp 3 lĩnh vực", "đứng 2 năm liền" are not ranks.
        # But "thứ" makes it a place: "xếp thứ 2 Chỉ số CCHC", "thứ 3 lĩnh vực X", "xếp thứ
        # 5 năm 2023" name what the place is in.
        ordinal = re.search(r"\bthu\s", m.group(0)) is not None
        if re.match(r"\s*(?:[.,]\d|diem|%|nam|linh vuc|chi so|thang|ngay|lan)", after) and not (
            ordinal and re.match(r"\s*(?:linh vuc|chi so|nam (?:19|20)\d\d)\b", after)
        ):
            continue
        if (
            not ordinal
            and t is None
            and re.search(r"\bxep hang\s*$", f[m.start() : m.start("r")])
            and _RANKS_UNITS_AFTER_RE.match(after)
        ):
            continue  # "đánh giá và xếp hạng 63 tỉnh, thành phố": the units ranked, no place
        if _MEDIAN_BEFORE_RE.search(f, max(0, m.start() - 20), m.start()) or _MEDIAN_AFTER_RE.match(
            f, m.end()
        ):
            # "vị trí trung vị (thứ 31)": the median place, nobody's result ("thấp hơn điểm
            # trung vị 1,18 điểm, đứng thứ 52" compares a score with the median: the place
            # after it is the unit's)
            continue
        # "năm thứ 8 liên tiếp", "lần thứ 3": a count of editions, not a place.
        if m.group(0).startswith("thu ") and re.search(
            r"\b(?:nam|lan|ky|quy|thang|dot|khoa)\s*$", f[max(0, m.start() - 8) : m.start()]
        ):
            continue
        if t is None:
            tm = lx.TOTAL_RE.match(after)
            if tm:
                t = int(tm.group("t"))
        if t is not None and r > t:
            continue
        add(m, "rank", {"rank": r, "total": t, "change": None})
    for m in lx.RANK_LAST_RE.finditer(f):
        t = int(m.group("t") or m.group("t2"))
        add(m, "rank", {"rank": t, "total": t, "change": None})
    for m in lx.RANK_WORD_RE.finditer(f):
        word = m.group(1) or m.group(2) or m.group(3) or m.group(4)
        # "thứ hai là X": the place names its unit after it (a new subject, not the last one's)
        add(m, "rank", {"rank": _ORD[word], "total": None, "change": None,
                        "subject_after": m.group(2) is not None})  # fmt: skip
    for m in lx.BARE_PLACE_AFTER_NAME_RE.finditer(f):
        clause_start = max(f.rfind(",", 0, m.start()), f.rfind(";", 0, m.start()))
        if clause_start < 0 or not lx.RANKED_BEFORE_RE.search(f, 0, clause_start):
            continue
        add(m, "rank", {"rank": _ORD[m.group(1)], "total": None, "change": None})
    for m in lx.LEADER_RE.finditer(f):
        if re.search(
            r"(?:mot trong|nhom|top|top|trong so)\b[^.;]{0,50}$",
            f[max(0, m.start() - 60) : m.start()],
        ):
            continue  # "một trong 15 tỉnh đứng đầu" is a group, not first place
        if _LEADS_A_GROUP_RE.match(f, m.end()):
            continue  # "đứng đầu nhóm này là Thái Bình": first of a middle group, no place
        if re.search(
            r"\b(?:tung|truoc day)\s+(?:\w+\s+){0,2}$",
            f[max(0, m.start() - 24) : m.start()],
        ):
            continue  # "tỉnh từng dẫn đầu nhiều năm": a lead of the past, not this edition's
        if re.search(
            rf"(?<![/\d])\b(?:\d+|{lx.VI_CARDINAL_ALTS}|cac|nhung)\s+(?:tinh|bo|"
            r"dia phuong|don vi|so|huyen|thanh pho|co quan|vi tri|provinces|ministries)\b"
            # "Ba bộ, ngành dẫn đầu", "5 tỉnh, thành phố dẫn đầu": the group's two-part name
            r"(?:\s*,\s*(?:nganh|thanh pho|thanh|co quan|dia phuong)\b)?[^.;,:]{0,12}$",
            f[max(0, m.start() - 40) : m.start()],
        ) or re.match(r"\s+(?:\S+\s+){0,4}?ve (?:ty le|so luong|so)\b", f[m.end() : m.end() + 40]):
            # "ba bộ dẫn đầu", "hai vị trí dẫn đầu", "dẫn đầu khối về tỷ lệ hồ sơ": a group, or a
            # metric's lead
            continue
        if re.search(
            r"\b(?:kem|thua|sau|hon|voi|so voi|cua|la)\s+"
            r"(?:(?:don vi|tinh|dia phuong|bo|nguoi|nhom|co quan)\s+)?$",
            f[max(0, m.start() - 30) : m.start()],
        ):
            continue  # "kém đơn vị dẫn đầu 11,92%": the leader is someone else
        # "tiếp tục dẫn đầu": the place held, where the vocabulary's "hold" phrasings say so
        # (grounding reads the change from them; "vẫn dẫn đầu" states the place, not a hold)
        held = bool(
            lx.HELD_LEAD_BEFORE_RE.search(f, max(0, m.start() - 24), m.start())
        ) and says_held(f[max(0, m.start() - 24) : m.end()])
        add(m, "rank", {"rank": 1, "total": None, "change": None, "leader": True, "held": held})
    for m in lx.SCORE_NO_UNIT_RE.finditer(f):
        group = next(g for g in _SCORE_NO_UNIT_GROUPS if m.group(g))
        v = _num(m.group(group))
        if v is not None and v <= 100:
            add(m, "score", {"value": v, "unit": "points"}, group)
    for m in lx.BARE_FOR_COMPONENT_RE.finditer(f):
        # "5.45 for transparency": a sub-score in an English list, its field named after it.
        if lx.KNOWN_COMPONENT_RE.match(f, m.end()):
            v = _num(m.group("v"))
            if v is not None:
                add(m, "score", {"value": v, "unit": "points"}, "v")
    for m in all_matches(lx.CUED_COMPONENT_RE, f):  # as _cued_components does
        # "gồm: …; số hóa hồ sơ 16,64 điểm": the sub-score right after its field's name
        # (read here, since "hồ sơ 16,64" folds like "số 16,64", a number and not a score).
        sub = lx.SUB_SCORE_AFTER_RE.match(f, m.end())
        if sub is not None and m.group("cue") in lx.CUED_LIST_CUES:
            v = _num(sub.group("v"))
            if v is not None:
                add(sub, "score", {"value": v, "unit": "points"}, "v")
    for m in lx.EN_RANK_FOR_COMPONENT_RE.finditer(f):
        # "9th for Digital Government": a place in a list of pillars, its field named after it.
        if lx.KNOWN_COMPONENT_RE.match(f, m.end()):
            raw = m.group("r")
            r = lx.EN_ORDINALS.get(raw) or int(re.sub(r"\D", "", raw))
            add(m, "rank", {"rank": r, "total": None, "change": None}, "r")
    method_clauses = [_clause_around(f, m.start()) for m in lx.METHOD_AFTER_RE.finditer(f)]
    for m in lx.SCORE_RE.finditer(f):
        v = _num(m.group("v"))
        if v is None or v > 100:
            continue
        s = m.start("v")
        before = f[max(0, s - 12) : s]
        # "điểm số 93,08%" is the score itself, no bound.
        if _NOT_A_SCORE_BEFORE_RE.search(before):
            # a change, a threshold ("vượt ngưỡng 80%", "chưa chạm mốc 80%"), a bound, or a
            # part's weight ("điều tra xã hội học chiếm 37,5 điểm"), not a score
            continue
        if _BAND_BOUND_BEFORE_RE.search(f, max(0, s - 40), s):
            continue  # "nhóm A, có Chỉ số trên 90%": a band's bound (a goal "đạt trên 85%" stays)
        if lx.EN_BOUND_BEFORE_RE.search(f, max(0, s - 14), s):
            continue  # "scored above 90 percent": the English bound
        clause = f[max(0, s - 90) : s]
        clause = re.split(r"[,;](?!\d)", clause)[-1]
        if lx.GAP_BEFORE_RE.search(clause):
            continue
        near = f[max(0, s - 60) : s]
        rate = near[near.rfind("ty le") :] if "ty le" in near else ""
        if rate and "chi so" not in rate and not _SCORE_SHARE_RE.fullmatch(rate):
            continue  # "nâng tỷ lệ hồ sơ trực tuyến lên 70%" is a metric, not a score
        if _EN_RATE_OF_BEFORE_RE.search(f, max(0, s - 40), s):
            continue  # "a response rate of 45.5 percent": a metric, not a score
        if (
            lx.RANGE_START_RE.search(f, max(0, s - 16), s) and lx.RANGE_NEXT_RE.match(f[m.end() :])
        ) or lx.RANGE_END_RE.search(f, max(0, s - 40), s):
            continue  # "dao động từ 75,03% đến 90,61%": the ends of a spread
        if lx.AVERAGE_BEFORE_RE.search(f, max(0, s - 40), s) and not lx.REGION_CUE_RE.search(f):
            continue  # "the national SIPAS average of 83.94%": many units' figure, a metric
        if (
            lx.RANGE_START_RE.search(f, max(0, s - 16), s)
            and lx.BOUND_AFTER_RE.match(f[m.end() :])
            and not lx.TARGET_RE.search(f, 0, s)
        ):
            continue  # "nhóm A từ 90% trở lên": a band's lower bound (a goal's is kept)
        if any(a <= s < b for a, b in method_clauses):
            continue  # "68 points were assessed from reports and 32 through a survey": how
            # the index is built
        if lx.SHARE_AFTER_RE.match(f, m.end()):
            continue  # "38,5% doanh nghiệp cho biết …": a share of respondents, a metric
        unit = "percent" if m.group("u") in ("%", "percent") else "points"
        add(m, "score", {"value": v, "unit": unit}, "v")
        _take(mask, m.start("v"), m.end())
    ev += _bare_in_parentheses(f, mask, ev)
    ev += last_places(f, mask, stated_total(f) or _last_place_total(f))
    return ev


# Between two names of a list ("A (90,1 điểm), B và C"), and between its last name and a
# leader word that the whole list shares ("… cùng dẫn đầu", "… đồng dẫn đầu").
_LIST_JOIN_RE = re.compile(r"\s*(?:\([^()]{0,40}\))?\s*(?:,|va\b|and\b)\s*")
_LIST_TO_LEADER_RE = re.compile(
    r"\s*(?:\([^()]{0,40}\))?\s*(?:(?:cung|deu|dong|tiep tuc|van|jointly|all)\s+)*"
)


# After a leader word, a group is named as its subject ("đứng đầu là các tỉnh, thành phố A,
# B", "dẫn đầu là những địa phương …"): the units at the top, none of them first.
_GROUP_AFTER_LEADER_RE = re.compile(
    r"\s*(?:la|thuoc ve)\s+(?:cac|nhung|nhom)\s+(?:\d+\s+)?(?:tinh|thanh pho|dia phuong|bo|so|"
    r"huyen|don vi|co quan)\b"
)


def drop_group_leads(f: str, values: list[Event], entities: list[EntityMention]) -> list[Event]:
    """Leader words ("dẫn đầu", "led") that follow a list of two or more names joined by
    commas or "và", or that a group follows as their subject ("đứng đầu là các tỉnh A, B"):
    the group leads, so the word gives none of them first place."""
    spans = sorted((e.start, e.end) for e in entities)

    def listed_before(pos: int) -> bool:
        last = next((i for i in range(len(spans) - 1, -1, -1) if spans[i][1] <= pos), None)
        if last is None or not _LIST_TO_LEADER_RE.fullmatch(f, spans[last][1], pos):
            return False
        prev = last - 1
        return prev >= 0 and bool(_LIST_JOIN_RE.fullmatch(f, spans[prev][1], spans[last][0]))

    return [
        v
        for v in values
        if not (
            v.kind == "rank"
            and v.data.get("leader")
            and (listed_before(v.start) or _GROUP_AFTER_LEADER_RE.match(f, v.end))
        )
    ]


# Right after the last name of a list, a word saying the place that follows is shared:
# "A và B cùng đứng thứ 12", "A và B đồng hạng 12", "A and B tied for ninth".
_SHARED_PLACE_RE = re.compile(
    # "A và B có giá trị (trung bình) bằng nhau, cùng đạt …", "A and B, with the same score, …"
    r"(?:\s*(?:co|with)\s+(?:gia tri|diem|diem so|ket qua|chi so|the same)(?:\s+\w+){0,2}?"
    r"(?:\s+bang nhau|\s+score|\s+value)?\s*,)?"
    r"\s*,?\s*(?:cung|dong|deu|both|jointly|tied|tying|shared|sharing)\b"  # "…, both on 95.7%"
)


def shared_places(f: str, drafts: list[Draft], entities: list[EntityMention]) -> list[Draft]:
    """Copies of a draft for the other names of a list that shares its place or its score
    ("Gia Lai và Hà Nam cùng đứng thứ 12 với 84,3%", "Lai Châu và Điện Biên cùng đạt
    91,5%"): each named unit holds the place and the score."""
    spans = sorted(entities, key=lambda e: (e.start, e.end))
    named = {d.entity.name for d in drafts if d.entity is not None}
    out: list[Draft] = []
    for d in drafts:
        if d.entity is None or (d.rank is None and d.score is None):
            continue
        if d.first_value_at < d.entity.end:
            continue
        if not _SHARED_PLACE_RE.match(f, d.entity.end):
            continue
        at = next((i for i, e in enumerate(spans) if e.start == d.entity.start), None)
        while at is not None and at > 0:
            prev, nxt = spans[at - 1], spans[at]
            if not _LIST_JOIN_RE.fullmatch(f, prev.end, nxt.start):
                break
            if prev.name not in named:
                out.append(replace(d, entity=prev, entity_own=True))
                named.add(prev.name)
            at -= 1
    return out


# "(71.04 points)" after a name, then "Hai Phong (70.5)": the unit written once, by the
# sentence's first score, for a list of names with their scores in parentheses.
# A whole number counts only from 10 ("(1) market entry" numbers a list).
_PAREN_SCORE_RE = re.compile(
    r"(?<=[a-z] )\((?P<v>\d{1,3}[.,]\d{1,4}|[1-9]\d(?:\.0)?|100)\)"
)


def _bare_in_parentheses(f: str, mask: list[bool], ev: list[Event]) -> list[Event]:
    united = [e for e in ev if e.kind == "score"]
    if not united:
        return []
    out: list[Event] = []
    for m in _PAREN_SCORE_RE.finditer(f):
        v = _num(m.group("v"))
        if v is not None and v <= 100 and _free(mask, m.start("v"), m.end("v")):
            _take(mask, m.start("v"), m.end("v"))
            # "named": right after its unit's name, like a score after "with"
            data = {"value": v, "unit": united[0].data["unit"], "named": True}
            out.append(Event(m.start("v"), m.end("v"), "score", data))
    return out


def _compared_years(f: str) -> set[int]:
    """The years a sentence compares with ("so với năm 2020")."""
    return {int(c.group(1) or c.group("vy")) for c in lx.COMPARISON_YEAR_RE.finditer(f)}


def scan_scopes(f: str, regions: list[tuple[int, int, str]]) -> list[Event]:
    ev = [
        Event(m.start(), m.end(), "scope", {"scope": "national"})
        for m in lx.NATIONAL_RE.finditer(f)
    ]
    for s, e, name in regions:
        if lx.EN_LOCATION_BEFORE_RE.search(f, max(0, s - 40), s) and lx.EN_LOCATION_AFTER_RE.match(
            f, e
        ):
            continue  # "Dong Thap, in the Mekong Delta, came second": where it lies
        ev.append(Event(s, e, "scope", {"scope": f"region:{name}"}))
    for m in lx.PROVINCE_SCOPE_RE.finditer(f):
        ev.append(Event(m.start(), m.end(), "scope", {"scope": "province:"}))
    return ev


def scan_subjects(f: str, original: str, entities: list[EntityMention]) -> list[Event]:
    ev: list[Event] = []
    taken: list[tuple[int, int]] = []
    # One scan for all index names first: where it finds none, none of the per-index
    # patterns (its alternatives) can match either, and most sentences name no index.
    per_index = lx.INDEX_RE if lx.INDEX_ANY_RE.search(f) else []
    # An index's name inside a longer component's is part of that name: "tác động của cải
    # cách hành chính đến sự hài lòng của người dân…" is a PAR Index component, not SIPAS.
    within = [m.span() for m in lx.KNOWN_COMPONENT_RE.finditer(f)] if per_index else []
    for rx, code in per_index:
        for m in rx.finditer(f):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if any(s <= m.start() and m.end() <= e and (s, e) != m.span() for s, e in within):
                continue
            taken.append(m.span())
            ev.append(Event(m.start(), m.end(), "index", {"index": code}))
    for m in lx.COMPONENT_RE.finditer(f):
        name = original[m.start(1) : m.end(1)].strip()
        named = _index_code(fold(name))
        if named:  # Chỉ số “PAR Index” is the index itself, not a component
            ev.append(Event(m.start(), m.end(), "index", {"index": named}))
            continue
        ev.append(Event(m.start(), m.end(), "component", {"component": name}))
    quoted_at = {e.start for e in ev if e.kind == "component"}
    for m in lx.COMPONENT_QUOTED_RE.finditer(f):
        if any(abs(m.start() - q) < 30 for q in quoted_at) or lx.INITIATIVE_CUE_RE.search(
            f, max(0, m.start() - 30), m.start() + 1
        ):
            continue
        name = original[m.start(1) : m.end(1)].strip()
        if not _index_code(fold(name)):
            ev.append(Event(m.start(), m.end(), "component", {"component": name}))
    ev += _cued_components(f)
    ev += _quoted_english_fields(f, original, ev)
    named_spans = [(e.start, e.end) for e in ev if e.kind in ("component", "index")]
    for m in lx.KNOWN_COMPONENT_RE.finditer(f):
        if any(a < m.end() and m.start() < b for a, b in named_spans):
            continue  # inside a quoted component or an index name
        assert m.lastgroup is not None  # every alternative is a named group
        canonical = lx.KNOWN_COMPONENTS[int(m.lastgroup[1:])][0]
        # An English passage keeps the name as it writes it, all of it.
        end = m.end()
        if m.lastgroup[0] == "e":
            end = _written_name_end(f, original, m.start(), m.end(), entities, taken)
        name = original[m.start() : end].strip() if m.lastgroup[0] == "e" else canonical
        last = ev[-1] if ev else None
        if (
            last is not None
            and last.kind == "component"
            and last.data["component"] == name
            and re.fullmatch(r"\s*\(\s*", f[last.end : m.start()])
        ):
            continue  # "chính quyền số (CQS)": the abbreviation of the name just read
        ev.append(Event(m.start(), end, "component", {"component": name, "quoted": False}))
    ev += _place_fields(f, original, ev)
    if not any(e.kind == "component" and e.data.get("quoted", True) for e in ev):
        known = [(e.start, e.end) for e in ev if e.kind == "component"]
        for m in lx.COMPONENT_BARE_RE.finditer(f):
            name = original[m.start(1) : m.end(1)].strip()
            if _index_code(fold(name)) or lx.BARE_COMPONENT_STOP_RE.search(fold(name)):
                continue
            if any(s < m.end() and m.start() < e for s, e in known):
                continue
            ev.append(Event(m.start(), m.end(), "component", {"component": _cap(name)}))
    ev += _labelled_fields(f, original, ev, entities)
    asides = (lx.EN_APPOSITION_RE.match(f, e.end) for e in entities)
    aside = [(a.start(), a.end()) for a in asides if a is not None]
    for e in entities:
        if any(a < e.start < b for a, b in aside):
            continue  # "Da Nang, the third city after Hanoi and Hai Phong, was fourth"
        ev.append(Event(e.start, e.end, "entity", {"entity": e}))
    ev += _bloc_subjects(f, original, entities)
    return ev


def _quoted_english_fields(f: str, original: str, known: list[Event]) -> list[Event]:
    """English quoted components a cue names (``lexicon.EN_COMPONENT_QUOTED_RE``), as written,
    where no index or component was read already."""
    if not original or not lx.EN_FUNCTION_WORD_RE.search(f):
        return []
    taken = [(e.start, e.end) for e in known if e.kind in ("component", "index")]
    out: list[Event] = []
    for m in lx.EN_COMPONENT_QUOTED_RE.finditer(f):
        g = "a" if m.group("a") is not None else "b"
        name = original[m.start(g) : m.end(g)].strip()
        if _index_code(fold(name)) or any(a < m.end() and m.start() < b for a, b in taken):
            continue
        out.append(Event(m.start(), m.end(), "component", {"component": name}))
    return out


def _written_name_end(
    f: str,
    original: str,
    start: int,
    end: int,
    entities: list[EntityMention],
    taken: list[tuple[int, int]],
) -> int:
    """Where an English component name that opens on the vocabulary's phrase (``start``,
    ``end``) ends as written: the close of the quotes it opens ("“Impact of Administrative
    Reform on …”"), or the end of its list item's words before the item's value
    ("Transparency in Local Decision-making (6.5 points)"); ``end`` when it runs into a
    verb, a unit, an index, another known component, or when the sentence is not English."""
    if not original or not lx.EN_FUNCTION_WORD_RE.search(f):
        return end
    if lx.EN_QUOTE_BEFORE_RE.search(original, max(0, start - 3), start):
        quoted = lx.EN_QUOTED_NAME_AFTER_RE.match(original, end)
        stop = end if quoted is None else quoted.end("name")
    else:
        tail = lx.EN_COMPONENT_TAIL_RE.match(f, end)
        stop = end if tail is None else tail.end()
    if stop == end or lx.EN_COMPONENT_TAIL_STOP_RE.search(f, end, stop):
        return end
    if not original[end:stop].isascii() or lx.KNOWN_COMPONENT_RE.search(f, end, stop):
        return end
    spans = taken + [(e.start, e.end) for e in entities]
    if any(a < stop and end < b for a, b in spans):
        return end
    return stop


# A list item that opens on its field's name and a colon: "Minimizing environmental pollution:
# 7.15 points, 22nd out of 30; Ensuring compliance …: 6.02 points", "; và Chi phí thời gian:
# 6,1 điểm". The name is a component the vocabulary need not know.
_LABELLED_FIELD_RE = re.compile(
    r"(?:^|;)\s*(?:(?:and|và)\s+)?(?:\(\d{1,2}\)\s*)?"
    r"(?P<name>[^\W\d_][^:;()\d]{2,120}?)\s*:\s*(?=\d)"
)
# Labels that name the whole index or a total, not a field.
_NOT_A_FIELD_RE = re.compile(
    r"^(?:tong diem|tong|diem so|diem|ket qua|total|overall|score|result|nam|year)\b"
)


def _labelled_fields(
    f: str, original: str, known: list[Event], entities: list[EntityMention]
) -> list[Event]:
    """Components named as list labels (see _LABELLED_FIELD_RE, and the English "name,
    value" items after a list of scores is announced, ``lexicon.EN_COMMA_FIELD_RE``) where
    nothing else was read."""
    if not original or ":" not in f:
        return []
    taken = [(e.start, e.end) for e in known] + [(e.start, e.end) for e in entities]
    out: list[Event] = []
    cue = lx.EN_SCORE_LIST_CUE_RE.search(f)
    comma_items = list(lx.EN_COMMA_FIELD_RE.finditer(original, cue.end())) if cue else []
    for m in [*_LABELLED_FIELD_RE.finditer(original), *comma_items]:
        s, e = m.span("name")
        name = original[s:e].strip()
        folded = fold(name)
        labelled = m.re is _LABELLED_FIELD_RE
        if (labelled and not name[:1].isupper()) or _NOT_A_FIELD_RE.match(folded):
            continue
        if _index_code(folded):
            continue
        if any(a < e and s < b for a, b in taken):
            continue  # a component, index or unit already read there
        stop = original.find(";", e)
        stop = len(original) if stop < 0 else stop
        if any(k.kind == "component" and e <= k.start < stop for k in known):
            continue  # "… balanced: 9th for Digital Government": the item names its field
        out.append(Event(s, e, "component", {"component": name}))
    return out


# "xếp đầu trong 17 bộ", "first among the 19 ministries", "thứ 3/17 bộ, ngành": the bloc is
# the field a rank is taken in, not the clause's subject.
BLOC_FRAME_BEFORE_RE = re.compile(
    r"(?:\b(?:trong|trong so|giua|among|of|out of|in|across|within)|/)\s*$"
)


@cache
def _bloc_needles() -> tuple[str, ...] | None:
    """Folded texts one of which every bloc holds (``Vocab.needles``), None when a bloc
    entry has none to tell."""
    vocab = get_vocab()
    found: set[str] = set()
    for e in vocab.entries:
        if e.kind == "bloc":
            needles = vocab.needles(e)
            if needles is None:
                return None
            found.update(needles)
    return tuple(sorted(found))


def _may_name_bloc(original: str) -> bool:
    """Whether a bloc can be in the sentence. Most name none, and two of the bloc patterns
    start with no letter to skip on (``Vocab.find`` tries them across every sentence)."""
    needles = _bloc_needles()
    if needles is None:
        return True
    has = fold(original).__contains__
    return any(map(has, needles))


def _bloc_subjects(f: str, original: str, entities: list[EntityMention]) -> list[Event]:
    """Blocs named where a subject stands (vocabulary kind "bloc")."""
    if not original or not _may_name_bloc(original):
        return []
    out = []
    for sp in get_vocab().find(original, ("bloc",)):
        if BLOC_FRAME_BEFORE_RE.search(f, max(0, sp.start - 14), sp.start):
            continue
        if any(e.start < sp.end and sp.start < e.end for e in entities):
            continue  # part of a unit's own name
        out.append(Event(sp.start, sp.end, "bloc", {}))
    return out


def _cued_components(f: str) -> list[Event]:
    """Components with everyday names, where a cue or a list of sub-scores announces them."""
    out = []
    for m in all_matches(lx.CUED_COMPONENT_RE, f):  # as scan_values does
        if m.group("cue") in lx.CUED_LIST_CUES and not lx.SUB_SCORE_AFTER_RE.match(f, m.end()):
            continue  # "; mức độ hài lòng tăng": not a sub-score list
        assert m.lastgroup is not None  # the name is the last group that matched
        name = lx.CUED_COMPONENTS[int(m.lastgroup[1:])][0]
        start = m.start(m.lastgroup)
        out.append(Event(start, m.end(), "component", {"component": name, "quoted": False}))
    return out


def _place_fields(f: str, original: str, known: list[Event]) -> list[Event]:
    """Fields with everyday names where a place is taken in them ("took first place in
    digital infrastructure and in digital institutions", "đứng thứ nhất về hạ tầng số"),
    one after another while the preposition repeats (``lexicon.PLACE_IN_FIELD_CUE_RE``)."""
    if not original:
        return []
    spans = [(e.start, e.end) for e in known if e.kind in ("component", "index")]
    out: list[Event] = []
    for cue in lx.PLACE_IN_FIELD_CUE_RE.finditer(f):
        at = cue.end()
        while (m := lx.PLACE_FIELD_NAME_RE.match(f, at)) is not None:
            if any(a < m.end() and m.start() < b for a, b in spans):
                break  # a known component or index read there already
            assert m.lastgroup is not None  # every alternative is a named group
            kind, i = m.lastgroup[0], int(m.lastgroup[1:])
            written = original[m.start() : m.end()]
            name = lx.PLACE_FIELD_NAMES["v"][i] if kind == "v" else written
            out.append(Event(m.start(), m.end(), "component", {"component": name, "quoted": False}))
            spans.append(m.span())
            nxt = lx.PLACE_IN_NEXT_FIELD_RE.match(f, m.end())
            if nxt is None:
                break
            at = nxt.end()
    return out


# An English rate or share named right before a percentage ("a response rate of 45.5 percent",
# "the share of dossiers filed online at 61%"): a metric's value, not an index score.
# (not a satisfaction or approval rate: SIPAS is one)
_EN_RATE_OF_BEFORE_RE = re.compile(
    r"(?<!satisfaction )(?<!approval )\b(?:rate|share|proportion|percentage)"
    r"(?: of [a-z ]{0,30}?)? (?:of|at|was|stood at|reached)\s*$"
)
# The group a leader word leads, when it is no top group: "đứng đầu nhóm này", "dẫn đầu nhóm
# điểm số trung bình thấp", "đứng đầu nhóm Khá".
_LEADS_A_GROUP_RE = re.compile(
    r"\s+nhom\s+(?:nay|do|(?:co\s+)?(?:diem|ket qua|chi so)\b|trung binh|thap|kha|"
    r"(?:xep loai|dat loai)\s+(?!tot|xuat sac))"
)


def component_indices(component: str) -> tuple[str, ...]:
    """The indices a component belongs to (empty when the name is not a known one)."""
    folded = fold(component)
    for i, (name, pattern) in enumerate(lx.CUED_COMPONENTS):
        if name == component or re.fullmatch(pattern, folded):
            return lx.COMPONENT_INDICES.get(lx.CUED_COMPONENTS[i][0], ())
    m = lx.KNOWN_COMPONENT_RE.fullmatch(folded)
    if m is None or m.lastgroup is None:
        return ()
    return lx.COMPONENT_INDICES.get(lx.KNOWN_COMPONENTS[int(m.lastgroup[1:])][0], ())


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _index_code(folded: str) -> str | None:
    for rx, code in lx.INDEX_RE:
        if rx.search(folded):
            return code
    if re.fullmatch(r"par ?index|sipas|pci|papi|dti|pgi", folded.strip()):
        return folded.strip().replace(" ", "_").upper().replace("PAR_INDEX", "PAR_INDEX")
    return None


# "tỷ lệ điểm số" right before its value is the unit's score as a share of the maximum
# (a PAR Index score in percent), not a rate, and so is a ranked unit's "tỷ lệ trung bình"
# (the mean of its criteria): "đạt tỷ lệ điểm số 93,08%", "tỷ lệ điểm chỉ
# đạt 55,27%", "tỷ lệ điểm số cao nhất, đạt 99,28%".
# The lower bound of a band of units: "có Chỉ số CCHC trên 90%", "từ trên 80% đến dưới 90%".
_BAND_BOUND_BEFORE_RE = re.compile(
    r"(?:\btu tren|\bco (?:chi so|diem|ket qua)\b[^,;]{0,25}\btren)\s*$"
)
_SCORE_SHARE_RE = re.compile(
    r"ty le diem(?: so)?(?:,?\s+(?:cao nhat|thap nhat|chi|dat|la|chung|cua don vi))*[\s,:]*"
    r"|ty le trung binh(?:\s+(?:dat|la))?[\s,:]*"  # "X với tỷ lệ trung bình 77%": its score
)
# A unit named after these words is what the subject is compared with; with no value of its
# own in brackets ("vượt Long An (21,9)" has one) it is not a new subject.
# "vượt qua Hải Phòng để giành ngôi đầu", "xếp ngay sau Hải Phòng", "vượt mặt Long An".
_COMPARED_BEFORE_RE = re.compile(
    r"\b(?:thua|kem|vuot(?: qua| mat)?|(?:xep|dung)(?: ngay)? sau|cao hon|thap hon|nhinh hon)\s+$"
)
_VALUE_IN_BRACKETS_RE = re.compile(r"\s*\(\s*[+\-–−]?\s*\d")
_UNKNOWN_SUBJECT_RE = re.compile(r"(?:,|;|\bvà|\band)\s+(?:the\s+)?(?:[^\W\d_][\w.-]*\s+){1,4}$")


def _names_someone(text: str) -> bool:
    """A list item whose subject the entity list did not know ("…, B giảm 3 bậc", "… and
    C slid 13 places"): capitalised words right after a separator, before the value."""
    m = _UNKNOWN_SUBJECT_RE.search(text)
    if m is None:
        return False
    words = re.findall(r"[^\W\d_][\w.-]*", m.group(0))
    words = [w for w in words if w.lower() not in ("và", "and", "the")]
    return (
        bool(words)
        and all(w[0].isupper() for w in words)
        and not lx.INDEX_ANY_RE.search(fold(m.group(0)))
    )


# A list item naming a field the component list did not know: "…, Tính minh bạch (6,2
# điểm)", "; Chi phí thời gian: 5,9 điểm". Sentence case: only the first word is capitalised.
_UNKNOWN_FIELD_RE = re.compile(
    r"(?:,|;)\s+(?P<name>[^\W\d_][\w-]*(?:\s+[^\W\d_][\w-]*){0,7})\s*[(:]?\s*$"
)


def _names_a_field(text: str) -> bool:
    """A list item whose field the sentence names but the component list did not know."""
    m = _UNKNOWN_FIELD_RE.search(text)
    if m is None or not m.group("name")[0].isupper():
        return False
    name = fold(m.group("name"))
    return not lx.INDEX_ANY_RE.search(name) and not re.match(r"(?:va|and|the|con|rieng)\b", name)


# Where a bloc after a value starts a clause of its own ("X đạt 90 điểm, còn khối bộ …").
_BLOC_BREAK_RE = re.compile(r"[,;:]|\b(?:con|rieng|while|but|whereas)\b")


# The index named again right after a place, as where it was held ("12th in the national
# PGI rankings", "third in the 2023 PCI"): not the start of another fact.
_EN_IN_THE_INDEX_RE = re.compile(
    r"\s*(?:in|on)\s+(?:the\s+)?(?:(?:national|provincial|overall|latest|(?:19|20)\d\d)\s+)?"
)


# The index named right after a component, as its owner ("the time costs sub-index of the
# PCI 2023", "the digital government pillar of the DTI"): the component's index, same fact.
_EN_OF_THE_INDEX_RE = re.compile(
    r"\s*(?:sub-?ind(?:ex|ices)|index|pillar|dimension|field|area|component)?\s*(?:of|in)\s+"
    r"(?:the\s+)?(?:(?:19|20)\d\d\s+)?"
)


# Between a place and the region named right after it ("thứ 2 trong khu vực Tây Nguyên"): the
# region is that place's scope, not one fronted for the next place.
_TRAILING_SCOPE_RE = re.compile(
    r"\s*(?:(?:/\s*)?\d{1,2}\s+)?(?:tinh\s+)?(?:trong|tai|giua|o)\s+(?:cac\s+)?(?:tinh\s+)?"
    r"(?:khu vuc|vung|mien)?\s*"
)


def assemble(events: list[Event], f: str = "", original: str = "") -> list[Draft]:
    """Cut the event stream into drafts (see module docstring)."""
    events.sort(key=lambda e: (e.start, e.end))
    last_value_end = -1
    drafts: list[Draft] = []
    cur = Draft()
    pending_scope: str | None = None
    last_rank_draft: Draft | None = None
    last_province_scope: tuple[int, Draft | None] | None = None
    component_at: int | None = None
    component_end: int | None = None  # where the last component's name ended

    def flush(keep_subjects: bool = True) -> Draft:
        nonlocal cur
        if cur.has_value() and (not cur.orphan or cur.bloc):
            drafts.append(cur)  # a bloc's draft goes out so that its numbers can be freed
        nxt = Draft()
        if keep_subjects:
            nxt.index, nxt.entity, nxt.component = cur.index, cur.entity, cur.component
            # component_own stays False: a carried component may be replaced
            nxt.is_target = cur.is_target
            # "khối bộ đạt 0,45; năm 2020 là 0,40": the bloc stays the subject
            nxt.bloc = nxt.orphan = cur.bloc
        cur = nxt
        return cur

    for ev in events:
        k, d = ev.kind, ev.data
        if k == "index":
            restated = cur.index == d["index"] and _EN_IN_THE_INDEX_RE.fullmatch(
                f, cur.span_end, ev.start
            )
            if restated:
                continue  # "12th in the national PGI rankings, 16 places higher": the same fact
            if (
                cur.component is not None
                and component_end is not None
                and cur.index in (None, d["index"])
                and _EN_OF_THE_INDEX_RE.fullmatch(f, component_end, ev.start)
            ):
                cur.index = d["index"]  # "the time costs sub-index of the PCI 2023": its owner
                continue
            if cur.has_value() and (cur.index is not None or cur.component is not None):
                flush()
                cur.component = None
            if cur.index is None or cur.index != d["index"]:
                cur.index = d["index"]
                if not cur.has_value():
                    cur.component = None if cur.component is None else cur.component
        elif k == "component":
            if (
                cur.has_value()
                and not cur.component_own
                and lx.COMPONENT_AFTER_VALUE_RE.match(f[cur.span_end : ev.start])
            ):
                # "7.34 for public administrative procedures": the value names its field after it
                cur.component, cur.component_own = d["component"], True
                component_end = ev.end
                continue
            between = f[cur.span_end : ev.start] if ev.start >= cur.span_end else "?"
            if (
                cur.has_value()
                and cur.component is None
                and (
                    (len(between) <= 3 and not between.strip())
                    # "Da Nang led the digital government pillar": the field the place is in
                    or (cur.rank is not None and between == " the ")
                )
            ):
                cur.component = d["component"]  # "dẫn đầu lĩnh vực “X”": names the rank before it
                component_end = ev.end
                continue
            if cur.has_value():
                flush()
            cur.component = d["component"]
            cur.component_own = True
            cur.orphan = False
            component_at = component_end = ev.end
        elif k == "entity":
            ent: EntityMention = d["entity"]
            if last_province_scope and 0 <= ev.start - last_province_scope[0] < 25:
                owner = last_province_scope[1]
                last_province_scope = None
                if ent.level == "province":
                    # "dẫn đầu các sở, ngành tỉnh X": X names the scope, not a new subject.
                    if owner is not None:
                        owner.scope = f"province:{ent.name}"
                    continue
                # "Ở khối các sở, ban, ngành tỉnh, Văn phòng UBND tỉnh đứng đầu": a unit of
                # the province is the subject.
            if (
                cur.entity is not None
                and _COMPARED_BEFORE_RE.search(f, max(0, ev.start - 16), ev.start)
                and not _VALUE_IN_BRACKETS_RE.match(f, ev.end)
            ):
                continue  # "chỉ thua Bộ Tư pháp 0,06 điểm": a point of comparison, no subject
            gap = f[cur.span_end : ev.start]
            if (
                cur.has_value()
                and not cur.entity_own
                and f
                and (
                    (
                        cur.rank is not None
                        and (
                            lx.SUBJECT_AFTER_RANK_RE.match(gap)
                            or lx.EN_SUBJECT_AFTER_RANK_RE.match(gap)
                        )
                    )
                    or (0 <= cur.first_value_at < 30 and lx.FRONTED_GAP_RE.match(gap))
                )
            ):
                cur.entity = ent  # "Dẫn đầu là X", "thứ 2 thuộc về X": the place came first
                cur.entity_own = True
                if cur.bloc:  # "trong khối bộ, dẫn đầu là X": X's place after all
                    cur.bloc = cur.orphan = False
                continue
            if cur.has_value():
                flush()
                cur.component = None
            cur.entity = ent
            cur.entity_own = True
            cur.bloc = cur.orphan = False  # only a bloc orphans a draft before its values
        elif k == "bloc":
            if cur.has_value() and not _BLOC_BREAK_RE.search(f, cur.span_end, ev.start):
                continue  # "dẫn đầu khối bộ với 91 điểm": the field of the place just read
            if cur.has_value():
                flush()
            # Values from here on are the bloc's (an average, a band), nobody's own result.
            cur.entity, cur.entity_own = None, False
            cur.bloc = cur.orphan = True
        elif k == "scope":
            target = last_rank_draft
            fronted = (
                d["scope"] != "national"
                and re.search(
                    r"(?:trong|tai|giua)\s[^,;]{0,30}$", f[max(0, ev.start - 40) : ev.start]
                )
                and re.match(r"[^,;]{0,50},", f[ev.end : ev.end + 60])
                # "xếp thứ 2 trong khu vực X, chỉ sau Y": the place just read is in it
                and not (
                    target is not None
                    and _TRAILING_SCOPE_RE.fullmatch(f, target.span_end, ev.start)
                )
            )
            if fronted:
                pending_scope = d["scope"]  # "trong vùng X, tỉnh xếp thứ 4": scope comes first
            elif target is not None and ev.start - target.span_end < 80:
                if target.scope is None:
                    target.scope = d["scope"]
                # else: a second marker for the same rank ("/63 … cả nước"); nothing new
            else:
                pending_scope = d["scope"]
            if d["scope"] == "province:":
                last_province_scope = (ev.end, target if target is not None else cur)
        elif k == "prior_rank" and d.get("derive"):
            # "placed 11th, up from 15th in 2022": the change follows from the two places.
            if cur.rank is not None and cur.rank_change is None:
                cur.rank_change = d["rank"] - cur.rank
                cur.rank_from = d["rank"]
            if d["year"] is not None or d.get("back"):
                if cur.year is None and d["year"] is not None:
                    cur.not_year = d["year"]
                drafts.append(
                    Draft(index=cur.index, component=cur.component, entity=cur.entity,
                          bloc=cur.bloc, year=d["year"], rank=d["rank"], rank_total=d["total"],
                          scope="prior", first_value_at=ev.start, span_end=ev.end,
                          year_back=bool(d.get("back")))
                )  # fmt: skip
        elif k == "prior_rank":
            drafts.append(
                Draft(index=cur.index, component=cur.component, entity=cur.entity, bloc=cur.bloc,
                      year=d["year"], rank=d["rank"], rank_total=d["total"],
                      scope="prior", first_value_at=ev.start, span_end=ev.end,
                      year_back=bool(d.get("back")))
            )  # fmt: skip
            if d["year"] is not None and cur.rank is not None and cur.year is None:
                cur.not_year = d["year"]  # the move ends in a later year than it starts
        elif k == "prior":
            prior = Draft(
                bloc=cur.bloc,
                index=cur.index,
                component=cur.component,
                entity=cur.entity,
                year=d["year"],
                score=d["score"],
                score_unit=d["unit"],
                is_target=False,
                first_value_at=ev.start,
                span_end=ev.end,
            )
            prior.scope = "prior"  # marker: scope resolved later like its parent's
            prior.year_back = bool(d.get("back"))
            drafts.append(prior)
        else:
            if k == "rank" and d.get("subject_after"):
                if cur.has_value():
                    flush()
                    cur.component = None
                cur.entity, cur.entity_own = None, False
            elif k == "rank" and cur.rank is not None:
                flush()
            elif k == "score" and cur.score is not None:
                flush()
            elif k == "rank_change" and cur.rank_from is not None:
                # "từ 63 lên 39, tức tăng 24 bậc": the change restates the move; a different
                # figure is kept so that the record is rejected as contradictory.
                if d["value"] != cur.rank_change:
                    cur.rank_change = d["value"]
                    # The yearless start of a contradicted move is no surer than its end.
                    drafts[:] = [
                        x for x in drafts
                        if not (x.year_back and x.scope == "prior" and x.rank == cur.rank_from)
                    ]  # fmt: skip
                cur.span_end = ev.end
                continue
            elif k == "rank_change" and cur.rank_change is not None:
                flush()
            elif k == "score_change" and cur.score_change is not None:
                flush()
            if (
                cur.has_value()
                and ";" in f[cur.span_end : ev.start]
                and f.count("(", 0, ev.start) <= f.count(")", 0, ev.start)  # not "(…; …)"
            ):
                flush()  # a clause break ends a fact; the same fact again is merged later
            if (
                cur.first_value_at < 0
                and cur.component is not None
                and not cur.entity_own
                and component_at is not None
                and ";" in f[component_at : ev.start]
                and f.count("(", 0, ev.start) <= f.count(")", 0, ev.start)
            ):
                # "A đạt 5 điểm; nhóm B tăng 0,4 điểm": B is not a known component, and the
                # value is not A's either.
                cur.orphan = True
            if (
                cur.first_value_at < 0
                and not cur.entity_own
                and last_value_end >= 0
                and original
                and _names_someone(original[last_value_end : ev.start])
            ):
                # "A tăng 5 bậc, B giảm 3 bậc" with B unknown: not A's second result.
                cur.orphan = True
            if (
                cur.first_value_at < 0
                and cur.component is not None
                and not cur.component_own
                and last_value_end >= 0
                and original
                and _names_a_field(original[last_value_end : ev.start])
            ):
                # "A (7,1 điểm), B (6,9 điểm)" with B unknown: not A's second score.
                cur.orphan = True
            if cur.first_value_at < 0:
                cur.first_value_at = ev.start
            cur.span_end = ev.end
            last_value_end = max(last_value_end, ev.end)
            if k == "rank":
                cur.rank, cur.rank_total = d["rank"], d["total"]
                if d.get("year") is not None:
                    cur.year = d["year"]
                if d.get("change") is not None and cur.rank_change is None:
                    cur.rank_change = d["change"]
                    cur.rank_from = d["rank"] + d["change"]
                if d.get("held") and cur.rank_change is None:
                    cur.rank_change = 0  # "tiếp tục dẫn đầu": the place was held
                if pending_scope and cur.scope is None:
                    cur.scope, pending_scope = pending_scope, None
                last_rank_draft = cur
            elif k == "score":
                cur.score, cur.score_unit = d["value"], d["unit"]
                cur.unstated_move = bool(d.get("unstated"))
                if d.get("year") is not None:
                    cur.year = d["year"]
            elif k == "rank_change":
                cur.rank_change = d["value"]
            elif k == "score_change":
                cur.score_change, cur.score_change_unit = d["value"], d.get("unit")
    if cur.has_value() and (not cur.orphan or cur.bloc):
        drafts.append(cur)
    _scope_earlier_places(drafts)
    return drafts


def _scope_earlier_places(drafts: list[Draft]) -> None:
    """An earlier place the move to a later place starts from ("tăng 2 bậc trong vùng, từ
    thứ 6 lên thứ 4": the move's size joins them) is in the same ranking: it takes that
    place's scope."""
    for p in drafts:
        if p.scope != "prior" or p.rank is None:
            continue
        nxt = [
            q for q in drafts
            if q.scope not in (None, "prior") and q.rank is not None and q.entity is p.entity
            and q.span_end >= p.span_end
            and (q.rank_from == p.rank or p.rank - q.rank == q.rank_change)
        ]  # fmt: skip
        if nxt:
            p.parent_scope = min(nxt, key=lambda q: q.span_end).scope


def share_component_values(
    f: str, subjects: list[Event], values: list[Event]
) -> tuple[list[Event], list[Event]]:
    """One value stated for a list of components ("dẫn đầu ở cả 3 trụ cột X, Y và Z", "“X” và
    “Y” cùng xếp thứ 3/63", "8th for both X and Y") becomes one value event after each of
    them, so that assembly makes one record per component. A list whose value is not tied to
    it by a word of sharing ("cả", "đều", "cùng", "both", "each of") is left as it is."""
    comps = sorted((e for e in subjects if e.kind == "component"), key=lambda e: e.start)
    for group in _component_lists(f, comps):
        before = _value_before_list(f, group, values)
        after = None if before is not None else _value_after_list(f, group, values)
        shared = before or after
        if shared is None:
            continue
        values = [v for v in values if v is not shared]
        owners = group if before is not None else group[:-1]
        values += [Event(c.end, c.end, shared.kind, dict(shared.data)) for c in owners]
        if after is not None:
            values.append(after)
            # "“X” và “Y” của TPHCM cùng …": the owner named after the list owns all of it.
            subjects = [
                Event(group[0].start, group[0].start, e.kind, e.data)
                if e.kind == "entity" and group[-1].end <= e.start < after.start
                else e
                for e in subjects
            ]
    for group in _repeated_preposition_lists(f, comps):
        prior = [v for v in values if v.end <= group[0].start]
        if not prior:
            continue
        shared = max(prior, key=lambda e: e.end)
        if shared.kind != "rank" or not lx.COMPONENT_AFTER_VALUE_RE.match(
            f[shared.end : group[0].start]
        ):
            continue
        later = [v for v in values if v.start >= group[-1].end]
        if later and not re.search(r"[,;]", f[group[-1].end : min(v.start for v in later)]):
            continue  # "… and in Y it was 9th": the last field has a place of its own
        # "first place in X and in Y": the repeated preposition puts the one place in both
        values = [v for v in values if v is not shared]
        values += [Event(c.end, c.end, shared.kind, dict(shared.data)) for c in group]
    values.sort(key=lambda e: (e.start, e.end))
    return subjects, values


def _repeated_preposition_lists(f: str, comps: list[Event]) -> list[list[Event]]:
    """Runs of two or more component names each joined to the last by a repeated
    preposition ("in X and in Y", "về X và về Y")."""
    groups: list[list[Event]] = []
    run: list[Event] = []
    for c in comps:
        if run and lx.PLACE_IN_NEXT_FIELD_RE.fullmatch(f, run[-1].end, c.start):
            run.append(c)
            continue
        if len(run) >= 2:
            groups.append(run)
        run = [c]
    if len(run) >= 2:
        groups.append(run)
    return groups


def _component_lists(f: str, comps: list[Event]) -> list[list[Event]]:
    """Runs of two or more component names joined only by list separators."""
    groups: list[list[Event]] = []
    run: list[Event] = []
    for c in comps:
        if run and lx.COMPONENT_LIST_SEP_RE.fullmatch(f[run[-1].end : c.start]):
            run.append(c)
            continue
        if len(run) >= 2:
            groups.append(run)
        run = [c]
    if len(run) >= 2:
        groups.append(run)
    return groups


def _value_before_list(f: str, group: list[Event], values: list[Event]) -> Event | None:
    """The one value right before the list that a word of sharing ties to all of it."""
    prior = [v for v in values if v.end <= group[0].start]
    if not prior:
        return None
    v = max(prior, key=lambda e: e.end)
    return v if lx.SHARED_BEFORE_LIST_RE.fullmatch(f[v.end : group[0].start]) else None


def _value_after_list(f: str, group: list[Event], values: list[Event]) -> Event | None:
    """The one value right after the list that a word of sharing ties to all of it."""
    later = [v for v in values if v.start >= group[-1].end]
    if not later:
        return None
    v = min(later, key=lambda e: e.start)
    return v if lx.SHARED_AFTER_LIST_RE.fullmatch(f[group[-1].end : v.start]) else None


def respectively(f: str, subjects: list[Event], values: list[Event]) -> list[Event]:
    """Pair each ordinal list with the subjects its "lần lượt" names, in order, clause by
    clause: each rank of a list becomes a rank event right after its subject, so that
    assembly gives each subject its own place. A clause whose counts differ is left as it is
    (no guess)."""
    bounds = [0, *[i + 1 for i, c in enumerate(f) if c == ";"], len(f) + 1]
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        values = _respectively_in(f, lo, hi - 1, subjects, values)
    return values


def _respective_moves(
    f: str, lo: int, hi: int, subjects: list[Event], values: list[Event]
) -> list[Event]:
    """ "A, B và C lần lượt tăng 2, 3 và 5 bậc": each move after its subject, in order."""
    cue = lx.RESPECTIVELY_RE.search(f, lo, hi)
    lst = lx.MOVE_LIST_RE.search(f, lo, hi)
    if lst is None:
        return values
    unpaired = [v for v in values if not (v.data.get("move_list") and lo <= v.start < hi)]
    if cue is None:
        return unpaired
    word = lst.group("dir")
    sign = -1 if word in lx.RANK_DOWN_WORDS or word in lx.EN_DOWN_WORDS else 1
    items = [int(n) for n in re.findall(r"\d+", lst.group("list"))]
    before = min(cue.start(), lst.start())
    cands = sorted(
        (e for e in subjects if e.kind == "entity" and lo <= e.start < before),
        key=lambda e: e.start,
    )[-len(items) :]
    if len(cands) != len(items) or not lx.LIST_JOIN_RE.match(f[cands[0].end : cands[1].start]):
        return unpaired
    kept = [v for v in unpaired if not (v.start < lst.end() and lst.start() < v.end)]
    for subject, n in zip(cands, items, strict=True):
        kept.append(Event(subject.end, subject.end, "rank_change", {"value": sign * n}))
    kept.sort(key=lambda e: (e.start, e.end))
    return kept


def _respectively_in(
    f: str, lo: int, hi: int, subjects: list[Event], values: list[Event]
) -> list[Event]:
    values = _respective_moves(f, lo, hi, subjects, values)
    cue = lx.RESPECTIVELY_RE.search(f, lo, hi)
    lst = lx.RANK_LIST_RE.search(f, lo, hi)
    if cue is None or lst is None:
        return values
    items = []
    for m in lx.RANK_LIST_ITEM_RE.finditer(f, lst.start(), lst.end()):
        raw = m.group("n")
        rank = int(raw) if raw.isdigit() else _ORD.get(raw) or lx.EN_ORDINALS[raw]
        items.append((rank, int(m.group("t")) if m.group("t") else None))
    kinds = ("entity", "component")
    ranked = sorted((e for e in subjects if e.kind in kinds), key=lambda e: e.start)
    # "A, B và C lần lượt xếp thứ …", "A and B ranked 4th and 9th respectively", "A và B xếp
    # thứ 1 và thứ 2, lần lượt đạt …": the subjects come before the list (and its cue) ...
    before = [e for e in ranked if lo <= e.start < min(cue.start(), lst.start())]
    run = _joined(before, f, last=True)  # "A và B của tỉnh C xếp …": the listed A and B
    before = run if len(run) == len(items) else before[-len(items) :]
    # ... or, "các vị trí thứ 5, 6 lần lượt thuộc về A, B", after the cue.
    after = [e for e in ranked if cue.end() <= e.start < hi][: len(items)]
    if lst.start() > cue.start():
        cands = before
    elif cue.start() >= lst.end() and len(after) != len(items):
        cands = before  # the cue after the list pairs another list: the subjects are before
    else:
        cands = after
    if len(cands) != len(items) or len(items) < 2 or len({c.kind for c in cands}) != 1:
        return values
    # A rank whose cue starts before the list ("ở vị trí 18/63 và 30/63") is its first item.
    kept = [
        v for v in values if not (v.kind == "rank" and v.start < lst.end() and lst.start() < v.end)
    ]
    for subject, (rank, total) in zip(cands, items, strict=True):
        kept.append(Event(subject.end, subject.end, "rank", {"rank": rank, "total": total,
                                                            "change": None}))  # fmt: skip
    kept = _shared_move(f, cands, lst.start(), kept)
    kept.sort(key=lambda e: (e.start, e.end))
    return kept


# Between a list's last unit and its one move, a word saying all of them moved so: "A và B
# đều tăng 1 bậc, lần lượt lên thứ 2 và thứ 3", "vẫn giữ nguyên thứ hạng", "both rose".
_SHARED_MOVE_RE = re.compile(r"\s*(?:deu|cung|van|both|all)\b")


def _shared_move(f: str, cands: list[Event], list_at: int, values: list[Event]) -> list[Event]:
    """The one move told between a list of units and their respective places, when the
    sentence says they all made it: a copy for each unit."""
    if not cands or cands[0].start >= list_at:
        return values
    last = cands[-1].end
    moves = [v for v in values if v.kind == "rank_change" and last <= v.start < list_at]
    if len(moves) != 1 or not _SHARED_MOVE_RE.match(f, last):
        return values
    (move,) = moves
    kept = [v for v in values if v is not move]
    for subject in cands:
        kept.append(Event(subject.end, subject.end, "rank_change", dict(move.data)))
    return kept


def respective_values(f: str, subjects: list[Event], values: list[Event]) -> list[Event]:
    """ "A, B and C … fall, by x, y and z respectively": each value becomes an event right
    after its unit, marked as named (the sentence says whose figure it is). Lists whose
    lengths differ are left as they are (no guess)."""
    cue = lx.RESPECTIVELY_RE.search(f)
    if cue is None:
        return values
    lo = f.rfind(";", 0, cue.start()) + 1
    given = values  # what is returned when the lists do not pair
    # unitless values count only when they pair: alone they are nobody's score
    values = values + _unitless_list(f, values)
    listed = [v for v in values if v.kind in ("score", "score_change") and lo <= v.start]
    listed = sorted(listed + _bare_list_items(f, listed, values), key=lambda e: e.start)
    run = _joined(listed, f, join=lx.VALUE_LIST_JOIN_RE)
    if len(run) < 2 or len({v.kind for v in run}) != 1:
        return given
    ents = [e for e in subjects if e.kind == "entity" and lo <= e.start < run[0].start]
    units = _joined(ents, f, last=True)
    if len(units) != len(run):
        # "điểm X và Y của A lần lượt là 7,1 và 6,2", "A scored 7.1 and 6.2 for X and Y,
        # respectively": the list is of one unit's fields
        return _respective_fields(f, lo, cue.end(), subjects, values, run, given)
    move = lx.EN_LIST_MOVE_BEFORE_RE.search(f, max(0, run[0].start - 24), run[0].start)
    kept = [v for v in values if v not in run]
    for unit, v in zip(units, run, strict=True):
        kind, data = v.kind, {**v.data, "named": True}
        if move is not None and kind == "score":
            sign = -1 if move.group("dir") in lx.EN_LIST_DOWN else 1
            kind, data = "score_change", {**data, "value": sign * data["value"]}
        kept.append(Event(unit.end, unit.end, kind, data))
    kept.sort(key=lambda e: (e.start, e.end))
    return kept


def _respective_fields(
    f: str,
    lo: int,
    hi: int,
    subjects: list[Event],
    values: list[Event],
    run: list[Event],
    given: list[Event],
) -> list[Event]:
    """Pair a "respectively" value list with a list of components (before the values, or
    right after them) of the same length: each value becomes an event right after its
    component. Lists of other lengths are left as they are (``given``)."""
    comps = [e for e in subjects if e.kind == "component"]
    fields = _joined([c for c in comps if lo <= c.start < run[0].start], f, last=True)
    if len(fields) != len(run):
        fields = _joined([c for c in comps if run[-1].end <= c.start < hi], f)
    if len(fields) != len(run) or len(run) < 2 or run[0].kind != "score":
        return given
    kept = [v for v in values if v not in run]
    for field_, v in zip(fields, run, strict=True):
        kept.append(Event(field_.end, field_.end, v.kind, {**v.data, "named": True}))
    kept.sort(key=lambda e: (e.start, e.end))
    return kept


def _unitless_list(f: str, values: list[Event]) -> list[Event]:
    """Score events for a list of values written with no unit beside its cue ("at 72.13 and
    72.40 respectively"), where no other reading took those numbers."""
    out: list[Event] = []
    for m in lx.BARE_LIST_RE.finditer(f):
        s, e = m.span("list" if m.group("list") else "list2")
        if any(v.start < e and s < v.end for v in values):
            continue
        for item in lx.BARE_LIST_ITEM_RE.finditer(f, s, e):
            value = _num(item.group(0))
            if value is not None:
                data = {"value": value, "unit": "points"}
                out.append(Event(item.start(), item.end(), "score", data))
    return out


# A bare number ending at a list join: "73,26, 72,51 và 70,1 điểm", "73.26, 72.51 and 70.1
# points": the unit written once, after the last item.
_BARE_ITEM = re.compile(r"(?<![\d.,])\d{1,3}[.,]\d{1,4}(?![\d]|[.,]\d)(?=\s*(?:[,;]|va\b|and\b))")


def _bare_list_items(f: str, listed: list[Event], values: list[Event]) -> list[Event]:
    """The unitless items of a value list whose last item has the unit: events of that
    item's kind, read back from the last valued item over list joins only."""
    out: list[Event] = []
    for last in listed:
        head = last.start
        found: list[Event] = []
        while True:
            m = None
            for cand in _BARE_ITEM.finditer(f, max(0, head - 16), head):
                m = cand
            if m is None or not lx.VALUE_LIST_JOIN_RE.match(f[m.end() : head]):
                break
            if any(v.start <= m.start() < v.end for v in values):
                break
            value = _num(m.group(0))
            if value is None:
                break
            found.append(Event(m.start(), m.end(), last.kind, {**last.data, "value": value}))
            head = m.start()
        out += found
    return out


def _joined(
    events: list[Event], f: str, last: bool = False, join: re.Pattern[str] = lx.LIST_JOIN_RE
) -> list[Event]:
    """The first (or ``last``) run of two or more events joined by commas and "and" / "và"
    (or by ``join``)."""
    runs: list[list[Event]] = []
    for e in sorted(events, key=lambda e: e.start):
        if runs and join.match(f[runs[-1][-1].end : e.start]):
            runs[-1].append(e)
        else:
            runs.append([e])
    runs = [r for r in runs if len(r) >= 2]
    if not runs:
        return []
    return runs[-1] if last else runs[0]


# A ranking of fewer than ten, named as a bloc: "Trong 9 bộ, ngành không có dịch vụ công, X
# dẫn đầu". (TOTAL_CUE_RE wants two digits: "trong nhóm 3 tỉnh dẫn đầu" is a top group.)
_SMALL_BLOC_TOTAL_RE = re.compile(
    r"\b(?:trong|trong so|among(?: the)?)\s+(?P<t>\d)\s+"
    r"(?:bo, (?:nganh|co quan)|ministries and (?:ministry-level )?agencies)\b"
)


# A bloc ranking's size after "của": "vị trí cuối bảng của 17 bộ, ngành", "kết quả của 21
# sở" (of provinces it is too often a group: "bình quân của 10 tỉnh dẫn đầu").
_BLOC_OF_TOTAL_RE = re.compile(r"\bcua\s+(?:tong so\s+)?(?P<t>\d{1,2})\s+(?:bo|so|co quan)\b")


def _last_place_total(f: str) -> int | None:
    """The size "cuối bảng của 17 bộ" gives the last place (and only the last place: other
    places of the sentence may be of another clause)."""
    totals = {int(m.group("t")) for m in _BLOC_OF_TOTAL_RE.finditer(f)}
    return totals.pop() if len(totals) == 1 else None


def stated_total(f: str) -> int | None:
    """The one ranking size a sentence states apart from its places, or None."""
    totals = {
        int(m.group("t"))
        for m in lx.TOTAL_CUE_RE.finditer(f)
        if not lx.TOP_GROUP_AFTER_RE.match(f, m.end())  # "nhóm 10 tỉnh … tốt nhất"
    }
    totals |= {int(m.group("t")) for m in _SMALL_BLOC_TOTAL_RE.finditer(f)}
    return totals.pop() if len(totals) == 1 else None


_GROUP_BEFORE_RE = re.compile(r"(?:mot trong|nhom|top|trong so cac)\b[^.;]{0,50}$")


# A bloc the sentence frames ("Trong khối ban, ngành …, X đạt số điểm cao nhất", "Ở khối
# ngành dọc …", "Đối với khối UBND các huyện, …"): its top score is its first place, though
# the bloc's size is not stated.
_BLOC_FRAME_RE = re.compile(r"\b(?:trong|o|doi voi|tai)\s+khoi\b")


def last_places(f: str, mask: list[bool], total: int | None) -> list[Event]:
    """ "X đứng cuối bảng" where the sentence states the total: the last place; the top score
    of a stated total, or of a bloc the sentence frames, is the first."""
    if total is None and not _BLOC_FRAME_RE.search(f):
        return []
    out = []
    for rx, first in ((lx.BLOC_HIGHEST_RE, True), (lx.BLOC_LOWEST_RE, False)):
        if total is None and not first:
            continue  # the last place needs the bloc's size
        for m in rx.finditer(f):
            if _GROUP_BEFORE_RE.search(f[max(0, m.start() - 60) : m.start()]):
                continue  # "nhóm 16 tỉnh đạt điểm cao nhất": a top group, not first place
            if _free(mask, m.start(), m.end()):
                _take(mask, m.start(), m.end())
                place = 1 if first else total
                # "cao nhất thuộc về X", "thấp nhất là Y": the unit is named after its place
                # ("cao nhất là 92 điểm": the score follows, not a name)
                after = bool(re.match(r"\s+(?:thuoc ve|la)\b(?!\s*\d)", f[m.end() :]))
                out.append(Event(m.start(), m.end(), "rank", {"rank": place, "total": total,
                                 "change": None, "subject_after": after}))  # fmt: skip
    for m in lx.LAST_PLACE_RE.finditer(f) if total is not None else ():
        if _free(mask, m.start(), m.end()):
            _take(mask, m.start(), m.end())
            out.append(Event(m.start(), m.end(), "rank", {"rank": total, "total": total,
                                                          "change": None}))  # fmt: skip
    return out


# The patterns above, each with a lookahead on the characters its matches start with
# (same matches; re skips to those characters instead of trying every position).
from llmx.core.scanre import guard_patterns  # noqa: E402 - after the patterns it guards

guard_patterns(globals())
