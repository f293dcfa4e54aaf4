#!/usr/bin/env bash
# publish_foreign_manifest.sh: only a sendpack publication is replaced. A
# folder that merely has a file called manifest.json - a web site's root
# (a web app manifest), a package - is not one: exit 2, left as it was.
source "$(dirname "$0")/publish_lib.bash"

mkdir -p "$T/www"
echo '<h1>Our site</h1>' >"$T/www/index.html"
echo '{"name": "Our site", "start_url": "/"}' >"$T/www/manifest.json"
before=$(snapshot "$T/www")
rc=0
"$SENDPACK" build -q --out "$T/www" "${QUICK[@]}" 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] || fail "folder with a foreign manifest.json: exit $rc: $(cat "$T/err")"
grep -q 'not a sendpack publication' "$T/err" || fail "unclear message: $(cat "$T/err")"
[ "$(snapshot "$T/www")" = "$before" ] || fail "the folder changed"
assert_no_leftovers "$T/www"

# Not JSON at all.
echo 'not json' >"$T/www/manifest.json"
rc=0
"$SENDPACK" build -q --out "$T/www" "${QUICK[@]}" 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] && [ -f "$T/www/index.html" ] || fail "manifest.json that is not JSON: exit $rc"

# A real publication is still replaced.
"$SENDPACK" build -q --out "$T/pub" "${QUICK[@]}" --title Old 2>"$T/err" || fail "first: $(cat "$T/err")"
"$SENDPACK" build -q --out "$T/pub" "${QUICK[@]}" --title New 2>"$T/err" || fail "second: $(cat "$T/err")"
grep -q '"title" : "New"' "$T/pub/manifest.json" || fail "publication not replaced"
echo "ok"
