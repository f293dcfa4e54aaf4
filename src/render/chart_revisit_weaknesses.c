/* chart_revisit_weaknesses.c: "revisit-weaknesses", significant weaknesses
 * where sufficient progress was and was not made at revisit, by Ofsted
 * region, as stacked horizontal bars with a two-item key and each bar
 * labelled "12 made, 30 not".
 *
 * Design choice: regions stay in the figures' order (by name) so a reader
 * finds a region at once; the label says both counts in words, so the chart
 * reads in greyscale without the key. */
#include "chart_frame.h"

#include <math.h>

#include "sendpack/format.h"
#include "sendpack/ids_inspections.h"

typedef struct row {
    const char *name;
    double made, not_made;   /* NAN when the region has no revisit */
} row;

static size_t collect(const sp_context *ctx, row **out)
{
    const sp_figures *fg = ctx->figs;
    row *rows = g_new0(row, fg->n_regions + 1);
    for (size_t i = 0; i < fg->n_regions; i++) {
        const char *r = fg->regions[i].slug;
        rows[i] = (row){fg->regions[i].name,
                        chart_val(ctx, NAN, SP_IDF_REGION_REVISITS_PROGRESS_MADE, r),
                        chart_val(ctx, NAN, SP_IDF_REGION_REVISITS_PROGRESS_NOT_MADE, r)};
    }
    *out = rows;
    return fg->n_regions;
}

static bool has(const row *r) { return !isnan(r->made) || !isnan(r->not_made); }
static double or0(double v) { return isnan(v) ? 0 : v; }

static bool available(const sp_context *ctx)
{
    row *rows;
    size_t n = collect(ctx, &rows), k = 0;
    for (size_t i = 0; i < n; i++)
        k += has(&rows[i]) && or0(rows[i].made) + or0(rows[i].not_made) > 0;
    g_free(rows);
    return k > 0;
}

static char *title(const sp_context *ctx)
{
    const sp_figure *s = chart_fig(ctx, SP_ID_REVISITS_PROGRESS_MADE_SHARE);
    if (!s || !s->has_ratio || s->denominator <= 0)
        return g_strdup("Progress on significant weaknesses at revisit, by region");
    char b[64];
    return g_strdup_printf("At revisit, areas had made sufficient progress on %s of their "
                           "significant weaknesses", chart_share_label(s, b, sizeof b));
}

static char *subtitle(const sp_context *ctx)
{
    char d[32];
    return g_strdup_printf("Significant weaknesses in revisited areas where sufficient "
                           "progress was and was not made, by Ofsted region; revisits "
                           "published by %s", chart_as_at(ctx, d, sizeof d));
}

static void label_of(const row *r, char *buf, size_t n)
{
    char a[32], b[32];
    if (!has(r))
        g_strlcpy(buf, "no revisits", n);
    else
        g_snprintf(buf, n, "%s made, %s not", sp_fmt_count(or0(r->made), a, sizeof a),
                   sp_fmt_count(or0(r->not_made), b, sizeof b));
}

static char *alt_text(const sp_context *ctx)
{
    row *rows;
    size_t n = collect(ctx, &rows);
    long mh = -1, ml = -1, nh = -1, nl = -1;
    for (size_t i = 0; i < n; i++) {
        if (!has(&rows[i]))
            continue;
        double m = or0(rows[i].made), x = or0(rows[i].not_made);
        if (mh < 0 || m > or0(rows[mh].made)) mh = (long)i;
        if (ml < 0 || m < or0(rows[ml].made)) ml = (long)i;
        if (nh < 0 || x > or0(rows[nh].not_made)) nh = (long)i;
        if (nl < 0 || x < or0(rows[nl].not_made)) nl = (long)i;
    }
    char a[32], b[32], c[32], d[32];
    char *s = g_strdup_printf(
        "Stacked bar chart by Ofsted region of significant weaknesses where sufficient "
        "progress was and was not made at revisit. Progress made: most in %s (%s), fewest in "
        "%s (%s); progress not made: most in %s (%s), fewest in %s (%s).",
        rows[mh].name, sp_fmt_count(or0(rows[mh].made), a, sizeof a), rows[ml].name,
        sp_fmt_count(or0(rows[ml].made), b, sizeof b), rows[nh].name,
        sp_fmt_count(or0(rows[nh].not_made), c, sizeof c), rows[nl].name,
        sp_fmt_count(or0(rows[nl].not_made), d, sizeof d));
    g_free(rows);
    return s;
}

static char *csv(const sp_context *ctx)
{
    GString *out = g_string_new(NULL);
    const char *head[] = {"region", "weaknesses_progress_made", "weaknesses_progress_not_made"};
    sp_csv_row(out, G_N_ELEMENTS(head), head);
    row *rows;
    size_t n = collect(ctx, &rows);
    for (size_t i = 0; i < n; i++) {
        char a[32], b[32];
        const char *f[] = {rows[i].name, chart_csv_num(rows[i].made, a, sizeof a),
                           chart_csv_num(rows[i].not_made, b, sizeof b)};
        sp_csv_row(out, G_N_ELEMENTS(f), f);
    }
    g_free(rows);
    return g_string_free(out, FALSE);
}

static void draw(chart_frame *f)
{
    static const char *const keys[] = {"Sufficient progress made", "Not made"};
    static const unsigned rgbs[] = {SP_DARK_BLUE, SP_TURQUOISE};
    static const chart_stack st = {2, keys, rgbs, NULL, CHART_FMT_COUNT, 6};
    row *rows;
    size_t n = collect(f->ctx, &rows);
    chart_stack_row *bars = g_new0(chart_stack_row, n + 1);
    for (size_t i = 0; i < n; i++) {
        bars[i] = (chart_stack_row){.name = rows[i].name,
                                    .part = {or0(rows[i].made), or0(rows[i].not_made)},
                                    .total = NAN, /* the bar ends where its parts do */
                                    .label_rgb = has(&rows[i]) ? SP_TEXT : SP_TEXT_SECONDARY};
        label_of(&rows[i], bars[i].label, sizeof bars[i].label);
    }
    chart_stack_draw(f, &st, bars, n);
    g_free(bars);
    g_free(rows);
}

static double min_plot(chart_frame *f) { return chart_rows_need(f, f->figs->n_regions, 2); }

const chart_kind chart_revisit_weaknesses = {
    .id = "revisit-weaknesses", .available = available, .title = title, .subtitle = subtitle,
    .notes = NULL, .source_figure = SP_ID_REVISITS_PROGRESS_MADE_SHARE,
    .alt_text = alt_text, .csv = csv, .draw = draw, .min_plot = min_plot,
};
