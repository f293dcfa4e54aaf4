#!/usr/bin/env bash
# dsg_workbook_asat: the DSG sheets' live formulas follow the as-at cell.
# The fixtures workbook, built with a revised 2023-24 DSG file beside the
# first one (as at 31 March 2024 the revised file counts), has its as-at
# cell moved to 31 January 2024, when only the first 2023-24 file was
# published; after LibreOffice recalculates, every live formula (the High
# needs totals, changes and counts among them) equals `sendpack figures
# --as-at 2024-01-31`, so the "Counted at as-at date" formula applies the
# same rule as the view (published by then, and no later file of the year).
# Skips (77) without soffice, unzip or zip.
set -euo pipefail
: "${SENDPACK:?SENDPACK must name the sendpack binary}"
cd "${SENDPACK_SRC:-.}"
for tool in soffice unzip zip; do
    command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed" >&2; exit 77; }
done
T=$(mktemp -d "${TMPDIR:-/tmp}/sendpack-dsg-asat.XXXXXX")
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
source "$(dirname "$0")/workbook_lib.bash"

inputs=(--data fixtures --dsg fixtures/dsg/dsg-2023-24-revised.ods)
"$SENDPACK" build -q --no-briefing --no-profiles --no-site --no-charts --previous "" \
    --as-at 2024-03-31 "${inputs[@]}" --out "$T/out" || fail "build"
"$SENDPACK" figures --format json "${inputs[@]}" --as-at 2024-01-31 >"$T/f.json" 2>/dev/null \
    || fail "figures --as-at 2024-01-31"
wb_set_asat "$T/out/sendpack.xlsx" "$T/moved.xlsx" 45322 "$T/unz"
wb_expected "$T/f.json" "$T/expected.tsv"
grep -q "^dsg.2023-24.high_needs.total_gbp	" "$T/expected.tsv" || fail "no 2023-24 total at 2024-01-31"

wb_lo_profile "$T/profile"
mkdir -p "$T/lo"
timeout 300 soffice -env:UserInstallation="file://$T/profile" --headless --norestore \
    --convert-to 'csv:Text - txt - csv (StarCalc):9,0,76,1,,0,false,true,false,false,false,-1' \
    --outdir "$T/lo" "$T/moved.xlsx" >"$T/lo.log" 2>&1 || fail "LibreOffice: $(cat "$T/lo.log")"
[ -f "$T/lo/moved-High needs.csv" ] || fail "LibreOffice wrote no High needs sheet: $(cat "$T/lo.log")"
checked=$(wb_check_live "$T/lo" moved- .csv "$T/expected.tsv" LibreOffice)
# the first 2023-24 file's rows count again, the revised file's do not
first=$(awk -F'\t' '$1 == "2023-24" && $10 ~ /^dsg-2023-24.ods/ && $9 == "Yes"' "$T/lo/moved-High needs records.csv" | wc -l)
revised=$(awk -F'\t' '$1 == "2023-24" && $10 ~ /revised/ && $9 == "Yes"' "$T/lo/moved-High needs records.csv" | wc -l)
[ "$first" -eq 148 ] && [ "$revised" -eq 0 ] || fail "counted at 31 January 2024: $first first-file rows, $revised revised rows"
echo "ok: $checked live formulas equal sendpack figures --as-at 2024-01-31 after LibreOffice recalculation"
