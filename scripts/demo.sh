#!/usr/bin/env bash
# Installs what is needed, builds, and runs the offline demo: the headless agent on the simulator with no server.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev --target payops-agent
exec ./build/dev/app/payops-agent run --scenario issuer_outage --cycles "${DEMO_CYCLES:-75}" --speed "${DEMO_SPEED:-16}" --seed 7 "$@"
