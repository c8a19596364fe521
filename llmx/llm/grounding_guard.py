"""The grounding guard: turn a model's record (fields + a quote) into a contract record whose
evidence offsets llmx computed itself, or raise ValueError saying why it cannot be trusted.

The validators of the model-facing response models call ``ground`` with the document text as
validation context. That context reaches them two ways: pydantic's ``context={"text": ...}``
(direct validation, lenient salvage, tests), or the task-local ``guarding(...)`` context set
around an instructor call. The backend uses the second on purpose: instructor renders every
message as a Jinja template whenever a ``context`` is passed, which costs ~20 ms per request
on a 10 kB prompt and would evaluate or choke on "{{" / "{%" written in a news article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from pydantic import ValidationError

from llmx.core.grounding import align_quote, value_grounded
from llmx.core.records import RECORD_TYPES, Evidence
from llmx.core.textnorm import fold
from llmx.llm.prompts import load_prompts
from llmx.rules.normalise import normalise_index_fields

# A quote longer than this is not one sentence: it would let any number "appear in its
# quote". The longest sentence of the seed documents has 625 characters.
MAX_QUOTE_CHARS = 800


@dataclass(frozen=True, slots=True)
class GuardContext:
    text: str  # the whole document: offsets always refer to it
    hint: int = 0  # where the current chunk starts: the occurrence of a quote to prefer

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "hint": self.hint}


_CURRENT: ContextVar[GuardContext | None] = ContextVar("llmx_guard_context", default=None)


@contextmanager
def guarding(ctx: GuardContext) -> Iterator[GuardContext]:
    """Make ``ctx`` the validation context of every response model validated inside."""
    token = _CURRENT.set(ctx)
    try:
        yield ctx
    finally:
        _CURRENT.reset(token)


def current_context(validation_context: Any) -> GuardContext | None:
    if isinstance(validation_context, dict) and isinstance(validation_context.get("text"), str):
        return GuardContext(validation_context["text"], int(validation_context.get("hint", 0)))
    return _CURRENT.get()


def reasons(exc: ValidationError) -> str:
    """One line from a ValidationError, the way the model and the user should read it."""
    out = []
    for err in exc.errors():
        msg = str(err.get("msg", "")).removeprefix("Value error, ")
        loc = ".".join(str(p) for p in err.get("loc", ()))
        out.append(f"{loc}: {msg}" if loc else msg)
    return "; ".join(out)


def _aligned(quote: str, ctx: GuardContext, where: str) -> Evidence:
    """The evidence of a model's quote: located in the document by llmx, never by the model."""
    quote = (quote or "").strip()
    if not quote:
        raise ValueError(f"{where} is empty: copy the sentence that states the values")
    if len(quote) > MAX_QUOTE_CHARS:
        raise ValueError(
            f"{where} has {len(quote)} characters; quote only the sentence that states "
            f"the values (at most {MAX_QUOTE_CHARS})"
        )
    found = align_quote(ctx.text, quote, hint=ctx.hint)
    if found is None:
        raise ValueError(
            f"quote not found in the document: {quote[:100]!r}; copy it character for character"
        )
    return Evidence(
        quote=ctx.text[found.start : found.end],
        start=found.start,
        end=found.end,
        alignment=found.status,
    )


def ground(
    kind: str,
    fields: dict[str, Any],
    quote: str,
    ctx: GuardContext,
    field_quotes: Mapping[str, str] | None = None,
) -> Any:
    """Align ``quote`` with the document and validate the contract record ``kind`` built from
    ``fields``. The contract's own validators check every number against its quote.

    ``field_quotes`` (field name -> quote) are the per-field quotes of values stated outside
    the record's quote; each is aligned like the record's and becomes that field's evidence.
    The response models do not ask for them yet (the request schema stays as recorded)."""
    evidence = _aligned(quote, ctx, "evidence.quote")
    leak = example_leak(fields, ctx.text)
    if leak is not None:
        raise ValueError(leak)
    if kind == "index_results":
        # The rules' reading of scope ("/63", "cả nước") and year (the sentence's, else the
        # lead's): a model's record of a sentence must agree with the rules' record of it.
        fields = normalise_index_fields(fields, evidence.quote, ctx.text)
    field_evidence = {
        name: _aligned(q, ctx, f"field_evidence.{name}.quote")
        for name, q in (field_quotes or {}).items()
    }
    data: dict[str, Any] = {**fields, "evidence": evidence}
    if field_evidence:
        data["field_evidence"] = field_evidence
    try:
        return RECORD_TYPES[kind].model_validate(data, context={"text": ctx.text})
    except ValidationError as exc:
        raise ValueError(reasons(exc)) from None


# Numbers a model copies from the few-shot examples instead of the document.
_LEAK_NUMBERS = ("score", "rank", "rank_total", "rank_change", "score_change", "value")
_NAMED = ("entity", "name")  # fields that may carry an example's place name


@cache
def _example_values() -> tuple[frozenset[str], frozenset[float]]:
    """The (folded) names of the examples' entities and the numbers they answer with."""
    names: set[str] = set()
    numbers: set[float] = set()
    for ex in load_prompts().examples:
        for records in ex["output"].values():
            for rec in records:
                if rec.get("entity_level") in ("province", "district", "commune"):
                    names.add(fold(str(rec["entity"])))
                numbers |= {float(rec[k]) for k in _LEAK_NUMBERS if rec.get(k) is not None}
    return frozenset(names), frozenset(numbers)


@lru_cache(maxsize=64)
def _folded_text(text: str) -> str:
    return fold(text)


def example_leak(fields: Mapping[str, Any], text: str) -> str | None:
    """Why a record's value comes from the prompt's examples rather than the document: a
    place an example names ("Sở Tư pháp tỉnh <example province>") or a number an example
    answers with that the document never writes. The quote check alone lets these through:
    an entity is not a number the quote must contain, and a small model pairs an example's
    entity or figures with a real sentence of the document."""
    names, numbers = _example_values()
    doc = _folded_text(text)
    for key in _NAMED:
        name = fold(str(fields.get(key) or ""))
        for place in names:
            if re.search(rf"\b{re.escape(place)}\b", name) and place not in doc:
                return f"{key} {fields[key]!r} names an example's place, not the document's"
    for key in _LEAK_NUMBERS:
        number = fields.get(key)
        if (
            isinstance(number, int | float)
            and not isinstance(number, bool)
            and float(number) in numbers
            and not value_grounded(float(number), text)
        ):
            return f"{key} {number} is from the prompt's examples, not the document"
    return None
