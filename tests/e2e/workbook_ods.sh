#!/usr/bin/env bash
# workbook_ods.sh: the ODS workbook (issue 18) as `sendpack build` publishes it.
#  1. The fixtures' build writes sendpack.ods beside sendpack.xlsx (the
#     default --workbook-format both); --workbook-format xlsx or ods, the
#     config key workbook-format and --workbook data.ods choose the files;
#     two builds give the same bytes (whichever files are written); mimetype comes first, stored; the
#     manifest lists the ODS with its SHA-256.
#  2. gnumeric (ssconvert --recalc) and LibreOffice (headless, recalculating
#     on load) open the ODS, recalculate, and every live formula named on the
#     Figures sheet equals figures.json; with the AsAt cell changed inside
#     the file to 2021-03-31 it equals `sendpack figures --as-at 2021-03-31`.
#     On the fixtures (all sheets: 2023 outcomes, funding, interventions) and
#     on Ofsted's real table.
# Skips (77) when unzip, zip or ssconvert is missing; LibreOffice's part is
# skipped (with a message) without soffice, the real table's without
# ../shared/data.
set -euo pipefail
: "${SENDPACK:?SENDPACK must name the sendpack binary}"
cd "${SENDPACK_SRC:-.}"
for tool in unzip zip ssconvert sha256sum; do
    command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed" >&2; exit 77; }
done
T=$(mktemp -d "${TMPDIR:-/tmp}/sendpack-ods.XXXXXX")
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
source "$(dirname "$0")/workbook_lib.bash"
QUICK=(--no-briefing --no-charts -q)

# --- 1. files, bytes, manifest ----------------------------------------------
"$SENDPACK" build "${QUICK[@]}" --illustrative --out "$T/a" || fail "build a"
[ -f "$T/a/sendpack.ods" ] || fail "no sendpack.ods beside sendpack.xlsx: $(ls "$T/a")"
[ -f "$T/a/sendpack.xlsx" ] || fail "the default wrote no sendpack.xlsx: $(ls "$T/a")"
unzip -tq "$T/a/sendpack.ods" >/dev/null || fail "the ODS zip does not test clean"
[ "$(head -c 38 "$T/a/sendpack.ods" | tail -c 8)" = mimetype ] || fail "mimetype is not the first entry"
[ "$(head -c 84 "$T/a/sendpack.ods" | tail -c 46)" = application/vnd.oasis.opendocument.spreadsheet ] \
    || fail "mimetype is not stored uncompressed, first, without an extra field"
sum=$(sha256sum "$T/a/sendpack.ods" | cut -d' ' -f1)
grep -A3 '"path" : "sendpack.ods"' "$T/a/manifest.json" | grep -q "\"sha256\" : \"$sum\"" \
    || fail "manifest.json does not list sendpack.ods with its SHA-256 $sum"
unzip -p "$T/a/sendpack.ods" meta.xml | grep -q '<dc:language>en-GB</dc:language>' || fail "meta.xml: no en-GB"
unzip -p "$T/a/sendpack.ods" meta.xml | grep -q '<dc:title>[^<]*data tables</dc:title>' || fail "meta.xml: no title"

"$SENDPACK" build "${QUICK[@]}" --illustrative --out "$T/x" --workbook-format xlsx || fail "build xlsx"
[ -f "$T/x/sendpack.xlsx" ] && [ ! -e "$T/x/sendpack.ods" ] || fail "--workbook-format xlsx: $(ls "$T/x")"
cmp -s "$T/x/sendpack.xlsx" "$T/a/sendpack.xlsx" || fail "the XLSX differs when the ODS is not written"
"$SENDPACK" build "${QUICK[@]}" --illustrative --out "$T/o" --workbook-format ODS --workbook data.ods \
    || fail "build ods"
[ -f "$T/o/data.ods" ] && [ ! -e "$T/o/data.xlsx" ] || fail "--workbook-format ods --workbook data.ods: $(ls "$T/o")"
cmp -s "$T/o/data.ods" "$T/a/sendpack.ods" || fail "two builds of the same input give different ODS files"
if "$SENDPACK" build "${QUICK[@]}" --illustrative --out "$T/bad" --workbook-format pdf 2>"$T/bad.err"; then
    fail "--workbook-format pdf was accepted"
fi
grep -q "expected xlsx, ods or both, found \"pdf\"" "$T/bad.err" || fail "bad format message: $(cat "$T/bad.err")"
printf '[outputs]\nworkbook-format = ods\ncharts = false\nbriefing = false\n[inputs]\ndata = %s\n' \
    "$PWD/fixtures" >"$T/ods.ini"
