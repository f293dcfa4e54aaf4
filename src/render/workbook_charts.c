/* workbook_charts.c: the Charts sheet: native Excel charts of the regional
 * WSoA shares and of the monthly timeline, each with alt text, described
 * here and drawn by the XLSX writer (workbook_xlsx.c).
 *
 * Design choice: the charts plot the live formula cells of the Regions and
 * Timeline sheets, so they redraw when the as-at date changes; the alt text
 * quotes the figures table for the edition's as-at date and says where the
 * numbers are. Palette and order follow the house style (style.h). */
#include "workbook_sheets.h"

#include <stdio.h>

#include "sendpack/format.h"
#include "sendpack/style.h"
#include "sendpack/ids_inspections.h"

static char *regions_alt(const sp_wb *w, const char *date)
{
    GString *s = g_string_new(NULL);
    g_string_append_printf(s,
                           "Horizontal bar chart of the share of inspected areas that were "
                           "required to produce a written statement of action, by Ofsted region, "
                           "as at %s: ",
                           date);
    for (size_t i = 0; i < w->figs->n_regions; i++) {
        const sp_group *g = &w->figs->regions[i];
        char id[256], of[64];
        snprintf(id, sizeof id, SP_IDF_REGION_WSOA_SHARE, g->slug);
        const sp_figure *f = sp_figures_get(w->figs, id);
        if (f && f->has_ratio)
            sp_fmt_of(f->numerator, f->denominator, of, sizeof of);
        else
            snprintf(of, sizeof of, "[x]");
        g_string_append_printf(s, "%s%s %s", i ? "; " : "", g->name, of);
    }
    g_string_append(s, ". The numbers are in the Regions sheet.");
    return g_string_free(s, FALSE);
}

static char *timeline_alt(const sp_wb *w, const char *date)
{
    char a[32], b[32];
    const sp_figure *ins = sp_figures_get(w->figs, SP_ID_INSPECTIONS_COUNT);
    const sp_figure *ws = sp_figures_get(w->figs, SP_ID_WSOA_COUNT);
    sp_fmt_count(ins ? ins->value : 0, a, sizeof a);
    sp_fmt_count(ws ? ws->value : 0, b, sizeof b);
    return g_strdup_printf(
        "Line chart of the cumulative number of area SEND inspection reports published, and of "
        "those requiring a written statement of action, by month up to %s, when they reached %s "
        "and %s. The numbers are in the Timeline sheet.",
        date, ins ? a : "[x]", ws ? b : "[x]");
}

static wb_chart *chart_new(wb_chart_kind kind, const char *sheet, size_t nrows,
                           const char *title, const char *value_axis, char *alt)
{
    wb_chart *c = g_new0(wb_chart, 1);
    c->kind = kind;
    c->data_sheet = g_strdup(sheet);
    c->first_row = WB_HEADER_ROW + 1;
    c->last_row = (uint32_t)(WB_HEADER_ROW + nrows);
    c->title = g_strdup(title);
    c->value_axis = g_strdup(value_axis);
    c->alt = alt;
    return c;
}

static void series(wb_chart *c, uint32_t col, const char *name, unsigned colour)
{
    c->series[c->n_series++] = (wb_series){.name = g_strdup(name), .col = col, .colour = colour};
}

void wb_write_charts(sp_wb *w, wb_sheet *ws)
{
    char date[32];
    wb_long_date(w->figs->as_at, date, sizeof date);
    wb_hide_grid(ws);
    wb_print_setup(w, ws, false);
    wb_plain_text(w, ws, 0, 0, "Charts", WB_FMT_TITLE);
    wb_plain_text(w, ws, 1, 0,
                  "This sheet has two charts. They plot the live formulas of the Regions and "
                  "Timeline sheets, so they follow the as-at date on the Cover sheet.",
                  WB_FMT_TEXT);
    wb_plain_text(w, ws, 2, 0, "Source: the Regions and Timeline sheets of this workbook.", WB_FMT_TEXT);

    if (w->n_region_rows > 0) {
        wb_chart *c = chart_new(WB_CHART_BAR, WB_REGIONS, w->n_region_rows,
                                "Share of inspected areas with a written statement of action, by region",
                                "Percentage of inspected areas", regions_alt(w, date));
        series(c, 3, "Share of inspected areas with a WSoA", SP_DARK_BLUE);
        c->x_scale = 1.6;
        c->y_scale = 1.5;
        wb_insert_chart(ws, 4, 0, c);
    } else {
        wb_plain_text(w, ws, 4, 0, "No regional figures to chart [z].", WB_FMT_TEXT);
    }

    if (w->n_timeline_rows > 0) {
        wb_chart *c = chart_new(WB_CHART_LINE, WB_TIMELINE, w->n_timeline_rows,
                                "Inspection reports published, cumulative by month",
                                "Number of areas (cumulative)", timeline_alt(w, date));
        series(c, 1, "Inspection reports published", SP_DARK_BLUE);
        series(c, 2, "Written statements of action required", SP_TURQUOISE);
        c->x_scale = 1.6;
        c->y_scale = 1.3;
        wb_insert_chart(ws, 28, 0, c);
    } else {
        wb_plain_text(w, ws, 28, 0, "No monthly figures to chart [z].", WB_FMT_TEXT);
    }
}
