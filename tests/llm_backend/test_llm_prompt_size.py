"""The static prefix of every extraction request is small and the document comes last: the
schema is sent compact (never instructor's indented dump), without pydantic's titles and
null defaults, and the prompt budget counts what is actually sent."""

from __future__ import annotations

import json

import pytest
from support.documents import make_doc

from llmx.llm.chunking import estimate_tokens
from llmx.llm.prompts import load_prompts
from llmx.llm.response_models import DocumentRecords
from llmx.llm.schema_text import CompactSchema, compact, indented

from .fakellm import answer, tool_answer

EMPTY = {"index_results": [], "metrics": [], "initiatives": []}
SENTENCE = "Tỉnh Lạng Sơn đạt 85,31 điểm, xếp thứ 17/63 tỉnh, thành phố.\n"


def _walk(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield path, key, value
            yield from _walk(value, (*path, key))
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value, path)


def test_the_schema_has_no_titles_below_the_root_and_no_null_defaults():
    schema = DocumentRecords.model_json_schema()
    assert schema["title"] == "DocumentRecords"  # instructor names the tool after it
    keywords = [
        (key, value) for path, key, value in _walk(schema)
        if not path or path[-1] not in ("properties", "$defs")
    ]  # fmt: skip
    assert ("title", "DocumentRecords") in keywords
    assert [k for k, v in keywords if k == "title" and v != "DocumentRecords"] == []
    assert [k for k, v in keywords if k == "default" and v is None] == []
    # A field with a real default keeps it; the required ones stay required.
    item = schema["$defs"]["IndexResultItem"]
    assert item["properties"]["scope"]["default"] == "national"
    assert item["required"] == ["evidence", "entity", "index"]


def test_compact_schema_rewrites_only_the_indented_dump():
    schema = {"type": "object", "properties": {"a": {"type": "string"}}}
    rewrite = CompactSchema.of(schema)
    content = f"Rules.\n\nThe schema:\n\n{indented(schema)}\n\nEnd."
    assert rewrite(content) == f"Rules.\n\nThe schema:\n\n{compact(schema)}\n\nEnd."
    assert rewrite("Rules only.") == "Rules only."


@pytest.mark.parametrize("mode", ["json_object_schema", "json", "md_json"])
def test_json_modes_send_the_schema_compact_after_the_rules(fake_llm, llm_backend, mode):
    fake_llm.default = answer(EMPTY)
    llm_backend(mode=mode).extract(make_doc(SENTENCE))
    (seen,) = fake_llm.requests
    system = seen.messages[0]["content"]
    schema = DocumentRecords.model_json_schema()
    assert compact(schema) in system and indented(schema) not in system
    # static prefix first: the rules, then the schema; the document only in the last message
    assert system.startswith(load_prompts().system())
    assert SENTENCE.strip() not in system and SENTENCE.strip() in seen.messages[-1]["content"]


def test_the_prompt_budget_covers_what_is_sent(fake_llm, llm_backend):
    # A budget so small that the document must be split: every request, as sent, fits it.
    fake_llm.default = answer(EMPTY)
    budget = 3400
    text = "".join(f"Huyện {i} đạt {80 + i},5 điểm, xếp thứ {i}/10 huyện.\n" for i in range(1, 90))
    llm_backend(mode="json_object_schema", max_input_tokens=budget).extract(make_doc(text))
    assert len(fake_llm.requests) >= 2
    for seen in fake_llm.requests:
        sent = "".join(m["content"] for m in seen.messages)
        assert estimate_tokens(sent) <= budget


def test_tool_mode_sends_the_lean_schema_once(fake_llm, llm_backend):
    fake_llm.default = tool_answer(EMPTY)
    llm_backend(mode="tools").extract(make_doc(SENTENCE))
    (seen,) = fake_llm.requests
    (tool,) = seen.body["tools"]
    assert tool["function"]["name"] == "DocumentRecords"
    assert '"title"' not in json.dumps(tool["function"]["parameters"])
    assert "$defs" not in seen.messages[0]["content"]  # not in the prompt a second time


def test_the_examples_show_every_record_type_briefly():
    examples = load_prompts().examples
    shown = {kind for ex in examples for kind, records in ex["output"].items() if records}
    assert shown == {"index_results", "metrics", "initiatives"}
    results = [r for ex in examples for r in ex["output"]["index_results"]]
    assert any(r.get("is_target") for r in results)  # a target next to the results
    assert any(str(r.get("scope", "")).startswith("province:") for r in results)
    # Null fields are left out, as the prompt asks of answers (they cost completion tokens).
    assert not [k for _, k, v in _walk([ex["output"] for ex in examples]) if v is None]
