#!/usr/bin/env bash
# cli_real_data.sh: issue 2's "Done when" on Ofsted's published table: the
# figures at 31 March 2021 reproduce the published numbers, and build writes
# the same figures.json and figures.csv as `figures` prints.
source "$(dirname "$0")/publish_lib.bash"
REAL="${SHARED_DATA:-../shared/data}/ofsted/area-send-inspections-2016-2022.csv"
if [ ! -f "$REAL" ]; then
    echo "skipped: real data not found at $REAL" >&2
    exit 77
fi

"$SENDPACK" figures --format csv --inspections "$REAL" --as-at 2021-03-31 >"$T/f.csv" 2>"$T/err" \
    || fail "figures: $(cat "$T/err")"
expect() {
    local got
    got=$(figure "$1" <"$T/f.csv")
    [ "$got" = "$2" ] || fail "$1 = \"$got\", published $2"
}
expect inspections.count 115
expect wsoa.count 59
expect region.london.wsoa.count 6
expect region.london.inspections.count 24
expect region.east-of-england.wsoa.count 9
expect region.east-of-england.inspections.count 11
expect as_at 2021-03-31

# All of it: 149 inspected, 82 with a WSoA.
"$SENDPACK" figures --format csv --inspections "$REAL" >"$T/all.csv" 2>/dev/null
[ "$(figure inspections.count <"$T/all.csv")" = 149 ] || fail "all: inspections.count"
[ "$(figure wsoa.count <"$T/all.csv")" = 82 ] || fail "all: wsoa.count"

# JSON: schema, as_at, one record per figure.
"$SENDPACK" figures --inspections "$REAL" --as-at 2021-03-31 >"$T/f.json"
head -1 "$T/f.json" | grep -q '^{"schema": "sendpack.figures/1", "as_at": "2021-03-31"' \
    || fail "figures.json header: $(head -1 "$T/f.json")"
grep -q '{"id": "inspections.count", "label": "[^"]*", "unit": "count", "value": 115,' "$T/f.json" \
    || fail "figures.json record for inspections.count"

# build writes the same two files into the publication.
"$SENDPACK" build -q --inspections "$REAL" --as-at 2021-03-31 --out "$T/out" "${QUICK[@]}" --no-workbook \
    2>"$T/err" || fail "build: $(cat "$T/err")"
cmp -s "$T/f.json" "$T/out/figures.json" || fail "out/figures.json differs from 'figures'"
cmp -s "$T/f.csv" "$T/out/figures.csv" || fail "out/figures.csv differs from 'figures --format csv'"
echo "ok"
