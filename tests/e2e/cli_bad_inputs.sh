#!/usr/bin/env bash
# cli_bad_inputs.sh: every file in fixtures/bad/ (its name's prefix says
# which flag takes it) makes build, figures and validate exit 2 with a
# file:line:column message (a spreadsheet: file[Sheet]!B12, or one line
# about the whole file when it cannot be opened), print nothing on stdout
# and write nothing: the previous publication stays byte-identical and no
# staging folder is left. A file with several problems gets one line for each.
source "$(dirname "$0")/publish_lib.bash"
shopt -s nullglob
bad=(fixtures/bad/*.csv fixtures/bad/*.ods fixtures/bad/*.xlsx fixtures/bad/*.xls)
if [ ${#bad[@]} -eq 0 ]; then
    echo "skipped: no files in fixtures/bad/" >&2
    exit 77
fi

# A previous publication to protect.
"$SENDPACK" build -q --out "$T/out" "${QUICK[@]}" 2>"$T/err" || fail "first build: $(cat "$T/err")"
before=$(snapshot "$T/out")

for f in "${bad[@]}"; do
    name=$(basename "$f")
    case "$name" in
        inspections*) flag=--inspections ;;
        funding*) flag=--funding ;;
        interventions*) flag=--interventions ;;
        areas*) flag=--areas ;;
        dsg*) flag=--dsg ;;
        *) fail "cannot tell which flag takes $name" ;;
    esac
    for cmd in build figures validate; do
        args=("$cmd" "$flag" "$f")
        [ "$cmd" = build ] && args+=(--out "$T/out" "${QUICK[@]}")
        rc=0
        "$SENDPACK" "${args[@]}" >"$T/stdout" 2>"$T/stderr" || rc=$?
        [ "$rc" -eq 2 ] || fail "$cmd $name: exit $rc, expected 2; $(cat "$T/stderr")"
        where=":[0-9]+:[0-9]+"
        # a spreadsheet: file[Sheet]!B12, file[Sheet] (a sheet as a whole) or file
        case "$name" in *.csv) ;; *) where="(\[[^]]+\](![A-Z]+[0-9]+)?)?" ;; esac
        grep -qE "^$(printf '%s' "$f" | sed 's/[.]/[.]/g')$where: " "$T/stderr" \
            || fail "$cmd $name: no file:line:column message: $(cat "$T/stderr")"
        [ ! -s "$T/stdout" ] || fail "$cmd $name: printed on stdout"
    done
    [ "$(snapshot "$T/out")" = "$before" ] || fail "$name: the previous publication changed"
    assert_no_leftovers "$T/out"
done

# Into a new folder: nothing is created at all.
rc=0
"$SENDPACK" build --inspections "${bad[0]}" --out "$T/new/out" "${QUICK[@]}" 2>/dev/null || rc=$?
[ "$rc" -eq 2 ] || fail "bad input into a new folder: exit $rc"
[ ! -e "$T/new" ] || fail "bad input created $T/new"

# Every problem, one line each, in file order.
awk -F, -v OFS=, 'NR == 3 { $4 = "2018-02-31" } NR == 5 { $6 = "Maybe" } NR == 7 { $7 = "many" } { print }' \
    fixtures/inspections-2016.csv >"$T/three.csv"
rc=0
"$SENDPACK" validate --inspections "$T/three.csv" 2>"$T/stderr" || rc=$?
[ "$rc" -eq 2 ] || fail "three problems: exit $rc"
grep -E "^$T/three.csv:[0-9]+:[0-9]+: " "$T/stderr" | cut -d: -f2,3 >"$T/where"
[ "$(tr '\n' ' ' <"$T/where")" = "3:4 5:6 7:7 " ] || fail "three problems reported as: $(cat "$T/stderr")"
echo "ok"
