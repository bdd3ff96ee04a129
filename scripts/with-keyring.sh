#!/usr/bin/env bash
# Runs a command in a private D-Bus session with a throwaway, unlocked gnome-keyring, so tests can use the OS
# keychain (Secret Service) for real without touching the user's. Usage: scripts/with-keyring.sh CMD [ARGS...]
set -euo pipefail
if ! command -v gnome-keyring-daemon >/dev/null || ! command -v dbus-run-session >/dev/null; then
    echo "with-keyring: gnome-keyring-daemon or dbus-run-session is not installed" >&2
    exit 77
fi
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
exec dbus-run-session -- bash -c '
    # The password on stdin creates and unlocks a login keyring; then the secrets component serves it.
    printf "x" | gnome-keyring-daemon --daemonize --login >/dev/null
    eval "$(gnome-keyring-daemon --start --components=secrets)" >/dev/null
    export GNOME_KEYRING_CONTROL
    "$@"' with-keyring "$@"
