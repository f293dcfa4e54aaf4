/* workbook_records.c: the Records and Records 2023 sheets, the inspection
 * records every live formula counts.
 *
 * Design choice: the as-at filter is itself visible. Derived columns
 * ("Included at as-at date", "Has WSoA at as-at date", "Revisit included",
 * "Awaiting revisit") are formulas over the row and the AsAt cell, and each
 * column the summary formulas use gets a defined name (rec_included,
 * rec_region, ...) so those formulas read as sentences:
 *   =SUMPRODUCT((rec_region=$A5)*(rec_has_wsoa="Yes"))
 * Plain ranges rather than structured table references, because gnumeric and
 * older spreadsheet programs do not read Table[Column] references. Cached
 * results are the row-level comparisons the formulas make. */
#include "workbook_sheets.h"

#include <stdio.h>

enum {
    R_CODE, R_NAME, R_REGION, R_START, R_PUBLISHED, R_YEAR, R_WSOA, R_WEAKNESSES,
    R_REVISIT_START, R_REVISIT_PUBLISHED, R_REVISIT_OUTCOME, R_MADE, R_NOT_MADE,
    R_INCLUDED, R_HAS_WSOA, R_REVISIT_INCLUDED, R_AWAITING, R_NCOLS
};

static const char *const HEADERS[R_NCOLS] = {
    "Local authority code",
    "Area name",
    "Ofsted region",
    "Inspection start date",
    "Inspection publication date",
    "Year of publication",
    "Written statement of action required?",
    "Number of significant weaknesses identified",
    "Revisit start date",
    "Revisit publication date",
    "Revisit outcome: sufficient progress in addressing all significant weaknesses?",
    "Weaknesses where sufficient progress has been made",
    "Weaknesses where sufficient progress has not been made",
    "Included at as-at date",
    "Has WSoA at as-at date",
    "Revisit included at as-at date",
    "Awaiting revisit at as-at date",
};

/* Defined names for the columns the live formulas use. */
typedef struct {
    int col;
    const char *name;
} col_name;

static const col_name NAMES[] = {
    {R_REGION, "rec_region"},
    {R_PUBLISHED, "rec_published"},
    {R_YEAR, "rec_year"},
    {R_WSOA, "rec_wsoa"},
    {R_WEAKNESSES, "rec_weaknesses"},
    {R_REVISIT_OUTCOME, "rec_revisit_outcome"},
    {R_MADE, "rec_progress_made"},
    {R_NOT_MADE, "rec_progress_not_made"},
    {R_INCLUDED, "rec_included"},
    {R_HAS_WSOA, "rec_has_wsoa"},
    {R_REVISIT_INCLUDED, "rec_revisit_included"},
    {R_AWAITING, "rec_awaiting_revisit"},
};

static void define_names(wb_table *t, const col_name *names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        wb_define_column(t, (size_t)names[i].col, names[i].name);
}

static void count_or(wb_table *t, size_t col, int v, const char *symbol)
{
    if (v < 0)
        wb_text(t, col, symbol);
    else
        wb_number(t, col, v, t->w->count);
}

static const char *yes_no(bool b) { return b ? "Yes" : "No"; }

static const char *revisit_word(sp_revisit_outcome o)
{
    switch (o) {
    case SP_REVISIT_ALL: return "Yes";
    case SP_REVISIT_SOME: return "Some";
    case SP_REVISIT_NO: return "No";
    default: return "[z]";
    }
}

