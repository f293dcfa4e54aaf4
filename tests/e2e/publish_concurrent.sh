#!/usr/bin/env bash
# publish_concurrent.sh: two builds into the same --out at the same time
# (an overlapping cron run, a manual run during the scheduled one). The
# second one stops with exit 1 and a clear message instead of racing the
# first: the first's staging folder is left alone, the publication stays
# one whole publication, and once the first has gone a build runs normally.
source "$(dirname "$0")/publish_lib.bash"
OUT="$T/pub/out"
BG=()
trap 'for p in "${BG[@]}"; do kill -KILL "$p" 2>/dev/null || true; done; cleanup' EXIT

"$SENDPACK" build -q --out "$OUT" "${QUICK[@]}" --title Old 2>"$T/err" || fail "first build: $(cat "$T/err")"
OLD=$(snapshot "$OUT")

# A build paused with its staging folder made (step 3) holds the target.
: >"$T/pause.err"
SENDPACK_TEST_PAUSE_AFTER=3 "$SENDPACK" build -q --out "$OUT" --previous "$OUT" "${QUICK[@]}" --title A \
    2>"$T/pause.err" &
pid=$!
BG+=("$pid")
wait_for "$T/pause.err" "test pause after step 3 " 60
ls -d "$OUT.staging-$pid"-* >/dev/null 2>&1 || fail "the paused build has no staging folder"

rc=0
"$SENDPACK" build -q --out "$OUT" --previous "$OUT" "${QUICK[@]}" --title B >"$T/stdout" 2>"$T/err" || rc=$?
[ "$rc" -eq 1 ] || fail "second build at the same time: exit $rc, expected 1: $(cat "$T/err")"
grep -q 'another sendpack build is publishing into' "$T/err" || fail "unclear message: $(cat "$T/err")"
grep -q 'nothing published' "$T/err" || fail "does not say nothing was published: $(cat "$T/err")"
[ "$(snapshot "$OUT")" = "$OLD" ] || fail "the second build changed the publication"
ls -d "$OUT.staging-$pid"-* >/dev/null 2>&1 || fail "the second build removed the first one's staging folder"
ls -d "$OUT".staging-* | grep -v "staging-$pid-" && fail "the second build left a staging folder"

# The first one dies; the lock goes with it and the next build publishes.
kill -KILL "$pid"
wait "$pid" 2>/dev/null || true
"$SENDPACK" build -q --out "$OUT" --previous "$OUT" "${QUICK[@]}" --title C 2>"$T/err" \
    || fail "build after the first one ended: $(cat "$T/err")"
grep -q '"title" : "C"' "$OUT/manifest.json" || fail "C not published"
assert_no_leftovers "$OUT"

# Builds into two different folders side by side do not stop each other.
: >"$T/pause.err"
SENDPACK_TEST_PAUSE_AFTER=3 "$SENDPACK" build -q --out "$OUT" "${QUICK[@]}" 2>"$T/pause.err" &
pid=$!
BG+=("$pid")
wait_for "$T/pause.err" "test pause after step 3 " 60
"$SENDPACK" build -q --out "$T/pub/draft" "${QUICK[@]}" 2>"$T/err" || fail "sibling build: $(cat "$T/err")"
kill -KILL "$pid"
wait "$pid" 2>/dev/null || true
echo "ok"
