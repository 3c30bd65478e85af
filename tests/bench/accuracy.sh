#!/bin/sh
# accuracy.sh [BUILD_DIR] [COUNT] [SEED] [LEVELS...]
# Generates COUNT certificates per degradation level with the corpus generator
# (same seed -> same documents -> same tables), reads each with amcread, and
# prints per level each field's accuracy and the share of certificates with
# every field right (tests/tools/amccompare.c).
#
# Right after each level's table comes the same row for a naive reading
# (label LEVEL/naive): the `tesseract` command line's plain text (default
# page segmentation, no preprocessing; a PDF's page 1 rendered at 300 dpi by
# pdftoppm) run through the project's patterns by build/amcnaive, i.e. what a
# "regex over the OCR text" script gets. It shows what the reader's own
# preprocessing and layout buy. A summary table ends the output.
#
# Environment: AMC_BENCH_DIR keeps documents and outputs there (default: a
# new temporary folder); AMC_BENCH_NAIVE=0 skips the naive reading;
# AMC_BENCH_JOBS reads that many documents at once (default: the number of
# cores; each process runs Tesseract with OMP_THREAD_LIMIT=1, so jobs = cores
# is the fastest and the results do not depend on it).
# Outside the default test run: `sh tests/bench/accuracy.sh build 60 4242 clean scan`.
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=${1:-build}; count=${2:-40}; seed=${3:-4242}
shift 3 2>/dev/null || shift $#
levels=${*:-clean scan}
work=${AMC_BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/amcread_accuracy.XXXXXX")}
naive=${AMC_BENCH_NAIVE:-1}
jobs=${AMC_BENCH_JOBS:-$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)}
date=2026-06-15   # fixed date of care: validity checks must not change with the day
export OMP_THREAD_LIMIT=1

if [ ! -x "$build/amcread" ] || [ ! -x "$build/tools/gen/amcgen" ] || [ ! -x "$build/amccompare" ]; then
    echo "accuracy.sh: build $build first (amcread, amccompare, tools/gen/amcgen)" >&2
    exit 2
fi
if [ "$naive" != 0 ]; then
    [ -x "$build/amcnaive" ] ||
        { echo "accuracy.sh: $build/amcnaive missing (configure with -DAMC_BUILD_TESTS=ON) or set AMC_BENCH_NAIVE=0" >&2; exit 2; }
    for c in tesseract pdftoppm; do
        command -v $c >/dev/null 2>&1 ||
            { echo "accuracy.sh: '$c' is needed for the naive reading (scripts/install-deps.sh) or set AMC_BENCH_NAIVE=0" >&2; exit 2; }
    done
fi
mkdir -p "$work" || exit 2

# One job of the pool: KIND BASE IMAGE. Its outputs are files; a failed read
# leaves an empty or partial output that amccompare counts as wrong, so the
# job always exits 0 (xargs would otherwise stop reporting at the first one).
export AMC_B_BUILD="$build" AMC_B_DATE="$date" AMC_B_PATTERNS="${AMCREAD_PATTERNS:-$src/patterns}"
# shellcheck disable=SC2016 # expanded by the job's own shell, from its arguments
job='kind=$1 base=$2 img=$3
case $kind in
read)
    "$AMC_B_BUILD/amcread" read --date "$AMC_B_DATE" "$img" >"$base.out.json" 2>/dev/null ;;
naive)
    out=$(dirname "$base")/naive/$(basename "$base")
    page=$img
    case $img in
    *.pdf) pdftoppm -r 300 -png -f 1 -l 1 -singlefile "$img" "$out" 2>/dev/null; page=$out.png ;;
    esac
    tesseract "$page" - -l fra >"$out.txt" 2>/dev/null
    "$AMC_B_BUILD/amcnaive" "$AMC_B_PATTERNS" "$out.txt" "$AMC_B_DATE" >"$out.json" 2>/dev/null ;;
esac
exit 0'

# every-field share from amccompare's data row: "| label | docs | 97.5% | ..."
every() { awk -F'|' 'NR == 2 { gsub(/ /, "", $4); print $4 }'; }

summary=""
for level in $levels; do
    case $level in
    *[!a-z]* | "") echo "accuracy.sh: bad level '$level'" >&2; exit 2 ;;
    esac
    dir=$work/$level
    # A fresh folder: a previous run with a larger COUNT must not leave extra documents.
    rm -rf "$dir" && mkdir -p "$dir/naive" || exit 2
    "$build/tools/gen/amcgen" --out "$dir" --seed "$seed" --count "$count" --level "$level" >/dev/null ||
        { echo "accuracy.sh: amcgen failed for level $level" >&2; exit 2; }
    pairs="" npairs=""
    list=$dir/jobs.list
    : >"$list"
    for t in "$dir"/*.truth.json; do
        base=${t%.truth.json}
        img=""
        for ext in png jpg pdf; do
            [ -f "$base.$ext" ] && { img=$base.$ext; break; }
        done
        [ -n "$img" ] || { echo "accuracy.sh: no image for $t" >&2; continue; }
        printf 'read\0%s\0%s\0' "$base" "$img" >>"$list"
        [ "$naive" != 0 ] && printf 'naive\0%s\0%s\0' "$base" "$img" >>"$list"
        pairs="$pairs $t $base.out.json"
        npairs="$npairs $t $dir/naive/${base##*/}.json"
    done
    echo "accuracy.sh: $level: reading $count documents, $jobs at a time..." >&2
    xargs -0 -n 3 -P "$jobs" sh -c "$job" sh <"$list"
    # shellcheck disable=SC2086
    table=$("$build/amccompare" --quiet --label "$level" $pairs)
    echo "$table"
    r=$(echo "$table" | every)
    n="-"
    if [ "$naive" != 0 ]; then
        # shellcheck disable=SC2086
        ntable=$("$build/amccompare" --quiet --label "$level/naive" $npairs)
        echo "$ntable" | tail -n 1
        n=$(echo "$ntable" | every)
    fi
    echo
    summary="$summary$level $r $n
"
done

echo "| level | reader every-field | naive every-field |"
echo "| --- | ---: | ---: |"
printf '%s' "$summary" | while read -r l r n; do
    echo "| $l | $r | $n |"
done
echo "(seed $seed, $count documents per level; documents and outputs in $work)"
