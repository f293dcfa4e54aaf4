/* sheet_xlsx.c: Office Open XML workbooks (xl/workbook.xml and its
 * worksheets) into typed cells.
 *
 * Design choice: the workbook part gives the sheet names and the 1904 flag;
 * its relationships give each sheet's part. Shared strings and the cell
 * styles (which number formats are dates) are read once, with the first
 * sheet. A number is a date when its style's format is a date format, so a
 * serial such as 42826 becomes 31/03/2017 as the spreadsheet shows it. */
#include "sheet_book.h"

#include <stdlib.h>
#include <string.h>

/* "rId3" -> "xl/worksheets/sheet1.xml" from xl/_rels/workbook.xml.rels. */
static GHashTable *relationships(sp_book *b, sp_diags *diags)
{
    GHashTable *rels = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    sp_part *p = sp_part_open(b, "xl/_rels/workbook.xml.rels", false, diags);
    xmlTextReaderPtr r = p ? sp_part_reader(p) : NULL;
    while (r && xmlTextReaderRead(r) == 1) {
        if (!sp_xml_is(r, XML_READER_TYPE_ELEMENT, "Relationship"))
            continue;
        char *id = sp_xml_attr(r, "Id"), *target = sp_xml_attr(r, "Target");
        if (id && target) {
            char *part = target[0] == '/' ? g_strdup(target + 1)
                                          : g_strconcat("xl/", target, NULL);
            g_hash_table_replace(rels, id, part);
            id = NULL;
        }
        g_free(id), g_free(target);
    }
    sp_part_close(p, diags);
    return rels;
}

int sp_xlsx_names(sp_book *b, sp_diags *diags)
{
    GHashTable *rels = relationships(b, diags);
    sp_part *p = sp_part_open(b, "xl/workbook.xml", true, diags);
    xmlTextReaderPtr r = p ? sp_part_reader(p) : NULL;
    while (r && xmlTextReaderRead(r) == 1) {
        if (sp_xml_is(r, XML_READER_TYPE_ELEMENT, "workbookPr")) {
            char *v = sp_xml_attr(r, "date1904");
            b->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
            g_free(v);
        } else if (sp_xml_is(r, XML_READER_TYPE_ELEMENT, "sheet")) {
            char *name = sp_xml_attr(r, "name"), *id = sp_xml_attr(r, "id");
            const char *part = id ? g_hash_table_lookup(rels, id) : NULL;
            g_ptr_array_add(b->names, name ? name : g_strdup(""));
            g_ptr_array_add(b->parts, g_strdup(part ? part : ""));
            g_free(id);
        }
    }
    g_hash_table_destroy(rels);
    return p ? sp_part_close(p, diags) : 1;
}

/* Text of the <si> or <is> element at the reader: its <t> elements, not the
 * phonetic runs (<rPh>). */
static char *rich_text(xmlTextReaderPtr r)
{
    GString *out = g_string_new(NULL);
    if (xmlTextReaderIsEmptyElement(r))
        return g_string_free(out, FALSE);
    int depth = xmlTextReaderDepth(r);
    bool in_t = false;
    int ret = xmlTextReaderRead(r);
    while (ret == 1 && xmlTextReaderDepth(r) > depth) {
        int type = xmlTextReaderNodeType(r);
        if (sp_xml_is(r, XML_READER_TYPE_ELEMENT, "rPh")) {
            ret = xmlTextReaderNext(r);
            continue;
        }
        if (sp_xml_is(r, XML_READER_TYPE_ELEMENT, "t"))
            in_t = !xmlTextReaderIsEmptyElement(r);
        else if (sp_xml_is(r, XML_READER_TYPE_END_ELEMENT, "t"))
            in_t = false;
        else if (in_t && (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                          type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE))
            g_string_append(out, (const char *)xmlTextReaderConstValue(r));
        ret = xmlTextReaderRead(r);
    }
    return g_string_free(out, FALSE);
}

static int read_shared(sp_book *b, sp_diags *diags)
{
    b->shared = g_ptr_array_new_with_free_func(g_free);
    sp_part *p = sp_part_open(b, "xl/sharedStrings.xml", false, diags);
    xmlTextReaderPtr r = p ? sp_part_reader(p) : NULL;
    while (r && xmlTextReaderRead(r) == 1)
        if (sp_xml_is(r, XML_READER_TYPE_ELEMENT, "si"))
            g_ptr_array_add(b->shared, rich_text(r));
    return sp_part_close(p, diags);
}

/* Built-in number formats that show dates (ECMA-376 18.8.30, with the
 * East Asian ones). */
static bool builtin_date(long id)
{
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
           (id >= 50 && id <= 58);
}

/* A format code shows a date when it has d, m, y (or h, s) outside quoted
 * text, escapes and [colour] brackets. */
