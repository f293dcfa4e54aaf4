/* ees.c: the EES tidy-data reader shared by EES loaders (ees.h): periods,
 * geographic levels, value cells with symbols, and .meta.csv labels. */
#include "ees.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool sp_ees_open(sp_rows *r, const char *path, const sp_schema *schema, sp_diags *diags)
{
    /* Read with the diags to the side, then keep all but the "unknown
     * column" warnings: an EES file has many indicators no loader reads. */
    sp_diags side = {0};
    const sp_schema *const schemas[] = {schema};
    bool ok = sp_rows_open(r, path, schemas, 1, &side);
    for (size_t i = 0; i < side.n; i++) {
        sp_diag *d = &side.items[i];
        if (d->level == SP_DIAG_WARNING && g_str_has_prefix(d->message, "unknown column"))
            continue;
        sp_diags_add(diags, d->level, d->file, d->line, d->column, "%s", d->message);
        diags->items[diags->n - 1].cell = d->cell;
    }
    sp_diags_free(&side);
    r->diags = diags;
    r->first_diag = diags->n;
    return ok;
}

static bool digits(const char *s, size_t n)
{
    if (strlen(s) != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!g_ascii_isdigit(s[i]))
            return false;
    return true;
}

/* The last day of a period by its identifier (0 when the identifier does
 * not say, e.g. a term or a month). */
static sp_date period_end(const char *id, int year, bool two_years)
{
    /* the standard's own spellings, on every row of a large file, without
     * normalising each (any other spelling is normalised as before) */
    if (!two_years && strcmp(id, "Calendar year") == 0)
        return sp_date_make(year, 12, 31);
    if (two_years && strcmp(id, "Academic year") == 0)
        return sp_date_make(year + 1, 8, 31);
    if (two_years && strcmp(id, "Financial year") == 0)
        return sp_date_make(year + 1, 3, 31);
    char *norm = sp_normalise(id);
    sp_date end = 0;
    if (!two_years && strcmp(norm, "calendaryear") == 0)
        end = sp_date_make(year, 12, 31);
    else if (two_years && strcmp(norm, "academicyear") == 0)
        end = sp_date_make(year + 1, 8, 31);
    else if (two_years && strcmp(norm, "financialyear") == 0)
        end = sp_date_make(year + 1, 3, 31);
    else if (two_years && strcmp(norm, "taxyear") == 0)
        end = sp_date_make(year + 1, 4, 5);
    g_free(norm);
    return end;
}

bool sp_ees_read_period(sp_rows *r, sp_ees_period *out)
{
    *out = (sp_ees_period){.identifier = sp_rows_text(r, EES_TIME_IDENTIFIER)};
    const char *t = sp_rows_text(r, EES_TIME_PERIOD);
    if (digits(t, 4)) {
        out->year = atoi(t);
        snprintf(out->label, sizeof out->label, "%d", out->year);
    } else if (digits(t, 6)) {
        int first = atoi(t) / 100, second = atoi(t + 4);
        if (second != (first + 1) % 100) {
            char *found = sp_rows_found(r, EES_TIME_PERIOD);
            sp_rows_error(r, EES_TIME_PERIOD,
                          "expected a two-year period whose second year follows the first "
                          "(such as 202122), found %s", found);
            g_free(found);
            return false;
        }
        out->year = first;
        out->two_years = true;
        snprintf(out->label, sizeof out->label, "%d/%02d", first, second);
    } else {
        char *found = sp_rows_found(r, EES_TIME_PERIOD);
        sp_rows_error(r, EES_TIME_PERIOD,
                      "expected a year such as 2021, or 202122 for an academic or financial "
                      "year, found %s", found);
        g_free(found);
        return false;
    }
    if (out->year < 1900 || out->year > 2199) {
        char *found = sp_rows_found(r, EES_TIME_PERIOD);
        sp_rows_error(r, EES_TIME_PERIOD, "expected a year from 1900 to 2199, found %s", found);
        g_free(found);
        return false;
    }
    if (!*out->identifier) {
        sp_rows_error(r, EES_TIME_IDENTIFIER,
                      "expected a time_identifier such as Calendar year, found an empty cell");
        return false;
    }
    out->end = period_end(out->identifier, out->year, out->two_years);
    return true;
}

