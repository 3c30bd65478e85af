#!/bin/sh
# speed.sh [BUILD_DIR] [COUNT] [ROUNDS] - the reader against the OCR engine alone.
#
# Generates COUNT certificates (default 24, at least 20 for a figure worth
# quoting; same seed -> same files): two thirds A4 pages of the five A4
# families at 300 dpi, alternately `clean` and `scan`, one third credit-card
# cards on an A4 scanner bed (`--family card --level scan`); raster files only
# (`tesseract` reads no PDF). Then, for ROUNDS rounds (default 3), file after
# file, it runs `amcread read FILE` and `tesseract FILE - -l fra` one right
# after the other (which one goes first alternates), both with
# OMP_THREAD_LIMIT=1, and prints:
#   - per file the median wall time of each and their ratio, then the median
#     of the per-file ratios (target <= 1.0, goal 0.7); the same ratio in CPU
#     time (user + system), which a busy machine disturbs less;
#   - the reader's time per stage: the medians of the `engine.ms` keys of its
#     JSON, whatever keys the reader reports, and what the process spends
#     outside them (start-up, writing, exit);
#   - start-up: `amcread read` on a 1x1 white PNG, i.e. process, libraries,
#     OCR model and patterns ready plus a page that costs nothing (its own
#     engine.ms are 0); beside it `--version` (process and libraries only) and
#     an empty file (reader built, input refused) (target <= 0.15 s);
#   - peak resident memory of `amcread read`, max over files and rounds
#     (target <= 150 MB), and the tesseract command's for scale. It is the
#     kernel's ru_maxrss of each process, from wait4(): the figure
#     `/usr/bin/time -v` prints, without a wrapper process in the timing.
# Exits 1 if a target is missed, 2 on a set-up error. Outside the test suite.
# Run it on a quiet machine: `sh tests/bench/speed.sh build 24 3`; the load
# average is printed so that figures taken on a busy one can be recognised.
set -u
build=${1:-build}
count=${2:-24}
rounds=${3:-3}
seed=${AMC_BENCH_SEED:-4242}
work=${AMC_BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/amcread_speed.XXXXXX")}
export OMP_THREAD_LIMIT=1

command -v python3 >/dev/null 2>&1 || { echo "speed.sh: python3 is needed" >&2; exit 2; }
command -v tesseract >/dev/null 2>&1 || { echo "speed.sh: tesseract is needed (scripts/install-deps.sh)" >&2; exit 2; }
if [ ! -x "$build/amcread" ] || [ ! -x "$build/tools/gen/amcgen" ]; then
    echo "speed.sh: build $build first (amcread and tools/gen/amcgen)" >&2
    exit 2
fi
case "$count$rounds" in
*[!0-9]*) echo "usage: speed.sh [BUILD_DIR] [COUNT] [ROUNDS]" >&2; exit 2 ;;
esac
if [ "$count" -lt 3 ] || [ "$rounds" -lt 1 ]; then
    echo "speed.sh: COUNT >= 3 and ROUNDS >= 1" >&2
    exit 2
fi
[ "$count" -ge 20 ] || echo "speed.sh: only $count files: fine to try the script, too few to quote" >&2

docs=$work/docs
rm -rf "$docs" && mkdir -p "$docs" || exit 2
gen() { "$build/tools/gen/amcgen" --out "$docs" --seed "$seed" --pdf-share 0 "$@" >/dev/null ||
        { echo "speed.sh: amcgen $* failed" >&2; exit 2; }; }
ncard=$((count / 3))
na4=$((count - ncard))
k=0
while [ $k -lt $na4 ]; do
    # one call per page: the A4 families in turn (family "all" would draw cards too)
    set -- sp isante almerys viamedis simple
    shift $((k % 5))
    if [ $((k % 2)) -eq 0 ]; then level=clean; else level=scan; fi
    gen --count 1 --start $k --family "$1" --level $level --prefix "a4$level"
    k=$((k + 1))
done
gen --count $ncard --start $na4 --family card --level scan --prefix card

python3 - "$build" "$work" "$rounds" <<'EOF'
import json, os, shutil, statistics, struct, sys, time, zlib

build, work, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
docs = os.path.join(work, "docs")
amcread = os.path.abspath(os.path.join(build, "amcread"))
tesseract = shutil.which("tesseract")
env = dict(os.environ, OMP_THREAD_LIMIT="1")
out_path = os.path.join(work, "stdout")
err_path = os.path.join(work, "stderr")

def run(argv):
    """Runs argv, stdout to a file (read back), stderr to another: returns
    (wall s, cpu s, peak RSS MB, exit status, stdout bytes). posix_spawn +
    wait4 keep the measuring side as thin as possible and give the child's
    own rusage."""
    acts = [(os.POSIX_SPAWN_OPEN, 1, out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
            (os.POSIX_SPAWN_OPEN, 2, err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)]
    t0 = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=acts)
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    with open(out_path, "rb") as f:
        out = f.read()
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), out

def blank_png(path):
    """A 1x1 white PNG, written by hand: no image tool needed."""
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(b"\0\xff")) + chunk(b"IEND", b""))

files = sorted(f for f in os.listdir(docs) if not f.endswith(".truth.json"))
def kind(name):
    return "card on bed" if name.startswith("card") else "A4 " + name[2:].split("-")[0]

