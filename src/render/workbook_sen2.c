/* workbook_sen2.c: the EHC plans sheet (England's timeliness by calendar
 * year, live formulas) and the Records SEN2 sheet (every SEN2 row read, the
 * records those formulas count).
 *
 * Design choice: as on the inspection sheets, the as-at rule is a visible
 * formula: "Counted at as-at date" is Yes when the row's calendar year ended
 * on or before the AsAt cell and both counts are numbers. A count DfE
 * publishes as an EES symbol is written as the symbol in brackets ([x],
 * [c], [z], [low], [u], [k], [:]), never as 0, so SUMPRODUCT passes over it;
 * local authorities are counted with COUNTIFS on the numeric share (">=0"),
 * which, unlike ISNUMBER over a range, every engine applies per row.
 * Cached results are the matching figures (ids_sen2.h). */
#include "workbook_sheets.h"

#include <stdio.h>

#include "sendpack/ids_sen2.h"


enum { S_YEAR, S_LEVEL, S_REGION, S_CODE, S_OLD_CODE, S_NAME, S_WITHIN, S_PLANS, S_RATE,
       S_COUNTED, S_SHARE, S_SOURCE, S_NCOLS };

/* "[x]" for a symbol, "[x]" for a blank too (not available). */
static void ees_cell(wb_table *t, size_t col, const sp_ees_value *v, wb_fmt f)
{
    if (sp_ees_has_number(v)) {
        wb_number(t, col, v->value, f);
        return;
    }
    char buf[16];
    snprintf(buf, sizeof buf, "[%s]", v->mark == SP_EES_BLANK ? "x" : sp_ees_symbol(v->mark));
    wb_text(t, col, buf);
}

static const char *level_word(const sp_sen2 *r)
{
    return sp_ees_level_name(r->level);
}

void wb_write_sen2_records(sp_wb *w, wb_sheet *ws)
{
    const char *const *labels = w->view->sen2_labels;
    const char *headers[S_NCOLS] = {
        "Calendar year", "Geographic level", "Ofsted region", "Local authority code (new_la_code)",
        "Old local authority code", "Name",
        labels && labels[SP_SEN2_COL_WITHIN] ? labels[SP_SEN2_COL_WITHIN]
            : "New EHC plans issued within 20 weeks, excluding exceptions",
        labels && labels[SP_SEN2_COL_NEW_PLANS] ? labels[SP_SEN2_COL_NEW_PLANS]
            : "All new EHC plans, excluding exceptions",
        labels && labels[SP_SEN2_COL_RATE] ? labels[SP_SEN2_COL_RATE]
            : "Percentage within 20 weeks as published",
        "Counted at as-at date", "Share within 20 weeks", "Source (file and line)"};
    char title[200];
    wb_title(title, sizeof title, "SEN2 records: EHC plans issued within 20 weeks",
             WB_NOTE_SYMBOLS, WB_NOTE_ASAT, 0);
    wb_table t;
    wb_table_begin(&t, w, ws, WB_SEN2, "RecordsSEN2", title,
                   "This table has one row per row of the SEN2 file read (England, regions and "
                   "local authorities, by calendar year). A year is counted once it has ended on "
                   "or before the as-at date. Counts DfE publishes as a symbol are shown as it: "
                   "[x] not available, [c] confidential, [z] not applicable, [low] rounds to "
                   "zero, [u] low reliability.",
                   "Source: the SEN2 input file listed on the Cover sheet.", headers, S_NCOLS);
    for (size_t c = S_WITHIN; c <= S_SHARE; c++)
        if (c != S_COUNTED)
            wb_table_numeric(&t, c);
    wb_table_wrap_column(&t, S_NAME, 40);
    const sp_view *v = w->view;
    for (size_t i = 0; i < v->n_sen2; i++) {
        const sp_sen2_view *e = &v->sen2[i];
        const sp_sen2 *r = e->rec;
        wb_table_row(&t);
        wb_number(&t, S_YEAR, r->year, WB_FMT_NONE);
        wb_text(&t, S_LEVEL, level_word(r));
        wb_text(&t, S_REGION, e->region ? e->region : *r->region_name ? r->region_name : "[z]");
        wb_text(&t, S_CODE, *r->la_code ? r->la_code : "[z]");
        wb_text(&t, S_OLD_CODE, *r->old_la_code ? r->old_la_code : "[z]");
        wb_text(&t, S_NAME, r->level == SP_EES_LOCAL_AUTHORITY ? r->la_name
                            : r->level == SP_EES_REGIONAL      ? r->region_name : "England");
        ees_cell(&t, S_WITHIN, &r->within_20_weeks, WB_FMT_COUNT);
        ees_cell(&t, S_PLANS, &r->new_plans, WB_FMT_COUNT);
        ees_cell(&t, S_RATE, &r->rate, WB_FMT_NONE);
        char f[240], y[16], a[16], b[16], c[16];
        wb_cell(&t, S_YEAR, y);
        wb_cell(&t, S_WITHIN, a);
        wb_cell(&t, S_PLANS, b);
        bool counted = e->included && sp_ees_has_number(&r->within_20_weeks) &&
                       sp_ees_has_number(&r->new_plans);
        snprintf(f, sizeof f,
                 "=IF(AND(DATE(%s,12,31)<=%s,ISNUMBER(%s),ISNUMBER(%s)),\"Yes\",\"No\")", y,
                 WB_ASAT_NAME, a, b);
        wb_formula_text(&t, S_COUNTED, f, counted ? "Yes" : "No");
        wb_cell(&t, S_COUNTED, c);
        snprintf(f, sizeof f, "=IF(AND(%s=\"Yes\",N(%s)>0),%s/%s,\"[z]\")", c, b, a, b);
        if (e->counted)
            wb_formula(&t, S_SHARE, f, WB_FMT_PCT, e->share, NULL);
        else
            wb_formula_text(&t, S_SHARE, f, "[z]");
        char *base = e->pos.file ? g_path_get_basename(e->pos.file) : NULL;
        char *s = base ? g_strdup_printf("%s:%d", base, e->pos.line) : g_strdup("[x]");
        wb_text(&t, S_SOURCE, s);
        g_free(s);
        g_free(base);
    }
    static const struct { int col; const char *name; } names[] = {
        {S_YEAR, "s2_year"}, {S_LEVEL, "s2_level"}, {S_WITHIN, "s2_within"},
        {S_PLANS, "s2_new_plans"}, {S_COUNTED, "s2_counted"}, {S_SHARE, "s2_share"}};
    if (v->n_sen2)
        for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
            wb_define_column(&t, (size_t)names[i].col, names[i].name);
    wb_table_end(&t);
}

