#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test. Servers the tests need (the ACR
# emulator, docker-registry, gnome-keyring) are started by the tests themselves on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
cd build
ctest --output-on-failure --timeout 600 -j 2 "$@"
