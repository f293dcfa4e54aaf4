#!/usr/bin/env bash
# jobs_identical.sh: --jobs N shares the work between processes and changes
# nothing a reader sees:
#  - the fixtures built with profiles and every output by --jobs 1, 2 and 5
#    and by default hold the same files, byte for byte (the web pages'
#    areas are shared out in parts like the profiles) (and Ofsted's real table with
#    --jobs 1 and 2, when ../shared/data is there);
#  - a template error found by a worker process is reported as --jobs 1
#    reports it (same lines, exit 2) and nothing is published;
#  - SENDPACK_STEP_TIMES=1 (bench/run) reports every step and every task
#    once, with the work shared out in parts by --jobs 3 and whole by 1;
#  - `jobs = N` in the config works like the flag (the default, one process
#    per processor, is what the other tests build with); bad values are usage
#    errors naming the flag or file:line:column.
source "$(dirname "$0")/publish_lib.bash"

# compare A B [SKIP]: same file list, every file byte-identical (but SKIP);
# prints the count.
compare() {
    (cd "$1" && find . -type f | LC_ALL=C sort) >"$T/list.a"
    (cd "$2" && find . -type f | LC_ALL=C sort) >"$T/list.b"
    diff "$T/list.a" "$T/list.b" >&2 || fail "$1 and $2 hold different files"
    local n=0 f
    while read -r f; do
        [ "$f" = "./${3:-}" ] || cmp -s "$1/$f" "$2/$f" || fail "$f differs between $1 and $2"
        n=$((n + 1))
    done <"$T/list.a"
    echo "$n"
}

build() {
    local out=$1; shift
    "$SENDPACK" build -q --config fixtures/publication.ini --previous "" --profiles --out "$out" "$@" \
        2>"$T/err" || fail "build into $out ($*): $(cat "$T/err")"
}

note "fixtures, every output, --jobs 1, 2 and 5, and the default (one per processor)"
build "$T/j1" --jobs 1
build "$T/j2" --jobs 2
build "$T/j5" --jobs 5
build "$T/jd"
n=$(compare "$T/j1" "$T/j2")
compare "$T/j1" "$T/j5" >/dev/null
compare "$T/j1" "$T/jd" >/dev/null
# the web pages are shared out too: every area's page is there, once
pages=$(find "$T/j5/site/areas" -name '*.html' ! -name index.html | wc -l)
links=$(grep -c '<li><a href="[a-z0-9_-]*\.html">' "$T/j5/site/areas/index.html" || true)
[ "$pages" -gt 100 ] && [ "$pages" -eq "$links" ] \
    || fail "--jobs 5 wrote $pages area pages for $links areas listed"
areas=$(find "$T/j1/areas" -name '*.pdf' | wc -l)
[ "$areas" -gt 100 ] || fail "expected the fixtures' profiles, found $areas files in areas/"
for f in areas.pdf briefing.pdf sendpack.xlsx sendpack.ods manifest.json site/index.html; do
    [ -s "$T/j2/$f" ] || fail "--jobs 2 wrote no $f"
done
echo "identical with --jobs 1, 2 and 5: $n files ($areas profiles)" >&2

note "SENDPACK_STEP_TIMES=1: each step and each task's time, once"
for j in 1 3; do
    SENDPACK_STEP_TIMES=1 "$SENDPACK" build -q --config fixtures/publication.ini --previous "" \
        --profiles --out "$T/times$j" --jobs "$j" 2>"$T/times$j.err" || fail "timed build: $(cat "$T/times$j.err")"
    for s in "inputs loaded" "figures computed" charts "figures files" manifest swapped; do
        c=$(grep -cE "^step $s [0-9]+\.[0-9] ms$" "$T/times$j.err" || true)
        [ "$c" -eq 1 ] || fail "--jobs $j: step \"$s\" reported $c times: $(cat "$T/times$j.err")"
    done
    grep -vE '^(step|task) .* [0-9]+\.[0-9] ms$' "$T/times$j.err" >&2 && fail "--jobs $j: other lines"
    grep -E '^task ' "$T/times$j.err" | sed 's/ [0-9.]* ms$//' | sort >"$T/tasks$j"
    [ -z "$(uniq -d "$T/tasks$j")" ] || fail "--jobs $j: a task reported twice: $(uniq -d "$T/tasks$j")"
done
for t in briefing "workbook" "web pages" profiles charts; do
    grep -qx "task $t" "$T/tasks1" || fail "--jobs 1: no time for $t: $(cat "$T/tasks1")"
