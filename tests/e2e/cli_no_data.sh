#!/usr/bin/env bash
# cli_no_data: runs with nothing to publish are bad input, not a pack of
# zeros: a config naming no inputs (it must never fall back to the fictional
# fixtures), no inspections file, an inspections file with no rows. Each
# exits 2 with one clear line and writes nothing. With no inputs and no
# config at all, the fixtures are read and every output says "Illustrative";
# --official then is refused.
set -euo pipefail
cd "${SENDPACK_SRC:-$(dirname "$0")/../..}"
bin=${SENDPACK:-build/sendpack}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# expect_bad MESSAGE ARGS...: exit 2, MESSAGE on stderr, no output folder
expect_bad() {
  local want=$1 rc=0
  shift
  "$bin" build -q --out "$tmp/out" "$@" 2>"$tmp/err" || rc=$?
  [ "$rc" -eq 2 ] || fail "$*: exit $rc, expected 2: $(cat "$tmp/err")"
  grep -qF -- "$want" "$tmp/err" || fail "$*: expected '$want', got: $(cat "$tmp/err")"
  [ ! -e "$tmp/out" ] || fail "$*: wrote $tmp/out"
}

printf '[publication]\ntitle = Monthly\nstatus = official\n' >"$tmp/pub.ini"
expect_bad "$tmp/pub.ini: names no inputs: add an [inputs] group" --config "$tmp/pub.ini"

expect_bad "no inspections file among the inputs" --funding fixtures/funding.csv

printf 'la_code,area_name,region,inspection_start,inspection_published,wsoa_required\r\n' >"$tmp/inspections.csv"
expect_bad "$tmp/inspections.csv: no inspection rows: the file has nothing below the header row" \
  --inspections "$tmp/inspections.csv"

# no inputs, no config: the fixtures, marked illustrative without being told
command -v pdftotext >/dev/null || { echo "SKIP: the rest needs pdftotext" >&2; exit 77; }
"$bin" build -q --out "$tmp/fx" --no-charts --no-workbook 2>"$tmp/err" || fail "fixtures fallback: $(cat "$tmp/err")"
pdftotext "$tmp/fx/briefing.pdf" "$tmp/fx.txt"
grep -q "Illustrative data" "$tmp/fx.txt" || fail "the fixtures fallback is not marked illustrative"
# the fixtures are fictional: never official, whatever the flags say
expect_bad "can never be published as official" --official --no-charts --no-workbook
echo "cli_no_data: 1 passed, 0 failed"
