/* workbook_desc.c: the workbook description both file writers read: the
 * named cell formats and the list of operations the sheet writers append
 * (see workbook_desc.h). */
#include "workbook_desc.h"

#include <stdio.h>
#include <string.h>

/* Right-aligned cells stand one character off the next column's text. */
#define RIGHT .align = WB_ALIGN_RIGHT, .indent = 1

const wb_format WB_FORMATS[WB_FMT_N] = {
    [WB_FMT_NONE] = {0},
    [WB_FMT_TITLE] = {.bold = true, .size = 15},
    [WB_FMT_HEADING] = {.bold = true, .size = 12},
    [WB_FMT_TEXT] = {.top = true},
    [WB_FMT_WRAP] = {.wrap = true, .top = true},
    [WB_FMT_HEADER] = {.bold = true, .wrap = true, .top = true},
    [WB_FMT_HEADER_NUM] = {.bold = true, .wrap = true, .top = true, RIGHT},
    [WB_FMT_NUMBER] = {.top = true, RIGHT},
    [WB_FMT_SYMBOL] = {.top = true, RIGHT},
    [WB_FMT_DATE] = {.num = WB_NUM_DATE, .align = WB_ALIGN_LEFT, .top = true},
    [WB_FMT_COUNT] = {.num = WB_NUM_COUNT, .top = true, RIGHT},
    [WB_FMT_DECIMAL] = {.num = WB_NUM_DECIMAL, .top = true, RIGHT},
    [WB_FMT_PCT] = {.num = WB_NUM_PCT, .top = true, RIGHT},
    [WB_FMT_GBP] = {.num = WB_NUM_GBP, .top = true, RIGHT},
    [WB_FMT_LINK] = {.underline = true, .colour = 0x0563C1, .top = true},
    [WB_FMT_ASAT] = {.num = WB_NUM_DATE, .bold = true, .size = 12, .align = WB_ALIGN_LEFT,
                     .border = true, .fill = 0xFFF2CC},
    [WB_FMT_WARNING] = {.bold = true, .size = 12, .colour = 0x801650},
    [WB_FMT_MONTH] = {.num = WB_NUM_MONTH, .align = WB_ALIGN_LEFT},
};

const char *wb_a1(char *buf, uint32_t row, uint32_t col, bool abs_row, bool abs_col)
{
    char letters[8];
    size_t n = 0;
    for (uint32_t c = col + 1; c > 0 && n < sizeof letters; c = (c - 1) / 26)
        letters[n++] = (char)('A' + (c - 1) % 26);
    char *p = buf;
    if (abs_col)
        *p++ = '$';
    while (n > 0)
        *p++ = letters[--n];
    snprintf(p, 12, "%s%u", abs_row ? "$" : "", row + 1);
    return buf;
}

static void op_clear(gpointer p)
{
    wb_op *op = p;
    g_free(op->text);
    g_free(op->formula);
    g_strfreev(op->headers);
    g_free(op->header_fmt);
}

static void chart_free(gpointer p)
{
    wb_chart *c = p;
    g_free(c->title);
    g_free(c->data_sheet);
    g_free(c->alt);
    for (size_t i = 0; i < c->n_series; i++)
        g_free(c->series[i].name);
    g_free(c);
}

static void sheet_free(gpointer p)
{
    wb_sheet *s = p;
    g_free((char *)s->name);
    g_free(s);
}

wb_desc *wb_desc_new(void)
{
    wb_desc *d = g_new0(wb_desc, 1);
    d->sheets = g_ptr_array_new_with_free_func(sheet_free);
    d->ops = g_array_new(FALSE, TRUE, sizeof(wb_op));
    g_array_set_clear_func(d->ops, op_clear);
    d->charts = g_ptr_array_new_with_free_func(chart_free);
    return d;
}

void wb_desc_free(wb_desc *d)
{
    if (!d)
        return;
    g_ptr_array_free(d->sheets, TRUE);
    g_array_free(d->ops, TRUE);
    g_ptr_array_free(d->charts, TRUE);
    wb_props *p = &d->props;
    char **strs[] = {&p->title, &p->subject, &p->author, &p->category, &p->keywords,
                     &p->comments, &p->status, &p->as_at};
    for (size_t i = 0; i < G_N_ELEMENTS(strs); i++)
        g_free(*strs[i]);
    g_free(d);
}

wb_sheet *wb_desc_add_sheet(wb_desc *d, const char *name)
{
    wb_sheet *s = g_new0(wb_sheet, 1);
    s->d = d;
    s->index = d->sheets->len;
    s->name = g_strdup(name);
    g_ptr_array_add(d->sheets, s);
    return s;
}

