"""Cassette scenarios: shared by ``scripts/record_cassettes.py`` (which records them against
a local llama.cpp server running gemma-3-270m) and ``test_llm_cassettes.py`` (which replays
them offline). A scenario is a document, backend options and a cassette name; replay must
build the backend exactly as recording did, so both read them from here."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CASSETTES = ROOT / "tests" / "cassettes"
RECORD_URL = "http://127.0.0.1:8765/v1"  # where the recording server listens

# Written for these cassettes (not a seed, not an eval document).
SHORT_DOC = (
    "Kết quả Chỉ số cải cách hành chính năm 2023 của tỉnh Ninh Bình\n"
    "Năm 2023, Chỉ số cải cách hành chính (PAR INDEX) của tỉnh Ninh Bình đạt 87,35 điểm, "
    "xếp thứ 12/63 tỉnh, thành phố, tăng 5 bậc so với năm 2022.\n"
    "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình đạt 46,2%.\n"
    "Sở Nội vụ duy trì mô hình “Một cửa thân thiện” tại bộ phận tiếp nhận và trả kết quả.\n"
)


@dataclass(frozen=True)
class Scenario:
    name: str  # cassette file stem
    doc_id: str
    text: str = ""
    seed: str | None = None  # a seed file under seeds/ instead of ``text``
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def cassette(self) -> Path:
        return CASSETTES / f"{self.name}.yaml"

    def document(self):
        from llmx.core.document import Document

        text = self.text
        if self.seed is not None:
            from llmx.ingest import expand_paths, load_document

            (src,) = expand_paths([str(ROOT / "seeds" / self.seed)])
            return load_document(src)
        return Document(
            doc_id=self.doc_id,
            source=f"{self.doc_id}.txt",
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            text=text,
        )

    def backend_options(self) -> dict[str, Any]:
        return {
            "model": "gemma3",
            "base_url": RECORD_URL,
            "cache": False,  # every request must reach the cassette
            "temperature": 0.0,
            "timeout": 600.0,
            "deadline": 1800.0,
            **self.options,
        }


SCENARIOS = [
    # Tool calling (llama.cpp turns the tool schema into a grammar): schema-shaped answers
    # whose values the tiny model makes up.
    Scenario("gemma3_tools_short", "ninh-binh", text=SHORT_DOC,
             options={"mode": "tools", "max_retries": 1, "max_tokens": 384,
                      "max_tokens_cap": 384}),  # fmt: skip
    # Plain JSON mode (no schema in the response format; auto is json_object_schema now).
    Scenario("gemma3_json_short", "ninh-binh", text=SHORT_DOC,
             options={"mode": "json", "max_retries": 1, "max_tokens": 384,
                      "max_tokens_cap": 384}),  # fmt: skip
    # One real seed document, split in chunks (the recorded two; 4480 tokens at 3.2
    # characters per token make the chunks 4800 made at the 3 of the recording).
    Scenario("gemma3_tools_seed", "seed", seed="004_d489e8bb4f625183.txt",
             options={"mode": "tools", "max_retries": 0, "max_tokens": 256,
                      "max_tokens_cap": 256, "max_input_tokens": 4480}),  # fmt: skip
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
        match_on=["method", "scheme", "host", "port", "path"],
    )
