#!/usr/bin/env bash
# dsg_real: the three published DSG allocations workbooks (../shared/data/dfe)
# read by `sendpack figures --dsg`, checked against numbers computed here
# independently (gnumeric's ssconvert to CSV, then awk): England's high-needs
# block before and after deductions equals the file's ENGLAND row, which the
# local authority rows add up to; the authority counts; the change between
# two years; the regions summed from their authorities through an old-code
# lookup (built here from the SEN2 file's new_la_code/old_la_code pairs and
# the inspections' regions); the join warnings; and the as-at rule.
# Skips (77) when a file or ssconvert is missing.
set -euo pipefail
SENDPACK=${SENDPACK:-build/sendpack}
cd "${SENDPACK_SRC:-$(dirname "$0")/../..}"
SHARED=${SHARED_DATA:-../shared/data}
INSP=$SHARED/ofsted/area-send-inspections-2016-2022.csv
SEN2=$SHARED/dfe/sen2_mi.csv
F20=$SHARED/dfe/dedicated-schools-grant_2021_11_18.ods
F21=$SHARED/dfe/dedicated-schools-grant_2022_07_18.ods
F23=$SHARED/dfe/dedicated-schools-grant_2024_07_20.ods
for f in "$INSP" "$SEN2" "$F20" "$F21" "$F23"; do
  [ -f "$f" ] || { echo "skipped: $f not found"; exit 77; }
done
command -v ssconvert >/dev/null || { echo "skipped: ssconvert not found"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# 1. each file's Allocations summary as CSV: [A]..[J] are fields 3..12
for y in 20 21 23; do
  eval "f=\$F$y"
  ssconvert -S "$f" "$T/s$y.csv" >/dev/null 2>&1
  [ -f "$T/s$y.csv.1" ] || fail "ssconvert wrote no summary sheet for $f"
  # names hold commas ("Bristol, City of"): tab-separated through Python's csv
  python3 -c 'import csv, sys
for r in csv.reader(open(sys.argv[1], encoding="utf-8")): print("\t".join(r))' "$T/s$y.csv.1" >"$T/s$y.tsv"
done
# field k of the ENGLAND row; sum of field k over the 3-digit code rows; their count
england() { awk -F'\t' -v k="$2" '$1 == "ENGLAND" { printf "%.0f\n", $k; exit }' "$T/s$1.tsv"; }
la_sum() { awk -F'\t' -v k="$2" '$1 ~ /^[0-9][0-9][0-9]$/ { s += $k } END { printf "%.0f\n", s }' "$T/s$1.tsv"; }
la_count() { awk -F'\t' '$1 ~ /^[0-9][0-9][0-9]$/ { n++ } END { print n }' "$T/s$1.tsv"; }

# the inspections' code -> region, tab-separated
python3 -c 'import csv, sys
for r in csv.reader(open(sys.argv[1], encoding="utf-8")):
    if len(r) > 3 and r[1].startswith("E"): print(r[1] + "\t" + r[3])' "$INSP" >"$T/regions.tsv"

# the lookup: old code -> new code from SEN2 (the inspected code when there
# are several, as sendpack does), names left out so nothing joins by name
awk -F, 'NR == FNR { split($0, a, "\t"); insp[a[1]] = 1; next }
  FNR > 1 && $3 == "Local authority" && $8 ~ /^E/ && $9 ~ /^[0-9][0-9][0-9]$/ {
    if (!($9 in pick) || (!(pick[$9] in insp) && ($8 in insp))) pick[$9] = $8 }
  END { for (o in pick) print pick[o] ",lookup " o "," o }' "$T/regions.tsv" "$SEN2" |
  sort | { echo la_code,name,old_la_code; cat; } >"$T/areas.csv"

# figures as "id value" lines (labels hold commas: the CSV is read with Python's csv)
run() {
  "$SENDPACK" figures --format csv --inspections "$INSP" "$@" |
    python3 -c 'import csv, sys
for r in list(csv.reader(sys.stdin))[1:]: print(r[0], r[3])'
}
run --areas "$T/areas.csv" --dsg "$F20" --dsg "$F21" --dsg "$F23" --as-at 2024-07-31 \
  >"$T/f.csv" 2>"$T/err" || { cat "$T/err" >&2; fail "figures with three DSG files"; }
fig() { awk -v id="$1" '$1 == id { printf "%.0f\n", $2; found = 1 } END { if (!found) print "missing" }' "$T/f.csv"; }
same() { # id expected: equal to the pound
  local got; got=$(fig "$1")
  [ "$got" != missing ] || fail "no figure $1"
  awk -v a="$got" -v b="$2" 'BEGIN { d = a - b; exit !(d < 1 && d > -1) }' ||
    fail "$1 is $got, expected $2"
}

# 2. England before (field 5, [C]) and after deductions (field 10, [H]) = ENGLAND row = LA rows
for y in 20 21 23; do
  case $y in 20) fy=2020-21 ;; 21) fy=2021-22 ;; 23) fy=2023-24 ;; esac
  [ "$(england $y 5)" = "$(la_sum $y 5)" ] || fail "$fy: the LA rows do not add up to ENGLAND (before)"
  [ "$(england $y 10)" = "$(la_sum $y 10)" ] || fail "$fy: the LA rows do not add up to ENGLAND (after)"
  same "dsg.$fy.high_needs.total_gbp" "$(england $y 5)"
  same "dsg.$fy.high_needs.after_deductions_gbp" "$(england $y 10)"
  same "dsg.$fy.areas.count" "$(la_count $y)"
