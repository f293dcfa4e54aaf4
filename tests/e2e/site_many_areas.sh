#!/usr/bin/env bash
# site_many_areas.sh: with many areas (bench/make-data at 4 times the
# fixtures: about 600 areas, over 300 with a written statement of action)
# each area's web page stays the same size: its area-context chart draws a
# bar per column instead of a dot per area, and the chart's data table
# lists the columns (with this area's value on its own column's row), not
# every area. Before, every area's page listed and drew every other area, so
# the pages grew with the number of areas (the web pages with its square).
# Each figure's page lists at most 500 of its records.
source "$(dirname "$0")/publish_lib.bash"

bench/make-data "$T/data" 4
"$SENDPACK" build -q --data "$T/data" --illustrative --no-charts --no-briefing --no-workbook \
    --out "$T/out" 2>"$T/err" || fail "build: $(cat "$T/err")"
A=$T/out/site/areas
n_areas=$(($(wc -l <"$T/data/areas.csv") - 1))
[ "$n_areas" -gt 500 ] || fail "only $n_areas areas in the scaled data"
n_pages=$(find "$A" -name '*.html' ! -name index.html | wc -l)
[ "$n_pages" -eq "$n_areas" ] || fail "$n_pages area pages for $n_areas areas"

# An area with a WSoA: its chart's table is the columns, with its value.
page=$(grep -l "weaknesses identified: [0-9]" "$A"/*.html | sed -n 1p)
[ -n "$page" ] || fail "no area page quotes its weaknesses identified"
table=$(awk '/<caption id="figure-1-data">/,/<\/table>/' "$page")
[ -n "$table" ] || fail "no data table under the area-context chart in $(basename "$page")"
head=$(printf '%s\n' "$table" | grep -o '<th scope="col"[^>]*>[^<]*' | sed 's/.*>//' | tr '\n' ',')
[ "$head" = "measure,value,areas,this_area_value," ] || fail "chart table columns: $head"
rows=$(printf '%s\n' "$table" | grep -c '<tr><th scope="row">') || true
[ "$rows" -gt 10 ] && [ "$rows" -lt 80 ] || fail "$rows rows in the chart's table (one per column expected)"
# the columns count every area with the figure once
wsoa=$(printf '%s\n' "$table" | awk -F'<td class="num">' '/scope="row">weaknesses_identified</ { split($3, a, "<"); s += a[1] } END { print s + 0 }')
[ "$wsoa" -gt 250 ] || fail "the columns count $wsoa areas with a WSoA"
mine=$(printf '%s\n' "$table" | awk -F'<td class="num">' '/scope="row">weaknesses_identified</ { split($4, a, "<"); if (a[1] != "") n++ } END { print n + 0 }')
[ "$mine" -eq 1 ] || fail "this area's value is on $mine columns' rows, not one"

# Every area page is small: a few dozen kilobytes of words and tables, not
# a dot and a row for each of the other areas.
biggest=$(find "$A" -name '*.html' ! -name index.html -printf '%s\n' | sort -n | tail -1)
[ "$biggest" -lt 200000 ] || fail "the largest area page is $biggest bytes"
# the chart's dots: far fewer marks than areas
marks=$(grep -o '<path\|<rect\|<circle' "$page" | wc -l) || true
[ "$marks" -gt 10 ] && [ "$marks" -lt 300 ] || fail "$marks marks in $(basename "$page"): a dot per area?"
# A figure's page lists its first 500 records, not the thousands behind a
# national figure at this scale, and says how to list them all.
F=$T/out/site/figures/inspections.count.html
[ -f "$F" ] || fail "no page for inspections.count"
listed=$(awk '/<caption id="records-counted">/,/<\/table>/' "$F" | grep -c '<tr><th scope="row">') || true
[ "$listed" -eq 500 ] || fail "inspections.count lists $listed records, not the first 500"
grep -q '<p>The first 500 of these [0-9,]* records are listed here; <code>sendpack explain inspections.count</code> lists them all.</p>' "$F" \
    || fail "inspections.count does not say how many records it leaves unlisted"
biggest_fig=$(find "$T/out/site/figures" -name '*.html' -printf '%s\n' | sort -n | tail -1)
[ "$biggest_fig" -lt 400000 ] || fail "the largest figure page is $biggest_fig bytes"

echo "ok: $n_pages area pages, the largest $biggest bytes, $rows chart table rows"
