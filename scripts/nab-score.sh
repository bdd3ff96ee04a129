#!/usr/bin/env bash
# Scores payops-agent detect on the NAB development split in ../shared/nab (or $NAB_DIR): one results file per
# data file, then NAB's own scorer (Python 3 standard library only). Usage: scripts/nab-score.sh [BUILD_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$here/build/dev}"
nab="${NAB_DIR:-$here/../shared/nab}"
agent="$build/app/payops-agent"
[[ -x "$agent" ]] || { echo "nab-score: $agent not built (cmake --build --preset dev)" >&2; exit 2; }
[[ -f "$nab/score_nab.py" ]] || { echo "nab-score: no NAB split at $nab (set NAB_DIR)" >&2; exit 2; }
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
name=payops
for f in "$nab"/data/*/*.csv; do
    category="$(basename "$(dirname "$f")")"
    mkdir -p "$results/$name/$category"
    "$agent" detect --input "$f" --output "$results/$name/$category/${name}_$(basename "$f")"
done
python3 "$nab/score_nab.py" --nab "$nab" --results "$results" -d "$name"
