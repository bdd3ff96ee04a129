#!/usr/bin/env bash
# Installs the Debian 12 packages needed to build and test PayOps Console (root or sudo).
set -euo pipefail
packages=(
    build-essential cmake ninja-build ccache pkg-config clang-format
    qt6-base-dev qt6-base-dev-tools libgl-dev libqt6opengl6-dev libxkbcommon-dev
    qt6-charts-dev qt6-websockets-dev libssl-dev openssl nats-server qtkeychain-qt6-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    libqt6svg6 fonts-dejavu-core
    libyaml-cpp-dev nlohmann-json3-dev libsqlite3-dev sqlite3 libcurl4-openssl-dev
    gnome-keyring dbus   # a throwaway Secret Service for the keychain test (scripts/with-keyring.sh)
    locales              # a German locale built for the test that the agent's texts keep a decimal point
)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
