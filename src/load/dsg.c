/* dsg.c: DfE's dedicated schools grant (DSG) allocations workbook, one per
 * financial year, read into sp_dsg_year and sp_dsg records (sp_load_dsg).
 *
 * Design choice: nothing depends on one year's layout. The financial year
 * comes from the file's own titles ("2023 to 2024"), never its name; the
 * publication date from its information sheet; the "Allocations summary"
 * sheet is found by name and its columns by their header text ("High needs
 * block (£s)" before deductions, "High needs block allocation (£s)" after),
 * not by position. Local authority rows are the rows whose first cell is a
 * 3-digit old LA code; the column-letter row ([A], [B]), the formula row
 * ("= [A] + [B]") and the region and authority-type rows are not. Isles of
 * Scilly and City of London are absent by design: no error. The rows are
 * checked against the ENGLAND row (a warning with both numbers). */
#include "sendpack/load.h"
#include "sendpack/format.h"
#include "sendpack/sheet.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Lower case, letters and digits only: "Allocations_summary" and
 * "Allocations summary" are one name. */
static char *squash(const char *s)
{
    GString *o = g_string_new(NULL);
    for (; *s; s++)
        if (g_ascii_isalnum(*s))
            g_string_append_c(o, g_ascii_tolower(*s));
    return g_string_free(o, FALSE);
}

/* Header text compared ignoring case and runs of spaces. */
static bool header_is(const char *text, const char *want)
{
    char *a = g_ascii_strdown(text, -1);
    g_strstrip(a);
    GString *o = g_string_new(NULL);
    for (const char *p = a; *p; p++)
        if (!(g_ascii_isspace(*p) && (o->len == 0 || o->str[o->len - 1] == ' ')))
            g_string_append_c(o, g_ascii_isspace(*p) ? ' ' : *p);
    bool same = strcmp(o->str, want) == 0;
    g_string_free(o, TRUE);
    g_free(a);
    return same;
}

static int find_sheet(const sp_book *b, const char *squashed_prefix)
{
    for (size_t i = 0; i < sp_book_sheets(b); i++) {
        char *s = squash(sp_book_sheet_name(b, i));
        bool hit = g_str_has_prefix(s, squashed_prefix);
        g_free(s);
        if (hit)
            return (int)i;
    }
    return -1;
}

bool sp_dsg_is_file(const char *path)
{
    if (sp_sheet_sniff(path) == SP_FORMAT_TEXT)
        return false;
    sp_diags quiet = {0};
    sp_book *b = sp_book_open(path, &quiet);
    bool yes = b && find_sheet(b, "allocationssummary") >= 0;
    sp_book_close(b);
    sp_diags_free(&quiet);
    return yes;
}

/* "2023 to 2024" in s: the first year, or 0. */
static int fy_in(const char *s)
{
    for (const char *p = s; *p; p++) {
        if (!g_ascii_isdigit(p[0]) || (p > s && g_ascii_isdigit(p[-1])))
            continue;
        char *end;
        long a = strtol(p, &end, 10);
        if (end - p != 4 || strncmp(end, " to ", 4) != 0)
            continue;
        const char *q = end + 4;
        long b = strtol(q, &end, 10);
        if (end - q == 4 && b == a + 1 && !g_ascii_isdigit(*end))
            return (int)a;
    }
    return 0;
}

/* "Thursday, 20 Jul, 2023", "20 July 2023", "20/07/2023": the date, or 0. */
static sp_date date_in(const sp_sheet_cell *c)
{
    if (c->type == SP_CELL_DATE)
        return c->date;
    sp_date d;
    if (sp_date_parse(c->text, &d))
        return d;
    static const char *const MONTHS[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};
    GRegex *re = g_regex_new("(\\d{1,2})(?:st|nd|rd|th)?\\s+([A-Za-z]{3,})\\.?,?\\s+(\\d{4})",
                             0, 0, NULL);
    GMatchInfo *m = NULL;
    sp_date out = 0;
    if (g_regex_match(re, c->text, 0, &m)) {
        char *day = g_match_info_fetch(m, 1), *mon = g_match_info_fetch(m, 2),
             *yr = g_match_info_fetch(m, 3);
        char *low = g_ascii_strdown(mon, 3);
        for (int i = 0; i < 12; i++)
            if (strcmp(low, MONTHS[i]) == 0 && sp_date_valid(atoi(yr), i + 1, atoi(day)))
                out = sp_date_make(atoi(yr), i + 1, atoi(day));
        g_free(day); g_free(mon); g_free(yr); g_free(low);
    }
    g_match_info_free(m);
    g_regex_unref(re);
    return out;
}

