#!/usr/bin/env bash
# cli_usage.sh: --version, --help for every command (with the exit codes),
# and usage errors: exit 2, a message naming the flag, nothing on stdout,
# nothing written.
source "$(dirname "$0")/publish_lib.bash"

"$SENDPACK" --version | grep -qx 'sendpack [0-9][0-9.]*' || fail "--version"
grep -q 'Exit status: 0 success' <<<"$("$SENDPACK" --help)" || fail "top-level --help"
# every command answers --version and --help with exit 0
for cmd in build profiles figures validate diff; do
    "$SENDPACK" $cmd --version | grep -qx 'sendpack [0-9][0-9.]*' || fail "$cmd --version"
    help=$("$SENDPACK" $cmd --help) || fail "$cmd --help exit status"
    grep -q -- '--version' <<<"$help" || fail "$cmd --help lists --version"
done
for cmd in build figures validate; do
    out=$("$SENDPACK" $cmd --help) || fail "$cmd --help exit status"
    grep -q "sendpack $cmd" <<<"$out" || fail "$cmd --help names the command"
    grep -q '2  bad input or usage' <<<"$out" || fail "$cmd --help documents exit 2"
    grep -q '1  any other failure' <<<"$out" || fail "$cmd --help documents exit 1"
    grep -q -- '--as-at' <<<"$out" || fail "$cmd --help lists --as-at"
done
grep -q -- '--prepared-for' <<<"$("$SENDPACK" build --help)" || fail "build --help lists --prepared-for"
grep -q -- '--format' <<<"$("$SENDPACK" figures --help)" || fail "figures --help lists --format"
"$SENDPACK" diff --help | grep -q 'OLD NEW' || fail "diff --help"

# expect_usage ARGS...: exit 2, stderr matching $PATTERN, empty stdout.
expect_usage() {
    local rc=0
    "$SENDPACK" "$@" >"$T/stdout" 2>"$T/stderr" || rc=$?
    [ "$rc" -eq 2 ] || fail "$*: exit $rc, expected 2"
    [ ! -s "$T/stdout" ] || fail "$*: wrote to stdout: $(cat "$T/stdout")"
    grep -qF -- "$PATTERN" "$T/stderr" || fail "$*: stderr lacks \"$PATTERN\": $(cat "$T/stderr")"
}
PATTERN='unknown command "publish"' expect_usage publish
PATTERN='unknown option --colour' expect_usage build --colour
# mistyped flags get a suggestion, as mistyped config keys do
PATTERN='unknown option --inspection; did you mean --inspections?' expect_usage build --inspection x.csv
PATTERN='unknown option --as_at; did you mean --as-at?' expect_usage figures --as_at=2021-03-31
PATTERN='unknown option --formt; did you mean --format?' expect_usage diff --formt csv a b
PATTERN='unknown option --profile; did you mean --profiles?' expect_usage build --profile
# a folder given as an inspections file points to --data
PATTERN='--inspections: "fixtures" is a folder; to read the files in it, use --data fixtures' \
    expect_usage validate --inspections fixtures
PATTERN='--as-at: expected a date from 1990-01-01 to 2099-12-31, such as 2021-03-31, found "2021-02-30"' expect_usage figures --as-at 2021-02-30
PATTERN='--as-at: expected a date from 1990-01-01 to 2099-12-31, such as 2021-03-31, found "2999-12-31"' expect_usage figures --as-at 2999-12-31
PATTERN='--as-at: expected a date from 1990-01-01 to 2099-12-31, such as 2021-03-31, found "0001-01-01"' expect_usage figures --as-at 0001-01-01
PATTERN='--as-at: expected a date' expect_usage build --as-at yesterday --out "$T/out"
PATTERN='--first-n: expected a whole number of at least 1, found "0"' expect_usage figures --first-n 0
PATTERN='--dpi: expected a whole number from 36 to 2400, found "high"' expect_usage build --dpi high --out "$T/out"
PATTERN='--size: expected width x height in centimetres' expect_usage build --size 16by10 --out "$T/out"
PATTERN='--workbook: expected a file name ending .xlsx' expect_usage build --workbook ../x.xlsx --out "$T/out"
PATTERN='--format: expected json or csv, found "xml"' expect_usage figures --format xml
PATTERN='--illustrative and --official contradict' expect_usage build --illustrative --official --out "$T/out"
PATTERN='unexpected argument "extra"' expect_usage validate extra
PATTERN='--data: folder "'"$T"'/none" not found' expect_usage figures --data "$T/none"
PATTERN="$T/none.ini: cannot read" expect_usage build --config "$T/none.ini" --out "$T/out"
PATTERN='expected two publications' expect_usage diff only-one
[ ! -e "$T/out" ] || fail "a usage error wrote $T/out"
ls "$T" | grep -q staging && fail "a usage error left a staging folder"

# No inputs anywhere: run from an empty folder.
rc=0; (cd "$T" && "$SENDPACK" figures >/dev/null 2>"$T/err") || rc=$?
[ "$rc" -eq 2 ] && grep -q 'no inputs' "$T/err" || fail "no inputs: exit $rc, $(cat "$T/err")"

# Default inputs are fixtures/ in the current folder; figures go to stdout.
"$SENDPACK" figures --format json >"$T/f.json" 2>"$T/err" || fail "figures from fixtures/: $(cat "$T/err")"
grep -q '^{"schema": "sendpack.figures/1"' "$T/f.json" || fail "figures prints figures.json"

"$SENDPACK" validate >"$T/v" 2>&1 || fail "validate fixtures: $(cat "$T/v")"
grep -q '^ok: ' "$T/v" || fail "validate prints ok: $(cat "$T/v")"

# Output that cannot be written is a failure (exit 1), not bad input.
if [ -w /dev/full ]; then
    rc=0; "$SENDPACK" figures >/dev/full 2>"$T/err" || rc=$?
    [ "$rc" -eq 1 ] && grep -q 'cannot write the figures to standard output' "$T/err" \
        || fail "figures >/dev/full: exit $rc, $(cat "$T/err")"
fi
echo "ok"
