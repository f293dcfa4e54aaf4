/* workbook_xlsx.c: the XLSX writer: replays the workbook description
 * (workbook_desc.h) into libxlsxwriter.
 *
 * Design choice: the operations are replayed in the order the sheet writers
 * made them, and the formats are created in wb_fmt order, so libxlsxwriter
 * numbers shared strings, formats, tables and charts exactly as it did when
 * the sheet writers called it directly: the file is unchanged byte for byte.
 * libxlsxwriter stamps every zip entry with a fixed date; the document's
 * created date is the description's, never the clock. */
#include "workbook_desc.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "sendpack/style.h"

typedef struct xw {
    lxw_workbook *book;
    lxw_worksheet **sheets;
    lxw_format *fmt[WB_FMT_N];
    lxw_error error; /* the first error */
} xw;

static void check(xw *x, lxw_error e)
{
    if (e != LXW_NO_ERROR && x->error == LXW_NO_ERROR)
        x->error = e;
}

static const char *num_format(wb_numfmt n)
{
    switch (n) {
    case WB_NUM_GENERAL: return NULL;
    case WB_NUM_COUNT: return "#,##0";
    case WB_NUM_DECIMAL: return "#,##0.0##";
    case WB_NUM_PCT: return "0.0%";
    case WB_NUM_GBP: return "\"£\"#,##0";
    case WB_NUM_DATE: return "d mmmm yyyy";
    case WB_NUM_MONTH: return "mmmm yyyy";
    }
    return NULL;
}

static void make_formats(xw *x)
{
    for (int i = 1; i < WB_FMT_N; i++) {
        const wb_format *p = &WB_FORMATS[i];
        lxw_format *f = workbook_add_format(x->book);
        if (p->bold)
            format_set_bold(f);
        if (p->size > 0)
            format_set_font_size(f, p->size);
        if (p->wrap)
            format_set_text_wrap(f);
        if (p->top)
            format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
        if (p->align != WB_ALIGN_NONE)
            format_set_align(f, p->align == WB_ALIGN_LEFT ? LXW_ALIGN_LEFT : LXW_ALIGN_RIGHT);
        if (p->indent)
            format_set_indent(f, (uint8_t)p->indent);
        if (num_format(p->num))
            format_set_num_format(f, num_format(p->num));
        if (p->underline)
            format_set_underline(f, LXW_UNDERLINE_SINGLE);
        if (p->colour)
            format_set_font_color(f, p->colour);
        if (p->border)
            format_set_border(f, LXW_BORDER_MEDIUM);
        if (p->fill)
            format_set_bg_color(f, p->fill);
        x->fmt[i] = f;
    }
}

static void set_properties(xw *x, const wb_props *p)
{
    lxw_doc_properties props = {
        .title = p->title,
        .subject = p->subject,
        .author = p->author,
        .company = "",
        .category = p->category,
        .keywords = p->keywords,
        .comments = p->comments,
        .status = p->status,
        .created = p->created,
    };
    check(x, workbook_set_properties(x->book, &props));
    check(x, workbook_set_custom_property_string(x->book, "As at", p->as_at));
}

static char *range(const wb_chart *c, lxw_col_t col)
{
    char a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];
    lxw_rowcol_to_cell_abs(a, c->first_row, col, 1, 1);
    lxw_rowcol_to_cell_abs(b, c->last_row, col, 1, 1);
    bool quote = strchr(c->data_sheet, ' ') != NULL;
    return g_strdup_printf("=%s%s%s!%s:%s", quote ? "'" : "", c->data_sheet, quote ? "'" : "", a, b);
}

static lxw_chart_font *font(lxw_chart_font *f, double size, bool bold)
{
    *f = (lxw_chart_font){.name = SP_FONT_FAMILY, .size = size, .bold = bold, .color = SP_TEXT};
    return f;
}

/* Label line s at its last point only (right of it, in bold) with the
 * series' name and its live value: the direct label the Cairo chart puts
 * at the line's end ("148 inspections"), no legend. */
