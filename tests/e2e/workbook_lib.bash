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
    local dir=$1 prefix=$2 suffix=$3 expected=$4 engine=$5 out
    # One awk for every figure (a process per figure is minutes on a busy
    # machine): each sheet a figure names is read once, on first use.
    out=$(awk -F'\t' -v dir="$dir" -v prefix="$prefix" -v suffix="$suffix" -v engine="$engine" '
        function load(sheet,   f, line, r, n, i, a) {
            if (sheet in loaded) return
            loaded[sheet] = 1
            f = dir "/" prefix sheet suffix
            r = 0
            while ((getline line < f) > 0) {
                r++
                n = split(line, a, "\t")
                for (i = 1; i <= n; i++) cell[sheet, r, i] = a[i]
            }
            close(f)
        }
        FNR == NR { want[$1] = $2; next }
        FNR > 4 && $NF != "[z]" && $NF != "" {
            id = $1; ref = $NF; listed++
            sheet = ref; sub(/![^!]*$/, "", sheet); gsub(/^\047|\047$/, "", sheet)
            addr = ref; sub(/^.*!/, "", addr)
            col = addr; sub(/[0-9]+$/, "", col); row = substr(addr, length(col) + 1) + 0
            c = 0
            for (i = 1; i <= length(col); i++) c = c * 26 + index("ABCDEFGHIJKLMNOPQRSTUVWXYZ", substr(col, i, 1))
            load(sheet)
            got = cell[sheet, row, c]
            if (got ~ /%$/) { sub(/%$/, "", got); got = sprintf("%.17g", got / 100) }
            if (!(id in want)) {
                if (got != "[z]" && got !~ /^[0-9]/) { print "FAIL " engine ": " id " (" ref "): \"" got "\""; failed = 1; exit 1 }
                next
            }
            d = got - want[id]; if (d < 0) d = -d
            b = want[id] + 0
            if (got == "" || d > 1e-9 * (b < 1 ? 1 : b)) {
                print "FAIL " engine ": " id " (" ref ") recalculated to \"" got "\"; the figures table gives " want[id]
                failed = 1
                exit 1
            }
            checked++
        }
        END { if (!failed) print listed + 0, checked + 0 }
    ' "$expected" "$dir/${prefix}Figures$suffix")
    case "$out" in FAIL*) fail "${out#FAIL }" ;; esac
    local listed=${out% *} checked=${out#* }
    [ "$listed" -gt 100 ] || fail "$engine: the Figures sheet names too few live cells"
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

# wb_lo_profile DIR: a private LibreOffice profile in DIR that recalculates
# every formula when it loads an OOXML or ODF file (not the stored results).
wb_lo_profile() {
    mkdir -p "$1/user"
    cat >"$1/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU
}