done
# the published totals the briefing quotes
[ "$(england 23 5)" = 9952172126 ] || fail "2023-24 ENGLAND high needs block is not the published 9952172126"

# 3. change between two years: from the year before among the files given
same dsg.2021-22.high_needs.change_gbp $(($(england 21 5) - $(england 20 5)))
same dsg.2023-24.high_needs.change_gbp $(($(england 23 5) - $(england 21 5)))
share=$(awk '$1 == "dsg.2023-24.high_needs.change_share" { print $2 }' "$T/f.csv")
awk -v s="$share" -v a="$(england 23 5)" -v b="$(england 21 5)" \
  'BEGIN { d = s - (a - b) / b; exit !(d < 1e-9 && d > -1e-9) }' || fail "change share $share"

# 4. regions: the authorities of each Ofsted region, through the lookup
awk -F'\t' -v fy=2023-24 'FILENAME == ARGV[1] { split($0, a, ","); if (FNR > 1) new[a[3]] = a[1]; next }
  FILENAME == ARGV[2] { region[$1] = $2; next }
  $1 ~ /^[0-9][0-9][0-9]$/ && ($1 in new) && (new[$1] in region) { sum[region[new[$1]]] += $5 }
  END { for (r in sum) { s = tolower(r); gsub(/[^a-z0-9]+/, "-", s); gsub(/^-|-$/, "", s)
        printf "region.%s.dsg.%s.high_needs.total_gbp %.0f\n", s, fy, sum[r] } }' \
  "$T/areas.csv" "$T/regions.tsv" "$T/s23.tsv" >"$T/regions"
[ "$(wc -l <"$T/regions")" -eq 8 ] || fail "expected 8 Ofsted regions, found $(wc -l <"$T/regions")"
total=0
while read -r id v; do
  same "$id" "$v"
  total=$((total + v))
done <"$T/regions"
# every authority but the two formed in 2023 (not inspected by 2022) is in a region
missing=$(($(england 23 5) - total))
[ "$missing" -gt 0 ] || fail "regions add up to more than England"

# 5. join warnings: the 2023 Cumbria split is named, nothing joins by name
grep -q "Cumberland (old LA code 942) matches no area" "$T/err" || fail "no warning naming Cumberland"
grep -q "Westmorland and Furness (old LA code 943)" "$T/err" || fail "no warning naming Westmorland and Furness"
if grep -q "by name alone" "$T/err"; then fail "a join by name with a full lookup"; fi
# without a lookup: joined by name, said once, and the unmatched named
run --dsg "$F21" --as-at 2024-07-31 >"$T/f2.csv" 2>"$T/err2" || fail "figures without a lookup"
grep -q "local authorities joined to areas by name alone" "$T/err2" || fail "no warning about the join by name"
grep -q "North Northamptonshire (old LA code 940) matches no area" "$T/err2" || fail "North Northamptonshire not named"
# with the SEN2 file given, its new/old code pairs are the lookup: no join by
# name, the same regional sums as with the areas file
run --sen2 "$SEN2" --dsg "$F20" --dsg "$F21" --dsg "$F23" --as-at 2024-07-31 >"$T/f5.csv" 2>"$T/err5" \
  || { cat "$T/err5" >&2; fail "figures with SEN2 and three DSG files"; }
if grep -q "by name alone" "$T/err5"; then fail "joined by name although the SEN2 file gives the codes"; fi
grep -q "Cumberland (old LA code 942) matches no area" "$T/err5" || fail "Cumberland not named with SEN2"
for id in $(grep -o '^region\.[a-z-]*\.dsg\.2023-24\.high_needs\.total_gbp' "$T/f.csv"); do
  a=$(awk -v id="$id" '$1 == id { print $2 }' "$T/f.csv"); b=$(awk -v id="$id" '$1 == id { print $2 }' "$T/f5.csv")
  [ "$a" = "$b" ] || fail "$id is $b with the SEN2 codes, $a with the areas file"
done

# 6. as-at: the 2023-24 file (published 20 July 2023) counts from that day
run --areas "$T/areas.csv" --dsg "$F21" --dsg "$F23" --as-at 2023-07-19 >"$T/f3.csv" 2>"$T/err3"
if grep -q '^dsg.2023-24' "$T/f3.csv"; then fail "2023-24 counted before its publication"; fi
grep -qF "$F23: warning: the dedicated schools grant allocations for 2023-24 were published on 20 July 2023, after the as-at date (19 July 2023), so none of them is counted; give --as-at 2023-07-20 or later to count them" "$T/err3" \
    || fail "no warning that the 2023-24 file is after the as-at date: $(cat "$T/err3")"
grep -q '^dsg.2021-22.high_needs.total_gbp' "$T/f3.csv" || fail "2021-22 missing at 2023-07-19"
run --areas "$T/areas.csv" --dsg "$F21" --dsg "$F23" --as-at 2023-07-20 >"$T/f4.csv" 2>/dev/null
grep -q '^dsg.2023-24.high_needs.total_gbp' "$T/f4.csv" || fail "2023-24 not counted on its publication day"

echo "ok: DSG England totals, counts, changes and 8 regions match the files ($missing in authorities outside the inspected areas)"
