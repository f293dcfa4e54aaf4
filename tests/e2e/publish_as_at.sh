#!/usr/bin/env bash
# publish_as_at.sh: an as-at date before every publication in the data (a
# mistyped year, a config left on an old date) still builds, but warns -
# on stderr, even with --quiet, and in manifest.json - that every
# inspection count is zero, so an unattended run does not quietly publish
# an empty briefing. A date after the data is normal and does not warn.
source "$(dirname "$0")/publish_lib.bash"

"$SENDPACK" build -q --out "$T/early" "${QUICK[@]}" --as-at 1990-01-01 >"$T/stdout" 2>"$T/err" \
    || fail "as-at before the data: $(cat "$T/err")"
grep -q '^sendpack: warning: .*1990-01-01.*zero' "$T/err" || fail "no warning: $(cat "$T/err")"
grep -q 'warning: .*1990-01-01.*zero' "$T/early/manifest.json" || fail "warning not in the manifest"
[ ! -s "$T/stdout" ] || fail "printed on stdout"

"$SENDPACK" build -q --out "$T/late" "${QUICK[@]}" --as-at 2090-01-01 2>"$T/err" || fail "as-at after the data"
grep -v '^\[WARNING\]' "$T/err" | grep -q . && fail "as-at after the data printed: $(cat "$T/err")"
"$SENDPACK" build -q --out "$T/default" "${QUICK[@]}" 2>"$T/err" || fail "default as-at"
grep -v '^\[WARNING\]' "$T/err" | grep -q . && fail "default as-at printed: $(cat "$T/err")"
echo "ok"
