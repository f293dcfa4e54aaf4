#!/usr/bin/env bash
# sen2_real_data.sh: issue 13's "Done when" on DfE's published SEN2 file:
# England's share of new EHC plans issued within 20 weeks in 2021 and 2022,
# and the count of local authorities under one half, equal what Python's csv
# module computes straight from the file; the reorganised areas are warned
# about (one warning per code, naming the area and its years) and never
# joined; the briefing has the section with --sen2 and builds without it.
source "$(dirname "$0")/publish_lib.bash"
OFSTED="${SHARED_DATA:-../shared/data}/ofsted/area-send-inspections-2016-2022.csv"
SEN2="${SHARED_DATA:-../shared/data}/dfe/sen2_mi.csv"
for f in "$OFSTED" "$SEN2"; do
    if [ ! -f "$f" ]; then
        echo "skipped: real data not found at $f" >&2
        exit 77
    fi
done
command -v python3 >/dev/null || { echo "skipped: python3 not found" >&2; exit 77; }

# 1. Independently: England's National row, and local-authority rows with
#    both counts numbers and at least one new plan.
python3 - "$SEN2" >"$T/expected" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8-sig")))
def num(s):
    s = s.strip()
    return int(s) if s.isdigit() else None
for year in ("2021", "2022"):
    nat = [r for r in rows if r["time_period"] == year and r["geographic_level"] == "National"]
    assert len(nat) == 1
    k, n = num(nat[0]["no_exc_20week_ehc"]), num(nat[0]["tot_no_exc_ehc"])
    las = [(num(r["no_exc_20week_ehc"]), num(r["tot_no_exc_ehc"])) for r in rows
           if r["time_period"] == year and r["geographic_level"] == "Local authority"]
    counted = [(w, p) for w, p in las if w is not None and p is not None and p > 0]
    under = sum(1 for w, p in counted if w * 2 < p)
    print(f"{year} {k} {n} {k / n:.12f} {len(counted)} {under}")
PY
[ "$(wc -l <"$T/expected")" -eq 2 ] || fail "the independent computation: $(cat "$T/expected")"

# 2. sendpack, as at the end of January 2023 (both years have ended)
"$SENDPACK" figures --inspections "$OFSTED" --sen2 "$SEN2" --as-at 2023-01-31 >"$T/f.json" \
    2>"$T/err" || fail "figures: $(cat "$T/err")"
python3 - "$T/f.json" >"$T/got" <<'PY'
import json, sys
figs = {f["id"]: f for f in json.load(open(sys.argv[1]))["figures"]}
for year in ("2021", "2022"):
    s = figs[f"ehcp.{year}.within_20_weeks.share"]
    c = figs[f"ehcp.{year}.areas.count"]["value"]
    u = figs[f"ehcp.{year}.areas.under_50pct.count"]["value"]
    print(f"{year} {s['numerator']} {s['denominator']} {s['value']:.12f} {c} {u}")
PY
diff "$T/expected" "$T/got" >"$T/diff" || fail "sendpack differs from the file (year k n share areas under-50): $(cat "$T/diff")"
grep -q '^2021 34249 57196 0.598800615428 ' "$T/got" || fail "England 2021: $(cat "$T/got")"
grep -q '^2022 30536 62108 0.491659689573 ' "$T/got" || fail "England 2022: $(cat "$T/got")"

# At 30 December 2022 the year 2022 has not ended: no 2022 figure.
"$SENDPACK" figures --inspections "$OFSTED" --sen2 "$SEN2" --as-at 2022-12-30 >"$T/early.json" \
    2>/dev/null || fail "figures at 2022-12-30"
grep -q '"id": "ehcp.2021.within_20_weeks.share"' "$T/early.json" || fail "2021 missing at 2022-12-30"
! grep -q '"id": "ehcp.2022.within_20_weeks.share"' "$T/early.json" || fail "2022 counted before it ended"

