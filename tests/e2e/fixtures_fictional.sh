#!/usr/bin/env bash
# fixtures_fictional: no fixture area shares a name or a code with a real
# local area in Ofsted's published table, and no fixture file is a copy of
# a row of it (the fixtures must be fictional, DESIGN.md and
# ../shared/data/README.md). Reads ../shared/data; skips (77) without it.
set -euo pipefail
cd "${SENDPACK_SRC:-$(dirname "$0")/../..}"
real="${SHARED_DATA:-../shared/data}/ofsted/area-send-inspections-2016-2022.csv"
if [ ! -f "$real" ]; then
  echo "SKIP: real data not found: $real" >&2
  exit 77
fi
LC_ALL=C awk '
  function split_csv(s,   i, c, f, inq) {
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
  { sub(/\r$/, ""); split_csv($0) }
  FILENAME == ARGV[1] {
    if (F[2] ~ /^E[0-9]+$/) { RCODE[F[2]] = 1; RNAME[tolower(F[3])] = 1; nreal++ }
    next
  }
  FNR > 1 {
    if (tolower(F[2]) in RNAME) { print "FAIL: " FILENAME ":" FNR ": " F[2] " is a real area name" > "/dev/stderr"; bad = 1 }
    if (F[1] in RCODE) { print "FAIL: " FILENAME ":" FNR ": " F[1] " is a real code" > "/dev/stderr"; bad = 1 }
    n++
  }
  END {
    if (nreal < 100) { print "FAIL: read only " nreal " real areas from " ARGV[1] > "/dev/stderr"; exit 1 }
    if (n < 100) { print "FAIL: read only " n " fixture areas" > "/dev/stderr"; exit 1 }
    exit bad
  }' "$real" fixtures/areas.csv
# no line of the real table appears in any fixture (dates converted or not)
if grep -F -x -f <(tail -n +6 "$real" | tr -d '\r' | cut -d, -f2-) fixtures/*.csv >/dev/null; then
  echo "FAIL: a fixture line is copied from $real" >&2
  exit 1
fi
echo "ok: fixture areas are fictional (checked against $real)"
