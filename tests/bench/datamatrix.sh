#!/bin/sh
# datamatrix.sh [BUILD_DIR] [COUNT] [SEED] [LEVELS...]
# The Inter-AMC Datamatrix benchmark (outside the default test run).
# Generates COUNT certificates per level with the corpus generator, reads each
# one twice (Datamatrix decoding off, then on: AMCREAD_DATAMATRIX_MS=off) and
# prints per level:
#   with_dm   certificates whose truth carries a symbol
#   decoded   share of them decoded with exactly the truth's text
#   wrong     symbols accepted with a different text, or where none is printed (must be 0)
#   amc_ok / adh_ok   share of those with amc.number / adherent.number right, off -> on
#   t_off / t_on      median reading time (s) without / with decoding
#   added     median of the per-certificate added time (ms) and its share of t_off
#   dm_ms     median time the reader reports for the Datamatrix stage
# then the time decoding adds on a blank A4 page (target: <= 150 ms).
#   nice -n 10 sh tests/bench/datamatrix.sh build 40 7 clean scan rough photo rotated
set -u
build=${1:-build}; count=${2:-40}; seed=${3:-7}
shift 3 2>/dev/null || shift $#
levels=${*:-clean scan rough photo rotated}
work=${AMC_BENCH_DIR:-$(mktemp -d)}
export OMP_THREAD_LIMIT=1
amcread=$build/amcread tool=$build/amcdmbench gen=$build/tools/gen/amcgen
for x in "$amcread" "$tool" "$gen"; do
  [ -x "$x" ] || { echo "missing $x (build with -DAMC_BUILD_TESTS=ON)" >&2; exit 2; }
done
now() { date +%s%N; }
# median of the numbers on stdin
median() { sort -n | awk '{v[NR]=$1} END {if (!NR) print "nan"; else if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }

printf '%-8s %7s %8s %6s %14s %14s %6s %6s %14s %6s\n' level with_dm decoded wrong \
  amc_ok adh_ok t_off t_on added dm_ms
for level in $levels; do
  dir=$work/$level
  mkdir -p "$dir"
  "$gen" --out "$dir" --seed "$seed" --count "$count" --level "$level" >/dev/null || exit 2
  : > "$dir/results.txt"
  for t in "$dir"/*.truth.json; do
    base=${t%.truth.json}
    img=$(ls "$base".* | grep -v '\.json$' | head -n 1)
    t0=$(now)
    AMCREAD_DATAMATRIX_MS=off "$amcread" read --date 2026-06-15 "$img" > "$base.off.json" 2>/dev/null
    t1=$(now)
    "$amcread" read --date 2026-06-15 "$img" > "$base.on.json" 2>/dev/null
    t2=$(now)
    off=$("$tool" check "$t" "$base.off.json") || exit 2
    on=$("$tool" check "$t" "$base.on.json") || exit 2
    # class dm_ms amc_on adh_on amc_off adh_off t_off_ms t_on_ms
    echo "$on $(echo "$off" | cut -d' ' -f3,4) $(( (t1 - t0) / 1000000 )) $(( (t2 - t1) / 1000000 ))" \
      >> "$dir/results.txt"
  done
  r=$dir/results.txt
  withdm=$(awk '$1=="match"||$1=="missed"||$1=="wrong"' "$r" | wc -l)
  match=$(awk '$1=="match"' "$r" | wc -l)
  wrong=$(awk '$1=="wrong"||$1=="spurious"' "$r" | wc -l)
  shares=$(awk '$1=="match"||$1=="missed"||$1=="wrong" {n++; a0+=$5; a1+=$3; d0+=$6; d1+=$4}
    END {if (n) printf "%3.0f%% -> %3.0f%% %3.0f%% -> %3.0f%%", 100*a0/n, 100*a1/n, 100*d0/n, 100*d1/n;
         else printf "%14s %14s", "-", "-"}' "$r")
  toff=$(awk '{print $7}' "$r" | median)
  ton=$(awk '{print $8}' "$r" | median)
  added=$(awk '{print $8 - $7}' "$r" | median)
  dmms=$(awk '{print $2}' "$r" | median)
  printf '%-8s %7d %7.1f%% %6d %s %6.2f %6.2f %6.0f (%4.1f%%) %6.0f\n' "$level" "$withdm" \
    "$(echo "$match $withdm" | awk '{print $2 ? 100*$1/$2 : 0}')" "$wrong" "$shares" \
    "$(echo "$toff" | awk '{print $1/1000}')" "$(echo "$ton" | awk '{print $1/1000}')" \
    "$added" "$(echo "$added $toff" | awk '{print $2 ? 100*$1/$2 : 0}')" "$dmms"
done

# a page without a code: a blank A4 page at 300 dpi, read 5 times each way
blank=$work/blank-a4.png
"$tool" blank "$blank" || exit 2
: > "$work/blank.txt"
for i in 1 2 3 4 5; do
  t0=$(now)
  AMCREAD_DATAMATRIX_MS=off "$amcread" read "$blank" > "$work/blank.off.json" 2>/dev/null
  t1=$(now)
  "$amcread" read "$blank" > "$work/blank.on.json" 2>/dev/null
  t2=$(now)
  echo "$(( (t2 - t1 - (t1 - t0)) / 1000000 )) $("$tool" ms "$work/blank.on.json")" >> "$work/blank.txt"
done
echo "blank A4 page: added wall time median $(awk '{print $1}' "$work/blank.txt" | median) ms," \
  "Datamatrix stage median $(awk '{print $2}' "$work/blank.txt" | median) ms (target <= 150 ms)"
echo "(documents, outputs and per-certificate results in $work)"
