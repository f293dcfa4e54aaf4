#!/usr/bin/env bash
# pdf_accessibility: the briefing, one area profile, the combined profiles
# and every chart PDF pass the PDF/UA-1 essentials that pdf_ua_check.py
# reads from their structure with pikepdf (marked content or artifacts for
# every drawn thing, Figure /Alt = the chart's alt text, links with a
# destination, /Contents and their text, lists, TH /Scope, tables with a
# header row and one Table across a page break, headings following the
# outline, XMP, /Tabs /S,
# DisplayDocTitle), and are byte-identical between runs. Not a full
# validator (veraPDF is not packaged for Debian). Skips (77) without
# Debian's python3-pikepdf.
set -euo pipefail
cd "${SENDPACK_SRC:-$(dirname "$0")/../..}"
py=/usr/bin/python3
"$py" -c 'import pikepdf' 2>/dev/null || { echo "SKIP: needs python3-pikepdf" >&2; exit 77; }
bin=${SENDPACK:-build/sendpack}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
check=tests/e2e/pdf_ua_check.py

"$bin" build -q --data fixtures --illustrative --profiles --no-workbook --out "$tmp/a"
out=$tmp/a
# the methods annex's table runs over a page break: still one Table
"$py" "$check" "$out/briefing.pdf" --split-table || fail "briefing.pdf"
"$py" "$check" "$out/areas/amberbridge_x08000011.pdf" || fail "areas/amberbridge_x08000011.pdf"
"$py" "$check" "$out/areas.pdf" || fail "areas.pdf"
n=0
for pdf in "$out"/charts/*.pdf; do
  "$py" "$check" "$pdf" --alt "${pdf%.pdf}.txt" || fail "$pdf"
  n=$((n + 1))
done
[ "$n" -ge 8 ] || fail "only $n chart PDFs"

# what the check counts: the briefing has figures (9 charts with the
# fixtures' SEN2 and DSG files and the hex map), links, lists and tables
"$py" "$check" "$out/briefing.pdf" 2>"$tmp/counts"
for want in '9 Figure' ' L,' ' TH,' ' Table'; do
  grep -q -- "$want" "$tmp/counts" || fail "briefing counts lack $want: $(cat "$tmp/counts")"
done
grep -q ' 0 Link' "$tmp/counts" && fail "no links in the briefing: $(cat "$tmp/counts")"

# byte-identical between runs (qpdf's deterministic /ID, no clock)
"$bin" build -q --data fixtures --illustrative --profiles --no-workbook --out "$tmp/b"
for f in briefing.pdf areas.pdf areas/amberbridge_x08000011.pdf charts/outcomes-2023.pdf; do
  cmp -s "$tmp/a/$f" "$tmp/b/$f" || fail "$f differs between runs"
done
echo "pdf_accessibility: 1 passed, 0 failed"
