#!/bin/sh
# test_batch.sh BUILD_DIR SAMPLES_DIR - tests of "amcread batch".
#
# What the program promises around the reader (the reader itself is tested by
# the golden tests): broken files inside a folder get error entries while the
# others are read, and the exit code says some failed; JSON Lines come in
# input order even when workers finish out of order; the CSV has its header,
# eleven columns and proper quoting; per-file outputs are atomic and private
# (mode 0600, no temporary file left); logs never carry what was read.
# Needs python3 (JSON and CSV parsing), like test_cli.sh. Runs are recorded
# in BUILD_DIR/test_batch.log. Output is TAP-like; exits 1 if a case failed.
set -u

BUILD=${1:?usage: test_batch.sh BUILD_DIR SAMPLES_DIR}
SAMPLES=${2:?usage: test_batch.sh BUILD_DIR SAMPLES_DIR}
BUILD=$(cd "$BUILD" && pwd) && SAMPLES=$(cd "$SAMPLES" && pwd) || exit 1
BIN=$BUILD/amcread
LOG=$BUILD/test_batch.log
DATE=2026-06-15

[ -x "$BIN" ] || { echo "Bail out! $BIN not found"; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "Bail out! python3 is needed"; exit 1; }
for f in sample-000.png sample-001.pdf sample-002.png sample-003.png; do
    [ -f "$SAMPLES/$f" ] || { echo "Bail out! $SAMPLES/$f missing"; exit 1; }
done