static void write_record(wb_table *t, const sp_inspection *in, sp_date as_at)
{
    sp_wb *w = t->w;
    char f[256], c[4][16];
    wb_text(t, R_CODE, in->la_code && *in->la_code ? in->la_code : "[x]");
    wb_text(t, R_NAME, in->area_name);
    wb_text(t, R_REGION, wb_region_name(w, in->region, false));
    wb_date(t, R_START, in->start, "[x]");
    wb_date(t, R_PUBLISHED, in->published, "[x]");
    if (in->published)
        wb_number(t, R_YEAR, SP_DATE_YEAR(in->published), NULL);
    else
        wb_text(t, R_YEAR, "[x]");
    wb_text(t, R_WSOA, yes_no(in->wsoa));
    count_or(t, R_WEAKNESSES, in->wsoa ? in->weaknesses : -1, in->wsoa ? "[x]" : "[z]");
    bool revisited = in->revisit_published != 0 || in->revisit_start != 0 ||
                     in->revisit_outcome != SP_REVISIT_NONE;
    const char *none = revisited ? "[x]" : "[z]";
    wb_date(t, R_REVISIT_START, in->revisit_start, none);
    wb_date(t, R_REVISIT_PUBLISHED, in->revisit_published, none);
    wb_text(t, R_REVISIT_OUTCOME, revisit_word(in->revisit_outcome));
    count_or(t, R_MADE, in->progress_made, none);
    count_or(t, R_NOT_MADE, in->progress_not_made, none);

    bool included = in->published != 0 && in->published <= as_at;
    bool has_wsoa = included && in->wsoa;
    bool revisit_in = has_wsoa && in->revisit_published != 0 && in->revisit_published <= as_at;
    snprintf(f, sizeof f, "=IF(AND(ISNUMBER(%s),%s<=%s),\"Yes\",\"No\")",
             wb_cell(t, R_PUBLISHED, c[0]), c[0], WB_ASAT_NAME);
    wb_formula_text(t, R_INCLUDED, f, yes_no(included));
    snprintf(f, sizeof f, "=IF(AND(%s=\"Yes\",%s=\"Yes\"),\"Yes\",\"No\")",
             wb_cell(t, R_INCLUDED, c[0]), wb_cell(t, R_WSOA, c[1]));
    wb_formula_text(t, R_HAS_WSOA, f, yes_no(has_wsoa));
    snprintf(f, sizeof f, "=IF(AND(%s=\"Yes\",ISNUMBER(%s),%s<=%s),\"Yes\",\"No\")",
             wb_cell(t, R_HAS_WSOA, c[0]), wb_cell(t, R_REVISIT_PUBLISHED, c[1]), c[1],
             WB_ASAT_NAME);
    wb_formula_text(t, R_REVISIT_INCLUDED, f, yes_no(revisit_in));
    snprintf(f, sizeof f, "=IF(AND(%s=\"Yes\",%s=\"No\"),\"Yes\",\"No\")",
             wb_cell(t, R_HAS_WSOA, c[0]), wb_cell(t, R_REVISIT_INCLUDED, c[1]));
    wb_formula_text(t, R_AWAITING, f, yes_no(has_wsoa && !revisit_in));
}

void wb_write_records(sp_wb *w, lxw_worksheet *ws)
{
    char title[160];
    wb_title(title, sizeof title, "Inspection records used: previous framework (2016 to 2022)",
             WB_NOTE_REORGANISED, WB_NOTE_SYMBOLS, WB_NOTE_ASAT);
    wb_table t;
    wb_table_begin(&t, w, ws, WB_RECORDS, "Records", title,
                   "This table has one row per local area inspected under the previous framework. "
                   "The last four columns are formulas using the as-at date on the Cover sheet.",
                   "Source: the inspections input files listed on the Cover sheet.", HEADERS,
                   R_NCOLS);
    wb_table_wrap_column(&t, R_NAME, 45);
    wb_table_numeric(&t, R_YEAR);
    wb_table_numeric(&t, R_WEAKNESSES);
    wb_table_numeric(&t, R_MADE);
    wb_table_numeric(&t, R_NOT_MADE);
    for (size_t i = 0; i < w->ds->n_inspections; i++) {
        const sp_inspection *in = &w->ds->inspections[i];
        if (in->framework != SP_FRAMEWORK_2016)
            continue;
        wb_table_row(&t);
        write_record(&t, in, w->figs->as_at);
    }
    w->n_records = t.nrows;
    if (t.nrows == 0) {
        /* Keep the named ranges valid: one row that counts as nothing. */
        wb_table_row(&t);
        for (size_t c = 0; c < R_NCOLS; c++)
            wb_text(&t, c, c >= R_INCLUDED ? "No" : "[z]");
    }
    define_names(&t, NAMES, G_N_ELEMENTS(NAMES));
    wb_table_end(&t);
}

