#!/usr/bin/env bash
# Builds berthcore's pure parsers with clang's libFuzzer, AddressSanitizer and UBSan, then
# fuzzes each harness in tests/fuzz/ for a bounded time.
#
#   scripts/fuzz.sh [seconds-per-target] [target...]     (default 20 s; all targets)
#
# Targets: challenge linkheader manifest errorbody attributes reference.
# Output goes to $BERTH_FUZZ_DIR (default build-fuzz/): objects, harness binaries, the
# growing corpus (seeded from tests/fuzz/corpus/<target>/) and any crash artifacts.
# Exits non-zero when a harness crashes, leaks, times out or trips a sanitizer.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-20}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(challenge linkheader manifest errorbody attributes reference)
fi
out="${BERTH_FUZZ_DIR:-$root/build-fuzz}"
cxx="${BERTH_FUZZ_CXX:-clang++}"
jobs="${BERTH_FUZZ_JOBS:-2}"

if ! command -v "$cxx" >/dev/null; then
    echo "fuzz.sh: $cxx not found (install clang)" >&2
    exit 2
fi

# The product build's strict Qt defines, so the sources compile exactly as there.
defines=(-DQT_NO_CAST_FROM_ASCII -DQT_NO_CAST_TO_ASCII -DQT_NO_CAST_FROM_BYTEARRAY
         -DQT_NO_NARROWING_CONVERSIONS_IN_CONNECT -DQT_USE_QSTRINGBUILDER)
read -r -a qtflags <<<"$(pkg-config --cflags Qt6Core Qt6Network)"
read -r -a qtlibs <<<"$(pkg-config --libs Qt6Core Qt6Network)"
# The parsers see only the layers they belong to, as in the CMake build (berth_include_layer):
# a folder of links to app/core and app/auth, never all of app/ (registry, upload, credentials,
# emulator, cli). tests/fuzz/compat supplies std::expected where clang's library lacks it.
layer="$out/include"
mkdir -p "$layer"
ln -sfn "$root/app/core" "$layer/core"
ln -sfn "$root/app/auth" "$layer/auth"
cxxflags=(-std=c++2b -g -O1 -fPIC -fno-omit-frame-pointer -Wall -Wextra -Wno-unused-command-line-argument
          -isystem "$root/tests/fuzz/compat" -I "$layer" -I "$root/tests/fuzz"
          "${defines[@]}" "${qtflags[@]}")
sanitize=(-fsanitize=address,undefined -fno-sanitize-recover=undefined)

sources=(app/core/registryerror.cpp app/core/printable.cpp app/core/jsonfields.cpp
         app/core/reference.cpp app/core/mediatypes.cpp app/core/linkheader.cpp
         app/core/errorbody.cpp app/core/attributes.cpp app/core/manifest.cpp
         app/auth/challenge.cpp)
headers=("$root"/app/core/*.h "$root"/app/auth/challenge.h "$root"/tests/fuzz/*.h
         "$root"/tests/fuzz/compat/expected "$0")

mkdir -p "$out/obj" "$out/bin"

# Compiles $1 into $2 unless $2 is newer than $1 and every header.
compile() {
    local src="$1" obj="$2"
    shift 2
    if [ -f "$obj" ] && [ "$obj" -nt "$src" ]; then
        local stale=0 h
        for h in "${headers[@]}"; do
            if [ "$h" -nt "$obj" ]; then stale=1; break; fi
        done
        [ $stale -eq 0 ] && return 0
    fi
    echo "  compile $(realpath --relative-to="$root" "$src")"
    "$cxx" "${cxxflags[@]}" "${sanitize[@]}" "$@" -c "$src" -o "$obj"
}

# Compiles $1 into $2 in the background, at most $jobs at a time.
pids=()
spawn() {
    compile "$1" "$2" -fsanitize=fuzzer-no-link &
    pids+=($!)
    if [ ${#pids[@]} -ge "$jobs" ]; then
        wait "${pids[0]}"
        pids=("${pids[@]:1}")
    fi
}

echo "fuzz.sh: building into $out"
objects=()
for src in "${sources[@]}"; do
    obj="$out/obj/$(basename "${src%.cpp}").o"
    objects+=("$obj")
    spawn "$root/$src" "$obj"
done
for target in "${targets[@]}"; do
    spawn "$root/tests/fuzz/fuzz_$target.cpp" "$out/obj/fuzz_$target.o"
done
for pid in "${pids[@]}"; do
    wait "$pid"
done

for target in "${targets[@]}"; do
    "$cxx" "${sanitize[@]}" -fsanitize=fuzzer "$out/obj/fuzz_$target.o" "${objects[@]}" \
        "${qtlibs[@]}" -o "$out/bin/fuzz_$target"
done

dictionary() {
    case "$1" in
        challenge | linkheader) echo "$root/tests/fuzz/header.dict" ;;
        reference) echo "" ;;
        *) echo "$root/tests/fuzz/json.dict" ;;
    esac
}

failed=()
for target in "${targets[@]}"; do
    corpus="$out/corpus/$target"
    artifacts="$out/artifacts/$target/"
    mkdir -p "$corpus" "$artifacts"
    args=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=16384
          -print_final_stats=1 -artifact_prefix="$artifacts")
    dict="$(dictionary "$target")"
    [ -n "$dict" ] && args+=(-dict="$dict")
    echo "fuzz.sh: fuzzing $target for ${seconds}s"
    log="$out/$target.log"
    if ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$out/bin/fuzz_$target" "${args[@]}" "$corpus" "$root/tests/fuzz/corpus/$target" >"$log" 2>&1; then
        grep -E '^stat::number_of_executed_units|^Done [0-9]+ runs' "$log" | tail -n 1 | sed "s/^/  $target: /"
    else
        echo "fuzz.sh: $target FAILED; log: $log; artifacts: $artifacts" >&2
        tail -n 40 "$log" >&2
        failed+=("$target")
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz.sh: failures in: ${failed[*]}" >&2
    exit 1
fi
echo "fuzz.sh: all ${#targets[@]} targets ran ${seconds}s without a crash"
