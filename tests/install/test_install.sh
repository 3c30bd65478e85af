#!/bin/sh
# test_install.sh BUILD_DIR SOURCE_DIR - libamcread as installed, used as an
# integrator would.
#
# `cmake --install` into a temporary prefix; checks the files (header, shared
# and static libraries, amcread.pc, CMake package, patterns/ and tessdata/
# under share/amcread); builds examples/read_certificate.c with
# `pkg-config --cflags --libs amcread` (PKG_CONFIG_PATH to the prefix) and runs
# it on samples/sample-000.png; proves the data it loads is the installed one
# by moving the prefix and breaking a pattern file there; links the static
# library with `pkg-config --static`; builds the example with CMake's
# find_package(amcread). Output "ok N - ..."; exits 1 if a case failed.
set -u
BUILD=${1:?usage: test_install.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: test_install.sh BUILD_DIR SOURCE_DIR}
T=$(mktemp -d "${TMPDIR:-/tmp}/amcread_install.XXXXXX") || exit 1
trap '[ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
# the test environment points the reader at the source tree: not here
unset AMCREAD_PATTERNS AMCREAD_TESSDATA
export OMP_THREAD_LIMIT=1
CC=${CC:-cc}
P=$T/prefix
N=0
FAIL=0
ok() { N=$((N + 1)); echo "ok $N - $1"; }
notok() { N=$((N + 1)); FAIL=$((FAIL + 1)); echo "not ok $N - $1"; [ -f "$T/log" ] && sed 's/^/#   /' "$T/log" | head -20; }
check() { d=$1; shift; if "$@" >"$T/log" 2>&1; then ok "$d"; else notok "$d"; fi; }
EXPECTED=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['amc']['number'])" \
    "$SRC/samples/sample-000.expected.json")

check "cmake --install into a temporary prefix" cmake --install "$BUILD" --prefix "$P"
LIBDIR=$(dirname "$(find "$P" -name amcread.pc | head -n 1)")
LIBDIR=${LIBDIR%/pkgconfig}
for f in include/amcread.h share/amcread/patterns/codes.ini share/amcread/tessdata/amcread.user-words bin/amcread; do
    check "installed: $f" test -f "$P/$f"
done
for f in libamcread.so libamcread.a pkgconfig/amcread.pc cmake/amcread/amcreadConfig.cmake \
    cmake/amcread/amcreadConfigVersion.cmake cmake/amcread/amcreadTargets.cmake; do
    check "installed: ${LIBDIR#$P/}/$f" test -e "$LIBDIR/$f"
done

export PKG_CONFIG_PATH=$LIBDIR/pkgconfig
VERSION=$(sed -n 's/^#define AMC_VERSION_STRING "\(.*\)"/\1/p' "$SRC/src/include/amcread.h")
check "pkg-config --modversion amcread = AMC_VERSION_STRING ($VERSION)" \
    test "$(pkg-config --modversion amcread)" = "$VERSION"
INC=$(pkg-config --cflags-only-I amcread | tr ' ' '\n' | sed -n '1s/^-I//p')
check "pkg-config --cflags points into the prefix" test "$(realpath "$INC")" = "$(realpath "$P/include")"
# shellcheck disable=SC2046
check "example builds with pkg-config --cflags --libs amcread" \
    $CC -Wall -Wextra -Werror "$SRC/examples/read_certificate.c" \
    $(pkg-config --cflags --libs amcread) -o "$T/read_certificate"
check "example runs with the installed shared library" \
    sh -c "LD_LIBRARY_PATH='$LIBDIR' ldd '$T/read_certificate' | grep -q '$LIBDIR/libamcread.so'"
LD_LIBRARY_PATH=$LIBDIR "$T/read_certificate" "$SRC/samples/sample-000.png" 2024-06-01 \
    >"$T/out.json" 2>"$T/err"
RC=$?
check "example reads sample-000: exit 0, AMC number $EXPECTED" \
    python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(not ($RC == 0 and d['amc']['number'] == sys.argv[2]))" \
    "$T/out.json" "$EXPECTED"

# The data loaded is the installed one, found from the library's own place:
# move the whole prefix, break a pattern file there, and the error must name
# the moved file (the build's source tree is still on disk, intact).
mv "$P" "$T/moved"
M=$T/moved
MLIB=$M${LIBDIR#$P}
printf '\n[broken section\n' >>"$M/share/amcread/patterns/codes.ini"
LD_LIBRARY_PATH=$MLIB "$T/read_certificate" "$SRC/samples/sample-000.png" >/dev/null 2>"$T/err"
RC=$?
check "moved prefix: the library loads ITS patterns (broken codes.ini reported, exit 1)" \
    sh -c "cat '$T/err'; [ $RC -eq 1 ] && grep -q '$M/share/amcread/patterns/codes.ini:' '$T/err'"
mv "$M" "$P"
sed -i '$d' "$P/share/amcread/patterns/codes.ini"

# The static archive with its dependencies as shared libraries (what
# Requires.private names; a fully static link would also need the static
# archives of Leptonica's own image libraries).
# shellcheck disable=SC2046
check "static library links with the modules of Requires.private" \
    $CC "$SRC/examples/read_certificate.c" -I"$P/include" "$LIBDIR/libamcread.a" \
    $(pkg-config --libs $(pkg-config --print-requires-private amcread | cut -d' ' -f1)) -lm \
    -o "$T/read_static"
check "static example runs (data from AMCREAD_PATTERNS/AMCREAD_TESSDATA)" \
    env AMCREAD_PATTERNS="$P/share/amcread/patterns" AMCREAD_TESSDATA="$P/share/amcread/tessdata" \
    sh -c "'$T/read_static' '$SRC/samples/sample-000.png' 2024-06-01 | grep -q '\"$EXPECTED\"'"

check "CMake: find_package(amcread) + amcread::amcread configures" \
    cmake -S "$SRC/examples" -B "$T/cmake-example" -DCMAKE_PREFIX_PATH="$P" -DCMAKE_BUILD_TYPE=Release
check "CMake: the example builds" cmake --build "$T/cmake-example"
check "CMake: the example runs" \
    sh -c "LD_LIBRARY_PATH='$LIBDIR' '$T/cmake-example/read_certificate' '$SRC/samples/sample-000.png' 2024-06-01 | grep -q '\"$EXPECTED\"'"

echo "$((N - FAIL)) passed, $FAIL failed"
[ $FAIL -eq 0 ]
