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

source bench/lib.bash
bench_runs 20 7 "$@"
bdir=build-bench-workbook
bin=$bdir/workbook_bench
bench_program bench/workbook_bench.c "$bdir" "$bin"
bench_tmp

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
