#!/bin/sh
# accuracy.sh [BUILD_DIR] [COUNT] [SEED] [LEVELS...]
# Generates COUNT certificates per degradation level with the corpus generator
# (same seed -> same documents), reads each with amcread, and prints per level
# each field's accuracy and the share of certificates with every field right.
# Outside the default test run: `sh tests/bench/accuracy.sh build 60 4242 clean scan`.
set -u
build=${1:-build}; count=${2:-40}; seed=${3:-4242}
shift 3 2>/dev/null || shift $#
levels=${*:-clean scan}
work=${AMC_BENCH_DIR:-$(mktemp -d)}
export OMP_THREAD_LIMIT=1
for level in $levels; do
  dir=$work/$level
  mkdir -p "$dir"
  "$build/tools/gen/amcgen" --out "$dir" --seed "$seed" --count "$count" --level "$level" >/dev/null
  pairs=""
  for t in "$dir"/*.truth.json; do
    base=${t%.truth.json}
    img=$(ls "$base".* | grep -v '\.truth\.json$' | grep -v '\.out\.json$' | head -n 1)
    "$build/amcread" read --date 2026-06-15 "$img" > "$base.out.json" 2>/dev/null
    pairs="$pairs $t $base.out.json"
  done
  # shellcheck disable=SC2086
  "$build/amccompare" --quiet --label "$level" $pairs | tail -n 1
done
echo "(documents and outputs in $work)"
