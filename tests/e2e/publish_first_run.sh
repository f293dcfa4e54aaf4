#!/usr/bin/env bash
# publish_first_run.sh: a config whose previous names its own output
# folder (README "Running it on a schedule": out = published, previous =
# published) publishes on the very first run, when that folder does not
# exist yet: a warning that there is nothing to compare with, no
# revisions.csv; the second run compares with the first.
source "$(dirname "$0")/publish_lib.bash"

mkdir -p "$T/srv"
cat >"$T/srv/publication.ini" <<INI
[inputs]
data = $SENDPACK_SRC/fixtures
[outputs]
out = published
previous = published
charts = false
briefing = false
profiles = false
INI
rc=0
"$SENDPACK" build -q --config "$T/srv/publication.ini" >"$T/stdout" 2>"$T/err" || rc=$?
[ "$rc" -eq 0 ] || fail "first run: exit $rc: $(cat "$T/err")"
[ -f "$T/srv/published/manifest.json" ] || fail "first run published nothing"
[ ! -e "$T/srv/published/revisions.csv" ] || fail "first run wrote revisions.csv"
grep -q '^sendpack: warning: .*no previous publication' "$T/err" || fail "first run: no warning: $(cat "$T/err")"
[ ! -s "$T/stdout" ] || fail "first run printed on stdout"

"$SENDPACK" build -q --config "$T/srv/publication.ini" --as-at 2021-03-31 2>"$T/err" \
    || fail "second run: $(cat "$T/err")"
[ -f "$T/srv/published/revisions.csv" ] || fail "second run did not compare with the first"

# A previous folder that is not the output folder must still exist.
rc=0
"$SENDPACK" build -q --config "$T/srv/publication.ini" --previous "$T/srv/typo" 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] && grep -q 'typo not found' "$T/err" || fail "missing --previous: exit $rc: $(cat "$T/err")"
echo "ok"
