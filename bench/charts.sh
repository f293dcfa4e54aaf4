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

source bench/lib.bash
bench_runs 20 7 "$@"
bdir=build-bench-charts
bin=$bdir/charts_bench
bench_program bench/charts_bench.c "$bdir" "$bin"
bench_tmp

real="${SHARED_DATA:-../shared/data}/ofsted/area-send-inspections-2016-2022.csv"
if [ -f "$real" ]; then
  echo "== real file: $real"
  "$bin" "$real" "$runs" "$tmp/real"
else
  echo "== real file: skipped, not found at $real"
fi
echo "== fixtures (every chart, with funding and 2023 outcomes)"
"$bin" fixtures "$runs" "$tmp/fixtures"
