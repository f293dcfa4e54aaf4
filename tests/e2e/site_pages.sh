#!/usr/bin/env bash
# site_pages.sh: build writes site/ (the web pages) beside the PDF: the
# briefing, one page per area with an index, one page per figure quoted, all
# listed in manifest.json; one h1 per page, nothing fetched from elsewhere,
# links only to files the build wrote, text from the inputs escaped;
# --no-site and `site = false` leave it out. (The browser checks are in
# site_browser.sh.)
source "$(dirname "$0")/publish_lib.bash"

"$SENDPACK" build -q --config fixtures/publication.ini --previous "" --out "$T/out" 2>"$T/err" \
    || fail "build: $(cat "$T/err")"
S=$T/out/site
for f in index.html style.css areas/index.html figures/index.html figures/wsoa.share.html \
         figures/inspections.count.html; do
    [ -s "$S/$f" ] || fail "site/$f not written"
done

# one page per area, as many as the area profiles
n_pdf=$(find "$T/out/areas" -name '*.pdf' | wc -l)
n_html=$(find "$S/areas" -name '*.html' ! -name index.html | wc -l)
[ "$n_pdf" -gt 100 ] && [ "$n_pdf" -eq "$n_html" ] || fail "$n_html area pages for $n_pdf profiles"
for f in "$T"/out/areas/*.pdf; do
    b=$(basename "$f" .pdf)
    [ -f "$S/areas/$b.html" ] || fail "no page areas/$b.html beside areas/$b.pdf"
done

# No line break can split a date: its day, month and year are joined by
# no-break spaces in the pages' text (a chart's <title>, <desc> and <text>
# are never wrapped).
split=$(find "$S" -name '*.html' -exec cat {} + \
    | sed -e 's|<title[^<]*</title>||g' -e 's|<desc[^<]*</desc>||g' -e 's|<text[^<]*</text>||g' \
    | grep -oE '.{0,40}[0-9]{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) [0-9]{4}' \
    | head -3) || true
[ -z "$split" ] || fail "a date with breaking spaces: $split"

# every file in the manifest
(cd "$T/out" && find site -type f | LC_ALL=C sort) >"$T/site.list"
grep -o '"path" *: *"site/[^"]*"' "$T/out/manifest.json" | sed 's/.*"\(site\/[^"]*\)"/\1/' \
    | LC_ALL=C sort >"$T/manifest.list"
diff "$T/site.list" "$T/manifest.list" >&2 || fail "manifest.json does not list site/ as written"
n=$(wc -l <"$T/site.list")
[ "$n" -gt 150 ] || fail "only $n files in site/"

# the briefing's words and numbers, a chart with its title, desc and table
grep -q '<h2 id="inspection-outcomes">' "$S/index.html" || fail "no Inspection outcomes section"
grep -q '78 of 148 (53%)' "$S/index.html" || fail "figure wsoa.share|of not expanded"
grep -q '<svg [^>]*role="img" aria-labelledby="figure-1-title"' "$S/index.html" || fail "no inline chart"
grep -q '<title id="figure-1-title">' "$S/index.html" || fail "chart has no title"
grep -q '<details>' "$S/index.html" || fail "chart data not in a <details>"
grep -q '<caption id="table-1">Table[^0-9]*1: ' "$S/index.html" || fail "table without caption"
grep -q 'href="../briefing.pdf"' "$S/index.html" || fail "no link to the PDF"
grep -q 'href="../charts/wsoa-by-region.svg"' "$S/index.html" || fail "no link to the chart files"
grep -q '<dt>Denominator</dt>' "$S/figures/wsoa.share.html" || fail "figure page without denominator"
# a chart's table shows a name as published, as the rest of the page does:
# the quote that keeps "=HYPERLINK(...)" from running in a spreadsheet is
# for the CSV file, not the web page (the table was once read back from it)
grep -q '<td>=HYPERLINK(' "$S/index.html" || fail "test set-up: no =HYPERLINK area in a chart's table"
! grep -rq "&apos;=HYPERLINK" "$S" || fail "a chart's table shows the CSV's formula guard: $(grep -rl "&apos;=HYPERLINK" "$S" | head -1)"
grep -q "^'=HYPERLINK\|,\"'=HYPERLINK" "$T/out/charts/"*.csv || fail "the charts' CSV files lost the formula guard"

# the records behind a figure, as `sendpack explain` lists them: the same
# files and lines in the same order, and the records left out, folded away
"$SENDPACK" explain --config fixtures/publication.ini --format csv wsoa.share >"$T/explain.csv" \
    2>"$T/err" || fail "explain: $(cat "$T/err")"
grep -oE 'inspections-20(16|23)\.csv:[0-9]+' "$T/explain.csv" | sed 's/:/, line /' >"$T/want.lines" || true
grep -oE '<td class="nowrap">[^<]*</td>' "$S/figures/wsoa.share.html" \
    | sed -e 's/<[^>]*>//g' >"$T/got.lines"
[ "$(wc -l <"$T/want.lines")" -gt 148 ] || fail "test set-up: explain listed $(wc -l <"$T/want.lines") records"
diff "$T/want.lines" "$T/got.lines" >&2 || fail "figure page does not list the records explain lists"
grep -q '<caption id="records-counted">Records counted: 78 in the numerator, 148 in the denominator' \
    "$S/figures/wsoa.share.html" || fail "records table without its caption"
! grep -q '<summary>' "$S/figures/wsoa.share.html" || fail "records left out listed when none are"
"$SENDPACK" build -q --config fixtures/publication.ini --previous "" --as-at 2020-01-01 \
    --no-workbook --no-profiles --out "$T/early" 2>"$T/err" || fail "build --as-at: $(cat "$T/err")"
grep -q '<summary>42 records of the same source left out, and why</summary>' \
    "$T/early/site/figures/wsoa.share.html" || fail "records left out at an earlier as-at date not listed"
grep -qE '<td>inspection published [0-9-]+, after the as-at date</td>' "$T/early/site/figures/wsoa.share.html" \
    || fail "records left out without the reason"

for f in $(cd "$S" && find . -name '*.html'); do
    [ "$(grep -c '<h1' "$S/$f")" -eq 1 ] || fail "$f: not exactly one h1"
    grep -q '<html lang="en-GB">' "$S/$f" || fail "$f: no lang"
    ! grep -qE '<script|<img|<iframe| src=|@import|url\(http|href="(https?:)?//[^"]*\.(css|js)' "$S/$f" \
        || fail "$f: fetches something: $(grep -oE '<script|<img|<iframe| src=[^ ]*' "$S/$f" | head -1)"
done

# text from the inputs is escaped: an area called <script>
mkdir "$T/data"
cp fixtures/*.csv "$T/data/"
sed -i 's/^X10000011,"=HYPERLINK([^,]*,""x"")"/X10000011,"<script>alert(1)<\/script> \& ""Co"""/' \
    "$T/data/areas.csv" "$T/data/inspections-2016.csv"
grep -q '<script>' "$T/data/inspections-2016.csv" || fail "test set-up: no <script> area"
"$SENDPACK" build -q --data "$T/data" --previous "" --no-workbook --no-briefing --no-charts \
    --out "$T/esc" 2>"$T/err" || fail "build with <script>: $(cat "$T/err")"
! grep -rq '<script' "$T/esc/site" || fail "an area name was written as markup"
grep -rq '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;' "$T/esc/site/areas" \
    || fail "the area name is not on its pages, escaped"
# nothing switched off is linked to
! grep -rqE 'href="[./]*(charts/|briefing.pdf|sendpack.xlsx)' "$T/esc/site" \
    || fail "links to files this build did not write"

# switched off
"$SENDPACK" build -q --config fixtures/publication.ini --previous "" --no-site "${QUICK[@]}" \
    --out "$T/nosite" 2>"$T/err" || fail "build --no-site: $(cat "$T/err")"
[ ! -e "$T/nosite/site" ] || fail "--no-site wrote site/"
sed -e 's/^site = true/site = false/' -e 's#= \.\./#= '"$SENDPACK_SRC"'/#' \
    -e 's#^data = \.#data = '"$SENDPACK_SRC"'/fixtures#' \
    -e 's#^hexmap = #hexmap = '"$SENDPACK_SRC"'/fixtures/#' fixtures/publication.ini >"$T/p.ini"
grep -q '^site = false' "$T/p.ini" || fail "test set-up: no site = false"
"$SENDPACK" build -q --config "$T/p.ini" --previous "" "${QUICK[@]}" --out "$T/nosite2" 2>"$T/err" \
    || fail "build with site = false: $(cat "$T/err")"
[ ! -e "$T/nosite2/site" ] || fail "site = false wrote site/"
echo "ok: $n files in site/"
