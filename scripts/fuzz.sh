#!/bin/sh
# fuzz.sh [-b BUILD_DIR] [-f] SECONDS [TARGET...] - runs the libFuzzer targets of
# fuzz/ one after the other, each for SECONDS, and prints one summary line per
# target (executions, coverage, corpus size, verdict).
#
#   scripts/fuzz.sh 30                  # every target, 30 s each (what CI does)
#   scripts/fuzz.sh 600 extract         # one target, 10 minutes
#   AMC_FUZZ_DECODE=1 scripts/fuzz.sh 600 gate   # the gate, then full decoding
#
# TARGETs: gate checks extract patterns (default: all). The build (BUILD_DIR,
# default build-fuzz) is configured with `cmake --preset fuzz` and built if a
# target is missing. Seeds are made once per build from samples/, patterns/,
# tests/patterns/ and the hostile corpus (tests/hostile/mkhostile); -f makes
# them again. The corpus grows in BUILD_DIR/fuzz/corpus/TARGET across runs;
# findings go to BUILD_DIR/fuzz/artifacts/ (crash-*, leak-*, timeout-*), logs
# to BUILD_DIR/fuzz/logs/. Reproduce a finding with
#   BUILD_DIR/fuzz_TARGET BUILD_DIR/fuzz/artifacts/TARGET-crash-...
# Runs under `nice -n 19` (FUZZ_NICE to change); FUZZ_ARGS adds libFuzzer
# options. Exits 1 if any target found something.
#
# TODO(datamatrix): add fuzz/fuzz_datamatrix.c for the Datamatrix payload
#   parser (src/lib/dm_*.c, being written) with seeds made by dmtxwrite from
#   the samples' payloads, and list it in TARGETS below and in fuzz/fuzz.cmake.
# TODO(http): add fuzz/fuzz_http.c for the request path of `amcread serve`
#   (headers, Host/token checks, body size) with seeds of recorded requests,
#   and list it in TARGETS below and in fuzz/fuzz.cmake.
set -eu
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD=build-fuzz
FORCE=0
usage() {
    echo "usage: scripts/fuzz.sh [-b BUILD_DIR] [-f] SECONDS [gate|checks|extract|patterns...]" >&2
    exit 2
}
while getopts b:f o; do
    case $o in
    b) BUILD=$OPTARG ;;
    f) FORCE=1 ;;
    *) usage ;;
    esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || usage
SECS=$1
shift
case $SECS in '' | *[!0-9]*) usage ;; esac
TARGETS=${*:-gate checks extract patterns}
for t in $TARGETS; do
    case $t in gate | checks | extract | patterns) ;; *) echo "fuzz.sh: unknown target '$t'" >&2; usage ;; esac
done

need_build=0
for t in $TARGETS; do [ -x "$BUILD/fuzz_$t" ] || need_build=1; done
[ -x "$BUILD/mkhostile" ] || need_build=1
if [ $need_build = 1 ]; then
    if [ "$BUILD" = build-fuzz ] && [ ! -f "$BUILD/CMakeCache.txt" ]; then
        cmake --preset fuzz >/dev/null
    fi
    cmake --build "$BUILD" -j"$(nproc)" >/dev/null
fi

W=$BUILD/fuzz
mkdir -p "$W/seeds" "$W/corpus" "$W/artifacts" "$W/logs"

# ---- seeds ------------------------------------------------------------------

# tokens that the extraction and the checks look for, for libFuzzer's -dict
make_dict() {
    python3 - "$ROOT" >"$W/amcread.dict" <<'EOF'
import glob, re, sys
root = sys.argv[1]
toks = set()
for f in ("codes.ini", "conventions.ini"):
    for line in open(f"{root}/patterns/{f}", encoding="utf-8"):
        m = re.match(r"\[\w+ ([^\]]+)\]", line)
        if m:
            toks.add(m.group(1))
toks |= {"N° AMC", "AMC", "Adhérent", "N° adhérent", "Période de validité", "du", "au",
         "Valable du", "née le", "né le", "Bénéficiaire", "Rang", "Date de naissance",
         "100%", "100/100/100", "PEC", "TM", "FR", "(1)", "*", "/", ":", "  ", "\n", "\f",
         "01/01/2026", "31/12/2026", "2A", "2B", "Typ conv", "CSR", "%", "€"}
for t in sorted(toks):
    esc = "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else
                  "".join(f"\\x{b:02x}" for b in c.encode()) for c in t)
    print(f'"{esc}"')
EOF
}

# tests/patterns/*.tsv: printed lines (as page text) and the values read
make_text_seeds() { # DIR MODE(extract|checks)
    python3 - "$ROOT" "$1" "$2" <<'EOF'
import glob, os, sys
root, out, mode = sys.argv[1:]
n = 0
for tsv in sorted(glob.glob(f"{root}/tests/patterns/*.tsv")):
    for line in open(tsv, encoding="utf-8"):
        if line.startswith("#") or "\t" not in line:
            continue
        printed, expected = line.rstrip("\n").split("\t", 1)
        if mode == "extract":
            data = printed.replace("\\n", "\n") + "\n"
        else:
            vals = [kv.split("=", 1)[1] for kv in expected.split(";") if "=" in kv]
            data = "\n".join([printed] + vals)
        n += 1
        open(f"{out}/tsv-{n:04d}", "w", encoding="utf-8").write(data)
EOF
}

