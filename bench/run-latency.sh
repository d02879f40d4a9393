#!/bin/bash
# Round trips: how long berth-cli commands and the window's paging take when every request
# crosses a slow link. Starts the ACR emulator (big/repo with 250 tags for the CLI, then the
# browse benchmark's own with 20,000) behind berth-latency-proxy (DELAY_MS each way, default
# 25: RTT 50 ms; a new connection pays one more RTT), all on 127.0.0.1, and reports wall
# times as multiples of the RTT. Not a test: it prints figures and the issue's targets.
#   bench/run-latency.sh            RUNS=5 DELAY_MS=25 by default
# BUILD_DIR picks the build directory (default: build-bench, configured RelWithDebInfo).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build-bench}
runs=${RUNS:-5}
delay=${DELAY_MS:-25}
rtt=$((2 * delay))
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$build" -j"$(nproc)" --target berth-cli berth-acr-emulator berth-latency-proxy \
    berth-bench-browse
cli=$build/app/cli/berth-cli
[ -x "$cli" ] || cli=$(find "$build" -name berth-cli -type f -perm -u+x | head -1)
emulator=$(find "$build" -name berth-acr-emulator -type f -perm -u+x | head -1)
proxy=$(find "$build" -name berth-latency-proxy -type f -perm -u+x | head -1)

work=$(mktemp -d "${TMPDIR:-/tmp}/berth-latency.XXXXXX")
pids=()
cleanup() {
    local status=$?
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT

# start NAME COMMAND...: runs it in the background and prints what follows "listening on ".
start() {
    local name=$1
    shift
    "$@" > "$work/$name.out" 2> "$work/$name.err" &
    pids+=($!)
    for _ in $(seq 1 600); do
        if grep -q "^listening on " "$work/$name.out"; then
            sed -n 's/^listening on //p' "$work/$name.out" | head -1
            return 0
        fi
        sleep 0.1
    done
    echo "$name did not start: $(cat "$work/$name.err")" >&2
    exit 1
}

emulator_url=$(start emulator timeout 1800 "$emulator" --user bench:secret --seed none \
    --bulk-repos 0 --bulk-tags 250)
proxy_port=$(start proxy "$proxy" --target-port "${emulator_url##*:}" --delay-ms "$delay" \
    --max-seconds 1800)
export BERTH_REGISTRY=http://127.0.0.1:$proxy_port BERTH_USERNAME=bench BERTH_PASSWORD=secret
export QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES="berth.*.debug=false"
unset BERTH_AAD_TOKEN

now_ms() { date +%s%N | awk '{ printf "%.1f", $1 / 1e6 }'; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
# time_ms SETTINGS ARGS...: one run's wall time in ms (the command must succeed).
time_ms() {
    local settings=$1
    shift
    local start end
    start=$(now_ms)
    BERTH_SETTINGS=$settings "$cli" --plain-http -o json "$@" > "$work/last.out" 2> "$work/last.err" \
        || { echo "berth-cli $* failed: $(cat "$work/last.err")" >&2; exit 1; }
    end=$(now_ms)
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }'
}

# The start-up of the process itself (no request): an unknown command, refused as usage.
startup=$(for _ in $(seq 1 "$runs"); do
    s=$(now_ms); "$cli" no-such-command > /dev/null 2>&1 || true; e=$(now_ms)
    awk -v s="$s" -v e="$e" 'BEGIN { printf "%.1f\n", e - s }'
done | median)

echo "berth-cli through berth-latency-proxy: ${delay} ms each way, RTT ${rtt} ms; median of $runs"
echo "process start-up alone: ${startup} ms ($(awk -v a="$startup" -v r="$rtt" 'BEGIN { printf "%.1f", a / r }') RTT)"
printf '%-46s %-10s %-8s %-16s %s\n' command "wall ms" RTT "RTT net of start" target
report() {
    local label=$1 mode=$2 target=$3
    shift 3
    local times=()
    for i in $(seq 1 "$runs"); do
        local settings=$work/fresh-$i.ini
        [ "$mode" = remembered ] && settings=$work/remembered.ini
        times+=("$(time_ms "$settings" "$@")")
    done
    local m
    m=$(printf '%s\n' "${times[@]}" | median)
    awk -v l="$label ($mode)" -v m="$m" -v s="$startup" -v r="$rtt" -v t="$target" 'BEGIN {
        net = (m - s) / r
        printf "%-46s %-10.1f %-8.1f %-16.1f <= %s RTT: %s\n", l, m, m / r, net, t, net <= t ? "PASS" : "MISS" }'
}
# A run that remembers how the registry signs in, before the remembered runs.
time_ms "$work/remembered.ini" repo show big/repo > /dev/null
for mode in fresh remembered; do
    target=4
    [ "$mode" = remembered ] && target=3
    report "repo show big/repo" "$mode" "$target" repo show big/repo
    report "tag list big/repo (3 pages of 100)" "$mode" "$((target + 2))" \
        tag list big/repo --page-size 100
    report "tag update big/repo:t00001 --write-enabled" "$mode" "$target" \
        tag update big/repo:t00001 --write-enabled true
done
echo "(tag list's target: the command's, plus one RTT for each page after the first)"
echo
echo "The window (berth-bench-browse --latency-ms $delay, 3,000 repositories, 20,000 tags):"
"$build/bench/berth-bench-browse" --no-peers --latency-ms "$delay" --repos 3000 --tags 20000 \
    > "$work/browse.out" 2>&1 || { cat "$work/browse.out"; exit 1; }
sed -n '/^round trips:/,/^$/p' "$work/browse.out"