/* 2023 framework */
enum {
    N_CODE, N_NAME, N_REGION, N_START, N_PUBLISHED, N_YEAR, N_OUTCOME, N_PAP, N_ACTIONS,
    N_INCLUDED, N_NCOLS
};

static const char *const HEADERS23[N_NCOLS] = {
    "Local authority code",
    "Local area partnership",
    "Ofsted region",
    "Inspection start date",
    "Inspection publication date",
    "Year of publication",
    "Inspection outcome",
    "Priority action plan required?",
    "Number of areas for priority action",
    "Included at as-at date",
};

void wb_write_records23(sp_wb *w, lxw_worksheet *ws)
{
    char title[160];
    wb_title(title, sizeof title, "Inspection records used: 2023 framework",
             WB_NOTE_FRAMEWORK_2023, WB_NOTE_SYMBOLS, WB_NOTE_ASAT);
    wb_table t;
    wb_table_begin(&t, w, ws, WB_RECORDS23, "Records_2023", title,
                   "This table has one row per inspection under the 2023 framework. The last "
                   "column is a formula using the as-at date on the Cover sheet.",
                   "Source: the inspections input files listed on the Cover sheet.", HEADERS23,
                   N_NCOLS);
    wb_table_wrap_column(&t, N_NAME, 45);
    wb_table_numeric(&t, N_YEAR);
    wb_table_numeric(&t, N_ACTIONS);
    for (size_t i = 0; i < w->ds->n_inspections; i++) {
        const sp_inspection *in = &w->ds->inspections[i];
        if (in->framework != SP_FRAMEWORK_2023)
            continue;
        wb_table_row(&t);
        wb_text(&t, N_CODE, in->la_code && *in->la_code ? in->la_code : "[x]");
        wb_text(&t, N_NAME, in->area_name);
        wb_text(&t, N_REGION, wb_region_name(w, in->region, true));
        wb_date(&t, N_START, in->start, "[x]");
        wb_date(&t, N_PUBLISHED, in->published, "[x]");
        if (in->published)
            wb_number(&t, N_YEAR, SP_DATE_YEAR(in->published), NULL);
        else
            wb_text(&t, N_YEAR, "[x]");
        const char *label = sp_outcome_label(in->outcome);
        wb_text(&t, N_OUTCOME, label && *label ? label : "[x]");
        wb_text(&t, N_PAP, in->priority_action_plan ? "Yes" : "No");
        count_or(&t, N_ACTIONS, in->priority_actions, "[x]");
        char f[160], c[16];
        snprintf(f, sizeof f, "=IF(AND(ISNUMBER(%s),%s<=%s),\"Yes\",\"No\")",
                 wb_cell(&t, N_PUBLISHED, c), c, WB_ASAT_NAME);
        bool included = in->published != 0 && in->published <= w->figs->as_at;
        wb_formula_text(&t, N_INCLUDED, f, included ? "Yes" : "No");
    }
    w->n_records23 = t.nrows;
    if (t.nrows == 0) {
        wb_table_row(&t);
        for (size_t c = 0; c < N_NCOLS; c++)
            wb_text(&t, c, c == N_INCLUDED ? "No" : "[z]");
    }
    static const col_name names[] = {
        {N_REGION, "rec_2023_region"}, {N_OUTCOME, "rec_2023_outcome"}, {N_PAP, "rec_2023_pap"},
        {N_ACTIONS, "rec_2023_priority_actions"}, {N_INCLUDED, "rec_2023_included"}};
    define_names(&t, names, G_N_ELEMENTS(names));
    wb_table_end(&t);
}
