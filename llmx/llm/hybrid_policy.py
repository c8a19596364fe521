"""How the hybrid backend sets a record's confidence from the rules' and the model's readings,
and which records are worth a request. One table (``POLICY``) with why each figure is what
it is; the functions only apply it.

The acceptance the figures are chosen for: precision at ``DEFAULT_CONFIDENCE`` (the cut-off
QA and eval trust) is never below the rules backend's. So the model can only *add* records
below that cut-off (model-only readings) and, by default, never lifts a rules record across
it (``cross_cutoff``); a rules record it contradicts keeps its own confidence when that
is confident (flagged for review, never dropped), since a small model misreads more often
than the rules' confident records are wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

from llmx.core.records import DEFAULT_CONFIDENCE, IndexResult
from llmx.llm.hybrid_reading import Verdict
from llmx.rules.confidence import FLOOR


@dataclass(frozen=True, slots=True)
class Policy:
    # Rules records at or above this are not asked about: agreement cannot make them more
    # trusted where it counts, and each request costs 5-20 s with a small local model.
    high: float = 0.9
    # Both read the same values: added to the rules' confidence, up to ``agree_cap``. One
    # weak feature of rules.confidence costs 0.1-0.4; a blind read that finds the same
    # numbers answers the doubt of the lighter ones (a long sentence, 0.35, is not fully
    # answered: the values are right, their attachment may still be another unit's).
    agree_bonus: float = 0.1
    agree_cap: float = 0.95
    # Records near the cut-off are asked first (``liftable``): agreement moves them to the
    # top of the review band.
    lift_from: float = DEFAULT_CONFIDENCE - 0.1
    # Whether agreement may lift a record across DEFAULT_CONFIDENCE. Off: a blind read checks
    # the values, not the key the rules attached them to, and on real-dev that is where the
    # doubtful records are wrong: of the 14 that Qwen2.5-Coder-0.5B lifted, 4 had the right
    # values under the wrong year or without their component, and precision at the cut-off
    # fell from 0.984 to 0.974. So an agreed record stops just below the cut-off.
    cross_cutoff: bool = False
    # The model reads other values: a record below the cut-off is lowered by this (it stays
    # listed for review); a confident one keeps its confidence and is flagged.
    contradict_penalty: float = 0.2
    # A result only the model read (grounded, plausible, normalised as the rules do): below
    # the cut-off, so it adds recall for review without touching the confident set.
    model_only: float = 0.4
    # Requests per document, at most: the liftable records first, then sentences the rules
    # used for nothing, then the rest (hybrid.plan_asks).
    max_asks: int = 4


POLICY = Policy()


def worth_asking(r: IndexResult, policy: Policy = POLICY) -> bool:
    """Whether a rules record's confidence can change usefully with the model's reading."""
    return r.confidence is None or r.confidence < policy.high


def liftable(r: IndexResult, policy: Policy = POLICY) -> bool:
    """Below the cut-off, but close enough that agreement lifts it across (with
    ``cross_cutoff``) or to the top of the review band."""
    c = r.confidence
    return c is not None and policy.lift_from <= c < DEFAULT_CONFIDENCE


def adjusted(r: IndexResult, verdict: Verdict, policy: Policy = POLICY) -> float | None:
    """The record's confidence after the model's reading (``verdict`` from
    ``hybrid_reading.compare``)."""
    c = r.confidence
    if c is None:
        return None
    if verdict == "agree":
        raised = min(policy.agree_cap, c + policy.agree_bonus)
        if c < DEFAULT_CONFIDENCE <= raised and not (policy.cross_cutoff and c >= policy.lift_from):
            raised = max(c, DEFAULT_CONFIDENCE - 0.01)  # the top of the review band
        return round(max(c, raised), 2)
    if verdict == "contradict" and c < DEFAULT_CONFIDENCE:
        return round(max(FLOOR, c - policy.contradict_penalty), 2)
    return c
