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
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from llmx.core.textnorm import fold
from llmx.core.vocab import Entry, get_vocab

# "57 of the 63 provinces", "12,300 firms", "6 component indexes": a count before its unit.
_COUNT_RE = re.compile(
    r"(?<![\w.,/-])(?P<v>\d{1,3}(?:,\d{3})+|\d{1,6})"
    r"(?:\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+)?\d{1,3}(?:\s+ranked)?)?\s+"
    r"(?:[A-Z]{2,6}(?:\s+Index)?\s+)?"  # "6 PCI component indexes": the index, then the units
)
# A count that is the base of other figures or a rank, not a figure itself.
_BASE_BEFORE = re.compile(
    r"\b(?:among|of|in|out of|across|from|to|between|than|top|all|no\.?|ranked|within|by|"
    r"under|over|at)\s+(?:the\s+|its\s+|their\s+)?$",
    re.IGNORECASE,
)
_YEARS = range(1990, 2101)
# English words of the count units (folded plural endings): a cheap test before the units.
_EN_HINT = re.compile(
    r"(?:provinces|localities|ministries|agencies|sectors|respondents|citizens|firms|companies|"
    r"enterprises|businesses|servants|people|households|ind(?:exes|ices)|dimensions|pillars|"
    r"indicators|criteria|dossiers|applications|procedures|services|requests|records|decisions|units|"
    r"departments|districts|communes)\b"
)
_EN_SHARE_HINT = re.compile(
    r"\d\s*(?:%|percent\b|per cent\b)[^\n]*?\b(?:the|of|for|said|had|were)\b"
)
# Where the words saying what the counted units did stop.
_PHRASE_STOP = re.compile(
    r"[,;:.()–—]|\s(?:while|whereas|against|compared|but|which|who|including|as well as|"
    r"and the|respectively)\b|\s(?:and|or)\s+(?=\d)",
    re.IGNORECASE,
)
_PHRASE_MAX_WORDS = 8
# "between 70 percent and 80 percent": the range's "and" does not end the phrase.
_RANGE_OPEN = re.compile(
    r"\bbetween\s+\d+(?:\.\d+)?\s*(?:%|percent|per cent|points?)?\s*$", re.IGNORECASE
)
_RANGE_END = re.compile(
    r"\s+and\s+\d+(?:\.\d+)?\s*(?:%|percent\b|per cent\b|points?\b)?", re.IGNORECASE
)
# "30 of them are above that average" -> "above …": the copula says nothing measured.
_COPULA = re.compile(r"^(?:are|were|is|was)\s+(?=(?:above|below|under|over|in|among)\s)")
_HOLDING = re.compile(r"^(?:had|have|has)\s+(?=(?:a|an)\s)", re.IGNORECASE)
# "90,010 records were received": a passive titles by its participle ("records received").
_PASSIVE = re.compile(
    r"^(?:were|was|are|is|have been|has been|had been)\s+(?=\w+(?:ed|en)\b|paid\b|made\b|"
    r"held\b|sent\b|done\b)",
    re.IGNORECASE,
)
# "… have adopted their own plans": a perfect tense titles as "that have adopted …".
_PERFECT = re.compile(r"^(?=(?:had|have|has)\s+\w+(?:ed|en)\b)", re.IGNORECASE)
# "12 out of 63 localities across the country have adopted …": where the units are, which
# the count's owner already says, between the units and what they did.
_WHERE_UNITS = re.compile(
    r"\s+(?:across the country|nationwide|in the country|in the whole country|"
    r"in the province|across the province)\b",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"(?:\s+(?:the|a|an|of|in|on|to|from|for|with|by|at|their|its|under|over|and))+$",
    re.IGNORECASE,
)
# A verb must open the phrase: "… provinces improved their index", "… ministries landed
# between …"; a phrase that opens otherwise ("respondents aged 18 and over") says nothing of
# what is measured.
_VERB_START = re.compile(
    r"^(?!aged\b)(?:\w+ed|\w+ied|scored|won|fell|rose|kept|held|made|saw|got|had|were|are|was|remained|"
    r"did|stood|slipped|dropped|score|have|has|beat|met|"
    r"(?!including|according|during|following|regarding|concerning)\w{3,}ing)\b",
    re.IGNORECASE,
)
# A verb the count is the object of: "improved on 6 component indexes", "slipped on 4 …".
_VERB_BEFORE = re.compile(
    r"\b(?P<verb>\w+ed|gained|slipped|won|lost)\s+(?:on|in)\s+(?:the\s+)?(?:other\s+|remaining\s+)?$",
    re.IGNORECASE,
)
# A verb the count is the object of, said of the sentence's unit ("the province cut 306
# administrative procedures", "took in 743,828 requests", "It offers 1,816 OPS").
_ACTED_ON = re.compile(
    r"\b(?P<verb>issued|cut|received|took in|handled|processed|settled|resolved|simplified|"
    r"abolished|published|announced|provides|provided|offers|offered|digiti[sz]ed)\s+"
    r"(?:a total of\s+|more than\s+|nearly\s+|about\s+|over\s+|some\s+)?$",
    re.IGNORECASE,
)
_PARTICIPLE = {"took in": "received", "offers": "offered", "provides": "provided"}
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


