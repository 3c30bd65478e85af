#!/bin/sh
# The whole test suite: installs what is missing, builds with -Werror, runs ctest;
# then the sanitizer build and the short fuzz runs (scripts/sanitize.sh, fuzz/).
set -eu
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build -DAMC_WERROR=ON >/dev/null
cmake --build build -j"$(nproc)"
(cd build && OMP_THREAD_LIMIT=1 ctest --output-on-failure -j"$(nproc)")

# Hostile input (issue 7): the fast layers again under ASan+UBSan (build-asan/),
# then each libFuzzer target for AMC_FUZZ_SECONDS (default 30) (build-fuzz/).
./scripts/sanitize.sh
cmake --preset fuzz -DAMC_FUZZ_SECONDS="${AMC_FUZZ_SECONDS:-30}" >/dev/null
cmake --build build-fuzz -j"$(nproc)" >/dev/null
ctest --preset fuzz -j"$(nproc)"
