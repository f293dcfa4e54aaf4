/* rows.c: data rows and typed cells for every file kind (rows.h).
 *
 * Design choice: a cell is looked up by the schema column's index through
 * the header map (one array access), and every parse failure is reported
 * where it happens with the cell's own line and column, then counted against
 * the row so the caller can drop just that row and carry on. */
#include "rows.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool sp_rows_open(sp_rows *r, const char *path, const sp_schema *const *schemas,
                  size_t n_schemas, sp_diags *diags)
{
    *r = (sp_rows){.path = path, .diags = diags, .first_diag = diags->n};
    r->errors += sp_table_open(&r->table, &r->src, path, schemas, n_schemas, diags);
    int header_errors =
        sp_header_find(&r->header, &r->table, schemas, n_schemas, r->src.where, diags);
    r->errors += header_errors;
    r->next = r->header.row + 1;
    return r->header.schema && header_errors == 0;
}

static bool blank_row(const sp_rows *r, const sp_csv_row *row)
{
    for (size_t i = 0; i < row->n; i++)
        if (*sp_csv_cell_at(&r->table, row, i)->text)
            return false;
    return true;
}

static void check_extra_cells(sp_rows *r)
{
    for (size_t i = r->header.width; i < r->row->n && !r->warned_extra; i++) {
        const sp_csv_cell *cell = sp_csv_cell_at(&r->table, r->row, i);
        if (*cell->text) {
            char *cut = sp_csv_cut(cell->text);
            sp_diags_warning(r->diags, r->src.where, cell->line, (int)i + 1,
                             "cell beyond the last named column ignored (and any others in "
                             "this file): \"%s\"", cut);
            g_free(cut);
            r->warned_extra = true;
        }
    }
}

bool sp_rows_next(sp_rows *r)
{
    r->row = NULL;
    r->row_errors = 0;
    for (;;) {
        if (r->next >= r->table.rows->len && r->table.more) {
            r->errors += sp_csv_read_more(&r->table, false, r->diags);
            r->next = 0;
        }
        if (r->next >= r->table.rows->len)
            break;
        const sp_csv_row *row = sp_csv_row_at(&r->table, r->next++);
        if (blank_row(r, row))
            continue;
        r->row = row;
        r->n_rows++;
        check_extra_cells(r);
        return true;
    }
    return false;
}

typedef struct ranked {
    sp_diag diag;
    size_t seq; /* order found, so equal positions keep it */
} ranked;

static int by_position(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->diag.line != y->diag.line)
        return x->diag.line < y->diag.line ? -1 : 1;
    if (x->diag.column != y->diag.column)
        return x->diag.column < y->diag.column ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void sp_rows_close(sp_rows *r)
{
    sp_csv_clear(&r->table);
    size_t n = r->diags->n - r->first_diag;
    for (size_t i = r->first_diag; r->src.sheet && i < r->diags->n; i++) {
        sp_diag *d = &r->diags->items[i];
        d->cell = d->file && strcmp(d->file, r->src.where) == 0;
    }
    sp_source_clear(&r->src);
    if (n < 2)
        return;
    sp_diag *items = r->diags->items + r->first_diag;
    ranked *tmp = g_new(ranked, n);
    for (size_t i = 0; i < n; i++)
        tmp[i] = (ranked){items[i], i};
    qsort(tmp, n, sizeof *tmp, by_position);
    for (size_t i = 0; i < n; i++)
        items[i] = tmp[i].diag;
    g_free(tmp);
}

const char *sp_rows_add_input(sp_rows *r, sp_dataset *ds)
{
    ds->inputs = g_renew(sp_input, ds->inputs, ds->n_inputs + 1);
    sp_input *in = &ds->inputs[ds->n_inputs++];
    in->path = g_strdup(r->src.file);
    in->sheet = g_strdup(r->src.sheet);
    in->kind = g_strdup(r->header.schema ? r->header.schema->kind : "unknown");
    in->rows = r->n_rows;
    return in->path;
}

static const sp_csv_cell *cell_of(const sp_rows *r, int col)
{
    if (!r->row || col < 0 || !r->header.schema || r->header.col[col] < 0)
        return NULL;
    return sp_csv_cell_at(&r->table, r->row, (size_t)r->header.col[col]);
}

bool sp_rows_has(const sp_rows *r, int col) { return r->header.col[col] >= 0; }

int sp_rows_line(const sp_rows *r) { return r->row ? r->row->line : r->header.line; }

const char *sp_rows_line_word(const sp_rows *r) { return r->src.sheet ? "row" : "line"; }

int sp_rows_cell_line(const sp_rows *r, int col)
{
    const sp_csv_cell *cell = cell_of(r, col);
    return cell ? cell->line : sp_rows_line(r);
}

int sp_rows_column(const sp_rows *r, int col)
{
    return col >= 0 && r->header.col[col] >= 0 ? r->header.col[col] + 1 : 1;
}

const char *sp_rows_text(const sp_rows *r, int col)
{
    const sp_csv_cell *cell = cell_of(r, col);
    if (!cell || strcmp(cell->text, "NA") == 0)
        return "";
    return cell->text;
}

static void report(sp_rows *r, sp_diag_level level, int col, const char *fmt, va_list ap)
{
    char *msg = g_strdup_vprintf(fmt, ap);
    sp_diags_add(r->diags, level, r->src.where, sp_rows_cell_line(r, col), sp_rows_column(r, col),
                 "%s", msg);
    g_free(msg);
}

void sp_rows_error(sp_rows *r, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(r, SP_DIAG_ERROR, col, fmt, ap);
    va_end(ap);
    r->errors++;
    r->row_errors++;
}

void sp_rows_warning(sp_rows *r, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(r, SP_DIAG_WARNING, col, fmt, ap);
    va_end(ap);
}

