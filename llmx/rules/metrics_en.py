"""English counts ("A further 59 provinces and cities scored from 80 percent to under 90
percent", "the survey covered 19 ministries and sectors"): the metric of the country, the
ministries' bloc or the sentence's subject, named "number of <what is counted> <what they
did>" in English, as the text writes it (eval/CONVENTIONS.md: English passages keep metric
names in English).

What an English count counts and whose it is come from the vocabulary (``count_unit``
entries with ``lang = "en"``): ``owner`` "nation" (provinces, localities), "bloc"
(ministries), "subject" (a unit's own parts: component indexes, dossiers), ``survey``
"only" for people and firms, counted only as a survey's respondents, and ``unit`` where the
count is recorded in another unit than the words the text counts in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from llmx.core.vocab import Entry, get_vocab

# "57 of the 63 provinces", "12,300 firms", "6 component indexes": a count before its unit.
_COUNT_RE = re.compile(
    r"(?<![\w.,/-])(?P<v>\d{1,3}(?:,\d{3})+|\d{1,6})"
    r"(?:\s+of\s+(?:the\s+)?\d{1,3}(?:\s+ranked)?)?\s+"
)
# A count that is the base of other figures or a rank, not a figure itself.
_BASE_BEFORE = re.compile(
    r"\b(?:among|of|in|out of|across|from|to|between|than|top|all|no\.?|ranked|within|by|"
    r"under|over|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_YEARS = range(1990, 2101)
# English words of the count units (folded plural endings): a cheap test before the units.
_EN_HINT = re.compile(
    r"(?:provinces|localities|ministries|agencies|sectors|respondents|citizens|firms|companies|"
    r"enterprises|businesses|servants|people|households|ind(?:exes|ices)|dimensions|pillars|"
    r"indicators|criteria|dossiers|applications|procedures|services)\b"
)
_EN_SHARE_HINT = re.compile(
    r"\d\s*(?:%|percent\b|per cent\b)[^\n]*?\b(?:the|of|for|said|had|were)\b"
)
# Where the words saying what the counted units did stop.
_PHRASE_STOP = re.compile(
    r"[,;:.()–—]|\s(?:while|whereas|against|compared|but|which|who|including|as well as|"
    r"and the|respectively)\b",
    re.IGNORECASE,
)
_PHRASE_MAX_WORDS = 8
_TRAILING = re.compile(
    r"(?:\s+(?:the|a|an|of|in|on|to|from|for|with|by|at|their|its|under|over|and))+$",
    re.IGNORECASE,
)
# A verb must open the phrase: "… provinces improved their index", "… ministries landed
# between …"; a phrase that opens otherwise ("respondents aged 18 and over") says nothing of
# what is measured.
_VERB_START = re.compile(
    r"^(?!aged\b)(?:\w+ed|\w+ied|scored|won|fell|rose|kept|held|made|saw|got|had|were|are|was|remained|"
    r"did|stood|slipped|dropped)\b",
    re.IGNORECASE,
)
# A verb the count is the object of: "improved on 6 component indexes", "slipped on 4 …".
_VERB_BEFORE = re.compile(
    r"\b(?P<verb>\w+ed|gained|slipped|won|lost)\s+(?:on|in)\s+(?:the\s+)?(?:other\s+|remaining\s+)?$",
    re.IGNORECASE,
)
_SURVEY = re.compile(
    r"\b(?:survey(?:ed)?|poll|feedback|respondents|responses|interviewed|answers|views)\b"
)


@dataclass(frozen=True)
class EnCount:
    """One English count: where its number and unit are, the value, the unit as written,
    its name and whose it is ("nation", "bloc" or "subject")."""

    start: int
    end: int
    value: float
    unit: str
    name: str
    owner: str


@cache
def _units() -> tuple[tuple[Entry, re.Pattern[str]], ...]:
    vocab = get_vocab()
    return tuple(
        (e, vocab.matcher(e))
        for e in vocab.entries
        if e.kind == "count_unit" and e.lang == "en" and e.label == "en_count"
    )


def _unit_at(original: str, pos: int) -> tuple[Entry, re.Match[str]] | None:
    best: tuple[Entry, re.Match[str]] | None = None
    for entry, rx in _units():
        m = rx.match(original, pos)
        if m and (best is None or m.end() > best[1].end()):
            best = (entry, m)
    return best


def _what_they_did(original: str, pos: int) -> str:
    """The words after a counted unit saying what the units did, up to a clause break."""
    stop = _PHRASE_STOP.search(original, pos)
    words = original[pos : stop.start() if stop else len(original)].split()
    phrase = " ".join(words[:_PHRASE_MAX_WORDS])
    phrase = _TRAILING.sub("", phrase)
    return phrase if _VERB_START.match(phrase) else ""


def find_en_counts(f: str, original: str) -> list[EnCount]:
    """The English counts of one sentence (folded ``f``, ``original`` text)."""
    if not _units() or not _EN_HINT.search(f):
        return []
    survey = bool(_SURVEY.search(f))
    out: list[EnCount] = []
    for m in _COUNT_RE.finditer(original):
        hit = _unit_at(original, m.end())
        if hit is None:
            continue
        entry, um = hit
        s = m.start("v")
        is_survey_unit = entry.attrs.get("survey") == "only"
        if _BASE_BEFORE.search(original, max(0, s - 16), s) and not (is_survey_unit and survey):
            continue  # "feedback from 17,300 civil servants" is the survey's size all the same
        value = float(m.group("v").replace(",", ""))
        if value in _YEARS and "," not in m.group("v"):
            continue
        if is_survey_unit and not survey:
            continue  # "30,000 citizens" outside a survey: not a figure this reads
        unit = um.group(0)
        did = _what_they_did(original, um.end())
        done = _VERB_BEFORE.search(original, max(0, s - 30), s)
        if not did and done:
            did = done.group("verb")  # "improved on 6 component indexes", "slipped on 4 …"
        if did:
            name = f"number of {unit} {did}"
        elif survey and (is_survey_unit or entry.attrs.get("owner") != "subject"):
            name = f"number of {unit} surveyed"
        else:
            continue  # nothing says what the count measures
        owner = (
            "nation"
            if survey and entry.attrs.get("owner") != "subject"
            else entry.attrs.get("owner", "subject")
        )
        recorded = entry.attrs.get("unit", unit)  # the unit the vocabulary records it in
        out.append(EnCount(s, um.end(), value, recorded, name, owner))
    return out


@dataclass(frozen=True)
class EnShare:
    """One English share: where its value is, the value and its name (the country's)."""

    start: int
    end: int
    value: float
    name: str


_PERCENT_EN = re.compile(r"(?<![\d.,])(?P<v>\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)")
_OF_WHOM = re.compile(r"\s+of\s+(?:the\s+)?(?P<who>respondents|citizens|people|businesses|firms)\b")
_SHARE_STOP = re.compile(
    r"[;:.()]|,\s|\s(?:and|while|but)\s+\d|\s(?:while|when|because|in order)\b", re.IGNORECASE
)
_SHARE_MAX_WORDS = 10
_FOR_ITEM = re.compile(r"\s+for\s+(?P<np>[^,;:.()]{3,60}?)(?=\s*(?:,|;|\.|$|\s+and\s+\d))")


@cache
def _matchers(label: str) -> tuple[re.Pattern[str], ...]:
    vocab = get_vocab()
    return tuple(
        vocab.matcher(e)
        for e in vocab.entries
        if e.kind == "metric" and e.lang == "en" and e.label == label
    )


def find_en_shares(f: str, original: str) -> list[EnShare]:
    """The shares of a survey's respondents in one English sentence ("90% said they had not
    been asked for bribes") and the shares a measure is told for ("Satisfaction stood at 83%
    for access to services, …"): the country's, named in English as the text words them."""
    if ("%" not in f and "percent" not in f and "per cent" not in f) or not _EN_SHARE_HINT.search(
        f
    ):
        return []  # no English share: most sentences
    if not _SURVEY.search(f) and not any(rx.search(original) for rx in _matchers("en_measure_for")):
        return []
    out: list[EnShare] = []
    heads = [m for rx in _matchers("en_measure_for") for m in rx.finditer(original)]
    for m in _PERCENT_EN.finditer(original):
        value = float(m.group("v"))
        if value > 100:
            continue
        head = next((h for h in heads if h.end() <= m.start()), None)
        item = _FOR_ITEM.match(original, m.end())
        if head is not None and item is not None:
            noun = re.sub(r"\s+(?:stood at|was|reached|came to)$", "", head.group(0))
            out.append(EnShare(m.start(), m.end(), value, f"{noun.lower()} for {item['np']}"))
            continue
        if not _SURVEY.search(f):
            continue
        pos, who = m.end(), "respondents"
        of = _OF_WHOM.match(original, pos)
        if of is not None:
            pos, who = of.end(), of.group("who")
        verb = next(
            (v for rx in _matchers("en_share_verb") if (v := rx.match(original, pos + 1))), None
        )
        if verb is None or original[pos : verb.start()].strip():
            continue
        stop = _SHARE_STOP.search(original, verb.start())
        words = original[verb.start() : stop.start() if stop else len(original)].split()
        said = " ".join(words[:_SHARE_MAX_WORDS])
        out.append(EnShare(m.start(), m.end(), value, f"share of {who} {said}"))
    return out
