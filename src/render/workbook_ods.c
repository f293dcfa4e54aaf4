/* workbook_ods.c: the ODS writer: the workbook description
 * (workbook_desc.h) as an OpenDocument spreadsheet (ODF 1.3), the XML
 * written by the helpers of workbook_ods_parts.c and packed with libzip.
 *
 * Design choice: the operations are applied to a cell grid per sheet (a
 * later write to a cell replaces an earlier one, as in the XLSX), then each
 * sheet is written row by row. Text is always a string cell (value-type
 * "string", never a formula), so text starting with =, +, -, @, a tab or a
 * carriage return stays text. Formulas keep their cached results as the
 * cell's value and are translated from Excel's A1 syntax to OpenFormula in
 * one scan (ods_openformula: cell references to [.B5], commas to
 * semicolons; string literals are left alone). Tables become database
 * ranges, defined names named ranges, the repeated header row a
 * header-rows block. The package is
 * byte-identical for the same description: `mimetype` first and stored,
 * every entry dated 1 January 1980, and no clock anywhere. Native charts are
 * XLSX only: the Charts sheet of the ODS holds its text but no chart
 * objects. */
#include "workbook_ods.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <zip.h>

#include "sendpack/date.h"

/* zlib level of the XML parts */
#define ODS_ZIP_LEVEL 6

/* A cell of the grid: the operation that wrote it, or a table's header. */
typedef struct cell {
    uint32_t row, col;
    const wb_op *op;
    int header; /* >= 0: header index of the WB_OP_TABLE op */
} cell;

typedef struct sheet {
    GHashTable *cells;    /* (row << 20 | col) -> cell * */
    GHashTable *heights;  /* row + 1 -> double * (points) */
    GArray *widths;       /* double per column; 0: not set */
    GPtrArray *tables;    /* const wb_op * */
    uint32_t freeze_row;  /* 0: none */
    int64_t repeat_row;   /* -1: none */
    bool landscape, grid_hidden;
} sheet;

static guint64 key_of(uint32_t row, uint32_t col)
{
    return ((guint64)row << 20) | col;
}

/* A 64-bit key's hash with every bit mixed in (MurmurHash3's finaliser):
 * g_int64_hash folds the halves together, and row << 20 | col then gives
 * the same hash to dozens of cells once there are more than 4,096 rows,
 * which made a large records sheet slower than linear. Only look-ups use
 * it; the cells are written sorted, so the file does not depend on it. */
static guint key_hash(gconstpointer p)
{
    guint64 v = *(const guint64 *)p;
    v ^= v >> 33;
    v *= 0xff51afd7ed558ccdULL;
    v ^= v >> 33;
    v *= 0xc4ceb9fe1a85ec53ULL;
    v ^= v >> 33;
    return (guint)v;
}

static void sheet_init(sheet *s)
{
    s->cells = g_hash_table_new_full(key_hash, g_int64_equal, g_free, g_free);
    s->heights = g_hash_table_new_full(key_hash, g_int64_equal, g_free, g_free);
    s->widths = g_array_new(FALSE, TRUE, sizeof(double));
    s->tables = g_ptr_array_new();
    s->repeat_row = -1;
}

static void sheet_clear(sheet *s)
{
    g_hash_table_destroy(s->cells);
    g_hash_table_destroy(s->heights);
    g_array_free(s->widths, TRUE);
    g_ptr_array_free(s->tables, TRUE);
}

static void put(sheet *s, uint32_t row, uint32_t col, const wb_op *op, int header)
{
    guint64 *k = g_new(guint64, 1);
    *k = key_of(row, col);
    cell *c = g_new(cell, 1);
    *c = (cell){.row = row, .col = col, .op = op, .header = header};
    g_hash_table_replace(s->cells, k, c);
}

/* Apply the description's operations to the sheets; returns the active
 * sheet. */
