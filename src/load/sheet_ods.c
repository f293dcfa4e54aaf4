/* sheet_ods.c: OpenDocument spreadsheets (content.xml) into typed cells.
 *
 * Design choice: one streaming pass over content.xml per sheet, skipping
 * the other tables' subtrees. Repeated rows and cells are expanded only
 * when they hold something (a sheet may declare 1,048,576 empty rows);
 * covered cells of a merge take their column and hold nothing; text:p
 * paragraphs join with line ends, text:s gives its spaces, annotations
 * (comments) are skipped. The typed value (office:value, office:date-value)
 * is read, never the formatted text, so "5,656.28" stays 5656.2799... */
#include "sheet_book.h"

#include <stdlib.h>
#include <string.h>

static long attr_long(xmlTextReaderPtr r, const char *name, long fallback)
{
    char *v = sp_xml_attr(r, name);
    long n = v ? strtol(v, NULL, 10) : fallback;
    g_free(v);
    return n > 0 ? n : fallback;
}

int sp_ods_names(sp_book *b, sp_diags *diags)
{
    sp_part *p = sp_part_open(b, "content.xml", true, diags);
    if (!p)
        return 1;
    xmlTextReaderPtr r = sp_part_reader(p);
    int ret;
    while (r && (ret = xmlTextReaderRead(r)) == 1) {
        if (sp_xml_is(r, XML_READER_TYPE_ELEMENT, "table") &&
            xmlTextReaderDepth(r) <= 3) { /* document-content/body/spreadsheet/table */
            char *name = sp_xml_attr(r, "name");
            g_ptr_array_add(b->names, name ? name : g_strdup(""));
            if (xmlTextReaderNext(r) != 1)
                break;
            /* Next moved to the sibling: look at it before reading on. */
            while (sp_xml_is(r, XML_READER_TYPE_ELEMENT, "table")) {
                name = sp_xml_attr(r, "name");
                g_ptr_array_add(b->names, name ? name : g_strdup(""));
                if (xmlTextReaderNext(r) != 1)
                    break;
            }
        }
    }
    return sp_part_close(p, diags);
}

typedef struct cell_state {
    GString *text;
    int paragraphs;
    char *type, *value, *date, *boolean, *string, *formula;
    long repeat;
    bool covered;
} cell_state;

static void cell_reset(cell_state *c)
{
    g_clear_pointer(&c->type, g_free);
    g_clear_pointer(&c->value, g_free);
    g_clear_pointer(&c->date, g_free);
    g_clear_pointer(&c->boolean, g_free);
    g_clear_pointer(&c->string, g_free);
    g_clear_pointer(&c->formula, g_free);
    g_string_truncate(c->text, 0);
    c->paragraphs = 0;
}

typedef struct ods_reader {
    xmlTextReaderPtr r;
    sp_sheet *out;
    sp_book *book;
    sp_diags *diags;
    int row;        /* 1-based row being read */
    long row_repeat;
    int col;        /* next column */
    size_t row_first; /* out->cells->len when the row began */
    bool too_wide, too_long;
    int errors;
} ods_reader;

/* Gather the text of the current cell element (text:p, text:s,
 * text:line-break, text:tab; not office:annotation). */
static void read_cell_text(ods_reader *o, cell_state *c)
{
    xmlTextReaderPtr r = o->r;
    int depth = xmlTextReaderDepth(r);
    int ret = xmlTextReaderRead(r);
    while (ret == 1 && xmlTextReaderDepth(r) > depth) {
        int type = xmlTextReaderNodeType(r);
        const char *local = (const char *)xmlTextReaderConstLocalName(r);
        if (type == XML_READER_TYPE_ELEMENT && strcmp(local, "annotation") == 0) {
            ret = xmlTextReaderNext(r);
            continue;
        }
        if (type == XML_READER_TYPE_ELEMENT && strcmp(local, "p") == 0) {
            if (c->paragraphs++)
                g_string_append_c(c->text, '\n');
        } else if (type == XML_READER_TYPE_ELEMENT && strcmp(local, "s") == 0) {
            long n = attr_long(r, "c", 1);
            for (long i = 0; i < n && i < 1000; i++)
                g_string_append_c(c->text, ' ');
        } else if (type == XML_READER_TYPE_ELEMENT && strcmp(local, "line-break") == 0) {
            g_string_append_c(c->text, '\n');
        } else if (type == XML_READER_TYPE_ELEMENT && strcmp(local, "tab") == 0) {
            g_string_append_c(c->text, '\t');
        } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                   type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
            g_string_append(c->text, (const char *)xmlTextReaderConstValue(r));
        }
        ret = xmlTextReaderRead(r);
    }
    /* now on the cell's end element (or an error) */
}

