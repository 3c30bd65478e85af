#!/bin/sh
# test_hostile.sh BUILD_DIR [SAMPLES_DIR] - amcread read on broken and hostile input.
#
# The corpus is generated here, at test time, by BUILD_DIR/mkhostile (nothing
# binary is committed), plus what only a shell can make: a directory, a
# missing file, a symlink loop, /dev/zero, names with spaces and accents.
# For every case the run must:
#   - end with the documented exit code (docs/exit-codes.md), never a signal;
#   - print exactly one JSON document on stdout (exit 0 and 4) or nothing;
#   - print nothing on stderr when it read (0, 4), else exactly one line
#     "amcread: ..." that says what happened (checked with a fragment);
#   - finish within MAX_S seconds (killed by timeout otherwise) and within
#     MAX_RSS_MB of resident memory (/usr/bin/time), under `ulimit -v` so that
#     a runaway allocation fails instead of swapping.
# Under ASan (detected from the binary) the bounds are wider and there is no
# ulimit -v (ASan reserves terabytes of address space).
# SAMPLES_DIR (optional) adds the cases that need a real certificate: wrong
# extension, odd names, the limit options, --verbose.
# Output is TAP-like; every run is logged in BUILD_DIR/test_hostile.log.
set -u

BUILD=${1:?usage: test_hostile.sh BUILD_DIR [SAMPLES_DIR]}
SAMPLES=${2:-}
BIN=$BUILD/amcread
GEN=$BUILD/mkhostile
LOG=$BUILD/test_hostile.log

for tool in "$BIN" "$GEN" /usr/bin/time; do
    [ -x "$tool" ] || { echo "Bail out! $tool not found (scripts/install-deps.sh installs 'time')"; exit 1; }
done
command -v python3 >/dev/null 2>&1 || { echo "Bail out! python3 is needed to parse the JSON output"; exit 1; }
command -v timeout >/dev/null 2>&1 || { echo "Bail out! timeout (coreutils) is needed"; exit 1; }

if nm "$BIN" 2>/dev/null | grep -q __asan_init; then
    ASAN=1 MAX_S=${HOSTILE_MAX_S:-180} MAX_RSS_MB=${HOSTILE_MAX_RSS_MB:-1500} VMEM_KB=unlimited
else
    # Measured: the biggest case (a 4-page PDF, 300 dpi) peaks at ~215 MB and
    # 2.4 s; a decoded 20000x20000 bomb alone would be 400 MB.
    ASAN=0 MAX_S=${HOSTILE_MAX_S:-60} MAX_RSS_MB=${HOSTILE_MAX_RSS_MB:-350} VMEM_KB=${HOSTILE_VMEM_KB:-4000000}
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/amcread_hostile.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM
: >"$LOG"

