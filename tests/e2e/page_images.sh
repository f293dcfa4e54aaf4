#!/usr/bin/env bash
# page_images: every page of the fixtures briefing and of three profiles
# looks as the stored known-good images in tests/pages/ say (rendered at 40
# dpi; ImageMagick's compare counts the pixels that differ by more than 5%,
# and a page may differ in at most PAGE_TOLERANCE of them, default 150), so
# a layout change is always deliberate. After a change you meant, look at
# the pages and run scripts/update-page-images, then commit tests/pages/.
set -euo pipefail
cd "${SENDPACK_SRC:-$(dirname "$0")/../..}"
export SENDPACK=${SENDPACK:-build/sendpack}
command -v compare >/dev/null || { echo "SKIP: ImageMagick's compare is not installed (scripts/ensure-deps)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
say() { echo "FAIL: $*" >&2; fail=1; }
tolerance=${PAGE_TOLERANCE:-150}
hint="look at the change, and if it is meant, run scripts/update-page-images and commit tests/pages/"

scripts/update-page-images --into "$tmp/now"
stored=$(cd tests/pages && ls -- *.png 2>/dev/null | LC_ALL=C sort || true)
now=$(cd "$tmp/now" && ls -- *.png | LC_ALL=C sort)
[ -n "$stored" ] || { echo "FAIL: tests/pages/ holds no page images: run scripts/update-page-images" >&2; exit 1; }
for p in $now; do
  case " $(echo $stored) " in *" $p "*) ;; *) say "page ${p%.png} is new (the publication has more pages than tests/pages/): $hint";; esac
done
for p in $stored; do
  if [ ! -f "$tmp/now/$p" ]; then
    say "page ${p%.png} is gone (the publication has fewer pages than tests/pages/): $hint"
    continue
  fi
  diff=$(compare -metric AE -fuzz 5% "tests/pages/$p" "$tmp/now/$p" "$tmp/diff-$p" 2>&1 >/dev/null || true)
  diff=${diff%% *}
  case "$diff" in
    ''|*[!0-9.e+]*) say "page ${p%.png}: the images cannot be compared ($diff), e.g. a different size: $hint"; continue ;;
  esac
  if awk -v d="$diff" -v t="$tolerance" 'BEGIN { exit !(d + 0 > t + 0) }'; then
    say "page ${p%.png} differs from tests/pages/$p in $diff pixels (tolerance $tolerance): $hint"
  fi
done
[ "$fail" = 0 ] || exit 1
echo "page_images: $(echo "$stored" | wc -w) pages match"
