/* workbook_lines.c: the Funding, Interventions and Figures sheets: data
 * tables with one row per input line or per figure.
 *
 * Design choice: these are printed as they are, with the figures table's own
 * values (a static snapshot for the edition's as-at date); the only formula is
 * the "Started by as-at date" column of the interventions, which the Summary
 * counts. Funding and intervention columns get defined names (fund_amount,
 * fund_status, int_type, int_started) for the Summary's formulas. The Figures
 * sheet's last column links each figure to the cell holding its live
 * formula. */
#include "workbook_sheets.h"

#include <math.h>
#include <stdio.h>

const char *wb_intervention_label(sp_intervention_type t);
const char *wb_funding_label(sp_funding_status s);

static void text_or(wb_table *t, size_t col, const char *s, const char *symbol)
{
    wb_text(t, col, s && *s ? s : symbol);
}

enum { F_ID, F_PROGRAMME, F_DESCRIPTION, F_RECIPIENT, F_UNITS, F_UNIT_VALUE, F_AMOUNT,
       F_START, F_END, F_STATUS, F_SOURCE, F_NCOLS };

void wb_write_funding(sp_wb *w, wb_sheet *ws)
{
    static const char *const headers[F_NCOLS] = {
        "Line id", "Programme", "Description", "Recipient", "Number of units",
        "Value per unit (£)", "Amount (£)", "Period start", "Period end", "Status", "Source"};
    char title[160];
    wb_title(title, sizeof title, "Funding lines", WB_NOTE_FUNDING, WB_NOTE_SYMBOLS, 0);
    wb_table t;
    wb_table_begin(&t, w, ws, WB_FUNDING, "Funding", title,
                   "This table has one row per funding line in the input. Amounts are in pounds; "
                   "totals by status are on the Summary sheet.",
                   "Source: the funding input file listed on the Cover sheet; each line names its "
                   "own source.",
                   headers, F_NCOLS);
    wb_table_wrap_column(&t, F_DESCRIPTION, 50);
    wb_table_wrap_column(&t, F_SOURCE, 40);
    wb_table_numeric(&t, F_UNITS);
    wb_table_numeric(&t, F_UNIT_VALUE);
    wb_table_numeric(&t, F_AMOUNT);
    for (size_t i = 0; i < w->view->n_funding; i++) {
        const sp_funding *f = w->view->funding[i].rec;
        wb_table_row(&t);
        text_or(&t, F_ID, f->id, "[x]");
        text_or(&t, F_PROGRAMME, f->programme, "[x]");
        text_or(&t, F_DESCRIPTION, f->description, "[x]");
        text_or(&t, F_RECIPIENT, f->recipient, "[x]");
        wb_number_or(&t, F_UNITS, f->unit_count, WB_FMT_COUNT, "[z]");
        wb_number_or(&t, F_UNIT_VALUE, f->unit_value_gbp, WB_FMT_GBP, "[z]");
        wb_number(&t, F_AMOUNT, f->amount_gbp, WB_FMT_GBP);
        wb_date(&t, F_START, f->period_start, "[x]");
        wb_date(&t, F_END, f->period_end, "[x]");
        wb_text(&t, F_STATUS, wb_funding_label(f->status));
        text_or(&t, F_SOURCE, f->source, "[x]");
    }
    wb_define_column(&t, F_AMOUNT, "fund_amount");
    wb_define_column(&t, F_STATUS, "fund_status");
    wb_table_end(&t);
}

enum { I_CODE, I_NAME, I_TYPE, I_START, I_END, I_NOTE, I_SOURCE, I_STARTED, I_NCOLS };

void wb_write_interventions(sp_wb *w, wb_sheet *ws)
{
    static const char *const headers[I_NCOLS] = {
        "Local authority code", "Area name", "Type of intervention", "Start date", "End date",
        "Note", "Source", "Started by as-at date"};
    char title[160];
    wb_title(title, sizeof title, "Interventions in local areas",
             WB_NOTE_INTERVENTIONS, WB_NOTE_SYMBOLS, WB_NOTE_ASAT);
    wb_table t;
    wb_table_begin(&t, w, ws, WB_INTERVENTIONS, "Interventions", title,
                   "This table has one row per intervention in the input. The last column is a "
                   "formula using the as-at date on the Cover sheet; counts are on the Summary sheet.",
                   "Source: the interventions input file listed on the Cover sheet; each line "
                   "names its own source.",
                   headers, I_NCOLS);
    wb_table_wrap_column(&t, I_NOTE, 50);
    wb_table_wrap_column(&t, I_SOURCE, 40);
    for (size_t i = 0; i < w->view->n_interventions; i++) {
        const sp_intervention *v = w->view->interventions[i].rec;
        wb_table_row(&t);
        text_or(&t, I_CODE, v->la_code, "[x]");
        text_or(&t, I_NAME, v->area_name, "[x]");
        wb_text(&t, I_TYPE, wb_intervention_label(v->type));
        wb_date(&t, I_START, v->start, "[x]");
        wb_date(&t, I_END, v->end, "[z]");
        text_or(&t, I_NOTE, v->note, "[z]");
        text_or(&t, I_SOURCE, v->source, "[x]");
        char f[160], c[16];
        /* An intervention without a start date counts, as in the view. */
        snprintf(f, sizeof f, "=IF(OR(NOT(ISNUMBER(%s)),%s<=%s),\"Yes\",\"No\")",
                 wb_cell(&t, I_START, c), c, WB_ASAT_NAME);
        wb_formula_text(&t, I_STARTED, f, w->view->interventions[i].included ? "Yes" : "No");
    }
    wb_define_column(&t, I_TYPE, "int_type");
    wb_define_column(&t, I_STARTED, "int_started");
    wb_table_end(&t);
}

