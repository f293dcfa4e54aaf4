#!/usr/bin/env bash
# robust_terminal.sh: labels, ids and file names from a crafted figures.json
# or input reach the terminal with their control characters escaped (an
# ESC could set the window title or clear the screen, a CR overwrite a line).
source "$(dirname "$0")/publish_lib.bash"
esc=$'\e' bel=$'\a' cr=$'\r'
cat >"$T/old.json" <<'JSON'
{"schema": "sendpack.figures/1", "as_at": "2021-03-31", "figures": [
 {"id": "a", "label": "plain", "unit": "count", "value": 1}]}
JSON
cat >"$T/new.json" <<'JSON'
{"schema": "sendpack.figures/1", "as_at": "2021-03-31", "figures": [
 {"id": "a", "label": "title \u001b]0;pwned\u0007 clear \u001b[2J back\roverwritten \u009b31m", "unit": "count", "value": 2},
 {"id": "b\u001b[31m", "label": "new", "unit": "count", "value": 3}]}
JSON
rc=0; "$SENDPACK" diff "$T/old.json" "$T/new.json" >"$T/out" 2>"$T/err" || rc=$?
[ "$rc" -le 1 ] || fail "diff: exit $rc: $(cat "$T/err")"
for c in "$esc" "$bel" "$cr" $'\xc2\x9b'; do
    if grep -qF -- "$c" "$T/out"; then fail "diff printed a raw control character: $(od -c "$T/out" | head)"; fi
done
grep -qF 'title \x1b]0;pwned\x07 clear \x1b[2J back\roverwritten \u009b31m' "$T/out" \
    || fail "the label is not shown escaped: $(cat "$T/out")"
grep -qF 'b\x1b[31m' "$T/out" || fail "the id is not shown escaped: $(cat "$T/out")"
# errors: a file name with an ESC in it
bad="$T/bad${esc}[2Jname.json"
echo '{"schema": 1}' >"$bad"
rc=0; "$SENDPACK" diff "$bad" "$T/new.json" >"$T/out" 2>"$T/err" || rc=$?
[ "$rc" = 2 ] || fail "a foreign figures.json must exit 2, not $rc"
if grep -qF -- "$esc" "$T/err"; then fail "an error printed a raw ESC: $(od -c "$T/err" | head)"; fi
grep -qF 'bad\x1b[2Jname.json' "$T/err" || fail "the file name is not shown escaped: $(cat "$T/err")"
grep -qF '"schema": 1' "$T/err" || fail "the error does not name the member: $(cat "$T/err")"
# usage errors echo what was typed
rc=0; "$SENDPACK" "no${esc}[2Jcommand" 2>"$T/err" || rc=$?
if grep -qF -- "$esc" "$T/err"; then fail "a usage error printed a raw ESC"; fi
exit 0
