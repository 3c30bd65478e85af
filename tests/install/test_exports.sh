#!/bin/sh
# test_exports.sh LIBAMCREAD.so AMCREAD.h - the shared library exports the
# public API and nothing else: every dynamic symbol it defines starts with
# amc_, and is exactly the set of functions the header declares AMC_API.
set -u
LIB=${1:?usage: test_exports.sh LIB HEADER}
HDR=${2:?usage: test_exports.sh LIB HEADER}
T=$(mktemp -d "${TMPDIR:-/tmp}/amcread_exports.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
nm -D --defined-only "$LIB" | awk '{print $NF}' | sort -u >"$T/exported"
# AMC_API declarations may span lines: join the header, then pick the names
grep -v '^ *#' "$HDR" | tr '\n' ' ' | grep -o 'AMC_API[^;(]*(' | sed 's/.*[ *]\([a-z_0-9]*\)($/\1/' |
    sort -u >"$T/declared"
fail=0
if [ ! -s "$T/exported" ] || [ ! -s "$T/declared" ]; then
    echo "not ok - nothing exported or nothing declared"
    exit 1
fi
bad=$(grep -v '^amc_' "$T/exported")
if [ -n "$bad" ]; then
    echo "not ok - exported symbols without the amc_ prefix:"; echo "$bad"; fail=1
else
    echo "ok - all $(wc -l <"$T/exported") exported symbols start with amc_"
fi
missing=$(comm -13 "$T/exported" "$T/declared")
extra=$(comm -23 "$T/exported" "$T/declared")
if [ -n "$missing$extra" ]; then
    echo "not ok - header and library differ; declared, not exported: $missing; exported, not declared: $extra"
    fail=1
else
    echo "ok - exported set = AMC_API declarations of $(basename "$HDR")"
fi
[ $fail -eq 0 ] && echo "2 passed, 0 failed" || echo "0 passed, 1 failed"
exit $fail
