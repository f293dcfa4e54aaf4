#!/usr/bin/env bash
# robust_limits.sh: data that cannot fit a spreadsheet is refused before any
# work (exit 2, a clear message, nothing written), by validate and build
# alike: a cell over 32,767 characters here; row counts in test_robust.
source "$(dirname "$0")/publish_lib.bash"
mkdir "$T/in"
long=$(head -c 40000 /dev/zero | tr '\0' 'a')
{ head -3 fixtures/inspections-2016.csv; echo "X99000001,Long $long,London,2017-06-05,2017-08-23,No,,,,,,"; } \
    >"$T/in/inspections-2016.csv"
rc=0; "$SENDPACK" validate --data "$T/in" >"$T/vout" 2>"$T/err" || rc=$?
[ "$rc" = 2 ] || fail "validate: exit $rc, expected 2"
grep -q "inspections-2016.csv:4: expected an area name of at most 32,767 characters" "$T/err" \
    || fail "validate: unclear message: $(cat "$T/err")"
rc=0; "$SENDPACK" build -q --data "$T/in" --out "$T/out" 2>"$T/err" || rc=$?
[ "$rc" = 2 ] || fail "build: exit $rc, expected 2"
grep -q "32,767 characters" "$T/err" || fail "build: unclear message: $(cat "$T/err")"
[ ! -e "$T/out" ] || fail "build wrote something"
assert_no_leftovers "$T/out"
"$SENDPACK" build -q --data "$T/in" --out "$T/out" --no-workbook --no-briefing --no-charts 2>"$T/err" \
    || fail "--no-workbook: $(cat "$T/err")"
