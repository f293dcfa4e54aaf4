/* chart_regions.c: "wsoa-by-region", the share of inspected areas that
 * needed a written statement of action in each Ofsted region: horizontal
 * bars sorted by share, 95% interval whiskers, a dashed line for England and
 * each bar labelled "74% (20 of 27)".
 *
 * Design choice: the value scale is chosen so that the longest whisker plus
 * its label fits the plot, rather than always running to 100%, so the labels
 * sit beside the bars at every chart size. */
#include "chart_frame.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sendpack/format.h"
#include "sendpack/ids_inspections.h"

typedef struct row {
    const char *name;
    const sp_figure *share;
} row;

/* One series: each region's share (the workbook's chart names it too). */
static const chart_series SERIES[] = {{"Share of inspected areas with a WSoA", SP_DARK_BLUE}};

static int by_share(const void *a, const void *b)
{
    const row *x = a, *y = b;
    if (x->share->value != y->share->value)
        return x->share->value < y->share->value ? 1 : -1;
    return strcmp(x->name, y->name);
}

/* Regions that have a share, highest first. Caller g_free()s. */
static size_t collect(const sp_context *ctx, row **out)
{
    const sp_figures *fg = ctx->figs;
    row *rows = g_new0(row, fg->n_regions + 1);
    size_t n = 0;
    for (size_t i = 0; i < fg->n_regions; i++) {
        const sp_figure *s = chart_fig(ctx, SP_IDF_REGION_WSOA_SHARE, fg->regions[i].slug);
        if (s && s->has_ratio && s->denominator > 0)
            rows[n++] = (row){fg->regions[i].name, s};
    }
    qsort(rows, n, sizeof *rows, by_share);
    *out = rows;
    return n;
}

static bool available(const sp_context *ctx)
{
    row *rows;
    size_t n = collect(ctx, &rows);
    g_free(rows);
    return n > 0 && chart_fig(ctx, SP_ID_WSOA_SHARE);
}

static char *title(const sp_context *ctx)
{
    const sp_figure *s = chart_fig(ctx, SP_ID_WSOA_SHARE);
    if (!s)
        return g_strdup("Share of inspected areas that needed a written statement of action");
    char p[16];
    return g_strdup_printf("%s of inspected areas needed a written statement of action",
                           sp_fmt_pct(s->value, p, sizeof p));
}

static char *subtitle(const sp_context *ctx)
{
    char d[32];
    return g_strdup_printf("Share of areas inspected with a written statement of action "
                           "(WSoA), by Ofsted region; inspections%s published by %s",
                           chart_framework(ctx), chart_as_at(ctx, d, sizeof d));
}

static char *notes(const sp_context *ctx)
{
    return g_strdup("Whiskers: 95% confidence interval (Wilson score). Dashed line: England.");
}

static char *alt_text(const sp_context *ctx)
{
    row *rows;
    size_t n = collect(ctx, &rows);
    char hi[64], lo[64], en[64];
    const sp_figure *e = chart_fig(ctx, SP_ID_WSOA_SHARE);
    char *s = g_strdup_printf(
        "Bar chart of the share of inspected areas that needed a written statement of action, "
        "by Ofsted region. Highest: %s, %s; lowest: %s, %s; England: %s.",
        rows[0].name, chart_share_label(rows[0].share, hi, sizeof hi), rows[n - 1].name,
        chart_share_label(rows[n - 1].share, lo, sizeof lo), chart_share_label(e, en, sizeof en));
    g_free(rows);
    return s;
}

static void csv_line(GString *out, const char *name, const sp_figure *s)
{
    char k[32], t[32], v[32], lo[32], hi[32];
    const char *f[] = {name, chart_csv_num(s->numerator, k, sizeof k),
                       chart_csv_num(s->denominator, t, sizeof t),
                       chart_csv_num(s->value, v, sizeof v),
                       chart_csv_num(s->has_ci ? s->ci_low : NAN, lo, sizeof lo),
                       chart_csv_num(s->has_ci ? s->ci_high : NAN, hi, sizeof hi)};
    sp_csv_row(out, G_N_ELEMENTS(f), f);
}

