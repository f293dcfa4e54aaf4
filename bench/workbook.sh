#!/usr/bin/env bash
# workbook.sh: time writing the XLSX workbook (sp_workbook_write) on the real
# published file and on the bundled fixtures, and print the median wall time.
#
#   bench/workbook.sh          # 20 runs
#   bench/workbook.sh -n 50    # 50 runs
#
# Design choice: measure, never assert. The timing is in-process
# (bench/workbook_bench.c, compiled here against a Release build of the core
# library in build-bench-workbook/), after one warm-up write, so it counts
# building and zipping the workbook and not process start, loading or the
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

bdir=build-bench-workbook
cmake -S . -B "$bdir" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$bdir" -j2 --target sendpack_core >/dev/null
bin=$bdir/workbook_bench
# shellcheck disable=SC2046
cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -Iinclude bench/workbook_bench.c "$bdir/libsendpack_core.a" \
  $(pkg-config --cflags --libs glib-2.0 gio-2.0 fontconfig cairo pangocairo libcmark xlsxwriter json-glib-1.0) \
  -lcsv -lm -o "$bin"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

real="${SHARED_DATA:-../shared/data}/ofsted/area-send-inspections-2016-2022.csv"
if [ -f "$real" ]; then
  echo "== real file: $real"
  "$bin" "$real" "$runs" "$tmp/real.xlsx"
  echo "   size: $(wc -c <"$tmp/real.xlsx") bytes"
else
  echo "== real file: skipped, not found at $real"
fi
echo "== fixtures (both frameworks, funding, interventions)"
"$bin" fixtures "$runs" "$tmp/fixtures.xlsx"
echo "   size: $(wc -c <"$tmp/fixtures.xlsx") bytes"
