#!/usr/bin/env bash
# workbook_cli.sh: the workbook as `sendpack build` publishes it.
#  1. The fixtures' build writes out/<name>.xlsx (default and --workbook NAME),
#     a zip that unzip tests clean and gnumeric opens; two builds are
#     byte-identical.
#  2. On Ofsted's real table: change the as-at cell inside the built file to
#     2021-03-31 (unzip, edit the Cover sheet's XML, zip), recalculate with
#     gnumeric (ssconvert --recalc), and check every live formula named on
#     the Figures sheet against `sendpack figures --as-at 2021-03-31`.
# Skips (77) when unzip, zip or ssconvert is missing; part 2 also when
# ../shared/data is missing.
set -euo pipefail
: "${SENDPACK:?SENDPACK must name the sendpack binary}"
cd "${SENDPACK_SRC:-.}"
for tool in unzip zip ssconvert; do
    command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed" >&2; exit 77; }
done
T=$(mktemp -d "${TMPDIR:-/tmp}/sendpack-workbook.XXXXXX")
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
source "$(dirname "$0")/workbook_lib.bash"
QUICK=(--no-briefing -q)

# --- 1. fixtures ------------------------------------------------------------
"$SENDPACK" build "${QUICK[@]}" --illustrative --out "$T/a" || fail "build a"
"$SENDPACK" build "${QUICK[@]}" --illustrative --out "$T/b" --workbook data.xlsx || fail "build b"
[ -f "$T/a/sendpack.xlsx" ] || fail "no sendpack.xlsx in $(ls "$T/a")"
[ -f "$T/b/data.xlsx" ] || fail "--workbook data.xlsx was not used: $(ls "$T/b")"
[ ! -e "$T/b/sendpack.xlsx" ] || fail "--workbook: sendpack.xlsx written too"
unzip -tq "$T/a/sendpack.xlsx" >/dev/null || fail "the zip does not test clean"
cmp -s "$T/a/sendpack.xlsx" "$T/b/data.xlsx" || fail "two builds of the same input differ"
unzip -p "$T/a/sendpack.xlsx" docProps/core.xml | grep -q '<dc:title>[^<]*data tables</dc:title>' \
    || fail "core.xml has no title"
ssconvert -T Gnumeric_stf:stf_csv "$T/a/sendpack.xlsx" "$T/cover.csv" 2>/dev/null \
    || fail "gnumeric cannot open the workbook"
grep -q "Illustrative data" "$T/cover.csv" || fail "the fixtures' cover does not say Illustrative data"

# --- 2. real data, as-at cell moved in the file ------------------------------
REAL="${SHARED_DATA:-../shared/data}/ofsted/area-send-inspections-2016-2022.csv"
if [ ! -f "$REAL" ]; then
    echo "skipped: real data not found at $REAL" >&2
    exit 77
fi
"$SENDPACK" build "${QUICK[@]}" --inspections "$REAL" --out "$T/real" || fail "build on $REAL"
"$SENDPACK" figures --format json --inspections "$REAL" --as-at 2021-03-31 >"$T/f2021.json" \
    || fail "figures --as-at 2021-03-31"

# Move the as-at cell to 31 March 2021 (date serial 44286) inside the file.
wb_set_asat "$T/real/sendpack.xlsx" "$T/moved.xlsx" 44286 "$T/unz"
mkdir -p "$T/csv"
ssconvert -S --recalc -T Gnumeric_stf:stf_assistant \
    -O "format=raw separator=\"$(printf '\t')\" quoting-mode=never eol=unix" \
    "$T/moved.xlsx" "$T/csv/%s.tsv" 2>"$T/ssconvert.err" || fail "ssconvert: $(cat "$T/ssconvert.err")"
wb_expected "$T/f2021.json" "$T/expected.tsv"
checked=$(wb_check_live "$T/csv" "" .tsv "$T/expected.tsv" gnumeric)

# The published facts, read from the recalculated Summary and Regions sheets.
value() { awk -F'\t' -v id="$1" '$NF == id { print $2 }' "$T/csv/Summary.tsv"; }
[ "$(value inspections.count)" = 115 ] || fail "Summary: inspections $(value inspections.count)"
[ "$(value wsoa.count)" = 59 ] || fail "Summary: WSoA $(value wsoa.count)"
grep -q "^London	24	6	0.25	" "$T/csv/Regions.tsv" || fail "Regions: London is not 6 of 24"
grep -q "^East of England	11	9	" "$T/csv/Regions.tsv" || fail "Regions: East of England is not 9 of 11"
echo "workbook: $checked live formulas equal sendpack figures --as-at 2021-03-31 after gnumeric recalculation"