static char *csv(const sp_context *ctx)
{
    GString *out = g_string_new(NULL);
    const char *head[] = {"region", "wsoa_count", "inspections_count", "wsoa_share",
                          "ci_low", "ci_high"};
    sp_csv_row(out, G_N_ELEMENTS(head), head);
    row *rows;
    size_t n = collect(ctx, &rows);
    for (size_t i = 0; i < n; i++)
        csv_line(out, rows[i].name, rows[i].share);
    const sp_figure *e = chart_fig(ctx, SP_ID_WSOA_SHARE);
    if (e)
        csv_line(out, "England", e);
    g_free(rows);
    return g_string_free(out, FALSE);
}

static double upper(const sp_figure *s)
{
    return s->has_ci && s->ci_high > s->value ? s->ci_high : s->value;
}

static void draw(chart_frame *f)
{
    row *rows;
    size_t n = collect(f->ctx, &rows);
    const sp_figure *eng = chart_fig(f->ctx, SP_ID_WSOA_SHARE);
    double lh = chart_text_h(f, CHART_LABEL_PT);
    double band = eng ? lh + 2 : 0; /* the England label above the rows */
    double axis_y = f->py + f->ph - (lh + 2);
    const char **names = g_new0(const char *, n + 1);
    char **labels = g_new0(char *, n + 1);
    for (size_t i = 0; i < n; i++) {
        char buf[64];
        names[i] = rows[i].name;
        labels[i] = g_strdup(chart_share_label(rows[i].share, buf, sizeof buf));
    }
    chart_rows r;
    chart_rows_layout(f, names, n, f->py + band, axis_y, 0.3, &r);

    /* Scale: every whisker end plus its label fits; never past 100%. */
    double span = f->px + f->pw - r.x0;
    double *ends = g_new0(double, n + 1), *lw = g_new0(double, n + 1);
    for (size_t i = 0; i < n; i++) {
        ends[i] = upper(rows[i].share);
        lw[i] = chart_text_w(f, labels[i], CHART_LABEL_PT, false);
    }
    double scale = chart_fit_scale(span, ends, lw, n, 1);
    double vmax = span / scale > 1 ? 1 : span / scale;
    g_free(lw);
    g_free(ends);

    chart_axis_x(f, r.x0, scale, vmax, f->py + band, axis_y, CHART_FMT_PCT, 5);
    chart_rows_draw_labels(f, &r);
    for (size_t i = 0; i < n; i++) {
        double y = chart_rows_mid(&r, i);
        chart_rect(f, r.x0, y - r.bar / 2, rows[i].share->value * scale, r.bar, SERIES[0].rgb,
                   rows[i].name);
    }
    if (eng) {
        double x = r.x0 + eng->value * scale;
        chart_line(f, x, f->py + band, x, axis_y, 1.0, SP_DARK_GREY, 3, 0.75);
        char p[16], buf[64];
        g_snprintf(buf, sizeof buf, "England %s", sp_fmt_pct(eng->value, p, sizeof p));
        chart_top_label(f, buf, x, SP_TEXT);
    }
    for (size_t i = 0; i < n; i++) {
        const sp_figure *s = rows[i].share;
        double y = chart_rows_mid(&r, i), cap = r.bar * 0.25;
        if (s->has_ci) {
            double x0 = r.x0 + s->ci_low * scale, x1 = r.x0 + s->ci_high * scale;
            chart_line(f, x0, y, x1, y, 1.0, SP_TEXT, 0, 0.75);
            chart_line(f, x0, y - cap, x0, y + cap, 1.0, SP_TEXT, 0, 0.75);
            chart_line(f, x1, y - cap, x1, y + cap, 1.0, SP_TEXT, 0, 0.75);
        }
        chart_label(f, labels[i], CHART_LABEL_PT, false, r.x0 + upper(s) * scale + CHART_GAP + 1,
                    y, CHART_LEFT | CHART_MIDDLE | CHART_BACKED, SP_TEXT, -1);
    }
    chart_rows_free(&r);
    for (size_t i = 0; i < n; i++)
        g_free(labels[i]);
    g_free(labels);
    g_free(names);
    g_free(rows);
}

static double min_plot(chart_frame *f) { return chart_rows_need(f, f->figs->n_regions, 2); }

const chart_kind chart_wsoa_by_region = {
    .id = "wsoa-by-region", .available = available, .title = title, .subtitle = subtitle,
    .notes = notes, .source_figure = SP_ID_WSOA_SHARE, .alt_text = alt_text, .csv = csv,
    .draw = draw, .min_plot = min_plot, .series = SERIES, .n_series = G_N_ELEMENTS(SERIES),
};
