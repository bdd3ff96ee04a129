#!/usr/bin/env bash
# Installs what is needed, builds, and runs the whole test suite (CTest). Used by the README and by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
preset=dev
[ "${CI:-}" = "true" ] && preset=ci
cmake --preset "$preset"
cmake --build --preset "$preset"
ctest --preset "$preset"
