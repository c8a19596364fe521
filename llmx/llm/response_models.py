"""The models the LLM fills in. They carry the contract's fields (derived from
``llmx.core.records``, so the two cannot drift apart) but evidence is only ``{quote}``: the
offsets are computed by llmx. Their validators run the grounding guard, so an invented
number or quote is a validation error that instructor sends back to the model."""

from __future__ import annotations

import copy
import json
import re
from typing import Any, ClassVar

from instructor import ResponseSchema
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    create_model,
    model_validator,
)

from llmx.core.numbers import parse_vn_number
from llmx.core.outcome import Rejection
from llmx.core.records import RECORD_TYPES
from llmx.llm.grounding_guard import GuardContext, current_context, ground, reasons

_NUMERIC = {"score", "rank", "rank_total", "rank_change", "score_change", "value", "year"}


class Quote(BaseModel):
    model_config = ConfigDict(extra="ignore")  # offsets from the model are never trusted

    quote: str = Field(
        description="One sentence copied character for character from the document; every "
        "number of the record must be written in it"
    )


class _Item(BaseModel):
    """Base of the record items; ``KIND`` names the contract list it belongs to."""

    model_config = ConfigDict(extra="ignore")
    KIND: ClassVar[str] = ""

    evidence: Quote
    _record: Any = PrivateAttr(default=None)

    @model_validator(mode="before")
    @classmethod
    def _lenient_input(cls, data: Any) -> Any:
        # Small models write "88,54" or "+3" as strings, or the quote as a bare string;
        # reading them costs nothing and saves a re-ask. Grounding still checks the values.
        if not isinstance(data, dict):
            return data
        data = dict(data)
        for key in _NUMERIC & data.keys():
            v = data[key]
            if isinstance(v, str) and v.strip():
                sign = -1 if v.strip().startswith(("-", "−")) else 1
                num = parse_vn_number(v.strip().lstrip("+-−").strip())
                if num is not None:
                    data[key] = sign * num
        if isinstance(data.get("evidence"), str):
            data["evidence"] = {"quote": data["evidence"]}
        if isinstance(data.get("index"), str):
            data["index"] = data["index"].strip().upper().replace(" ", "_").replace("-", "_")
        return data

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> _Item:
        ctx = current_context(info.context)
        if ctx is None:
            raise ValueError("no document text to ground the record in (validation context)")
        fields = self.model_dump(exclude={"evidence"})
        self._record = ground(self.KIND, fields, self.evidence.quote, ctx)
        return self

    @property
    def record(self) -> Any:
        """The contract record (IndexResult, Metric or Initiative) built by the guard."""
        return self._record


# Contract fields the model is not asked for. The evidence is ``Quote`` (offsets are
# llmx's); field-level evidence is not asked for either, so the request schema (and the
# recorded request bodies of the LLM tests) stays as it was: the model gives one quote per
# record, which the contract accepts. ``confidence`` is left unassessed (None): a model's
# self-reported confidence is not calibrated.
_NOT_ASKED = frozenset({"evidence", "field_evidence", "confidence"})


def _item_model(kind: str) -> type[_Item]:
    core = RECORD_TYPES[kind]
    fields: dict[str, Any] = {
        name: (info.annotation, copy.copy(info))
        for name, info in core.model_fields.items()
        if name not in _NOT_ASKED
    }
    model = create_model(
        core.__name__ + "Item", __base__=_Item, __doc__=core.__doc__, **fields
    )
    model.KIND = kind
    return model


IndexResultItem = _item_model("index_results")
MetricItem = _item_model("metrics")
InitiativeItem = _item_model("initiatives")
ITEM_MODELS: dict[str, type[_Item]] = {
    "index_results": IndexResultItem,
    "metrics": MetricItem,
    "initiatives": InitiativeItem,
}


