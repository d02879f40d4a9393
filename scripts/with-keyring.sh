#!/bin/sh
# Runs CMD... against a real Secret Service: a fresh gnome-keyring-daemon on a private D-Bus
# session bus, with HOME and the XDG directories in a temporary directory, so the user's own
# keyring, bus and settings are never read or written. The daemon creates and unlocks a
# "login" collection with a fixed test password (read from stdin, as at a desktop login), so
# no prompt ever appears. On exit — also on INT/TERM/HUP — the command, the keyring daemon
# and the bus are stopped and the temporary directory is removed. The exit status is CMD's.
# A missing tool fails (exit 1); scripts/install-deps.sh installs them (gnome-keyring,
# dbus-x11 → dbus-daemon, dbus-send).
#
# This is what dbus-run-session does, plus the keyring; the bus is started by hand because
# dbus-run-session leaves its children running when it is itself terminated.
#
#   scripts/with-keyring.sh CMD [ARGS...]
set -eu

if [ $# -lt 1 ]; then
    echo "usage: $0 CMD [ARGS...]" >&2
    exit 2
fi

for tool in dbus-daemon dbus-send gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "with-keyring.sh: '$tool' is missing; install gnome-keyring and dbus-x11" \
             "(scripts/install-deps.sh)" >&2
        exit 1
    fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/berth-keyring.XXXXXX")
bus=""
keyring=""
command_pid=""
stop() {
    if [ -n "$1" ]; then
        kill "$1" 2>/dev/null || true
        wait "$1" 2>/dev/null || true
    fi
}
cleanup() {
    stop "$command_pid"
    stop "$keyring"
    stop "$bus"
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

fail() {
    echo "with-keyring.sh: $1" >&2
    [ -f "$2" ] && cat "$2" >&2
    exit 1
}

# Waits (at most 10 s) until the shell condition `$1` holds; fails early when process `$2` dies.
wait_until() {
    tries=0
    until eval "$1"; do
        tries=$((tries + 1))
        if [ "$tries" -gt 100 ] || ! kill -0 "$2" 2>/dev/null; then
            return 1
        fi
        sleep 0.1
    done
}

export HOME="$tmp/home"
export XDG_DATA_HOME="$tmp/home/.local/share"
export XDG_CONFIG_HOME="$tmp/home/.config"
export XDG_CACHE_HOME="$tmp/home/.cache"
export XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$tmp" "$XDG_RUNTIME_DIR"
# No desktop: QtKeychain then picks the Secret Service (libsecret), not KWallet.
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION KDE_FULL_SESSION KDE_SESSION_VERSION \
      GNOME_KEYRING_CONTROL SSH_AUTH_SOCK DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY

# A private session bus (dbus-daemon prints its address once it listens).
dbus-daemon --session --nofork --nopidfile --address="unix:path=$tmp/run/bus" \
    --print-address=1 >"$tmp/bus.address" 2>"$tmp/bus.log" &
bus=$!
wait_until '[ -s "$tmp/bus.address" ]' "$bus" ||
    fail "dbus-daemon did not start:" "$tmp/bus.log"
DBUS_SESSION_BUS_ADDRESS=$(head -n 1 "$tmp/bus.address")
export DBUS_SESSION_BUS_ADDRESS

printf '%s' "berth-test-keyring" >"$tmp/password"
gnome-keyring-daemon --foreground --unlock --components=secrets \
    <"$tmp/password" >"$tmp/keyring.log" 2>&1 &
keyring=$!
wait_until 'dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
                org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null \
            | grep -q "boolean true"' "$keyring" ||
    fail "gnome-keyring-daemon did not start:" "$tmp/keyring.log"

# Tests check this to refuse running against a keyring that is not a throwaway one.
BERTH_TEST_KEYRING="$tmp"
export BERTH_TEST_KEYRING

# In the background so that a signal reaches the traps above while it runs; with its stdin
# passed on explicitly (a background command's stdin is /dev/null otherwise).
exec 3<&0
"$@" <&3 3<&- &
command_pid=$!
set +e
wait "$command_pid"
status=$?
set -e
command_pid=""
exit "$status"
