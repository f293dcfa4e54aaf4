# workbook_lib.bash: shared by tests/e2e/workbook_*.sh (sourced, not a test
# itself: CTest only globs *.sh). Moving the as-at cell inside a built
# workbook, and checking every live formula of a recalculated workbook
# (exported one tab-separated file per sheet) against figures.json.

# wb_set_asat IN.xlsx OUT.xlsx SERIAL WORKDIR: copy IN to OUT with the cell
# named AsAt (on the Cover sheet, sheet1.xml) set to the date serial SERIAL.
wb_set_asat() {
    local in=$1 out=$2 serial=$3 work=$4 cell
    cell=$(unzip -p "$in" xl/workbook.xml |
        sed -n 's/.*<definedName name="AsAt">Cover!\$\([A-Z]*\)\$\([0-9]*\)<.*/\1\2/p')
    [ -n "$cell" ] || fail "no AsAt defined name on the Cover sheet"
    mkdir -p "$work"
    (cd "$work" && unzip -q -o "$in" xl/worksheets/sheet1.xml)
    sed -i "s|\(<c r=\"$cell\"[^>]*><v>\)[0-9.]*</v>|\1$serial</v>|" "$work/xl/worksheets/sheet1.xml"
    grep -q "<c r=\"$cell\"[^>]*><v>$serial</v>" "$work/xl/worksheets/sheet1.xml" \
        || fail "could not set $cell to $serial"
    cp "$in" "$out"
    (cd "$work" && zip -q "$out" xl/worksheets/sheet1.xml)
}

# wb_expected FIGURES.json OUT.tsv: "id<TAB>value" for every numeric figure.
wb_expected() {
    sed -n 's/^  {"id": "\([^"]*\)", .*"value": \(-\{0,1\}[0-9][0-9.e+-]*\),.*/\1\t\2/p' "$1" >"$2"
    [ "$(grep -c . "$2")" -gt 100 ] || fail "could not read $1"
}

# wb_check_live DIR PREFIX SUFFIX EXPECTED.tsv ENGINE: the sheet S was
# exported to DIR/PREFIX S SUFFIX (tab-separated, unquoted). Every figure
# named on the Figures sheet's last column must equal EXPECTED; a cell whose
# figure is absent at this date must hold a number or [z]. Prints the count.
wb_check_live() {
    local dir=$1 prefix=$2 suffix=$3 expected=$4 engine=$5 checked=0
    local id ref sheet addr col row c i got want
    awk -F'\t' 'NR > 4 && $NF != "[z]" && $NF != "" { print $1 "\t" $NF }' \
        "$dir/${prefix}Figures$suffix" >"$dir/live.list"
    [ "$(grep -c . "$dir/live.list")" -gt 100 ] || fail "$engine: the Figures sheet names too few live cells"
    while IFS=$'\t' read -r id ref; do
        sheet=${ref%!*}; sheet=${sheet#\'}; sheet=${sheet%\'}
        addr=${ref##*!}; col=${addr%%[0-9]*}; row=${addr#"$col"}
        c=0
        for ((i = 0; i < ${#col}; i++)); do
            c=$((c * 26 + $(printf '%d' "'${col:i:1}") - 64))
        done
        got=$(awk -F'\t' -v r="$row" -v c="$c" 'NR == r { print $c }' "$dir/$prefix$sheet$suffix")
        case "$got" in *%) got=$(awk -v p="${got%\%}" 'BEGIN { printf "%.17g", p / 100 }') ;; esac
        want=$(awk -F'\t' -v id="$id" '$1 == id { print $2 }' "$expected")
        if [ -z "$want" ]; then
            case "$got" in '[z]' | [0-9]*) ;; *) fail "$engine: $id ($ref): \"$got\"" ;; esac
            continue
        fi
        awk -v a="$got" -v b="$want" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(a != "" && d <= 1e-9 * (b < 1 ? 1 : b)) }' \
            || fail "$engine: $id ($ref) recalculated to \"$got\"; the figures table gives $want"
        checked=$((checked + 1))
    done <"$dir/live.list"
    [ "$checked" -gt 100 ] || fail "$engine: only $checked live formulas checked"
    echo "$checked"
}

# wb_set_asat_ods IN.ods OUT.ods ISO-DATE WORKDIR: copy IN to OUT with the
# cell named AsAt set to ISO-DATE. The name must point at one cell on the
# Cover sheet, whose one date cell (the first in the file) is the as-at cell.
wb_set_asat_ods() {
    local in=$1 out=$2 iso=$3 work=$4
    unzip -p "$in" content.xml |
        grep -q '<table:named-range table:name="AsAt" [^>]*table:cell-range-address="\$Cover\.\$A\$[0-9]*"' \
        || fail "no AsAt named range on the Cover sheet of $in"
    mkdir -p "$work"
    (cd "$work" && unzip -q -o "$in" content.xml)
    sed -i "0,/\(<table:table-cell table:style-name=\"[a-z0-9]*\" office:value-type=\"date\" office:date-value=\"\)[0-9-]*\(\"\/>\)/s//\1$iso\2/" \
        "$work/content.xml"
    grep -q "office:date-value=\"$iso\"" "$work/content.xml" || fail "could not set AsAt to $iso"
    cp "$in" "$out"
    (cd "$work" && zip -q "$out" content.xml)
}
