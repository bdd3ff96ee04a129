#!/usr/bin/env bash
# Regenerates docs/screenshots/: every page in both themes, each from a fresh offline demo (issuer_outage at 100x:
# Health 7 s in, when HDFC has degraded and recovered; Anomalies 3.5 s in, while the degradation is open). Needs a built payops-console (demo.sh or
# test.sh builds it); runs offscreen, so no display is needed.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=./build/dev/app/payops-console
out=docs/screenshots
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for page in health anomalies; do
    after=7000
    [ "$page" = anomalies ] && after=3500
    for theme in light dark; do
        QT_QPA_PLATFORM=offscreen "$bin" --db "$work/$page-$theme.db" --settings "$work/$page-$theme.ini" \
            --new-run --scenario issuer_outage --speed 100 --page "$page" --theme "$theme" --size 1400x860 \
            --screenshot "$out/$page-$theme.png" --quit-after-ms "$after" 2>/dev/null
        echo "$out/$page-$theme.png"
    done
done