static bool formula_error(const cell_state *c, const char *text)
{
    if (!c->formula)
        return false;
    size_t n = strlen(text);
    return (n >= 2 && text[0] == '#' && (text[n - 1] == '!' || text[n - 1] == '?' ||
                                         strcmp(text, "#N/A") == 0)) ||
           g_str_has_prefix(text, "Err:");
}

/* Add the finished cell (and its repeats when it holds something). */
static void end_cell(ods_reader *o, cell_state *c)
{
    long repeat = c->repeat;
    sp_cell_type type = SP_CELL_TEXT;
    double number = 0;
    sp_date date = 0;
    char *owned = NULL;
    const char *text = c->text->str;
    const char *vt = c->type ? c->type : "";
    if (!c->covered && (!strcmp(vt, "float") || !strcmp(vt, "percentage") ||
                        !strcmp(vt, "currency")) && c->value) {
        type = SP_CELL_NUMBER;
        number = g_ascii_strtod(c->value, NULL);
        text = owned = sp_sheet_number_text(number);
    } else if (!c->covered && !strcmp(vt, "date") && c->date) {
        char day[11];
        g_strlcpy(day, c->date, sizeof day);
        if (sp_date_parse(day, &date)) {
            type = SP_CELL_DATE;
            text = owned = g_strdup_printf("%02d/%02d/%04d", SP_DATE_DAY(date),
                                           SP_DATE_MONTH(date), SP_DATE_YEAR(date));
        }
    } else if (!c->covered && !strcmp(vt, "boolean") && c->boolean) {
        type = SP_CELL_BOOL;
        number = strcmp(c->boolean, "true") == 0;
        text = number ? "TRUE" : "FALSE";
    } else if (!strcmp(vt, "string") && c->string) {
        text = c->string;
    }
    if (type == SP_CELL_TEXT && formula_error(c, text))
        type = SP_CELL_ERROR;
    if (*text) {
        for (long k = 0; k < repeat; k++) {
            if (o->col + k > SP_SHEET_MAX_COLUMNS) {
                o->too_wide = true;
                break;
            }
            sp_sheet_add(o->out, o->row, o->col + (int)k, type, text, number, date);
        }
    }
    g_free(owned);
    o->col = (int)MIN((long)SP_SHEET_MAX_COLUMNS + 1, o->col + repeat);
    cell_reset(c);
}

static void start_cell(ods_reader *o, cell_state *c, bool covered)
{
    xmlTextReaderPtr r = o->r;
    c->covered = covered;
    c->repeat = attr_long(r, "number-columns-repeated", 1);
    c->type = sp_xml_attr(r, "value-type");
    c->value = sp_xml_attr(r, "value");
    c->date = sp_xml_attr(r, "date-value");
    c->boolean = sp_xml_attr(r, "boolean-value");
    c->string = sp_xml_attr(r, "string-value");
    c->formula = sp_xml_attr(r, "formula");
    if (!xmlTextReaderIsEmptyElement(r))
        read_cell_text(o, c);
    end_cell(o, c);
}