static size_t apply(const wb_desc *d, sheet *sheets)
{
    size_t active = 0;
    for (size_t i = 0; i < wb_desc_n_ops(d); i++) {
        const wb_op *op = wb_desc_op(d, i);
        sheet *s = &sheets[op->sheet];
        switch (op->kind) {
        case WB_OP_TEXT:
        case WB_OP_NUMBER:
        case WB_OP_FORMULA:
        case WB_OP_FORMULA_TEXT:
        case WB_OP_ARRAY:
        case WB_OP_LINK:
            put(s, op->row, op->col, op, -1);
            break;
        case WB_OP_ROW: {
            gint64 *k = g_new(gint64, 1);
            *k = (gint64)op->row + 1;
            double *h = g_new(double, 1);
            *h = op->num;
            g_hash_table_replace(s->heights, k, h);
            break;
        }
        case WB_OP_COLUMN:
            if (s->widths->len <= op->col)
                g_array_set_size(s->widths, op->col + 1);
            g_array_index(s->widths, double, op->col) = op->num;
            break;
        case WB_OP_TABLE:
            for (uint32_t c = op->col; c <= op->col2; c++)
                put(s, op->row, c, op, (int)(c - op->col));
            g_ptr_array_add(s->tables, (gpointer)op);
            break;
        case WB_OP_FREEZE:
            s->freeze_row = op->row;
            break;
        case WB_OP_REPEAT_ROWS:
            s->repeat_row = op->row;
            break;
        case WB_OP_PRINT:
            s->landscape = op->landscape;
            break;
        case WB_OP_HIDE_GRID:
            s->grid_hidden = true;
            break;
        case WB_OP_ACTIVATE:
            active = op->sheet;
            break;
        case WB_OP_NAME:
        case WB_OP_CHART:
            break;
        }
    }
    return active;
}

/* ---- formulas ----------------------------------------------------------- */

/* A character that, just before a cell reference, makes it part of
 * something else (a name, a sheet-qualified or absolute reference). */
static bool ref_before(char c)
{
    return g_ascii_isalnum(c) || c == '_' || c == '.' || c == '$';
}

/* A character that, just after one, makes it a name's or a function's. */
static bool ref_after(char c)
{
    return g_ascii_isalnum(c) || c == '_' || c == '(';
}

/* The length of a cell reference ($?[A-Z]{1,3}$?[0-9]+) at s, or 0. */
static size_t cell_ref(const char *s)
{
    size_t i = s[0] == '$', letters = 0;
    while (g_ascii_isupper(s[i + letters]))
        letters++;
    if (letters < 1 || letters > 3)
        return 0;
    i += letters;
    i += s[i] == '$';
    size_t digits = 0;
    while (g_ascii_isdigit(s[i + digits]))
        digits++;
    return digits ? i + digits : 0;
}

/* Where the string literal opening at s (a '"') closes, "" doubled inside:
 * the index of the closing quote, or 0 when it never closes. Like the
 * regular expression "(?:[^"]|"")*" this formula syntax was first written
 * with, an unclosed literal after a doubled quote closes at the last
 * doubled quote's first half. */
static size_t literal_end(const char *s)
{
    size_t last_pair = 0;
    for (size_t i = 1; s[i]; i++) {
        if (s[i] != '"')
            continue;
        if (s[i + 1] != '"')
            return i;
        last_pair = i++;
    }
    return last_pair;
}

/* "=IF(B5>0,B6/B5,\"[z]\")" -> "of:=IF([.B5]>0;[.B6]/[.B5];\"[z]\")"; the
 * braces of an array formula are dropped. Cell references not inside a
 * name or a function's name become [.B5] or [.B5:.B9], commas outside
 * string literals semicolons; string literals are left alone. */
