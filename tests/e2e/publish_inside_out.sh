#!/usr/bin/env bash
# publish_inside_out.sh: a build replaces the whole output folder, so
# anything it still needs that lives inside that folder - the previous
# publication (other than the output folder itself), an input, the
# templates, the config file - would be deleted by the swap. Such a build is refused (exit 2)
# before anything is written; --previous naming the output folder itself
# stays supported.
source "$(dirname "$0")/publish_lib.bash"

OUT="$T/pub"
"$SENDPACK" build -q --out "$OUT" "${QUICK[@]}" 2>"$T/err" || fail "first build: $(cat "$T/err")"
mkdir "$OUT/archive"
cp "$OUT"/*.json "$OUT"/*.csv fixtures/inspections-2016.csv "$OUT/archive/"
cp -r templates "$OUT/archive/templates"
printf '[publication]\ntitle = Kept in the publication\n[inputs]\ninspections = inspections-2016.csv\n' >"$OUT/archive/publication.ini"
before=$(snapshot "$OUT")

# expect_refused WHAT ARGS...
expect_refused() {
    local what=$1 rc=0
    shift
    "$SENDPACK" build -q --out "$OUT" --no-charts --no-profiles --title "New" "$@" >"$T/stdout" 2>"$T/err" || rc=$?
    [ "$rc" -eq 2 ] || fail "$what: exit $rc: $(cat "$T/err")"
    grep -q 'inside the output folder' "$T/err" || fail "$what: unclear message: $(cat "$T/err")"
    [ "$(snapshot "$OUT")" = "$before" ] || fail "$what: the publication changed"
    assert_no_leftovers "$OUT"
}
expect_refused "--previous inside --out" --previous "$OUT/archive"
expect_refused "--previous inside --out, relative" --previous "$(realpath --relative-to=. "$OUT")/./archive/"
expect_refused "an input inside --out" --inspections "$OUT/archive/inspections-2016.csv"
expect_refused "templates inside --out" --templates "$OUT/archive/templates"
expect_refused "the config inside --out" --config "$OUT/archive/publication.ini"

# The output folder as its own previous publication: fine (archive/ is not
# in its manifest, so replacing it needs --replace-unlisted).
"$SENDPACK" build -q --out "$OUT" "${QUICK[@]}" --previous "$OUT/" --replace-unlisted 2>"$T/err" || fail "--previous = --out: $(cat "$T/err")"
[ -f "$OUT/revisions.csv" ] || fail "--previous = --out: no revisions.csv"
# A sibling whose name starts like the output folder is not inside it.
"$SENDPACK" build -q --out "$T/pub-old" "${QUICK[@]}" 2>"$T/err" || fail "sibling: $(cat "$T/err")"
"$SENDPACK" build -q --out "$OUT" "${QUICK[@]}" --previous "$T/pub-old" 2>"$T/err" \
    || fail "--previous a sibling named like --out: $(cat "$T/err")"
echo "ok"
