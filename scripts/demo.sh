#!/usr/bin/env bash
# Installs what is missing, builds, and runs berth-cli against the built-in demo registry.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
[ $# -gt 0 ] || set -- repo list
exec build/app/berth-cli --demo "$@"
