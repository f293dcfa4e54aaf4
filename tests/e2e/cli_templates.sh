#!/usr/bin/env bash
# cli_templates.sh: template mistakes are reported for people: an unknown
# chart lists the charts there are, and a templates folder without the
# template the build needs names --templates. Exit 2, nothing written.
source "$(dirname "$0")/publish_lib.bash"

mkdir "$T/tpl"
cp templates/briefing.md templates/area-profile.md "$T/tpl/"
printf '\n![A chart](chart:wsoa-by-regoin)\n' >>"$T/tpl/briefing.md"
rc=0; "$SENDPACK" build -q --templates "$T/tpl" --out "$T/out" --no-charts --no-workbook 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] || fail "unknown chart: exit $rc: $(cat "$T/err")"
grep -q 'unknown chart "wsoa-by-regoin"; the charts are wsoa-by-region, wsoa-by-year, timeline' "$T/err" \
    || fail "unknown chart does not list the charts: $(cat "$T/err")"
[ ! -e "$T/out" ] || fail "unknown chart: wrote the output"

mkdir "$T/empty"
rc=0; "$SENDPACK" build -q --templates "$T/empty" --out "$T/out" --no-charts --no-workbook 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] && grep -q "$T/empty/briefing.md: template not found: name the templates folder with --templates" "$T/err" \
    || fail "missing template: exit $rc: $(cat "$T/err")"
[ ! -e "$T/out" ] || fail "missing template: wrote the output"
echo "ok"
