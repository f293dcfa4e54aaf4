#!/usr/bin/env bash
# cli_progress.sh: messages on stderr, data on stdout; on a pipe a build
# prints no progress, only its one-line summary (and warnings), whose count
# is the files written; --quiet prints nothing at all, even on a terminal.
source "$(dirname "$0")/publish_lib.bash"

"$SENDPACK" build --out "$T/a" --profiles >"$T/stdout" 2>"$T/stderr" || fail "build: $(cat "$T/stderr")"
[ ! -s "$T/stdout" ] || fail "build printed on stdout: $(cat "$T/stdout")"
grep -v '^\[WARNING\]' "$T/stderr" >"$T/mine" || true # libxlsxwriter's own notes
[ "$(wc -l <"$T/mine")" -eq 1 ] || fail "expected one summary line on a pipe: $(cat -A "$T/stderr")"
grep -Eq "^sendpack: wrote [0-9]+ files to $T/a \(as at [0-9]+ [A-Z][a-z]+ [0-9]{4}\)\$" "$T/mine" \
    || fail "summary: $(cat "$T/mine")"
said=$(sed -n 's/^sendpack: wrote \([0-9]*\) files.*/\1/p' "$T/mine")
made=$(find "$T/a" -type f ! -name .gitkeep | wc -l)
[ "$said" -eq "$made" ] || fail "the summary says $said files, the folder holds $made"
grep -q $'\r' "$T/stderr" && fail "progress (\\r) on a pipe"

"$SENDPACK" build -q --out "$T/b" --profiles >"$T/stdout" 2>"$T/stderr" || fail "build -q"
[ ! -s "$T/stdout" ] || fail "build -q printed on stdout"
grep -v '^\[WARNING\]' "$T/stderr" | grep -q . && fail "build -q printed: $(cat "$T/stderr")"

# figures: the table on stdout, nothing on stderr.
"$SENDPACK" figures >"$T/stdout" 2>"$T/stderr" || fail "figures"
[ -s "$T/stdout" ] && [ ! -s "$T/stderr" ] || fail "figures: stdout/stderr mixed up"

# A terminal (script(1) gives a pseudo-terminal), --quiet: still nothing.
if command -v script >/dev/null; then
    script -qec "$(printf '%q ' "$SENDPACK" build -q --out "$T/c" --profiles)" /dev/null >"$T/tty" 2>&1 \
        || fail "build -q on a terminal: $(cat "$T/tty")"
    grep -v '^\[WARNING\]' "$T/tty" | tr -d '\r\n' | grep -q . && fail "build -q on a terminal printed: $(cat -A "$T/tty")"
    # Without --quiet: whatever progress appears is "what done/total" redrawn with \r.
    script -qec "$(printf '%q ' "$SENDPACK" build --out "$T/d" --profiles)" /dev/null >"$T/tty" 2>&1 \
        || fail "build on a terminal: $(cat "$T/tty")"
    grep -q 'sendpack: wrote' "$T/tty" || fail "no summary on a terminal"
    if grep -q $'\r[a-z]' "$T/tty"; then
        tr '\r' '\n' <"$T/tty" | grep -E '^[a-z]' | grep -vE '^[a-z ]+ [0-9]+/[0-9]+$|^sendpack: ' \
            | grep -v '^\[WARNING\]' && fail "malformed progress: $(cat -A "$T/tty")"
    fi
    grep -q $'\e\[' "$T/tty" && fail "colour codes on a terminal (sendpack uses no colour)"
fi
echo "ok"