typedef struct info {
    int fy;
    char *title;
    sp_date published;
    bool saw_label;   /* a "Publication date" cell, whatever followed it */
} info;

/* Title, year and publication date from a sheet (information or summary). */
static void read_info(const sp_sheet *s, info *in)
{
    for (guint r = 0; r < s->rows->len; r++) {
        const sp_sheet_row *row = sp_sheet_row_at(s, r);
        for (size_t k = 0; k < row->n; k++) {
            const sp_sheet_cell *c = sp_sheet_cell_at(s, row, k);
            if (c->type != SP_CELL_TEXT)
                continue;
            if (!in->fy && (in->fy = fy_in(c->text)))
                in->title = g_strstrip(g_strdup(c->text));
            char *low = g_ascii_strdown(c->text, -1);
            g_strstrip(low);
            if (!in->published && g_str_has_prefix(low, "publication date")) {
                in->saw_label = true;
                const char *colon = strchr(c->text, ':');
                if (colon && colon[1]) {
                    sp_sheet_cell rest = {.type = SP_CELL_TEXT, .text = colon + 1};
                    in->published = date_in(&rest);
                }
                if (!in->published && k + 1 < row->n)
                    in->published = date_in(sp_sheet_cell_at(s, row, k + 1));
            }
            g_free(low);
        }
    }
}

static void cell_error(sp_diags *d, const char *where, int row, int col, const char *fmt,
                       const char *found)
{
    char *cut = g_utf8_make_valid(found, MIN((gssize)strlen(found), 60));
    sp_diags_add(d, SP_DIAG_ERROR, where, row, col, fmt, cut);
    d->items[d->n - 1].cell = true;
    g_free(cut);
}

/* An amount in pounds: a number cell, or text such as "40,156,094". */
static bool amount_of(const sp_sheet_cell *c, double *out)
{
    if (c->type == SP_CELL_NUMBER) {
        *out = c->number;
        return isfinite(*out);
    }
    if (c->type != SP_CELL_TEXT)
        return false;
    GString *o = g_string_new(NULL);
    for (const char *p = c->text; *p; p++)
        if (*p != ',' && *p != ' ')
            g_string_append_c(o, *p);
    char *end;
    *out = g_ascii_strtod(o->str, &end);
    bool ok = o->len > 0 && *end == '\0' && isfinite(*out);
    g_string_free(o, TRUE);
    return ok;
}

static const sp_sheet_cell *cell_in(const sp_sheet *s, const sp_sheet_row *row, int col)
{
    for (size_t k = 0; k < row->n; k++)
        if (sp_sheet_cell_at(s, row, k)->col == col)
            return sp_sheet_cell_at(s, row, k);
    return NULL;
}

static bool is_old_code(const char *t)
{
    return strlen(t) == 3 && strspn(t, "0123456789") == 3;
}

typedef struct cols {
    int header_row, before, after;
} cols;

static cols find_columns(const sp_sheet *s)
{
    cols c = {0, 0, 0};
    for (guint r = 0; r < s->rows->len; r++) {
        const sp_sheet_row *row = sp_sheet_row_at(s, r);
        for (size_t k = 0; k < row->n; k++) {
            const sp_sheet_cell *x = sp_sheet_cell_at(s, row, k);
            if (x->type != SP_CELL_TEXT)
                continue;
            if (!c.before && header_is(x->text, "high needs block (£s)")) {
                c.before = x->col;
                c.header_row = MAX(c.header_row, row->row);
            } else if (!c.after && header_is(x->text, "high needs block allocation (£s)")) {
                c.after = x->col;
                c.header_row = MAX(c.header_row, row->row);
            }
        }
    }
    return c;
}

