"""English rates outside surveys: "the share of online applications reached 62%" (a named
rate), "72% of dossiers were submitted online" and "handled 98.5% of dossiers on time" (a
share of what follows "of"), named in English as the text words them (eval/CONVENTIONS.md:
English passages keep metric names in English).

The nouns a named rate opens on and the verbs that give it its value are the vocabulary's
(``metric`` entries ``en_rate_head``, ``en_rate_verb``); a share of respondents ("…
said …") is read by ``metrics_en.find_en_shares`` and left alone here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from llmx.core.vocab import Entry, get_vocab

_PERCENT = re.compile(r"(?<![\d.,])(?P<v>\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)")
# "72% of dossiers were submitted online", "98.5% of administrative dossiers on time".
_OF_WHAT = re.compile(
    r"\s+of\s+(?:the\s+|all\s+|its\s+|their\s+)?(?P<np>(?!which\b|them\b|these\b|those\b|"
    r"respondents\b|citizens surveyed\b)[a-z][\w-]*(?:\s+[a-z][\w-]*){0,5}?)"
    r"(?P<place>\s+(?:in|at)\s+(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*)?"  # "… of dossiers in Hai Phong"
    r"(?=\s+(?:were|was|are|is|had been|have been|to be|got|received)\b|"
    r"\s+(?:on time|online|ahead)\b|"
    r"[,;.]|\s+in\s+(?:19|20)\d\d|\s+by\s+(?:19|20)\d\d|$)"
)
_BE_DONE = re.compile(
    r"\s+(?:were|was|are|is|had been|have been|to be)\s+"
    r"(?P<done>(?:\w+ed|\w+en|\w+able|paid|made|held|sent|"
    r"done|settled)(?:\s+(?!by\s+(?:19|20))[\w-]+){0,5}?)(?=[,;.]|\s+(?:in|by)\s+(?:19|20)\d\d|"
    r"\s+(?:and|while|but)\b|$)"
)
_MANNER = re.compile(r"\s+(?P<how>on time|online|ahead of (?:or on )?schedule|on schedule)\b")
# A verb right before the share ("handled 98.5% of …", "provided 80% of …") and a goal's
# "aims to have 80% of …".
_VERB_BEFORE = re.compile(r"\b(?P<verb>\w+ed|settled|resolved|processed|digiti[sz]ed)\s+$")
_HAVE_BEFORE = re.compile(r"\b(?:have|has|get|see)\s+$")
_GOAL_STOP = re.compile(r"[,;.]|\s+(?:in|by)\s+(?:19|20)\d\d|\s+(?:and|while|but)\b")
# "a satisfaction rate of at least 90%": the rate named by the words before "rate".
_RATE_OF = re.compile(
    r"\b(?P<np>(?:[a-z][\w-]*\s+){1,3}(?:rate|ratio|share|rating|level))\s+of\s+"
    r"(?:(?:at least|about|around|nearly|over|more than)\s+)?$"
)
# "Records were settled on time at a rate of 99.8%": the subject and what was done to it.
_AT_RATE = re.compile(
    r"(?:^|[,;:]\s*|\b(?:and|while)\s+)(?P<np>[A-Za-z][\w' -]{2,60}?)\s+"
    r"(?:were|was|are|is|had been|have been|has been)\s+"
    r"(?P<done>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?)\s+at\s+(?:a|an)\s+(?:[a-z]+\s+)?rate\s+of\s+"
    r"(?:(?:about|around|nearly|over|more than|almost)\s+)?$"
)
_AT_RATE_WINDOW = 120
_DETERMINERS = frozenset(("a", "an", "the", "its", "their", "this", "that"))
# A cut told of a noun phrase, passive or active, right before its percent.
_CUT_WINDOW = 90
_CUT_PASSIVE = re.compile(
    r"(?:^|[,;.]\s+|\b(?:and|while)\s+)(?P<np>[A-Za-z][A-Za-z' -]{3,60}?)\s+"
    r"(?:was|were|has been|have been|will be|is to be|to be)\s+"
    r"(?:cut|reduced|shortened|slashed)\s+by\s+"
    r"(?:(?:at least|about|nearly|some|over|more than)\s+)?$"
)
_CUT_ACTIVE = re.compile(
    r"\b(?:cut|cuts|cutting|reduce|reduces|reduced|reducing|shorten|shortened|shortening)\s+"
    r"(?P<np>(?:the\s+|its\s+|their\s+)?[a-z][\w -]{3,60}?)\s+by\s+"
    r"(?:(?:at least|about|nearly|some|over|more than)\s+)?$"
)
_NAMED_END = re.compile(r"\s+(?:in\s+(?:19|20)\d\d|by\s+(?:19|20)\d\d)$")
# Whose the rate is, at the end of what it measures ("… online public services in Da Nang"):
# the sentence's unit, not part of the name.
_PLACE_END = re.compile(r"\s+(?:in|at|of)\s+(?:the\s+)?(?:[A-Z][\w-]*\s*){1,4}$")
# The doer inside a relative clause ("the requests it received"): not part of the name.
_PRONOUN_END = re.compile(r"\s+(?:it|they|we)$")
_MAX_WORDS = 10
# Words between a share's verb and its value ("accounted for about 55%").
_SHARE_QUALIFIER = re.compile(
    r"\s+(?:(?:about|around|nearly|almost|over|more than|only|just|a mere|some)\s+)?$"
)
# Where a share verb's subject starts: the clause's start.
_SUBJECT_START = re.compile(r"(?:^|[,;:(]\s*|\s(?:that|and|while|but)\s+)(?=[^,;:(]*$)")
# "Nam Dinh's online payments": a possessive owner before the subject, not part of its name.
_OWNER_LEAD = re.compile(r"^(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*'s?\s+")
_SHARE_WINDOW = 120


# The earlier level of the rate just read: "…, up from 30 percent in 2022", "compared with
# 30 percent in 2022" (only with its own year told after it).
_EARLIER_LEVEL_BEFORE = re.compile(
    r"\b(?:up from|down from|compared with|compared to|against|from)\s+(?:about\s+|nearly\s+)?$"
)
_OWN_YEAR_AFTER = re.compile(r"\s+in\s+(?:19|20)\d\d\b")


@dataclass(frozen=True)
class EnRate:
    """One English rate: where its value is, the value and its name."""

    start: int
    end: int
    value: float
    name: str
    place: tuple[int, int] | None = (
        None  # where a place the share is of is named ("… in Hai Phong")
    )


@cache
def _matchers(label: str) -> tuple[tuple[Entry, re.Pattern[str]], ...]:
    vocab = get_vocab()
    return tuple(
        (e, vocab.matcher(e))
        for e in vocab.entries
        if e.kind == "metric" and e.lang == "en" and e.label == label
    )


def _words(text: str) -> str:
    return " ".join(text.split()[:_MAX_WORDS])


def find_en_rates(original: str) -> list[EnRate]:
    """The English rates of one sentence, in text order."""
    if "%" not in original and "percent" not in original and "per cent" not in original:
        return []
    out: list[EnRate] = []
    for m in _PERCENT.finditer(original):
        value = float(m["v"])
        if value > 100:
            continue
        name = (
            _cut(original, m.start())
            or _done_at_rate(original, m.start())
            or _named(original, m.start(), m.end())
            or _share_of(original, m.start(), m.end())
            or _made_up(original, m.start())
        )
        if not name and out and _EARLIER_LEVEL_BEFORE.search(original, 0, m.start()):
            if _OWN_YEAR_AFTER.match(original, m.end()):
                # "reached 45 percent, up from 30 percent in 2022": the same rate, that
                # year's level (dated by the year told after it)
                name = out[-1].name
        if name:
            of = _OF_WHAT.match(original, m.end())
            place = of.span("place") if of is not None and of.group("place") else None
            out.append(EnRate(m.start(), m.end(), value, name, place))
    return out


def _cut(original: str, pos: int) -> str | None:
    """ "Processing time for procedures was cut by 30 percent", "cut the waiting time by 20%"
    -> "reduction in processing time for procedures": how much something was cut."""
    window = original[max(0, pos - _CUT_WINDOW) : pos]
    for rx in (_CUT_PASSIVE, _CUT_ACTIVE):
        m = rx.search(window)
        if m is not None:
            np = m["np"].strip()
            np = np[4:] if np.lower().startswith("the ") else np
            if np:
                return _words(f"reduction in {np[0].lower()}{np[1:]}")
    return None


# "… of 85 percent for procedures related to land, …": what the rate is told for.
_FOR_AFTER = re.compile(r"\s+for\s+(?P<np>[a-z][^;.()]{2,120}?)\s*(?=[;.()]|$)")
# "State administrative agencies are aiming at …": the agencies whose goal rate it is (a
# common noun for a kind of unit, not a place), opening the sentence.
_AIMING_AGENCIES = re.compile(
    r"^(?P<who>(?:[A-Za-z][\w-]*\s+){0,4}(?:agencies|offices|departments|units|authorities|"
    r"committees|bodies))\s+(?:are|were)\s+aiming\s+(?:at|for)\b"
)


def _done_at_rate(original: str, pos: int) -> str | None:
    """ "Records were settled on time at a rate of 99.8%" -> "rate of records settled on
    time": the rate at which the clause's subject had something done."""
    said = _AT_RATE.search(original, max(0, pos - _AT_RATE_WINDOW), pos)
    if said is None:
        return None
    words = _OWNER_LEAD.sub("", said["np"]).split()
    while words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    subject = " ".join(words)
    if not subject or re.search(r"\d", subject):
        return None
    subject = subject[0].lower() + subject[1:]
    return _words(f"rate of {subject} {said['done']}")


