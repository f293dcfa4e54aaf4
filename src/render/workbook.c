/* workbook.c: the accessible workbook (issue 5) as XLSX and ODS (issue 18):
 * cover, contents, notes, one table per sheet, native charts, and the
 * figures table, described once (workbook_desc.h) and written by
 * workbook_xlsx.c and workbook_ods.c.
 *
 * Design choice: every sheet is added first, in reading order, and then
 * filled, so the contents sheet can list and link them all and the live
 * formula tables can be written before the Figures sheet that points at
 * them. The files are deterministic: every zip entry has a fixed date, and
 * the document's created date comes from SOURCE_DATE_EPOCH or the as-at
 * date, never the clock. */
#include "sendpack/workbook.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "workbook_sheets.h"

typedef void (*sheet_fn)(sp_wb *w, wb_sheet *ws);

typedef struct sheet_spec {
    const char *name;
    const char *description;
    sheet_fn write;
} sheet_spec;

/* The sheets this dataset needs, in reading order. */
static size_t plan(const sp_view *v, sheet_spec *out)
{
    bool y23 = v->has_2023;
    const sheet_spec all[] = {
        {WB_COVER, "About this workbook, the as-at date that drives its formulas, and the sources", wb_write_cover},
        {WB_CONTENTS, "This list of sheets", NULL},
        {WB_NOTES, "Notes referred to in the table titles, and the symbols used", wb_write_notes},
        {WB_SUMMARY, "Headline figures for England: inspections, written statements of action and weaknesses (live formulas)", wb_write_summary},
        {WB_REGIONS, "Inspections, written statements of action and revisits by Ofsted region (live formulas)", wb_write_regions},
        {WB_YEARS, "Inspections and written statements of action by year of publication (live formulas)", wb_write_years},
        {WB_REVISITS, "Revisit outcomes and progress on weaknesses for England (live formulas)", wb_write_revisits},
        {WB_TIMELINE, "Inspections and written statements of action published, cumulative by month (live formulas)", wb_write_timeline},
        {WB_OUTCOMES, "Outcomes of inspections under the 2023 framework, by Ofsted region (live formulas)", y23 ? wb_write_outcomes : NULL},
        {WB_CHARTS, "Charts of the regional shares and the timeline, drawn from the Regions and Timeline sheets", wb_write_charts},
        {WB_RECORDS, "The inspection records used: one row per area inspected under the previous framework", wb_write_records},
        {WB_RECORDS23, "The inspection records used: one row per inspection under the 2023 framework", y23 ? wb_write_records23 : NULL},
        {WB_FUNDING, "Funding lines", v->n_funding ? wb_write_funding : NULL},
        {WB_DSG, "High-needs block of the dedicated schools grant by financial year, for England and each Ofsted region (live formulas)", v->n_dsg ? wb_write_dsg : NULL},
        {WB_DSG_RECORDS, "The dedicated schools grant allocations used: one row per local authority and financial year", v->n_dsg ? wb_write_dsg_records : NULL},
        {WB_INTERVENTIONS, "Interventions in local areas", v->n_interventions ? wb_write_interventions : NULL},
        {WB_EHCP, "EHC plans issued within 20 weeks by calendar year, England and local authorities (live formulas)", v->n_sen2 ? wb_write_ehcp : NULL},
        {WB_SEN2, "The SEN2 records used: one row per row of DfE's EHC plans file, with EES symbols kept", v->n_sen2 ? wb_write_sen2_records : NULL},
        {WB_FIGURES, "The figures table: every figure sendpack computed, with its definition, source and filter", wb_write_figures},
    };
    size_t n = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(all); i++)
        if (all[i].write || strcmp(all[i].name, WB_CONTENTS) == 0)
            out[n++] = all[i];
    return n;
}

/* SOURCE_DATE_EPOCH when set, else midnight of the as-at date; never 0,
 * which would make libxlsxwriter use the clock. */
