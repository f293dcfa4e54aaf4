#!/usr/bin/env bash
# site_browser_real.sh: site_browser.sh on Ofsted's published table (official
# data, no funding or interventions): the briefing, the list of areas, one
# area page and one figure page, checked in chromium. Screenshots go to
# <build dir>/screenshots/ofsted/. Skips (77) when the file is absent, or
# without chromium or node.
source "$(dirname "$0")/publish_lib.bash"
REAL="${SHARED_DATA:-../shared/data}/ofsted/area-send-inspections-2016-2022.csv"
if [ ! -f "$REAL" ]; then
    echo "skipped: real data not found at $REAL" >&2
    exit 77
fi

"$SENDPACK" build -q --inspections "$REAL" --official --previous "" --profiles --out "$T/out" \
    2>"$T/err" || fail "build: $(cat "$T/err")"
S=$T/out/site
[ -f "$S/areas/camden_e09000007.html" ] || fail "no page for Camden: $(ls "$S/areas" | head)"
shots=$(dirname "$SENDPACK")/screenshots/ofsted
rm -rf "$shots"
rc=0
tests/web/run-check.sh "$S" "$shots" index.html areas/index.html areas/camden_e09000007.html \
    figures/wsoa.share.html || rc=$?
[ "$rc" -eq 0 ] || exit "$rc"
echo "screenshots: $shots"
