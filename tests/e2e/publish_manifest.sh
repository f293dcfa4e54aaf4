#!/usr/bin/env bash
# publish_manifest.sh: manifest.json names the sendpack version, the config,
# every input with SHA-256, size and rows, every output with SHA-256 and
# size (checked against sha256sum and the files themselves), the as-at date
# and the warnings the run printed.
source "$(dirname "$0")/publish_lib.bash"

# An input that loads with a warning: an extra, unknown column.
awk -F, -v OFS=, 'NR == 1 { print $0, "comments"; next } { print $0, "" }' \
    fixtures/inspections-2016.csv >"$T/inspections-extra.csv"
"$SENDPACK" build -q --out "$T/out" --inspections "$T/inspections-extra.csv" \
    --funding fixtures/funding.csv --as-at 2021-03-31 --no-briefing --no-profiles >"$T/stdout" 2>"$T/stderr" \
    || fail "build: $(cat "$T/stderr")"
[ ! -s "$T/stdout" ] || fail "build printed on stdout"
grep -q 'warning: .*comments' "$T/stderr" || fail "the warning was not printed: $(cat "$T/stderr")"
M="$T/out/manifest.json"

version=$("$SENDPACK" --version | cut -d' ' -f2)
grep -q "\"sendpack_version\" : \"$version\"" "$M" || fail "version"
grep -q '^  "as_at" : "2021-03-31",$' "$M" || fail "as_at"
grep -q '"file" : null' "$M" || fail "no config: file should be null"
grep -q "warning: .*comments" "$M" || fail "warnings not in the manifest"
grep -Eq '[0-9]{4}-[0-9]{2}-[0-9]{2}T|[0-9]{2}:[0-9]{2}:[0-9]{2}' "$M" && fail "a timestamp in the manifest"

# Records of a list: "path sha256 size [rows]" per object, in file order.
records() {
    awk -v list="\"$1\"" '
        $1 == list { inside = 1; next }
        inside && /^  \]/ { exit }
        inside && $1 == "\"path\"" { gsub(/[",]/, "", $3); p = $3 }
        inside && $1 == "\"sha256\"" { gsub(/[",]/, "", $3); s = $3 }
        inside && $1 == "\"size\"" { gsub(/,/, "", $3); z = $3; if (list == "\"outputs\"") print p, s, z }
        inside && $1 == "\"rows\"" { print p, s, z, $3 }' "$M"
}

# Outputs: every file but manifest.json, in bytewise order, checksums right.
records outputs >"$T/outputs"
(cd "$T/out" && find . -type f ! -name manifest.json ! -name .gitkeep | sed 's#^\./##' | LC_ALL=C sort) >"$T/files"
[ -s "$T/files" ] || fail "no outputs"
cut -d' ' -f1 "$T/outputs" | diff - "$T/files" >&2 || fail "outputs listed differ from the files written (or are not sorted)"
while read -r path sum size; do
    [ "$(sha256sum <"$T/out/$path" | cut -d' ' -f1)" = "$sum" ] || fail "$path: wrong sha256"
    [ "$(stat -c %s "$T/out/$path")" = "$size" ] || fail "$path: wrong size"
done <"$T/outputs"
grep -q '^figures.json ' "$T/outputs" && grep -q '^sendpack.xlsx ' "$T/outputs" || fail "figures.json or the workbook not listed"

# Inputs: path as given, checksum, size, data rows.
records inputs >"$T/inputs"
[ "$(wc -l <"$T/inputs")" -eq 2 ] || fail "expected two inputs: $(cat "$T/inputs")"
while read -r path sum size rows; do
    [ "$(sha256sum <"$path" | cut -d' ' -f1)" = "$sum" ] || fail "$path: wrong sha256"
    [ "$(stat -c %s "$path")" = "$size" ] || fail "$path: wrong size"
done <"$T/inputs"
grep -q "^$T/inspections-extra.csv [0-9a-f]\{64\} [0-9]* $(($(wc -l <"$T/inspections-extra.csv") - 1))\$" "$T/inputs" \
    || fail "inspections rows: $(cat "$T/inputs")"
echo "ok"