SAMPLE=
EXPECTED=
if [ -n "$SAMPLES" ] && [ -d "$SAMPLES" ]; then
    # a sample that the reader reads (not in known-misreads.txt), with its truth
    for f in "$SAMPLES"/*.png; do
        n=$(basename "$f" .png)
        grep -q "^$n " "$SAMPLES/known-misreads.txt" 2>/dev/null && continue
        [ -f "$SAMPLES/$n.expected.json" ] || continue
        SAMPLE=$f EXPECTED=$SAMPLES/$n.expected.json
        break
    done
fi

mkdir -p "$T/in"
if ! "$GEN" "$T/in" $SAMPLE >"$T/gen.out" 2>&1; then
    echo "Bail out! mkhostile failed: $(cat "$T/gen.out")"
    exit 1
fi

N=0
FAILED=0
RC=0
WHY=
SLOWEST=0
SLOWEST_CASE=
BIGGEST=0
BIGGEST_CASE=

# run ARGS...: amcread with ARGS under the time, memory and address-space
# bounds; stdin from $IN (default /dev/null). Sets RC, $T/out, $T/err, SECS, RSS_MB.
run() {
    start=$(date +%s%N)
    ( [ "$VMEM_KB" = unlimited ] || ulimit -v "$VMEM_KB"
      exec timeout -s KILL "$MAX_S" /usr/bin/time -f %M -o "$T/rss" "$BIN" "$@" \
          <"${IN:-/dev/null}" >"$T/out" 2>"$T/err" )
    RC=$?
    SECS=$((($(date +%s%N) - start) / 1000000))
    RSS_MB=$(($(tail -n 1 "$T/rss" 2>/dev/null | tr -dc 0-9 || echo 0) / 1024))
    # /usr/bin/time adds "Command exited with non-zero status N" to its file,
    # not to stderr: stderr is amcread's alone.
    {
        echo "---- amcread $*${IN:+ < $IN}"
        echo "RC=$RC time=${SECS}ms rss=${RSS_MB}MB"
        echo "stdout: $(head -c 200 "$T/out")"
        echo "stderr: $(head -c 600 "$T/err")"
    } >>"$LOG"
    IN=
}

# checks on the last run; each returns 0 or sets WHY and returns 1
no_signal() { [ "$RC" -lt 128 ] || { WHY="killed by signal $((RC - 128)) (timeout or crash)"; return 1; }; }
bounded() {
    [ "$RSS_MB" -le "$MAX_RSS_MB" ] || { WHY="peak memory ${RSS_MB} MB > ${MAX_RSS_MB} MB"; return 1; }
    [ "$SECS" -le $((MAX_S * 1000)) ] || { WHY="took ${SECS} ms"; return 1; }
}
refused() { # FRAGMENT: exit 3, nothing on stdout, one line naming what happened
    [ ! -s "$T/out" ] || { WHY="stdout not empty"; return 1; }
    [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q '^amcread: ' "$T/err" ||
        { WHY="stderr is not one 'amcread: ' line: $(head -c 300 "$T/err")"; return 1; }
    grep -qF -- "$1" "$T/err" || { WHY="stderr lacks '$1': $(cat "$T/err")"; return 1; }
}
json_doc() { # [KEY.PATH VALUE]: one JSON document, amcread/1, optionally a value
    python3 - "$T/out" "${1:-}" "${2:-}" 2>>"$LOG" <<'EOF' || { WHY="stdout is not one amcread/1 JSON document${1:+ with $1=$2}"; return 1; }
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
doc, end = json.JSONDecoder().raw_decode(text)
assert text[end:].strip() == "", "more than one document"
assert doc["schema"] == "amcread/1"
if sys.argv[2]:
    v = doc
    for k in sys.argv[2].split("."):
        v = v[k]
    assert str(v) == sys.argv[3], f"{sys.argv[2]} is {v!r}"
EOF
}
fast() { # SECONDS (x3 under ASan)
    lim=$(($1 * 1000 * (ASAN * 2 + 1)))
    [ "$SECS" -le "$lim" ] || { WHY="took ${SECS} ms, more than $lim"; return 1; }
}
quiet_stderr() { [ ! -s "$T/err" ] || { WHY="stderr not empty: $(head -c 300 "$T/err")"; return 1; }; }

# expect DESC WANT_RC CHECKS: CHECKS is a shell expression over the checks above
expect() {
    N=$((N + 1))
    WHY=
    if ! no_signal; then
        :
    elif [ "$RC" -ne "$2" ]; then
        WHY="expected exit $2: $(head -c 300 "$T/err")"
    elif ! bounded; then
        :
    elif [ -n "${3:-}" ] && ! eval "$3"; then
        :
    else
        echo "ok $N - $1 (exit $RC, ${SECS} ms, ${RSS_MB} MB)"
        if [ "$SECS" -gt "$SLOWEST" ]; then SLOWEST=$SECS SLOWEST_CASE=$1; fi
        if [ "$RSS_MB" -gt "$BIGGEST" ]; then BIGGEST=$RSS_MB BIGGEST_CASE=$1; fi
        return
    fi
    echo "not ok $N - $1 (RC=$RC) $WHY"
    FAILED=$((FAILED + 1))
}

I=$T/in

# ---- not an image, broken: exit 3 -------------------------------------------------
run read "$I/empty.png";            expect "empty file" 3 'refused "empty input"'
run read "$I/random.bin";           expect "4 KB of random bytes" 3 'refused "not an image or PDF"'
run read "$I/text.png";             expect "text named .png" 3 'refused "not an image or PDF"'
run read "$I/text.jpg";             expect "text named .jpg" 3 'refused "not an image or PDF"'
run read "$I/truncated.png";        expect "truncated PNG" 3 'refused "corrupt or truncated PNG"'
run read "$I/truncated.jpg";        expect "truncated JPEG" 3 'refused "corrupt or truncated JPEG"'
run read "$I/truncated.gif";        expect "truncated GIF" 3 'refused "corrupt or truncated GIF"'
run read "$I/truncated.tif";        expect "truncated TIFF" 3 'refused "corrupt or truncated TIFF"'
run read "$I/truncated.webp";       expect "truncated WebP" 3 'refused "corrupt or truncated WebP"'
run read "$I/truncated.pdf";        expect "truncated PDF" 3 'refused "PDF"'
run read "$I/encrypted.pdf";        expect "PDF protected by a password" 3 'refused "password"'
# structure intact, content broken: libpng/libjpeg fail or warn, and must not print
run read "$I/broken-deflate.png";   expect "PNG with valid CRCs, broken deflate data" 3 'refused "corrupt or truncated PNG"'
run read "$I/broken-huffman.jpg";   expect "JPEG with impossible Huffman tables" 3 'refused "Bogus Huffman"'
run read "$I/broken-scan.jpg";      expect "JPEG with a corrupt scan: decoded as far as it goes" 4 'json_doc && quiet_stderr'

# ---- over a limit, refused before decoding: exit 3, the message names the option ----
run read "$I/bomb-20000x20000.png"; expect "decompression bomb (430 KB -> 400 Mpx)" 3 'refused "(--max-mpx)"'
run read "$I/header-2Mx2M.png";     expect "PNG header claiming 2000000x2000000" 3 'refused "limit per side"'
run read "$I/gif-90Mpx-in-frames.gif"; expect "animated GIF of 10 frames of 9 Mpx" 3 'refused "(--max-mpx)"'
run read "$I/pdf-200000pt-page.pdf"; expect "PDF page of 200000 points" 3 'refused "(--max-page-pt)"'
run read "$I/pdf-image-20000x20000.pdf"; expect "PDF holding a 20000x20000 image (390 KB)" 3 'refused "(--max-mpx)"'
run read "$I/pdf-image-size-by-reference.pdf"; expect "same, /Width and /Height by reference" 3 'refused "(--max-mpx)"'
run read "$I/pdf-flood-of-image-tokens.pdf"; expect "20 MB of /Image tokens: refused in linear time" 3 'refused "PDF" && fast 15'
run read "$I/ok-pdf-image.pdf";     expect "PDF holding a 1000x1400 image: read" 4 'json_doc status not_a_certificate && quiet_stderr'
run read /dev/zero;                 expect "/dev/zero (endless input)" 3 'refused "(--max-file-mb)"'
IN=/dev/zero run read -;            expect "/dev/zero on stdin" 3 'refused "(--max-file-mb)"'
IN="$I/bomb-20000x20000.png" run read -; expect "bomb on stdin" 3 'refused "(--max-mpx)"'
run read --max-mpx 1 "$I/blank-a4.png"; expect "--max-mpx 1 on a 2.2 Mpx page" 3 'refused "(--max-mpx)"'
run read --max-file-mb 0.001 "$I/ok.bmp"; expect "--max-file-mb 0.001 on an 18 KB file" 3 'refused "(--max-file-mb)"'
IN="$I/ok.bmp" run read --max-file-mb 0.001 -; expect "--max-file-mb on stdin" 3 'refused "(--max-file-mb)"'
run read --max-page-pt 500 "$I/ok-a4.pdf"; expect "--max-page-pt 500 on an A4 PDF" 3 'refused "(--max-page-pt)"'
run read --max-pages 0 "$I/ok-a4.pdf"; expect "--max-pages 0 is a usage error" 2 'refused "--max-pages"'

# ---- files that are not files ----------------------------------------------------
mkdir "$T/a folder"
ln -s "$T/loop-b" "$T/loop-a"
ln -s "$T/loop-a" "$T/loop-b"
run read "$T/a folder";             expect "a directory" 3 'refused "directory"'
run read "$T/missing.png";          expect "a missing file" 3 'refused "No such file"'
run read "$T/loop-a";               expect "a symlink loop" 3 'refused "symbolic links"'
if [ "$(id -u)" -ne 0 ]; then
    cp "$I/ok-grey.png" "$T/locked.png" && chmod 000 "$T/locked.png"
    run read "$T/locked.png";       expect "a file without read permission" 3 'refused "Permission denied"'
else
    echo "# running as root: the permission case is skipped"
fi

# ---- readable images and PDFs that are no certificate: exit 4, JSON printed ---------
for f in ok-grey.png ok-rgb.jpg ok-cmyk.jpg ok-16bit.tif ok-16bit.png ok-g4.tif ok.webp \
         ok-animated.gif ok.bmp ok.pgm ok-a4.pdf one-pixel.png blank-a4.png; do
    run read "$I/$f"
    expect "$f: read, not a certificate" 4 'json_doc status not_a_certificate && quiet_stderr'
done
run read --compact "$I/pdf-5000-pages.pdf"
expect "PDF of 5000 pages: the first 4 read" 4 'json_doc engine.pages 4 && quiet_stderr'
run read --max-pages 1 "$I/pdf-5000-pages.pdf"
expect "PDF of 5000 pages, --max-pages 1" 4 'json_doc engine.pages 1'
run read --max-mpx 9 "$I/pdf-5000-pages.pdf"
expect "PDF of 5000 pages, --max-mpx 9: page 1 (8.7 Mpx) read, page 2 over the budget" 4 'json_doc engine.pages 1'

# ---- a real certificate under hostile names and options ------------------------------
if [ -n "$SAMPLE" ]; then
    echo "# sample: $SAMPLE"
    cp "$SAMPLE" "$T/attestation n°1 été (copie) ü.pdf"
    cp "$SAMPLE" "$T/scan"
    run read "$I/certificate-jpeg.tif"; expect "a JPEG named .tif is read" 0 'json_doc && quiet_stderr'
    run read "$T/attestation n°1 été (copie) ü.pdf"; expect "a PNG named '...été (copie) ü.pdf' is read" 0 'json_doc file "$T/attestation n°1 été (copie) ü.pdf" && quiet_stderr'
    run read "$T/scan";             expect "a PNG without extension is read" 0 'json_doc'
    run read --ocr-timeout 0.001 "$SAMPLE"; expect "--ocr-timeout 0.001 stops the OCR" 3 'refused "(--ocr-timeout)"'
    run read --regex-match-limit 10 "$SAMPLE"; expect "--regex-match-limit 10 stops a pattern" 3 'refused "(--regex-match-limit)"'

    # Privacy: nothing read from the document on stderr without --verbose;
    # with it, a notice first, then the values.
    secret=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["adherent"]["number"] or "")' "$EXPECTED")
    run read "$SAMPLE"
    expect "no log by default" 0 'json_doc && quiet_stderr'
    run read --verbose "$SAMPLE"
    expect "--verbose: notice first, then the values (adherent $secret)" 0 \
        'json_doc && head -n 1 "$T/err" | grep -q "personal data" && grep -qF -- "$secret" "$T/err"'
else
    echo "# no sample in '${SAMPLES}': certificate cases skipped"
fi

echo "1..$N"
echo "# slowest: $SLOWEST_CASE (${SLOWEST} ms); most memory: $BIGGEST_CASE (${BIGGEST} MB); bounds ${MAX_S} s, ${MAX_RSS_MB} MB, ulimit -v $VMEM_KB (ASan: $ASAN)"
if [ $FAILED -gt 0 ]; then
    echo "# $FAILED of $N failed; runs recorded in $LOG"
    exit 1
fi
echo "# all $N passed"
exit 0
