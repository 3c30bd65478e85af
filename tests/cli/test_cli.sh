#!/bin/sh
# test_cli.sh BUILD_DIR [SAMPLES_DIR] - tests of the amcread program's contract.
#
# Checks exit codes (docs/exit-codes.md) and the shape of the output: exactly
# one JSON document on stdout or nothing, one line "amcread: ..." on stderr on
# error. The library's results are tested elsewhere (unit, pattern and golden
# tests); here only the program's behaviour is. Inputs are made at run time in
# a temporary folder; SAMPLES_DIR (optional) adds the cases that need a real
# certificate. Every run is recorded, with its RC, in BUILD_DIR/test_cli.log.
# Output is TAP-like: "ok N - ..." / "not ok N - ... (RC=x)"; exits 1 if any
# case failed.
set -u

BUILD=${1:?usage: test_cli.sh BUILD_DIR [SAMPLES_DIR]}
SAMPLES=${2:-}
BIN=$BUILD/amcread
LOG=$BUILD/test_cli.log

if [ ! -x "$BIN" ]; then
    echo "Bail out! $BIN not found or not executable"
    exit 1
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "Bail out! python3 is needed to parse the JSON output"
    exit 1
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/amcread_cli.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM
: >"$LOG"

N=0
FAILED=0
RC=0
WHY=

# run CMD...: runs with stdin from /dev/null unless IN is set; keeps RC,
# stdout in $T/out, stderr in $T/err, and logs it all.
run() {
    if [ -n "${IN:-}" ]; then
        "$@" <"$IN" >"$T/out" 2>"$T/err"
    else
        "$@" </dev/null >"$T/out" 2>"$T/err"
    fi
    RC=$?
    {
        echo "---- $*${IN:+ < $IN}"
        echo "RC=$RC"
        echo "stdout: $(head -c 300 "$T/out")"
        echo "stderr: $(cat "$T/err")"
    } >>"$LOG"
    IN=
}

