#!/usr/bin/env bash
# cli_real_data_variants.sh: the published table re-saved with a UTF-8 BOM,
# CRLF line ends and YYYY/MM/DD dates gives byte-identical figures.
source "$(dirname "$0")/publish_lib.bash"
REAL="${SHARED_DATA:-../shared/data}/ofsted/area-send-inspections-2016-2022.csv"
if [ ! -f "$REAL" ]; then
    echo "skipped: real data not found at $REAL" >&2
    exit 77
fi
# Same file name in another folder: the source line names the file.
mkdir "$T/variant"
VAR="$T/variant/$(basename "$REAL")"
{ printf '\xEF\xBB\xBF'; sed -E 's#\b([0-9]{2})/([0-9]{2})/([0-9]{4})\b#\3/\2/\1#g; s/\r?$/\r/' "$REAL"; } >"$VAR"
# The variant really differs: BOM, CRLF, no DD/MM/YYYY left, YYYY/MM/DD present.
[ "$(head -c 3 "$VAR" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "no BOM"
grep -q $'\r$' "$VAR" || fail "no CRLF"
grep -qE '\b[0-9]{2}/[0-9]{2}/[0-9]{4}\b' "$VAR" && fail "DD/MM/YYYY dates left"
grep -qE '\b20[12][0-9]/[01][0-9]/[0-3][0-9]\b' "$VAR" || fail "no YYYY/MM/DD dates"

for as_at in 2021-03-31 ""; do
    args=(--format json)
    [ -n "$as_at" ] && args+=(--as-at "$as_at")
    "$SENDPACK" figures "${args[@]}" --inspections "$REAL" >"$T/a.json" 2>"$T/a.err" || fail "original: $(cat "$T/a.err")"
    "$SENDPACK" figures "${args[@]}" --inspections "$VAR" >"$T/b.json" 2>"$T/b.err" || fail "variant: $(cat "$T/b.err")"
    cmp -s "$T/a.json" "$T/b.json" || { diff "$T/a.json" "$T/b.json" | head >&2; fail "figures differ (as at '$as_at')"; }
    grep -q '"id": "inspections.count"' "$T/a.json" || fail "no figures at all"
done
echo "ok"
