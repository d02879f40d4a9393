#!/usr/bin/env bash
# Starts `berth --demo` in a real X server (Xvfb), lets it fill the tag table and open a
# manifest, and saves the window as a PNG. Fails unless a real, non-trivial PNG comes out.
set -euo pipefail
berth=$1
out=$2
rm -f "$out"
unset QT_QPA_PLATFORM # a real window, not offscreen
timeout 120 xvfb-run -a -s "-screen 0 1440x900x24 -nolisten tcp" \
    "$berth" --demo --screenshot "$out"
[ -s "$out" ] || { echo "no screenshot written"; exit 1; }
magic=$(head -c 8 "$out" | od -An -tx1 | tr -d ' \n')
[ "$magic" = "89504e470d0a1a0a" ] || { echo "not a PNG"; exit 1; }
size=$(stat -c %s "$out")
[ "$size" -gt 20000 ] || { echo "screenshot suspiciously small ($size bytes)"; exit 1; }
echo "screenshot: $out ($size bytes)"