class DocumentRecords(ResponseSchema):
    """The index results, metrics and initiatives stated in the document. Empty lists when
    there are none."""

    # Subclassing instructor's ResponseSchema spares instructor from wrapping the model in a
    # freshly created class on every request (~2 ms each).
    model_config = ConfigDict(extra="ignore")

    index_results: list[IndexResultItem] = Field(default_factory=list)  # type: ignore[valid-type]
    metrics: list[MetricItem] = Field(default_factory=list)  # type: ignore[valid-type]
    initiatives: list[InitiativeItem] = Field(default_factory=list)  # type: ignore[valid-type]

    def records(self) -> dict[str, list[Any]]:
        return {kind: [item.record for item in getattr(self, kind)] for kind in ITEM_MODELS}

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # instructor's JSON modes regenerate the schema for every request (~10 ms for this
        # model); it never changes, so serve a copy of the first one.
        key = (cls, args, tuple(sorted(kwargs.items(), key=lambda kv: kv[0])))
        cached = _SCHEMAS.get(key)
        if cached is None:
            schema = super().model_json_schema(*args, **kwargs)
            cached = json.dumps({**_lean(schema), "title": schema["title"]})
            _SCHEMAS[key] = cached
        return json.loads(cached)


_SCHEMAS: dict[Any, str] = {}


def _lean(node: Any) -> Any:
    """A JSON schema without what tells the model nothing: pydantic's titles (each repeats
    its property's name; the root's, which names instructor's tool, is put back by the
    caller) and ``"default": null`` (a field not in ``required`` may be left out). About a
    quarter of the schema text, in every request."""
    if isinstance(node, list):
        return [_lean(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "title" and isinstance(value, str):
            continue
        if key == "default" and value is None:
            continue
        # The names under "properties" and "$defs" are field and model names, not keywords.
        if key in ("properties", "$defs") and isinstance(value, dict):
            out[key] = {name: _lean(sub) for name, sub in value.items()}
        else:
            out[key] = _lean(value)
    return out


_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.DOTALL)


def _loads(payload: str) -> Any:
    try:
        return json.loads(payload)
    except (json.JSONDecodeError, TypeError):
        pass
    m = _FENCE.search(payload or "")
    candidates = [m.group(1)] if m else []
    start, end = (payload or "").find("{"), (payload or "").rfind("}")
    if 0 <= start < end:
        candidates.append(payload[start : end + 1])
    for c in candidates:
        try:
            return json.loads(c)
        except json.JSONDecodeError:
            continue
    raise ValueError("the answer is not valid JSON")


def _loads_partial(payload: str) -> Any:
    """The complete items of an answer cut off mid-way. The item being written when the
    budget ran out is dropped: its missing fields would read as defaults."""
    import jiter

    data = jiter.from_json((payload or "").encode(), partial_mode=True)
    if isinstance(data, dict):
        last = [k for k, v in data.items() if k in ITEM_MODELS and isinstance(v, list) and v]
        if last:
            data[last[-1]] = data[last[-1]][:-1]
    return data


def salvage(
    payload: str, ctx: GuardContext, *, truncated: bool = False
) -> tuple[dict[str, list[Any]], list[Rejection]]:
    """Validate each record of a final, invalid answer on its own: keep the grounded ones,
    list the others with their reasons. Used once instructor's re-asks are exhausted, and
    (``truncated``) on an answer cut off at max_tokens."""
    kept: dict[str, list[Any]] = {kind: [] for kind in ITEM_MODELS}
    rejected: list[Rejection] = []
    try:
        data = _loads_partial(payload) if truncated else _loads(payload)
    except ValueError as exc:
        reason = "the answer is not valid JSON" if truncated else str(exc)
        return kept, [Rejection(record_type="answer", reason=reason, data={"raw": payload[:500]})]
    if not isinstance(data, dict):
        return kept, [
            Rejection(record_type="answer", reason="the answer is not a JSON object",
                      data={"raw": str(payload)[:500]})  # fmt: skip
        ]
    vctx = ctx.as_dict()
    for kind, model in ITEM_MODELS.items():
        items = data.get(kind) or []
        if not isinstance(items, list):
            rejected.append(Rejection(record_type=kind, reason=f"{kind} is not a list",
                                      data={"raw": items}))  # fmt: skip
            continue
        for item in items:
            try:
                kept[kind].append(model.model_validate(item, context=vctx).record)
            except ValidationError as exc:
                rejected.append(
                    Rejection(
                        record_type=kind,
                        reason=reasons(exc),
                        data=item if isinstance(item, dict) else {"raw": item},
                    )
                )
    return kept, rejected
