/* workbook_live.c: the tables whose every count and share is a live formula:
 * Summary, Regions, Years, Revisits, Timeline and Outcomes 2023.
 *
 * Design choice: the formula says how a figure is counted, the figures table
 * says what it is. Each formula counts rows of the Records sheet through its
 * defined names and the AsAt cell; its cached result is the value of the
 * matching figure (sp_figures_get), so the file shows the right number before
 * any recalculation and this file never computes a statistic. Each cell is
 * recorded against its figure id (the Figures sheet links to it, and the
 * tests recalculate the workbook with a real engine and compare). Shares
 * divide the two count cells beside them, and show [z] when there is nothing
 * to divide by. Group criteria use SUMPRODUCT with "=", never COUNTIFS with a
 * cell, so a region name holding * or ? is matched literally. */
#include "workbook_sheets.h"

#include <stdio.h>
#include <string.h>
#include "sendpack/ids_funding.h"
#include "sendpack/ids_inspections.h"
#include "sendpack/ids_interventions.h"

/* The cached value of a formula: the figure's value, or 0 when the figures
 * table has no such figure (e.g. no data). */
static double cached(const sp_wb *w, const char *id)
{
    const sp_figure *f = sp_figures_get(w->figs, id);
    return f ? f->value : 0;
}

/* A count or sum cell. */
static void live(wb_table *t, size_t col, const char *formula, wb_fmt f, const char *id)
{
    wb_formula(t, col, formula, f, cached(t->w, id), id);
}

/* A share: num / den, or [z] when den is 0. */
static void live_share(wb_table *t, size_t col, const char *num, const char *den, const char *id)
{
    char f[160];
    snprintf(f, sizeof f, "=IF(%s>0,%s/%s,\"[z]\")", den, num, den);
    const sp_figure *fig = sp_figures_get(t->w->figs, id);
    if (fig)
        wb_formula(t, col, f, WB_FMT_PCT, fig->value, id);
    else
        wb_formula_text(t, col, f, "[z]");
}

/* ---- Measure tables (Summary, Revisits): Measure | Value | Figure id ---- */

typedef struct measures {
    wb_table t;
    GHashTable *cells; /* figure id -> "B5" of this table */
} measures;

static const char *const MEASURE_HEADERS[] = {"Measure", "Value", "Figure id"};

static void measures_begin(measures *m, sp_wb *w, wb_sheet *ws, const char *sheet,
                           const char *table, const char *title, const char *about)
{
    wb_table_begin(&m->t, w, ws, sheet, table, title, about,
                   "Source: the Records sheet of this workbook (see the Cover sheet for the "
                   "publications it comes from).",
                   MEASURE_HEADERS, 3);
    wb_table_wrap_column(&m->t, 0, 90);
    wb_table_numeric(&m->t, 1);
    m->cells = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
}

static void measure_row(measures *m, const char *label, const char *id)
{
    char cell[16];
    wb_table_row(&m->t);
    wb_text(&m->t, 0, label);
    wb_text(&m->t, 2, id);
    g_hash_table_insert(m->cells, g_strdup(id), g_strdup(wb_cell(&m->t, 1, cell)));
}

static void measure(measures *m, const char *label, const char *id, const char *formula,
                    wb_fmt f)
{
    measure_row(m, label, id);
    live(&m->t, 1, formula, f, id);
}

static const char *cell_of(const measures *m, const char *id)
{
    const char *c = g_hash_table_lookup(m->cells, id);
    return c ? c : "0";
}

static void measure_share(measures *m, const char *label, const char *id, const char *num_id,
                          const char *den_id)
{
    char num[16], den[16];
    snprintf(num, sizeof num, "%s", cell_of(m, num_id));
    snprintf(den, sizeof den, "%s", cell_of(m, den_id));
    measure_row(m, label, id);
    live_share(&m->t, 1, num, den, id);
}

/* A count, id, and on the next row its share of the measure den_id, sid. */
static void measure_count_share(measures *m, const char *id, const char *sid, const char *label,
                                const char *share_label, const char *formula, const char *den_id)
{
    measure(m, label, id, formula, WB_FMT_COUNT);
    measure_share(m, share_label, sid, id, den_id);
}