static bool date_code(const char *code)
{
    for (const char *p = code; *p; p++) {
        if (*p == '"') {
            const char *q = strchr(p + 1, '"');
            if (!q)
                return false;
            p = q;
        } else if (*p == '\\' || *p == '_' || *p == '*') {
            if (!p[1])
                return false;
            p++;
        } else if (*p == '[') {
            const char *q = strchr(p, ']');
            if (!q)
                return false;
            p = q;
        } else if (strchr("dDmMyYhHsS", *p)) {
            return true;
        }
    }
    return false;
}

static int read_styles(sp_book *b, sp_diags *diags)
{
    b->date_styles = g_array_new(FALSE, TRUE, sizeof(gboolean));
    GHashTable *custom = g_hash_table_new(g_direct_hash, g_direct_equal);
    sp_part *p = sp_part_open(b, "xl/styles.xml", false, diags);
    xmlTextReaderPtr r = p ? sp_part_reader(p) : NULL;
    bool in_xfs = false;
    while (r && xmlTextReaderRead(r) == 1) {
        if (sp_xml_is(r, XML_READER_TYPE_ELEMENT, "numFmt")) {
            char *id = sp_xml_attr(r, "numFmtId"), *code = sp_xml_attr(r, "formatCode");
            if (id && code)
                g_hash_table_insert(custom, GINT_TO_POINTER(atoi(id)),
                                    GINT_TO_POINTER(date_code(code) ? 2 : 1));
            g_free(id), g_free(code);
        } else if (sp_xml_is(r, XML_READER_TYPE_ELEMENT, "cellXfs")) {
            in_xfs = !xmlTextReaderIsEmptyElement(r);
        } else if (sp_xml_is(r, XML_READER_TYPE_END_ELEMENT, "cellXfs")) {
            in_xfs = false;
        } else if (in_xfs && sp_xml_is(r, XML_READER_TYPE_ELEMENT, "xf")) {
            char *v = sp_xml_attr(r, "numFmtId");
            long id = v ? atol(v) : 0;
            int kind = GPOINTER_TO_INT(g_hash_table_lookup(custom, GINT_TO_POINTER((int)id)));
            gboolean is_date = kind ? kind == 2 : builtin_date(id);
            g_array_append_val(b->date_styles, is_date);
            g_free(v);
        }
    }
    g_hash_table_destroy(custom);
    return sp_part_close(p, diags);
}

/* "BC12" -> col 55, row 12; false if not a cell reference. */
static bool parse_ref(const char *ref, int *row, int *col)
{
    int c = 0;
    const char *p = ref;
    for (; g_ascii_isalpha(*p) && c <= SP_SHEET_MAX_COLUMNS; p++)
        c = c * 26 + (g_ascii_toupper(*p) - 'A' + 1);
    if (p == ref || !g_ascii_isdigit(*p))
        return false;
    long n = strtol(p, NULL, 10);
    *col = c;
    *row = (int)MIN(n, (long)SP_SHEET_MAX_ROWS + 1);
    return true;
}

typedef struct xlsx_cell {
    char *t, *s, *ref;
    GString *value; /* <v> */
    char *inline_text;
} xlsx_cell;

typedef struct xlsx_reader {
    sp_book *book;
    sp_sheet *out;
    int row, col;
    bool too_big;
} xlsx_reader;

static void add_cell(xlsx_reader *x, xlsx_cell *c)
{
    sp_book *b = x->book;
    const char *t = c->t ? c->t : "n";
    const char *v = c->value->str;
    sp_cell_type type = SP_CELL_TEXT;
    double number = 0;
    sp_date date = 0;
    char *owned = NULL;
    const char *text = v;
    if (strcmp(t, "s") == 0) {
        long k = *v ? atol(v) : -1;
        text = k >= 0 && (guint)k < b->shared->len ? g_ptr_array_index(b->shared, (guint)k) : "";
    } else if (strcmp(t, "inlineStr") == 0) {
        text = c->inline_text ? c->inline_text : "";
    } else if (strcmp(t, "b") == 0) {
        type = SP_CELL_BOOL;
        number = strcmp(v, "1") == 0;
        text = number ? "TRUE" : "FALSE";
    } else if (strcmp(t, "e") == 0) {
        type = SP_CELL_ERROR;
    } else if (strcmp(t, "d") == 0) {
        char day[11];
        g_strlcpy(day, v, sizeof day);
        if (sp_date_parse(day, &date)) {
            type = SP_CELL_DATE;
            text = owned = g_strdup_printf("%02d/%02d/%04d", SP_DATE_DAY(date),
                                           SP_DATE_MONTH(date), SP_DATE_YEAR(date));
        }
    } else if (strcmp(t, "n") == 0 && *v) {
        char *end = NULL;
        number = g_ascii_strtod(v, &end);
        if (end && *end == '\0') {
            type = SP_CELL_NUMBER;
            long style = c->s ? atol(c->s) : 0;
            if (style >= 0 && (guint)style < b->date_styles->len &&
                g_array_index(b->date_styles, gboolean, (guint)style) &&
                (date = sp_sheet_serial_date(number, b->date1904)))
                type = SP_CELL_DATE;
            text = owned = type == SP_CELL_DATE
                               ? g_strdup_printf("%02d/%02d/%04d", SP_DATE_DAY(date),
                                                 SP_DATE_MONTH(date), SP_DATE_YEAR(date))
                               : sp_sheet_number_text(number);
        }
    }
    int row = x->row, col = x->col;
    if (c->ref && !parse_ref(c->ref, &row, &col))
        col = x->col;
    if (row != x->row) { /* a cell naming another row than its <row> */
        row = x->row;
    }
    if (col > SP_SHEET_MAX_COLUMNS || row > SP_SHEET_MAX_ROWS) {
        if (*text)
            x->too_big = true;
    } else if (*text && col >= 1) {
        sp_sheet_add(x->out, row, col, type, text, number, date);
    }
    x->col = col + 1;
    g_free(owned);
}

