#!/usr/bin/env bash
# spreadsheets.sh: time reading Ofsted's table as published (ODS), as an
# XLSX made from it with ssconvert, and as the CSV export; print median
# wall times and the ratio to the CSV.
#
#   bench/spreadsheets.sh          # 20 runs of each case
#   bench/spreadsheets.sh -n 50    # 50 runs
#
# Design choice: measure, never assert. Each case is `sendpack validate`
# (load only) and `sendpack figures` (load, then the figures), so the
# difference between cases is the reader.
# Release build in build-bench-sheets/ (kept apart from build/ and the test
# builds).
set -euo pipefail
cd "$(dirname "$0")/.."

source bench/lib.bash
bench_runs 20 7 "$@"
bdir=build-bench-sheets
bench_build "$bdir" sendpack
bin=$bdir/sendpack
bench_tmp

dir=${SHARED_DATA:-../shared/data}/ofsted
ods=$dir/Area_SEND_inspection_data_01_May_2016_to_31_August_2022.ods
csv=$dir/area-send-inspections-2016-2022.csv
if [ ! -f "$ods" ] || [ ! -f "$csv" ]; then
  echo "skipped: real data not found in $dir"
  exit 0
fi
ssconvert "$ods" "$tmp/ofsted.xlsx" >/dev/null 2>&1

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# time_case LABEL FILE: one warm-up, then $runs timed runs; prints the median
# in ms (to 0.1 ms) and keeps it in $last.
time_case() {
  local label=$1 file=$2 t0 t1
  "$bin" $cmd --inspections "$file" >/dev/null 2>"$tmp/err" || {
    printf '%-28s failed: %s\n' "$label" "$(head -c 200 "$tmp/err")"; return; }
  for ((i = 0; i < runs; i++)); do
    t0=$(date +%s%N)
    "$bin" $cmd --inspections "$file" >/dev/null 2>&1
    t1=$(date +%s%N)
    echo "$(( (t1 - t0) / 100000 ))"
  done | median | awk '{printf "%.1f\n", $1 / 10}' >"$tmp/median"
  last=$(cat "$tmp/median")
  printf '%-28s %8s ms  (%s bytes)\n' "$label" "$last" "$(stat -c %s "$file")"
}

for cmd in validate figures; do
  echo "== sendpack $cmd on the Ofsted table ($runs runs each, median wall time)"
  time_case "CSV export" "$csv"; base=$last
  time_case "ODS as published" "$ods"; o=$last
  time_case "XLSX (ssconvert)" "$tmp/ofsted.xlsx"; x=$last
  awk -v b="$base" -v o="$o" -v x="$x" 'BEGIN { printf "ODS %.2fx, XLSX %.2fx the CSV time\n", o / b, x / b }'
done
