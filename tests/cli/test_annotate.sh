#!/bin/sh
# test_annotate.sh BUILD_DIR SAMPLES_DIR - `amcread read --annotate OUT.png`.
#
# The outlined page is a PNG of the page as read (the space of the evidence
# boxes), the AMC number's box is outlined in blue and an empty area is not,
# the JSON on stdout is the same as without the option, the file is replaced
# atomically (no temporary file left), and failures keep the CLI contract:
# nothing on stdout, exit 5 for an unwritable OUT, 3 (and no OUT) for an
# unreadable input, 2 for a missing value.
set -u
BUILD=${1:?usage: test_annotate.sh BUILD_DIR SAMPLES_DIR}
SAMPLES=${2:?usage: test_annotate.sh BUILD_DIR SAMPLES_DIR}
BIN=$BUILD/amcread
T=$(mktemp -d "${TMPDIR:-/tmp}/amcread_annotate.XXXXXX") || exit 1
trap 'chmod -R u+w "$T"; rm -rf "$T"' EXIT
N=0
FAIL=0
check() {
    d=$1
    shift
    N=$((N + 1))
    if "$@"; then echo "ok $N - $d"; else FAIL=$((FAIL + 1)); echo "not ok $N - $d"; fi
}
S=$SAMPLES/sample-000.png

"$BIN" read --date 2024-06-01 --annotate "$T/out.png" "$S" >"$T/with.json" 2>"$T/err"
RC=$?
check "read --annotate: exit 0" [ $RC -eq 0 ]
"$BIN" read --date 2024-06-01 "$S" >"$T/without.json"
check "the JSON is the same as without --annotate" python3 -c "
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
for d in (a, b): d['engine']['ms'] = None
sys.exit(a != b)" "$T/with.json" "$T/without.json"

# A small PNG reader (8-bit, palette or grey, not interlaced): enough for what
# annotate.c writes, and it needs nothing but the standard library.
cat >"$T/png.py" <<'EOF'
import json, struct, sys, zlib

def read_png(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, plte = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, inter = struct.unpack(">IIBBBBB", body)
        elif kind == b"PLTE":
            plte = [tuple(body[i:i + 3]) for i in range(0, n, 3)]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    assert depth == 8 and ctype in (0, 3) and inter == 0, (depth, ctype, inter)
    raw, rows, prev = zlib.decompress(idat), [], bytearray(w)
    for y in range(h):
        f, line = raw[y * (w + 1)], bytearray(raw[y * (w + 1) + 1:(y + 1) * (w + 1)])
        for x in range(w if f else 0):   # filter 0 (none): nothing to undo
            a = line[x - 1] if x else 0
            b, c = prev[x], (prev[x - 1] if x else 0)
            if f == 1: line[x] = (line[x] + a) & 255
            elif f == 2: line[x] = (line[x] + b) & 255
            elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    colour = (lambda v: plte[v]) if plte else (lambda v: (v, v, v))
    return w, h, lambda x, y: colour(rows[y][x])

w, h, px = read_png(sys.argv[1])
doc = json.load(open(sys.argv[2]))
box = doc["evidence"]["amc_number"]["box"]
mid = box["y"] + box["h"] // 2
left = [px(x, mid) for x in range(max(0, box["x"] - 20), box["x"])]
blue = (0, 90, 200)
print("size %dx%d, blue left of the AMC number: %s" % (w, h, blue in left))
empty = [px(x, y) for x in range(w // 2 - 40, w // 2 + 40, 4) for y in range(h - 300, h - 200, 4)]
coloured = [c for c in empty if len(set(c)) > 1]
sys.exit(0 if blue in left and not coloured and w > 1000 and h > 1000 else 1)
EOF
check "OUT is a PNG of the page, the AMC number outlined in blue, empty areas left alone" \
    python3 "$T/png.py" "$T/out.png" "$T/with.json"

mkdir "$T/o"
"$BIN" read --annotate "$T/o/out.png" "$S" >/dev/null 2>&1
cksum <"$T/o/out.png" >"$T/sum1"
ls -a "$T/o" >"$T/before"
"$BIN" read --annotate "$T/o/out.png" "$SAMPLES/sample-002.png" >/dev/null 2>&1
ls -a "$T/o" >"$T/after"
check "a second run replaces OUT and leaves no temporary file" \
    sh -c "cmp -s '$T/before' '$T/after' && ! cksum <'$T/o/out.png' | cmp -s - '$T/sum1'"

mkdir "$T/ro"
chmod 555 "$T/ro"
"$BIN" read --annotate "$T/ro/out.png" "$S" >"$T/out" 2>"$T/err"
RC=$?
# root writes anywhere: then only the success path can be checked here
if [ "$(id -u)" -eq 0 ]; then
    check "unwritable folder (skipped as root: exit 0 expected)" [ $RC -eq 0 ]
else
    check "unwritable OUT: exit 5, stdout empty, one line on stderr" \
        sh -c "[ $RC -eq 5 ] && [ ! -s '$T/out' ] && [ \$(wc -l <'$T/err') -eq 1 ]"
fi
"$BIN" read --annotate "$T/nodir/out.png" "$S" >"$T/out" 2>"$T/err"
RC=$?
check "OUT in a missing folder: exit 5, stdout empty, one line naming OUT" \
    sh -c "[ $RC -eq 5 ] && [ ! -s '$T/out' ] && [ \$(wc -l <'$T/err') -eq 1 ] && grep -q 'nodir/out.png' '$T/err'"
printf 'not an image' >"$T/junk.png"
"$BIN" read --annotate "$T/junk-out.png" "$T/junk.png" >"$T/out" 2>/dev/null
RC=$?
check "unreadable input: exit 3 and no OUT written" sh -c "[ $RC -eq 3 ] && [ ! -e '$T/junk-out.png' ]"
"$BIN" read "$S" --annotate >/dev/null 2>&1
RC=$?
check "--annotate without a value: exit 2" [ $RC -eq 2 ]

echo "$((N - FAIL)) passed, $FAIL failed"
[ $FAIL -eq 0 ]