static void read_cell(xlsx_reader *x, xmlTextReaderPtr r, xlsx_cell *c)
{
    c->t = sp_xml_attr(r, "t");
    c->s = sp_xml_attr(r, "s");
    c->ref = sp_xml_attr(r, "r");
    g_string_truncate(c->value, 0);
    if (!xmlTextReaderIsEmptyElement(r)) {
        int depth = xmlTextReaderDepth(r);
        bool in_v = false;
        int ret = xmlTextReaderRead(r);
        while (ret == 1 && xmlTextReaderDepth(r) > depth) {
            int type = xmlTextReaderNodeType(r);
            if (sp_xml_is(r, XML_READER_TYPE_ELEMENT, "is")) {
                g_free(c->inline_text);
                c->inline_text = rich_text(r);
            } else if (sp_xml_is(r, XML_READER_TYPE_ELEMENT, "v")) {
                in_v = !xmlTextReaderIsEmptyElement(r);
            } else if (sp_xml_is(r, XML_READER_TYPE_END_ELEMENT, "v")) {
                in_v = false;
            } else if (in_v && (type == XML_READER_TYPE_TEXT ||
                                type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)) {
                g_string_append(c->value, (const char *)xmlTextReaderConstValue(r));
            }
            ret = xmlTextReaderRead(r);
        }
    }
    add_cell(x, c);
    g_clear_pointer(&c->t, g_free);
    g_clear_pointer(&c->s, g_free);
    g_clear_pointer(&c->ref, g_free);
    g_clear_pointer(&c->inline_text, g_free);
}

int sp_xlsx_read(sp_book *b, size_t i, sp_sheet *out, sp_diags *diags)
{
    int errors = 0;
    if (!b->shared)
        errors += read_shared(b, diags);
    if (!b->date_styles)
        errors += read_styles(b, diags);
    const char *part = g_ptr_array_index(b->parts, i);
    if (errors || !*part)
        return errors; /* a chart sheet holds no cells */
    sp_part *p = sp_part_open(b, part, true, diags);
    if (!p)
        return 1;
    xmlTextReaderPtr r = sp_part_reader(p);
    xlsx_reader x = {.book = b, .out = out, .row = 0};
    xlsx_cell c = {.value = g_string_new(NULL)};
    bool in_data = false;
    while (r && xmlTextReaderRead(r) == 1) {
        if (sp_xml_is(r, XML_READER_TYPE_ELEMENT, "sheetData")) {
            in_data = true;
        } else if (sp_xml_is(r, XML_READER_TYPE_END_ELEMENT, "sheetData")) {
            in_data = false;
        } else if (in_data && sp_xml_is(r, XML_READER_TYPE_ELEMENT, "row")) {
            char *n = sp_xml_attr(r, "r");
            long rn = n ? strtol(n, NULL, 10) : 0;
            x.row = rn > x.row ? (int)MIN(rn, (long)SP_SHEET_MAX_ROWS + 1) : x.row + 1;
            x.col = 1;
            g_free(n);
            if (xmlTextReaderIsEmptyElement(r))
                sp_sheet_end_row(out, x.row);
        } else if (in_data && sp_xml_is(r, XML_READER_TYPE_END_ELEMENT, "row")) {
            sp_sheet_end_row(out, x.row);
        } else if (in_data && sp_xml_is(r, XML_READER_TYPE_ELEMENT, "c")) {
            read_cell(&x, r, &c);
        }
    }
    g_string_free(c.value, TRUE);
    errors += sp_part_close(p, diags);
    if (x.too_big) {
        sp_diags_error(diags, b->path, 0, 0,
                       "expected a sheet of at most %d rows and %d columns, found cells beyond "
                       "them on sheet \"%s\"", SP_SHEET_MAX_ROWS, SP_SHEET_MAX_COLUMNS,
                       out->name);
        errors++;
    }
    return errors;
}
