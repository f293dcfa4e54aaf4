# lib.bash: what the per-renderer bench scripts share (sourced, not run):
# the -n option, a Release build in a folder of their own, linking a small
# in-process bench program against the library, and a temporary folder.

# bench_runs DEFAULT USAGE_LAST_LINE "$@": sets runs from -n N (default
# DEFAULT); -h or a bad option prints the script's header lines 2..USAGE_LAST_LINE.
bench_runs() {
  local usage_end=$2 opt OPTIND=1
  runs=$1
  shift 2
  while getopts "n:h" opt; do
    case $opt in
      n) runs=$OPTARG ;;
      *) sed -n "2,${usage_end}s/^# \\{0,1\\}//p" "$0" >&2; exit 2 ;;
    esac
  done
  [[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "-n needs a positive number" >&2; exit 2; }
}

# bench_build DIR TARGET: a Release build of TARGET in DIR.
bench_build() {
  cmake -S . -B "$1" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$1" -j2 --target "$2" >/dev/null
}

# bench_program SOURCE DIR OUT: build the library in DIR and link SOURCE
# (an in-process bench under bench/) against it into OUT.
bench_program() {
  bench_build "$2" sendpack_core
  # shellcheck disable=SC2046
  cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -Iinclude "$1" "$2/libsendpack_core.a" \
    $(pkg-config --cflags --libs glib-2.0 gio-2.0 fontconfig cairo pangocairo libcmark xlsxwriter json-glib-1.0 libzip libxml-2.0 libqpdf libcrypto) \
    -lcsv -lm -o "$3"
}

# bench_tmp: a temporary folder in $tmp, removed on exit.
bench_tmp() {
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
}
