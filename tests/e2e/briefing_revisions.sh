#!/usr/bin/env bash
# briefing_revisions: a build with a previous publication adds "What changed
# since the last publication" to the briefing, with the previous as-at date,
# the counts that revisions.csv holds, and a row per changed headline figure;
# a build without one has no such section. Skips (77) without pdftotext.
set -euo pipefail
cd "${SENDPACK_SRC:-$(dirname "$0")/../..}"
command -v pdftotext >/dev/null || { echo "SKIP: needs pdftotext" >&2; exit 77; }
bin=${SENDPACK:-build/sendpack}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
common=(-q --data fixtures --illustrative --no-charts --no-workbook --no-profiles)

"$bin" build "${common[@]}" --as-at 2022-03-31 --out "$tmp/old"
pdftotext "$tmp/old/briefing.pdf" "$tmp/old.txt"
if grep -q "What changed since the last publication" "$tmp/old.txt"; then
  fail "a first publication has a 'what changed' section"
fi

"$bin" build "${common[@]}" --as-at 2024-03-31 --previous "$tmp/old" --out "$tmp/new"
[ -s "$tmp/new/revisions.csv" ] || fail "no revisions.csv"
pdftotext -raw "$tmp/new/briefing.pdf" "$tmp/new.txt"
grep -q "What changed since the last publication" "$tmp/new.txt" || fail "no 'what changed' section"
changed=$(grep -c '^changed,' "$tmp/new/revisions.csv")
added=$(grep -c '^new,' "$tmp/new/revisions.csv" || true)
# counts as the briefing writes them, with a thousands separator (1,343)
group() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }
tr '\n' ' ' <"$tmp/new.txt" | grep -q "Compared with the publication as at 31 March 2022, $(group "$changed") figures changed value, $(group "$added") are new" \
  || fail "section does not give the counts in revisions.csv ($changed changed, $added new)"
# the national count of areas inspected moved from one publication to the next
old=$(grep -o '"id": "inspections.count"[^}]*"value": [0-9]*' "$tmp/old/figures.json" | sed 's/.*: //')
new=$(grep -o '"id": "inspections.count"[^}]*"value": [0-9]*' "$tmp/new/figures.json" | sed 's/.*: //')
[ "$old" != "$new" ] || fail "fixture as-at dates give the same count; test cannot tell"
grep -Eq "^Areas inspected $old $new \+$((new - old))\$" "$tmp/new.txt" \
  || fail "no table row 'Areas inspected $old $new +$((new - old))'"
echo "ok: what changed section ($changed changed, $added new)"
