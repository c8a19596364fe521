"""Cassette scenarios: shared by ``scripts/record_cassettes.py`` (which records them against
local llama.cpp servers, ``scripts/record_cassettes.sh``) and ``test_llm_cassettes.py`` (which
replays them offline). A scenario is a model, a document, backend options and a cassette
name; replay must build the backend exactly as recording did, so both read them from here.

Two models, each on its own port (``scripts/local_llm.sh MODEL PORT``): the instruction-tuned
Qwen2.5-Coder-0.5B-Instruct, which follows the JSON and tool formats, and the Gemma 3 270M
base model, which mostly invents."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CASSETTES = ROOT / "tests" / "cassettes"
# Where each model's recording server listens (the request URL is part of the cassette).
# Not 8765, where the live test looks by default (a server there may be busy with other work:
# its requests would interleave with the recording and spoil the prefix cache).
PORTS = {"qwen0.5b": 8777, "gemma270m": 8776}
INSTRUCT = frozenset({"qwen0.5b"})  # models tuned to follow instructions and formats


def record_url(model: str) -> str:
    return f"http://127.0.0.1:{PORTS[model]}/v1"


# Written for these cassettes (not a seed, not an eval document).
SHORT_DOC = (
    "Kết quả Chỉ số cải cách hành chính năm 2023 của tỉnh Ninh Bình\n"
    "Năm 2023, Chỉ số cải cách hành chính (PAR INDEX) của tỉnh Ninh Bình đạt 87,35 điểm, "
    "xếp thứ 12/63 tỉnh, thành phố, tăng 5 bậc so với năm 2022.\n"
    "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình đạt 46,2%.\n"
    "Sở Nội vụ duy trì mô hình “Một cửa thân thiện” tại bộ phận tiếp nhận và trả kết quả.\n"
)


# Written for these cassettes too: long enough to be split in two chunks under a small
# prompt budget, so that the second request shares the first one's static prefix.
TWO_PART_DOC = (
    "UBND tỉnh Quảng Trị công bố Chỉ số cải cách hành chính năm 2023 của các sở, ban, ngành "
    "và các huyện, thị xã, thành phố.\n"
    "Khối sở, ban, ngành có điểm trung bình 85,12 điểm; Sở Tư pháp dẫn đầu với 91,40 điểm, "
    "tăng 2 bậc so với năm 2022.\n"
    "Sở Giao thông vận tải xếp cuối khối với 78,05 điểm.\n"
    "Khối huyện, thị xã, thành phố có điểm trung bình 83,66 điểm.\n\n"
    "Thành phố Đông Hà đứng đầu khối huyện với 88,90 điểm, huyện Hướng Hóa xếp thứ 2 với "
    "86,25 điểm.\n"
    "Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận trực tuyến của tỉnh đạt 62,4%.\n"
    "Tỉnh phấn đấu năm 2025 Chỉ số cải cách hành chính của tỉnh nằm trong nhóm 20 tỉnh dẫn "
    "đầu cả nước.\n"
    "Huyện Gio Linh duy trì mô hình “Chính quyền thân thiện” tại bộ phận một cửa.\n"
)


@dataclass(frozen=True)
class Scenario:
    name: str  # cassette file stem
    model: str  # a key of PORTS
    doc_id: str
    text: str = ""
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def cassette(self) -> Path:
        return CASSETTES / f"{self.name}.yaml"

    @property
    def instruct(self) -> bool:
        return self.model in INSTRUCT

    def document(self):
        from llmx.core.document import Document

        return Document(
            doc_id=self.doc_id,
            source=f"{self.doc_id}.txt",
            sha256=hashlib.sha256(self.text.encode()).hexdigest(),
            text=self.text,
        )

    def backend_options(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "base_url": record_url(self.model),
            "cache": False,  # every request must reach the cassette
            "temperature": 0.0,
            "timeout": 600.0,
            "deadline": 1800.0,
            **self.options,
        }


_SHORT = {"max_retries": 1, "max_tokens": 384, "max_tokens_cap": 384}
# A prompt budget that leaves about 200 tokens of document per request (the static prefix
# takes about 2,560 by the estimate): two chunks.
_TWO_PARTS = {"max_retries": 0, "max_tokens": 256, "max_tokens_cap": 256,
              "max_input_tokens": 2770}  # fmt: skip

SCENARIOS = [
    # Tool calling (llama-cpp-python turns the forced tool's schema into a grammar).
    Scenario("qwen05b_tools_short", "qwen0.5b", "ninh-binh", SHORT_DOC,
             {"mode": "tools", **_SHORT}),  # fmt: skip
    # The default for a local host (auto = json_object_schema: the compact schema in the
    # system prompt, and in the response format, which the server enforces).
    Scenario("qwen05b_json_short", "qwen0.5b", "ninh-binh", SHORT_DOC, {**_SHORT}),
    Scenario("qwen05b_json_two_parts", "qwen0.5b", "quang-tri", TWO_PART_DOC, {**_TWO_PARTS}),
    Scenario("gemma270m_tools_short", "gemma270m", "ninh-binh", SHORT_DOC,
             {"mode": "tools", **_SHORT}),  # fmt: skip
    # Plain JSON mode: nothing enforces the schema.
    Scenario("gemma270m_json_short", "gemma270m", "ninh-binh", SHORT_DOC,
             {"mode": "json", **_SHORT}),  # fmt: skip
    Scenario("gemma270m_json_two_parts", "gemma270m", "quang-tri", TWO_PART_DOC,
             {**_TWO_PARTS}),  # fmt: skip
]


def vcr_config(record_mode: str):
    import vcr

    def scrub_response(response: dict[str, Any]) -> dict[str, Any]:
        headers = response.get("headers", {})
        for name in list(headers):
            if name.lower() in ("set-cookie", "date", "server"):
                del headers[name]
        return response

    return vcr.VCR(
        cassette_library_dir=str(CASSETTES),
        record_mode=record_mode,
        filter_headers=["authorization", "api-key", "cookie", "openai-organization"],
        before_record_response=scrub_response,
        decode_compressed_response=True,
        # The body too: a replayed request must be the recorded one byte for byte (prompt,
        # schema, parameters, cache_prompt), whatever order concurrent chunks come in.
        match_on=["method", "scheme", "host", "port", "path", "body"],
    )
