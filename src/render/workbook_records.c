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

/* The columns both records tables open with. */
enum { COL_CODE, COL_NAME, COL_REGION, COL_START, COL_PUBLISHED, COL_YEAR, COL_OWN };

enum {
    R_WSOA = COL_OWN, R_WEAKNESSES, R_REVISIT_START, R_REVISIT_PUBLISHED, R_REVISIT_OUTCOME,
    R_MADE, R_NOT_MADE, R_INCLUDED, R_HAS_WSOA, R_REVISIT_INCLUDED, R_AWAITING, R_SOURCE, R_NCOLS
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
    "Source (file and line)",
};

/* Defined names for the columns the live formulas use. */
typedef struct {
    int col;
    const char *name;
} col_name;

static const col_name NAMES[] = {
    {COL_REGION, "rec_region"},
    {COL_PUBLISHED, "rec_published"},
    {COL_YEAR, "rec_year"},
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

/* A count from the input, or symbol when it is blank (-1). */
static void count_or(wb_table *t, size_t col, int v, const char *symbol)
{
    wb_number_or(t, col, v, WB_FMT_COUNT, symbol);
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

/* The columns both tables open with: code, name, region, dates and year. */
static void write_common(wb_table *t, const sp_inspection_view *e)
{
    const sp_inspection *in = e->rec;
    bool framework_2023 = in->framework == SP_FRAMEWORK_2023;
    wb_text(t, COL_CODE, in->la_code && *in->la_code ? in->la_code : "[x]");
    wb_text(t, COL_NAME, in->area_name);
    wb_text(t, COL_REGION, wb_region_name(t->w, in->region, framework_2023));
    wb_date(t, COL_START, in->start, "[x]");
    wb_date(t, COL_PUBLISHED, in->published, "[x]");
    if (in->published)
        wb_number(t, COL_YEAR, SP_DATE_YEAR(in->published), WB_FMT_NONE);
    else
        wb_text(t, COL_YEAR, "[x]");
}

/* "Source (file and line)": where the record came from, as `sendpack
 * explain` cites it. */
static void write_source(wb_table *t, size_t col, const sp_inspection_view *e)
{
    char *base = e->pos.file ? g_path_get_basename(e->pos.file) : NULL;
    char *s = base ? g_strdup_printf("%s:%d", base, e->pos.line) : NULL;
    wb_text(t, col, s ? s : "[x]");
    g_free(s);
    g_free(base);
}

/* "Included at as-at date": published on or before the AsAt cell; cached
 * as the view counted it at the edition's as-at date. */
static void write_included(wb_table *t, size_t col, const sp_inspection_view *e)
{
    char f[160], c[16];
    snprintf(f, sizeof f, "=IF(AND(ISNUMBER(%s),%s<=%s),\"Yes\",\"No\")",
             wb_cell(t, COL_PUBLISHED, c), c, WB_ASAT_NAME);
    wb_formula_text(t, col, f, yes_no(e->included));
}

static void write_record(wb_table *t, const sp_inspection_view *e)
{
    const sp_inspection *in = e->rec;
    char f[256], c[4][16];
    write_common(t, e);
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

    write_included(t, R_INCLUDED, e);
    snprintf(f, sizeof f, "=IF(AND(%s=\"Yes\",%s=\"Yes\"),\"Yes\",\"No\")",
             wb_cell(t, R_INCLUDED, c[0]), wb_cell(t, R_WSOA, c[1]));
    wb_formula_text(t, R_HAS_WSOA, f, yes_no(e->has_wsoa));
    snprintf(f, sizeof f, "=IF(AND(%s=\"Yes\",ISNUMBER(%s),%s<=%s),\"Yes\",\"No\")",
             wb_cell(t, R_HAS_WSOA, c[0]), wb_cell(t, R_REVISIT_PUBLISHED, c[1]), c[1],
             WB_ASAT_NAME);
    wb_formula_text(t, R_REVISIT_INCLUDED, f, yes_no(e->revisit_included));
    snprintf(f, sizeof f, "=IF(AND(%s=\"Yes\",%s=\"No\"),\"Yes\",\"No\")",
             wb_cell(t, R_HAS_WSOA, c[0]), wb_cell(t, R_REVISIT_INCLUDED, c[1]));
    wb_formula_text(t, R_AWAITING, f, yes_no(e->awaiting_revisit));
    write_source(t, R_SOURCE, e);
}

/* A records table: the shared source line, name and year columns. */
static void records_begin(wb_table *t, sp_wb *w, wb_sheet *ws, const char *sheet,
                          const char *table, const char *title, const char *about,
                          const char *const *headers, size_t ncols)
{
    wb_table_begin(t, w, ws, sheet, table, title, about,
                   "Source: the inspections input files listed on the Cover sheet.", headers,
                   ncols);
    wb_table_wrap_column(t, COL_NAME, 45);
    wb_table_numeric(t, COL_YEAR);
}

/* A row per inspection of the framework; returns how many. */
static size_t write_rows(wb_table *t, sp_framework framework,
                         void (*write)(wb_table *t, const sp_inspection_view *e))
{
    const sp_view *v = t->w->view;
    for (size_t i = 0; i < v->n_inspections; i++) {
        if (v->inspections[i].rec->framework != framework)
            continue;
        wb_table_row(t);
        write(t, &v->inspections[i]);
    }
    return t->nrows;
}

/* Without records, one row that counts as nothing ("No" from column
 * first_asat on) keeps the named ranges valid; then the names. */
static void records_end(wb_table *t, size_t first_asat, const col_name *names, size_t n)
{
    if (t->nrows == 0) {
        wb_table_row(t);
        for (size_t c = 0; c < t->ncols; c++) /* the last column is the source */
            wb_text(t, c, c >= first_asat && c + 1 < t->ncols ? "No" : "[z]");
    }
    for (size_t i = 0; i < n; i++)
        wb_define_column(t, (size_t)names[i].col, names[i].name);
    wb_table_end(t);
}

void wb_write_records(sp_wb *w, wb_sheet *ws)
{
    char title[160];
    wb_title(title, sizeof title, "Inspection records used: previous framework (2016 to 2022)",
             WB_NOTE_REORGANISED, WB_NOTE_SYMBOLS, WB_NOTE_ASAT);
    wb_table t;
    records_begin(&t, w, ws, WB_RECORDS, "Records", title,
                  "This table has one row per local area inspected under the previous framework. "
                  "The four columns \"... at as-at date\" are formulas using the as-at date on the "
                  "Cover sheet; the last column says which input file and line the row comes from.",
                  HEADERS, R_NCOLS);
    wb_table_numeric(&t, R_WEAKNESSES);
    wb_table_numeric(&t, R_MADE);
    wb_table_numeric(&t, R_NOT_MADE);
    w->n_records = write_rows(&t, SP_FRAMEWORK_2016, write_record);
    records_end(&t, R_INCLUDED, NAMES, G_N_ELEMENTS(NAMES));
}

/* 2023 framework */
enum { N_OUTCOME = COL_OWN, N_PAP, N_ACTIONS, N_INCLUDED, N_SOURCE, N_NCOLS };

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
    "Source (file and line)",
};

static const col_name NAMES23[] = {
    {COL_REGION, "rec_2023_region"}, {N_OUTCOME, "rec_2023_outcome"}, {N_PAP, "rec_2023_pap"},
    {N_ACTIONS, "rec_2023_priority_actions"}, {N_INCLUDED, "rec_2023_included"},
};

static void write_record23(wb_table *t, const sp_inspection_view *e)
{
    const sp_inspection *in = e->rec;
    write_common(t, e);
    const char *label = sp_outcome_label(in->outcome);
    wb_text(t, N_OUTCOME, label && *label ? label : "[x]");
    wb_text(t, N_PAP, yes_no(in->priority_action_plan));
    count_or(t, N_ACTIONS, in->priority_actions, "[x]");
    write_included(t, N_INCLUDED, e);
    write_source(t, N_SOURCE, e);
}

void wb_write_records23(sp_wb *w, wb_sheet *ws)
{
    char title[160];
    wb_title(title, sizeof title, "Inspection records used: 2023 framework",
             WB_NOTE_FRAMEWORK_2023, WB_NOTE_SYMBOLS, WB_NOTE_ASAT);
    wb_table t;
    records_begin(&t, w, ws, WB_RECORDS23, "Records_2023", title,
                  "This table has one row per inspection under the 2023 framework. \"Included at "
                  "as-at date\" is a formula using the as-at date on the Cover sheet; the last "
                  "column says which input file and line the row comes from.",
                  HEADERS23, N_NCOLS);
    wb_table_numeric(&t, N_ACTIONS);
    w->n_records23 = write_rows(&t, SP_FRAMEWORK_2023, write_record23);
    records_end(&t, N_INCLUDED, NAMES23, G_N_ELEMENTS(NAMES23));
}