@dataclass(frozen=True)
class CountedUnits:
    """The units an English count counted, for a later count that leaves them unsaid ("…,
    while the other 6 declined"): the words as written, the unit recorded, whose."""

    words: str
    unit: str
    owner: str
    title: str = ""  # the vocabulary's ``title``: "parts" for an index's parts
    surveyed: bool = False  # people or firms a survey asked


# A count told without its units, after a count that named them: "the other 6 declined",
# "11 of them did better", "…, 24 slipped and 3 kept their places"; "Among localities, 3
# exceeded 90 percent" names them first. A dash aside after the number ("3 – A, B and C –
# kept …") is skipped.
# Words one of the forms above holds (folded): a cheap test before them.
_ELLIPSIS_HINT = re.compile(
    r"\b(?:other|remaining|them|these|those|among|of the ranked|\w+ed|kept|held|did|fell|rose|"
    r"won|lost|score|have|has|are)\b"
)
_BARE_AFTER = re.compile(r"(?:,|;|\band|\bwhile|\bbut|\bwhereas)\s+$", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"(?<![\w.,/-])(?P<v>\d{1,3}(?:,\d{3})*)(?![\w.,%/-])")
_ASIDE = re.compile(r"\s*[–—]\s[^–—]{1,100}?\s[–—]")
_AMONG = re.compile(r"\b(?:among|of)\s+(?:the\s+)?(?:ranked\s+)?", re.IGNORECASE)
_AMONG_COUNT = re.compile(r"\s*,\s*(?P<v>\d{1,3})\b")


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
    """The words after a counted unit saying what the units did, up to a clause break; a
    range goes on past its "and" ("scored between 70 percent and 80 percent"), and a
    holding verb before what they hold reads as "with" ("had a PAR Index above 80 percent"
    -> "with a PAR Index above 80 percent") and a copula before a place is left out ("are
    above that average"), as an analyst titles the column."""
    where = _WHERE_UNITS.match(original, pos)
    if where is not None:
        pos = where.end()
    stop = _PHRASE_STOP.search(original, pos)
    while stop is not None and _RANGE_OPEN.search(original, pos, stop.start()):
        end = _RANGE_END.match(original, stop.start())
        if end is None:
            break
        stop = _PHRASE_STOP.search(original, end.end())
    words = original[pos : stop.start() if stop else len(original)].split()
    phrase = " ".join(words[:_PHRASE_MAX_WORDS])
    phrase = _TRAILING.sub("", phrase)
    if not _VERB_START.match(phrase):
        return ""
    phrase = _PERFECT.sub("that ", phrase, count=1)
    phrase = _PASSIVE.sub("", phrase, count=1)  # "were received" -> "received"
    return _COPULA.sub("", _HOLDING.sub("with ", phrase, count=1), count=1)


