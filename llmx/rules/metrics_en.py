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


# ---- a unit's own rates and counts of work ---------------------------------------------------
# "The rate of online public services in Da Nang reached 92%", "45.6% of dossiers were
# processed online", "Hanoi processed 1.2 million dossiers": the figures of the unit the
# sentence is about (the caller resolves whose), named from the measured noun phrase. The
# phrasings are the vocabulary's (metric_en.toml); what lies between them is the name.


@dataclass(frozen=True)
class EnFigure:
    """One English rate or count: where its value is, the value, its unit and its name."""

    start: int
    end: int
    value: float
    unit: str
    name: str


_PCT_AFTER = re.compile(
    r"\s*(?:(?:about|nearly|almost|around|some)\s+)?(?P<v>\d{1,3}(?:\.\d+)?)"
    r"\s*(?:%|percent\b|per cent\b)"
)
# Where a measured noun phrase stops: a place, year or unit it is told for ("… in Da Nang",
# "… in 2023", "… of the province") or a clause mark. What follows is whose or when.
_NP_STOP = re.compile(
    r"[,;:()]|\s(?:in|of|for|across|at|during)\s+(?:the\s+)?(?:[A-Z]|\d{4}|province|city)"
    r"|\s(?:in|during)\s+(?:the\s+)?(?:first|last|past|\d)",
)
_LEAD = re.compile(r"^(?:(?:the|its|their|a|an)\s+)+", re.IGNORECASE)
# A rate told as what someone won or scored with ("came first with a satisfaction rate of
# 91.2%"): the index result's value, not a metric of its own.
_WITH_BEFORE = re.compile(r"\bwith\s+(?:a|an|its|the)?\s*$", re.IGNORECASE)
# Shares of respondents or of ranked units are the survey's or the index's (find_en_shares,
# the group counts), not a unit's work.
_NOT_WORK = re.compile(
    r"^(?:respondents|citizens|people|businesses|firms|enterprises|households|provinces|"
    r"localities|ministries|agencies|cities|voters|participants)\b",
    re.IGNORECASE,
)
_AFTER_DONE = re.compile(r"(?:\s+(?!in\b|during\b|by\b|and\b|while\b|of\b)[a-z-]+){0,2}")
_COUNT_AFTER = re.compile(
    r"\s+(?:(?:a total of|nearly|almost|about|around|some)\s+)?"
    r"(?P<v>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(?P<mult>million|thousand))?\s+"
)
_MULT = {"million": 1e6, "thousand": 1e3}
_NAME_MAX_WORDS = 12


@cache
def _entries(kind: str, label: str) -> tuple[tuple[Entry, re.Pattern[str]], ...]:
    vocab = get_vocab()
    return tuple(
        (e, vocab.matcher(e))
        for e in vocab.entries
        if e.kind == kind and e.lang == "en" and e.label == label
    )


def _rx(kind: str, label: str) -> tuple[re.Pattern[str], ...]:
    return tuple(rx for _, rx in _entries(kind, label))


# A rate's head: the vocabulary's rate word ("rate", "proportion"), with the words that
# qualify it before ("the on-time settlement rate") and its "of" after ("the rate of …").
_HEAD_BEFORE = re.compile(r"(?:[\w-]+\s+){0,3}$")
_HEAD_OF = re.compile(r"\s+of\b")


# Words a "… rate" head may not start with: they open the clause, not the rate's name
# ("In 2023 the on-time rate", "Binh Duong's processing rate").
_HEAD_LEAD = re.compile(
    r"^.*?\b(?:the|its|their|a|an|in|and|with|while|that|whose|this|[A-Z]\w*'s|s)\s+"
    r"(?=(?:[\w-]+ ){0,2}rate\b)"
)
# "99.2% of which were settled": the share of the things the clause before counted.
_PRONOUNS = ("which", "these", "those")
# A measured phrase that holds a clause ("them said they"), not a noun phrase: no name.
_CLAUSE_WORDS = re.compile(r"\b(?:said|says|say|they|them|that|who|it|we|he|she)\b", re.IGNORECASE)


def _clip(text: str) -> str:
    """The noun phrase ``text`` begins with, up to where it stops."""
    stop = _NP_STOP.search(text)
    return _LEAD.sub("", text[: stop.start() if stop else len(text)].strip())


def _rates(original: str) -> list[EnFigure]:
    out: list[EnFigure] = []
    verbs = _rx("metric_verb", "en_rate_verb")
    for word in (m for rx in _rx("metric", "rate") for m in rx.finditer(original)):
        before = _HEAD_BEFORE.search(original, max(0, word.start() - 40), word.start())
        start = before.start() if before else word.start()
        of = _HEAD_OF.match(original, word.end())
        end = of.end() if of else word.end()
        if _WITH_BEFORE.search(original, max(0, start - 12), start):
            continue
        head_text = original[start:end]
        window = original[end : end + 120]
        joins = sorted(
            (v for rx in verbs for v in rx.finditer(window) if _PCT_AFTER.match(window, v.end())),
            key=lambda v: v.start(),
        )
        if not joins or re.search(r"[;:()]", window[: joins[0].start()]):
            continue
        verb = joins[0]
        measured = _clip(window[: verb.start()])
        name = _LEAD.sub("", f"{_HEAD_LEAD.sub('', head_text)} {measured}".strip())
        if of and not measured:
            continue  # "the rate of 92%" names nothing
        if len(name.split()) > _NAME_MAX_WORDS:
            continue
        pct = _PCT_AFTER.match(window, verb.end())
        assert pct is not None
        value = float(pct.group("v"))
        if value <= 100:
            s = end + pct.start("v")
            out.append(EnFigure(s, end + pct.end(), value, "%", name[0].lower() + name[1:]))
    return out


