/* workbook_cells.c: the table writer every workbook sheet uses.
 *
 * Design choice: text from input files goes through one function, which
 * always writes a string cell (never worksheet_write()'s auto-detection), so
 * a value such as =HYPERLINK(...) stays text; it repairs invalid UTF-8 and cuts
 * text past Excel's 32,767-character limit with a visible note instead of
 * letting the write fail. Column widths and row heights are measured from what
 * is written, so nothing needs a second pass over the data. */
#include "workbook_sheets.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "sendpack/format.h"

#define CUT_NOTE " [text cut here: longer than the 32,767 characters a spreadsheet cell holds]"
#define ROW_HEIGHT 15.0

void wb_print_setup(sp_wb *w, wb_sheet *ws, bool landscape)
{
    (void)w;
    wb_print(ws, landscape);
}

char *wb_sheet_ref(const char *prefix, const char *sheet, const char *ref)
{
    bool quote = strchr(sheet, ' ') != NULL;
    return g_strdup_printf("%s%s%s%s!%s", prefix, quote ? "'" : "", sheet, quote ? "'" : "", ref);
}

const char *wb_note(int n, char *buf, size_t len)
{
    snprintf(buf, len, "[note %d]", n);
    return buf;
}

const char *wb_title(char *buf, size_t len, const char *text, int a, int b, int c)
{
    char na[24] = "", nb[24] = "", nc[24] = "";
    snprintf(buf, len, "%s %s%s%s", text, a ? wb_note(a, na, sizeof na) : "",
             b ? wb_note(b, nb, sizeof nb) : "", c ? wb_note(c, nc, sizeof nc) : "");
    return buf;
}

const sp_figure *wb_fig(const sp_wb *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *id = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    const sp_figure *f = sp_figures_get(w->figs, id);
    g_free(id);
    return f;
}

const char *wb_long_date(sp_date d, char *buf, size_t n)
{
    if (d == 0)
        snprintf(buf, n, "%s", "[x]");
    else
        sp_date_long(d, buf, n);
    return buf;
}

const char *wb_region_name(const sp_wb *w, const char *s, bool framework_2023)
{
    const sp_group *g = framework_2023 ? w->figs->regions_2023 : w->figs->regions;
    size_t n = framework_2023 ? w->figs->n_regions_2023 : w->figs->n_regions;
    if (!s)
        return "";
    char *slug = sp_slug(s);
    const char *name = s;
    for (size_t i = 0; i < n; i++)
        if (g[i].slug && strcmp(g[i].slug, slug) == 0 && g[i].name) {
            name = g[i].name;
            break;
        }
    g_free(slug);
    return name;
}

/* Valid UTF-8, at most WB_CELL_MAX characters; caller frees. */
static char *safe_text(sp_wb *w, const char *s)
{
    char *v = g_utf8_make_valid(s ? s : "", -1);
    glong len = g_utf8_strlen(v, -1);
    if (len <= WB_CELL_MAX)
        return v;
    glong keep = WB_CELL_MAX - (glong)strlen(CUT_NOTE);
    const char *end = g_utf8_offset_to_pointer(v, keep);
    char *cut = g_strdup_printf("%.*s%s", (int)(end - v), v, CUT_NOTE);
    g_free(v);
    if (w->cut_strings++ == 0)
        sp_diags_warning(w->diags, w->path, 0, 0,
                         "a text cell was longer than the %d characters a spreadsheet cell "
                         "holds; it was cut and marked in the workbook",
                         WB_CELL_MAX);
    return cut;
}

void wb_plain_text(sp_wb *w, wb_sheet *ws, uint32_t row, uint32_t col,
                   const char *s, wb_fmt f)
{
    char *v = safe_text(w, s);
    if (*v)
        wb_put_text(ws, row, col, v, f);
    g_free(v);
}

/* Width in characters of a text as displayed: its longest line. */
static double text_width(const char *s)
{
    double best = 0, cur = 0;
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        if (*p == '\n') {
            best = fmax(best, cur);
            cur = 0;
        } else {
            cur++;
        }
    }
    return fmax(best, cur);
}