# Shape checks on the last run: each returns 0 or sets WHY and returns 1.
stdout_empty() { [ ! -s "$T/out" ] || { WHY="stdout not empty"; return 1; }; }
stdout_nonempty() { [ -s "$T/out" ] || { WHY="stdout empty"; return 1; }; }
stderr_empty() { [ ! -s "$T/err" ] || { WHY="stderr not empty"; return 1; }; }
# exactly one line, starting with "amcread: "
stderr_one_line() {
    [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q '^amcread: ' "$T/err" ||
        { WHY="stderr is not one 'amcread: ' line"; return 1; }
}
stderr_has() { grep -qF -- "$1" "$T/err" || { WHY="stderr lacks '$1'"; return 1; }; }
stdout_has() { grep -qF -- "$1" "$T/out" || { WHY="stdout lacks '$1'"; return 1; }; }
# one JSON document whose key $1 equals $2
json_is() {
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
sys.exit(0 if isinstance(d, dict) and d.get(sys.argv[2]) == sys.argv[3] else 1)
' "$T/out" "$1" "$2" 2>/dev/null || { WHY="stdout is not one JSON document with $1=$2"; return 1; }
}
one_line() { [ "$(wc -l <"$T/out")" -eq 1 ] || { WHY="stdout is not one line"; return 1; }; }

# expect DESC WANT_RC [CHECKS]: CHECKS is a shell expression of the checks
# above, e.g. 'stdout_empty && stderr_one_line', evaluated on the last run.
expect() {
    N=$((N + 1))
    WHY=
    if [ "$RC" -ne "$2" ]; then
        WHY="expected exit $2"
    elif [ -n "${3:-}" ] && ! eval "$3"; then
        : # WHY set by the failing check
    else
        echo "ok $N - $1"
        return
    fi
    echo "not ok $N - $1 (RC=$RC) $WHY"
    FAILED=$((FAILED + 1))
}

# ---- fixtures, made here ----
mkdir "$T/dir"
: >"$T/empty.png"
printf 'this is a text file, not an image\n' >"$T/x.png"
{ printf 'x'; head -c 4096 /dev/urandom; } >"$T/random.bin"
# a blank white 1000x1000 page as binary PGM (Leptonica reads PNM)
{ printf 'P5\n1000 1000\n255\n'; head -c 1000000 /dev/zero | tr '\000' '\377'; } >"$T/blank.pgm"

# ---- command line ----
run "$BIN" --help
expect "--help prints help on stdout" 0 'stdout_nonempty && stderr_empty && stdout_has "Exit status"'
run "$BIN" -h
expect "-h is --help" 0 'stdout_nonempty'
run "$BIN" read --help
expect "read --help" 0 'stdout_has "--date"'
run "$BIN" --version
expect "--version" 0 'stdout_has "amcread 0.1.0 (amcread/1)" && stderr_empty'
run "$BIN"
expect "no arguments is a usage error" 2 'stdout_empty && stderr_one_line'
run "$BIN" frobnicate
expect "unknown command" 2 'stdout_empty && stderr_one_line'
run "$BIN" read
expect "read without FILE" 2 'stdout_empty && stderr_one_line'
run "$BIN" read --no-such-option "$T/blank.pgm"
expect "unknown option" 2 'stdout_empty && stderr_one_line && stderr_has "--no-such-option"'
run "$BIN" read --date 2026-13-45 "$T/blank.pgm"
expect "bad --date 2026-13-45" 2 'stdout_empty && stderr_one_line'
run "$BIN" read --date 2023-02-29 "$T/blank.pgm"
expect "bad --date 2023-02-29 (not a leap year)" 2 'stdout_empty && stderr_one_line'
run "$BIN" read "$T/blank.pgm" --date
expect "--date without its value" 2 'stdout_empty && stderr_one_line'
run "$BIN" read "$T/blank.pgm" "$T/x.png"
expect "two files" 2 'stdout_empty && stderr_one_line'
run "$BIN" read --compact=yes "$T/blank.pgm"
expect "a flag given a value" 2 'stdout_empty && stderr_one_line'

# ---- unreadable input ----
run "$BIN" read "$T/missing.png"
expect "missing file" 3 'stdout_empty && stderr_one_line && stderr_has "missing.png"'
run "$BIN" read --quiet "$T/missing.png"
expect "--quiet: missing file, silent" 3 'stdout_empty && stderr_empty'
run "$BIN" read --date=2024-02-29 "$T/missing.png"
expect "--date=2024-02-29 accepted (leap year), missing file" 3 'stdout_empty && stderr_one_line'
run "$BIN" read "$T/dir"
expect "a directory" 3 'stdout_empty && stderr_one_line && stderr_has "directory"'
run "$BIN" read "$T/random.bin"
expect "random bytes" 3 'stdout_empty && stderr_one_line'
run "$BIN" read "$T/empty.png"
expect "empty file" 3 'stdout_empty && stderr_one_line'
run "$BIN" read "$T/x.png"
expect "text file named x.png" 3 'stdout_empty && stderr_one_line'
IN=/dev/null run "$BIN" read -
expect "empty stdin" 3 'stdout_empty && stderr_one_line'
IN="$T/x.png" run "$BIN" read -
expect "text on stdin" 3 'stdout_empty && stderr_one_line'

# ---- readable, not a certificate ----
run "$BIN" read "$T/blank.pgm"
expect "blank page: not a certificate, JSON printed" 4 'json_is status not_a_certificate && stderr_empty'
run "$BIN" read --compact "$T/blank.pgm"
expect "blank page --compact: one line" 4 'json_is status not_a_certificate && one_line'
run "$BIN" read --dump-text --explain "$T/blank.pgm"
expect "blank page --dump-text --explain: one JSON document" 4 'json_is schema amcread/1'
IN="$T/blank.pgm" run "$BIN" read -
expect "blank page on stdin" 4 'json_is status not_a_certificate'

# ---- a real certificate, if samples are given ----
SAMPLE=
if [ -n "$SAMPLES" ] && [ -d "$SAMPLES" ]; then
    for f in "$SAMPLES"/*.png; do
        if [ -f "$f" ]; then
            SAMPLE=$f
            break
        fi
    done
fi
if [ -n "$SAMPLE" ]; then
    run "$BIN" read "$SAMPLE"
    expect "sample $(basename "$SAMPLE")" 0 'json_is schema amcread/1 && stderr_empty'
    IN=$SAMPLE run "$BIN" read -
    expect "sample on stdin" 0 'json_is schema amcread/1 && stderr_empty'
    cp "$SAMPLE" "$T/é t é.jpg"
    run "$BIN" read "$T/é t é.jpg"
    expect "sample as 'é t é.jpg' (spaces, accents, wrong extension)" 0 'json_is schema amcread/1'
else
    echo "# no *.png in SAMPLES_DIR '${SAMPLES}': sample cases skipped"
fi

echo "1..$N"
if [ $FAILED -gt 0 ]; then
    echo "# $FAILED of $N failed; runs recorded in $LOG"
    exit 1
fi
echo "# all $N passed"
exit 0
