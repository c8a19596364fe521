"""How sure the rules extractor is of an index result: a score in [0, 1] from how the record
was attached, not from what it says.

The extractor reads a value, then attaches it to a subject (entity), an index and a year;
each attachment is either read in the sentence or borrowed from context (the document's main
entity, an earlier sentence, the lead, the title). ``Attachment`` holds the facts the
extractor knows when it builds a record; ``PENALTIES`` (data, a comment per feature saying
why) what each weak one costs; ``confidence`` is 1 less the penalties incurred.

Calibrated on the development sets only (real-dev, seeds, written), by the share of records
right per feature. Measured and left out, because they did not separate right from wrong
records on real-dev: an index borrowed from an earlier sentence (as often right as one named
in the sentence), a year from context rather than from the sentence, loose rank cues ("dẫn
đầu", "thứ nhì"), values in parentheses, "lần lượt" lists, three or more units in the
sentence, an earlier year's value beside the record's own, component results, numbers of
the sentence no value took (fewer right on real-dev, more on written).

Precision at ``DEFAULT_CONFIDENCE`` comes before calibration: a long sentence alone takes a
record below it, though on real-dev such records are right more often (about 0.87) than
their score says. A record merged from two sentences (rules.facts) keeps the attachment of
the candidate it was kept as.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from llmx.core.records import IndexResult
from llmx.rules.entities import EntityMention
from llmx.rules.index_results import Draft, Event

# Past this many characters a sentence states several facts (lists aside, their values come
# with their own names): the more it holds, the more ways to pair a value with the wrong
# unit, index or year. On real-dev: 57 of 61 records right below it, 155 of 212 above.
LONG_SENTENCE = 100


@dataclass(frozen=True, slots=True)
class Attachment:
    """The facts about how one record was assembled that bear on whether it is right."""

    subject_named: bool  # the record's unit is named in the sentence (for it or its chain)
    others_named: bool  # the sentence names a unit, though not as this record's subject
    has_year: bool  # a year was found for the record (sentence, context, lead or title)
    sentence_chars: int  # length of the sentence the record was read from
    change: bool  # the record states a move (rank_change or score_change)
    value_before_subject: bool = False  # the sentence opens on a value this record did not take

    def features(self) -> list[str]:
        """The names of the PENALTIES this attachment incurs, in table order."""
        found = {
            "subject_carried": not self.subject_named and not self.others_named,
            "subject_carried_other_named": not self.subject_named and self.others_named,
            "no_year": not self.has_year,
            "long_sentence": self.sentence_chars >= LONG_SENTENCE,
            "change": self.change,
            "value_before_subject": self.value_before_subject,
        }
        return [name for name in PENALTIES if found.get(name, False)]


# What each feature costs, subtracted from 1; real-dev share of records right in brackets
# (all records: 212 of 273). Why:
PENALTIES: dict[str, float] = {
    # The unit is not named in the sentence: the value is the document's main unit's (or the
    # one an anaphora points to) only if the sentence is about it; overview sentences about
    # the whole country or another unit are not. [32/49]
    "subject_carried": 0.15,
    # Not named, though the sentence names another unit: the value may well be that one's.
    # [3/9]
    "subject_carried_other_named": 0.4,
    # No year anywhere: every labelled result has one, so a record without is never whole.
    # [0/14]
    "no_year": 0.6,
    # See LONG_SENTENCE: alone it takes a record below the confident cut-off. [155/212]
    "long_sentence": 0.35,
    # A move is measured against an earlier edition: its sign, size and base year are read
    # from comparison phrasings ("cao hơn năm 2020 6 bậc") that are easy to misread. [33/51]
    "change": 0.1,
    # "Với 70,37 điểm, Long An xếp thứ 3": a value stated before any unit is named. Values
    # go to the subject before them, so the fronted one went to another record (or none) and
    # this unit's record misses it. Only where this record does not start with that value:
    # "Dẫn đầu là X với 90%" gives X its fronted place. [16/24; written 1/3]
    "value_before_subject": 0.35,
    # Another record of the document names the same fact (unit, index, component, year,
    # scope) with other values: two readings disagree, so at most one is right. Applied to
    # the document's records at the end (``lower_contested``). [4/16]
    "contested": 0.4,
}
FLOOR = 0.05  # no kept record is certainly wrong: the extractor already drops those it doubts


def attachment(
    f: str,
    d: Draft,
    year: int | None,
    sentence_entities: list[EntityMention],
    sentence_values: list[Event],
) -> Attachment:
    """The attachment facts of draft ``d`` read from folded sentence ``f``; ``year`` is the
    record's resolved year, ``sentence_entities`` and ``sentence_values`` the units and the
    values the sentence names."""
    return Attachment(
        subject_named=d.entity is not None,
        others_named=bool(sentence_entities),
        has_year=year is not None,
        sentence_chars=len(f.strip()),
        change=d.rank_change is not None or d.score_change is not None,
        value_before_subject=_left_a_fronted_value(d, sentence_entities, sentence_values),
    )


def _left_a_fronted_value(
    d: Draft, sentence_entities: list[EntityMention], sentence_values: list[Event]
) -> bool:
    """The sentence states a value before naming any unit, and ``d`` does not start with it."""
    if not sentence_entities or not sentence_values:
        return False
    first_value = min(v.start for v in sentence_values)
    fronted = first_value < min(e.start for e in sentence_entities)
    return fronted and d.first_value_at > first_value


def confidence(a: Attachment, penalties: dict[str, float] | None = None) -> float:
    """1 less the penalties of ``a``'s features, kept in [FLOOR, 1], to two decimals."""
    table = PENALTIES if penalties is None else penalties
    score = 1.0 - sum(table[name] for name in a.features())
    return round(min(1.0, max(FLOOR, score)), 2)


# The fields that name one fact, as rules.facts merges them.
FACT_FIELDS = ("entity", "entity_level", "index", "component", "year", "scope", "is_target")


def _fact(r: IndexResult) -> tuple[object, ...]:
    return tuple(getattr(r, name) for name in FACT_FIELDS)


def lower_contested(records: list[IndexResult]) -> list[IndexResult]:
    """``records`` with the "contested" penalty taken from those whose fact another record
    names too (facts.merge_facts keeps such readings apart when their values disagree)."""
    counts = Counter(_fact(r) for r in records)
    out = []
    for r in records:
        if counts[_fact(r)] > 1 and r.confidence is not None:
            lowered = round(max(FLOOR, r.confidence - PENALTIES["contested"]), 2)
            r = r.model_copy(update={"confidence": lowered})
        out.append(r)
    return out