static void measures_end(measures *m)
{
    wb_table_end(&m->t);
    g_hash_table_destroy(m->cells);
}

static const char *intervention_label(sp_intervention_type t)
{
    static const char *const labels[] = {"Commissioner", "Statutory direction",
                                         "Adviser support", "Safety valve", "Other"};
    return t < SP_INTERVENTION_N ? labels[t] : "Other";
}

static const char *funding_label(sp_funding_status s)
{
    switch (s) {
    case SP_FUNDING_COMMITTED: return "Committed";
    case SP_FUNDING_OPTIONAL_EXTENSION: return "Optional extension";
    case SP_FUNDING_ANNOUNCED: return "Announced";
    }
    return "";
}

/* Shared with workbook_lines.c through these two declarations. */
const char *wb_intervention_label(sp_intervention_type t);
const char *wb_funding_label(sp_funding_status s);
const char *wb_intervention_label(sp_intervention_type t) { return intervention_label(t); }
const char *wb_funding_label(sp_funding_status s) { return funding_label(s); }

void wb_write_summary(sp_wb *w, wb_sheet *ws)
{
    char title[200], f[512];
    wb_title(title, sizeof title, "Headline figures for England",
             WB_NOTE_REORGANISED, WB_NOTE_WSOA, WB_NOTE_ASAT);
    measures m;
    measures_begin(&m, w, ws, WB_SUMMARY, "Summary", title,
                   "This table gives the national figures at the as-at date on the Cover sheet. "
                   "Each value is a formula over the Records sheet; regional figures are on the "
                   "Regions sheet.");
    measure(&m, "Areas inspected (previous framework)", SP_ID_INSPECTIONS_COUNT,
            "=COUNTIF(rec_included,\"Yes\")", WB_FMT_COUNT);
    measure(&m, "Areas required to produce a written statement of action (WSoA)", SP_ID_WSOA_COUNT,
            "=COUNTIF(rec_has_wsoa,\"Yes\")", WB_FMT_COUNT);
    measure_share(&m, "Share of inspected areas with a WSoA", SP_ID_WSOA_SHARE, SP_ID_WSOA_COUNT,
                  SP_ID_INSPECTIONS_COUNT);
    measure(&m, "Significant weaknesses identified in WSoAs", SP_ID_WEAKNESSES_TOTAL,
            "=SUMIFS(rec_weaknesses,rec_has_wsoa,\"Yes\")", WB_FMT_COUNT);
    /* The median is an array formula: MEDIAN over the WSoA rows only. */
    measure_row(&m, "Median number of significant weaknesses per WSoA",
                SP_ID_WEAKNESSES_MEDIAN);
    snprintf(f, sizeof f,
             "{=IF(COUNTIF(rec_has_wsoa,\"Yes\")>0,MEDIAN(IF(rec_has_wsoa=\"Yes\","
             "IF(ISNUMBER(rec_weaknesses),rec_weaknesses))),\"[z]\")}");
    {
        const sp_figure *fig = sp_figures_get(w->figs, SP_ID_WEAKNESSES_MEDIAN);
        wb_put_array(ws, m.t.row, 1, f, WB_FMT_DECIMAL, fig ? fig->value : 0);
        if (fig) {
            char cell[16];
            wb_cell(&m.t, 1, cell);
            g_hash_table_insert(w->live, g_strdup(SP_ID_WEAKNESSES_MEDIAN),
                                g_strdup_printf("%s!%s", WB_SUMMARY, cell));
        }
    }
    if (w->view->has_2023) {
        measure(&m, "Inspections under the 2023 framework", SP_ID_OUTCOME_INSPECTIONS_COUNT,
                "=COUNTIF(rec_2023_included,\"Yes\")", WB_FMT_COUNT);
        for (sp_outcome o = SP_OUTCOME_POSITIVE; o <= SP_OUTCOME_SYSTEMIC; o++) {
            char id[64], sid[64], label[160], share_label[160];
            snprintf(id, sizeof id, SP_IDF_OUTCOME_COUNT, sp_outcome_name(o));
            snprintf(sid, sizeof sid, SP_IDF_OUTCOME_SHARE, sp_outcome_name(o));
            snprintf(label, sizeof label, "2023 framework: %s", sp_outcome_label(o));
            snprintf(share_label, sizeof share_label, "2023 framework, share of inspections: %s",
                     sp_outcome_label(o));
            snprintf(f, sizeof f,
                     "=SUMPRODUCT((rec_2023_included=\"Yes\")*(rec_2023_outcome=\"%s\"))",
                     sp_outcome_label(o));
            measure_count_share(&m, id, sid, label, share_label, f, SP_ID_OUTCOME_INSPECTIONS_COUNT);
        }
        measure(&m, "2023 framework: priority action plans required",
                SP_ID_OUTCOME_PAP_COUNT,
                "=COUNTIFS(rec_2023_included,\"Yes\",rec_2023_pap,\"Yes\")", WB_FMT_COUNT);
        measure(&m, "2023 framework: areas for priority action", SP_ID_OUTCOME_PRIORITY_ACTIONS_TOTAL,
                "=SUMIFS(rec_2023_priority_actions,rec_2023_included,\"Yes\")", WB_FMT_COUNT);
    }
    if (w->view->n_interventions > 0) {
        measure(&m, "Interventions started", SP_ID_INTERVENTIONS_COUNT,
                "=COUNTIF(int_started,\"Yes\")", WB_FMT_COUNT);
        for (sp_intervention_type ty = 0; ty < SP_INTERVENTION_N; ty++) {
            char id[64], label[96];
            snprintf(id, sizeof id, SP_IDF_INTERVENTIONS_TYPE_COUNT, sp_intervention_type_name(ty));
            snprintf(label, sizeof label, "Interventions started: %s", intervention_label(ty));
            snprintf(f, sizeof f, "=SUMPRODUCT((int_started=\"Yes\")*(int_type=\"%s\"))",
                     intervention_label(ty));
            measure(&m, label, id, f, WB_FMT_COUNT);
        }
    }
    if (w->view->n_funding > 0) {
        static const struct { sp_funding_status s; const char *id; } F[] = {
            {SP_FUNDING_COMMITTED, SP_ID_FUNDING_COMMITTED},
            {SP_FUNDING_OPTIONAL_EXTENSION, SP_ID_FUNDING_OPTIONAL},
            {SP_FUNDING_ANNOUNCED, SP_ID_FUNDING_ANNOUNCED},
        };
        for (size_t i = 0; i < G_N_ELEMENTS(F); i++) {
            char label[96];
            snprintf(label, sizeof label, "Funding: %s (£)", funding_label(F[i].s));
            snprintf(f, sizeof f, "=SUMIFS(fund_amount,fund_status,\"%s\")", funding_label(F[i].s));
            measure(&m, label, F[i].id, f, WB_FMT_GBP);
        }
        measure(&m, "Funding: all lines (£)", SP_ID_FUNDING_TOTAL, "=SUM(fund_amount)", WB_FMT_GBP);
        measure(&m, "Funding lines", SP_ID_FUNDING_LINES_COUNT, "=COUNT(fund_amount)", WB_FMT_COUNT);
    }
    measures_end(&m);
}