load0 = os.getloadavg()
t_start = time.time()
print("speed benchmark: %d files, %d rounds, interleaved; OMP_THREAD_LIMIT=1; %s"
      % (len(files), rounds, docs))
print("load average at start: %.2f %.2f %.2f on %d cores" % (load0 + (os.cpu_count(),)))
print("")

amc = {f: [] for f in files}     # (wall, cpu)
tes = {f: [] for f in files}
stages = {}                      # key -> list of ms, keys in the order first seen
reads = []                       # (wall ms, sum of engine.ms) per amcread run
rss_amc = rss_tes = 0.0
rss_file = ""
failures = []
for r in range(rounds):
    for i, f in enumerate(files):
        path = os.path.join(docs, f)
        order = ("amc", "tes") if (r + i) % 2 == 0 else ("tes", "amc")
        for who in order:
            if who == "amc":
                wall, cpu, rss, rc, out = run([amcread, "read", "--date", "2026-06-15", "--compact", path])
                if rc not in (0, 4):   # 4: not a certificate, still a full read
                    failures.append("%s: amcread exited %d" % (f, rc))
                    continue
                amc[f].append((wall, cpu))
                if rss > rss_amc:
                    rss_amc, rss_file = rss, f
                ms = json.loads(out)["engine"]["ms"]
                for k, v in ms.items():
                    stages.setdefault(k, []).append(v)
                reads.append((wall * 1000, sum(ms.values())))
            else:
                wall, cpu, rss, rc, _ = run([tesseract, path, "-", "-l", "fra"])
                if rc != 0:
                    failures.append("%s: tesseract exited %d" % (f, rc))
                    continue
                tes[f].append((wall, cpu))
                rss_tes = max(rss_tes, rss)

med = statistics.median
print("| file | kind | amcread s | tesseract s | ratio | CPU ratio |")
print("| --- | --- | ---: | ---: | ---: | ---: |")
ratios, cpu_ratios = [], []
for f in files:
    if not amc[f] or not tes[f]:
        print("| %s | %s | - | - | - | - |" % (f, kind(f)))
        continue
    a, t = med(w for w, _ in amc[f]), med(w for w, _ in tes[f])
    ac, tc = med(c for _, c in amc[f]), med(c for _, c in tes[f])
    ratios.append(a / t)
    cpu_ratios.append(ac / tc)
    print("| %s | %s | %.3f | %.3f | %.2f | %.2f |" % (f, kind(f), a, t, a / t, ac / tc))
print("")

ok = True
def target(name, good, text):
    global ok
    ok = ok and good
    print("%-36s %s  [%s]" % (name, text, "target met" if good else "TARGET MISSED"))

if ratios:
    mr = med(ratios)
    target("median ratio amcread / tesseract:", mr <= 1.0,
           "%.2f over %d files (target <= 1.0, goal 0.7); in CPU time %.2f" % (mr, len(ratios), med(cpu_ratios)))
else:
    target("median ratio amcread / tesseract:", False, "no file read by both")
print("")

if reads:
    print("reader's time per stage (engine.ms, median over %d reads):" % len(reads))
    print("| stage | median ms |")
    print("| --- | ---: |")
    for k, v in stages.items():
        print("| %s | %.0f |" % (k, med(v)))
    print("| sum of the stages | %.0f |" % med(s for _, s in reads))
    print("| outside the stages (start-up, writing, exit) | %.0f |" % med(w - s for w, s in reads))
    print("| whole process (wall) | %.0f |" % med(w for w, _ in reads))
    print("")

# Start-up: each measure repeated, median kept.
blank = os.path.join(work, "blank-1x1.png")
blank_png(blank)
empty = os.path.join(work, "empty")
open(empty, "wb").close()
n = max(5, 2 * rounds)
def startup(argv, want):
    ts = []
    for _ in range(n):
        wall, _, _, rc, _ = run(argv)
        if rc not in want:
            failures.append("%s exited %d" % (" ".join(argv[1:]), rc))
        ts.append(wall)
    return med(ts)
s_version = startup([amcread, "--version"], (0,))
s_empty = startup([amcread, "read", empty], (3,))
s_blank = startup([amcread, "read", "--compact", blank], (0, 4))
t_blank = startup([tesseract, blank, "-", "-l", "fra"], (0,))
print("start-up (median of %d): --version %.3f s; empty file (reader built, input refused) %.3f s;"
      % (n, s_version, s_empty))
print("  1x1 white page %.3f s (tesseract command on it: %.3f s)" % (s_blank, t_blank))
target("start-up (1x1 page read):", s_blank <= 0.15, "%.3f s (target <= 0.15 s)" % s_blank)
target("peak RSS amcread read:", 0 < rss_amc <= 150,
       "%.0f MB, max over files (%s) (target <= 150 MB); tesseract command %.0f MB"
       % (rss_amc, rss_file or "-", rss_tes))
print("")
print("load average at end: %.2f %.2f %.2f; %.0f s in all" % (os.getloadavg() + (time.time() - t_start,)))
for line in failures:
    print("FAILED: " + line)
if failures:
    ok = False
sys.exit(0 if ok else 1)
EOF
