#!/usr/bin/env bash
# publish_target_errors.sh: a target that cannot be written - a read-only
# folder, or a full one (simulated with `ulimit -f`) - gives exit 1 and a
# clear message, leaves the previous publication as it was and no staging
# folder behind.
source "$(dirname "$0")/publish_lib.bash"

# make_readonly DIR / undo_readonly DIR: chmod for ordinary users; root
# ignores permissions, so use the immutable attribute (ext4 and others).
make_readonly() {
    if [ "$(id -u)" -ne 0 ]; then chmod a-w "$1"; return 0; fi
    chattr +i "$1" 2>/dev/null
}
undo_readonly() { chattr -i "$1" 2>/dev/null || true; chmod u+w "$1"; }
can_write() { (: >"$1/.probe") 2>/dev/null && rm -f "$1/.probe"; }

# expect_failure DESCRIPTION PATTERN OUT ARGS...: exit 1, message, old kept.
expect_failure() {
    local what=$1 pattern=$2 out=$3 before rc=0
    shift 3
    before=$(snapshot "$out")
    "$SENDPACK" build --out "$out" "$@" >"$T/stdout" 2>"$T/stderr" || rc=$?
    [ "$rc" -eq 1 ] || fail "$what: exit $rc, expected 1: $(cat "$T/stderr")"
    grep -qE -- "$pattern" "$T/stderr" || fail "$what: unclear message: $(cat "$T/stderr")"
    grep -q 'nothing published' "$T/stderr" || fail "$what: does not say nothing was published"
    [ "$(snapshot "$out")" = "$before" ] || fail "$what: the previous publication changed"
    assert_no_leftovers "$out"
}

ran=0
# 1. The folder the publication lives in is read-only: no staging folder.
mkdir -p "$T/ro"
"$SENDPACK" build -q --out "$T/ro/out" "${QUICK[@]}" 2>/dev/null || fail "first build"
if make_readonly "$T/ro" && ! can_write "$T/ro"; then
    expect_failure "read-only parent" "cannot create the staging folder .*(Permission denied|Operation not permitted)" \
        "$T/ro/out" "${QUICK[@]}"
    undo_readonly "$T/ro"
    ran=$((ran + 1))
else
    undo_readonly "$T/ro"
    echo "note: cannot make a read-only folder here; read-only parent not tested" >&2
fi

# 2. The publication folder itself is read-only.
mkdir -p "$T/ro2"
"$SENDPACK" build -q --out "$T/ro2/out" "${QUICK[@]}" 2>/dev/null || fail "first build"
if make_readonly "$T/ro2/out" && ! can_write "$T/ro2/out"; then
    expect_failure "read-only target" "cannot publish into .*read-only" "$T/ro2/out" "${QUICK[@]}"
    undo_readonly "$T/ro2/out"
    ran=$((ran + 1))
else
    undo_readonly "$T/ro2/out"
fi

# 3. A full target: no file may grow (ulimit -f 0). With no renderers the
# first write is figures.json; then with every output on.
mkdir -p "$T/full"
"$SENDPACK" build -q --out "$T/full/out" "${QUICK[@]}" 2>/dev/null || fail "first build"
# Messages go through a pipe: a file would be subject to the limit too.
limited() { (ulimit -f 0; exec "$SENDPACK_REAL" "$@" 2>&1 >/dev/null) | cat >&2; }
SENDPACK_REAL=$SENDPACK
SENDPACK=limited
expect_failure "full target" "cannot write .*figures.json: File too large" "$T/full/out" \
    --no-charts --no-briefing --no-workbook --no-site
expect_failure "full target, every output" "File too large|cannot write|failed" "$T/full/out" --profiles
SENDPACK=$SENDPACK_REAL
ran=$((ran + 2))

[ "$ran" -ge 2 ] || fail "nothing tested"
echo "ok ($ran cases)"