void wb_write_revisits(sp_wb *w, wb_sheet *ws)
{
    char title[200];
    wb_title(title, sizeof title, "Revisits to areas with a written statement of action",
             WB_NOTE_REVISITS, WB_NOTE_ASAT, 0);
    measures m;
    measures_begin(&m, w, ws, WB_REVISITS, "Revisits", title,
                   "This table gives revisit outcomes for England at the as-at date on the Cover "
                   "sheet. Each value is a formula over the Records sheet.");
    measure(&m, "Revisits published", SP_ID_REVISITS_COUNT,
            "=COUNTIF(rec_revisit_included,\"Yes\")", WB_FMT_COUNT);
    static const struct { const char *key, *word, *label; } O[] = {
        {"all", "Yes", "sufficient progress in addressing all significant weaknesses"},
        {"some", "Some", "sufficient progress in addressing some significant weaknesses"},
        {"none", "No", "sufficient progress in addressing none of the significant weaknesses"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(O); i++) {
        char id[64], sid[64], label[160], share_label[160], f[160];
        snprintf(id, sizeof id, SP_IDF_REVISITS_OUTCOME_COUNT, O[i].key);
        snprintf(sid, sizeof sid, SP_IDF_REVISITS_OUTCOME_SHARE, O[i].key);
        snprintf(label, sizeof label, "Revisits finding %s", O[i].label);
        snprintf(share_label, sizeof share_label, "Share of revisits finding %s", O[i].label);
        snprintf(f, sizeof f, "=COUNTIFS(rec_revisit_included,\"Yes\",rec_revisit_outcome,\"%s\")",
                 O[i].word);
        measure_count_share(&m, id, sid, label, share_label, f, SP_ID_REVISITS_COUNT);
    }
    measure(&m, "Areas with a WSoA not yet revisited", SP_ID_REVISITS_PENDING_COUNT,
            "=COUNTIF(rec_awaiting_revisit,\"Yes\")", WB_FMT_COUNT);
    measure(&m, "Significant weaknesses in the areas revisited", SP_ID_REVISITS_WEAKNESSES,
            "=SUMIFS(rec_weaknesses,rec_revisit_included,\"Yes\")", WB_FMT_COUNT);
    measure(&m, "Weaknesses where sufficient progress had been made",
            SP_ID_REVISITS_PROGRESS_MADE,
            "=SUMIFS(rec_progress_made,rec_revisit_included,\"Yes\")", WB_FMT_COUNT);
    measure(&m, "Weaknesses where sufficient progress had not been made",
            SP_ID_REVISITS_PROGRESS_NOT_MADE,
            "=SUMIFS(rec_progress_not_made,rec_revisit_included,\"Yes\")", WB_FMT_COUNT);
    /* Of the weaknesses assessed at revisit: with plus without progress. */
    {
        char num[16], den[48];
        snprintf(num, sizeof num, "%s", cell_of(&m, SP_ID_REVISITS_PROGRESS_MADE));
        snprintf(den, sizeof den, "(%s+%s)", num,
                 cell_of(&m, SP_ID_REVISITS_PROGRESS_NOT_MADE));
        measure_row(&m, "Share of weaknesses assessed at revisit where sufficient progress had been made",
                    SP_ID_REVISITS_PROGRESS_MADE_SHARE);
        live_share(&m.t, 1, num, den, SP_ID_REVISITS_PROGRESS_MADE_SHARE);
    }
    measures_end(&m);
}

/* ---- Group tables: a row per region, year or month ---- */

/* Begin a group table: every column after the first holds numbers. */
static void group_begin(wb_table *t, sp_wb *w, wb_sheet *ws, const char *sheet,
                        const char *name, const char *title, const char *about,
                        const char *source, const char *const *headers, size_t ncols)
{
    wb_table_begin(t, w, ws, sheet, name, title, about, source, headers, ncols);
    for (size_t c = 1; c < ncols; c++)
        wb_table_numeric(t, c);
}

void wb_write_regions(sp_wb *w, wb_sheet *ws)
{
    static const char *const headers[] = {
        "Ofsted region", "Areas inspected", "Areas with a WSoA", "Share of inspected areas with a WSoA",
        "Significant weaknesses identified", "Revisits published", "Areas with a WSoA not yet revisited",
        "Weaknesses where sufficient progress had been made at revisit",
        "Weaknesses where sufficient progress had not been made at revisit"};
    static const char *const keys[] = {NULL, SP_ID_INSPECTIONS_COUNT, SP_ID_WSOA_COUNT, SP_ID_WSOA_SHARE,
                                       SP_ID_WEAKNESSES_TOTAL, SP_ID_REVISITS_COUNT,
                                       SP_ID_REVISITS_PENDING_COUNT,
                                       SP_ID_REVISITS_PROGRESS_MADE,
                                       SP_ID_REVISITS_PROGRESS_NOT_MADE};
    static const char *const criteria[] = {NULL, "(rec_included=\"Yes\")", "(rec_has_wsoa=\"Yes\")",
                                           NULL, "(rec_has_wsoa=\"Yes\"),rec_weaknesses",
                                           "(rec_revisit_included=\"Yes\")",
                                           "(rec_awaiting_revisit=\"Yes\")",
                                           "(rec_revisit_included=\"Yes\"),rec_progress_made",
                                           "(rec_revisit_included=\"Yes\"),rec_progress_not_made"};
    char title[200];
    wb_title(title, sizeof title,
             "Inspections, written statements of action and revisits by Ofsted region",
             WB_NOTE_WSOA, WB_NOTE_SHARES, WB_NOTE_ASAT);
    wb_table t;
    group_begin(&t, w, ws, WB_REGIONS, "Regions", title,
                "This table has one row per Ofsted region (previous framework). Each value is a "
                "formula over the Records sheet at the as-at date; England totals are on the "
                "Summary sheet.",
                "Source: the Records sheet of this workbook.", headers, G_N_ELEMENTS(headers));
    for (size_t i = 0; i < w->figs->n_regions; i++) {
        const sp_group *g = &w->figs->regions[i];
        char id[256], f[256], a[16], b[16], c[16];
        wb_table_row(&t);
        wb_text(&t, 0, g->name);
        for (size_t col = 1; col < G_N_ELEMENTS(headers); col++) {
            snprintf(id, sizeof id, SP_IDF_REGION_OF, g->slug, keys[col]);
            if (!criteria[col]) {
                live_share(&t, col, wb_cell(&t, 2, b), wb_cell(&t, 1, c), id);
                continue;
            }
            /* $A5: the region cell, so the formula reads the same on every row. */
            wb_a1(a, t.row, 0, false, true);
            snprintf(f, sizeof f, "=SUMPRODUCT((rec_region=%s)*%s)", a, criteria[col]);
            live(&t, col, f, WB_FMT_COUNT, id);
        }
    }
    w->n_region_rows = t.nrows;
    wb_table_end(&t);
}

void wb_write_years(sp_wb *w, wb_sheet *ws)
{
    static const char *const headers[] = {"Year of publication", "Areas inspected",
                                          "Areas with a WSoA", "Share of inspected areas with a WSoA"};
    char title[200];
    wb_title(title, sizeof title,
             "Inspections and written statements of action by year of publication",
             WB_NOTE_WSOA, WB_NOTE_ASAT, 0);
    wb_table t;
    group_begin(&t, w, ws, WB_YEARS, "Years", title,
                "This table has one row per calendar year in which inspection reports were "
                "published. Each value is a formula over the Records sheet at the as-at date.",
                "Source: the Records sheet of this workbook.", headers, G_N_ELEMENTS(headers));
    for (size_t i = 0; i < w->figs->n_years; i++) {
        int y = w->figs->years[i];
        char id[96], f[160], a[16], b[16], c[16];
        wb_table_row(&t);
        wb_number(&t, 0, y, WB_FMT_NONE);
        wb_cell(&t, 0, a);
        snprintf(id, sizeof id, SP_IDF_YEAR_INSPECTIONS_COUNT, y);
        snprintf(f, sizeof f, "=SUMPRODUCT((rec_year=$%s)*(rec_included=\"Yes\"))", a);
        live(&t, 1, f, WB_FMT_COUNT, id);
        snprintf(id, sizeof id, SP_IDF_YEAR_WSOA_COUNT, y);
        snprintf(f, sizeof f, "=SUMPRODUCT((rec_year=$%s)*(rec_has_wsoa=\"Yes\"))", a);
        live(&t, 2, f, WB_FMT_COUNT, id);
        snprintf(id, sizeof id, SP_IDF_YEAR_WSOA_SHARE, y);
        live_share(&t, 3, wb_cell(&t, 2, b), wb_cell(&t, 1, c), id);
    }
    wb_table_end(&t);
}

static sp_date month_end(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int d = days[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
    return sp_date_make(y, m, d);
}

void wb_write_timeline(sp_wb *w, wb_sheet *ws)
{
    static const char *const headers[] = {"Month (to the end of)", "Inspections published (cumulative)",
                                          "WSoAs required (cumulative)"};
    char title[200];
    wb_title(title, sizeof title,
             "Inspections and written statements of action published, cumulative by month",
             WB_NOTE_ASAT, 0, 0);
    wb_table t;
    group_begin(&t, w, ws, WB_TIMELINE, "Timeline", title,
                "This table has one row per month from the first publication to the as-at date "
                "of this edition. Each value counts reports published by the end of the month "
                "or the as-at date, whichever is earlier.",
                "Source: the Records sheet of this workbook.", headers, G_N_ELEMENTS(headers));
    for (size_t i = 0; i < w->figs->n; i++) {
        const char *id = w->figs->items[i].id;
        int y, mo;
        char f[200], a[16], wid[64];
        /* the month's cumulative inspections: the id the builder gives for its year and month */
        if (!id || !g_str_has_prefix(id, SP_ID_MONTH_) ||
            sscanf(id + strlen(SP_ID_MONTH_), "%4d-%2d", &y, &mo) != 2 || mo < 1 || mo > 12 ||
            snprintf(wid, sizeof wid, SP_IDF_MONTH_INSPECTIONS_CUMULATIVE, y, mo) >= (int)sizeof wid ||
            strcmp(id, wid) != 0)
            continue;
        wb_table_row(&t);
        wb_number(&t, 0, sp_date_serial(month_end(y, mo)), WB_FMT_MONTH);
        wb_cell(&t, 0, a);
        snprintf(f, sizeof f, "=COUNTIFS(rec_published,\"<=\"&MIN($%s,%s))", a, WB_ASAT_NAME);
        live(&t, 1, f, WB_FMT_COUNT, id);
        snprintf(wid, sizeof wid, SP_IDF_MONTH_WSOA_CUMULATIVE, y, mo);
        snprintf(f, sizeof f, "=COUNTIFS(rec_published,\"<=\"&MIN($%s,%s),rec_wsoa,\"Yes\")", a,
                 WB_ASAT_NAME);
        live(&t, 2, f, WB_FMT_COUNT, wid);
    }
    w->n_timeline_rows = t.nrows;
    wb_table_end(&t);
}

void wb_write_outcomes(sp_wb *w, wb_sheet *ws)
{
    static const char *const headers[] = {
        "Ofsted region", "Inspections",
        "Typically positive experiences and outcomes", "Share typically positive",
        "Inconsistent experiences and outcomes", "Share inconsistent",
        "Widespread and/or systemic failings", "Share widespread and/or systemic failings"};
    char title[200];
    wb_title(title, sizeof title,
             "Outcomes of inspections under the 2023 framework by Ofsted region",
             WB_NOTE_FRAMEWORK_2023, WB_NOTE_SHARES, WB_NOTE_ASAT);
    wb_table t;
    group_begin(&t, w, ws, WB_OUTCOMES, "Outcomes_2023", title,
                "This table has one row per Ofsted region. Each value is a formula over the "
                "Records 2023 sheet at the as-at date; England totals are on the Summary sheet.",
                "Source: the Records 2023 sheet of this workbook.", headers,
                G_N_ELEMENTS(headers));
    for (size_t i = 0; i < w->figs->n_regions_2023; i++) {
        const sp_group *g = &w->figs->regions_2023[i];
        char id[256], f[300], a[16], b[16], c[16];
        wb_table_row(&t);
        wb_text(&t, 0, g->name);
        wb_cell(&t, 0, a);
        snprintf(id, sizeof id, SP_IDF_REGION_OUTCOME_INSPECTIONS_COUNT, g->slug);
        snprintf(f, sizeof f, "=SUMPRODUCT((rec_2023_region=$%s)*(rec_2023_included=\"Yes\"))", a);
        live(&t, 1, f, WB_FMT_COUNT, id);
        for (sp_outcome o = SP_OUTCOME_POSITIVE; o <= SP_OUTCOME_SYSTEMIC; o++) {
            size_t col = 2 + 2 * (size_t)(o - SP_OUTCOME_POSITIVE);
            snprintf(id, sizeof id, SP_IDF_REGION_OUTCOME_COUNT, g->slug, sp_outcome_name(o));
            snprintf(f, sizeof f,
                     "=SUMPRODUCT((rec_2023_region=$%s)*(rec_2023_included=\"Yes\")*(rec_2023_outcome=\"%s\"))",
                     a, sp_outcome_label(o));
            live(&t, col, f, WB_FMT_COUNT, id);
            snprintf(id, sizeof id, SP_IDF_REGION_OUTCOME_SHARE, g->slug, sp_outcome_name(o));
            live_share(&t, col + 1, wb_cell(&t, col, b), wb_cell(&t, 1, c), id);
        }
    }
    wb_table_end(&t);
}