/* The ENGLAND row against the sum of the authority rows, one column. */
static void check_sum(sp_diags *d, const char *where, const char *column, double rows,
                      double england)
{
    if (england < 0 || fabs(rows - england) < 0.5)
        return;
    char a[64], b[64];
    sp_fmt_number(rows, a, sizeof a);
    sp_fmt_number(england, b, sizeof b);
    sp_diags_warning(d, where, 0, 0,
                     "the local authority rows of \"%s\" add up to %s, the ENGLAND row says %s",
                     column, a, b);
}

static void read_rows(sp_dataset *ds, const sp_sheet *s, cols c, size_t year, const char *file,
                      const char *where, GArray *found, sp_diags *d)
{
    sp_dsg_year *y = &ds->dsg_years[year];
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    double sum = 0, sum_after = 0;
    bool bad = false;
    for (guint r = 0; r < s->rows->len; r++) {
        const sp_sheet_row *row = sp_sheet_row_at(s, r);
        if (row->row <= c.header_row || row->n == 0)
            continue;
        const sp_sheet_cell *first = sp_sheet_cell_at(s, row, 0);
        if (first->col >= c.before)
            continue;
        const sp_sheet_cell *bc = cell_in(s, row, c.before);
        const sp_sheet_cell *ac = c.after ? cell_in(s, row, c.after) : NULL;
        if (g_ascii_strcasecmp(first->text, "england") == 0) {
            double v;
            if (bc && amount_of(bc, &v))
                y->england_gbp = v;
            if (ac && amount_of(ac, &v))
                y->england_after_gbp = v;
            continue;
        }
        if (!is_old_code(first->text))
            continue; /* [A] [B] letters, "= [A] + [B]", regions, notes */
        sp_dsg x = {.year = year, .file = file, .line = row->row, .high_needs_after_gbp = -1};
        const sp_sheet_cell *nc = cell_in(s, row, first->col + 1);
        bool ok = true;
        if (!bc || !amount_of(bc, &x.high_needs_gbp) || x.high_needs_gbp < 0) {
            cell_error(d, where, row->row, c.before,
                       "expected an amount in pounds (0 or more) such as 40156094, found \"%s\"",
                       bc ? bc->text : "");
            ok = false;
        }
        if (c.after && (!ac || !amount_of(ac, &x.high_needs_after_gbp) ||
                        x.high_needs_after_gbp < 0)) {
            cell_error(d, where, row->row, c.after,
                       "expected an amount in pounds (0 or more) such as 37543927, found \"%s\"",
                       ac ? ac->text : "");
            ok = false;
        }
        int before = GPOINTER_TO_INT(g_hash_table_lookup(seen, first->text));
        if (before) {
            char msg[96];
            snprintf(msg, sizeof msg, "expected each local authority once, found %%s again: also on row %d",
                     before);
            cell_error(d, where, row->row, first->col, msg, first->text);
            ok = false;
        } else {
            g_hash_table_insert(seen, (gpointer)first->text, GINT_TO_POINTER(row->row));
        }
        if (!ok) {
            bad = true;
            continue;
        }
        x.old_la_code = g_strdup(first->text);
        x.name = g_strdup(nc ? nc->text : "");
        x.la_code = g_strdup("");
        sum += x.high_needs_gbp;
        sum_after += MAX(x.high_needs_after_gbp, 0);
        g_array_append_val(found, x);
    }
    g_hash_table_destroy(seen);
    if (bad)
        return; /* the sums mean nothing until every row reads */
    if (y->england_gbp < 0 && found->len)
        sp_diags_warning(d, where, 0, 0,
                         "no ENGLAND row: the local authority rows could not be checked "
                         "against England's total");
    check_sum(d, where, "High needs block (£s)", sum, y->england_gbp);
    if (c.after)
        check_sum(d, where, "High needs block allocation (£s)", sum_after, y->england_after_gbp);
}

