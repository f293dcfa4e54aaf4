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
has "$tmp/fix.txt" "Interventions: statutory direction"
has "$tmp/fix.txt" "Interventions and support"
author=$(pdfinfo "$tmp/fix/briefing.pdf" | sed -n 's/^Author: *//p')
[ "$author" = "Committee research team (illustrative example)" ] || fail "author \"$author\" is not the config's"
echo "ok"