char *ods_openformula(const char *excel)
{
    size_t n = strlen(excel);
    char *body = excel[0] == '{' && n > 2 && excel[n - 1] == '}' ? g_strndup(excel + 1, n - 2)
                                                                 : g_strdup(excel);
    const char *s = body[0] == '=' ? body + 1 : body;
    GString *out = g_string_sized_new(strlen(s) + 32);
    g_string_append(out, "of:=");
    for (size_t i = 0; s[i];) {
        char c = s[i];
        size_t a, b, end;
        if (c == '"' && (end = literal_end(s + i)) > 0) {
            g_string_append_len(out, s + i, (gssize)end + 1);
            i += end + 1;
        } else if (c == ',') {
            g_string_append_c(out, ';');
            i++;
        } else if ((i == 0 || !ref_before(s[i - 1])) && (a = cell_ref(s + i)) > 0) {
            /* A1, or A1:B2, not followed by a name's or function's character */
            b = s[i + a] == ':' ? cell_ref(s + i + a + 1) : 0;
            const char *after = s + i + a + (b ? 1 + b : 0);
            bool ok = !ref_after(*after);
            if (b && !ok) { /* without the range part, if that ends well */
                b = 0;
                after = s + i + a;
                ok = !ref_after(*after);
            }
            if (!ok) {
                g_string_append_c(out, c);
                i++;
                continue;
            }
            g_string_append(out, "[.");
            g_string_append_len(out, s + i, (gssize)a);
            if (b) {
                g_string_append(out, ":.");
                g_string_append_len(out, s + i + a + 1, (gssize)b);
            }
            g_string_append_c(out, ']');
            i = (size_t)(after - s);
        } else {
            g_string_append_c(out, c);
            i++;
        }
    }
    g_free(body);
    return g_string_free(out, FALSE);
}

/* ---- cells -------------------------------------------------------------- */

/* A date serial (days since 30 December 1899) as an ISO date. */
static void serial_iso(double serial, char *buf, size_t n)
{
    GDate *d = g_date_new_dmy(30, G_DATE_DECEMBER, 1899);
    g_date_add_days(d, (guint)serial);
    snprintf(buf, n, "%04d-%02d-%02d", g_date_get_year(d), g_date_get_month(d),
             g_date_get_day(d));
    g_date_free(d);
}

static void number_value(ods_xml *x, wb_fmt f, double v)
{
    char num[G_ASCII_DTOSTR_BUF_SIZE];
    switch (WB_FORMATS[f].num) {
    case WB_NUM_DATE:
    case WB_NUM_MONTH: {
        char iso[16];
        serial_iso(v, iso, sizeof iso);
        ods_attr(x, "office:value-type", "date");
        ods_attr(x, "office:date-value", iso);
        return;
    }
    case WB_NUM_PCT:
        ods_attr(x, "office:value-type", "percentage");
        break;
    case WB_NUM_GBP:
        ods_attr(x, "office:value-type", "currency");
        ods_attr(x, "office:currency", "GBP");
        break;
    default:
        ods_attr(x, "office:value-type", "float");
    }
    ods_attr(x, "office:value", g_ascii_dtostr(num, sizeof num, v));
}

/* "internal:'Records 2023'!A5" -> "#'Records 2023'.A5" */
static char *link_target(const char *url)
{
    const char *ref = g_str_has_prefix(url, "internal:") ? url + 9 : url;
    const char *bang = strrchr(ref, '!');
    if (!bang)
        return g_strdup(ref);
    char *part = g_strndup(ref, (gsize)(bang - ref));
    bool quoted = part[0] == '\'' && strlen(part) >= 2;
    char *name = quoted ? g_strndup(part + 1, strlen(part) - 2) : g_strdup(part);
    char *out = strchr(name, ' ') ? g_strdup_printf("#'%s'.%s", name, bang + 1)
                                  : g_strdup_printf("#%s.%s", name, bang + 1);
    g_free(part);
    g_free(name);
    return out;
}

