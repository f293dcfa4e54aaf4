#!/usr/bin/env bash
# cli_profiles: `sendpack profiles` builds the publication with one profile
# per area (areas/<slug>.pdf, areas.pdf), exactly as `build --profiles` does;
# plain `build` leaves profiles out.
set -euo pipefail
cd "${SENDPACK_SRC:-$(dirname "$0")/../..}"
bin=${SENDPACK:-build/sendpack}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
only=(-q --data fixtures --illustrative --no-charts --no-briefing --no-workbook --previous "")

"$bin" profiles "${only[@]}" --out "$tmp/p" || fail "sendpack profiles failed"
areas=$(tail -n +2 fixtures/inspections-2016.csv | wc -l)
n=$(find "$tmp/p/areas" -name '*.pdf' | wc -l)
[ "$n" -ge "$areas" ] || fail "profiles wrote $n profiles for $areas areas"
[ -s "$tmp/p/areas.pdf" ] || fail "no areas.pdf"

"$bin" build --profiles "${only[@]}" --out "$tmp/b"
diff -r "$tmp/p" "$tmp/b" >/dev/null || fail "profiles and build --profiles differ"

"$bin" build "${only[@]}" --out "$tmp/n"
[ ! -e "$tmp/n/areas" ] && [ ! -e "$tmp/n/areas.pdf" ] || fail "plain build wrote profiles"
echo "cli_profiles: 1 passed, 0 failed"
