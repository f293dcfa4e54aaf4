#!/usr/bin/env bash
# briefing.sh: time the PDF briefing and all area profiles on the real
# published file (and the bundled fixtures), and print median wall times.
#
#   bench/briefing.sh          # 10 runs of each case
#   bench/briefing.sh -n 20    # 20 runs
#
# Design choice: measure, never assert. Each case is a whole `sendpack build`
# with every other output turned off, and the same run with nothing but
# loading and the figures table is timed too ("base"), so the cost of the
# briefing or the profiles alone is the difference of the medians. Release
# build in build-bench-briefing/ (kept apart from build/ and the test builds).
set -euo pipefail
cd "$(dirname "$0")/.."

source bench/lib.bash
bench_runs 10 6 "$@"
bdir=build-bench-briefing
bench_build "$bdir" sendpack
bin=$bdir/sendpack
bench_tmp

# median of the numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }

# time_case LABEL ARGS...: one warm-up, then $runs timed runs; prints the median ms
time_case() {
  local label=$1; shift
  "$bin" build -q --out "$tmp/out" "$@" >/dev/null 2>"$tmp/err" || {
    printf '%-34s failed: %s\n' "$label" "$(head -c 200 "$tmp/err")"; return; }
  local t0 t1
  for ((i = 0; i < runs; i++)); do
    t0=$(date +%s%N)
    "$bin" build -q --out "$tmp/out" "$@" >/dev/null 2>&1
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000000 ))
  done | median >"$tmp/median"
  printf '%-34s %6s ms\n' "$label" "$(cat "$tmp/median")"
}

none=(--no-charts --no-workbook --no-briefing --no-profiles)
suite() {
  local name=$1; shift
  echo "== $name ($runs runs each, median wall time)"
  time_case "base (load + figures)" "$@" "${none[@]}"
  time_case "briefing.pdf" "$@" --no-charts --no-workbook --no-profiles
  time_case "profiles (areas/ + areas.pdf)" "$@" --no-charts --no-workbook --no-briefing --profiles
  time_case "briefing + profiles" "$@" --no-charts --no-workbook --profiles
  local n
  n=$(find "$tmp/out/areas" -name '*.pdf' | wc -l)
  echo "   ($n profiles, $(pdfinfo "$tmp/out/briefing.pdf" 2>/dev/null | sed -n 's/^Pages: *//p') briefing pages)"
}

real=${SHARED_DATA:-../shared/data}/ofsted/area-send-inspections-2016-2022.csv
if [ -f "$real" ]; then
  suite "real file: $real" --inspections "$real"
else
  echo "== real file not found at $real: skipped"
fi
suite "fixtures (illustrative, with 2023 framework, funding, interventions)" --data fixtures --illustrative