static void write_cell(ods_xml *x, const cell *c)
{
    const wb_op *op = c->op;
    ods_el(x, "table:table-cell");
    if (c->header >= 0) {
        ods_attr_num(x, "table:style-name", "ce", (unsigned long)op->header_fmt[c->header]);
        ods_attr(x, "office:value-type", "string");
        ods_paragraphs(x, op->headers[c->header]);
        ods_end(x);
        return;
    }
    if (op->fmt != WB_FMT_NONE)
        ods_attr_num(x, "table:style-name", "ce", (unsigned long)op->fmt);
    switch (op->kind) {
    case WB_OP_TEXT:
        ods_attr(x, "office:value-type", "string");
        ods_paragraphs(x, op->text);
        break;
    case WB_OP_NUMBER:
        number_value(x, op->fmt, op->num);
        break;
    case WB_OP_FORMULA:
    case WB_OP_ARRAY: {
        char *f = ods_openformula(op->formula);
        ods_attr(x, "table:formula", f);
        g_free(f);
        if (op->kind == WB_OP_ARRAY) {
            ods_attr(x, "table:number-matrix-columns-spanned", "1");
            ods_attr(x, "table:number-matrix-rows-spanned", "1");
        }
        number_value(x, op->fmt, op->num);
        break;
    }
    case WB_OP_FORMULA_TEXT: {
        char *f = ods_openformula(op->formula);
        ods_attr(x, "table:formula", f);
        g_free(f);
        ods_attr(x, "office:value-type", "string");
        ods_attr(x, "office:string-value", op->text);
        ods_paragraphs(x, op->text);
        break;
    }
    case WB_OP_LINK: {
        char *href = link_target(op->formula);
        ods_attr(x, "office:value-type", "string");
        ods_el(x, "text:p");
        ods_el(x, "text:a");
        ods_attr(x, "xlink:type", "simple");
        ods_attr(x, "xlink:href", href);
        ods_text(x, op->text);
        ods_end(x);
        ods_end(x);
        g_free(href);
        break;
    }
    default:
        break;
    }
    ods_end(x);
}

static gint cmp_cell(gconstpointer a, gconstpointer b)
{
    const cell *x = *(cell *const *)a, *y = *(cell *const *)b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

static void empty_cells(ods_xml *x, uint32_t n)
{
    if (n == 0)
        return;
    ods_el(x, "table:table-cell");
    if (n > 1)
        ods_attr_num(x, "table:number-columns-repeated", "", n);
    ods_end(x);
}

static void row_start(ods_xml *x, const sheet *s, uint32_t row)
{
    gint64 k = (gint64)row + 1;
    const double *h = g_hash_table_lookup(s->heights, &k);
    ods_el(x, "table:table-row");
    if (h) {
        char name[32];
        ods_row_style_name(name, sizeof name, *h);
        ods_attr(x, "table:style-name", name);
    }
}

static void columns(ods_xml *x, const sheet *s, uint32_t ncols)
{
    for (uint32_t c = 0; c < ncols; c++) {
        double wd = c < s->widths->len ? g_array_index(s->widths, double, c) : 0;
        char name[32];
        ods_column_style_name(name, sizeof name, wd > 0 ? wd : 8.43);
        ods_el(x, "table:table-column");
        ods_attr(x, "table:style-name", name);
        ods_end(x);
    }
}

/* The rows of a sheet: every row up to the last written or sized. */
static void rows(ods_xml *x, const sheet *s)
{
    GPtrArray *cells = g_ptr_array_new();
    GList *values = g_hash_table_get_values(s->cells);
    for (GList *l = values; l; l = l->next)
        g_ptr_array_add(cells, l->data);
    g_list_free(values);
    g_ptr_array_sort(cells, cmp_cell);
    int64_t last = -1;
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, s->heights);
    while (g_hash_table_iter_next(&it, &k, &v))
        last = MAX(last, *(gint64 *)k - 1);
    if (cells->len)
        last = MAX(last, (int64_t)((cell *)g_ptr_array_index(cells, cells->len - 1))->row);
    last = MAX(last, s->repeat_row);
    guint i = 0;
    for (int64_t r = 0; r <= last; r++) {
        if (r == s->repeat_row)
            ods_el(x, "table:table-header-rows");
        row_start(x, s, (uint32_t)r);
        uint32_t col = 0;
        for (; i < cells->len && ((cell *)g_ptr_array_index(cells, i))->row == r; i++) {
            const cell *c = g_ptr_array_index(cells, i);
            empty_cells(x, c->col - col);
            write_cell(x, c);
            col = c->col + 1;
        }
        if (col == 0)
            empty_cells(x, 1);
        ods_end(x);
        if (r == s->repeat_row)
            ods_end(x);
    }
    g_ptr_array_free(cells, TRUE);
}

