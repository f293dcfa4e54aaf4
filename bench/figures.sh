#!/usr/bin/env bash
# figures.sh: time `sendpack figures` on about a million inspection rows and
# the same group-by with Miller and GNU datamash, and print median wall and
# CPU time, peak memory and peak memory per input row (output to /dev/null).
#
#   bench/figures.sh              # 3 runs of each case, scale 5600
#   bench/figures.sh -n 5 -s 560  # 5 runs; scale 560 (about 100,000 rows)
#
# Design choice: measure, never assert. The input is bench/make-data at
# scale 5600 (-s), whose two inspections files hold 996,800 rows (148 x 5600
# areas under the 2016 framework, 30 x 5600 under 2023); only those files
# are given (--inspections twice), so every row is an inspection. The peers
# count, per area and per region, the inspections and the WSoA outcomes: what
# `sendpack figures` counts at its simplest, without labels, definitions,
# sources, intervals or the other figures. datamash reads no CSV quoting,
# so its input is made beforehand (untimed) with Miller: tab-separated, a
# 0/1 wsoa column. Each run is a whole process under GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=3
scale=5600
while getopts "n:s:h" opt; do
  case $opt in
    n) runs=$OPTARG ;;
    s) scale=$OPTARG ;;
    *) sed -n '2,17s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
  esac
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "-n needs a positive number" >&2; exit 2; }
[[ $scale =~ ^[1-9][0-9]{0,3}$ ]] || { echo "-s needs a scale 1..9999" >&2; exit 2; }

bdir=${BENCH_BUILD:-build-bench-figures}
if [ -z "${BENCH_BUILD:-}" ]; then
  cmake -S . -B "$bdir" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$bdir" -j2 --target sendpack >/dev/null
fi
sp=$bdir/sendpack
data=bench/data/x$scale
[ -f "$data/inspections-2023.csv" ] || bench/make-data "$data" "$scale"
i16=$data/inspections-2016.csv
i23=$data/inspections-2023.csv
rows=$(( $(wc -l <"$i16") + $(wc -l <"$i23") - 2 ))
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# one_case NAME COMMAND...: runs+1 runs (the first a warm-up), median of the rest
one_case() {
  local name=$1 r
  shift
  : >"$tmp/times"
  for ((r = 0; r <= runs; r++)); do
    /usr/bin/time -o "$tmp/t" -f '%e %U %S %M' "$@" >/dev/null 2>&1
    [ "$r" -eq 0 ] || cat "$tmp/t" >>"$tmp/times"
  done
  local wall cpu kb
  wall=$(sort -n -k1,1 "$tmp/times" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  cpu=$(awk '{ print $2 + $3 }' "$tmp/times" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  kb=$(sort -n -k4,4 "$tmp/times" | awk '{ a[NR] = $4 } END { print a[int((NR + 1) / 2)] }')
  printf '| %s | %s s | %s s | %d MB | %d bytes |\n' "$name" "$wall" "$cpu" $((kb / 1024)) \
    $((kb * 1024 / rows))
}

echo "$rows inspection rows ($i16, $i23); $runs runs; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| case | median wall | CPU (user + system) | peak memory | per input row |"
echo "|---|---|---|---|---|"
one_case "sendpack figures (JSON)" "$sp" figures -q --inspections "$i16" --inspections "$i23"
one_case "sendpack figures --format csv" "$sp" figures -q --inspections "$i16" --inspections "$i23" --format csv

if command -v mlr >/dev/null; then
  cat >"$tmp/count.mlr" <<'MLR'
w = $wsoa == "Yes" ? 1 : 0;
@area[$code]["inspections"] += 1; @area[$code]["wsoa"] += w;
@region[$region]["inspections"] += 1; @region[$region]["wsoa"] += w;
end { emit @area, "area"; emit @region, "region" }
MLR
  cat >"$tmp/mlr.sh" <<SH
mlr --icsv --ocsv rename la_code,code,wsoa_required,wsoa then put -q -f $tmp/count.mlr $i16
mlr --icsv --ocsv rename 'Local authority code,code,Ofsted region,region,Priority action plan required?,wsoa' then put -q -f $tmp/count.mlr $i23
SH
  one_case "mlr, per area and region" sh "$tmp/mlr.sh"
  if command -v datamash >/dev/null; then
    # shellcheck disable=SC2016 # Miller's own $fields
    { mlr --icsv --otsv --headerless-tsv-output rename la_code,code 'then' \
        put '$w = $wsoa_required == "Yes" ? 1 : 0' 'then' cut -o -f code,region,w "$i16"
      mlr --icsv --otsv --headerless-tsv-output rename 'Local authority code,code,Ofsted region,region' \
        'then' put '$w = ${Priority action plan required?} == "Yes" ? 1 : 0' 'then' cut -o -f code,region,w "$i23"
    } >"$tmp/rows.tsv"
    cat >"$tmp/datamash.sh" <<SH
datamash -s -g 1 count 1 sum 3 <$tmp/rows.tsv
datamash -s -g 2 count 2 sum 3 <$tmp/rows.tsv
SH
    one_case "datamash, per area and region" sh "$tmp/datamash.sh"
  else
    echo "| datamash | skipped: not installed (scripts/deps) | | | |"
  fi
else
  echo "| mlr, datamash | skipped: not installed (scripts/deps) | | | |"
fi
echo
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
