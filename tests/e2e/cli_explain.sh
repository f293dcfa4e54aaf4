#!/usr/bin/env bash
# cli_explain.sh: `sendpack explain` as a reader uses it on the fixtures: the
# figure and its records as text, CSV (role, key, name, value, source,
# reason first; a record in numerator and denominator on two rows) and JSON;
# --included-only; globs; an unknown id exits 2 naming the closest ids and
# prints nothing on stdout.
source "$(dirname "$0")/publish_lib.bash"

"$SENDPACK" explain wsoa.share --as-at 2021-03-31 >"$T/t.txt" 2>"$T/err" || fail "text: $(cat "$T/err")"
head -1 "$T/t.txt" | grep -q '^wsoa.share: Share of inspected areas' || fail "text title: $(head -1 "$T/t.txt")"
grep -q '^  filter:     inspection published on or before 2021-03-31$' "$T/t.txt" || fail "text filter"
grep -q '^numerator ([0-9]* records):$' "$T/t.txt" || fail "text numerator heading"
grep -q 'inspection published 20[0-9-]*, after the as-at date$' "$T/t.txt" || fail "text excluded reason"

"$SENDPACK" explain wsoa.share --as-at 2021-03-31 --format csv >"$T/e.csv" || fail "csv"
[ "$(head -1 "$T/e.csv" | tr -d '\r')" = "role,key,name,value,source,reason,figure_id" ] \
    || fail "csv header: $(head -1 "$T/e.csv")"
"$SENDPACK" figures --format csv --as-at 2021-03-31 >"$T/f.csv"
num=$(grep -c '^numerator,' "$T/e.csv")
den=$(grep -c '^denominator,' "$T/e.csv")
[ "$num" = "$(figure wsoa.count <"$T/f.csv")" ] || fail "csv: $num numerator rows"
[ "$den" = "$(figure inspections.count <"$T/f.csv")" ] || fail "csv: $den denominator rows"
grep -q '^numerator,[^,]*,[^,]*,1,inspections-2016.csv:[0-9]*,,wsoa.share' "$T/e.csv" || fail "csv numerator row"
grep -q '^excluded,.*,inspection published [0-9-]*\, after the as-at date,wsoa.share' "$T/e.csv" \
    || grep -q '^excluded,.*,"inspection published [0-9-]*, after the as-at date",wsoa.share' "$T/e.csv" \
    || fail "csv excluded row"

"$SENDPACK" explain wsoa.share --as-at 2021-03-31 --format csv --included-only >"$T/i.csv" || fail "--included-only"
grep -q '^excluded,' "$T/i.csv" && fail "--included-only lists excluded records"
[ "$(grep -c '^numerator,' "$T/i.csv")" = "$num" ] || fail "--included-only numerator rows"

"$SENDPACK" explain --format json weaknesses.identified.total >"$T/e.json" || fail "json"
python3 - "$T/e.json" <<'PY' || fail "json rows do not add up to the value"
import json, sys
d = json.load(open(sys.argv[1]))
rows = [r for r in d["rows"] if r["role"] == "value"]
assert rows and abs(sum(r["value"] for r in rows) - d["figure"]["value"]) < 1e-9
assert all(r["source"] and r["line"] >= 2 for r in d["rows"])
PY

# A glob explains each match.
"$SENDPACK" explain 'region.*.wsoa.share' --format csv >"$T/g.csv" || fail "glob"
got=$(tail -n +2 "$T/g.csv" | tr -d '\r' | awk -F, '{print $NF}' | sort -u | tr '\n' ' ')
want=$(grep -o '^region\.[^,]*\.wsoa\.share' "$T/f.csv" | sort -u | tr '\n' ' ')
[ -n "$want" ] && [ "$got" = "$want" ] || fail "glob matched [$got], expected [$want]"

# Unknown id: exit 2, the closest ids, nothing on stdout.
set +e
"$SENDPACK" explain wsoa.shar >"$T/u.out" 2>"$T/u.err"
rc=$?
set -e
[ "$rc" = 2 ] || fail "unknown id exit $rc"
[ ! -s "$T/u.out" ] || fail "unknown id wrote to stdout"
grep -q 'no figure "wsoa.shar"; did you mean: wsoa.share' "$T/u.err" || fail "suggestion: $(cat "$T/u.err")"
set +e
"$SENDPACK" explain >/dev/null 2>"$T/n.err"; rc1=$?
"$SENDPACK" explain wsoa.share --format xml >/dev/null 2>&1; rc2=$?
"$SENDPACK" explain --help >"$T/h.txt"; rc3=$?
set -e
[ "$rc1" = 2 ] && [ "$rc2" = 2 ] && [ "$rc3" = 0 ] || fail "usage exits $rc1 $rc2 $rc3"
grep -q -- '--included-only' "$T/h.txt" || fail "--help does not list --included-only"
echo ok
