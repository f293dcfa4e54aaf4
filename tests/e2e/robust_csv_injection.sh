#!/usr/bin/env bash
# robust_csv_injection.sh: no CSV that a build writes (charts' data,
# figures.csv, revisions.csv) holds a text cell a spreadsheet would run as a
# formula: the fixtures name an area =HYPERLINK(...), and this test adds
# =1+1, @SUM(1+1), +A1 and -2+3; each must come out with a leading quote.
source "$(dirname "$0")/publish_lib.bash"
command -v python3 >/dev/null || { echo "SKIP: python3 not found" >&2; exit 77; }
mkdir "$T/in"
cp fixtures/funding.csv fixtures/interventions.csv fixtures/inspections-2023.csv "$T/in/"
{
    cat fixtures/inspections-2016.csv
    echo 'X99000001,=1+1,South East,2017-06-05,2017-08-23,Yes,5,,,,,'
    echo 'X99000002,@SUM(1+1),South East,2017-06-05,2017-08-23,Yes,3,,,,,'
    echo 'X99000003,+A1,London,2017-06-05,2017-08-23,Yes,2,,,,,'
    echo 'X99000004,-2+3,London,2017-06-05,2017-08-23,No,,,,,,'
} >"$T/in/inspections-2016.csv"
"$SENDPACK" build -q --illustrative --data "$T/in" --no-briefing --no-workbook --out "$T/a" 2>"$T/err" \
    || fail "build: $(cat "$T/err")"
"$SENDPACK" build -q --illustrative --data "$T/in" --no-briefing --no-workbook --as-at 2020-01-01 \
    --out "$T/b" --previous "$T/a" 2>"$T/err" || fail "second build: $(cat "$T/err")"
[ -f "$T/b/revisions.csv" ] || fail "no revisions.csv"
python3 - "$T/a" "$T/b" <<'PY' || fail "a CSV cell would run as a formula"
import csv, glob, re, sys
number = re.compile(r'^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$')
bad, seen, quoted = [], 0, set()
for root in sys.argv[1:]:
    for path in glob.glob(root + '/**/*.csv', recursive=True):
        with open(path, newline='', encoding='utf-8') as f:
            for row in csv.reader(f):
                for cell in row:
                    seen += 1
                    if cell[:1] in ('=', '+', '-', '@', '\t', '\r') and not number.match(cell):
                        bad.append((path, cell))
                    if cell.startswith("'") and cell[1:2] in ('=', '+', '-', '@'):
                        quoted.add(cell)
for p, c in bad[:10]:
    print(p, repr(c))
missing = {"'=1+1", "'@SUM(1+1)"} - {q.split(' ')[0] for q in quoted} - quoted
if missing:
    print('never written quoted:', missing)
sys.exit(1 if bad or missing or seen == 0 else 0)
PY
grep -q "^'=1+1\|,'=1+1" -r "$T/a" --include=*.csv || fail "the area =1+1 is in no CSV"