# "More than 99% of documents …", "over 80 percent": a bound, not the figure.
_BOUND_BEFORE = re.compile(
    r"\b(?:more than|less than|over|under|above|below|at least|at most|up to|nearly all)\s*$",
    re.IGNORECASE,
)


def _shares_done(original: str) -> list[EnFigure]:
    out: list[EnFigure] = []
    for m in _PERCENT_EN.finditer(original):
        if _BOUND_BEFORE.search(original, max(0, m.start() - 14), m.start()):
            continue
        rest = original[m.end() :]
        of = re.match(r"\s+of\s+(?:the\s+)?(?:total\s+)?", rest)
        if of is None:
            continue
        done = next(
            (d for rx in _rx("metric_verb", "en_share_done") if (d := rx.search(rest, of.end()))),
            None,
        )
        if done is None or re.search(r"[,;:()]", rest[of.end() : done.start()]):
            continue
        measured = _clip(rest[of.end() : done.start()])
        if measured in _PRONOUNS:
            counted = [
                n
                for rx in _rx("count_unit", "en_work_noun")
                for n in rx.finditer(original, 0, m.start())
            ]
            measured = max(counted, key=lambda n: n.start()).group(0) if counted else ""
        if (
            not measured
            or _NOT_WORK.match(measured)
            or _CLAUSE_WORDS.search(measured)
            or len(measured.split()) > 8
        ):
            continue
        # the participle and what qualifies it ("processed online", "settled on time")
        participle = done.group(0).split()[-1]
        tail = _AFTER_DONE.match(rest, done.end())
        how = f"{participle}{tail.group(0) if tail else ''}"
        value = float(m.group("v"))
        if value <= 100:
            out.append(EnFigure(m.start(), m.end(), value, "%", f"rate of {measured} {how}"))
    return out


def _work_counts(original: str) -> list[EnFigure]:
    out: list[EnFigure] = []
    nouns = _rx("count_unit", "en_work_noun")
    for entry, rx in _entries("metric_verb", "en_work_verb"):
        out += _counts_after(original, entry, rx, nouns)
    return out


def _counts_after(
    original: str, entry: Entry, rx: re.Pattern[str], nouns: tuple[re.Pattern[str], ...]
) -> list[EnFigure]:
    out: list[EnFigure] = []
    for verb in rx.finditer(original):
        r = _RATE_AFTER.match(original, verb.end())
        if r is not None:
            rate = _rate_of_work(original, verb, r, nouns)
            out += [rate] if rate is not None else []
            continue
        c = _COUNT_AFTER.match(original, verb.end())
        if c is None:
            continue
        raw = c.group("v")
        value = float(raw.replace(",", "")) * _MULT.get(c.group("mult") or "", 1.0)
        if value in _YEARS and "," not in raw and not c.group("mult"):
            continue
        phrase = original[c.end() : c.end() + 60]
        noun = _noun_in(phrase, nouns)
        if noun is None:
            continue
        what = phrase[: noun.end()]
        said = entry.attrs.get("name_verb", verb.group(0))
        did = "" if entry.attrs.get("in_name") == "no" else f" {said}"
        out.append(
            EnFigure(c.start("v"), c.end() + noun.end(), value, noun.group(0),
                     f"number of {what}{did}")
        )  # fmt: skip
    return out


_RATE_AFTER = re.compile(
    r"\s+(?:(?:nearly|almost|about|around|some)\s+)?(?P<v>\d{1,3}(?:\.\d+)?)"
    r"\s*(?:%|percent|per cent)\s+of\s+(?:the\s+|all\s+)?"
)


def _rate_of_work(
    original: str, verb: re.Match[str], c: re.Match[str], nouns: tuple[re.Pattern[str], ...]
) -> EnFigure | None:
    """ "processed 96.7 percent of the requests": the rate of the requests processed."""
    phrase = original[c.end() : c.end() + 60]
    noun = _noun_in(phrase, nouns)
    value = float(c.group("v"))
    if noun is None or value > 100:
        return None
    return EnFigure(c.start("v"), c.end("v"), value, "%",
                    f"rate of {phrase[: noun.end()]} {verb.group(0)}")  # fmt: skip


def _noun_in(phrase: str, nouns: tuple[re.Pattern[str], ...]) -> re.Match[str] | None:
    """The counted noun closing the phrase's first few words (no clause mark or number
    before it: "1.2 million dossiers", "120 administrative procedures")."""
    noun = next(
        (n for rx in nouns if (n := rx.search(phrase)) and len(phrase[: n.start()].split()) <= 4),
        None,
    )
    if noun is None or re.search(r"[,;:()]|\d", phrase[: noun.start()]):
        return None
    return noun


def find_en_figures(f: str, original: str) -> list[EnFigure]:
    """A unit's own English rates and counts of work in one sentence (folded ``f``,
    ``original`` text), left to right."""
    if not any(
        rx.search(original) for rx in _rx("count_unit", "en_work_noun") + _rx("metric", "rate")
    ):
        return []  # no rate and nothing counted: most sentences
    found = _rates(original) + _shares_done(original) + _work_counts(original)
    return sorted(found, key=lambda x: (x.start, x.end))