# 3. Reorganised areas: one warning per code that matches no inspected
#    area, naming it and its years; the unchanged codes join silently.
want=(
    "SEN2 Dorset (E10000009), years 2014 to 2018: new_la_code matches no area read"
    "SEN2 Northamptonshire (E10000021), years 2014 to 2020: new_la_code matches no area read"
    "SEN2 Bournemouth (E06000028), years 2014 to 2018"
    "SEN2 Poole (E06000029), years 2014 to 2018"
    "SEN2 Dorset (E06000059), years 2019 to 2022"
    "SEN2 Buckinghamshire (E06000060), years 2020 to 2022: new_la_code matches no area read, so its timeliness is not joined to an inspection (old_la_code 825 is also Buckinghamshire, E10000002: a reorganised area whose code changed)"
    "SEN2 North Northamptonshire (E06000061), years 2021 to 2022"
    "SEN2 West Northamptonshire (E06000062), years 2021 to 2022"
)
for w in "${want[@]}"; do
    grep -qF "warning: $w" "$T/err" || fail "no warning \"$w\": $(cat "$T/err")"
done
n=$(grep -c 'warning: SEN2 ' "$T/err" || true)
[ "$n" -eq "${#want[@]}" ] || fail "$n SEN2 warnings, expected ${#want[@]}: $(cat "$T/err")"
grep -q "sen2_mi.csv:325: warning: SEN2 Buckinghamshire" "$T/err" || fail "the warning names no line"
for joined in Cumbria "North Yorkshire" Somerset "City of London" "Isles of Scilly"; do
    ! grep -q "warning: SEN2 $joined (" "$T/err" || fail "$joined warned about, but its code is Ofsted's"
done
python3 - "$T/f.json" <<'PY' || fail "area figures of the reorganised areas"
import json, sys
ids = {f["id"] for f in json.load(open(sys.argv[1]))["figures"]}
assert "area.e10000002.ehcp.2019.within_20_weeks.share" in ids        # Buckinghamshire, old code
assert "area.e10000002.ehcp.2020.within_20_weeks.share" not in ids    # its new code is not joined
assert "area.e06000058.ehcp.2019.within_20_weeks.share" in ids        # BCP from 2019
assert "area.e06000058.ehcp.2018.within_20_weeks.share" not in ids    # no Bournemouth or Poole rows
assert "area.e10000006.ehcp.2022.within_20_weeks.share" in ids        # Cumbria: same code
PY

# 4. The briefing: the section with --sen2, none without; both build.
"$SENDPACK" build -q --inspections "$OFSTED" --sen2 "$SEN2" --as-at 2023-01-31 --official \
    --out "$T/with" --previous "" --no-site --no-profiles 2>"$T/err" || fail "build with --sen2: $(cat "$T/err")"
"$SENDPACK" build -q --inspections "$OFSTED" --as-at 2023-01-31 --official \
    --out "$T/without" --previous "" --no-site --no-profiles --no-workbook 2>"$T/err" \
    || fail "build without --sen2: $(cat "$T/err")"
[ -f "$T/with/charts/ehcp-timeliness.png" ] || fail "no ehcp-timeliness chart"
[ ! -f "$T/without/charts/ehcp-timeliness.png" ] || fail "a timeliness chart without SEN2"
if command -v pdftotext >/dev/null; then
    pdftotext "$T/with/briefing.pdf" - | tr '\n' ' ' >"$T/with.txt"
    pdftotext "$T/without/briefing.pdf" - | tr '\n' ' ' >"$T/without.txt"
    grep -q "Timeliness of EHC plans" "$T/with.txt" || fail "no SEN2 section in the briefing"
    grep -q "30,536 of 62,108 (49%) new EHC plans in England were issued within 20 weeks" "$T/with.txt" \
        || fail "the section does not quote England 2022"
    grep -q "Education, health and care plans (SEN2)" "$T/with.txt" || fail "no DfE source line"
    ! grep -q "Timeliness of EHC plans" "$T/without.txt" || fail "a SEN2 section without --sen2"
fi
if command -v unzip >/dev/null; then
    unzip -p "$T/with/sendpack.xlsx" xl/workbook.xml >"$T/wb.xml"
    grep -q 'name="EHC plans"' "$T/wb.xml" && grep -q 'name="Records SEN2"' "$T/wb.xml" \
        || fail "the workbook has no SEN2 sheets"
    unzip -p "$T/with/sendpack.xlsx" xl/sharedStrings.xml >"$T/ss.xml"
    grep -q '<t>\[x\]</t>' "$T/ss.xml" || fail "the workbook does not show DfE's x as [x]"
fi
echo "ok"
