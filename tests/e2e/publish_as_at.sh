#!/usr/bin/env bash
# publish_as_at.sh: the as-at date must make sense for the data and the day.
# Before every inspection in the data (a mistyped year, a config left on an
# old date) it is an error naming --allow-empty, and nothing is written; with
# --allow-empty it builds and warns on stderr and in manifest.json. After
# today it is an error. After the latest publication in the data it warns
# (stderr and manifest) and the briefing's data notes name that latest
# publication. A file none of whose records counts at the as-at date (a DSG
# workbook published later, a SEN2 file with no year ended, inspections all
# published later, interventions all started later) is a warning naming
# the file. The default (the latest date in the data) says nothing.
source "$(dirname "$0")/publish_lib.bash"

rc=0; "$SENDPACK" build -q --out "$T/early" "${QUICK[@]}" --as-at 1990-01-01 >"$T/stdout" 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] || fail "as-at before the data: exit $rc, expected 2: $(cat "$T/err")"
grep -q '^sendpack: as-at date 1990-01-01 is before every inspection.*--allow-empty' "$T/err" \
    || fail "as-at before the data: $(cat "$T/err")"
[ ! -e "$T/early" ] || fail "as-at before the data wrote $T/early"
rc=0; "$SENDPACK" figures --as-at 1990-01-01 >/dev/null 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] || fail "figures with an as-at before the data: exit $rc"

"$SENDPACK" build -q --allow-empty --out "$T/early" "${QUICK[@]}" --as-at 1990-01-01 >"$T/stdout" 2>"$T/err" \
    || fail "--allow-empty: $(cat "$T/err")"
grep -q '^sendpack: warning: .*1990-01-01.*zero' "$T/err" || fail "no warning: $(cat "$T/err")"
grep -q 'warning: .*1990-01-01.*zero' "$T/early/manifest.json" || fail "warning not in the manifest"
[ ! -s "$T/stdout" ] || fail "printed on stdout"

tomorrow=$(date -d tomorrow +%F)
rc=0; "$SENDPACK" build -q --out "$T/future" "${QUICK[@]}" --as-at "$tomorrow" 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] && grep -q "^sendpack: as-at date $tomorrow is in the future" "$T/err" \
    || fail "as-at tomorrow: exit $rc: $(cat "$T/err")"
[ ! -e "$T/future" ] || fail "as-at in the future wrote $T/future"

# The fixtures end on 18 November 2024.
"$SENDPACK" build -q --out "$T/late" --no-charts --no-workbook --as-at 2025-01-31 2>"$T/err" \
    || fail "as-at after the data: $(cat "$T/err")"
grep -q '^sendpack: warning: as-at date 2025-01-31 is after the latest publication in the data (18 November 2024)' \
    "$T/err" || fail "as-at after the data: no warning: $(cat "$T/err")"
grep -q 'warning: as-at date 2025-01-31 is after the latest' "$T/late/manifest.json" \
    || fail "as-at after the data: warning not in the manifest"
if command -v pdftotext >/dev/null; then
    pdftotext "$T/late/briefing.pdf" - | tr '\n' ' ' | grep -q 'published on 18 November 2024' \
        || fail "the briefing's data notes do not name the latest publication"
fi

# A file whose records all come after the as-at date counts for nothing and
# its section is left out: one warning for each, naming the file and the
# as-at date that would count it. The fixtures' DSG workbooks were
# published on 16 December 2022 and 19 December 2023; their SEN2 file starts
# with 2016, which counts once it has ended; their 2023-framework
# inspections from 27 April 2023, their interventions from 28 November 2018.
"$SENDPACK" validate --as-at 2016-12-30 >/dev/null 2>"$T/err" || fail "validate at 2016-12-30: $(cat "$T/err")"
grep -qF 'fixtures/dsg-2022-23.ods: warning: the dedicated schools grant allocations for 2022-23 were published on 16 December 2022, after the as-at date (30 December 2016), so none of them is counted; give --as-at 2022-12-16 or later to count them' \
    "$T/err" || fail "no warning that the 2022-23 DSG file is after the as-at date: $(cat "$T/err")"
grep -q '^fixtures/dsg-2023-24.ods: warning: .* for 2023-24 were published on 19 December 2023, .* give --as-at 2023-12-19 or later' \
    "$T/err" || fail "no warning that the 2023-24 DSG file is after the as-at date: $(cat "$T/err")"
grep -qF 'fixtures/sen2.csv: warning: no calendar year of the SEN2 file had ended by the as-at date (30 December 2016; its first, 2016, ended on 31 December 2016), so none of its rows is counted; give --as-at 2016-12-31 or later to count them' \
    "$T/err" || fail "no warning that the SEN2 file has no year ended: $(cat "$T/err")"
grep -qF 'fixtures/inspections-2023.csv: warning: every inspection in this file was published after the as-at date (30 December 2016; the first on 27 April 2023), so none of them is counted; give --as-at 2023-04-27 or later to count them' \
    "$T/err" || fail "no warning that the 2023-framework inspections are after the as-at date: $(cat "$T/err")"
grep -q '^fixtures/interventions.csv: warning: every intervention in this file started after the as-at date (30 December 2016; the first on 28 November 2018), .* give --as-at 2018-11-28 or later' \
    "$T/err" || fail "no warning that the interventions start after the as-at date: $(cat "$T/err")"
grep -q 'inspections-2016.csv: warning' "$T/err" && fail "the inspections counted warned about: $(cat "$T/err")"
"$SENDPACK" validate --as-at 2022-12-16 >/dev/null 2>"$T/err" || fail "validate at 2022-12-16: $(cat "$T/err")"
grep -q 'dsg-2022-23.ods: warning\|sen2.csv: warning\|interventions.csv: warning' "$T/err" \
    && fail "a file counted at the as-at date warned about: $(cat "$T/err")"
grep -q 'dsg-2023-24.ods: warning: .* after the as-at date (16 December 2022)' "$T/err" \
    || fail "the later DSG file not warned about: $(cat "$T/err")"

"$SENDPACK" build -q --out "$T/default" --no-charts --no-workbook 2>"$T/err" || fail "default as-at"
grep -v '^\[WARNING\]' "$T/err" | grep -q . && fail "default as-at printed: $(cat "$T/err")"
if command -v pdftotext >/dev/null; then
    pdftotext "$T/default/briefing.pdf" - | grep -q 'Latest data' && fail "a data note on the latest data without cause"
fi
echo "ok"