def find_en_counts(
    f: str,
    original: str,
    before: CountedUnits | None = None,
    index_of: Callable[[], str | None] = lambda: None,
) -> tuple[list[EnCount], CountedUnits | None]:
    """The English counts of one sentence (folded ``f``, ``original`` text), and the units
    the sentence counted last. ``before``: the units the paragraph counted last, which a
    count here may leave unsaid; ``index_of``: the short name of the index the sentence is
    about, which titles some counts (asked only when a count is read)."""
    if not _units():
        return [], before
    index = cache(index_of)  # asked once, and only when a count is named
    counted = _counts(f, original, index) if _EN_HINT.search(f) else []
    for _, units, value_m in _among(original) if _ELLIPSIS_HINT.search(f) else []:
        # "Among localities, 3 exceeded 90 percent": the units named before the count
        did = _what_they_did(original, _skip_aside(original, value_m.end()))
        if did:
            count = EnCount(
                value_m.start("v"),
                value_m.end(),
                float(value_m["v"]),
                units.unit,
                _titled(units, did, index),
                units.owner,
            )
            counted.append((count, units))
    out = [c for c, _ in counted]
    taken = {c.start for c in out}
    for start, value, words_end in _elliptic(original) if _ELLIPSIS_HINT.search(f) else []:
        if start in taken:
            continue
        said = next((u for c, u in reversed(counted) if c.end <= start), None)
        if said is None:
            # "The 63 provinces and cities average 74.64 percent, and 30 of them are above
            # that average": units the sentence named (not as a figure) before the count
            said = next((u for end, u in reversed(_named_units(original)) if end <= start), before)
        if said is None:
            continue
        did = _what_they_did(original, _skip_aside(original, words_end))
        done = _VERB_BEFORE.search(original, max(0, start - 30), start)
        if not did and done:
            did = done.group("verb")  # "slipped on the remaining 4"
        if not did:
            continue
        name = _titled(said, did, index)
        out.append(EnCount(start, words_end, value, said.unit, name, said.owner))
    last = max(counted, key=lambda cu: cu[0].start)[1] if counted else before
    return sorted(out, key=lambda c: (c.start, c.end)), last


# A verb alone that says a unit's index rose or fell ("the other 6 declined").
_MOVED = re.compile(r"^(?:improved|declined|rose|fell|increased|decreased)$")
# "improved their index", "lowered their scores": the units' own index moved, titled by it.
_MOVED_OWN = re.compile(
    r"^(?P<verb>improved|increased|decreased|lowered)\s+(?:their|its)\s+"
    r"(?:index|indexes|indices|scores?|results?)$"
)


def _titled(units: CountedUnits, did: str, index_of: Callable[[], str | None]) -> str:
    """The name of a count of ``units`` that ``did`` something, titled with the index the
    sentence is about where the words leave it out: an index's parts ("number of PCI
    component indexes improved"), a survey's size ("number of firms surveyed for the PCI")
    and units whose index moved ("number of provinces whose SIPAS declined")."""
    index = index_of()
    did = _average_named(did, index)
    own = _MOVED_OWN.match(did)
    if own is not None and index is not None:
        did = own["verb"]  # "improved their index" -> "… whose SIPAS improved"
    if index is None or index.lower() in did.lower() or index.lower() in units.words.lower():
        return f"number of {units.words} {did}"
    if units.title == "parts":
        return f"number of {index} {units.words} {did}"
    if did == "surveyed":
        return f"number of {units.words} surveyed for the {index}"
    if units.owner != "subject" and _MOVED.match(did):
        return f"number of {units.words} whose {index} {did}"
    return f"number of {units.words} {did}"


_THE = re.compile(r"\bthe\s+", re.IGNORECASE)


def _named_units(original: str) -> list[tuple[int, CountedUnits]]:
    """Every number-and-units of a sentence, counted as a figure or not ("among 19
    ministries", "The 63 provinces and cities"), and units named after "the" ("None of the
    ministries"): where the units end, and the units."""
    out: list[tuple[int, CountedUnits]] = []
    starts = [m.end() for m in _COUNT_RE.finditer(original)]
    starts += [m.end() for m in _THE.finditer(original)]  # "None of the ministries fell …"
    for pos in sorted(starts):
        hit = _unit_at(original, pos)
        if hit is None:
            continue
        entry, um = hit
        if entry.attrs.get("survey") == "only":
            continue
        owner = entry.attrs.get("owner", "subject")
        unit = um.group(0)
        recorded = entry.attrs.get("unit") or (unit.split()[-1] if owner == "subject" else unit)
        out.append((um.end(), CountedUnits(unit, recorded, owner, entry.attrs.get("title", ""))))
    return out


def _skip_aside(original: str, pos: int) -> int:
    aside = _ASIDE.match(original, pos)
    return aside.end() if aside else pos


def _elliptic(original: str) -> list[tuple[int, float, int]]:
    """Counts told without their units: (where the number starts, its value, where the words
    of the count end), from the vocabulary's cues ("the other 6", "11 of them") and bare
    numbers opening a clause before a verb ("…, 24 slipped")."""
    out: list[tuple[int, float, int]] = []
    for rx in _cue_matchers("en_elliptic_count"):
        for m in rx.finditer(original):
            out.append((m.start("num"), float(m["num"].replace(",", "")), m.end()))
    for m in _BARE_NUMBER.finditer(original):
        if not _BARE_AFTER.search(original, max(0, m.start() - 8), m.start()):
            continue
        if float(m["v"].replace(",", "")) in _YEARS:
            continue
        if _VERB_START.match(original[_skip_aside(original, m.end()) :].lstrip()):
            out.append((m.start(), float(m["v"].replace(",", "")), m.end()))
    return out