T=$(mktemp -d "${TMPDIR:-/tmp}/amcread_batch.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM
: >"$LOG"
cd "$T" || exit 1

N=0
FAILED=0
RC=0
WHY=

# run CMD...: keeps RC, stdout in out.txt, stderr in err.txt, logs it all.
run() {
    "$@" </dev/null >out.txt 2>err.txt
    RC=$?
    {
        echo "---- $*"
        echo "RC=$RC"
        echo "stdout: $(head -c 400 out.txt)"
        echo "stderr: $(cat err.txt)"
    } >>"$LOG"
}

# check DESC CONDITION...: runs the condition (a command); WHY explains a failure.
check() {
    desc=$1
    shift
    N=$((N + 1))
    WHY=
    if "$@" >>"$LOG" 2>&1; then
        echo "ok $N - $desc"
    else
        echo "not ok $N - $desc (RC=$RC) $WHY"
        FAILED=$((FAILED + 1))
    fi
}
rc_is() { [ "$RC" -eq "$1" ] || { WHY="expected exit $1"; return 1; }; }
py() { python3 -c "$@"; }

# ---- fixtures ----
# in/: names sorted so that a real certificate comes first and a file that
# fails at once second: with 2 workers the second finishes before the first.
mkdir -p in/sub bad1 bad2
cp "$SAMPLES/sample-000.png" in/a1.png
: >in/a2-empty.png
cp "$SAMPLES/sample-001.pdf" in/b.pdf
head -c 3000 "$SAMPLES/sample-002.png" >in/c-truncated.png
printf 'this is a text file, not an image\n' >in/d-text.png
cp "$SAMPLES/sample-002.png" in/e-scan-no-extension
printf 'some notes\n' >in/notes.txt
cp "$SAMPLES/sample-003.png" in/.hidden.png
cp "$SAMPLES/sample-003.png" in/sub/f.png
printf 'x\n' >bad1/same.png
printf 'y\n' >bad2/same.png
printf 'not an image\n' >'bad1/we,ird "name".png'
printf 'not an image\n' >'bad1/=cmd.png'
E=$(printf '\351') # "é" in Latin-1: not UTF-8
printf 'not an image\n' >"bad1/latin1-${E}t${E}.png"
mkdir bad1/sub
cp "$SAMPLES/sample-003.png" bad1/sub/never-read.png
# a blank page: readable, not a certificate
{ printf 'P5\n400 400\n255\n'; head -c 160000 /dev/zero | tr '\000' '\377'; } >blank.pgm

# ---- command line ----
run "$BIN" batch
check "no input is a usage error" rc_is 2
run "$BIN" batch --jobs 0 in
check "--jobs 0 is a usage error" rc_is 2
run "$BIN" batch --no-such in
check "unknown option" rc_is 2
run "$BIN" batch --date 2026-02-30 in
check "bad --date" rc_is 2
run "$BIN" batch --jsonl - --csv - in
check "--jsonl and --csv both on stdout" rc_is 2
run "$BIN" batch --help
check "batch --help" sh -c '[ '"$RC"' -eq 0 ] && grep -q "CSV columns" out.txt && grep -q -- "--recursive" out.txt'
run "$BIN" --help
check "amcread --help names batch and exit code 6" sh -c 'grep -q "batch" out.txt && grep -q "^  6 " out.txt'

# ---- a folder with broken files inside ----
run "$BIN" batch in --recursive --jobs 2 --out out --jsonl r.jsonl --csv r.csv --date $DATE
check "broken files inside: exit 6 (some failed)" rc_is 6
LC_ALL=C
export LC_ALL
cat >expected_order.txt <<EOF
in/a1.png
in/a2-empty.png
in/b.pdf
in/c-truncated.png
in/d-text.png
in/e-scan-no-extension
in/sub/f.png
EOF
py '
import json, sys
want = open("expected_order.txt").read().split()
got = [json.loads(l)["file"] for l in open("r.jsonl", encoding="utf-8")]
sys.exit(0 if got == want else "JSONL files %s, expected %s" % (got, want))' >order.err 2>&1
check "JSONL: one line per input, in input order (--jobs 2)" sh -c 'cat order.err; [ ! -s order.err ]'
# The log lines are in completion order: they must differ from the input
# order, or the test above proved nothing about reordering.
grep -o '\] in/[^:]*' err.txt | sed 's/^\] //' >completion_order.txt
check "workers did finish out of order (the order test is meaningful)" \
    sh -c '! cmp -s completion_order.txt expected_order.txt && [ $(wc -l <completion_order.txt) -eq 7 ]'
py '
import json, sys
d = {}
for l in open("r.jsonl", encoding="utf-8"):
    o = json.loads(l)
    d[o["file"]] = o
bad = {"in/a2-empty.png", "in/c-truncated.png", "in/d-text.png"}
for f, o in d.items():
    if f in bad:
        assert set(o) == {"file", "error"}, (f, o)
        assert o["error"]["code"] == "format" and o["error"]["message"], (f, o)
    else:
        assert o["schema"] == "amcread/1" and o["status"] in ("ok", "incomplete"), (f, o.get("status"))
' >entries.err 2>&1
check "error entries {file, error:{code, message}} for the 3 broken files, the 4 others read" \
    sh -c 'cat entries.err; [ ! -s entries.err ]'
check "notes.txt, .hidden.png skipped; summary counts" \
    grep -q "7 files in .*: .* 3 failed; 2 skipped" err.txt
check "OUT/NAME.json per input, sub-folder kept, atomic (no temporary left)" sh -c '
    for f in a1.png a2-empty.png b.pdf c-truncated.png d-text.png e-scan-no-extension sub/f.png; do
        [ -s "out/$f.json" ] || { echo "missing out/$f.json"; exit 1; }
    done
    [ $(find out -type f | wc -l) -eq 7 ]'
check "outputs are mode 0600" sh -c '[ -z "$(find out r.jsonl r.csv -type f ! -perm 600)" ]'
check "OUT/NAME.json is the JSONL line, indented" py '
import json
a = json.load(open("out/b.pdf.json", encoding="utf-8"))
b = [json.loads(l) for l in open("r.jsonl", encoding="utf-8")][2]
assert a == b and a["file"] == "in/b.pdf"'
check "CSV: header, one row per input in order, 11 columns, statuses as JSONL" py '
import csv, json
rows = list(csv.reader(open("r.csv", encoding="utf-8", newline="")))
assert rows[0] == ["file", "status", "amc_number", "insurer", "adherent_number",
                   "validity_start", "validity_end", "practice_domain", "practice_verdict",
                   "warnings", "error"], rows[0]
docs = [json.loads(l) for l in open("r.jsonl", encoding="utf-8")]
assert len(rows) == 1 + len(docs) == 8
for r, d in zip(rows[1:], docs):
    assert len(r) == 11 and r[0] == d["file"], r
    if "error" in d:
        assert r[1] == "failed" and r[10].startswith(d["error"]["code"] + ": "), r
    else:
        assert r[1] == d["status"] and r[2] == (d["amc"]["number"] or ""), r
        assert r[9] == str(len(d["warnings"])) and r[10] == "", r
        assert r[5] == (d["validity"]["start"] or "") and r[8] == (d["practice"]["tiers_payant_amc"] or "")'
# Privacy: the log names files and statuses, never a value read.
py '
import json
for l in open("r.jsonl", encoding="utf-8"):
    d = json.loads(l)
    if "schema" in d:
        for v in (d["amc"]["number"], d["amc"]["name"], d["adherent"]["number"]):
            if v: print(v)
        for b in d["beneficiaries"]:
            for v in (b["name"], b["nir"]):
                if v: print(v)' >read_values.txt
check "stderr holds no value read (numbers, insurer, names, NIR)" \
    sh -c '[ -s read_values.txt ] && ! grep -F -f read_values.txt err.txt'

# ---- without --recursive, explicit files, defaults ----
run "$BIN" batch bad1 --jsonl r2.jsonl
check "without --recursive, sub-folders are not read" sh -c \
    '[ $(wc -l <r2.jsonl) -eq 4 ] && ! grep -q never-read r2.jsonl && [ '"$RC"' -eq 6 ]'
check "odd names give valid JSON (quotes, comma, not UTF-8)" py '
import json
files = [json.loads(l)["file"] for l in open("r2.jsonl", encoding="utf-8")]
assert "bad1/we,ird \"name\".png" in files and "bad1/latin1-\ufffdt\ufffd.png" in files, files'
run "$BIN" batch bad1 --csv -
check "CSV quoting: a cell with a comma and quotes is quoted, quotes doubled" py '
import csv
rows = list(csv.reader(open("out.txt", encoding="utf-8", newline="")))
assert "bad1/we,ird \"name\".png" in [r[0] for r in rows[1:]], rows
assert "\"bad1/we,ird \"\"name\"\".png\"" in open("out.txt", encoding="utf-8").read()'
cd bad1 && run "$BIN" batch --csv - =cmd.png
cd "$T" || exit 1
check "CSV: a cell starting with = is neutralised for spreadsheets" py '
import csv
rows = list(csv.reader(open("bad1/out.txt", encoding="utf-8", newline="")))
assert rows[1][0] == "\x27=cmd.png", rows'
run "$BIN" batch bad1/d.png in/d-text.png
check "explicit files: missing one and a text file, JSONL on stdout in order, exit 6" py '
import json
l = [json.loads(x) for x in open("out.txt", encoding="utf-8")]
assert [d["file"] for d in l] == ["bad1/d.png", "in/d-text.png"], l
assert l[0]["error"]["code"] == "io" and l[1]["error"]["code"] == "format", l
assert '"$RC"' == 6'
run "$BIN" batch bad1 bad2 --out dup --jsonl /dev/null
check "same name in two folders: NAME.json and NAME-2.json" \
    sh -c '[ -s dup/same.png.json ] && [ -s dup/same-2.png.json ] && grep -q bad2/same.png dup/same-2.png.json'
run "$BIN" batch blank.pgm --jsonl - --date $DATE
check "not a certificate is not a failure: exit 0" sh -c \
    '[ '"$RC"' -eq 0 ] && grep -q not_a_certificate out.txt && grep -q "1 not a certificate, 0 failed" err.txt'
run "$BIN" batch --quiet blank.pgm in/d-text.png
check "--quiet: nothing on stderr, exit code still 6" sh -c '[ '"$RC"' -eq 6 ] && [ ! -s err.txt ]'
: >not_a_folder
run "$BIN" batch blank.pgm --out not_a_folder/x
check "--out cannot be created: exit 5" rc_is 5
run "$BIN" batch empty_dir_does_not_exist
check "a missing argument gets an error entry, exit 6" sh -c \
    '[ '"$RC"' -eq 6 ] && grep -q "\"code\":\"io\"" out.txt'

echo "1..$N"
if [ $FAILED -gt 0 ]; then
    echo "# $FAILED of $N failed; runs recorded in $LOG"
    exit 1
fi
echo "# all $N passed"
exit 0
