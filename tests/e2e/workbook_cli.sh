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

# The as-at cell: the AsAt defined name, on the first sheet (Cover).
cell=$(unzip -p "$T/real/sendpack.xlsx" xl/workbook.xml |
    sed -n 's/.*<definedName name="AsAt">Cover!\$\([A-Z]*\)\$\([0-9]*\)<.*/\1\2/p')
[ -n "$cell" ] || fail "no AsAt defined name on the Cover sheet"
mkdir -p "$T/unz"
(cd "$T/unz" && unzip -q "$T/real/sendpack.xlsx" xl/worksheets/sheet1.xml)
# 44286 = 31 March 2021 as a spreadsheet date serial.
sed -i "s|\(<c r=\"$cell\"[^>]*><v>\)[0-9.]*</v>|\144286</v>|" "$T/unz/xl/worksheets/sheet1.xml"
grep -q "<c r=\"$cell\"[^>]*><v>44286</v>" "$T/unz/xl/worksheets/sheet1.xml" \
    || fail "could not set $cell to 31 March 2021"
cp "$T/real/sendpack.xlsx" "$T/moved.xlsx"
(cd "$T/unz" && zip -q "$T/moved.xlsx" xl/worksheets/sheet1.xml)

mkdir -p "$T/csv"
ssconvert -S --recalc -T Gnumeric_stf:stf_assistant \
    -O "format=raw separator=\"$(printf '\t')\" quoting-mode=never eol=unix" \
    "$T/moved.xlsx" "$T/csv/%s.tsv" 2>"$T/ssconvert.err" || fail "ssconvert: $(cat "$T/ssconvert.err")"

# id -> expected value (numbers only) from figures.json, one record a line.
sed -n 's/^  {"id": "\([^"]*\)", .*"value": \(-\{0,1\}[0-9][0-9.e+-]*\),.*/\1\t\2/p' "$T/f2021.json" \
    >"$T/expected.tsv"
[ "$(grep -c . "$T/expected.tsv")" -gt 100 ] || fail "could not read figures.json"

# id -> live cell from the Figures sheet (header on row 4; id first, live cell last).
awk -F'\t' 'NR > 4 && $NF != "[z]" && $NF != "" { print $1 "\t" $NF }' "$T/csv/Figures.tsv" \
    >"$T/live.tsv"
[ "$(grep -c . "$T/live.tsv")" -gt 100 ] || fail "the Figures sheet names too few live cells"

checked=0
while IFS=$'\t' read -r id ref; do
    sheet=${ref%!*}
    sheet=${sheet#\'}
    sheet=${sheet%\'}
    addr=${ref##*!}
    col=${addr%%[0-9]*}
    row=${addr#"$col"}
    c=0
    for ((i = 0; i < ${#col}; i++)); do
        c=$((c * 26 + $(printf '%d' "'${col:i:1}") - 64))
    done
    got=$(awk -F'\t' -v r="$row" -v c="$c" 'NR == r { print $c }' "$T/csv/$sheet.tsv")
    want=$(awk -F'\t' -v id="$id" '$1 == id { print $2 }' "$T/expected.tsv")
    if [ -z "$want" ]; then
        # no such figure at this date (e.g. a later year): a number or [z], never an error
        case "$got" in '[z]' | [0-9]* ) ;; *) fail "$id ($ref): \"$got\"" ;; esac
        continue
    fi
    awk -v a="$got" -v b="$want" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(a != "" && d <= 1e-9 * (b < 1 ? 1 : b)) }' \
        || fail "$id ($ref): workbook recalculated to \"$got\", sendpack figures --as-at 2021-03-31 gives $want"
    checked=$((checked + 1))
done <"$T/live.tsv"
[ "$checked" -gt 100 ] || fail "only $checked live formulas checked"

# The published facts, read from the recalculated Summary and Regions sheets.
value() { awk -F'\t' -v id="$1" '$NF == id { print $2 }' "$T/csv/Summary.tsv"; }
[ "$(value inspections.count)" = 115 ] || fail "Summary: inspections $(value inspections.count)"
[ "$(value wsoa.count)" = 59 ] || fail "Summary: WSoA $(value wsoa.count)"
grep -q "^London	24	6	0.25	" "$T/csv/Regions.tsv" || fail "Regions: London is not 6 of 24"
grep -q "^East of England	11	9	" "$T/csv/Regions.tsv" || fail "Regions: East of England is not 9 of 11"
echo "workbook: $checked live formulas equal sendpack figures --as-at 2021-03-31 after gnumeric recalculation"
