#!/usr/bin/env bash
# publish_interrupt_late.sh: a signal that arrives after the swap (while the
# old publication is being removed) cannot undo the new publication, so the
# message must not claim the previous one is untouched: it says the new
# publication is in place. Before the swap the message is as always.
source "$(dirname "$0")/publish_lib.bash"
OUT="$T/pub/out"
BG=()
trap 'for p in "${BG[@]}"; do kill -KILL "$p" 2>/dev/null || true; done; cleanup' EXIT
"$SENDPACK" build -q --out "$OUT" "${QUICK[@]}" --title Old 2>"$T/err" || fail "first build: $(cat "$T/err")"

interrupt_after() {
    : >"$T/pause.err"
    SENDPACK_TEST_PAUSE_AFTER=$1 "$SENDPACK" build -q --out "$OUT" "${QUICK[@]}" --title "$2" 2>"$T/pause.err" &
    pid=$!
    BG+=("$pid")
    wait_for "$T/pause.err" "test pause after step $1 " 60
    kill -INT "$pid"
    wait "$pid" 2>/dev/null || true
}

interrupt_after 10 New
grep -q '"title" : "New"' "$OUT/manifest.json" || fail "the swapped-in publication is not in place"
grep -q 'interrupted' "$T/pause.err" || fail "no message: $(cat "$T/pause.err")"
grep -q 'untouched' "$T/pause.err" && fail "claims the previous publication is untouched after the swap: $(cat "$T/pause.err")"
grep -q 'new publication is in place' "$T/pause.err" || fail "does not say the new one is in place: $(cat "$T/pause.err")"
assert_no_leftovers "$OUT"

interrupt_after 5 Newer
grep -q '"title" : "New"' "$OUT/manifest.json" || fail "interrupted before the swap, yet changed"
grep -q 'previous publication is untouched' "$T/pause.err" || fail "before the swap: $(cat "$T/pause.err")"
assert_no_leftovers "$OUT"
echo "ok"