char *sp_rows_found(const sp_rows *r, int col)
{
    const char *text = sp_rows_text(r, col);
    if (!*text)
        return g_strdup("an empty cell");
    char *cut = sp_csv_cut(text);
    char *out = g_strdup_printf("\"%s\"", cut);
    g_free(cut);
    return out;
}

/* Report "expected <what>, found <cell>" against col. */
static bool expected(sp_rows *r, int col, const char *what)
{
    char *found = sp_rows_found(r, col);
    sp_rows_error(r, col, "expected %s, found %s", what, found);
    g_free(found);
    return false;
}

bool sp_rows_required_text(sp_rows *r, int col, const char *what, char **out)
{
    const char *text = sp_rows_text(r, col);
    *out = g_strdup(text);
    return *text ? true : expected(r, col, what);
}

/* Read 1 to max digits at *p. */
static bool read_digits(const char **p, int max, int *out)
{
    int v = 0, n = 0;
    for (; n < max && g_ascii_isdigit(**p); n++, (*p)++)
        v = v * 10 + (**p - '0');
    *out = v;
    return n > 0;
}

/* 1/3/2021 -> 01/03/2021, so sp_date_parse sees its DD/MM/YYYY. */
static bool pad_day_month(const char *s, char *buf, size_t n)
{
    int d, m, y;
    const char *p = s;
    if (!read_digits(&p, 2, &d) || *p++ != '/' || !read_digits(&p, 2, &m) || *p++ != '/')
        return false;
    const char *year = p;
    if (!read_digits(&p, 4, &y) || p - year != 4 || *p != '\0')
        return false;
    snprintf(buf, n, "%02d/%02d/%04d", d, m, y);
    return true;
}

bool sp_rows_date(sp_rows *r, int col, bool required, sp_date *out)
{
    *out = 0;
    const char *text = sp_rows_text(r, col);
    if (!*text && !required)
        return true;
    char padded[40];
    if (sp_date_parse(text, out) ||
        (pad_day_month(text, padded, sizeof padded) && sp_date_parse(padded, out)))
        return true;
    *out = 0;
    return expected(r, col, "a date such as 31/03/2021");
}

bool sp_rows_yes_no(sp_rows *r, int col, bool required, bool *out)
{
    *out = false;
    const char *text = sp_rows_text(r, col);
    if (!*text && !required)
        return true;
    if (g_ascii_strcasecmp(text, "yes") == 0)
        return *out = true;
    if (g_ascii_strcasecmp(text, "no") == 0)
        return true;
    return expected(r, col, "Yes or No");
}

bool sp_rows_count(sp_rows *r, int col, int *out)
{
    *out = -1;
    const char *text = sp_rows_text(r, col);
    if (!*text)
        return true;
    size_t n = strspn(text, "0123456789");
    bool ok = n >= 1 && n <= 9;
    /* "5.0": what pandas writes for a count column that has blanks */
    if (ok && text[n] == '.')
        ok = text[n + 1] == '0' && text[n + 1 + strspn(text + n + 1, "0")] == '\0';
    else
        ok = ok && text[n] == '\0';
    if (ok) {
        *out = atoi(text);
        return true;
    }
    return expected(r, col, "a whole number 0 or more");
}

/* Digits with optional thousands commas and an optional decimal part. */
static bool plain_number(const char *s, double *out)
{
    GString *digits = g_string_new(NULL);
    size_t group = 0;
    bool comma = false, ok = g_ascii_isdigit(*s);
    const char *p = s;
    for (; ok && *p && *p != '.'; p++) {
        if (*p == ',') {
            ok = group >= 1 && (!comma || group == 3) && (comma || group <= 3);
            comma = true;
            group = 0;
        } else if (g_ascii_isdigit(*p)) {
            g_string_append_c(digits, *p);
            group++;
        } else {
            ok = false;
        }
    }
    if (ok && comma)
        ok = group == 3;
    if (ok && *p == '.') {
        g_string_append_c(digits, *p++);
        ok = g_ascii_isdigit(*p);
        for (; ok && *p; p++) {
            ok = g_ascii_isdigit(*p);
            g_string_append_c(digits, *p);
        }
    }
    ok = ok && digits->len <= 20;
    if (ok)
        *out = g_ascii_strtod(digits->str, NULL);
    g_string_free(digits, TRUE);
    return ok;
}

bool sp_rows_number(sp_rows *r, int col, double *out)
{
    *out = -1;
    const char *text = sp_rows_text(r, col);
    if (!*text)
        return true;
    if (plain_number(text, out))
        return true;
    *out = -1;
    return expected(r, col, "a number 0 or more such as 12 or 2.5");
}

bool sp_rows_money(sp_rows *r, int col, double *out)
{
    *out = -1;
    const char *text = sp_rows_text(r, col);
    if (!*text)
        return true;
    const char *s = g_str_has_prefix(text, "\xC2\xA3") ? text + 2 : text;
    if (plain_number(s, out))
        return true;
    *out = -1;
    return expected(r, col, "an amount in pounds such as 90000, 90,000 or £90,000");
}

int sp_rows_choice(sp_rows *r, int col, const char *const *choices, bool prefix,
                   const char *expect)
{
    const char *text = sp_rows_text(r, col);
    if (!*text)
        return -1;
    char *norm = sp_normalise(text);
    int found = -2;
    for (int i = 0; choices[i] && found < 0; i++) {
        char *want = sp_normalise(choices[i]);
        if (*norm && (prefix ? g_str_has_prefix(norm, want) : strcmp(norm, want) == 0))
            found = i;
        g_free(want);
    }
    g_free(norm);
    if (found == -2)
        expected(r, col, expect);
    return found;
}
