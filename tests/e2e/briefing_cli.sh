#!/usr/bin/env bash
# briefing_cli: `sendpack build --profiles` writes briefing.pdf, one safely
# named one-page profile per area and areas.pdf; a bad template stops the
# run with template:line:column and exit 2; with ../shared/data, the briefing
# as at 31 March 2021 says "59 of 115 (51%)". Skips (77) without poppler-utils.
set -euo pipefail
cd "${SENDPACK_SRC:-$(dirname "$0")/../..}"
for t in pdftotext pdfinfo qpdf; do
  command -v "$t" >/dev/null || { echo "SKIP: needs $t" >&2; exit 77; }
done
bin=${SENDPACK:-build/sendpack}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$bin" build -q --data fixtures --illustrative --profiles --no-charts --no-workbook --out "$tmp/out"
out=$tmp/out
[ -s "$out/briefing.pdf" ] || fail "no briefing.pdf"
qpdf --check "$out/briefing.pdf" >/dev/null || fail "qpdf --check briefing.pdf"
# screen readers: marked as tagged, with a language and the title shown
for f in "$out/briefing.pdf" "$out/areas.pdf" "$out/areas/amberbridge_x08000011.pdf"; do
  qpdf --check "$f" >/dev/null || fail "qpdf --check $f"
  pdfinfo "$f" | grep -q '^Tagged: *yes' || fail "$f is not marked as tagged"
  root=$(qpdf --show-object=trailer "$f" | sed -n 's|.*/Root \([0-9]*\) 0 R.*|\1|p')
  cat_=$(qpdf --show-object="$root" "$f")
  for k in '/Lang (en-GB)' '/MarkInfo << /Marked true >>' '/StructTreeRoot' '/DisplayDocTitle true'; do
    case $cat_ in *"$k"*) ;; *) fail "$f catalog lacks $k: $cat_" ;; esac
  done
done
# (text to a file first: grep -q closing a pipe early would fail under pipefail)
pdftotext "$out/briefing.pdf" "$tmp/b.txt"
grep -q "Illustrative data" "$tmp/b.txt" || fail "briefing not marked illustrative"

n=$(find "$out/areas" -name '*.pdf' | wc -l)
[ "$n" -ge 100 ] || fail "only $n profiles"
bad=$(find "$out/areas" -type f | sed 's|.*/||' | grep -Ev '^[a-z0-9]+(-[a-z0-9]+)*(_[a-z0-9-]+)?\.pdf$' || true)
[ -z "$bad" ] || fail "unsafe profile names: $bad"
pages=$(pdfinfo "$out/areas.pdf" | sed -n 's/^Pages: *//p')
[ "$pages" = "$n" ] || fail "areas.pdf has $pages pages for $n profiles"
pdftotext "$out/areas/amberbridge_x08000011.pdf" "$tmp/p.txt"
grep -q "Amberbridge" "$tmp/p.txt" || fail "profile text"

# a template error: exit 2, the place named, nothing written
mkdir -p "$tmp/tpl"
cp templates/area-profile.md "$tmp/tpl/"
printf '# Briefing\n\nShare: {{wsoa.share|percent}}\n' >"$tmp/tpl/briefing.md"
set +e
"$bin" build -q --data fixtures --illustrative --no-charts --no-workbook --templates "$tmp/tpl" --out "$tmp/bad" 2>"$tmp/err"
st=$?
set -e
[ "$st" = 2 ] || fail "bad template: exit $st, not 2"
grep -q "briefing.md:3:8: unknown format \"percent\"" "$tmp/err" || fail "error does not name briefing.md:3:8: $(cat "$tmp/err")"
[ ! -e "$tmp/bad/briefing.pdf" ] || fail "briefing written despite the error"

real="${SHARED_DATA:-../shared/data}/ofsted/area-send-inspections-2016-2022.csv"
if [ -f "$real" ]; then
  "$bin" build -q --inspections "$real" --as-at 2021-03-31 --no-charts --no-workbook --out "$tmp/real"
  pdftotext "$tmp/real/briefing.pdf" "$tmp/r.txt"
  tr -s ' \n' '  ' <"$tmp/r.txt" >"$tmp/r1.txt"
  grep -q "59 of 115 (51%) were required" "$tmp/r1.txt" || fail "real briefing lacks \"59 of 115 (51%)\""
else
  echo "note: $real not found; real-data check left out" >&2
fi
echo "briefing_cli: 1 passed, 0 failed"
