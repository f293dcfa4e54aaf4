/* workbook_charts.c: the Charts sheet: native Excel charts of the regional
 * WSoA shares and of the monthly timeline, each with alt text.
 *
 * Design choice: the charts plot the live formula cells of the Regions and
 * Timeline sheets, so they redraw when the as-at date changes; the alt text
 * quotes the figures table for the edition's as-at date and says where the
 * numbers are. Palette and order follow the house style (style.h). */
#include "workbook_sheets.h"

#include <stdio.h>

#include "sendpack/format.h"
#include "sendpack/style.h"

static char *range(const char *sheet, lxw_col_t col, size_t nrows)
{
    char a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];
    lxw_rowcol_to_cell_abs(a, WB_HEADER_ROW + 1, col, 1, 1);
    lxw_rowcol_to_cell_abs(b, (lxw_row_t)(WB_HEADER_ROW + nrows), col, 1, 1);
    char ab[2 * LXW_MAX_CELL_NAME_LENGTH];
    snprintf(ab, sizeof ab, "%s:%s", a, b);
    return wb_sheet_ref("=", sheet, ab);
}

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
        snprintf(id, sizeof id, "region.%s.wsoa.share", g->slug);
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
    const sp_figure *ins = sp_figures_get(w->figs, "inspections.count");
    const sp_figure *ws = sp_figures_get(w->figs, "wsoa.count");
    sp_fmt_count(ins ? ins->value : 0, a, sizeof a);
    sp_fmt_count(ws ? ws->value : 0, b, sizeof b);
    return g_strdup_printf(
        "Line chart of the cumulative number of area SEND inspection reports published, and of "
        "those requiring a written statement of action, by month up to %s, when they reached %s "
        "and %s. The numbers are in the Timeline sheet.",
        date, ins ? a : "[x]", ws ? b : "[x]");
}

static lxw_chart_font *font(lxw_chart_font *f, double size, bool bold)
{
    *f = (lxw_chart_font){.name = SP_FONT_FAMILY, .size = size, .bold = bold, .color = SP_TEXT};
    return f;
}

void wb_write_charts(sp_wb *w, lxw_worksheet *ws)
{
    char date[32];
    wb_long_date(w->figs->as_at, date, sizeof date);
    worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
    wb_print_setup(w, ws, false);
    wb_plain_text(w, ws, 0, 0, "Charts", w->title);
    wb_plain_text(w, ws, 1, 0,
                  "This sheet has two charts. They plot the live formulas of the Regions and "
                  "Timeline sheets, so they follow the as-at date on the Cover sheet.",
                  w->text);
    wb_plain_text(w, ws, 2, 0, "Source: the Regions and Timeline sheets of this workbook.", w->text);
    lxw_chart_font tf, af;

    if (w->n_region_rows > 0) {
        lxw_chart *c = workbook_add_chart(w->book, LXW_CHART_BAR);
        char *cats = range(WB_REGIONS, 0, w->n_region_rows);
        char *vals = range(WB_REGIONS, 3, w->n_region_rows);
        lxw_chart_series *s = chart_add_series(c, cats, vals);
        g_free(cats);
        g_free(vals);
        chart_series_set_name(s, "Share of inspected areas with a WSoA");
        lxw_chart_fill fill = {.color = SP_DARK_BLUE};
        chart_series_set_fill(s, &fill);
        chart_series_set_labels(s);
        chart_series_set_labels_num_format(s, "0%");
        chart_series_set_labels_font(s, font(&af, 9, false));
        chart_title_set_name(c, "Share of inspected areas with a written statement of action, by region");
        chart_title_set_name_font(c, font(&tf, 12, true));
        chart_legend_set_position(c, LXW_CHART_LEGEND_NONE);
        /* In a bar chart y is the (vertical) category axis, x the values. */
        chart_axis_set_reverse(c->y_axis); /* first region at the top, */
        chart_axis_set_crossing_max(c->y_axis); /* values along the bottom */
        chart_axis_set_num_font(c->y_axis, font(&af, 9, false));
        chart_axis_set_min(c->x_axis, 0);
        chart_axis_set_max(c->x_axis, 1);
        chart_axis_set_num_format(c->x_axis, "0%");
        chart_axis_set_num_font(c->x_axis, font(&af, 9, false));
        chart_axis_set_name(c->x_axis, "Percentage of inspected areas");
        char *alt = regions_alt(w, date);
        lxw_chart_options o = {.x_scale = 1.6, .y_scale = 1.5, .description = alt};
        wb_check(w, worksheet_insert_chart_opt(ws, 4, 0, c, &o));
        g_free(alt);
    } else {
        wb_plain_text(w, ws, 4, 0, "No regional figures to chart [z].", w->text);
    }

    if (w->n_timeline_rows > 0) {
        lxw_chart *c = workbook_add_chart(w->book, LXW_CHART_LINE);
        char *cats = range(WB_TIMELINE, 0, w->n_timeline_rows);
        static const struct { lxw_col_t col; const char *name; unsigned colour; } S[] = {
            {1, "Inspection reports published", SP_DARK_BLUE},
            {2, "Written statements of action required", SP_TURQUOISE},
        };
        for (size_t i = 0; i < G_N_ELEMENTS(S); i++) {
            char *vals = range(WB_TIMELINE, S[i].col, w->n_timeline_rows);
            lxw_chart_series *s = chart_add_series(c, cats, vals);
            g_free(vals);
            chart_series_set_name(s, S[i].name);
            lxw_chart_line line = {.color = S[i].colour, .width = 2.25};
            chart_series_set_line(s, &line);
        }
        g_free(cats);
        chart_title_set_name(c, "Inspection reports published, cumulative by month");
        chart_title_set_name_font(c, font(&tf, 12, true));
        chart_legend_set_position(c, LXW_CHART_LEGEND_BOTTOM);
        chart_legend_set_font(c, font(&af, 9, false));
        chart_axis_set_num_format(c->x_axis, "mmm yyyy");
        chart_axis_set_num_font(c->x_axis, font(&af, 9, false));
        chart_axis_set_interval_unit(c->x_axis, 12);
        chart_axis_set_interval_tick(c->x_axis, 12);
        chart_axis_set_min(c->y_axis, 0);
        chart_axis_set_num_font(c->y_axis, font(&af, 9, false));
        chart_axis_set_name(c->y_axis, "Number of areas (cumulative)");
        char *alt = timeline_alt(w, date);
        lxw_chart_options o = {.x_scale = 1.6, .y_scale = 1.3, .description = alt};
        wb_check(w, worksheet_insert_chart_opt(ws, 28, 0, c, &o));
        g_free(alt);
    } else {
        wb_plain_text(w, ws, 28, 0, "No monthly figures to chart [z].", w->text);
    }
}
