#!/usr/bin/env bash
# publish_unlisted.sh: a previous publication holding files its manifest.json
# does not list (a user's notes, a folder of their own) is not replaced: exit
# 2 naming them, nothing changed, unless --replace-unlisted.
source "$(dirname "$0")/publish_lib.bash"
OUT="$T/out"
quick() { "$SENDPACK" build -q --inspections fixtures/inspections-2016.csv --no-briefing --no-workbook \
    --no-charts --out "$OUT" "$@"; }
quick 2>"$T/err" || fail "first build: $(cat "$T/err")"
echo "my notes" >"$OUT/notes.txt"
mkdir -p "$OUT/mine/deep" && echo x >"$OUT/mine/deep/draft.md"
ln -s /nonexistent "$OUT/link"
BEFORE=$(snapshot "$OUT")
rc=0; quick --title Again 2>"$T/err" || rc=$?
[ "$rc" = 2 ] || fail "replacing a publication with unlisted files: exit $rc, expected 2"
grep -q "does not list" "$T/err" || fail "unclear message: $(cat "$T/err")"
for f in notes.txt mine/deep/draft.md link; do
    grep -qF "$f" "$T/err" || fail "the message does not name $f: $(cat "$T/err")"
done
grep -q -- "--replace-unlisted" "$T/err" || fail "the message does not say how to go on"
[ "$(snapshot "$OUT")" = "$BEFORE" ] || fail "the publication changed"
[ -L "$OUT/link" ] || fail "the link went"
assert_no_leftovers "$OUT"
# a listed file the user edited is the publication's own: replaced quietly
rm -r "$OUT/notes.txt" "$OUT/mine" "$OUT/link"
echo changed >>"$OUT/figures.csv"
quick 2>"$T/err" || fail "replacing listed files: $(cat "$T/err")"
echo "my notes" >"$OUT/notes.txt"
quick --replace-unlisted 2>"$T/err" || fail "--replace-unlisted: $(cat "$T/err")"
[ ! -e "$OUT/notes.txt" ] || fail "--replace-unlisted kept the unlisted file"
[ -f "$OUT/figures.json" ] || fail "no new publication"
ls -A "$OUT" | grep -q sendpack-run && fail "the run marker is in the publication"
! grep -q sendpack-run "$OUT/manifest.json" || fail "the manifest lists the run marker"
assert_no_leftovers "$OUT"
