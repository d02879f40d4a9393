#!/usr/bin/env bash
# Installs what is missing, builds, and opens the Berth window on the built-in demo registry.
# (berth-cli runs the same demo: build/app/berth-cli --demo repo list)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
exec build/ui/berth --demo "$@"
