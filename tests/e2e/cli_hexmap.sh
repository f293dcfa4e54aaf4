#!/usr/bin/env bash
# cli_hexmap: --hexmap (and the config's hexmap key) adds the hex map chart
# to charts/ and the briefing; an inspected area without a hex is a warning
# naming it; a broken layout is refused (exit 2, file and line, nothing
# written); without a layout the briefing still builds, with no map.
set -euo pipefail
cd "${SENDPACK_SRC:-$(dirname "$0")/../..}"
bin=${SENDPACK:-build/sendpack}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
common=(--data fixtures --illustrative --no-workbook --no-site --previous "")

# 1. the flag: chart files, its CSV lists every area with its outcome
"$bin" build -q "${common[@]}" --hexmap fixtures/hexmap.hexjson --out "$tmp/a" || fail "build with --hexmap failed"
for e in png svg pdf txt csv; do [ -s "$tmp/a/charts/hexmap.$e" ] || fail "no charts/hexmap.$e"; done
rows=$(($(wc -l <"$tmp/a/charts/hexmap.csv") - 1))
hexes=$(grep -c '"q"' fixtures/hexmap.hexjson)
[ "$rows" -eq "$hexes" ] || fail "hexmap.csv has $rows areas, the layout $hexes"
csv=$(cat "$tmp/a/charts/hexmap.csv")
case "$csv" in *",wsoa,Written statement of action required,"*) ;; *) fail "hexmap.csv has no WSoA area";; esac
text=$(pdftotext "$tmp/a/briefing.pdf" -)
case "$text" in *"one hexagon per area"*|*"one hexagon each"*) ;; *) fail "the briefing has no hex map";; esac

# 2. the config key, relative to the config file
"$bin" build -q --config fixtures/publication.ini --out "$tmp/c" --no-workbook --no-site --previous "" || fail "config build failed"
[ -s "$tmp/c/charts/hexmap.png" ] || fail "the config's hexmap key drew no map"

# 3. an area missing from the layout is a warning naming it
grep -v '"X06000001"' fixtures/hexmap.hexjson >"$tmp/less.hexjson"
err=$("$bin" build "${common[@]}" --hexmap "$tmp/less.hexjson" --out "$tmp/w" 2>&1 >/dev/null) || fail "a missing hex stopped the build"
case "$err" in *"area X06000001 (Quillholme) has no hex in the hex map layout"*) ;; *) fail "no warning for the missing area: $err";; esac

# 4. a broken layout: exit 2, file and line, nothing written
printf '{"layout":"odd-r",\n"hexes":{\n"X1":{"q":0,"r":0},\n"X2":{"q":1}\n}}\n' >"$tmp/bad.hexjson"
set +e
err=$("$bin" build "${common[@]}" --hexmap "$tmp/bad.hexjson" --out "$tmp/b" 2>&1 >/dev/null)
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "a broken layout gave exit $rc, expected 2"
case "$err" in *"$tmp/bad.hexjson:4"*"hex \"X2\": expected a whole number r, found nothing"*) ;; *) fail "no file:line error: $err";; esac
[ ! -e "$tmp/b" ] || fail "a broken layout wrote output"

# 5. no layout: the briefing builds without the map
"$bin" build -q "${common[@]}" --out "$tmp/n" || fail "build without a layout failed"
[ ! -e "$tmp/n/charts/hexmap.png" ] || fail "a hex map without a layout"
text=$(pdftotext "$tmp/n/briefing.pdf" -)
case "$text" in *"hexagon"*) fail "the briefing mentions a hex map it does not have";; esac
echo "cli_hexmap: 5 passed, 0 failed"