"$SENDPACK" build -q --config "$T/ods.ini" --illustrative --out "$T/c" || fail "build with workbook-format = ods"
[ -f "$T/c/sendpack.ods" ] && [ ! -e "$T/c/sendpack.xlsx" ] || fail "config workbook-format = ods: $(ls "$T/c")"

# --- 2. recalculation -------------------------------------------------------
TAB=$(printf '\t')
gnumeric_check() { # ODS EXPECTED.tsv WHAT
    rm -rf "$T/g" && mkdir -p "$T/g"
    ssconvert -S --recalc -T Gnumeric_stf:stf_assistant \
        -O "format=raw separator=\"$TAB\" quoting-mode=never eol=unix" \
        "$1" "$T/g/%s.tsv" 2>"$T/ssconvert.err" || fail "ssconvert $3: $(cat "$T/ssconvert.err")"
    n=$(wb_check_live "$T/g" "" .tsv "$2" "gnumeric ($3)")
    echo "workbook_ods: $n live formulas equal the figures after gnumeric recalculation ($3)"
}
LO=1
command -v soffice >/dev/null || { LO=; echo "workbook_ods: LibreOffice part skipped: soffice is not installed" >&2; }
wb_lo_profile "$T/profile"
# LibreOffice starts slowly: every file to check is converted in one run at
# the end. CHECKS holds "file.ods<TAB>expected.tsv<TAB>what" lines.
CHECKS=()
both_engines() { # NAME DIR-WITH-BUILD FIGURES-ARGS... : as published, then at 31 March 2021
    local name=$1 dir=$2
    shift 2
    cp "$dir/sendpack.ods" "$T/$name.ods"
    wb_expected "$dir/figures.json" "$T/$name.tsv"
    gnumeric_check "$T/$name.ods" "$T/$name.tsv" "$name, as published"
    "$SENDPACK" figures --format json "$@" --as-at 2021-03-31 >"$T/f2021.json" \
        || fail "figures --as-at 2021-03-31"
    wb_expected "$T/f2021.json" "$T/$name-2021.tsv"
    wb_set_asat_ods "$T/$name.ods" "$T/$name-2021.ods" 2021-03-31 "$T/unz-$name"
    gnumeric_check "$T/$name-2021.ods" "$T/$name-2021.tsv" "$name, AsAt 2021-03-31"
    CHECKS+=("$name" "$name-2021")
}
libreoffice_checks() {
    [ -n "$LO" ] || return 0
    local files=() base n
    for base in "${CHECKS[@]}"; do files+=("$T/$base.ods"); done
    mkdir -p "$T/lo"
    timeout 600 soffice -env:UserInstallation="file://$T/profile" --headless --norestore \
        --convert-to 'csv:Text - txt - csv (StarCalc):9,0,76,1,,0,false,true,false,false,false,-1' \
        --outdir "$T/lo" "${files[@]}" >"$T/lo.log" 2>&1 || fail "LibreOffice: $(cat "$T/lo.log")"
    for base in "${CHECKS[@]}"; do
        [ -f "$T/lo/$base-Summary.csv" ] || fail "LibreOffice wrote no Summary sheet for $base: $(cat "$T/lo.log")"
        n=$(wb_check_live "$T/lo" "$base-" .csv "$T/$base.tsv" "LibreOffice ($base)")
        echo "workbook_ods: $n live formulas equal the figures after LibreOffice recalculation ($base)"
    done
}
both_engines fixtures "$T/a"

REAL="${SHARED_DATA:-../shared/data}/ofsted/area-send-inspections-2016-2022.csv"
if [ ! -f "$REAL" ]; then
    libreoffice_checks
    echo "skipped: real data not found at $REAL" >&2
    exit 77
fi
"$SENDPACK" build "${QUICK[@]}" --inspections "$REAL" --out "$T/real" --workbook-format ods \
    || fail "build on $REAL"
both_engines real "$T/real" --inspections "$REAL"
value() { awk -F'\t' -v id="$1" '$NF == id { print $2 }' "$T/g/Summary.tsv"; }
[ "$(value inspections.count)" = 115 ] || fail "Summary: inspections $(value inspections.count)"
[ "$(value wsoa.count)" = 59 ] || fail "Summary: WSoA $(value wsoa.count)"
grep -q "^London	24	6	0.25	" "$T/g/Regions.tsv" || fail "Regions: London is not 6 of 24"
libreoffice_checks