/* Lines a text needs in a column width characters wide. */
static int text_lines(const char *s, double width)
{
    int lines = 0;
    double cur = 0;
    for (const char *p = s;; p = g_utf8_next_char(p)) {
        if (*p == '\n' || *p == '\0') {
            lines += cur <= 0 ? 1 : (int)ceil(cur / fmax(1, width - 1));
            cur = 0;
            if (*p == '\0')
                break;
        } else {
            cur++;
        }
    }
    return lines;
}

static void fit(wb_table *t, size_t col, double width)
{
    if (col < t->ncols && width > t->width[col])
        t->width[col] = width;
}

void wb_table_begin(wb_table *t, sp_wb *w, wb_sheet *ws, const char *sheet,
                    const char *table_name, const char *title, const char *about,
                    const char *source, const char *const *headers, size_t ncols)
{
    memset(t, 0, sizeof *t);
    t->w = w;
    t->ws = ws;
    t->sheet = sheet;
    t->name = g_strdup(table_name);
    t->ncols = ncols < WB_MAX_COLS ? ncols : WB_MAX_COLS;
    for (size_t i = 0; i < t->ncols; i++) {
        t->headers[i] = headers[i];
        t->width[i] = 8;
        t->max_width[i] = 60;
    }
    t->row = WB_HEADER_ROW;
    wb_print_setup(w, ws, true);
    wb_repeat_row(ws, WB_HEADER_ROW);
    wb_plain_text(w, ws, 0, 0, title, WB_FMT_TITLE);
    wb_plain_text(w, ws, 1, 0, about, WB_FMT_TEXT);
    if (source)
        wb_plain_text(w, ws, 2, 0, source, WB_FMT_TEXT);
    wb_set_row(ws, 0, 21);
}

void wb_table_wrap_column(wb_table *t, size_t col, double max_width)
{
    if (col < t->ncols)
        t->max_width[col] = max_width;
}

static void finish_row(wb_table *t)
{
    if (t->nrows > 0 && t->row_lines > 1)
        wb_set_row(t->ws, t->row, ROW_HEIGHT * t->row_lines);
    t->row_lines = 1;
}

void wb_table_numeric(wb_table *t, size_t col)
{
    if (col < t->ncols)
        t->numeric[col] = true;
}

void wb_table_row(wb_table *t)
{
    finish_row(t);
    t->row++;
    t->nrows++;
}

void wb_text(wb_table *t, size_t col, const char *s)
{
    char *v = safe_text(t->w, s);
    wb_fmt f = t->col_format[col] ? t->col_format[col]
                    : t->numeric[col]  ? WB_FMT_SYMBOL
                                       : WB_FMT_TEXT;
    double width = text_width(v) + 2;
    if (width > t->max_width[col]) {
        int lines = text_lines(v, t->max_width[col]);
        if (lines > t->row_lines)
            t->row_lines = lines;
        f = WB_FMT_WRAP;
    }
    fit(t, col, width);
    wb_put_text(t->ws, t->row, (uint32_t)col, v, f);
    g_free(v);
}

void wb_number(wb_table *t, size_t col, double v, wb_fmt f)
{
    char buf[64];
    sp_fmt_count(v, buf, sizeof buf);
    fit(t, col, (double)strlen(buf) + 4);
    wb_put_number(t->ws, t->row, (uint32_t)col, v, f ? f : WB_FMT_NUMBER);
}

void wb_number_or(wb_table *t, size_t col, double v, wb_fmt f, const char *symbol)
{
    if (v < 0)
        wb_text(t, col, symbol);
    else
        wb_number(t, col, v, f);
}

void wb_date(wb_table *t, size_t col, sp_date d, const char *symbol)
{
    if (d == 0) {
        wb_text(t, col, symbol);
        return;
    }
    char buf[32];
    sp_date_long(d, buf, sizeof buf);
    fit(t, col, (double)strlen(buf) + 3);
    wb_put_number(t->ws, t->row, (uint32_t)col, sp_date_serial(d), WB_FMT_DATE);
}