enum { G_ID, G_LABEL, G_VALUE, G_UNIT, G_NUM, G_DEN, G_LOW, G_HIGH, G_DEFINITION, G_SOURCE,
       G_FILTER, G_LIVE, G_NCOLS };

static const char *unit_name(sp_unit u)
{
    switch (u) {
    case SP_UNIT_COUNT: return "count";
    case SP_UNIT_PROPORTION: return "proportion";
    case SP_UNIT_GBP: return "gbp";
    case SP_UNIT_DATE: return "date";
    }
    return "";
}

static void value_cell(wb_table *t, size_t col, const sp_figure *f, double v)
{
    switch (f->unit) {
    case SP_UNIT_PROPORTION:
        wb_number(t, col, v, WB_FMT_PCT);
        break;
    case SP_UNIT_GBP:
        wb_number(t, col, v, WB_FMT_GBP);
        break;
    case SP_UNIT_DATE: {
        sp_date d = (sp_date)v;
        if (sp_date_valid(SP_DATE_YEAR(d), SP_DATE_MONTH(d), SP_DATE_DAY(d)))
            wb_date(t, col, d, "[x]");
        else
            wb_text(t, col, "[x]");
        break;
    }
    default:
        wb_number(t, col, v, v == floor(v) ? WB_FMT_COUNT : WB_FMT_DECIMAL);
    }
}

void wb_write_figures(sp_wb *w, wb_sheet *ws)
{
    static const char *const headers[G_NCOLS] = {
        "Figure id", "Label", "Value", "Unit", "Numerator", "Denominator",
        "Lower limit of 95% interval", "Upper limit of 95% interval", "Definition", "Source",
        "Filter", "Live formula in this workbook"};
    char title[160], date[32], about[400];
    wb_title(title, sizeof title, "The figures table",
             WB_NOTE_FIGURES, WB_NOTE_SHARES, WB_NOTE_SYMBOLS);
    snprintf(about, sizeof about,
             "This table has one row per figure sendpack computed for %s, the source of every "
             "number in the briefing. These values do not change with the as-at cell; the last "
             "column links to the live formula, where there is one.",
             wb_long_date(w->figs->as_at, date, sizeof date));
    wb_table t;
    wb_table_begin(&t, w, ws, WB_FIGURES, "Figures", title, about,
                   "Source: sendpack's figures table (figures.json), from the publications listed "
                   "on the Cover sheet.",
                   headers, G_NCOLS);
    wb_table_wrap_column(&t, G_LABEL, 45);
    wb_table_wrap_column(&t, G_DEFINITION, 60);
    wb_table_wrap_column(&t, G_SOURCE, 40);
    wb_table_wrap_column(&t, G_FILTER, 40);
    wb_table_wrap_column(&t, G_ID, 50);
    for (size_t c = G_VALUE; c <= G_HIGH; c++)
        if (c != G_UNIT)
            wb_table_numeric(&t, c);
    for (size_t i = 0; i < w->figs->n; i++) {
        const sp_figure *f = &w->figs->items[i];
        wb_table_row(&t);
        text_or(&t, G_ID, f->id, "[x]");
        text_or(&t, G_LABEL, f->label, "[x]");
        value_cell(&t, G_VALUE, f, f->value);
        wb_text(&t, G_UNIT, unit_name(f->unit));
        if (f->has_ratio) {
            wb_number(&t, G_NUM, f->numerator, f->numerator == floor(f->numerator) ? WB_FMT_COUNT : WB_FMT_DECIMAL);
            wb_number(&t, G_DEN, f->denominator, f->denominator == floor(f->denominator) ? WB_FMT_COUNT : WB_FMT_DECIMAL);
        } else {
            wb_text(&t, G_NUM, "[z]");
            wb_text(&t, G_DEN, "[z]");
        }
        if (f->has_ci) {
            wb_number(&t, G_LOW, f->ci_low, WB_FMT_PCT);
            wb_number(&t, G_HIGH, f->ci_high, WB_FMT_PCT);
        } else {
            wb_text(&t, G_LOW, "[z]");
            wb_text(&t, G_HIGH, "[z]");
        }
        text_or(&t, G_DEFINITION, f->definition, "[x]");
        text_or(&t, G_SOURCE, f->source, "[x]");
        text_or(&t, G_FILTER, f->filter, "[z]");
        const char *where = f->id ? g_hash_table_lookup(w->live, f->id) : NULL;
        if (where) {
            char *url = g_strdup_printf("internal:%s", where);
            wb_link(&t, G_LIVE, url, where);
            g_free(url);
        } else {
            wb_text(&t, G_LIVE, "[z]");
        }
    }
    wb_table_end(&t);
}
