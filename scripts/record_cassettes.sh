#!/usr/bin/env bash
# Re-record tests/cassettes/*.yaml against a local llama.cpp server.
#
#   scripts/record_cassettes.sh [SCENARIO ...]
#   LOCAL_MODEL=qwen0.5b scripts/record_cassettes.sh SCENARIO   # another model
#
# The server comes from scripts/local_llm.sh (built with the AMX kernels off, which AMX
# CPUs need: a default build segfaults on the first generation; the model assembled into
# models/, git-ignored). It listens on 127.0.0.1:8765, where the scenarios record
# (tests/llm_backend/cassette_scenarios.py); a server already there is reused, one started
# here is stopped at the end. Records with scripts/record_cassettes.py (llmx's Python:
# $PYTHON). On two CPU cores a full recording with gemma270m takes about 10 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo python3 )}
PORT=8765
LOCAL_MODEL=${LOCAL_MODEL:-gemma270m}

started=""
if ! curl -sf "http://127.0.0.1:$PORT/v1/models" >/dev/null 2>&1; then
  started=yes
  trap 'scripts/local_llm.sh stop "$PORT"' EXIT
fi
scripts/local_llm.sh "$LOCAL_MODEL" "$PORT" >/dev/null
[ -n "$started" ] && echo "started $LOCAL_MODEL on port $PORT" >&2

"$PYTHON" scripts/record_cassettes.py "$@"