def _among(original: str) -> list[tuple[int, CountedUnits, re.Match[str]]]:
    """Counts after the units they are among ("Among localities, 3 exceeded 90 percent")."""
    out = []
    for m in _AMONG.finditer(original):
        hit = _unit_at(original, m.end())
        if hit is None:
            continue
        entry, um = hit
        value = _AMONG_COUNT.match(original, um.end())
        if value is None:
            continue
        owner = entry.attrs.get("owner", "subject")
        out.append(
            (
                m.start(),
                CountedUnits(
                    um.group(0),
                    entry.attrs.get("unit", um.group(0)),
                    owner,
                    entry.attrs.get("title", ""),
                ),
                value,
            )
        )
    return out


@cache
def _cue_matchers(label: str) -> tuple[re.Pattern[str], ...]:
    vocab = get_vocab()
    return tuple(
        vocab.matcher(e)
        for e in vocab.entries
        if e.kind == "count_unit" and e.lang == "en" and e.label == label
    )


def _counts(
    f: str, original: str, index: Callable[[], str | None]
) -> list[tuple[EnCount, CountedUnits]]:
    """The counts of one sentence that name their units, each with those units."""
    survey = bool(_SURVEY.search(f))
    out: list[tuple[EnCount, CountedUnits]] = []
    for m in _COUNT_RE.finditer(original):
        hit = _unit_at(original, m.end())
        if hit is None:
            continue
        entry, um = hit
        s = m.start("v")
        is_survey_unit = entry.attrs.get("survey") == "only"
        taken_in = _ACTED_ON.search(original, max(0, s - 30), s)  # "took in 743,828 …"
        if (
            _BASE_BEFORE.search(original, max(0, s - 16), s)
            and not (is_survey_unit and survey)
            and not taken_in
        ):
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
        acted = _ACTED_ON.search(original, max(0, s - 30), s)
        if not did and acted and entry.attrs.get("owner") == "subject":
            # "cut 306 administrative procedures", "issued 71 …": named by the participle
            verb = acted.group("verb").lower()
            did = _PARTICIPLE.get(verb, verb)
        if (is_survey_unit and survey) or (
            not did and survey and entry.attrs.get("owner") != "subject"
        ):
            did = "surveyed"  # a survey's people and firms are titled as surveyed
        if not did:
            continue  # nothing says what the count measures
        owner = (
            "nation"
            if survey and entry.attrs.get("owner") != "subject"
            else entry.attrs.get("owner", "subject")
        )
        # the unit the vocabulary records it in; a unit's own things in their head noun
        # ("administrative procedures" -> "procedures"), as a table's unit column has them
        recorded = entry.attrs.get("unit") or (unit.split()[-1] if owner == "subject" else unit)
        units = CountedUnits(
            unit, recorded, owner, entry.attrs.get("title", ""), is_survey_unit and survey
        )
        out.append(
            (EnCount(s, um.end(), value, recorded, _titled(units, did, index), owner), units)
        )
    return out


# "came first among 19 ministries and ministry-level agencies", "of the 18 ministries": how
# many ministries the article's bloc has, for its counts' owner.
_BLOC_BASE = re.compile(
    r"\b(?:among|of|in|across)\s+(?:the\s+|all\s+)?(?P<n>\d{1,2})\s+(?:ranked\s+)?"
    r"ministries\b",
    re.IGNORECASE,
)


def en_bloc_size(original: str) -> int | None:
    """How many ministries an English sentence says the bloc has, or None."""
    if "inistries" not in original:
        return None
    m = _BLOC_BASE.search(original)
    return int(m["n"]) if m else None


def _average_named(did: str, index: str | None) -> str:
    """'scored above that average' -> 'scored above the average PAR Index': the average a
    count is measured against, named by its index (an analyst's column says which)."""
    if index is None:
        return did
    return _THAT_AVERAGE.sub(f"the average {index}", did)


_THAT_AVERAGE = re.compile(r"\b(?:that|this|the)\s+average\b(?!\s+(?:of|for)\b)", re.IGNORECASE)


@dataclass(frozen=True)
class EnShare:
    """One English share: where its value is, the value and its name (the country's)."""

    start: int
    end: int
    value: float
    name: str


