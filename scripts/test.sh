#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test; then the style and static checks
# (scripts/lint.sh) and the sanitizer build's tests (scripts/sanitize.sh). Servers the tests
# need (the ACR emulator, docker-registry, gnome-keyring) are started by the tests
# themselves on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
scripts/lint.sh
scripts/sanitize.sh
cd build
ctest --output-on-failure --timeout 600 -j 2 "$@"