static uint32_t n_columns(const sheet *s)
{
    uint32_t n = s->widths->len;
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, s->cells);
    while (g_hash_table_iter_next(&it, &k, &v))
        n = MAX(n, ((cell *)v)->col + 1);
    return n ? n : 1;
}

/* "$Records.$N$5:.$N$120" from sheet name and "$N$5:$N$120". */
static char *range_address(const char *sheet_name, const char *ref)
{
    char *q = strchr(sheet_name, ' ') ? g_strdup_printf("'%s'", sheet_name) : g_strdup(sheet_name);
    char **parts = g_strsplit(ref, ":", 2);
    char *out = parts[1] ? g_strdup_printf("$%s.%s:.%s", q, parts[0], parts[1])
                         : g_strdup_printf("$%s.%s", q, parts[0]);
    g_strfreev(parts);
    g_free(q);
    return out;
}

static void named_ranges(ods_xml *x, const wb_desc *d)
{
    ods_el(x, "table:named-expressions");
    for (size_t i = 0; i < wb_desc_n_ops(d); i++) {
        const wb_op *op = wb_desc_op(d, i);
        if (op->kind != WB_OP_NAME)
            continue;
        const wb_sheet *s = g_ptr_array_index(d->sheets, op->sheet);
        char *addr = range_address(s->name, op->formula);
        char *base = range_address(s->name, "$A$1");
        ods_el(x, "table:named-range");
        ods_attr(x, "table:name", op->text);
        ods_attr(x, "table:base-cell-address", base);
        ods_attr(x, "table:cell-range-address", addr);
        ods_end(x);
        g_free(addr);
        g_free(base);
    }
    ods_end(x);
}

static void database_ranges(ods_xml *x, const wb_desc *d, const sheet *sheets)
{
    ods_el(x, "table:database-ranges");
    for (guint i = 0; i < d->sheets->len; i++) {
        const wb_sheet *ws = g_ptr_array_index(d->sheets, i);
        char *q = strchr(ws->name, ' ') ? g_strdup_printf("'%s'", ws->name) : g_strdup(ws->name);
        for (guint t = 0; t < sheets[i].tables->len; t++) {
            const wb_op *op = g_ptr_array_index(sheets[i].tables, t);
            char a[16], b[16];
            wb_a1(a, op->row, op->col, false, false);
            wb_a1(b, op->row2, op->col2, false, false);
            ods_el(x, "table:database-range");
            ods_attr(x, "table:name", op->text);
            ods_attrf(x, "table:target-range-address", "%s.%s:%s.%s", q, a, q, b);
            ods_attr(x, "table:display-filter-buttons", "true");
            ods_end(x);
        }
        g_free(q);
    }
    ods_end(x);
}

