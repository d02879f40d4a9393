#!/usr/bin/env bash
# Installs what is missing, builds, runs the style and static checks (scripts/lint.sh:
# clang-format and clang-tidy) and every test. Servers the tests need (the ACR emulator,
# docker-registry, gnome-keyring) are started by the tests themselves on 127.0.0.1. Last,
# the AddressSanitizer + UndefinedBehaviorSanitizer build (scripts/sanitize.sh) runs the
# unit, model, emulator, client, upload and bad-input tests again; any report fails.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
scripts/lint.sh
(cd build && ctest --output-on-failure --timeout 600 -j 2 "$@")
scripts/sanitize.sh