# the OCR words of a few samples, laid out as text (the fuzz_extract format)
make_ocr_seeds() { # DIR
    bin=${AMCREAD:-$BUILD/amcread}
    [ -x "$bin" ] || { echo "# fuzz.sh: no $bin: no OCR seeds" >&2; return 0; }
    for s in $(ls samples/*.png samples/*.pdf 2>/dev/null | sort | head -n 6); do
        b=$(basename "$s")
        LSAN_OPTIONS=suppressions=$ROOT/scripts/lsan-suppressions.txt OMP_THREAD_LIMIT=1 \
            nice -n 19 "$bin" read --dump-text --compact --date 2026-06-15 "$s" \
            >"$1/$b.json" 2>/dev/null || true
    done
    python3 - "$1" <<'EOF'
import glob, json, os, statistics, sys
out = sys.argv[1]
for f in glob.glob(f"{out}/*.json"):
    try:
        words = json.load(open(f, encoding="utf-8")).get("words") or []
    except ValueError:
        words = []
    os.remove(f)
    if not words:
        continue
    cw = statistics.median(w["w"] / max(1, len(w["text"])) for w in words) or 20
    lh = statistics.median(w["h"] for w in words) * 1.5 or 40
    lines = {}
    for w in words:
        key = (w["page"], int((w["y"] + w["h"] / 2) // lh))
        lines.setdefault(key, []).append(w)
    text, page = "", 1
    for (p, r) in sorted(lines):
        while page < p:
            text += "\f"
            page += 1
        line = ""
        for w in sorted(lines[(p, r)], key=lambda w: w["x"]):
            col = int(w["x"] / cw)
            line += " " * max(1 if line else 0, col - len(line)) + w["text"]
        text += line + "\n"
    open(f[:-5] + ".txt", "w", encoding="utf-8").write(text)
EOF
}

make_seeds() { # TARGET
    d=$W/seeds/$1
    [ $FORCE = 0 ] && [ -d "$d" ] && [ -n "$(ls -A "$d" 2>/dev/null)" ] && return 0
    rm -rf "$d" "$d.tmp"
    mkdir -p "$d.tmp"
    case $1 in
    gate)
        "$BUILD/mkhostile" "$d.tmp" >/dev/null
        # small files only: the gate's limits are the point, not big pictures
        find "$d.tmp" -type f -size +64k -delete
        ;;
    checks)
        make_text_seeds "$d.tmp" checks
        ;;
    extract)
        make_text_seeds "$d.tmp" extract
        make_ocr_seeds "$d.tmp"
        ;;
    patterns)
        i=0
        for f in warnings codes conventions values amc_numbers practice fields table datamatrix names; do
            { printf "\\$(printf %o $i)"; cat "patterns/$f.ini"; } >"$d.tmp/$f.ini"
            for bad in tests/patterns/bad/*/"$f.ini"; do
                [ -f "$bad" ] || continue
                { printf "\\$(printf %o $i)"; cat "$bad"; } >"$d.tmp/bad-$(basename "$(dirname "$bad")").ini"
            done
            i=$((i + 1))
        done
        ;;
    esac
    mv "$d.tmp" "$d"
}

[ -f "$W/amcread.dict" ] && [ $FORCE = 0 ] || make_dict

# ---- runs -------------------------------------------------------------------

FAILED=0
for t in $TARGETS; do
    make_seeds "$t"
    mkdir -p "$W/corpus/$t"
    case $t in
    gate) opts="-max_len=65536" ;;
    checks) opts="-max_len=4096 -dict=$W/amcread.dict" ;;
    extract) opts="-max_len=16384 -dict=$W/amcread.dict" ;;
    patterns) opts="-max_len=65536" ;;
    esac
    log=$W/logs/$t.log
    start=$(date +%s)
    rc=0
    # shellcheck disable=SC2086 # opts and FUZZ_ARGS are lists of options
    nice -n "${FUZZ_NICE:-19}" "$BUILD/fuzz_$t" -max_total_time="$SECS" -print_final_stats=1 \
        -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$W/artifacts/$t-" $opts ${FUZZ_ARGS:-} \
        "$W/corpus/$t" "$W/seeds/$t" >"$log" 2>&1 || rc=$?
    took=$(($(date +%s) - start))
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
    cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
    ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
    corp=$(echo "$last" | sed -n 's/.* corp: \([0-9]*\).*/\1/p')
    if [ $rc = 0 ]; then
        verdict=ok
    else
        verdict="FAILED (exit $rc): $(grep -E 'ERROR|property failed|SUMMARY' "$log" | head -n 2 | tr '\n' ' ')"
        verdict="$verdict; input: $(sed -n 's/.*Test unit written to //p' "$log" | tail -n 1); log: $log"
        FAILED=$((FAILED + 1))
    fi
    echo "fuzz_$t: ${runs:-?} runs in ${took} s, cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?}: $verdict"
done
[ $FAILED = 0 ]