_PERCENT_EN = re.compile(r"(?<![\d.,])(?P<v>\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)")
_OF_WHOM = re.compile(
    r"\s+of\s+(?:the\s+)?(?P<who>respondents|citizens|people|businesses|firms|them|these)\b"
)
_SHARE_STOP = re.compile(
    r"[;:.()]|,\s|\s(?:and|while|but)\s+\d|\s(?:while|when|because|in order)\b", re.IGNORECASE
)
_SHARE_MAX_WORDS = 10
_SAID_LEAD = re.compile(
    r"^said\s+(?:that\s+)?(?:they\s+)?(?:had been|have been|were|was|are|had|would be)?\s*",
    re.IGNORECASE,
)
_FOR_ITEM = re.compile(r"\s+for\s+(?P<np>[^,;:.()]{3,60}?)(?=\s*(?:,|;|\.|$|\s+and\s+\d))")


@cache
def _matchers(label: str) -> tuple[re.Pattern[str], ...]:
    vocab = get_vocab()
    return tuple(
        vocab.matcher(e)
        for e in vocab.entries
        if e.kind == "metric" and e.lang == "en" and e.label == label
    )


def find_en_shares(f: str, original: str, surveyed: str | None = None) -> list[EnShare]:
    """The shares of a survey's respondents in one English sentence ("90% said they had not
    been asked for bribes") and the shares a measure is told for ("Satisfaction stood at 83%
    for access to services, …"): the country's, named in English as the text words them.
    ``surveyed``: who a survey the paragraph named earlier asked ("citizens"), whose the
    shares here are ("84.2 percent of them said …")."""
    if ("%" not in f and "percent" not in f and "per cent" not in f) or not _EN_SHARE_HINT.search(
        f
    ):
        return []  # no English share: most sentences
    survey = surveyed is not None or bool(_SURVEY.search(f))
    if not survey and not any(rx.search(original) for rx in _matchers("en_measure_for")):
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
        if not survey:
            continue
        pos, who = m.end(), surveyed or "respondents"
        of = _OF_WHOM.match(original, pos)
        if of is not None:
            pos = of.end()
            if of.group("who") not in ("them", "these"):
                who = of.group("who")
        verb = next(
            (v for rx in _matchers("en_share_verb") if (v := rx.match(original, pos + 1))), None
        )
        if verb is None or original[pos : verb.start()].strip():
            continue
        stop = _SHARE_STOP.search(original, verb.start())
        words = original[verb.start() : stop.start() if stop else len(original)].split()
        said = " ".join(words[:_SHARE_MAX_WORDS])
        # "said they had been asked for bribes": the column is who was asked, not who said
        said = _SAID_LEAD.sub("", said, count=1) or said
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
    # "received more than 2.1 million dossiers": kept as the value, as the other readers do
    r"\s+(?:(?:a total of|nearly|almost|about|around|some|more than|over)\s+)?"
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
        if of and measured[:1].isupper():
            # "the online payment rate of Hanoi was 40%": whose, not what, follows "of"
            head_text, measured = original[start : word.end()], ""
        elif of and not measured:
            continue  # "the rate of 92%" names nothing
        name = _LEAD.sub("", f"{_HEAD_LEAD.sub('', head_text)} {measured}".strip())
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


@cache
def _figure_words() -> tuple[tuple[tuple[str, ...] | None, re.Pattern[str]], ...]:
    """(leading literals, pattern) of the rate words and the counted nouns of work."""
    vocab = get_vocab()
    return tuple(
        (vocab.leads(e), rx)
        for e, rx in _entries("count_unit", "en_work_noun") + _entries("metric", "rate")
    )


def may_have_figures(original: str) -> bool:
    """Whether a rate word or a counted noun of work is in the sentence. Asked of every
    sentence, most of them Vietnamese: a pattern is tried only where one of its leading
    literals is in the folded sentence (as ``Vocab.find`` does), not across every one."""
    has = fold(original).__contains__
    return any(
        rx.search(original) for lead, rx in _figure_words() if lead is None or any(map(has, lead))
    )


def find_en_figures(f: str, original: str) -> list[EnFigure]:
    """A unit's own English rates and counts of work in one sentence (folded ``f``,
    ``original`` text), left to right."""
    if not may_have_figures(original):
        return []  # no rate and nothing counted: most sentences
    found = _rates(original) + _shares_done(original) + _work_counts(original)
    return sorted(found, key=lambda x: (x.start, x.end))


# The patterns above, with the first-character guard and the required-text filter
# (llmx.core.scanre): same matches, fewer tries.
from llmx.core.scanre import guard_patterns  # noqa: E402 - after the patterns it guards

guard_patterns(globals())
