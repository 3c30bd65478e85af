#!/bin/sh
# test_amcnaive.sh BUILD_DIR PATTERNS_DIR - the naive-reading baseline of the
# accuracy benchmark (tests/tools/amcnaive.c), without OCR: a text as the
# `tesseract` command line prints it must become words with the synthetic
# boxes documented in amcnaive.c and go through the project's extraction.
set -u
build=$1; patterns=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/amcnaive.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
# Blank line between blocks (counts as a line), UTF-8 characters (one column
# each), a tab, Tesseract's closing form feed.
printf 'Numéro AMC : 00316849\n\nN° adhérent :\tAE2MLEQN\n\f' >"$tmp/page.txt"

"$build/amcnaive" --dump-words "$patterns" "$tmp/page.txt" >"$tmp/words.json" || fail=1
python3 - "$tmp/words.json" <<'PY' || fail=1
import json, sys
w = [(e["text"], e["x"], e["y"], e["w"], e["h"], e["page"], e["conf"])
     for e in json.load(open(sys.argv[1], encoding="utf-8"))["words"]]
want = [("Numéro", 0, 0, 96, 32, 1, 1.0), ("AMC", 112, 0, 48, 32, 1, 1.0),
        (":", 176, 0, 16, 32, 1, 1.0), ("00316849", 208, 0, 128, 32, 1, 1.0),
        ("N°", 0, 96, 32, 32, 1, 1.0), ("adhérent", 48, 96, 128, 32, 1, 1.0),
        (":", 192, 96, 16, 32, 1, 1.0), ("AE2MLEQN", 224, 96, 128, 32, 1, 1.0)]
if w != want:
    print("words: expected %s\n   but got %s" % (want, w))
    sys.exit(1)
PY

# The reading, directly and through amcextract on the dumped words: same fields.
"$build/amcnaive" "$patterns" "$tmp/page.txt" 2026-06-15 >"$tmp/naive.json"
rc=$?
[ $rc -eq 0 ] || { echo "amcnaive exited $rc (expected 0)"; fail=1; }
"$build/amcextract" "$patterns" "$tmp/words.json" 2026-06-15 >"$tmp/extract.json" || fail=1
python3 - "$tmp/naive.json" "$tmp/extract.json" <<'PY' || fail=1
import json, sys
n, x = (json.load(open(f, encoding="utf-8")) for f in sys.argv[1:3])
bad = 0
for doc, name in ((n, "amcnaive"), (x, "amcextract")):
    got = (doc["schema"], doc["amc"]["number"], doc["adherent"]["number"], doc["status"])
    if got != ("amcread/1", "00316849", "AE2MLEQN", "incomplete"):
        print("%s: expected amcread/1, 00316849, AE2MLEQN, incomplete but got %s" % (name, got))
        bad = 1
if n["engine"]["preprocess"] is not None:
    print("amcnaive: engine.preprocess should be null (no preprocessing)")
    bad = 1
sys.exit(bad)
PY

# No text at all: not a certificate (exit 4), still one JSON document.
: >"$tmp/empty.txt"
"$build/amcnaive" "$patterns" "$tmp/empty.txt" >"$tmp/empty.json"
rc=$?
[ $rc -eq 4 ] || { echo "empty text: exit $rc (expected 4)"; fail=1; }
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d["status"] != "not_a_certificate")' \
    "$tmp/empty.json" || { echo "empty text: status is not not_a_certificate"; fail=1; }
# Usage and a missing file.
"$build/amcnaive" "$patterns" >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || { echo "usage: exit $rc (expected 2)"; fail=1; }
"$build/amcnaive" "$patterns" "$tmp/missing.txt" >/dev/null 2>&1; rc=$?
[ $rc -eq 3 ] || { echo "missing file: exit $rc (expected 3)"; fail=1; }
[ $fail -eq 0 ] && echo "amcnaive: all checks passed"
exit $fail
