#!/usr/bin/env bash
# install_man_page.sh: the manual page sendpack(1) is kept in step with
# --help: every long option a command's --help lists is in the man page,
# and every option the man page names is one some --help lists.
source "$(dirname "$0")/publish_lib.bash"
MAN=doc/sendpack.1.in
sed 's/\\-/-/g; s/\\f[BIRP]//g' "$MAN" | grep -o -- '--[a-z][a-z-]*' | sort -u >"$T/man"
for cmd in build profiles figures validate diff; do
    "$SENDPACK" $cmd --help | grep -o -- '--[a-z][a-z-]*' | sort -u >"$T/help-$cmd"
    missing=$(comm -23 "$T/help-$cmd" "$T/man")
    [ -z "$missing" ] || fail "$cmd --help lists options the man page lacks: $missing"
done
"$SENDPACK" --help | grep -o -- '--[a-z][a-z-]*' >>"$T/help-top"
sort -u "$T"/help-* >"$T/help"
extra=$(comm -13 "$T/help" "$T/man")
[ -z "$extra" ] || fail "the man page names options no --help lists: $extra"
grep -q "^\.TH SENDPACK 1 .*@PROJECT_VERSION@" "$MAN" || fail "the man page does not carry the version"
echo "ok"
