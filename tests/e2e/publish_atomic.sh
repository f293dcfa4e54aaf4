#!/usr/bin/env bash
# publish_atomic.sh: a build never leaves a half-written publication.
#  - killed with SIGKILL after each step K (SENDPACK_TEST_PAUSE_AFTER=K), the
#    target holds exactly the old or exactly the new publication; the next
#    run removes what the dead one left and publishes;
#  - abort() after step K (SENDPACK_TEST_ABORT_AFTER=K): same;
#  - SIGTERM or SIGINT during a build: staging removed at once, old kept;
#  - out/ holding only .gitkeep keeps its .gitkeep;
#  - a non-empty folder that is not a publication is never replaced.
source "$(dirname "$0")/publish_lib.bash"
OUT="$T/pub/out"
build() { "$SENDPACK" build -q --out "$OUT" "${QUICK[@]}" "$@"; }
# Start a paused build in the background: $! is sendpack itself, not a
# subshell, so a signal reaches it. Killed on exit whatever happens.
BG=()
trap 'for p in "${BG[@]}"; do kill -KILL "$p" 2>/dev/null || true; done; cleanup' EXIT
start_paused() {
    # Empty it first: the background shell may open (and truncate) it only
    # after wait_for has read the previous run's "test pause after step K".
    : >"$T/pause.err"
    SENDPACK_TEST_PAUSE_AFTER=$1 "$SENDPACK" build -q --out "$OUT" "${QUICK[@]}" --title "New publication" \
        2>"$T/pause.err" &
    pid=$!
    BG+=("$pid")
    wait_for "$T/pause.err" "test pause after step $1 " 60
}

# The two publications every interrupted run must end as.
build --title "Old publication" 2>"$T/err" || fail "old build: $(cat "$T/err")"
OLD=$(snapshot "$OUT")
build --title "New publication" 2>"$T/err" || fail "new build: $(cat "$T/err")"
NEW=$(snapshot "$OUT")
[ "$OLD" != "$NEW" ] || fail "old and new publications should differ"

reset_old() {
    rm -rf "$OUT"
    build --title "Old publication" 2>/dev/null
    [ "$(snapshot "$OUT")" = "$OLD" ] || fail "cannot rebuild the old publication"
}

# old_or_new LABEL: the target is exactly one of the two.
old_or_new() {
    local now
    now=$(snapshot "$OUT" 2>/dev/null || true)
    if [ "$now" = "$OLD" ]; then echo old; return; fi
    if [ "$now" = "$NEW" ]; then echo new; return; fi
    diff <(echo "$OLD") <(echo "$now") >&2 || true
    fail "$1: target is neither the old nor the new publication"
}

# Steps 1..11 (see sp_build_step in publish.h).
for K in $(seq 1 11); do
    reset_old
    start_paused "$K"
    kill -KILL $pid
    wait $pid 2>/dev/null || true
    state=$(old_or_new "SIGKILL after step $K")
    # Before the swap it must still be the old one; after it, the new one.
    if [ "$K" -lt 10 ] && [ "$state" != old ]; then fail "SIGKILL after step $K: new before the swap"; fi
    if [ "$K" -ge 10 ] && [ "$state" != new ]; then fail "SIGKILL after step $K: old after the swap"; fi
    # The next run cleans up what the killed one left, then publishes.
    build --title "New publication" 2>"$T/err" || fail "run after SIGKILL at $K: $(cat "$T/err")"
    [ "$(snapshot "$OUT")" = "$NEW" ] || fail "run after SIGKILL at $K did not publish"
    assert_no_leftovers "$OUT"
done

# abort() (a crash) after a few steps.
for K in 3 7 9 10; do
    reset_old
    rc=0
    SENDPACK_TEST_ABORT_AFTER=$K build --title "New publication" 2>/dev/null || rc=$?
    [ "$rc" -ne 0 ] || fail "abort after $K: exit 0"
    old_or_new "abort after step $K" >/dev/null
    build --title "New publication" 2>/dev/null || fail "run after abort at $K"
    assert_no_leftovers "$OUT"
done

