"""How the response schema is written into a request, and what it costs in the prompt.

In JSON modes instructor appends the schema to the system message as
``json.dumps(schema, indent=2)``: for the records model about 6,100 characters, half of them
indentation, in every request. ``CompactSchema`` rewrites that block as compact JSON (about
3,100 characters; ``DocumentRecords.model_json_schema`` already leaves out titles and null
defaults) before the request leaves (``provider.Completions.shape``, so both of
instructor's paths send the same). Tool and json_schema modes carry the schema compact in
the request already. The prompt budget (``prompt_schema_chars``) counts what is sent.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from llmx.llm.config import schema_in_prompt

# The words instructor wraps the schema in, in JSON modes ("As a genius expert, your task is
# …", "Make sure to return an instance of the JSON, not the schema itself": ~270 characters
# with their indentation), with room to spare.
SCHEMA_FRAME_CHARS = 320


def indented(schema: dict[str, Any]) -> str:
    """The schema as instructor writes it into the system message in JSON modes."""
    return json.dumps(schema, indent=2, ensure_ascii=False)


def compact(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class CompactSchema:
    """Rewrites instructor's indented schema in a system message as compact JSON (both forms
    computed once per response model: requests only pay for the replacement)."""

    indented: str
    compact: str

    @classmethod
    def of(cls, schema: dict[str, Any]) -> CompactSchema:
        return cls(indented(schema), compact(schema))

    def __call__(self, content: str) -> str:
        """``content`` with the schema compact; unchanged if it does not hold the schema."""
        return content.replace(self.indented, self.compact, 1)


def prompt_schema_chars(response_model: type, mode: str) -> int:
    """Characters the schema adds to a request in ``mode`` (with instructor's framing words in
    JSON modes); 0 for a model without a JSON schema."""
    schema_of = getattr(response_model, "model_json_schema", None)
    if schema_of is None:
        return 0
    text = compact(schema_of())
    return len(text) + (SCHEMA_FRAME_CHARS if schema_in_prompt(mode) else 0)
