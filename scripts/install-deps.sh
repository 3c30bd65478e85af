#!/bin/sh
# Installs every Debian package amcread needs to build, test and generate samples.
# Idempotent: packages already present are skipped by apt-get.
set -eu
PKGS="build-essential cmake pkg-config
 libtesseract-dev tesseract-ocr tesseract-ocr-fra tesseract-ocr-osd tesseract-ocr-eng
 libleptonica-dev libpcre2-dev libjansson-dev libpoppler-glib-dev
 libcmocka-dev libdmtx-dev dmtx-utils
 libcairo2-dev libpango1.0-dev fonts-dejavu-core fonts-liberation2 fonts-freefont-ttf
 poppler-utils
 libmicrohttpd-dev curl chromium chromium-driver
 libpng-dev libjpeg-dev zlib1g-dev clang-14 libclang-rt-14-dev"
# batch/watch tests and benchmark (tests/cli/test_batch.sh, tests/bench/batch.sh):
# python3 parses their JSON/CSV, /usr/bin/time -v gives the peak RSS.
PKGS="$PKGS python3 time"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "install-deps: installing:$missing" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >&2
fi
