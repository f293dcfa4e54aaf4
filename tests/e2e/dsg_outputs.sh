#!/usr/bin/env bash
# dsg_outputs: what a reader sees of the dedicated schools grant. The
# fixtures build (two fictional DSG workbooks) has the high-needs chart (its
# CSV a row per region and year), the briefing's "High-needs funding"
# section quoting England's total as the House of Commons Library writes
# money, and the workbook's High needs and High needs records sheets; a
# build of the real Ofsted table with the three published DSG files says
# "£9.95 billion" for 2023-24 and draws the high-needs chart instead of the
# funding-lines chart (no funding file). Skips (77) without pdftotext; the
# real part is skipped when ../shared/data is absent.
set -euo pipefail
cd "${SENDPACK_SRC:-$(dirname "$0")/../..}"
command -v pdftotext >/dev/null || { echo "skipped: needs pdftotext" >&2; exit 77; }
bin=${SENDPACK:-build/sendpack}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$bin" build -q --data fixtures --as-at 2024-03-31 --no-profiles --no-site --previous "" \
  --out "$tmp/fx" || fail "fixtures build"
[ -s "$tmp/fx/charts/high-needs.png" ] || fail "no high-needs chart"
rows=$(($(wc -l <"$tmp/fx/charts/high-needs.csv") - 1))
[ "$rows" -eq 16 ] || fail "high-needs.csv has $rows rows, expected 8 regions x 2 years"
total=$(python3 -c 'import json, sys
f = {x["id"]: x for x in json.load(open(sys.argv[1]))["figures"]}
print(f["dsg.2023-24.high_needs.total_gbp"]["value"])' "$tmp/fx/figures.json")
# three significant figures: 11272727260.82 is "£11.3 billion"
want=$(python3 -c 'import sys; v = float(sys.argv[1]); print("£%.1f billion" % (v / 1e9) if v >= 1e10 else "£%.2f billion" % (v / 1e9))' "$total")
pdftotext "$tmp/fx/briefing.pdf" - | tr '\n' ' ' >"$tmp/fx.txt"
grep -q "High-needs funding" "$tmp/fx.txt" || fail "no High-needs funding section"
grep -q "For 2023-24, England's high-needs block was $want before deductions" "$tmp/fx.txt" ||
  fail "the briefing does not quote $want for 2023-24"
grep -q "Compared with 2022-23, the block before deductions changed by +" "$tmp/fx.txt" ||
  fail "no change from 2022-23"
wb=$(unzip -p "$tmp/fx/sendpack.xlsx" xl/workbook.xml)
for s in "High needs" "High needs records"; do
  case "$wb" in *"<sheet name=\"$s\""*) ;; *) fail "workbook has no sheet $s" ;; esac
done
case "$wb" in *'<definedName name="hn_counted">'*) ;; *) fail "no hn_counted name" ;; esac

SHARED=${SHARED_DATA:-../shared/data}
INSP=$SHARED/ofsted/area-send-inspections-2016-2022.csv
DSG=("$SHARED"/dfe/dedicated-schools-grant_2021_11_18.ods "$SHARED"/dfe/dedicated-schools-grant_2022_07_18.ods
     "$SHARED"/dfe/dedicated-schools-grant_2024_07_20.ods)
for f in "$INSP" "${DSG[@]}"; do
  [ -f "$f" ] || { echo "ok: fixtures (real files not found: $f)"; exit 0; }
done
"$bin" build -q --inspections "$INSP" --dsg "${DSG[0]}" --dsg "${DSG[1]}" --dsg "${DSG[2]}" \
  --as-at 2024-07-31 --no-profiles --no-site --no-workbook --previous "" --out "$tmp/real" 2>"$tmp/err" ||
  fail "real build: $(cat "$tmp/err")"
pdftotext "$tmp/real/briefing.pdf" - | tr '\n' ' ' >"$tmp/real.txt"
grep -q "For 2023-24, England's high-needs block was £9.95 billion before deductions, and £8.87 billion after" "$tmp/real.txt" ||
  fail "the real briefing does not say £9.95 billion and £8.87 billion"
grep -q "England's high-needs block rose by 26% to £9.95 billion in 2023-24" "$tmp/real.txt" ||
  fail "no high-needs chart title in the real briefing"
[ -s "$tmp/real/charts/high-needs.png" ] || fail "no high-needs chart on real data"
[ ! -e "$tmp/real/charts/funding.png" ] || fail "a funding-lines chart without a funding file"
grep -q "dedicated schools grant (DSG) allocations for 2020-21 (published 18 November 2021), 2021-22 (published 18 July 2022), 2023-24 (published 20 July 2023)" "$tmp/real.txt" ||
  fail "the sources do not cite the three DSG files with their dates"
echo "ok: DSG in the chart, briefing and workbook (fixtures and real data)"
