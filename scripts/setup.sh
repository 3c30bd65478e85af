#!/bin/sh
# First command of the README: installs what is missing, builds, reads a bundled sample.
set -eu
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
sample=$(ls samples/*.png samples/*.jpg samples/*.pdf 2>/dev/null | head -n 1)
exec ./build/amcread read --date 2026-06-15 "$sample"
