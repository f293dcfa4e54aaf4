/* workbook_charts.c: the Charts sheet: native Excel charts of the regional
 * WSoA shares and of the monthly timeline, each with alt text, described
 * here and drawn by the XLSX writer (workbook_xlsx.c).
 *
 * Design choice: each native chart is the same chart as the PNG/SVG/PDF one
 * (chart_wsoa_by_region, chart_timeline in chart_frame.h): its title,
 * subtitle (the line above it), alt text and series names and colours come
 * from that chart's definition; only the numbers differ in where they live.
 * The charts plot the live formula cells of the Regions and Timeline
 * sheets, so they redraw when the as-at date changes; the alt text quotes
 * the figures for the edition's as-at date and says where the numbers are.
 * Lines are labelled at their ends, not by a legend (STYLE.md). */
#include "workbook_sheets.h"

#include <stdio.h>

#include "chart_frame.h"

/* The chart's alt text, and the sheet whose live cells it plots. */
static char *alt_of(const chart_kind *k, const sp_context *ctx, const char *sheet)
{
    char *alt = k->alt_text(ctx);
    char *s = g_strdup_printf("%s The numbers are in the %s sheet.", alt, sheet);
    g_free(alt);
    return s;
}

/* A native chart of kind k over rows data rows of sheet, its values in
 * cols (one per series of k, in k's order). */
static wb_chart *chart_new(const sp_wb *w, const chart_kind *k, wb_chart_kind kind,
                           const char *sheet, size_t nrows, const uint32_t *cols)
{
    wb_chart *c = g_new0(wb_chart, 1);
    c->kind = kind;
    c->data_sheet = g_strdup(sheet);
    c->first_row = WB_HEADER_ROW + 1;
    c->last_row = (uint32_t)(WB_HEADER_ROW + nrows);
    c->title = k->title(w->ctx);
    c->alt = alt_of(k, w->ctx, sheet);
    c->end_labels = kind == WB_CHART_LINE;
    for (size_t i = 0; i < k->n_series && i < G_N_ELEMENTS(c->series); i++)
        c->series[c->n_series++] = (wb_series){.name = g_strdup(k->series[i].name),
                                                .col = cols[i], .colour = k->series[i].rgb};
    return c;
}

/* The chart's subtitle on the row above it, then the chart. */
static void place(sp_wb *w, wb_sheet *ws, uint32_t row, const chart_kind *k, wb_chart *c)
{
    char *sub = k->subtitle(w->ctx);
    wb_plain_text(w, ws, row, 0, sub, WB_FMT_TEXT);
    g_free(sub);
    wb_insert_chart(ws, row + 1, 0, c);
}

void wb_write_charts(sp_wb *w, wb_sheet *ws)
{
    char date[32];
    wb_long_date(w->figs->as_at, date, sizeof date);
    wb_hide_grid(ws);
    wb_print_setup(w, ws, false);
    wb_plain_text(w, ws, 0, 0, "Charts", WB_FMT_TITLE);
    char *intro = g_strdup_printf(
        "This sheet has two of the briefing's charts. They plot the live formulas of the "
        "Regions and Timeline sheets, so they follow the as-at date on the Cover sheet; their "
        "titles give the figures at this edition's as-at date, %s.", date);
    wb_plain_text(w, ws, 1, 0, intro, WB_FMT_TEXT);
    g_free(intro);
    wb_plain_text(w, ws, 2, 0, "Source: the Regions and Timeline sheets of this workbook.", WB_FMT_TEXT);

    static const uint32_t region_cols[] = {3}, timeline_cols[] = {1, 2};
    const chart_kind *rk = &chart_wsoa_by_region, *tk = &chart_timeline;
    if (w->n_region_rows > 0 && rk->available(w->ctx)) {
        wb_chart *c = chart_new(w, rk, WB_CHART_BAR, WB_REGIONS, w->n_region_rows, region_cols);
        c->x_scale = 1.6;
        c->y_scale = 1.5;
        place(w, ws, 4, rk, c);
    } else {
        wb_plain_text(w, ws, 4, 0, "No regional figures to chart [z].", WB_FMT_TEXT);
    }

    if (w->n_timeline_rows > 0 && tk->available(w->ctx)) {
        wb_chart *c = chart_new(w, tk, WB_CHART_LINE, WB_TIMELINE, w->n_timeline_rows, timeline_cols);
        c->x_scale = 1.6;
        c->y_scale = 1.3;
        place(w, ws, 28, tk, c);
    } else {
        wb_plain_text(w, ws, 28, 0, "No monthly figures to chart [z].", WB_FMT_TEXT);
    }
}
