#!/bin/sh
# The whole test suite: installs what is missing, builds with -Werror, runs ctest.
set -eu
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build -DAMC_WERROR=ON >/dev/null
cmake --build build -j"$(nproc)"
cd build && OMP_THREAD_LIMIT=1 ctest --output-on-failure -j"$(nproc)"
