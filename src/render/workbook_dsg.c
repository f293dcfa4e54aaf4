/* workbook_dsg.c: the dedicated schools grant sheets: "High needs records",
 * one row per local authority row of every DSG file read, and "High needs",
 * the high-needs block by financial year for England and each Ofsted
 * region as live SUMIFS formulas over those records.
 *
 * Design choice: the as-at rule is a formula in the records' "Counted at
 * as-at date" column (the file published on or before AsAt, and no later
 * file of the same year also published by then), so moving the as-at cell
 * moves the totals, as on the other live sheets. Each total caches the
 * figures table's value and is recorded against its figure id; changes are
 * formulas over the previous year's cells of the same row. Columns get
 * defined names (hn_year, hn_published, hn_region, hn_before, hn_after,
 * hn_counted) rather than structured references, which gnumeric cannot
 * read. */
#include "workbook_sheets.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sendpack/ids_dsg.h"

enum { R_YEAR, R_PUBLISHED, R_OLD_CODE, R_NAME, R_CODE, R_REGION, R_BEFORE, R_AFTER,
       R_COUNTED, R_SOURCE, R_NCOLS };

void wb_write_dsg_records(sp_wb *w, wb_sheet *ws)
{
    static const char *const headers[R_NCOLS] = {
        "Financial year", "Publication date", "Old LA code", "Local authority",
        "Local authority code", "Ofsted region", "High-needs block before deductions (£)",
        "High-needs block after deductions (£)", "Counted at as-at date",
        "Source (file and row)"};
    char title[160];
    wb_title(title, sizeof title, "High-needs block allocations by local authority",
             WB_NOTE_ASAT, WB_NOTE_SYMBOLS, 0);
    wb_table t;
    wb_table_begin(&t, w, ws, WB_DSG_RECORDS, "HighNeedsRecords", title,
                   "This table has one row per local authority in each dedicated schools grant "
                   "allocations file read. A file counts when it was published on or before the "
                   "as-at date on the Cover sheet and no later file of the same year was; the "
                   "totals on the High needs sheet add up the rows counted.",
                   "Source: Department for Education, dedicated schools grant (DSG) allocations "
                   "(files listed on the Cover sheet).",
                   headers, R_NCOLS);
    wb_table_wrap_column(&t, R_NAME, 40);
    wb_table_numeric(&t, R_OLD_CODE);
    wb_table_numeric(&t, R_BEFORE);
    wb_table_numeric(&t, R_AFTER);
    for (size_t i = 0; i < w->view->n_dsg; i++) {
        const sp_dsg_view *e = &w->view->dsg[i];
        wb_table_row(&t);
        wb_text(&t, R_YEAR, e->year->fy);
        wb_date(&t, R_PUBLISHED, e->year->published, "[x]");
        wb_text(&t, R_OLD_CODE, e->rec->old_la_code);
        wb_text(&t, R_NAME, *e->rec->name ? e->rec->name : "[x]");
        wb_text(&t, R_CODE, *e->rec->la_code ? e->rec->la_code : "[x]");
        wb_text(&t, R_REGION, e->region ? wb_region_name(w, e->region, false) : "[x]");
        wb_number(&t, R_BEFORE, e->rec->high_needs_gbp, WB_FMT_GBP);
        wb_number_or(&t, R_AFTER, e->rec->high_needs_after_gbp, WB_FMT_GBP, "[x]");
        char f[320], y[16], p[16];
        wb_cell(&t, R_YEAR, y);
        wb_cell(&t, R_PUBLISHED, p);
        snprintf(f, sizeof f,
                 "=IF(AND(ISNUMBER(%s),%s<=%s,COUNTIFS(hn_year,%s,hn_published,\">\"&%s,"
                 "hn_published,\"<=\"&%s)=0),\"Yes\",\"No\")",
                 p, p, WB_ASAT_NAME, y, p, WB_ASAT_NAME);
        wb_formula_text(&t, R_COUNTED, f, e->included ? "Yes" : "No");
        char *base = e->pos.file ? g_path_get_basename(e->pos.file) : g_strdup("[x]");
        char *src = g_strdup_printf("%s, row %d", base, e->pos.line);
        wb_text(&t, R_SOURCE, src);
        g_free(src);
        g_free(base);
    }
    wb_define_column(&t, R_YEAR, "hn_year");
    wb_define_column(&t, R_PUBLISHED, "hn_published");
    wb_define_column(&t, R_REGION, "hn_region");
    wb_define_column(&t, R_BEFORE, "hn_before");
    wb_define_column(&t, R_AFTER, "hn_after");
    wb_define_column(&t, R_COUNTED, "hn_counted");
    wb_table_end(&t);
}

enum { T_YEAR, T_AREA, T_BEFORE, T_AFTER, T_CHANGE, T_SHARE, T_COUNT, T_NCOLS };

/* One row: England (slug NULL) or a region, for financial year fy (index
 * y of figs->dsg_years); prev holds "slug-or-england" -> before-deductions
 * cell of the previous year, and gets this row's. */
