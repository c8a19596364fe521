"""What the hybrid backend makes of the model's readings: the rules records with their
confidence set by agreement (``hybrid_policy.adjusted``), the results only the model read
(grounded, plausible and normalised like any other record), and one review note per record
the model was asked about, naming its provenance.

Provenance, in each note's ``data["provenance"]``: ``both`` (the model read the rules'
values), ``rules`` (asked, but the model read other values, fewer, more or none) and
``model`` (a result the rules did not find). Records the model was not asked about are the
rules'. The notes travel with the outcome's rejections (record type ``review``), which is
what ``llmx extract --show-rejected`` lists; they are never stored as records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from llmx.core.outcome import Rejection
from llmx.core.records import INDEX_NAMES, IndexResult
from llmx.core.textnorm import fold, fold_keep_offsets
from llmx.llm.grounding_guard import GuardContext, ground
from llmx.llm.hybrid_policy import POLICY, Policy, adjusted
from llmx.llm.hybrid_reading import (
    VALUE_FIELDS,
    Ask,
    OtherResult,
    SentenceReading,
    compare,
    grounded,
)
from llmx.rules import lexicon as lx
from llmx.rules.confidence import FACT_FIELDS
from llmx.rules.entities import EntityMention, find_entities
from llmx.rules.normalise import normalise_index_fields
from llmx.rules.plausibility import implausible

REVIEW = "review"  # record type of the review notes among an outcome's rejections
_NATIONAL_LEVELS = ("nation", "region", "province", "ministry")
_QUOTE_CHARS = 120


@dataclass
class Merged:
    index_results: list[IndexResult]
    notes: list[Rejection] = field(default_factory=list)


def _note(provenance: str, verdict: str, r: IndexResult | dict[str, Any], reason: str,
          **extra: Any) -> Rejection:  # fmt: skip
    data = r if isinstance(r, dict) else r.model_dump(mode="json", exclude={"field_evidence"})
    quote = (data.get("evidence") or {}).get("quote", "")
    what = " ".join(str(data[k]) for k in ("entity", "index", "year") if data.get(k) is not None)
    return Rejection(
        record_type=REVIEW,
        reason=f"{provenance}: {what}: {reason}",
        data={
            "provenance": provenance,
            "verdict": verdict,
            **{k: data.get(k) for k in ("entity", "index", "year", *VALUE_FIELDS)},
            "quote": quote[:_QUOTE_CHARS],
            **extra,
        },
    )


def merge(
    text: str,
    results: Sequence[IndexResult],
    answers: Sequence[tuple[Ask, SentenceReading | None]],
    policy: Policy = POLICY,
) -> Merged:
    """The document's index results after the model's ``answers`` (None: no usable answer
    for that ask), in document order."""
    out = list(results)
    notes: list[Rejection] = []
    model_only: list[IndexResult] = []
    for ask, reading in answers:
        for n, i in enumerate(ask.records, start=1):
            r = results[i]
            read = grounded(reading.for_subject(n) if reading else None, text[ask.start : ask.end])
            verdict, details = compare(r, read)
            conf = adjusted(r, verdict, policy)
            out[i] = r.model_copy(update={"confidence": conf})
            provenance = "both" if verdict == "agree" else "rules"
            why = {
                "agree": "the model read the same values",
                "contradict": "the model read other values, review: " + "; ".join(details),
                "partial": "the model read the values in part: " + "; ".join(details),
                "unread": "the model gave no reading",
            }[verdict]
            notes.append(_note(provenance, verdict, r, why, confidence=[r.confidence, conf]))
        if reading is not None and not ask.records:
            # Only a sentence asked for all its results: beside a subject, a small model
            # mostly lists the subject again or names the index as a unit.
            found, rejected = _model_only(text, ask, reading, [*out, *model_only], policy)
            model_only += found
            notes += rejected
            notes += [_note("model", "model-only", rec, "only the model read this result, "
                            "review") for rec in found]  # fmt: skip
    merged = sorted([*out, *model_only], key=lambda r: r.evidence.start)
    return Merged(merged, notes)


def _fact(r: IndexResult | dict[str, Any]) -> tuple[Any, ...]:
    get = r.get if isinstance(r, dict) else lambda k, d=None: getattr(r, k, d)
    return tuple(get(k, None) if k != "is_target" else bool(get(k, False)) for k in FACT_FIELDS)


def _model_only(
    text: str,
    ask: Ask,
    reading: SentenceReading,
    known: Sequence[IndexResult],
    policy: Policy,
) -> tuple[list[IndexResult], list[Rejection]]:
    """The grounded records of the results the model read for units that are not the ask's
    subjects, and the rejections of the others."""
    quote = text[ask.start : ask.end]
    at = {"evidence": {"quote": quote}}
    mentions = find_entities(text, ask.start, ask.end)
    subjects = {fold(known[i].entity) for i in ask.records} if ask.records else set()
    facts = {_fact(r) for r in known}
    kept: list[IndexResult] = []
    rejected: list[Rejection] = []
    for other in [*reading.others, *_unnamed(reading, text, mentions)]:
        if not other.stated():
            continue
        fields, why = _fields(text, quote, other, mentions, known)
        if fields is None:
            rejected.append(_note("model", "rejected", {**other.model_dump(), **at}, why))
            continue
        if fold(fields["entity"]) in subjects or _fact(fields) in facts:
            continue  # the rules hold this fact already: a reading of it, not a new one
        doubt = implausible("index_results", fields)
        try:
            if doubt is not None:
                raise ValueError(doubt)
            rec = ground("index_results", fields, quote, GuardContext(text, hint=ask.start))
        except ValueError as exc:
            rejected.append(_note("model", "rejected", {**fields, **at}, str(exc)))
            continue
        rec = rec.model_copy(update={"confidence": policy.model_only})
        facts.add(_fact(rec))
        kept.append(rec)
    return kept, rejected


def _unnamed(
    reading: SentenceReading, text: str, mentions: Sequence[EntityMention]
) -> list[OtherResult]:
    """A sentence asked for all its results, answered under "readings" (as a small model
    does, whatever the prompt says): values without a unit. Only where the sentence names
    one unit are they that unit's; its name then comes from the rules' entity finder, never
    from the model."""
    if len(mentions) != 1:
        return []
    name = text[mentions[0].start : mentions[0].end]
    return [
        OtherResult(entity=name, **r.model_dump(include=set(VALUE_FIELDS)))
        for r in reading.readings[:1]
    ]


def _fields(
    text: str,
    quote: str,
    other: OtherResult,
    mentions: Sequence[EntityMention],
    known: Sequence[IndexResult],
) -> tuple[dict[str, Any] | None, str]:
    """A model-only result's contract fields, named the rules' way: the entity one the
    sentence names (canonical name and level from the rules' entity finder), the index the
    model gave or the sentence's, the year and scope from the rules' normaliser."""
    mention = _mention_of(other.entity, text, mentions)
    if mention is None:
        return None, f"entity {other.entity!r} is not a unit the sentence names"
    index = other.index if other.index in INDEX_NAMES and other.index != "OTHER" else None
    index = index or _index_in(quote)
    if index is None:
        return None, "no index named for this result"
    scope = _scope(mention, known)
    if scope is None:
        return None, f"no province to rank {mention.name!r} within"
    fields: dict[str, Any] = {
        "entity": mention.name,
        "entity_level": mention.level,
        "index": index,
        "scope": scope,
        # The model's year is not taken: it tends to copy the prompt's example. The rules'
        # normaliser reads it from the quote, else the lead; else the rules records' one.
        "year": None,
        **other.stated_as_fields(),
    }
    fields = normalise_index_fields(fields, quote, text)
    if fields["year"] is None:
        years = {r.year for r in known if r.year is not None}
        fields["year"] = years.pop() if len(years) == 1 else None
    return fields, ""


def _mention_of(name: str, text: str, mentions: Sequence[EntityMention]) -> EntityMention | None:
    """The unit of the sentence the model's ``name`` refers to: same canonical name, or one
    folded form containing the other ("tỉnh Bắc Ninh" / "Bắc Ninh")."""
    want = fold(name)
    if not want:
        return None
    for m in mentions:
        for form in (fold(m.name), fold(text[m.start : m.end])):
            if form and (want == form or want in form or form in want):
                return m
    return None


def _index_in(quote: str) -> str | None:
    folded = fold_keep_offsets(quote)
    found = [(m.start(), code) for rx, code in lx.INDEX_RE if (m := rx.search(folded))]
    return min(found)[1] if found else None


def _scope(mention: EntityMention, known: Sequence[IndexResult]) -> str | None:
    if mention.level in _NATIONAL_LEVELS:
        return "national"
    if mention.province:
        return f"province:{mention.province}"
    scopes = {r.scope for r in known if r.scope.startswith("province:")}
    return scopes.pop() if len(scopes) == 1 else None