/* The row just read holds cells: copy them for each further repeat. */
static void end_row(ods_reader *o)
{
    sp_sheet *s = o->out;
    size_t first = o->row_first, n = s->cells->len - first;
    if (n == 0) {
        o->row += (int)MIN(o->row_repeat, (long)SP_SHEET_MAX_ROWS + 1);
        if (o->row > SP_SHEET_MAX_ROWS + 1)
            o->row = SP_SHEET_MAX_ROWS + 1;
        return;
    }
    if (o->row > SP_SHEET_MAX_ROWS) {
        g_array_set_size(s->cells, (guint)first);
        o->too_long = true;
        return;
    }
    sp_sheet_end_row(s, o->row);
    for (long k = 1; k < o->row_repeat; k++) {
        if (o->row + k > SP_SHEET_MAX_ROWS) {
            o->too_long = true;
            break;
        }
        for (size_t i = 0; i < n; i++) {
            sp_sheet_cell c = g_array_index(s->cells, sp_sheet_cell, first + i);
            c.row = o->row + (int)k;
            g_array_append_val(s->cells, c);
        }
        sp_sheet_end_row(s, o->row + (int)k);
    }
    o->row += (int)MIN(o->row_repeat, (long)SP_SHEET_MAX_ROWS);
}

/* Read rows until the end of the current table element. */
static void read_table(ods_reader *o)
{
    xmlTextReaderPtr r = o->r;
    int depth = xmlTextReaderDepth(r);
    cell_state c = {.text = g_string_new(NULL)};
    int ret = xmlTextReaderRead(r);
    while (ret == 1 && xmlTextReaderDepth(r) > depth) {
        int type = xmlTextReaderNodeType(r);
        const char *local = (const char *)xmlTextReaderConstLocalName(r);
        if (type == XML_READER_TYPE_ELEMENT && strcmp(local, "table-row") == 0) {
            o->row_repeat = attr_long(r, "number-rows-repeated", 1);
            o->col = 1;
            o->row_first = o->out->cells->len;
            if (xmlTextReaderIsEmptyElement(r))
                end_row(o);
        } else if (type == XML_READER_TYPE_END_ELEMENT && strcmp(local, "table-row") == 0) {
            end_row(o);
        } else if (type == XML_READER_TYPE_ELEMENT && (strcmp(local, "table-cell") == 0 ||
                                                       strcmp(local, "covered-table-cell") == 0)) {
            start_cell(o, &c, local[0] == 'c');
        } else if (type == XML_READER_TYPE_ELEMENT &&
                   (strcmp(local, "table-column") == 0 || strcmp(local, "shapes") == 0 ||
                    strcmp(local, "named-expressions") == 0 ||
                    strcmp(local, "table-source") == 0)) {
            ret = xmlTextReaderNext(r);
            continue;
        }
        ret = xmlTextReaderRead(r);
    }
    cell_reset(&c);
    g_string_free(c.text, TRUE);
}

int sp_ods_read(sp_book *b, size_t i, sp_sheet *out, sp_diags *diags)
{
    sp_part *p = sp_part_open(b, "content.xml", true, diags);
    if (!p)
        return 1;
    ods_reader o = {.r = sp_part_reader(p), .out = out, .book = b, .diags = diags, .row = 1};
    size_t seen = 0;
    int ret = 1;
    while (o.r && ret == 1) {
        ret = xmlTextReaderRead(o.r);
        while (ret == 1 && sp_xml_is(o.r, XML_READER_TYPE_ELEMENT, "table") &&
               xmlTextReaderDepth(o.r) <= 3) {
            if (seen++ == i) {
                read_table(&o);
                ret = 0; /* done */
            } else {
                ret = xmlTextReaderNext(o.r);
            }
        }
    }
    int errors = sp_part_close(p, diags);
    char where[64];
    if (o.too_long) {
        sp_diags_error(diags, b->path, 0, 0,
                       "expected a sheet of at most %d rows, found more on sheet \"%s\"",
                       SP_SHEET_MAX_ROWS, out->name);
        errors++;
    }
    if (o.too_wide) {
        sp_diag_cell_ref(1, SP_SHEET_MAX_COLUMNS, where, sizeof where);
        sp_diags_error(diags, b->path, 0, 0,
                       "expected a sheet of at most %d columns, found cells beyond column %.3s "
                       "on sheet \"%s\"", SP_SHEET_MAX_COLUMNS, where, out->name);
        errors++;
    }
    return errors;
}