static void total_row(sp_wb *w, wb_table *t, size_t y, const char *slug, const char *name,
                      GHashTable *prev)
{
    const char *fy = w->figs->dsg_years[y].slug;
    char id[256], f[400], cell[16], crit[200];
    const sp_figure *total = slug ? wb_fig(w, SP_IDF_REGION_DSG_HN_TOTAL, slug, fy)
                                  : wb_fig(w, SP_IDF_DSG_HN_TOTAL, fy);
    if (!total)
        return;
    wb_table_row(t);
    wb_text(t, T_YEAR, w->figs->dsg_years[y].name);
    wb_text(t, T_AREA, name);
    if (slug)
        snprintf(crit, sizeof crit, ",hn_region,\"%s\"", name);
    else
        crit[0] = '\0';
    snprintf(f, sizeof f, "=SUMIFS(hn_before,hn_year,\"%s\",hn_counted,\"Yes\"%s)", fy, crit);
    snprintf(id, sizeof id, "%s", total->id);
    wb_formula(t, T_BEFORE, f, WB_FMT_GBP, total->value, id);
    const sp_figure *after = slug ? NULL : wb_fig(w, SP_IDF_DSG_HN_AFTER, fy);
    if (after) {
        snprintf(f, sizeof f, "=SUMIFS(hn_after,hn_year,\"%s\",hn_counted,\"Yes\")", fy);
        wb_formula(t, T_AFTER, f, WB_FMT_GBP, after->value, after->id);
    } else {
        wb_text(t, T_AFTER, "[z]");
    }
    const char *key = slug ? slug : "england";
    const char *before_cell = g_hash_table_lookup(prev, key);
    const sp_figure *chg = slug ? wb_fig(w, SP_IDF_REGION_DSG_HN_CHANGE, slug, fy)
                                : wb_fig(w, SP_IDF_DSG_HN_CHANGE, fy);
    const sp_figure *share = slug ? wb_fig(w, SP_IDF_REGION_DSG_HN_CHANGE_SHARE, slug, fy)
                                  : wb_fig(w, SP_IDF_DSG_HN_CHANGE_SHARE, fy);
    wb_cell(t, T_BEFORE, cell);
    if (before_cell && chg) {
        char here[16];
        snprintf(f, sizeof f, "=%s-%s", cell, before_cell);
        wb_formula(t, T_CHANGE, f, WB_FMT_GBP, chg->value, chg->id);
        if (share) {
            snprintf(f, sizeof f, "=IF(%s>0,%s/%s,0)", before_cell, wb_cell(t, T_CHANGE, here),
                     before_cell);
            wb_formula(t, T_SHARE, f, WB_FMT_PCT, share->value, share->id);
        } else {
            wb_text(t, T_SHARE, "[z]");
        }
    } else {
        wb_text(t, T_CHANGE, "[z]");
        wb_text(t, T_SHARE, "[z]");
    }
    const sp_figure *count = slug ? NULL : wb_fig(w, SP_IDF_DSG_AREAS_COUNT, fy);
    if (count) {
        snprintf(f, sizeof f, "=COUNTIFS(hn_year,\"%s\",hn_counted,\"Yes\")", fy);
        wb_formula(t, T_COUNT, f, WB_FMT_COUNT, count->value, count->id);
    } else {
        wb_text(t, T_COUNT, "[z]");
    }
    g_hash_table_replace(prev, g_strdup(key), g_strdup(cell));
}

void wb_write_dsg(sp_wb *w, wb_sheet *ws)
{
    static const char *const headers[T_NCOLS] = {
        "Financial year", "England or Ofsted region", "High-needs block before deductions (£)",
        "High-needs block after deductions (£)", "Change from the year before (£)",
        "Change from the year before (%)", "Local authorities"};
    char title[160];
    wb_title(title, sizeof title, "High-needs block of the dedicated schools grant, by year "
             "and region", WB_NOTE_ASAT, WB_NOTE_SYMBOLS, 0);
    wb_table t;
    wb_table_begin(&t, w, ws, WB_DSG, "HighNeeds", title,
                   "Totals are live formulas over the High needs records sheet and the as-at "
                   "date on the Cover sheet. A region is the sum of its local authorities; the "
                   "change is from the year before among the years given.",
                   "Source: the High needs records sheet of this workbook (Department for "
                   "Education, dedicated schools grant allocations).",
                   headers, T_NCOLS);
    for (size_t c = T_BEFORE; c < T_NCOLS; c++)
        wb_table_numeric(&t, c);
    GHashTable *prev = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    const sp_figures *fg = w->figs;
    for (size_t y = 0; y < fg->n_dsg_years; y++) {
        total_row(w, &t, y, NULL, "England", prev);
        const sp_group *lists[2] = {fg->regions, fg->regions_2023};
        size_t counts[2] = {fg->n_regions, fg->n_regions_2023};
        GHashTable *done = g_hash_table_new(g_str_hash, g_str_equal);
        for (int l = 0; l < 2; l++)
            for (size_t r = 0; r < counts[l]; r++) {
                if (g_hash_table_contains(done, lists[l][r].slug))
                    continue;
                g_hash_table_add(done, lists[l][r].slug);
                total_row(w, &t, y, lists[l][r].slug, lists[l][r].name, prev);
            }
        g_hash_table_destroy(done);
    }
    g_hash_table_destroy(prev);
    wb_table_end(&t);
}