/* England's counts that year come from the National row (as the figure
 * does) when it has both counts, else from the local authorities. */
static const char *england_level(const sp_view *v, int year)
{
    for (size_t i = 0; i < v->n_sen2; i++) {
        const sp_sen2 *r = v->sen2[i].rec;
        if (r->year == year && r->level == SP_EES_NATIONAL &&
            sp_ees_has_number(&r->within_20_weeks) && sp_ees_has_number(&r->new_plans))
            return "National";
    }
    return "Local authority";
}

static double cached(const sp_wb *w, const char *id)
{
    const sp_figure *f = sp_figures_get(w->figs, id);
    return f ? f->value : 0;
}

void wb_write_ehcp(sp_wb *w, wb_sheet *ws)
{
    static const char *const headers[] = {
        "Calendar year", "New EHC plans issued within 20 weeks, England",
        "All new EHC plans, England", "Share issued within 20 weeks, England",
        "Local authorities with new plans", "Local authorities issuing under half within 20 weeks"};
    char title[200];
    wb_title(title, sizeof title, "EHC plans issued within 20 weeks, excluding exceptions, by "
             "calendar year", WB_NOTE_ASAT, WB_NOTE_SHARES, 0);
    wb_table t;
    wb_table_begin(&t, w, ws, WB_EHCP, "EHCPlans", title,
                   "This table has one row per calendar year counted at the as-at date. Each "
                   "value is a formula over the Records SEN2 sheet: England's counts are its "
                   "National row, a local authority counts when both its counts are numbers and "
                   "it issued at least one new plan.",
                   "Source: the Records SEN2 sheet of this workbook.", headers,
                   G_N_ELEMENTS(headers));
    for (size_t c = 1; c < G_N_ELEMENTS(headers); c++)
        wb_table_numeric(&t, c);
    const sp_view *v = w->view;
    for (size_t k = 0; k < v->n_sen2_years; k++) {
        int y = v->sen2_years[k];
        char id[96], f[240], a[16], b[16], c[16];
        snprintf(id, sizeof id, SP_IDF_EHCP_SHARE, y);
        if (!sp_figures_get(w->figs, id))
            continue;
        const char *lvl = england_level(v, y);
        wb_table_row(&t);
        wb_number(&t, 0, y, WB_FMT_NONE);
        wb_cell(&t, 0, a);
        snprintf(id, sizeof id, SP_IDF_EHCP_WITHIN, y);
        snprintf(f, sizeof f,
                 "=SUMPRODUCT((s2_year=$%s)*(s2_level=\"%s\")*(s2_counted=\"Yes\"),s2_within)", a,
                 lvl);
        wb_formula(&t, 1, f, WB_FMT_COUNT, cached(w, id), id);
        snprintf(id, sizeof id, SP_IDF_EHCP_NEW_PLANS, y);
        snprintf(f, sizeof f,
                 "=SUMPRODUCT((s2_year=$%s)*(s2_level=\"%s\")*(s2_counted=\"Yes\"),s2_new_plans)",
                 a, lvl);
        wb_formula(&t, 2, f, WB_FMT_COUNT, cached(w, id), id);
        snprintf(id, sizeof id, SP_IDF_EHCP_SHARE, y);
        snprintf(f, sizeof f, "=IF(%s>0,%s/%s,\"[z]\")", wb_cell(&t, 2, c), wb_cell(&t, 1, b), c);
        wb_formula(&t, 3, f, WB_FMT_PCT, cached(w, id), id);
        snprintf(id, sizeof id, SP_IDF_EHCP_AREAS, y);
        snprintf(f, sizeof f,
                 "=COUNTIFS(s2_year,$%s,s2_level,\"Local authority\",s2_share,\">=0\")", a);
        wb_formula(&t, 4, f, WB_FMT_COUNT, cached(w, id), id);
        snprintf(id, sizeof id, SP_IDF_EHCP_AREAS_UNDER_50, y);
        snprintf(f, sizeof f,
                 "=COUNTIFS(s2_year,$%s,s2_level,\"Local authority\",s2_share,\">=0\","
                 "s2_share,\"<0.5\")", a);
        wb_formula(&t, 5, f, WB_FMT_COUNT, cached(w, id), id);
    }
    wb_table_end(&t);
}