static void end_label(lxw_chart_series *s, const wb_chart *c, lxw_chart_font *f)
{
    size_t n = c->last_row - c->first_row + 1;
    lxw_chart_data_label hidden = {.hide = LXW_TRUE}, shown = {.font = f};
    lxw_chart_data_label **labels = g_new0(lxw_chart_data_label *, n + 1);
    for (size_t i = 0; i < n; i++)
        labels[i] = i + 1 < n ? &hidden : &shown;
    chart_series_set_labels_options(s, LXW_TRUE, LXW_FALSE, LXW_TRUE);
    chart_series_set_labels_separator(s, LXW_CHART_LABEL_SEPARATOR_NEWLINE);
    chart_series_set_labels_position(s, LXW_CHART_LABEL_POSITION_RIGHT);
    chart_series_set_labels_custom(s, labels);
    g_free(labels);
}

static void insert_chart(xw *x, lxw_worksheet *ws, const wb_op *op, const wb_chart *c)
{
    lxw_chart_font tf, af;
    bool bar = c->kind == WB_CHART_BAR;
    lxw_chart *ch = workbook_add_chart(x->book, bar ? LXW_CHART_BAR : LXW_CHART_LINE);
    char *cats = range(c, c->category_col);
    for (size_t i = 0; i < c->n_series; i++) {
        char *vals = range(c, c->series[i].col);
        lxw_chart_series *s = chart_add_series(ch, cats, vals);
        g_free(vals);
        chart_series_set_name(s, c->series[i].name);
        if (bar) {
            lxw_chart_fill fill = {.color = c->series[i].colour};
            chart_series_set_fill(s, &fill);
            chart_series_set_labels(s);
            chart_series_set_labels_num_format(s, "0%");
            chart_series_set_labels_font(s, font(&af, 9, false));
        } else {
            lxw_chart_line line = {.color = c->series[i].colour, .width = 2.25};
            chart_series_set_line(s, &line);
            if (c->end_labels)
                end_label(s, c, font(&af, 9, true));
        }
    }
    g_free(cats);
    chart_title_set_name(ch, c->title);
    chart_title_set_name_font(ch, font(&tf, 12, true));
    if (bar) {
        chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
        /* In a bar chart y is the (vertical) category axis, x the values. */
        chart_axis_set_reverse(ch->y_axis); /* first category at the top, */
        chart_axis_set_crossing_max(ch->y_axis); /* values along the bottom */
        chart_axis_set_num_font(ch->y_axis, font(&af, 9, false));
        chart_axis_set_min(ch->x_axis, 0);
        chart_axis_set_max(ch->x_axis, 1);
        chart_axis_set_num_format(ch->x_axis, "0%");
        chart_axis_set_num_font(ch->x_axis, font(&af, 9, false));
    } else {
        if (c->end_labels) {
            chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
        } else {
            chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
            chart_legend_set_font(ch, font(&af, 9, false));
        }
        chart_axis_set_num_format(ch->x_axis, "mmm yyyy");
        chart_axis_set_num_font(ch->x_axis, font(&af, 9, false));
        chart_axis_set_interval_unit(ch->x_axis, 12);
        chart_axis_set_interval_tick(ch->x_axis, 12);
        chart_axis_set_min(ch->y_axis, 0);
        chart_axis_set_num_font(ch->y_axis, font(&af, 9, false));
    }
    lxw_chart_options o = {.x_scale = c->x_scale, .y_scale = c->y_scale, .description = c->alt};
    check(x, worksheet_insert_chart_opt(ws, op->row, (lxw_col_t)op->col, ch, &o));
}

static void add_table(xw *x, lxw_worksheet *ws, const wb_op *op)
{
    size_t n = op->col2 - op->col + 1;
    lxw_table_column *cols = g_new0(lxw_table_column, n);
    lxw_table_column **colp = g_new0(lxw_table_column *, n + 1);
    for (size_t c = 0; c < n; c++) {
        cols[c] = (lxw_table_column){.header = op->headers[c],
                                     .header_format = x->fmt[op->header_fmt[c]]};
        colp[c] = &cols[c];
    }
    lxw_table_options opt = {
        .name = op->text,
        .style_type = LXW_TABLE_STYLE_TYPE_LIGHT,
        .style_type_number = 1,
        .columns = colp,
    };
    check(x, worksheet_add_table(ws, op->row, (lxw_col_t)op->col, op->row2, (lxw_col_t)op->col2,
                                 &opt));
    g_free(cols);
    g_free(colp);
}

