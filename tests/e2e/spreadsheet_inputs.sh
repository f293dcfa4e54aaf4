#!/usr/bin/env bash
# spreadsheet_inputs.sh: issue 12's "Done when": Ofsted's ODS as published,
# and an XLSX made from it with ssconvert, give figures equal in every value
# to the CSV export's (figures.json compared id by id; only the source file
# name may differ). Also: a wrong --sheet, a file#Sheet path, and --data
# telling files by content.
source "$(dirname "$0")/publish_lib.bash"
DIR="${SHARED_DATA:-../shared/data}/ofsted"
ODS="$DIR/Area_SEND_inspection_data_01_May_2016_to_31_August_2022.ods"
CSV="$DIR/area-send-inspections-2016-2022.csv"
for f in "$ODS" "$CSV"; do
    if [ ! -f "$f" ]; then
        echo "skipped: real data not found at $f" >&2
        exit 77
    fi
done

# One line per figure, the source's file name blanked.
figures() {
    "$SENDPACK" figures --as-at 2022-10-04 "$@" 2>"$T/err" | sed 's/(file: [^)]*)/(file: *)/g' \
        || fail "figures $*: $(cat "$T/err")"
}
figures --inspections "$CSV" >"$T/csv.json"
[ "$(grep -c '"id": ' "$T/csv.json")" -gt 100 ] || fail "too few figures from the CSV"
grep -q '"id": "inspections.count", .*"value": 149,' "$T/csv.json" || fail "CSV: not 149 areas"

figures --inspections "$ODS" >"$T/ods.json"
diff "$T/csv.json" "$T/ods.json" >"$T/diff" || fail "ODS figures differ from the CSV's: $(head -c 2000 "$T/diff")"

ssconvert "$ODS" "$T/ofsted.xlsx" >/dev/null 2>&1 || fail "ssconvert could not write XLSX"
figures --inspections "$T/ofsted.xlsx" >"$T/xlsx.json"
diff "$T/csv.json" "$T/xlsx.json" >"$T/diff" || fail "XLSX figures differ from the CSV's: $(head -c 2000 "$T/diff")"

# The format is told by content, not by the name.
cp "$ODS" "$T/download.csv"
figures --inspections "$T/download.csv" >"$T/renamed.json"
diff -q "$T/csv.json" "$T/renamed.json" >/dev/null || fail "an ODS named .csv was not read as ODS"

# Naming the sheet: by --sheet, and as file#Sheet.
figures --inspections "$ODS" --sheet Area_SEND_up_to_31_Aug_2022 >"$T/sheet.json"
diff -q "$T/csv.json" "$T/sheet.json" >/dev/null || fail "--sheet gave other figures"
figures --inspections "$ODS#Area_SEND_up_to_31_Aug_2022" >"$T/hash.json"
diff -q "$T/csv.json" "$T/hash.json" >/dev/null || fail "file#Sheet gave other figures"

set +e
"$SENDPACK" validate --inspections "$ODS" --sheet Notes >"$T/out" 2>"$T/err"
rc=$?
set -e
[ "$rc" = 2 ] || fail "--sheet Notes: exit $rc, expected 2"
grep -qF "$ODS[Notes]!A1: expected a header row naming" "$T/err" || fail "--sheet Notes: $(cat "$T/err")"
set +e
"$SENDPACK" validate --inspections "$ODS" --sheet Nope >"$T/out" 2>"$T/err"
rc=$?
set -e
[ "$rc" = 2 ] || fail "--sheet Nope: exit $rc"
grep -qF "$ODS: expected a sheet named \"Nope\", found only the sheets \"Cover\", \"Contents\", \"Guidance\", \"Notes\", \"Area_SEND_up_to_31_Aug_2022\"" "$T/err" \
    || fail "--sheet Nope: $(cat "$T/err")"
[ "$(wc -l <"$T/err")" -le 2 ] || fail "--sheet Nope: more than one problem: $(cat "$T/err")"

# A config names the sheet as file#Sheet.
printf '[inputs]\ninspections = %s#Area_SEND_up_to_31_Aug_2022\n' "$(realpath "$ODS")" >"$T/c.ini"
"$SENDPACK" validate --config "$T/c.ini" >"$T/out" 2>"$T/err" || fail "config file#Sheet: $(cat "$T/err")"
grep -qF "[Area_SEND_up_to_31_Aug_2022]: 149 rows (inspections-2016)" "$T/out" || fail "config: $(cat "$T/out")"

# --data: the ODS under the name it was downloaded with, beside a funding
# CSV not named funding: each recognised by content, and said so.
mkdir "$T/data"
cp "$ODS" "$T/data/Area_SEND_download.ods"
# (national and regional lines only: area codes of the fixtures are fictional
# and may not be mixed with real data)
grep -v ",X[0-9]" fixtures/funding.csv >"$T/data/money.csv"
echo "nothing to read" >"$T/data/notes.txt"
"$SENDPACK" validate --data "$T/data" >"$T/out" 2>"$T/err" || fail "--data: $(cat "$T/err")"
grep -qxF "read $T/data/Area_SEND_download.ods: 2016-2022 framework inspections" "$T/err" \
    || fail "--data did not say what it read: $(cat "$T/err")"
grep -qxF "read $T/data/money.csv: funding lines" "$T/err" || fail "--data funding: $(cat "$T/err")"
grep -qF "Area_SEND_download.ods[Area_SEND_up_to_31_Aug_2022]: 149 rows" "$T/out" || fail "--data: $(cat "$T/out")"
echo ok