int sp_load_dsg(sp_dataset *ds, const char *path, sp_diags *diags)
{
    size_t errors0 = sp_diags_count(diags, SP_DIAG_ERROR);
    sp_book *b = sp_book_open(path, diags);
    if (!b)
        return 1;
    int si = find_sheet(b, "allocationssummary");
    if (si < 0) {
        char *list = sp_book_sheet_list(b);
        sp_diags_error(diags, path, 0, 0,
                       "expected a sheet \"Allocations summary\" (a dedicated schools grant "
                       "allocations file), found the sheets %s",
                       list);
        g_free(list);
        sp_book_close(b);
        return 1;
    }
    info in = {0};
    sp_sheet sum = {0}, inf = {0};
    sp_book_read(b, (size_t)si, &sum, diags);
    int ii = find_sheet(b, "information");
    if (ii < 0 && si != 0)
        ii = 0;
    if (ii >= 0) {
        sp_book_read(b, (size_t)ii, &inf, diags);
        read_info(&inf, &in);
    }
    read_info(&sum, &in);
    char *where = g_strdup_printf("%s[%s]", path, sum.name ? sum.name : "");
    cols c = find_columns(&sum);
    if (!in.fy)
        sp_diags_error(diags, path, 0, 0,
                       "expected a financial year such as \"2023 to 2024\" in the titles, "
                       "found none");
    if (!in.published)
        sp_diags_error(diags, path, 0, 0,
                       "expected a publication date on the information sheet "
                       "(\"Publication date: Thursday, 20 Jul, 2023\"), found %s",
                       in.saw_label ? "no date after it" : "no \"Publication date\" line");
    if (!c.before)
        sp_diags_error(diags, where, 0, 0,
                       "expected a column headed \"High needs block (£s)\", found none");
    else if (!c.after)
        sp_diags_warning(diags, where, 0, 0,
                         "no column headed \"High needs block allocation (£s)\": the high "
                         "needs block after deductions is left out");
    if (in.fy && in.published) {
        for (size_t i = 0; i < ds->n_dsg_years; i++)
            if (ds->dsg_years[i].fy_start == in.fy && ds->dsg_years[i].published == in.published)
                sp_diags_error(diags, path, 0, 0,
                               "expected each DSG file once, found the %d to %d allocations "
                               "published on the same date again: also in %s",
                               in.fy, in.fy + 1, ds->dsg_years[i].file);
    }
    if (sp_diags_count(diags, SP_DIAG_ERROR) == errors0) {
        ds->inputs = g_renew(sp_input, ds->inputs, ds->n_inputs + 1);
        sp_input *inp = &ds->inputs[ds->n_inputs++];
        *inp = (sp_input){.path = g_strdup(path), .kind = g_strdup("dsg"),
                          .sheet = g_strdup(sum.name)};
        ds->dsg_years = g_renew(sp_dsg_year, ds->dsg_years, ds->n_dsg_years + 1);
        size_t year = ds->n_dsg_years++;
        ds->dsg_years[year] = (sp_dsg_year){
            .fy = g_strdup_printf("%d-%02d", in.fy, (in.fy + 1) % 100),
            .fy_start = in.fy,
            .title = in.title,
            .published = in.published,
            .england_gbp = -1,
            .england_after_gbp = -1,
            .has_after = c.after != 0,
            .file = inp->path};
        in.title = NULL;
        GArray *found = g_array_new(FALSE, TRUE, sizeof(sp_dsg));
        size_t before = sp_diags_count(diags, SP_DIAG_ERROR);
        read_rows(ds, &sum, c, year, inp->path, where, found, diags);
        if (sp_diags_count(diags, SP_DIAG_ERROR) > before || found->len == 0) {
            if (found->len == 0)
                sp_diags_error(diags, where, 0, 0,
                               "expected local authority rows (a 3-digit LA code, then its "
                               "name), found none");
            /* Nothing of a file with errors is kept but its input record. */
            for (guint i = 0; i < found->len; i++) {
                sp_dsg *x = &g_array_index(found, sp_dsg, i);
                g_free(x->old_la_code); g_free(x->name); g_free(x->la_code);
            }
            g_free(ds->dsg_years[year].fy);
            g_free(ds->dsg_years[year].title);
            ds->n_dsg_years--;
        } else {
            inp->rows = found->len;
            ds->dsg = g_renew(sp_dsg, ds->dsg, ds->n_dsg + found->len);
            for (guint i = 0; i < found->len; i++)
                ds->dsg[ds->n_dsg++] = g_array_index(found, sp_dsg, i);
        }
        g_array_free(found, TRUE);
    }
    g_free(in.title);
    g_free(where);
    sp_sheet_clear(&sum);
    if (ii >= 0)
        sp_sheet_clear(&inf);
    sp_book_close(b);
    return (int)(sp_diags_count(diags, SP_DIAG_ERROR) - errors0);
}
