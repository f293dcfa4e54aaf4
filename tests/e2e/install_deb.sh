#!/usr/bin/env bash
# install_deb.sh: `cpack -G DEB` makes a Debian package that declares its
# run-time dependencies (the shared libraries, found by dpkg-shlibdeps, and
# the font), holds the binary, templates, man page and README under /usr,
# and runs: unpacked with dpkg-deb -x into a scratch folder (nothing is
# installed on the machine, so parallel tests are unaffected), it builds a
# briefing from another folder with its own templates.
source "$(dirname "$0")/publish_lib.bash"
BUILD=$(dirname "$SENDPACK")
for tool in cpack dpkg-deb dpkg-shlibdeps; do
    command -v $tool >/dev/null || { echo "SKIP: $tool not found" >&2; exit 77; }
done
[ -f "$BUILD/CPackConfig.cmake" ] || { echo "SKIP: no CPackConfig.cmake in $BUILD" >&2; exit 77; }
SRC=$PWD

(cd "$T" && cpack -G DEB --config "$BUILD/CPackConfig.cmake" -B "$T/pkg") >"$T/cpack.log" 2>&1 \
    || fail "cpack: $(cat "$T/cpack.log")"
deb=$(ls "$T"/pkg/sendpack_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no .deb written: $(ls "$T/pkg")"
[ "$(dpkg-deb -f "$deb" Package)" = sendpack ] || fail "package name"
depends=$(dpkg-deb -f "$deb" Depends)
for dep in libcairo2 libpango-1.0-0 libglib2.0-0 libcmark libxlsxwriter libcsv3 libjson-glib fonts-dejavu-core; do
    grep -q "$dep" <<<"$depends" || fail "Depends lacks $dep: $depends"
done
dpkg-deb -c "$deb" >"$T/contents"
for f in ./usr/bin/sendpack ./usr/share/sendpack/templates/briefing.md ./usr/share/man/man1/sendpack.1 \
         ./usr/share/doc/sendpack/README.md; do
    grep -q " $f\$" "$T/contents" || fail "package lacks $f"
done

dpkg-deb -x "$deb" "$T/root"
"$T/root/usr/bin/sendpack" --version | grep -qx 'sendpack [0-9][0-9.]*' || fail "packaged --version"
mkdir "$T/work"
(cd "$T/work" && "$T/root/usr/bin/sendpack" build -q --data "$SRC/fixtures" --out out --no-charts --no-workbook) \
    2>"$T/err" || fail "packaged build: $(cat "$T/err")"
grep -q "\"path\" : \"$T/root/usr/share/sendpack/templates/briefing.md\"" "$T/work/out/manifest.json" \
    || fail "the packaged binary did not use the packaged templates"
echo "ok"
