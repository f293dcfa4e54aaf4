#!/usr/bin/env bash
# publish_integrity.sh: invented data is never published as official.
# Data not stated official is illustrative (marked on every output, status
# "illustrative" in the manifest); sendpack's fictional fixtures (area codes
# starting X) are refused as official by flag or config, and never mixed
# with real data (exit 2, one line, nothing written); the briefing's sources
# never cite Ofsted for fixtures. With the real Ofsted table and --official,
# the sources cite the release matching the data and nothing else.
source "$(dirname "$0")/publish_lib.bash"
command -v pdftotext >/dev/null || { echo "SKIP: needs pdftotext" >&2; exit 77; }
BRIEF=(--no-charts --no-workbook --no-profiles)

# expect_refused WANT ARGS...: exit 2, WANT on one stderr line, nothing written
expect_refused() {
    local want=$1 rc=0
    shift
    "$SENDPACK" build -q --out "$T/refused" "$@" 2>"$T/err" || rc=$?
    [ "$rc" -eq 2 ] || fail "$*: exit $rc, expected 2: $(cat "$T/err")"
    grep -qF -- "$want" "$T/err" || fail "$*: expected '$want': $(cat "$T/err")"
    [ ! -e "$T/refused" ] || fail "$*: wrote $T/refused"
}

# 1. --data fixtures with no status: illustrative, and not sourced to Ofsted.
"$SENDPACK" build -q --data fixtures --out "$T/fx" "${BRIEF[@]}" 2>"$T/err" || fail "fixtures: $(cat "$T/err")"
grep -q '"status" : "illustrative"' "$T/fx/manifest.json" || fail "fixtures not illustrative in the manifest"
pdftotext "$T/fx/briefing.pdf" "$T/fx.txt"
grep -q 'Illustrative data' "$T/fx.txt" || fail "fixtures briefing not marked Illustrative data"
sed -n '/^Sources$/,$p' "$T/fx.txt" >"$T/fx-sources.txt"
grep -qi 'fictional areas and inspections made up' "$T/fx-sources.txt" || fail "sources do not say the data is invented"
grep -q 'Ofsted, Area SEND' "$T/fx-sources.txt" && fail "fixtures sourced to Ofsted: $(cat "$T/fx-sources.txt")"
grep -q '"source": "Ofsted' "$T/fx/figures.json" && fail "fixture figures sourced to Ofsted"

# 2. Fixtures as official: refused by flag and by config.
expect_refused "can never be published as official" --data fixtures --official "${BRIEF[@]}"
printf '[publication]\nstatus = official\n[inputs]\ndata = %s/fixtures\n' "$PWD" >"$T/official.ini"
expect_refused "can never be published as official" --config "$T/official.ini" "${BRIEF[@]}"
rc=0; "$SENDPACK" validate --config "$T/official.ini" >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "validate accepted fixtures as official: exit $rc"

# 3. Fixtures mixed with real data: an error, even when illustrative.
cat >"$T/inspections-real.csv" <<'CSV'
la_code,area_name,region,inspection_start,inspection_published,wsoa_required,weaknesses_identified,revisit_start,revisit_published,revisit_outcome,weaknesses_progress_made,weaknesses_progress_not_made
E09000002,Barking and Dagenham,London,2017-03-06,2017-05-02,No,,,,,,
CSV
expect_refused "fictional fixture data (area code X" --data fixtures --inspections "$T/inspections-real.csv"
[ "$(grep -c . "$T/err")" -eq 2 ] || fail "mixing: more than one line: $(cat "$T/err")"
grep -q "mixed with real data ($T/inspections-real.csv:2" "$T/err" || fail "mixing names the real file: $(cat "$T/err")"
rc=0; "$SENDPACK" figures --data fixtures --inspections "$T/inspections-real.csv" >"$T/stdout" 2>/dev/null || rc=$?
[ "$rc" -eq 2 ] && [ ! -s "$T/stdout" ] || fail "figures mixed fixtures and real data: exit $rc"

# 4. The real table, official: no marking, and its own release cited.
REAL=${SHARED_DATA:-../shared/data}/ofsted/area-send-inspections-2016-2022.csv
[ -f "$REAL" ] || { echo "SKIP: $REAL not found" >&2; exit 77; }
"$SENDPACK" build -q --inspections "$REAL" --official --out "$T/real" "${BRIEF[@]}" 2>"$T/err" \
    || fail "real official: $(cat "$T/err")"
grep -q '"status" : "official"' "$T/real/manifest.json" || fail "real data not official in the manifest"
pdftotext "$T/real/briefing.pdf" "$T/real.txt"
grep -q 'Illustrative data' "$T/real.txt" && fail "official briefing marked illustrative"
sed -n '/^Sources$/,$p' "$T/real.txt" | tr '\n' ' ' >"$T/real-sources.txt"
grep -q 'carried out by 31 August 2022, published by 31 October 2022' "$T/real-sources.txt" \
    || fail "the Ofsted release of the data is not cited: $(cat "$T/real-sources.txt")"
grep -q '2023 framework' "$T/real-sources.txt" && fail "2023-framework release cited without 2023 data"
grep -q 'as at 31 March 2021' "$T/real-sources.txt" && fail "March 2021 release cited for 2022 data"
grep -q 'illustrative fixtures' "$T/real-sources.txt" && fail "real data sourced to the fixtures"
# without a status the same data is illustrative
"$SENDPACK" build -q --inspections "$REAL" --out "$T/real-ill" "${BRIEF[@]}" 2>"$T/err" || fail "real: $(cat "$T/err")"
grep -q '"status" : "illustrative"' "$T/real-ill/manifest.json" || fail "data not stated official is not illustrative"
echo "ok"