static gint cmp_double(gconstpointer a, gconstpointer b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void add_distinct(GArray *a, double v)
{
    for (guint i = 0; i < a->len; i++)
        if (g_array_index(a, double, i) == v)
            return;
    g_array_append_val(a, v);
}

static void content(ods_xml *x, const wb_desc *d, sheet *sheets)
{
    GArray *widths = g_array_new(FALSE, FALSE, sizeof(double));
    GArray *heights = g_array_new(FALSE, FALSE, sizeof(double));
    add_distinct(widths, 8.43);
    for (guint i = 0; i < d->sheets->len; i++) {
        for (guint c = 0; c < sheets[i].widths->len; c++)
            if (g_array_index(sheets[i].widths, double, c) > 0)
                add_distinct(widths, g_array_index(sheets[i].widths, double, c));
        GHashTableIter it;
        gpointer k, v;
        g_hash_table_iter_init(&it, sheets[i].heights);
        while (g_hash_table_iter_next(&it, &k, &v))
            add_distinct(heights, *(double *)v);
    }
    g_array_sort(widths, cmp_double);
    g_array_sort(heights, cmp_double);
    ods_write_automatic_styles(x, widths, heights);
    g_array_free(widths, TRUE);
    g_array_free(heights, TRUE);

    ods_el(x, "office:body");
    ods_el(x, "office:spreadsheet");
    /* Excel's rules for criteria such as "Yes" and "<=44286". */
    ods_el(x, "table:calculation-settings");
    ods_attr(x, "table:case-sensitive", "false");
    ods_attr(x, "table:search-criteria-must-apply-to-whole-cell", "true");
    ods_attr(x, "table:use-regular-expressions", "false");
    ods_attr(x, "table:use-wildcards", "true");
    ods_end(x);
    for (guint i = 0; i < d->sheets->len; i++) {
        const wb_sheet *ws = g_ptr_array_index(d->sheets, i);
        ods_el(x, "table:table");
        ods_attr(x, "table:name", ws->name);
        ods_attr(x, "table:style-name", sheets[i].landscape ? "ta_landscape" : "ta_portrait");
        columns(x, &sheets[i], n_columns(&sheets[i]));
        rows(x, &sheets[i]);
        ods_end(x);
    }
    named_ranges(x, d);
    database_ranges(x, d, sheets);
    ods_end(x);
    ods_end(x);
}

/* ---- the package -------------------------------------------------------- */

static int add_part(zip_t *z, const char *name, const void *data, size_t len, bool store)
{
    zip_source_t *src = zip_source_buffer(z, data, len, 0);
    if (!src)
        return -1;
    zip_int64_t idx = zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
        zip_source_free(src);
        return -1;
    }
    /* 1 January 1980, 00:00, the earliest zip date: never the clock. */
    if (zip_file_set_dostime(z, (zip_uint64_t)idx, 0, (1 << 5) | 1, 0) < 0)
        return -1;
    return zip_set_file_compression(z, (zip_uint64_t)idx, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                    store ? 0 : ODS_ZIP_LEVEL);
}

char *wb_ods_write(const wb_desc *d, const char *path)
{
    size_t n = d->sheets->len;
    sheet *sheets = g_new0(sheet, n ? n : 1);
    for (size_t i = 0; i < n; i++)
        sheet_init(&sheets[i]);
    size_t active = apply(d, sheets);
    uint32_t *freeze = g_new0(uint32_t, n ? n : 1);
    bool *grid_hidden = g_new0(bool, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        freeze[i] = sheets[i].freeze_row;
        grid_hidden[i] = sheets[i].grid_hidden;
    }

    enum { P_CONTENT, P_STYLES, P_META, P_SETTINGS, P_MANIFEST, P_N };
    static const char *const names[P_N] = {"content.xml", "styles.xml", "meta.xml",
                                           "settings.xml", "META-INF/manifest.xml"};
    static const char *const roots[P_N] = {"office:document-content", "office:document-styles",
                                           "office:document-meta", "office:document-settings",
                                           "manifest:manifest"};
    ods_xml parts[P_N] = {{0}};
    for (int i = 0; i < P_N; i++)
        ods_xml_begin(&parts[i], roots[i]);
    content(&parts[P_CONTENT], d, sheets);
    ods_write_styles(&parts[P_STYLES]);
    ods_write_meta(&parts[P_META], &d->props);
    if (n)
        ods_write_settings(&parts[P_SETTINGS], d, freeze, grid_hidden, active);
    ods_write_manifest(&parts[P_MANIFEST]);
    for (int i = 0; i < P_N; i++)
        ods_xml_end(&parts[i]);

    char *err = NULL;
    int zerr = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    if (!z) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, zerr);
        err = g_strdup_printf("cannot write the workbook: %s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
    } else {
        bool ok = add_part(z, "mimetype", ODS_MIMETYPE, strlen(ODS_MIMETYPE), true) == 0;
        for (int i = 0; i < P_N && ok; i++)
            ok = add_part(z, names[i], parts[i].out->str, parts[i].out->len, false) == 0;
        if (!ok || zip_close(z) < 0) {
            err = g_strdup_printf("cannot write the workbook: %s", zip_strerror(z));
            zip_discard(z);
        }
    }
    for (int i = 0; i < P_N; i++)
        ods_xml_free(&parts[i]);
    for (size_t i = 0; i < n; i++)
        sheet_clear(&sheets[i]);
    g_free(sheets);
    g_free(freeze);
    g_free(grid_hidden);
    return err;
}
