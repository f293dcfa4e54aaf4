#!/usr/bin/env bash
# readme_facts.sh: what the README promises a new user, checked: the
# exit-status table is one table (rows 0, 1 and 2 together, so it renders),
# the default of --illustrative/--official is stated, and the real-data
# example writes outside the checkout (or into a git-ignored folder), so
# following it never leaves a publication among the sources.
set -euo pipefail
cd "${SENDPACK_SRC:-$(dirname "$0")/../..}"
fail() { echo "FAIL: $*" >&2; exit 1; }

table=$(awk '/^#### Exit status/ { on = 1; next } on && /^\|/ { print; seen = 1; next } on && seen { exit }' README.md)
rows=$(grep -oE '^\| [0-9] \|' <<<"$table" | tr -d '| ' | tr '\n' ' ')
[ "$rows" = "0 1 2 " ] || fail "the exit-status table rows are '$rows', expected '0 1 2 '"

grep -qE 'illustrative \(the default\)' README.md || fail "the default of --illustrative/--official is not stated"

line=$(grep -E 'sendpack build .*--official' README.md | head -1)
[ -n "$line" ] || fail "no real-data example"
out=$(grep -oE -- '--out [^ ]+' <<<"$line" | head -1 | cut -d' ' -f2)
case "$out" in
    /* | '~'* | ../*) ;;
    *) if git rev-parse --git-dir >/dev/null 2>&1; then
           git check-ignore -q "$out/x" || fail "the real-data example writes $out inside the checkout, not ignored by git"
       else
           fail "the real-data example writes $out inside the checkout"
       fi ;;
esac
echo "ok"
