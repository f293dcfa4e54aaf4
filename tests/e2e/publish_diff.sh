#!/usr/bin/env bash
# publish_diff.sh: `sendpack diff OLD NEW` lists changed, new and removed
# figures; `build --previous DIR` writes the same as revisions.csv (and hands
# it to the briefing); a publication compared with itself has no changes.
source "$(dirname "$0")/publish_lib.bash"
quick() { "$SENDPACK" build -q "${QUICK[@]}" --no-workbook "$@"; }

quick --out "$T/a" --as-at 2019-12-31 2>/dev/null || fail "build a"
quick --out "$T/b" --as-at 2021-03-31 2>/dev/null || fail "build b"
old=$(figure inspections.count <"$T/a/figures.csv")
new=$(figure inspections.count <"$T/b/figures.csv")
[ "$old" != "$new" ] || fail "test data: the two publications should differ"

# Text: a summary line, then one line per figure.
# exit status as diff(1): 1 when there are changes
rc=0; "$SENDPACK" diff "$T/a" "$T/b" >"$T/diff.txt" 2>"$T/err" || rc=$?
[ "$rc" -eq 1 ] || fail "diff with changes: exit $rc, expected 1: $(cat "$T/err")"
head -1 "$T/diff.txt" | grep -Eq '^as at 31 December 2019 -> 31 March 2021: [1-9][0-9]* changed, [0-9]+ new, [0-9]+ removed$' \
    || fail "diff summary: $(head -1 "$T/diff.txt")"
grep -q "^changed  *inspections.count  \"[^\"]*\"  $old -> $new  (+$((new - old)))\$" "$T/diff.txt" \
    || fail "diff line for inspections.count: $(grep inspections.count "$T/diff.txt")"
grep -q '^changed  *wsoa.share  .*percentage points)$' "$T/diff.txt" || fail "share change in percentage points"

# CSV, and build --previous writes the same as revisions.csv.
rc=0; "$SENDPACK" diff --format csv "$T/a" "$T/b/figures.json" >"$T/diff.csv" || rc=$?
[ "$rc" -eq 1 ] || fail "diff --format csv: exit $rc"
head -1 "$T/diff.csv" | grep -q '^kind,id,label,unit,old,new,change' || fail "csv header"
grep -q "^changed,inspections.count,[^,]*,count,$old,$new,$((new - old))"$'\r'"\$" "$T/diff.csv" \
    || fail "csv row for inspections.count"
quick --out "$T/c" --as-at 2021-03-31 --previous "$T/a" 2>"$T/err" || fail "build --previous: $(cat "$T/err")"
cmp -s "$T/diff.csv" "$T/c/revisions.csv" || fail "revisions.csv differs from 'diff --format csv'"
grep -q '"path" : "revisions.csv"' "$T/c/manifest.json" || fail "revisions.csv not in the manifest"

# Without --quiet the build sums up the revisions.
"$SENDPACK" build "${QUICK[@]}" --no-workbook --out "$T/e" --as-at 2021-03-31 --previous "$T/a" 2>"$T/err" \
    || fail "build --previous: $(cat "$T/err")"
n=$(grep -c '^changed,' "$T/diff.csv")
grep -qx "sendpack: since the previous publication: $n changed, [0-9]* new, [0-9]* removed (revisions.csv)" "$T/err" \
    || fail "revisions summary: $(cat "$T/err")"

# Compared with itself: nothing changed.
"$SENDPACK" diff "$T/b" "$T/b" >"$T/self.txt" || fail "self-diff: exit $?, expected 0"
grep -qx 'as at 31 March 2021 -> 31 March 2021: 0 changed, 0 new, 0 removed' \
    "$T/self.txt" || fail "self-diff"

# previous = the output folder itself (as fixtures/publication.ini does):
# the first run has nothing to compare with (a warning), the second compares
# with the publication it replaces.
mkdir "$T/self"
quick --out "$T/self" --previous "$T/self" 2>"$T/err" || fail "first run with previous = out: $(cat "$T/err")"
grep -q 'warning: no figures.json in the previous publication' "$T/err" || fail "no warning for a first run"
[ ! -e "$T/self/revisions.csv" ] || fail "revisions.csv without a previous publication"
quick --out "$T/self" --previous "$T/self" 2>"$T/err" || fail "second run: $(cat "$T/err")"
[ "$(cat "$T/self/revisions.csv")" = $'kind,id,label,unit,old,new,change\r' ] || fail "no-change revisions.csv"

# A previous folder that does not exist is bad input: exit 2, nothing written.
rc=0; quick --out "$T/d" --previous "$T/nowhere" 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] && grep -q "previous publication folder $T/nowhere not found" "$T/err" || fail "missing previous: $rc $(cat "$T/err")"
[ ! -e "$T/d" ] || fail "missing previous: wrote the output"
echo '{"not": "figures"}' >"$T/junk.json"
rc=0; "$SENDPACK" diff "$T/junk.json" "$T/b" >"$T/out.txt" 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] && grep -q "$T/junk.json: not a figures.json file" "$T/err" && [ ! -s "$T/out.txt" ] \
    || fail "diff of a non-publication: exit $rc, $(cat "$T/err")"
echo "ok"