done
for t in briefing "workbook xlsx" "workbook ods" "web pages but the areas'" "profiles areas.pdf" \
         "chart wsoa-by-region" "chart ehcp-timeliness"; do
    grep -qx "task $t" "$T/tasks3" || fail "--jobs 3: no time for $t: $(cat "$T/tasks3")"
done
# the areas' parts cover every area, in order, for the profiles and the web pages
for what in "profiles" "web pages"; do
    parts=$(sed -n "s/^task $what, areas \([0-9]*-[0-9]*\)$/\1/p" "$T/tasks3" | sort -n | tr '\n' ' ')
    [[ $parts == 0-* ]] && [[ $parts == *"-148 " ]] || fail "--jobs 3: $what parts $parts"
    prev=0
    for p in $parts; do
        [ "${p%-*}" -eq "$prev" ] || fail "--jobs 3: $what parts $parts leave a gap at $prev"
        prev=${p#*-}
    done
done

note "jobs = 2 in the config"
sed 's/^\[outputs\]$/[outputs]\njobs = 2/' fixtures/publication.ini >"$T/pub.ini"
sed -i "s|^data = .*|data = $PWD/fixtures|; s|^templates = .*|templates = $PWD/templates|; s|^hexmap = .*|hexmap = $PWD/fixtures/hexmap.hexjson|" "$T/pub.ini"
grep -q '^jobs = 2$' "$T/pub.ini" || fail "could not add jobs to the config"
"$SENDPACK" build -q --config "$T/pub.ini" --previous "" --profiles --out "$T/jconf" 2>"$T/err" \
    || fail "build with jobs = 2: $(cat "$T/err")"
# the manifest names the config and its SHA-256, so it differs; nothing else
compare "$T/j1" "$T/jconf" manifest.json >/dev/null

note "a template error in a worker: reported as with --jobs 1, nothing published"
cp -r templates "$T/tpl"
printf '\nBroken: {{area.no.such.figure}}\n' >>"$T/tpl/area-profile.md"
for j in 1 2; do
    rc=0
    "$SENDPACK" build -q --data fixtures --profiles --templates "$T/tpl" --out "$T/bad$j" --jobs "$j" \
        2>"$T/bad$j.err" || rc=$?
    [ "$rc" -eq 2 ] || fail "--jobs $j with a broken template: exit $rc, expected 2: $(cat "$T/bad$j.err")"
    [ ! -e "$T/bad$j" ] || fail "--jobs $j published despite the template error"
    assert_no_leftovers "$T/bad$j"
done
grep -q "area-profile.md" "$T/bad2.err" || fail "the error does not name the template: $(cat "$T/bad2.err")"
# the same lines, but for the output folder's name
diff <(sed 's/bad1/badN/g' "$T/bad1.err") <(sed 's/bad2/badN/g' "$T/bad2.err") >&2 \
    || fail "--jobs 2 reports the template error differently"

note "bad values"
for v in 0 65 two ""; do
    rc=0
    "$SENDPACK" build -q --data fixtures --out "$T/never" --jobs="$v" 2>"$T/err" || rc=$?
    [ "$rc" -eq 2 ] || fail "--jobs=$v: exit $rc, expected 2"
    err=$(cat "$T/err")
    [[ $err == *"--jobs"* ]] || fail "--jobs=$v: the error does not name the flag: $err"
done
printf '[outputs]\njobs = many\n' >"$T/badjobs.ini"
rc=0
"$SENDPACK" build -q --config "$T/badjobs.ini" --data fixtures --out "$T/never" 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] || fail "jobs = many: exit $rc, expected 2"
grep -qF "badjobs.ini:2:8: expected a whole number from 1 to 64, found \"many\"" "$T/err" \
    || fail "jobs = many: $(cat "$T/err")"
[ ! -e "$T/never" ] || fail "a bad --jobs value wrote something"

real=${SHARED_DATA:-../shared/data}/ofsted/area-send-inspections-2016-2022.csv
if [ -f "$real" ]; then
    note "Ofsted's table with profiles, --jobs 1 and 2"
    for j in 1 2; do
        "$SENDPACK" build -q --inspections "$real" --official --profiles --out "$T/real$j" --jobs "$j" \
            2>"$T/err" || fail "real data, --jobs $j: $(cat "$T/err")"
    done
    n=$(compare "$T/real1" "$T/real2")
    echo "real data identical with --jobs 1 and 2: $n files" >&2
else
    note "real data not found ($real): skipped"
fi
echo "PASS"
