#!/usr/bin/env bash
# Installs what is needed, builds, and opens the console on the offline demo: the embedded agent on the simulator
# (the issuer_outage scenario: HDFC degrades, the agent detects it, decides, and the issuer recovers within the
# first minute), state in SQLite, no server. Every run of this script starts the demo story from the beginning.
#
# With no display (an SSH session, a container), it runs the same demo headless in the terminal instead.
set -euo pipefail
cd "$(dirname "$0")/.."
# Help is answered before anything is installed or built.
for arg in "$@"; do
    case "$arg" in
    -h | --help)
        cat <<'USAGE'
Usage: scripts/demo.sh [payops-console options]
Installs the build dependencies (apt-get), builds, and opens the console on the offline demo: the issuer_outage
scenario from its start, state in SQLite, no server. Options are passed to payops-console (for example --theme
dark, --speed 60, --db FILE; once built, build/dev/app/payops-console --help lists them). With no display it runs
the same demo headless in the terminal (DEMO_CYCLES, DEMO_SPEED set its length and pace).
USAGE
        exit 0
        ;;
    esac
done
./scripts/install-deps.sh
cmake --preset dev >/dev/null
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "No display found: running the headless agent demo (set DISPLAY to open the console)." >&2
    cmake --build --preset dev --target payops-agent
    mkdir -p build/demo
    exec ./build/dev/app/payops-agent run --db build/demo/agent.db --new-run --scenario issuer_outage \
        --cycles "${DEMO_CYCLES:-75}" --speed "${DEMO_SPEED:-16}" --seed 7
fi
cmake --build --preset dev --target payops-console
exec ./build/dev/app/payops-console --new-run --scenario issuer_outage "$@"
