#!/usr/bin/env bash
# Installs what is missing, builds, checks the formatting (scripts/lint.sh --format-only) and
# runs every test. Servers the tests need (the ACR emulator, docker-registry, gnome-keyring)
# are started by the tests themselves on 127.0.0.1. scripts/lint.sh (with clang-tidy) and
# scripts/sanitize.sh run on their own; they are not part of this command yet.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
scripts/lint.sh --format-only
cd build
ctest --output-on-failure --timeout 600 -j 2 "$@"
