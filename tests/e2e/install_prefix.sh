#!/usr/bin/env bash
# install_prefix.sh: `cmake --install` puts the binary, the templates, the
# manual page and the README under a prefix, and the installed sendpack
# builds from any folder with the installed templates (recorded in the
# manifest). The build-tree binary finds the source templates from any
# folder too. Without templates the message names --templates.
source "$(dirname "$0")/publish_lib.bash"
BUILD=$(dirname "$SENDPACK")
[ -f "$BUILD/cmake_install.cmake" ] || { echo "SKIP: $BUILD is not a CMake build tree" >&2; exit 77; }
SRC=$PWD

cmake --install "$BUILD" --prefix "$T/prefix" >"$T/install.log" 2>&1 || fail "install: $(cat "$T/install.log")"
for f in bin/sendpack share/sendpack/templates/briefing.md share/sendpack/templates/area-profile.md \
         share/man/man1/sendpack.1 share/doc/sendpack/README.md; do
    [ -f "$T/prefix/$f" ] || fail "not installed: $f"
done
[ -x "$T/prefix/bin/sendpack" ] || fail "installed binary not executable"
cmp -s templates/briefing.md "$T/prefix/share/sendpack/templates/briefing.md" || fail "templates differ"
if command -v man >/dev/null; then
    env -u SOURCE_DATE_EPOCH MANPAGER=cat man -l "$T/prefix/share/man/man1/sendpack.1" >"$T/man.txt" 2>/dev/null || true
    grep -q 'EXIT STATUS' "$T/man.txt" || fail "the man page does not render"
fi

# From another folder, with nothing but the data named.
mkdir "$T/elsewhere"
(cd "$T/elsewhere" && "$T/prefix/bin/sendpack" build -q --data "$SRC/fixtures" --out published \
    --no-charts --no-workbook --profiles) 2>"$T/err" || fail "installed build from another folder: $(cat "$T/err")"
[ -f "$T/elsewhere/published/briefing.pdf" ] && [ -f "$T/elsewhere/published/areas.pdf" ] \
    || fail "installed build wrote no briefing or profiles"
grep -q "\"path\" : \"$T/prefix/share/sendpack/templates/briefing.md\"" "$T/elsewhere/published/manifest.json" \
    || fail "manifest does not record the installed template"
grep -q "\"path\" : \"$T/prefix/share/sendpack/templates/area-profile.md\"" "$T/elsewhere/published/manifest.json" \
    || fail "manifest does not record the profile template"

# The build-tree binary, run from another folder, reads the source templates.
mkdir "$T/tree"
(cd "$T/tree" && "$SENDPACK" build -q --data "$SRC/fixtures" --out published --no-charts --no-workbook) \
    2>"$T/err" || fail "build-tree binary from another folder: $(cat "$T/err")"
grep -q "\"path\" : \"$SRC/templates/briefing.md\"" "$T/tree/published/manifest.json" \
    || fail "build-tree binary did not use the source templates"

# Templates missing: exit 2, the message names --templates, nothing written.
mv "$T/prefix/share/sendpack/templates" "$T/moved"
rc=0; (cd "$T/elsewhere" && "$T/prefix/bin/sendpack" build -q --data "$SRC/fixtures" --out new \
    --no-charts --no-workbook) 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] && grep -q 'briefing.md: template not found: name the templates folder with --templates DIR' "$T/err" \
    || fail "missing templates: exit $rc: $(cat "$T/err")"
[ ! -e "$T/elsewhere/new" ] || fail "missing templates: wrote the output"
(cd "$T/elsewhere" && "$T/prefix/bin/sendpack" build -q --data "$SRC/fixtures" --out new \
    --no-charts --no-workbook --templates "$T/moved") 2>"$T/err" || fail "--templates: $(cat "$T/err")"
echo "ok"
