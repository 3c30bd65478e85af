#!/bin/sh
# sanitize.sh - builds everything with AddressSanitizer + UndefinedBehaviorSanitizer
# (clang-14, CMakePresets.json "asan": -fno-omit-frame-pointer,
# -fno-sanitize-recover=all, so every report aborts) into build-asan/, and runs
# the fast test layers under it: unit, patterns, cli, hostile. Any report fails
# the run, leaks included (LeakSanitizer, detect_leaks=1); the only suppressions
# are third-party frames, each explained, in scripts/lsan-suppressions.txt.
# The golden layer is left out: it is the same read path as the cli and hostile
# samples, 24 OCR runs, and ASan makes it several times slower.
set -eu
cd "$(dirname "$0")/.."
start=$(date +%s)
cmake --preset asan >/dev/null
cmake --build build-asan -j"$(nproc)" >/dev/null
OMP_THREAD_LIMIT=1 ctest --preset asan -j"$(nproc)"
echo "sanitize.sh: ASan+UBSan build and fast layers in $(($(date +%s) - start)) s"
