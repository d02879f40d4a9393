#!/usr/bin/env bash
# The style and static checks CI runs: every C++ file formatted by the repo's .clang-format,
# and clang-tidy (the repo's .clang-tidy) clean over the code of app/, models/ and ui/.
# Needs a configured ./build (compile_commands.json). --format-only skips clang-tidy (it takes
# minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t sources < <(git ls-files '*.cpp' '*.h')
echo "clang-format: ${#sources[@]} files"
clang-format --dry-run --Werror "${sources[@]}"
if [ "${1:-}" = "--format-only" ]; then
    echo "lint: formatted"
    exit 0
fi

mapfile -t code < <(git ls-files 'app/*.cpp' 'models/*.cpp' 'ui/*.cpp')
echo "clang-tidy: ${#code[@]} files"
# Debian's clang-tidy (LLVM 14) knows C++23 as c++2b and cannot parse libstdc++'s
# <expected>: scripts/lint-compat stands in for it.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
printf '%s\n' "${code[@]}" | xargs -P "$(nproc)" -n 8 clang-tidy -p build --quiet \
    --warnings-as-errors='*' --extra-arg=-std=c++2b \
    --extra-arg-before=-isystem"$PWD/scripts/lint-compat" >"$log" 2>&1 || {
    grep -E "(warning|error):" "$log" | sort -u
    echo "clang-tidy found problems (above)"
    exit 1
}
echo "lint: clean"
