# publish_lib.bash: shared by tests/e2e/cli_*.sh and publish_*.sh (sourced,
# not a test itself: CTest only globs *.sh). Sets strict mode, moves to the
# source root, makes a scratch folder $T removed on exit, and gives small
# helpers that compare and inspect publications.
set -euo pipefail
: "${SENDPACK:?SENDPACK must name the sendpack binary}"
cd "${SENDPACK_SRC:-.}"
T=$(mktemp -d "${TMPDIR:-/tmp}/sendpack-e2e.XXXXXX")
cleanup() {
    chattr -R -i "$T" 2>/dev/null || true
    chmod -R u+w "$T" 2>/dev/null || true
    rm -rf "$T"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
note() { echo "--- $*" >&2; }

# A publication as "sha256  relative/path" lines, sorted: equal trees give
# equal text.
snapshot() { (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum); }

# No "<base>.staging-*" or "<base>.old-*" beside the target $1.
assert_no_leftovers() {
    local parent base left
    parent=$(dirname "$1"); base=$(basename "$1")
    left=$(find "$parent" -maxdepth 1 \( -name "$base.staging-*" -o -name "$base.old-*" \) -print)
    [ -z "$left" ] || fail "left behind: $left"
}

# Wait (up to $3 seconds) until file $1 contains the fixed string $2.
wait_for() {
    local i
    for ((i = 0; i < $3 * 10; i++)); do
        grep -qF -- "$2" "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    fail "timed out waiting for \"$2\" in $1: $(cat "$1")"
}

# The value column of one figure in `figures --format csv` output on stdin.
figure() { awk -F, -v id="$1" '$1 == id { print $4 }'; }

# Quick build options: the workbook is the only renderer (fast, but a real
# binary output that changes with the title).
QUICK=(--no-charts --no-briefing --no-profiles --no-site)
