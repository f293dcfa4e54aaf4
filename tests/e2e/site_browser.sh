#!/usr/bin/env bash
# site_browser.sh: the web pages built from the fixtures, in a real browser
# (Debian's chromium, headless, driven by puppeteer-core; tests/web): the
# briefing, the list of areas, one area page (the one named
# =HYPERLINK(...)), the figures quoted and one figure page load from file://
# with no axe-core violation of WCAG 2.1 A and AA, every internal link and
# anchor resolving, nothing requested from the network, and no sideways
# scrolling at 320 px. Screenshots at 1280 and 375 px wide go to
# <build dir>/screenshots/fixtures/. Skips (77) only without chromium or node.
source "$(dirname "$0")/publish_lib.bash"

"$SENDPACK" build -q --config fixtures/publication.ini --previous "" --out "$T/out" 2>"$T/err" \
    || fail "build: $(cat "$T/err")"
S=$T/out/site
area=$(grep -o 'href="[^"]*">=HYPERLINK' "$S/areas/index.html" | sed 's/href="\([^"]*\)".*/\1/')
[ -n "$area" ] || fail "no page for the area named =HYPERLINK(...)"
shots=$(dirname "$SENDPACK")/screenshots/fixtures
rm -rf "$shots"
rc=0
tests/web/run-check.sh "$S" "$shots" index.html areas/index.html "areas/$area" \
    figures/index.html figures/wsoa.share.html || rc=$?
[ "$rc" -eq 0 ] || exit "$rc"
echo "screenshots: $shots"
