#!/usr/bin/env bash
# Installs what is needed, builds, and runs the offline demo: the headless agent on the simulator with no server.
# The demo keeps its state in build/demo/agent.db, so while it runs (or after) you can try for example
#   ./build/dev/app/payops-agent approvals list --db build/demo/agent.db
#   ./build/dev/app/payops-agent audit verify --db build/demo/agent.db
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev --target payops-agent
mkdir -p build/demo
exec ./build/dev/app/payops-agent run --db build/demo/agent.db --new-run --scenario issuer_outage \
    --cycles "${DEMO_CYCLES:-75}" --speed "${DEMO_SPEED:-16}" --seed 7 "$@"
