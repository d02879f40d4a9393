#!/usr/bin/env bash
# Regenerates the README's screenshot: builds and runs the readmescreenshot test (the real
# window under Xvfb, a multi-arch index selected and a paused upload in the Transfers dock)
# and copies the PNG it saved to docs/screenshot.png. Look at it before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
ninja -C "$build" -j2 tst_readmescreenshot
(cd "$build" && ctest -R '^readmescreenshot$' --output-on-failure)
cp "$build/tests/screenshot/screenshots/readme.png" docs/screenshot.png
echo "docs/screenshot.png updated"