void wb_link(wb_table *t, size_t col, const char *url, const char *text)
{
    char *v = safe_text(t->w, text);
    fit(t, col, text_width(v) + 2);
    wb_put_link(t->ws, t->row, (uint32_t)col, url, WB_FMT_LINK, v);
    g_free(v);
}

const char *wb_cell(const wb_table *t, size_t col, char *buf)
{
    return wb_a1(buf, t->row, (uint32_t)col, false, false);
}

void wb_column_range(const wb_table *t, size_t col, char *buf, size_t n)
{
    char a[16], b[16];
    uint32_t last = t->nrows ? t->row : WB_HEADER_ROW + 1;
    wb_a1(a, WB_HEADER_ROW + 1, (uint32_t)col, true, true);
    wb_a1(b, last, (uint32_t)col, true, true);
    snprintf(buf, n, "%s:%s", a, b);
}

void wb_define_column(wb_table *t, size_t col, const char *name)
{
    char range[64];
    wb_column_range(t, col, range, sizeof range);
    wb_define(t->ws, name, range);
}

static void record_live(wb_table *t, size_t col, const char *figure_id)
{
    if (!figure_id)
        return;
    char cell[16];
    wb_a1(cell, t->row, (uint32_t)col, false, false);
    char *where = wb_sheet_ref("", t->sheet, cell);
    if (!g_hash_table_contains(t->w->live, figure_id))
        g_hash_table_insert(t->w->live, g_strdup(figure_id), where);
    else
        g_free(where);
}

void wb_formula(wb_table *t, size_t col, const char *formula, wb_fmt f,
                double cached, const char *figure_id)
{
    fit(t, col, f == WB_FMT_GBP ? 15 : 10);
    wb_put_formula(t->ws, t->row, (uint32_t)col, formula, f, cached);
    record_live(t, col, figure_id);
}

void wb_formula_text(wb_table *t, size_t col, const char *formula, const char *cached)
{
    fit(t, col, text_width(cached) + 3);
    wb_put_formula_text(t->ws, t->row, (uint32_t)col, formula,
                        t->numeric[col] ? WB_FMT_SYMBOL : WB_FMT_TEXT, cached);
}

/* Width of the longest word of a header, so wrapping never splits a word. */
static double longest_word(const char *s)
{
    double best = 0, cur = 0;
    for (const char *p = s;; p = g_utf8_next_char(p)) {
        if (*p == ' ' || *p == '\0') {
            best = fmax(best, cur);
            cur = 0;
            if (*p == '\0')
                break;
        } else {
            cur++;
        }
    }
    return best;
}

void wb_table_end(wb_table *t)
{
    if (t->nrows == 0) {
        /* A table needs a data row: say there is nothing to show. */
        wb_table_row(t);
        for (size_t c = 0; c < t->ncols; c++)
            wb_text(t, c, "[z]");
    }
    finish_row(t);
    wb_fmt header_fmt[WB_MAX_COLS];
    int header_lines = 1;
    for (size_t c = 0; c < t->ncols; c++) {
        double word = longest_word(t->headers[c]) + (t->numeric[c] ? 4 : 2); /* + indent */
        double width = fmax(t->width[c], word);
        width = fmin(width, fmax(t->max_width[c], word));
        if (width < 8)
            width = 8;
        int lines = text_lines(t->headers[c], width - (t->numeric[c] ? 2 : 0));
        if (lines > header_lines)
            header_lines = lines;
        wb_set_column(t->ws, (uint32_t)c, width);
        header_fmt[c] = t->numeric[c] ? WB_FMT_HEADER_NUM : WB_FMT_HEADER;
    }
    /* A spare line when headers wrap: other fonts than Calibri run wider. */
    if (header_lines > 1)
        header_lines++;
    wb_add_table(t->ws, WB_HEADER_ROW, 0, t->row, (uint32_t)(t->ncols - 1), t->name, t->headers,
                 header_fmt);
    wb_set_row(t->ws, WB_HEADER_ROW, ROW_HEIGHT * header_lines + 3);
    wb_freeze(t->ws, WB_HEADER_ROW + 1, 0);
    g_free(t->name);
    t->name = NULL;
}
