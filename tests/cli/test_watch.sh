#!/bin/sh
# test_watch.sh BUILD_DIR SAMPLES_DIR - tests of "amcread watch".
#
# The drop-folder promises: files already there at start are read; files
# arriving while it runs are read once complete (closed, renamed in, or still
# growing); each input ends in done/ or failed/ with exactly one result; a
# kill -9 at the two critical points (file claimed, result written) and at a
# random moment, then a restart, loses no scan and duplicates no result;
# SIGTERM stops it cleanly. Needs python3 (JSON). Runs are recorded in
# BUILD_DIR/test_watch.log. TAP-like output; exits 1 if a case failed.
set -u

BUILD=${1:?usage: test_watch.sh BUILD_DIR SAMPLES_DIR}
SAMPLES=${2:?usage: test_watch.sh BUILD_DIR SAMPLES_DIR}
BUILD=$(cd "$BUILD" && pwd) && SAMPLES=$(cd "$SAMPLES" && pwd) || exit 1
BIN=$BUILD/amcread
LOG=$BUILD/test_watch.log
TIMEOUT=90 # seconds to wait for a result: generous for a loaded machine

[ -x "$BIN" ] || { echo "Bail out! $BIN not found"; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "Bail out! python3 is needed"; exit 1; }
for f in sample-000.png sample-001.pdf sample-002.png sample-003.png sample-004.png; do
    [ -f "$SAMPLES/$f" ] || { echo "Bail out! $SAMPLES/$f missing"; exit 1; }
done

T=$(mktemp -d "${TMPDIR:-/tmp}/amcread_watch.XXXXXX") || exit 1
WPID=
# Never leave a watcher behind, whatever happens.
trap '[ -n "$WPID" ] && kill -9 "$WPID" 2>/dev/null; rm -rf "$T"' EXIT
trap 'exit 1' INT TERM
: >"$LOG"
cd "$T" || exit 1

N=0
FAILED=0
WHY=

check() {
    desc=$1
    shift
    N=$((N + 1))
    WHY=
    if "$@" >>"$LOG" 2>&1; then
        echo "ok $N - $desc"
    else
        echo "not ok $N - $desc $WHY"
        FAILED=$((FAILED + 1))
    fi
}
py() { python3 -c "$@"; }

# start DIR OUT LOGFILE [ARGS...]: starts a watcher in the background.
start() {
    d=$1 o=$2 l=$3
    shift 3
    "$BIN" watch "$d" --out "$o" "$@" </dev/null >/dev/null 2>"$l" &
    WPID=$!
}

# wait_for CONDITION: polls a shell condition until true or TIMEOUT.
wait_for() {
    i=0
    while ! eval "$1"; do
        i=$((i + 1))
        [ $i -gt $((TIMEOUT * 5)) ] && { echo "timeout waiting for: $1"; return 1; }
        sleep 0.2
    done
}

# stop: SIGTERM, wait; sets STOP_RC.
stop() {
    kill -TERM "$WPID" 2>/dev/null
    wait "$WPID"
    STOP_RC=$?
    WPID=
}

# one_result_each DIR OUT NAMES...: each name has exactly one result (OUT/NAME.json
# or DIR/failed/NAME.error.json) and sits in done/ or failed/; nothing is left
# in processing/ or DIR, no temporary file anywhere.
one_result_each() {
    d=$1 o=$2
    shift 2
    for n in "$@"; do
        c=0
        [ -f "$o/$n.json" ] && c=$((c + 1))
        [ -f "$d/failed/$n.error.json" ] && c=$((c + 1))
        [ $c -eq 1 ] || { echo "$n: $c results"; return 1; }
        [ -f "$d/done/$n" ] || [ -f "$d/failed/$n" ] || { echo "$n: not in done/ or failed/"; return 1; }
        [ ! -e "$d/$n" ] || { echo "$n: still in $d"; return 1; }
    done
    [ -z "$(ls -A "$d/processing")" ] || { echo "processing/ not empty"; return 1; }
    [ -z "$(find "$d" "$o" -name '.*.tmp.*')" ] || { echo "temporary files left"; return 1; }
}

