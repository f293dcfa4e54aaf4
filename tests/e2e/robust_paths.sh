#!/usr/bin/env bash
# robust_paths.sh: every path a run needs is checked before the work, and a
# failed run leaves nothing behind: a missing templates folder is reported at
# once; an --out path too long for the file system is refused without making
# any folder; problems name the output folder, never the staging folder.
source "$(dirname "$0")/publish_lib.bash"
quick=(--inspections fixtures/inspections-2016.csv)
rc=0; "$SENDPACK" build -q "${quick[@]}" --templates "$T/none" --out "$T/out" 2>"$T/err" || rc=$?
[ "$rc" = 2 ] || fail "missing templates: exit $rc, expected 2"
grep -q "$T/none/briefing.md: template not found" "$T/err" || fail "unclear message: $(cat "$T/err")"
[ ! -e "$T/out" ] || fail "wrote something"
# a 6,000-character --out path
long="$T/deep"
for i in $(seq 1 20); do long="$long/$(printf 'd%.0s' $(seq 1 290))"; done
rc=0; "$SENDPACK" build -q "${quick[@]}" --out "$long/out" 2>"$T/err" || rc=$?
[ "$rc" = 2 ] || fail "long path: exit $rc, expected 2: $(cat "$T/err")"
grep -q "expected a path of at most" "$T/err" || fail "unclear message: $(cat "$T/err")"
[ ! -e "$T/deep" ] || fail "left folders behind: $(find "$T/deep" | head -3)"
# a failing write names the output folder: a chart name taken by a folder
# cannot happen, so use a file size limit on the workbook
"$SENDPACK" build -q "${quick[@]}" --no-briefing --no-charts --out "$T/pub/out" 2>"$T/err" || fail "build: $(cat "$T/err")"
limited() { (ulimit -f 0; exec "$SENDPACK" "$@" 2>&1 >/dev/null) | cat >&2; }
limited build -q "${quick[@]}" --no-briefing --no-charts --out "$T/pub/out" 2>"$T/err" || true
grep -q "File too large" "$T/err" || fail "no write error: $(cat "$T/err")"
# (libxlsxwriter prints "[ERROR] ..." lines of its own: not ours to word)
if grep -v '^\[ERROR\]' "$T/err" | grep -q "staging-"; then fail "a message names the staging folder: $(cat "$T/err")"; fi
grep -q "$T/pub/out" "$T/err" || fail "the message does not name the output folder: $(cat "$T/err")"
# a failed build into a new nested folder removes the folders it made
limited build -q "${quick[@]}" --no-briefing --no-charts --out "$T/new/a/b/out" 2>"$T/err" || true
[ ! -e "$T/new" ] || fail "a failed build left folders: $(find "$T/new" | head -3)"
exit 0
