/* chart_regions.c: "wsoa-by-region", the share of inspected areas that
 * needed a written statement of action in each Ofsted region: horizontal
 * bars sorted by share, each labelled "74% (20 of 27)" (with a dagger on
 * fewer than 10 areas) a fixed gap after its end, its 95% interval as a thin
 * dark line just under it, and a dashed England line broken around labels.
 *
 * Design choice: the value scale is chosen so that every bar plus its label
 * and every interval fits the plot, rather than always running to 100%, so
 * the labels sit beside the bars at every chart size; the interval sits
 * under the bar so it neither cuts the bar nor runs into the label. */
#include "chart_frame.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sendpack/format.h"
#include "sendpack/ids_inspections.h"
#include "sendpack/template.h"

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
    row *rows;
    size_t n = collect(ctx, &rows);
    bool small = false;
    for (size_t i = 0; i < n; i++)
        small |= sp_template_small_base(rows[i].share);
    g_free(rows);
    return g_strdup_printf("Line under each bar: 95%% confidence interval (Wilson score). "
                           "Dashed line: England.%s",
                           small ? " \u2020 Fewer than 10 areas inspected: the share should "
                                   "not be quoted on its own." : "");
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

static void csv_line(chart_data *out, const char *name, const sp_figure *s)
{
    char k[32], t[32], v[32], lo[32], hi[32];
    const char *f[] = {name, chart_csv_num(s->numerator, k, sizeof k),
                       chart_csv_num(s->denominator, t, sizeof t),
                       chart_csv_num(s->value, v, sizeof v),
                       chart_csv_num(s->has_ci ? s->ci_low : NAN, lo, sizeof lo),
                       chart_csv_num(s->has_ci ? s->ci_high : NAN, hi, sizeof hi)};
    chart_row(out, G_N_ELEMENTS(f), f);
}

static void csv(const sp_context *ctx, chart_data *out)
{
    const char *head[] = {"region", "wsoa_count", "inspections_count", "wsoa_share",
                          "ci_low", "ci_high"};
    chart_row(out, G_N_ELEMENTS(head), head);
    row *rows;
    size_t n = collect(ctx, &rows);
    for (size_t i = 0; i < n; i++)
        csv_line(out, rows[i].name, rows[i].share);
    const sp_figure *e = chart_fig(ctx, SP_ID_WSOA_SHARE);
    if (e)
        csv_line(out, "England", e);
    g_free(rows);
}

/* "38%† (3 of 8)": the share label, marked when it rests on fewer than
 * SP_TEMPLATE_SMALL_BASE areas, as in Table 1. */
static const char *bar_label(const sp_figure *s, char *buf, size_t n)
{
    char p[16], k[32], t[32];
    g_snprintf(buf, n, "%s%s (%s of %s)", sp_fmt_pct(s->value, p, sizeof p),
               sp_template_small_base(s) ? SP_TEMPLATE_MARKER : "",
               sp_fmt_count(s->numerator, k, sizeof k), sp_fmt_count(s->denominator, t, sizeof t));
    return buf;
}

/* The dashed England line at x from y0 to y1, broken where it would cross
 * one of the n label boxes (with a little room around each). */
static void england_line(chart_frame *f, double x, double y0, double y1, const sp_chart_box *lb,
                         size_t n)
{
    double y = y0;
    while (y < y1) {
        double stop = y1, resume = y1;
        for (size_t i = 0; i < n; i++) {
            if (x < lb[i].x - 2 || x > lb[i].x + lb[i].w + 2)
                continue;
            double top = lb[i].y - 1.5, bot = lb[i].y + lb[i].h + 1.5;
            if (bot > y && top < stop) {
                stop = top > y ? top : y;
                resume = bot;
            }
        }
        if (stop > y + 0.5) {
            chart_line(f, x, y, x, stop, 1.0, SP_DARK_GREY, 3, 0);
            chart_mark(f, x - 0.5, y, 1.0, stop - y, SP_DARK_GREY, "England line");
        }
        y = resume;
    }
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
        labels[i] = g_strdup(bar_label(rows[i].share, buf, sizeof buf));
    }
    chart_rows r;
    chart_rows_layout(f, names, n, f->py + band, axis_y, 0.3, &r);

    /* Scale: every bar end plus its label fits, and every upper interval
     * end; never past 100%. */
    double span = f->px + f->pw - r.x0, top = 0;
    double *ends = g_new0(double, n + 1), *lw = g_new0(double, n + 1);
    for (size_t i = 0; i < n; i++) {
        const sp_figure *s = rows[i].share;
        ends[i] = s->value;
        lw[i] = chart_text_w(f, labels[i], CHART_LABEL_PT, false) + CHART_GAP;
        top = fmax(top, s->has_ci ? s->ci_high : s->value);
    }
    double scale = chart_fit_scale(span, ends, lw, n, top);
    double vmax = span / scale > 1 ? 1 : span / scale;
    g_free(lw);
    g_free(ends);

    chart_axis_x(f, r.x0, scale, vmax, f->py + band, axis_y, CHART_FMT_PCT, 5);
    chart_rows_draw_labels(f, &r);
    /* Each row: the bar a little above the row's centre, its label a fixed
     * gap after the bar's end, and the 95% interval as a thin dark line
     * just under the bar, so it never cuts the bar or runs into the label. */
    sp_chart_box *lb = g_new0(sp_chart_box, n + 1);
    for (size_t i = 0; i < n; i++) {
        const sp_figure *s = rows[i].share;
        double cap = fmin(2.5, (r.pitch - r.bar) / 4);
        double shift = cap + 1;
        double y = chart_rows_mid(&r, i) - shift, end = r.x0 + s->value * scale;
        chart_rect(f, r.x0, y - r.bar / 2, end - r.x0, r.bar, SERIES[0].rgb, rows[i].name);
        lb[i] = chart_label(f, labels[i], CHART_LABEL_PT, false, end + 2 * CHART_GAP, y,
                            CHART_LEFT | CHART_MIDDLE, SP_TEXT, -1);
        if (s->has_ci) {
            double x0 = r.x0 + s->ci_low * scale, x1 = r.x0 + s->ci_high * scale;
            /* a point clear of the label's descenders ("(9 of 11)") */
            double yi = fmax(y + r.bar / 2, lb[i].y + lb[i].h + 1) + cap;
            chart_line(f, x0, yi, x1, yi, 1.0, SP_TEXT, 0, 0);
            chart_line(f, x0, yi - cap, x0, yi + cap, 1.0, SP_TEXT, 0, 0);
            chart_line(f, x1, yi - cap, x1, yi + cap, 1.0, SP_TEXT, 0, 0);
            chart_mark(f, x0, yi - cap, x1 - x0, 2 * cap, SP_TEXT, "interval");
        }
    }
    if (eng) {
        double x = r.x0 + eng->value * scale;
        england_line(f, x, f->py + band, axis_y, lb, n);
        char p[16], buf[64];
        g_snprintf(buf, sizeof buf, "England %s", sp_fmt_pct(eng->value, p, sizeof p));
        chart_top_label(f, buf, x, SP_TEXT);
    }
    g_free(lb);
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
