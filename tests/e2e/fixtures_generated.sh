#!/usr/bin/env bash
# fixtures_generated: the committed fixtures/*.csv are exactly what
# bench/make-data writes (deterministic, so nobody hand-edits them), a larger
# scale multiplies the rows, and the fixtures carry what the issue promised:
# fictional X codes, the 8 regions with their sizes, all revisit and 2023
# outcomes, every intervention type, the published funding facts and the
# three names renderers must cope with. Checks run in awk with a small CSV
# splitter, so the test needs no loader and no Python.
set -euo pipefail
cd "${SENDPACK_SRC:-$(dirname "$0")/../..}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
files="areas funding inspections-2016 inspections-2023 interventions sen2"

# 1. committed fixtures == generator output, twice over (determinism)
bench/make-data "$tmp/a" 1
bench/make-data "$tmp/a2" 1
for f in $files; do
  [ -f "fixtures/$f.csv" ] || fail "fixtures/$f.csv is missing"
  cmp -s "fixtures/$f.csv" "$tmp/a/$f.csv" ||
    fail "fixtures/$f.csv differs from 'bench/make-data fixtures 1': regenerate it, do not edit it by hand"
  cmp -s "$tmp/a/$f.csv" "$tmp/a2/$f.csv" || fail "bench/make-data is not deterministic ($f.csv)"
done
# a different seed gives different data
bench/make-data "$tmp/s" 1 12345
! cmp -s "$tmp/a/inspections-2016.csv" "$tmp/s/inspections-2016.csv" || fail "the seed argument has no effect"

# 2. bad arguments are refused
for args in "" "$tmp/x 0" "$tmp/x abc" "$tmp/x 1 0"; do
  # shellcheck disable=SC2086
  if bench/make-data $args 2>/dev/null; then fail "bench/make-data accepted '$args'"; fi
done

# 3. scale 2 doubles every per-area file; names and codes stay unique
bench/make-data "$tmp/b" 2
rows() { echo $(($(wc -l <"$1") - 1)); }
[ "$(rows "$tmp/b/areas.csv")" -eq $((2 * $(rows fixtures/areas.csv))) ] || fail "scale 2 does not double areas.csv"
[ "$(rows "$tmp/b/inspections-2016.csv")" -eq $((2 * $(rows fixtures/inspections-2016.csv))) ] || fail "scale 2 does not double inspections-2016.csv"
[ "$(rows "$tmp/b/inspections-2023.csv")" -eq 60 ] || fail "scale 2 should give 60 inspections under the 2023 framework"
[ "$(rows "$tmp/b/interventions.csv")" -eq 40 ] || fail "scale 2 should give 40 interventions"