def _named(original: str, pos: int, end: int) -> str | None:
    """ "the share of online applications reached 62%" -> "share of online applications"."""
    rate_of = _RATE_OF.search(original, max(0, pos - 60), pos)
    if rate_of is not None:
        words = rate_of["np"].lower().split()
        # the words after the last determiner: "targets a satisfaction rate" -> "satisfaction
        # rate"; with none, the two words before the noun
        cut = max((i + 1 for i, w in enumerate(words) if w in _DETERMINERS), default=0)
        named = words[cut:] if cut else words[-3:]
        if len(named) >= 2:
            return _words(" ".join(named) + _rate_owner(original, end))
    window_start = max(original.rfind(",", 0, pos), original.rfind(";", 0, pos), 0)
    for _, head in _matchers("en_rate_head"):
        heads = [h for h in head.finditer(original, window_start, pos)]
        if not heads:
            continue
        h = heads[-1]
        between = original[h.end() : pos]
        for _, verb in _matchers("en_rate_verb"):
            for v in verb.finditer(between):
                if between[v.end() :].strip() == "":
                    what = _NAMED_END.sub("", between[: v.start()].strip())
                    what = _PLACE_END.sub("", what)
                    if what and not re.search(r"\d", what) and what[0].islower():
                        lead = h.group(0)
                        lead = lead[4:] if lead.lower().startswith("the ") else lead
                        return _words(f"{lead.lower()} {what}")
    return None


