#!/usr/bin/env bash
# publish_manifest_portable.sh: with a config, manifest.json names the
# config, the inputs, the templates and the previous publication relative
# to the config file's folder, so the same set-up gives a byte-identical
# manifest wherever it lives (another machine, another user's home, another
# depth) and whatever the current folder: no absolute paths, no user names.
source "$(dirname "$0")/publish_lib.bash"

setup() {
    mkdir -p "$1/data"
    cp fixtures/inspections-2016.csv fixtures/funding.csv "$1/data/"
    cp -r templates "$1/templates"
    cat >"$1/publication.ini" <<'INI'
[publication]
status = illustrative
[inputs]
data = data
[outputs]
out = published
previous = published
templates = templates
charts = false
briefing = false
profiles = false
INI
}
setup "$T/one/srv"
setup "$T/two/home/someone/deeper/srv"
"$SENDPACK" build -q --config "$T/one/srv/publication.ini" 2>"$T/err" || fail "one: $(cat "$T/err")"
(cd / && "$SENDPACK" build -q --config "$T/two/home/someone/deeper/srv/publication.ini") 2>"$T/err" \
    || fail "two: $(cat "$T/err")"
A="$T/one/srv/published/manifest.json"
B="$T/two/home/someone/deeper/srv/published/manifest.json"
grep -q "$T" "$A" && fail "an absolute path in the manifest: $(grep "$T" "$A")"
diff "$A" "$B" >&2 || fail "the same set-up in two folders gives different manifests"
grep -q '"file" : "publication.ini"' "$A" || fail "config file not named relative to itself"
grep -q '"path" : "data/inspections-2016.csv"' "$A" || fail "input not relative to the config"
grep -q '"templates" : "templates"' "$A" || fail "templates not relative to the config"
grep -q '"previous" : "published"' "$A" || fail "previous not relative to the config"

# The second run (with a previous publication) too, and from another folder.
"$SENDPACK" build -q --config "$T/one/srv/publication.ini" 2>"$T/err" || fail "one again: $(cat "$T/err")"
(cd "$T/two" && "$SENDPACK" build -q --config home/someone/deeper/srv/publication.ini) 2>"$T/err" \
    || fail "two again: $(cat "$T/err")"
diff "$A" "$B" >&2 || fail "second runs give different manifests"
echo "ok"