const wb_op *wb_desc_op(const wb_desc *d, size_t i)
{
    return &g_array_index(d->ops, wb_op, i);
}

size_t wb_desc_n_ops(const wb_desc *d)
{
    return d->ops->len;
}

static wb_op *add(wb_sheet *s, wb_op_kind kind, uint32_t row, uint32_t col)
{
    wb_op op = {.kind = kind, .sheet = s->index, .row = row, .col = col, .row2 = row, .col2 = col};
    g_array_append_val(s->d->ops, op);
    return &g_array_index(s->d->ops, wb_op, s->d->ops->len - 1);
}

void wb_put_text(wb_sheet *s, uint32_t row, uint32_t col, const char *text, wb_fmt f)
{
    wb_op *op = add(s, WB_OP_TEXT, row, col);
    op->text = g_strdup(text);
    op->fmt = f;
}

void wb_put_number(wb_sheet *s, uint32_t row, uint32_t col, double v, wb_fmt f)
{
    wb_op *op = add(s, WB_OP_NUMBER, row, col);
    op->num = v;
    op->fmt = f;
}

void wb_put_formula(wb_sheet *s, uint32_t row, uint32_t col, const char *formula, wb_fmt f,
                    double cached)
{
    wb_op *op = add(s, WB_OP_FORMULA, row, col);
    op->formula = g_strdup(formula);
    op->fmt = f;
    op->num = cached;
}

void wb_put_formula_text(wb_sheet *s, uint32_t row, uint32_t col, const char *formula,
                         wb_fmt f, const char *cached)
{
    wb_op *op = add(s, WB_OP_FORMULA_TEXT, row, col);
    op->formula = g_strdup(formula);
    op->fmt = f;
    op->text = g_strdup(cached);
}

void wb_put_array(wb_sheet *s, uint32_t row, uint32_t col, const char *formula, wb_fmt f,
                  double cached)
{
    wb_op *op = add(s, WB_OP_ARRAY, row, col);
    op->formula = g_strdup(formula);
    op->fmt = f;
    op->num = cached;
}

void wb_put_link(wb_sheet *s, uint32_t row, uint32_t col, const char *url, wb_fmt f,
                 const char *text)
{
    wb_op *op = add(s, WB_OP_LINK, row, col);
    op->formula = g_strdup(url);
    op->fmt = f;
    op->text = g_strdup(text);
}

void wb_set_row(wb_sheet *s, uint32_t row, double height)
{
    add(s, WB_OP_ROW, row, 0)->num = height;
}

void wb_set_column(wb_sheet *s, uint32_t col, double width)
{
    add(s, WB_OP_COLUMN, 0, col)->num = width;
}

void wb_add_table(wb_sheet *s, uint32_t row, uint32_t col, uint32_t row2, uint32_t col2,
                  const char *name, const char *const *headers, const wb_fmt *header_fmt)
{
    wb_op *op = add(s, WB_OP_TABLE, row, col);
    op->row2 = row2;
    op->col2 = col2;
    op->text = g_strdup(name);
    size_t n = col2 - col + 1;
    op->headers = g_new0(char *, n + 1);
    op->header_fmt = g_new0(wb_fmt, n);
    for (size_t i = 0; i < n; i++) {
        op->headers[i] = g_strdup(headers[i]);
        op->header_fmt[i] = header_fmt[i];
    }
}

void wb_freeze(wb_sheet *s, uint32_t row, uint32_t col)
{
    add(s, WB_OP_FREEZE, row, col);
}

void wb_repeat_row(wb_sheet *s, uint32_t row)
{
    add(s, WB_OP_REPEAT_ROWS, row, 0);
}

void wb_print(wb_sheet *s, bool landscape)
{
    add(s, WB_OP_PRINT, 0, 0)->landscape = landscape;
}

void wb_hide_grid(wb_sheet *s)
{
    add(s, WB_OP_HIDE_GRID, 0, 0);
}

void wb_activate(wb_sheet *s)
{
    add(s, WB_OP_ACTIVATE, 0, 0);
}

void wb_define(wb_sheet *s, const char *name, const char *ref)
{
    wb_op *op = add(s, WB_OP_NAME, 0, 0);
    op->text = g_strdup(name);
    op->formula = g_strdup(ref);
}

void wb_insert_chart(wb_sheet *s, uint32_t row, uint32_t col, wb_chart *chart)
{
    g_ptr_array_add(s->d->charts, chart);
    add(s, WB_OP_CHART, row, col)->chart = s->d->charts->len - 1;
}