static time_t created_time(const sp_figures *figs)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end = NULL;
        errno = 0;
        long long v = strtoll(sde, &end, 10);
        if (errno == 0 && end && *end == '\0' && v > 0)
            return (time_t)v;
    }
    if (figs->as_at > 0)
        return (time_t)sp_date_epoch(figs->as_at);
    return (time_t)315532800; /* 1 January 1980 */
}

static void set_properties(sp_wb *w)
{
    const sp_settings *s = w->ctx->settings;
    wb_props *p = &w->d->props;
    char date[32];
    wb_long_date(w->figs->as_at, date, sizeof date);
    p->title = g_strdup_printf("%s: data tables", s && s->title ? s->title : "Area SEND inspections");
    p->subject = g_strdup_printf("Area SEND inspections and revisits in England, as at %s%s", date,
                                 s && s->illustrative ? " (illustrative data)" : "");
    p->author = g_strdup(s && s->author ? s->author : "sendpack");
    p->category = g_strdup("Statistics");
    p->keywords = g_strdup("SEND, special educational needs and disabilities, area SEND inspections, "
                           "Ofsted, CQC, written statement of action, revisits");
    p->comments = g_strdup("Headline figures are live formulas over the Records sheet and the as-at "
                           "date on the Cover sheet. Made with sendpack " SENDPACK_VERSION ".");
    p->status = g_strdup(s && s->illustrative ? "Illustrative data" : "");
    p->created = created_time(w->figs);
    char iso[16];
    sp_date_iso(w->figs->as_at, iso, sizeof iso);
    p->as_at = g_strdup(iso);
}

/* Describe the whole workbook into w->d. */
static void describe(sp_wb *w)
{
    set_properties(w);
    sheet_spec specs[24];
    size_t n = plan(w->view, specs);
    wb_sheet *sheets[24];
    const char *names[24], *descriptions[24];
    for (size_t i = 0; i < n; i++) {
        sheets[i] = wb_desc_add_sheet(w->d, specs[i].name);
        names[i] = specs[i].name;
        descriptions[i] = specs[i].description;
    }
    /* Cover first (it places the as-at cell), then everything but the
     * contents and the figures, which depend on the rest. */
    wb_sheet *contents = NULL, *figures = NULL;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(names[i], WB_CONTENTS) == 0)
            contents = sheets[i];
        else if (strcmp(names[i], WB_FIGURES) == 0)
            figures = sheets[i];
        else
            specs[i].write(w, sheets[i]);
    }
    if (contents)
        wb_write_contents(w, contents, names, descriptions, n);
    if (figures)
        wb_write_figures(w, figures);
}

int sp_workbook_write_files(const sp_context *ctx, const char *xlsx, const char *ods,
                            sp_diags *diags)
{
    const char *first = xlsx ? xlsx : ods;
    sp_wb w = {.ctx = ctx, .figs = ctx->figs, .view = ctx->view, .diags = diags, .path = first};
    w.d = wb_desc_new();
    w.live = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    describe(&w);
    g_hash_table_destroy(w.live);
    int rc = 0;
    const char *paths[] = {xlsx, ods};
    for (size_t i = 0; i < G_N_ELEMENTS(paths) && rc == 0; i++) {
        if (!paths[i])
            continue;
        char *err = i == 0 ? wb_xlsx_write(w.d, paths[i]) : wb_ods_write(w.d, paths[i]);
        if (err) {
            sp_diags_error(diags, paths[i], 0, 0, "%s", err);
            g_free(err);
            rc = 1;
        }
    }
    wb_desc_free(w.d);
    return rc;
}

int sp_workbook_write(const sp_context *ctx, const char *path, sp_diags *diags)
{
    bool ods = g_str_has_suffix(path, ".ods");
    return sp_workbook_write_files(ctx, ods ? NULL : path, ods ? path : NULL, diags);
}