static void replay(xw *x, const wb_desc *d, const wb_op *op)
{
    lxw_worksheet *ws = x->sheets[op->sheet];
    lxw_row_t r = op->row;
    lxw_col_t c = (lxw_col_t)op->col;
    lxw_format *f = x->fmt[op->fmt];
    switch (op->kind) {
    case WB_OP_TEXT:
        check(x, worksheet_write_string(ws, r, c, op->text, f));
        break;
    case WB_OP_NUMBER:
        check(x, worksheet_write_number(ws, r, c, op->num, f));
        break;
    case WB_OP_FORMULA:
        check(x, worksheet_write_formula_num(ws, r, c, op->formula, f, op->num));
        break;
    case WB_OP_FORMULA_TEXT:
        check(x, worksheet_write_formula_str(ws, r, c, op->formula, f, op->text));
        break;
    case WB_OP_ARRAY:
        check(x, worksheet_write_array_formula_num(ws, r, c, r, c, op->formula, f, op->num));
        break;
    case WB_OP_LINK:
        check(x, worksheet_write_url_opt(ws, r, c, op->formula, f, op->text, NULL));
        break;
    case WB_OP_ROW:
        check(x, worksheet_set_row(ws, r, op->num, NULL));
        break;
    case WB_OP_COLUMN:
        check(x, worksheet_set_column(ws, c, c, op->num, NULL));
        break;
    case WB_OP_TABLE:
        add_table(x, ws, op);
        break;
    case WB_OP_FREEZE:
        worksheet_freeze_panes(ws, r, c);
        break;
    case WB_OP_REPEAT_ROWS:
        check(x, worksheet_repeat_rows(ws, r, r));
        break;
    case WB_OP_PRINT:
        worksheet_set_paper(ws, 9); /* A4 */
        if (op->landscape)
            worksheet_set_landscape(ws);
        worksheet_fit_to_pages(ws, 1, 0); /* one page wide, as long as it takes */
        break;
    case WB_OP_HIDE_GRID:
        worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
        break;
    case WB_OP_ACTIVATE:
        worksheet_activate(ws);
        break;
    case WB_OP_NAME: {
        const wb_sheet *s = g_ptr_array_index(d->sheets, op->sheet);
        bool quote = strchr(s->name, ' ') != NULL;
        char *def = g_strdup_printf("=%s%s%s!%s", quote ? "'" : "", s->name, quote ? "'" : "",
                                    op->formula);
        check(x, workbook_define_name(x->book, op->text, def));
        g_free(def);
        break;
    }
    case WB_OP_CHART:
        insert_chart(x, ws, op, g_ptr_array_index(d->charts, op->chart));
        break;
    }
}

char *wb_xlsx_write(const wb_desc *d, const char *path)
{
    lxw_workbook_options opt = {.constant_memory = 0, .tmpdir = NULL, .use_zip64 = 0};
    xw x = {.book = workbook_new_opt(path, &opt)};
    if (!x.book)
        return g_strdup("cannot start the workbook (out of memory?)");
    make_formats(&x);
    set_properties(&x, &d->props);
    x.sheets = g_new0(lxw_worksheet *, d->sheets->len + 1);
    for (guint i = 0; i < d->sheets->len; i++) {
        const wb_sheet *s = g_ptr_array_index(d->sheets, i);
        x.sheets[i] = workbook_add_worksheet(x.book, s->name);
        if (!x.sheets[i])
            check(&x, LXW_ERROR_SHEETNAME_ALREADY_USED);
    }
    for (size_t i = 0; i < wb_desc_n_ops(d) && x.error == LXW_NO_ERROR; i++)
        replay(&x, d, wb_desc_op(d, i));
    errno = 0;
    lxw_error e = workbook_close(x.book);
    g_free(x.sheets);
    if (x.error != LXW_NO_ERROR) {
        remove(path);
        return g_strdup_printf("cannot write the workbook: %s", lxw_strerror(x.error));
    }
    if (e != LXW_NO_ERROR)
        return g_strdup_printf("cannot write the workbook: %s%s%s", lxw_strerror(e),
                               errno ? ": " : "", errno ? strerror(errno) : "");
    return NULL;
}