# ---- command line ----
"$BIN" watch in </dev/null >/dev/null 2>err.txt
check "watch without --out: usage error" [ $? -eq 2 ]
mkdir -p twodirs/a twodirs/b
"$BIN" watch twodirs/a twodirs/b --out o </dev/null >/dev/null 2>err.txt
check "watch with two folders: usage error" [ $? -eq 2 ]
"$BIN" watch no_such_dir --out o </dev/null >/dev/null 2>err.txt
check "watch on a missing folder: exit 5" [ $? -eq 5 ]
"$BIN" watch twodirs/a --out twodirs/a </dev/null >/dev/null 2>err.txt
check "--out is the watched folder: usage error" [ $? -eq 2 ]

# ---- files before start, files arriving, a growing file ----
mkdir -p a/in
cp "$SAMPLES/sample-000.png" a/in/before.png
printf 'not an image\n' >a/in/bad.png
printf 'notes\n' >a/in/notes.txt
start a/in a/out a/log --settle 1500 --date 2026-06-15
wait_for '[ -f a/out/before.png.json ] && [ -f a/in/failed/bad.png ]'
check "files present before start are read; a broken one goes to failed/ with its error" py '
import json
d = json.load(open("a/out/before.png.json", encoding="utf-8"))
e = json.load(open("a/in/failed/bad.png.error.json", encoding="utf-8"))
assert d["schema"] == "amcread/1" and d["file"] == "a/in/done/before.png", d["file"]
assert e["file"] == "a/in/failed/bad.png" and e["error"]["code"] == "format", e'
"$BIN" watch a/in --out a/out2 </dev/null >/dev/null 2>err.txt
RC=$?
check "a second watcher on the same folder is refused (exit 5)" \
    sh -c '[ '"$RC"' -eq 5 ] && grep -q "another amcread watch" err.txt'
cp "$SAMPLES/sample-002.png" a/in/arrived.png
cp "$SAMPLES/sample-001.pdf" a/tmp.pdf && mv a/tmp.pdf a/in/moved-in.pdf
printf 'again\n' >a/in/bad.png # a name already used
wait_for '[ -f a/out/arrived.png.json ] && [ -f a/out/moved-in.pdf.json ] && [ -f a/in/failed/bad-2.png ]'
check "files arriving while running are read (closed, renamed in)" \
    sh -c '[ -f a/in/done/arrived.png ] && [ -f a/in/done/moved-in.pdf ]'
# The watcher is idle now. A file written in two parts with a pause (closed
# in between) must be read whole, not at the first close.
head -c 20000 "$SAMPLES/sample-003.png" >a/in/growing.png
sleep 0.5
tail -c +20001 "$SAMPLES/sample-003.png" >>a/in/growing.png
wait_for '[ -f a/out/growing.png.json ] || [ -f a/in/failed/growing.png ]'
check "a file still growing is read once complete, not truncated" py '
import json
d = json.load(open("a/out/growing.png.json", encoding="utf-8"))
assert d.get("schema") == "amcread/1" and d["status"] in ("ok", "incomplete"), d'
check "a name already used gets a number: bad-2.png" [ -f a/in/failed/bad-2.png.error.json ]
check "a file that is not an image stays where it is" [ -f a/in/notes.txt ]
stop
check "SIGTERM: clean stop, exit 0, summary" \
    sh -c '[ '"$STOP_RC"' -eq 0 ] && grep -q "stopping on" a/log && grep -q "watch: 6 files: " a/log'
check "every input has exactly one result" \
    one_result_each a/in a/out before.png bad.png arrived.png moved-in.pdf growing.png bad-2.png
check "results are mode 0600" sh -c '[ -z "$(find a/out a/in/failed -name "*.json" ! -perm 600)" ]'
py '
import json
for f in ("before", "arrived"):
    d = json.load(open("a/out/%s.png.json" % f, encoding="utf-8"))
    for v in (d["amc"]["number"], d["adherent"]["number"]):
        if v: print(v)
    for b in d["beneficiaries"]:
        if b["name"]: print(b["name"])' >a/values.txt
