#!/usr/bin/env bash
# publish_symlink.sh: --out naming a symbolic link to a publication (say
# published -> releases/current) publishes into the folder the link points
# at and leaves the link a link; a link to nowhere is refused (exit 2).
source "$(dirname "$0")/publish_lib.bash"

mkdir -p "$T/releases"
"$SENDPACK" build -q --out "$T/releases/current" "${QUICK[@]}" --title "Old" 2>"$T/err" \
    || fail "first build: $(cat "$T/err")"
ln -s releases/current "$T/published"
"$SENDPACK" build -q --out "$T/published" "${QUICK[@]}" --title "New" 2>"$T/err" \
    || fail "build through the link: $(cat "$T/err")"
[ -L "$T/published" ] || fail "the link was replaced by a folder"
[ "$(readlink "$T/published")" = releases/current ] || fail "the link points elsewhere now"
grep -q '"title" : "New"' "$T/releases/current/manifest.json" || fail "the folder the link names was not updated"
assert_no_leftovers "$T/published"
assert_no_leftovers "$T/releases/current"

# A trailing slash means the same.
"$SENDPACK" build -q --out "$T/published/" "${QUICK[@]}" --title "Newer" 2>"$T/err" \
    || fail "build through the link/: $(cat "$T/err")"
[ -L "$T/published" ] && grep -q '"title" : "Newer"' "$T/releases/current/manifest.json" \
    || fail "published/ did not update the linked folder"

# A dangling link: exit 2, nothing written, the link left alone.
ln -s nowhere "$T/dangling"
rc=0
"$SENDPACK" build -q --out "$T/dangling" "${QUICK[@]}" 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] || fail "dangling link: exit $rc: $(cat "$T/err")"
grep -q 'symbolic link' "$T/err" || fail "dangling link: unclear message: $(cat "$T/err")"
[ -L "$T/dangling" ] && [ ! -e "$T/nowhere" ] || fail "dangling link: something was written"
assert_no_leftovers "$T/dangling"
echo "ok"
