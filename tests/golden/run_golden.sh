#!/bin/sh
# run_golden.sh AMCREAD AMCCOMPARE SAMPLES_DIR NAME OUT_DIR
# Reads samples/NAME.* (the image or PDF beside NAME.expected.json) and compares
# the fields of the accuracy measure with the expected JSON; prints each
# mismatch as "expected X but got Y". The output is kept in OUT_DIR/NAME.json.
# To regenerate an expected file on purpose, see README ("Adding a sample").
set -u
amcread=$1 compare=$2 dir=$3 name=$4 out=$5
mkdir -p "$out"
input=""
for f in "$dir/$name".*; do
  case "$f" in *.expected.json|*.truth.json) ;; *) input=$f ;; esac
done
[ -n "$input" ] || { echo "no input file for $name in $dir"; exit 1; }
"$amcread" read --date 2026-06-15 "$input" > "$out/$name.json"
rc=$?
echo "RC=$rc"
[ $rc -eq 0 ] || exit 1
exec "$compare" --label "$name" "$dir/$name.expected.json" "$out/$name.json"