sp_ees_level sp_ees_read_level(sp_rows *r)
{
    const char *t = sp_rows_text(r, EES_LEVEL);
    /* the standard's spellings first, as in period_end */
    if (strcmp(t, "Local authority") == 0)
        return SP_EES_LOCAL_AUTHORITY;
    if (strcmp(t, "Regional") == 0)
        return SP_EES_REGIONAL;
    if (strcmp(t, "National") == 0)
        return SP_EES_NATIONAL;
    char *norm = sp_normalise(t);
    sp_ees_level l = strcmp(norm, "national") == 0          ? SP_EES_NATIONAL
                     : strcmp(norm, "regional") == 0        ? SP_EES_REGIONAL
                     : strcmp(norm, "localauthority") == 0  ? SP_EES_LOCAL_AUTHORITY
                                                            : SP_EES_OTHER_LEVEL;
    g_free(norm);
    return l;
}

/* -?digits(.digits)?: an EES number (no thousands commas, no exponent). */
static bool ees_number(const char *s)
{
    const char *p = s + (*s == '-');
    size_t n = strspn(p, "0123456789");
    if (n == 0 || n > 15)
        return false;
    p += n;
    if (*p == '.') {
        size_t m = strspn(p + 1, "0123456789");
        if (m == 0 || m > 30)
            return false;
        p += 1 + m;
    }
    return *p == '\0';
}

bool sp_ees_read_value(sp_rows *r, int col, GStringChunk *text, sp_ees_value *out)
{
    const char *t = sp_rows_text(r, col);
    *out = (sp_ees_value){.mark = sp_ees_mark_of(t), .text = g_string_chunk_insert(text, t)};
    if (out->mark != SP_EES_NUMBER)
        return true;
    if (ees_number(t)) {
        /* most values are whole numbers: their digits, exactly as strtod
         * reads them (at most 15 digits, so below 2^53) */
        const char *d = t + (*t == '-');
        double v = 0;
        for (; *d >= '0' && *d <= '9'; d++)
            v = v * 10 + (*d - '0');
        out->value = *d ? g_ascii_strtod(t, NULL) : *t == '-' ? -v : v;
        return true;
    }
    char *found = sp_rows_found(r, col);
    sp_rows_error(r, col,
                  "expected a number or an EES symbol (z, x, c, low, u, k or :), found %s", found);
    g_free(found);
    out->mark = SP_EES_BLANK;
    return false;
}

/* data.csv -> data.meta.csv (data -> data.meta.csv). */
static char *meta_path(const char *path)
{
    const char *hash = strchr(path, '#');
    char *file = hash ? g_strndup(path, (gsize)(hash - path)) : g_strdup(path);
    char *dot = strrchr(file, '.'), *slash = strrchr(file, '/');
    if (dot && (!slash || dot > slash))
        *dot = '\0';
    char *out = g_strconcat(file, ".meta.csv", NULL);
    g_free(file);
    return out;
}

void sp_ees_meta_labels(const char *path, const char *const *columns, size_t n, char **labels,
                        sp_diags *diags)
{
    for (size_t i = 0; i < n; i++)
        labels[i] = NULL;
    char *meta = meta_path(path);
    if (!g_file_test(meta, G_FILE_TEST_IS_REGULAR)) {
        g_free(meta);
        return;
    }
    static const sp_column COLS[] = {{"col_name", SP_COL_REQUIRED}, {"label", SP_COL_REQUIRED},
                                     {"col_type", SP_COL_IGNORED},
                                     {"indicator_grouping", SP_COL_IGNORED},
                                     {"indicator_unit", SP_COL_IGNORED},
                                     {"indicator_dp", SP_COL_IGNORED},
                                     {"filter_hint", SP_COL_IGNORED},
                                     {"filter_grouping_column", SP_COL_IGNORED}};
    static const sp_schema META = {"ees-meta", "EES metadata", COLS, G_N_ELEMENTS(COLS)};
    const sp_schema *const schemas[] = {&META};
    sp_diags side = {0};
    sp_rows r;
    if (sp_rows_open(&r, meta, schemas, 1, &side)) {
        while (sp_rows_next(&r))
            for (size_t i = 0; i < n; i++)
                if (!labels[i] && strcmp(sp_rows_text(&r, 0), columns[i]) == 0 &&
                    *sp_rows_text(&r, 1))
                    labels[i] = g_strdup(sp_rows_text(&r, 1));
    } else {
        sp_diags_warning(diags, meta, 0, 0,
                         "EES metadata not read (expected columns col_name and label): the "
                         "column names are shown instead");
    }
    sp_rows_close(&r);
    sp_diags_free(&side);
    g_free(meta);
}
