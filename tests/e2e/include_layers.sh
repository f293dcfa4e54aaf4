#!/usr/bin/env bash
# include_layers: includes run one way, down the pipeline:
#   model <- load, stats <- render <- publish <- cli
# load and stats use the model only; render uses stats and model; publish
# uses everything below it; cli uses publish, load, stats and model; main.c,
# the program's top, may use any. A file
# (or public header) that includes a header of a higher layer, or of a
# sibling it must not see, fails with the file, line and include named.
# A file-reading call in src/stats fails too: stats only computes.
set -euo pipefail
cd "${SENDPACK_SRC:-$(dirname "$0")/../..}"

# layer of a public header in include/sendpack/
header_layer() {
  case "$1" in
    model.h|date.h|diag.h|format.h|csv_write.h|file_write.h|settings.h|ees.h|heap.h) echo model ;;
    load.h|sheet.h) echo load ;;
    figures.h|stats.h|view.h|explain.h|revisions.h|ids.h|ids_*.h) echo stats ;;
    context.h|briefing.h|chart.h|pdf_layout.h|style.h|template.h|text.h|workbook.h|site.h) echo render ;;
    publish.h|config.h) echo publish ;;
    *) echo unknown ;;
  esac
}
# layer of a source file
file_layer() {
  case "$1" in
    src/model/*) echo model ;;
    src/load/*) echo load ;;
    src/stats/*) echo stats ;;
    src/render/*) echo render ;;
    src/publish/*) echo publish ;;
    src/cli/*) echo cli ;;
    src/main.c) echo main ;;
    include/sendpack/*) header_layer "$(basename "$1")" ;;
  esac
}
# may layer $1 include a header of layer $2?
allowed() {
  [ "$1" = "$2" ] && return 0
  case "$1:$2" in
    load:model|stats:model|render:stats|render:model) return 0 ;;
    publish:*) [ "$2" != cli ] ;;
    main:*) return 0 ;;
    cli:publish|cli:load|cli:stats|cli:model) return 0 ;;
    *) return 1 ;;
  esac
}

bad=0
while IFS= read -r f; do
  from=$(file_layer "$f")
  [ -n "$from" ] || continue
  [ "$from" != unknown ] || { echo "FAIL: $f: header in no layer; add it to $0"; bad=1; continue; }
  while IFS=: read -r line inc; do
    h=$(sed -E 's/.*"sendpack\/([^"]+)".*/\1/' <<<"$inc")
    to=$(header_layer "$h")
    if [ "$to" = unknown ]; then
      echo "FAIL: $f:$line: sendpack/$h is in no layer; add it to $0"; bad=1
    elif ! allowed "$from" "$to"; then
      echo "FAIL: $f:$line: the $from layer includes sendpack/$h ($to layer)"; bad=1
    fi
  done < <(grep -n '#include "sendpack/' "$f" | sed -E 's/^([0-9]+):/\1:/')
done < <(find src include -name '*.[ch]' | sort)
# stats only computes: files are read by load (inputs) and publish (the
# previous publication), never by a breakdown or by revisions.c.
io=$(grep -nE '\b(g_file_get_contents|g_file_set_contents|g_file_test|fopen|opendir|g_dir_open|open)\(' src/stats/*.c || true)
if [ -n "$io" ]; then
  while IFS= read -r l; do echo "FAIL: $l: file I/O in the stats layer (move it to load or publish)"; done <<<"$io"
  bad=1
fi
[ "$bad" -eq 0 ] || exit 1
echo "ok: includes run one way; stats does no file I/O"