check "the log holds no value read" sh -c '[ -s a/values.txt ] && ! grep -F -f a/values.txt a/log'

# ---- kill -9 right after the claim, then restart ----
mkdir -p b/in
cp "$SAMPLES/sample-004.png" b/in/x.png
AMCREAD_TEST_CRASH=claimed start b/in b/out b/log1 --settle 200
wait "$WPID" 2>/dev/null # no "Killed" from the shell
RC=$?
WPID=
check "crash point 'claimed': killed with the file in processing/, no result" \
    sh -c '[ '"$RC"' -eq 137 ] && [ -f b/in/processing/x.png ] && [ ! -e b/out/x.png.json ]'
start b/in b/out b/log2 --settle 200
wait_for '[ -f b/in/done/x.png ]'
stop
one_result_each b/in b/out x.png >>"$LOG" 2>&1
RC=$?
check "restart after 'claimed': read again, exactly one result, nothing left" \
    sh -c '[ '"$RC"' -eq 0 ] && grep -q "claimed before a stop, read again" b/log2'

# ---- kill -9 right after the result, then restart ----
mkdir -p c/in
cp "$SAMPLES/sample-000.png" c/in/y.png
AMCREAD_TEST_CRASH=result start c/in c/out c/log1 --settle 200
wait "$WPID" 2>/dev/null # no "Killed" from the shell
RC=$?
WPID=
check "crash point 'result': killed with the result written, the file not moved" \
    sh -c '[ '"$RC"' -eq 137 ] && [ -f c/in/processing/y.png ] && [ -f c/out/y.png.json ]'
cp c/out/y.png.json c/first.json
start c/in c/out c/log2 --settle 200
wait_for '[ -f c/in/done/y.png ]'
stop
one_result_each c/in c/out y.png >>"$LOG" 2>&1
RC=$?
check "restart after 'result': moved, not read again (no second result)" \
    sh -c '[ '"$RC"' -eq 0 ] && grep -q "already read before a stop" c/log2 && ! grep -q "y.png: ok\|y.png: incomplete" c/log2 && cmp -s c/first.json c/out/y.png.json'

# ---- kill -9 at a moment not chosen, then restart ----
mkdir -p d/in
cp "$SAMPLES/sample-001.pdf" d/in/k1.pdf
cp "$SAMPLES/sample-002.png" d/in/k2.png
printf 'broken\n' >d/in/k3.png
cp "$SAMPLES/sample-003.png" d/in/k4.png
start d/in d/out d/log1 --settle 200
wait_for '[ -n "$(ls d/out/*.json 2>/dev/null)" ]'
sleep 0.$(($(od -An -N1 -tu1 /dev/urandom) % 10)) # 0 to 0.9 s more
kill -9 "$WPID"
wait "$WPID" 2>/dev/null # no "Killed" from the shell
WPID=
start d/in d/out d/log2 --settle 200
wait_for '[ $(ls d/in/done d/in/failed | grep -c "^k[0-9]\.\(png\|pdf\)$") -eq 4 ]'
stop
one_result_each d/in d/out k1.pdf k2.png k3.png k4.png >>"$LOG" 2>&1
RC=$?
check "kill -9 at a random moment, restart: each input one result, none lost" [ $RC -eq 0 ]
check "no result was written twice (no numbered duplicate)" \
    sh -c '[ $(ls d/out | grep -c json) -eq 3 ] && [ -z "$(ls d/in/done d/in/failed | grep -- "-2")" ]'

for l in a/log b/log1 b/log2 c/log1 c/log2 d/log1 d/log2; do
    { echo "---- $l"; cat "$l"; } >>"$LOG"
done
echo "1..$N"
if [ $FAILED -gt 0 ]; then
    echo "# $FAILED of $N failed; runs recorded in $LOG"
    exit 1
fi
echo "# all $N passed"
exit 0