# CSV splitter shared by the awk checks below: fields into F[1..NF_]
csv='function split_csv(s,   i, c, f, inq) {
  NF_ = 0; f = ""; inq = 0
  for (i = 1; i <= length(s); i++) {
    c = substr(s, i, 1)
    if (inq) { if (c == "\"") { if (substr(s, i + 1, 1) == "\"") { f = f c; i++ } else inq = 0 } else f = f c }
    else if (c == "\"") inq = 1
    else if (c == ",") { F[++NF_] = f; f = "" }
    else f = f c
  }
  F[++NF_] = f
}
function days(s,   y, m, d, era, yoe, doy) {   # YYYY-MM-DD or DD/MM/YYYY
  if (s ~ /\//) { d = substr(s, 1, 2) + 0; m = substr(s, 4, 2) + 0; y = substr(s, 7, 4) + 0 }
  else { y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0; d = substr(s, 9, 2) + 0 }
  if (m <= 2) y--
  era = int(y / 400); yoe = y - era * 400
  doy = int((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1
  return era * 146097 + yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy - 719468
}'

for d in fixtures "$tmp/b"; do
  LC_ALL=C awk "$csv"'
    FNR == 1 { next }
    { split_csv($0) }
    FILENAME ~ /areas.csv$/ {
      if (F[1] !~ /^X[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]$/) err("areas.csv:" FNR ": code " F[1] " is not X + 8 digits")
      if (F[1] in CODE) err("areas.csv:" FNR ": duplicate code " F[1])
      if (F[2] in NAME) err("areas.csv:" FNR ": duplicate name " F[2])
      CODE[F[1]] = F[2]; NAME[F[2]] = F[1]; REGION[F[3]]++
    }
    FILENAME ~ /inspections-2016.csv$/ {
      if (CODE[F[1]] != F[2]) err("inspections-2016.csv:" FNR ": area " F[1] " is not as in areas.csv")
      g = days(F[5]) - days(F[4])
      if (g < 42 || g > 84) err("inspections-2016.csv:" FNR ": published " g " days after the start")
      if (F[4] < "2016-05-01" || F[4] > "2022-08-31") err("inspections-2016.csv:" FNR ": start " F[4] " outside 2016-05 to 2022-08")
      n16++
      if (F[6] == "Yes") {
        wsoa++
        if (F[7] + 0 < 2 || F[7] + 0 > 13) err("inspections-2016.csv:" FNR ": " F[7] " weaknesses")
        if (F[8] == "Not revisited yet") notrev++
        else {
          OUTC[F[10]]++
          if (F[11] + F[12] != F[7] + 0) err("inspections-2016.csv:" FNR ": made + not made != identified")
          if (F[10] == "Yes" && F[12] + 0 != 0 || F[10] == "No" && F[11] + 0 != 0 || F[10] == "Some" && (F[11] + 0 == 0 || F[12] + 0 == 0))
            err("inspections-2016.csv:" FNR ": outcome " F[10] " does not match the counts")
          if (days(F[9]) <= days(F[8])) err("inspections-2016.csv:" FNR ": revisit published before it started")
        }
      } else if (F[6] != "No" || F[7] F[8] F[9] F[10] F[11] F[12] != "") err("inspections-2016.csv:" FNR ": no WSoA but WSoA cells filled")
    }
    FILENAME ~ /inspections-2023.csv$/ {
      if (CODE[F[2]] != F[1]) err("inspections-2023.csv:" FNR ": area " F[2] " is not as in areas.csv")
      if (F[4] !~ /^[0-9][0-9]\/[0-9][0-9]\/202[34]$/) err("inspections-2023.csv:" FNR ": start " F[4] " not DD/MM/2023-2024")
      if (days(F[5]) <= days(F[4])) err("inspections-2023.csv:" FNR ": published before it started")
      O23[F[6]]++; n23++
      if (F[8] !~ /^[0-5]$/ || (F[7] == "Yes") != (F[8] + 0 > 0)) err("inspections-2023.csv:" FNR ": priority actions " F[7] "/" F[8])
    }
    FILENAME ~ /interventions.csv$/ {
      if (CODE[F[1]] != F[2]) err("interventions.csv:" FNR ": area " F[1] " is not as in areas.csv")
      TYPE[F[3]]++
      if (F[5] != "" && F[5] <= F[4]) err("interventions.csv:" FNR ": ends before it starts")
      if (F[7] !~ /illustrative/) err("interventions.csv:" FNR ": source " F[7])
    }
    FILENAME ~ /funding.csv$/ {
      FUND[F[1]] = F[4] "|" F[5] "|" F[6] "|" F[7] "|" F[10]
      if (F[11] !~ /illustrative/) err("funding.csv:" FNR ": source " F[11])
      if (F[10] !~ /^(committed|optional_extension|announced)$/) err("funding.csv:" FNR ": status " F[10])
      if ((F[7] == "") == (F[5] == "" || F[6] == "")) err("funding.csv:" FNR ": give either units or an amount")
    }
    function err(m) { print "FAIL: " D "/" m > "/dev/stderr"; bad = 1 }
    END {
      s = SCALE
      split("East Midlands=8|East of England=11|London=33|North East, Yorkshire and the Humber=27|North West=23|South East=19|South West=13|West Midlands=14", rs, "|")
      for (k in rs) { split(rs[k], kv, "="); if (REGION[kv[1]] != kv[2] * s) err("region " kv[1] ": " REGION[kv[1]] " areas, want " kv[2] * s) }
      if (length(REGION) != 8) err(length(REGION) " regions, want 8")
      if (wsoa < 0.4 * n16 || wsoa > 0.6 * n16) err(wsoa " of " n16 " with a WSoA, want about half")
      if (!OUTC["Yes"] || !OUTC["Some"] || !OUTC["No"]) err("revisit outcomes Yes/Some/No not all present")
      if (notrev < 5 * s) err("only " notrev " WSoA areas not revisited yet")
      if (n23 != 30 * s) err(n23 " 2023-framework inspections, want " 30 * s)
      if (!O23["Typically positive experiences and outcomes"] || !O23["Inconsistent experiences and outcomes"] || !O23["Widespread and/or systemic failings leading to significant concerns"] || length(O23) != 3)
        err("2023 outcomes are not the three published ones")
      split("commissioner statutory_direction adviser_support safety_valve other", ts, " ")
      for (k in ts) if (!TYPE[ts[k]]) err("no intervention of type " ts[k])
      if (length(TYPE) != 5) err("unknown intervention type")
      if (FUND["send-advisers-initial"] != "England|13|90000||committed") err("SEND advisers line: " FUND["send-advisers-initial"])
      if (FUND["send-advisers-extension"] != "England|13|180000||optional_extension") err("SEND advisers extension: " FUND["send-advisers-extension"])
      if (FUND["safety-valve-financial-advisers"] != "England|6|16000||committed") err("safety valve advisers: " FUND["safety-valve-financial-advisers"])
      if (FUND["change-programme-pilot"] != "England|||70000000|announced") err("change programme: " FUND["change-programme-pilot"])
      if (!("=HYPERLINK(\"http://example.invalid\",\"x\")" in NAME)) err("no formula-injection area name")
      if (!("Bishop'"'"'s Sorrelford" in NAME)) err("no area name with an apostrophe")
      long = 0; for (n in NAME) if (length(n) > 60) long++
      if (long != 1) err(long " area names over 60 characters, want 1")
      exit bad
    }' D="$d" SCALE="$([ "$d" = fixtures ] && echo 1 || echo 2)" \
    "$d/areas.csv" "$d/inspections-2016.csv" "$d/inspections-2023.csv" "$d/interventions.csv" "$d/funding.csv" ||
    fail "content checks failed for $d"
done
echo "ok: fixtures match bench/make-data and carry the promised content"
