#!/usr/bin/env bash
# publish_config.sh: `build --config FILE`: the example config in the
# repository builds; paths are relative to the config file; flags override
# it; unknown keys are errors with file:line and nothing is written.
source "$(dirname "$0")/publish_lib.bash"

setting() { grep -o "\"$1\" : [^,]*" "$2" | head -1 | sed 's/^[^:]*: //'; }

# 1. The example config (what ./scripts/run uses), into a scratch folder.
"$SENDPACK" build -q --config fixtures/publication.ini --out "$T/example" --previous "" 2>"$T/err" \
    || fail "example config: $(cat "$T/err")"
M="$T/example/manifest.json"
[ "$(setting file "$M")" = '"publication.ini"' ] || fail "manifest does not name the config"
[ "$(setting status "$M")" = '"illustrative"' ] || fail "status from the config"
[ "$(setting profiles "$M")" = true ] || fail "profiles from the config"
[ -f "$T/example/figures.json" ] && [ -f "$T/example/figures.csv" ] || fail "figures files missing"
grep -q '"as_at": "2024-03-31"' "$T/example/figures.json" || fail "as-at from the config"
[ -d "$T/example/areas" ] || fail "profiles asked for by the config were not written"

# 2. Paths relative to the config file, whatever the current folder.
mkdir -p "$T/conf" "$T/data"
cp fixtures/inspections-2016.csv fixtures/funding.csv "$T/data/"
cat >"$T/conf/pub.ini" <<'INI'
[publication]
title = Relative paths
status = illustrative
as-at = 2020-12-31
[inputs]
data = ../data
[outputs]
out = ../published
charts = false
briefing = false
workbook = false
INI
(cd / && "$SENDPACK" build -q --config "$T/conf/pub.ini") 2>"$T/err" || fail "relative config: $(cat "$T/err")"
M="$T/published/manifest.json"
[ -f "$M" ] || fail "out = ../published not relative to the config"
[ "$(setting title "$M")" = '"Relative paths"' ] || fail "title from the config"
[ "$(setting status "$M")" = '"illustrative"' ] || fail "status = illustrative"
grep -q '"path" : "../data/funding.csv"' "$M" || fail "data = ../data not relative to the config"
grep -q '"as_at": "2020-12-31"' "$T/published/figures.json" || fail "as-at from the config"

# 3. Flags override the config.
(cd / && "$SENDPACK" build -q --config "$T/conf/pub.ini" --title "From the flag" --illustrative \
    --as-at 2021-03-31 --out "$T/flags" --inspections "$SENDPACK_SRC/fixtures/inspections-2016.csv") \
    2>"$T/err" || fail "flags over config: $(cat "$T/err")"
M="$T/flags/manifest.json"
[ "$(setting title "$M")" = '"From the flag"' ] || fail "--title did not override"
[ "$(setting status "$M")" = '"illustrative"' ] || fail "--illustrative did not override"
grep -q '"as_at": "2021-03-31"' "$T/flags/figures.json" || fail "--as-at did not override"
grep -q 'funding.csv' "$M" && fail "input flags should replace the config's [inputs]"
[ -f "$T/published/manifest.json" ] || fail "--out did not override (the config's out changed)"

# 4. Unknown key: exit 2, file:line:column, nothing written.
cat >"$T/conf/bad.ini" <<'INI'
[publication]
title = Bad

[outputs]
colour = blue
out = ../never
INI
rc=0
"$SENDPACK" build --config "$T/conf/bad.ini" >"$T/out.txt" 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] || fail "unknown key: exit $rc"
grep -qF "$T/conf/bad.ini:5:1: unknown key \"colour\" in [outputs]" "$T/err" || fail "unknown key message: $(cat "$T/err")"
[ ! -e "$T/never" ] || fail "a bad config wrote its output folder"
ls "$T" | grep -q staging && fail "a bad config left a staging folder"

# 5. validate and figures read the config too.
"$SENDPACK" validate --config "$T/conf/pub.ini" >"$T/v" 2>&1 || fail "validate --config: $(cat "$T/v")"
grep -q "$T/data/inspections-2016.csv" "$T/v" || fail "validate lists the config's inputs"
rc=0; "$SENDPACK" figures --config "$T/conf/bad.ini" >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "figures with a bad config: exit $rc"
echo "ok"
