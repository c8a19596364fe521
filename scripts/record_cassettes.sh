#!/usr/bin/env bash
# Re-record tests/cassettes/*.yaml against local llama.cpp servers.
#
#   scripts/record_cassettes.sh [SCENARIO ...]
#   MODELS=gemma270m scripts/record_cassettes.sh gemma270m_json_short
#
# Each model of the scenarios (tests/llm_backend/cassette_scenarios.py: qwen0.5b, the
# instruct model, and gemma270m, the base model) is served by scripts/local_llm.sh on its own
# port (PORTS there): built with the AMX kernels off, which AMX CPUs need (a default build
# segfaults on the first generation), the model assembled into models/ (git-ignored), and
# the cached prompt tokens reported in each answer's usage. A server already on a port is
# reused; those started here are stopped at the end. Records with scripts/record_cassettes.py
# (llmx's Python: $PYTHON). On two busy CPU cores a full recording takes about 10 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo python3 )}
# model=port pairs, from the scenarios (one home for the ports: the URL is in the cassettes)
PAIRS=$("$PYTHON" -c 'import sys; sys.path.insert(0, "tests/llm_backend")
from cassette_scenarios import PORTS; print(" ".join(f"{m}={p}" for m, p in PORTS.items()))')
MODELS=${MODELS:-$(echo "$PAIRS" | tr ' ' '\n' | cut -d= -f1 | tr '\n' ' ')}

started=()
stop_started() { for port in "${started[@]}"; do scripts/local_llm.sh stop "$port"; done; }
trap stop_started EXIT
for pair in $PAIRS; do
  model=${pair%=*} port=${pair#*=}
  case " $MODELS " in *" $model "*) ;; *) continue ;; esac
  if ! curl -sf "http://127.0.0.1:$port/v1/models" >/dev/null 2>&1; then
    started+=("$port")
    echo "starting $model on port $port" >&2
  fi
  scripts/local_llm.sh "$model" "$port" >/dev/null
done

"$PYTHON" scripts/record_cassettes.py "$@"
