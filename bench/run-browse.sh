#!/bin/sh
# Builds berth-bench-browse if needed and runs it offscreen. Arguments go to the benchmark,
# e.g.: bench/run-browse.sh --repos 5000 --tags 5000
# BUILD_DIR picks the build directory (default: build-bench, configured RelWithDebInfo).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build-bench}
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$build" --target berth-bench-browse -j"$(nproc)"
export QT_QPA_PLATFORM=offscreen
export QT_LOGGING_RULES="${QT_LOGGING_RULES:-berth.*.debug=false}"
exec "$build/bench/berth-bench-browse" "$@"
