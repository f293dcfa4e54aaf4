#!/usr/bin/env bash
# workbook_libreoffice.sh: a second spreadsheet engine. The workbook built
# from Ofsted's real table opens in LibreOffice (headless, converted without
# error); with the as-at cell moved to 31 March 2021 inside the file and
# LibreOffice told to recalculate on load, every live formula equals
# `sendpack figures --as-at 2021-03-31`.
# LibreOffice is not a project dependency (it is large): the test skips (77)
# when soffice is not installed, as it does without ../shared/data.
set -euo pipefail
: "${SENDPACK:?SENDPACK must name the sendpack binary}"
cd "${SENDPACK_SRC:-.}"
for tool in soffice unzip zip; do
    command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed" >&2; exit 77; }
done
REAL="${SHARED_DATA:-../shared/data}/ofsted/area-send-inspections-2016-2022.csv"
[ -f "$REAL" ] || { echo "skipped: real data not found at $REAL" >&2; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/sendpack-workbook-lo.XXXXXX")
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
source "$(dirname "$0")/workbook_lib.bash"

"$SENDPACK" build --no-briefing -q --inspections "$REAL" --out "$T/real" || fail "build on $REAL"
"$SENDPACK" figures --format json --inspections "$REAL" --as-at 2021-03-31 >"$T/f2021.json" \
    || fail "figures --as-at 2021-03-31"
wb_set_asat "$T/real/sendpack.xlsx" "$T/moved.xlsx" 44286 "$T/unz"
wb_expected "$T/f2021.json" "$T/expected.tsv"

# A private LibreOffice profile that recalculates OOXML files on load.
wb_lo_profile "$T/profile"
mkdir -p "$T/lo"
# Every sheet as tab-separated UTF-8 (sheet -1), unquoted: lo/moved-<sheet>.csv
timeout 300 soffice -env:UserInstallation="file://$T/profile" --headless --norestore \
    --convert-to 'csv:Text - txt - csv (StarCalc):9,0,76,1,,0,false,true,false,false,false,-1' \
    --outdir "$T/lo" "$T/moved.xlsx" >"$T/lo.log" 2>&1 || fail "LibreOffice: $(cat "$T/lo.log")"
[ -f "$T/lo/moved-Summary.csv" ] || fail "LibreOffice wrote no Summary sheet: $(cat "$T/lo.log")"
checked=$(wb_check_live "$T/lo" moved- .csv "$T/expected.tsv" LibreOffice)
grep -q "^London	24	6	25%	" "$T/lo/moved-Regions.csv" || fail "Regions: London is not 6 of 24"
echo "workbook: $checked live formulas equal sendpack figures --as-at 2021-03-31 after LibreOffice recalculation"
