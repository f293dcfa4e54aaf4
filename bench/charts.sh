#!/usr/bin/env bash
# charts.sh: time writing every chart as PNG, SVG and PDF (plus alt text and
# CSV) on the real published file and on the bundled fixtures, and print the
# median wall time of the whole set and of each chart.
#
#   bench/charts.sh          # 20 runs
#   bench/charts.sh -n 50    # 50 runs
#
# Design choice: measure, never assert. The timing is in-process
# (bench/charts_bench.c, compiled here against a Release build of the core
# library in build-bench-charts/), after one warm-up run, so it counts the
# drawing and the writing of files and not process start, loading or the
# figures table.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=20
while getopts "n:h" opt; do
  case $opt in
    n) runs=$OPTARG ;;
    *) sed -n '2,7s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
  esac
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "-n needs a positive number" >&2; exit 2; }

bdir=build-bench-charts
cmake -S . -B "$bdir" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$bdir" -j2 --target sendpack_core >/dev/null
bin=$bdir/charts_bench
# shellcheck disable=SC2046
cc -std=c11 -O2 -Iinclude bench/charts_bench.c "$bdir/libsendpack_core.a" \
  $(pkg-config --cflags --libs glib-2.0 gio-2.0 fontconfig cairo pangocairo libcmark xlsxwriter json-glib-1.0 2>/dev/null || \
    pkg-config --cflags --libs glib-2.0 cairo pangocairo) -lcsv -lm -o "$bin"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

real="${SHARED_DATA:-../shared/data}/ofsted/area-send-inspections-2016-2022.csv"
if [ -f "$real" ]; then
  echo "== real file: $real"
  "$bin" "$real" "$runs" "$tmp/real"
else
  echo "== real file: skipped, not found at $real"
fi
echo "== fixtures (every chart, with funding and 2023 outcomes)"
"$bin" fixtures "$runs" "$tmp/fixtures"