# Words a unit's kind keeps capitalised ("State administrative agencies").
_CAPITALISED = frozenset(("State", "Government", "People's"))


def _rate_owner(original: str, end: int) -> str:
    """What a rate named before its value is for or of, as a column title says it: " for
    <what follows 'for'>", else " of <the agencies aiming at it>", else nothing."""
    told_for = _FOR_AFTER.match(original, end)
    if told_for is not None:
        return f" for {told_for['np']}"
    who = _AIMING_AGENCIES.match(original)
    if who is not None:
        said = who["who"]
        if said.split()[0] not in _CAPITALISED:  # the sentence's capital, not the name's
            said = f"{said[0].lower()}{said[1:]}"
        return f" of {said}"
    return ""


def _share_of(original: str, start: int, end: int) -> str | None:
    """ "72% of dossiers were submitted online" -> "share of dossiers submitted online";
    "handled 98.5% of dossiers on time" -> "share of dossiers handled on time"."""
    of = _OF_WHAT.match(original, end)
    if of is None:
        return None
    what = _PRONOUN_END.sub("", of["np"])
    done = _BE_DONE.match(original, of.end())
    if done is not None:
        return _words(f"share of {what} {done['done']}")
    if _HAVE_BEFORE.search(original, max(0, start - 12), start):
        # "aims to have 80% of public services provided fully online by 2025"
        stop = _GOAL_STOP.search(original, of.start("np"))
        return _words(f"share of {original[of.start('np') : stop.start() if stop else None]}")
    verb = _VERB_BEFORE.search(original, max(0, start - 20), start)
    if verb is None:
        return None
    how = _MANNER.match(original, of.end())
    tail = f" {how['how']}" if how else ""
    return _words(f"share of {what} {verb['verb']}{tail}")


def _made_up(original: str, pos: int) -> str | None:
    """ "online dossiers made up 42 percent of the total", "Procedures offered online
    accounted for 55.5 percent" -> "share of online dossiers": the share of the subject of a
    verb of the vocabulary's (``en_part_verb``) told right before the value."""
    window_start = max(0, pos - _SHARE_WINDOW)
    for _, verb in _matchers("en_part_verb"):
        hits = [v for v in verb.finditer(original, window_start, pos)]
        if not hits or not _SHARE_QUALIFIER.fullmatch(original, hits[-1].end(), pos):
            continue
        v = hits[-1]
        clause = original[window_start : v.start()]
        opens = _SUBJECT_START.search(clause)
        np = clause[opens.end() if opens else 0 :].strip()
        np = _OWNER_LEAD.sub("", np)
        np = _PLACE_END.sub("", _NAMED_END.sub("", np)).strip()
        np = np[4:] if np.lower().startswith("the ") else np
        if len(np) > 1 and np[0].isupper() and np[1].islower():
            np = f"{np[0].lower()}{np[1:]}"  # the sentence's first word
        words = np.split()
        if not words or len(words) > _MAX_WORDS or not np[0].islower() or re.search(r"\d", np):
            continue
        return f"share of {np}"
    return None


# The patterns above, with the first-character guard and the required-text filter
# (llmx.core.scanre): same matches, fewer tries.
from llmx.core.scanre import guard_patterns  # noqa: E402 - after the patterns it guards

guard_patterns(globals())
