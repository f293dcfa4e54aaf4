#!/usr/bin/env bash
# briefing_editorial: what a committee clerk reading the briefing would
# object to (issue 16), checked on the words pdftotext finds in the fixtures
# briefing and, with ../shared/data, the real one: no tool language (file
# names, code values, "file was given", figures.json, the tool as author),
# sources naming the release the data matches. Skips (77) without poppler.
set -euo pipefail
cd "${SENDPACK_SRC:-$(dirname "$0")/../..}"
for t in pdftotext pdfinfo; do
  command -v "$t" >/dev/null || { echo "SKIP: needs $t" >&2; exit 77; }
done
bin=${SENDPACK:-build/sendpack}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# text with line breaks and layout runs squeezed to one space
words() { pdftotext "$1" - | tr -s ' \n' '  ' >"$2"; }
has() { grep -qF -- "$2" "$1" || fail "$(basename "$1"): lacks \"$2\""; }
lacks() { if grep -qiE -- "$2" "$1"; then fail "$(basename "$1"): has \"$(grep -oiE -- "$2" "$1" | head -1)\""; fi; }

"$bin" build -q --config fixtures/publication.ini --no-charts --no-workbook --no-site \
  --out "$tmp/fix"
words "$tmp/fix/briefing.pdf" "$tmp/fix.txt"
real="${SHARED_DATA:-../shared/data}/ofsted/area-send-inspections-2016-2022.csv"
texts=("$tmp/fix.txt")
if [ -f "$real" ]; then
  "$bin" build -q --inspections "$real" --official --no-charts --no-workbook --no-site --out "$tmp/real"
  words "$tmp/real/briefing.pdf" "$tmp/real.txt"
  texts+=("$tmp/real.txt")
  # 2. no interventions or funding given: no section saying so
  lacks "$tmp/real.txt" 'file was given|funding file'
  lacks "$tmp/real.txt" 'Interventions and support'
  # the release the data matches (published 17 November 2022), not another
  has "$tmp/real.txt" "Source: Ofsted, Area SEND inspection and revisit outcomes, 1 May 2016 to 31 August 2022 (published 17 November 2022)"
  lacks "$tmp/real.txt" 'as at 31 March 2021'
  # 3. the dagger explained under the table and chart that use it; the
  # definitions in an annex after the sources
  has "$tmp/real.txt" "Notes: † The share rests on fewer than 10 areas"
  has "$tmp/real.txt" "† Fewer than 10 areas inspected"
  grep -qE "Sources .* Annex: definitions of the figures quoted Table [0-9]+: Definitions" "$tmp/real.txt" \
    || fail "the definitions are not in an annex after the sources"
  author=$(pdfinfo "$tmp/real/briefing.pdf" | sed -n 's/^Author: *//p')
  [ "$author" != sendpack ] || fail "the real briefing's author is the tool"
fi
for t in "${texts[@]}"; do
  # 2. tool language
  lacks "$t" '\(file: |\.csv|figures\.json|statutory_direction|adviser_support|safety_valve|funding file|sendpack'
  lacks "$t" 'Figures [0-9]'
done
# 7. typography: nothing under 9 pt (a word's box is 1.16 times its size),
# body text at 11 pt; dates and "£1.2 million" never split across lines;
# the cover says "briefing" once; contents start flush left; numeric
# headers take at most two lines
type_sizes() {
  pdftotext -bbox "$1" - | python3 -c '
import re, sys, collections
c = collections.Counter(round(float(b) - float(a), 1) for a, b in
    re.findall(r"<word [^>]*yMin=\"([\d.]+)\"[^>]*yMax=\"([\d.]+)\"", sys.stdin.read()))
small = sum(n for h, n in c.items() if h < 10.4)
body = sum(n for h, n in c.items() if 12.7 <= h <= 12.9)
print(small, body)'
}
for pdf in "$tmp"/*/briefing.pdf; do
  read -r small body < <(type_sizes "$pdf")
  [ "$small" = 0 ] || fail "$pdf: $small words under 9 pt"
  [ "$body" -ge 300 ] || fail "$pdf: only $body words at 11 pt"
  pdftotext "$pdf" "$tmp/raw.txt"
  if grep -Pzo '\b[0-9]{1,2}\n(January|February|March|April|May|June|July|August|September|October|November|December)\b|(January|February|March|April|May|June|July|August|September|October|November|December)\n[0-9]{4}|[0-9]\n(million|billion)\b' "$tmp/raw.txt" >"$tmp/split" 2>/dev/null; then
    fail "$pdf: a date or amount split across lines: $(tr '\n\0' '/ ' <"$tmp/split" | head -c 200)"
  fi
  pdftotext -f 1 -l 1 "$pdf" "$tmp/cover.txt"
  lacks "$tmp/cover.txt" ': briefing'
  pdftotext -layout -f 2 -l 2 "$pdf" "$tmp/toc.txt"
  grep -qE '^Summary ' "$tmp/toc.txt" || fail "$pdf: the contents do not start flush left with Summary"
done
if [ -f "$real" ]; then
  pdftotext -layout "$tmp/real/briefing.pdf" "$tmp/real-layout.txt"
  head_lines=$(awk '/Table 2: /{on=1; n=0; next} on && /East Midlands/{print n; exit} on && NF{n++}' "$tmp/real-layout.txt")
  [ "${head_lines:-9}" -le 2 ] || fail "Table 2's header takes $head_lines lines"
fi
# 8. numbers: £ million to one decimal, one unit per column, intervals in
# words, long dates wherever a reader sees a date
has "$tmp/fix.txt" "total £78.9 million"
has "$tmp/fix.txt" "Total (£ million)"
lacks "$tmp/fix.txt" '£[0-9]+\.[0-9]{2} million|95% CI'
for t in "${texts[@]}"; do
  lacks "$t" '[0-9]{4}-[0-9]{2}-[0-9]{2}'
done
[ ! -f "$real" ] || has "$tmp/real.txt" "likely to lie between 47% and 63%"
has "$tmp/fix.txt" "Interventions: statutory direction"
has "$tmp/fix.txt" "Interventions and support"
author=$(pdfinfo "$tmp/fix/briefing.pdf" | sed -n 's/^Author: *//p')
[ "$author" = "Committee research team (illustrative example)" ] || fail "author \"$author\" is not the config's"
echo "ok"