# The swap's fallback path crashed half-way: out.old-<dead pid>-<token>
# (with the run's marker) and no out. The next run puts the old publication
# back before anything else.
TOK=0123456789abcdef
reset_old
mv "$OUT" "$OUT.old-999999999-$TOK"
: >"$OUT.old-999999999-$TOK/.sendpack-run-999999999-$TOK"
mkdir "$OUT.staging-999999999-$TOK"
: >"$OUT.staging-999999999-$TOK/.sendpack-run-999999999-$TOK"
rc=0
"$SENDPACK" build -q --out "$OUT" --inspections fixtures/bad/inspections-bad-date.csv 2>/dev/null || rc=$?
[ "$rc" -eq 2 ] || fail "bad input after a crash: exit $rc"
[ -e "$OUT.old-999999999-$TOK" ] || fail "bad input must write nothing, not even clean up"
build --title "New publication" 2>/dev/null || fail "run after a mid-swap crash"
[ "$(snapshot "$OUT")" = "$NEW" ] || fail "run after a mid-swap crash did not publish"
ls -A "$OUT" | grep -q sendpack-run && fail "the run marker stayed in the publication"
assert_no_leftovers "$OUT"
# A live process's staging folder is never touched.
sleep 30 & live=$!; BG+=("$live")
mkdir "$OUT.staging-$live-$TOK"
: >"$OUT.staging-$live-$TOK/.sendpack-run-$live-$TOK"
build --title "New publication" 2>/dev/null
[ -d "$OUT.staging-$live-$TOK" ] || fail "removed the staging folder of a live process"
kill $live; wait $live 2>/dev/null || true
rm -r "$OUT.staging-$live-$TOK"
# Folders that merely look like leftovers (no marker, a marker that does not
# match the name, a link) are neither deleted nor renamed into out.
reset_old
mkdir "$T/keep" && echo mine >"$T/keep/notes.txt"
for name in old-20240101 staging-99999999 old-999999999-$TOK staging-999999998-$TOK; do
    cp -r "$T/keep" "$OUT.$name"
done
: >"$OUT.staging-999999998-$TOK/.sendpack-run-999999997-$TOK"
ln -s "$T/keep" "$OUT.old-999999996-$TOK"
rm -rf "$OUT"
build --title "New publication" 2>/dev/null || fail "run beside look-alike folders"
[ "$(snapshot "$OUT")" = "$NEW" ] || fail "a look-alike folder was taken for the old publication"
for name in old-20240101 staging-99999999 old-999999999-$TOK staging-999999998-$TOK old-999999996-$TOK; do
    [ "$(cat "$OUT.$name/notes.txt" 2>/dev/null)" = mine ] || fail "$OUT.$name was touched"
    rm -rf "$OUT.$name"
done
[ -f "$T/keep/notes.txt" ] || fail "the link's folder was emptied"

# SIGTERM and SIGINT: staging removed straight away, old publication kept.
for sig in TERM INT; do
    reset_old
    start_paused 5
    ls -d "$OUT".staging-* >/dev/null 2>&1 || fail "no staging folder while paused"
    kill -$sig $pid
    rc=0; wait $pid || rc=$?
    [ "$rc" -ne 0 ] || fail "SIG$sig: exit 0"
    grep -q 'interrupted' "$T/pause.err" || fail "SIG$sig: no message: $(cat "$T/pause.err")"
    [ "$(old_or_new "SIG$sig")" = old ] || fail "SIG$sig changed the publication"
    assert_no_leftovers "$OUT"
done

# A failing input leaves the old publication byte-identical.
reset_old
rc=0
build --title "New publication" --inspections fixtures/bad/inspections-bad-yes-no.csv 2>/dev/null || rc=$?
[ "$rc" -eq 2 ] || fail "failing input: exit $rc"
[ "$(old_or_new "failing input")" = old ] || fail "failing input changed the publication"
assert_no_leftovers "$OUT"

# out/ with only .gitkeep (as in the repository) keeps it.
G="$T/g/out"; mkdir -p "$G"; : >"$G/.gitkeep"
"$SENDPACK" build -q --out "$G" "${QUICK[@]}" 2>/dev/null || fail "build into a .gitkeep folder"
[ -f "$G/.gitkeep" ] && [ -f "$G/manifest.json" ] || fail ".gitkeep not kept"
grep -q gitkeep "$G/manifest.json" && fail ".gitkeep listed as an output"

# Never replace a folder that is not a publication.
mkdir -p "$T/home"; echo "precious" >"$T/home/notes.txt"
rc=0
"$SENDPACK" build --out "$T/home" "${QUICK[@]}" 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] || fail "non-publication folder: exit $rc"
grep -q 'not a sendpack publication' "$T/err" || fail "non-publication folder: $(cat "$T/err")"
[ "$(cat "$T/home/notes.txt")" = precious ] || fail "non-publication folder changed"
echo "ok"
