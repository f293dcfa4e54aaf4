/* chart_timeliness.c: "ehcp-timeliness", the share of new EHC plans issued
 * within 20 weeks (SEN2) by calendar year: England as a line with its
 * values, beside the spread across local authorities (their median as a
 * dashed line, the middle half of them as a band).
 *
 * Design choice: one value axis from 0 to 100% (a share), years across; the
 * lines are named at their right ends instead of a legend, and every number
 * comes from a figure (ids_sen2.h): the chart computes nothing. Text is at
 * least 9 pt. */
#include "chart_frame.h"

#include <math.h>
#include <string.h>

#include "sendpack/format.h"
#include "sendpack/ids_sen2.h"

#define TL_PT 9.0
#define BAND_ALPHA 0.28

typedef struct pt {
    int year;
    const sp_figure *eng, *med, *q1, *q3;
} pt;

static size_t collect(const sp_context *ctx, pt **out)
{
    const sp_view *v = ctx->view;
    size_t n = 0, cap = v ? v->n_sen2_years : 0;
    pt *p = g_new0(pt, cap + 1);
    for (size_t i = 0; i < cap; i++) {
        int y = v->sen2_years[i];
        pt x = {y, chart_fig(ctx, SP_IDF_EHCP_SHARE, y), chart_fig(ctx, SP_IDF_EHCP_AREAS_MEDIAN, y),
                chart_fig(ctx, SP_IDF_EHCP_AREAS_Q1, y), chart_fig(ctx, SP_IDF_EHCP_AREAS_Q3, y)};
        if (x.eng || x.med)
            p[n++] = x;
    }
    *out = p;
    return n;
}

static bool available(const sp_context *ctx)
{
    pt *p;
    size_t n = collect(ctx, &p);
    bool any = false;
    for (size_t i = 0; i < n; i++)
        any |= p[i].eng != NULL;
    g_free(p);
    return any;
}

/* The first and last years with an England share (indexes; -1 if none). */
static void ends(const pt *p, size_t n, long *first, long *last)
{
    *first = *last = -1;
    for (size_t i = 0; i < n; i++)
        if (p[i].eng) {
            if (*first < 0)
                *first = (long)i;
            *last = (long)i;
        }
}

static char *title(const sp_context *ctx)
{
    pt *p;
    size_t n = collect(ctx, &p);
    long a, b;
    ends(p, n, &a, &b);
    char x[16], y[16];
    char *t;
    /* against the year before when there is one (the first years of EHC
     * plans are small and partial), else the first year */
    if (b > 0 && p[b - 1].eng && p[b - 1].year == p[b].year - 1)
        a = b - 1;
    if (a >= 0 && b > a) {
        double from = p[a].eng->value, to = p[b].eng->value;
        sp_fmt_pct(from, x, sizeof x);
        sp_fmt_pct(to, y, sizeof y);
        const char *way = strcmp(x, y) == 0 ? "the same as" : to < from ? "down from" : "up from";
        t = g_strdup_printf("In %d, %s of new EHC plans in England were issued within 20 weeks, "
                            "%s %s in %d", p[b].year, y, way, x, p[a].year);
    } else if (a >= 0) {
        t = g_strdup_printf("In %d, %s of new EHC plans in England were issued within 20 weeks",
                            p[a].year, sp_fmt_pct(p[a].eng->value, x, sizeof x));
    } else {
        t = g_strdup("New EHC plans issued within 20 weeks, by year");
    }
    g_free(p);
    return t;
}

static char *subtitle(const sp_context *ctx)
{
    char d[32];
    return g_strdup_printf("Share of new education, health and care plans issued within 20 "
                           "weeks, excluding exceptions, by calendar year: England, and the "
                           "spread across local authorities; years ended by %s",
                           chart_as_at(ctx, d, sizeof d));
}

static char *notes(const sp_context *ctx)
{
    (void)ctx;
    return g_strdup("The band holds the middle half of local authorities (lower to upper "
                    "quartile of their shares); the dashed line is the median local authority. "
                    "Local authorities with no new plans, or a count DfE does not publish "
                    "(x, c), are left out of the spread.");
}

static char *alt_text(const sp_context *ctx)
{
    pt *p;
    size_t n = collect(ctx, &p);
    long a, b;
    ends(p, n, &a, &b);
    GString *s = g_string_new("A line chart by calendar year of the share of new EHC plans "
                              "issued within 20 weeks in England:");
    char x[64];
    for (size_t i = 0; i < n; i++)
        if (p[i].eng)
            g_string_append_printf(s, "%s %d %s", i ? "," : "", p[i].year,
                                   sp_fmt_pct(p[i].eng->value, x, sizeof x));
        else
            g_string_append_printf(s, "%s %d not available", i ? "," : "", p[i].year);
    if (b >= 0 && p[b].med && p[b].q1 && p[b].q3) {
        char m[16], l[16], h[16];
        g_string_append_printf(s, ". In %d the median local authority issued %s within 20 weeks, "
                               "and the middle half of local authorities between %s and %s.", p[b].year,
                               sp_fmt_pct(p[b].med->value, m, sizeof m),
                               sp_fmt_pct(p[b].q1->value, l, sizeof l),
                               sp_fmt_pct(p[b].q3->value, h, sizeof h));
    } else {
        g_string_append_c(s, '.');
    }
    g_free(p);
    return g_string_free(s, FALSE);
}

static void csv(const sp_context *ctx, chart_data *out)
{
    const char *head[] = {"year", "england_within_20_weeks", "england_new_plans", "england_share",
                          "local_authorities", "local_authorities_under_50pct", "la_median",
                          "la_lower_quartile", "la_upper_quartile"};
    chart_row(out, G_N_ELEMENTS(head), head);
    pt *p;
    size_t n = collect(ctx, &p);
    for (size_t i = 0; i < n; i++) {
        char y[16], b[9][32];
        g_snprintf(y, sizeof y, "%d", p[i].year);
        const sp_figure *e = p[i].eng;
        const char *f[] = {
            y, chart_csv_num(e ? e->numerator : NAN, b[0], 32),
            chart_csv_num(e ? e->denominator : NAN, b[1], 32),
            chart_csv_num(e ? e->value : NAN, b[2], 32),
            chart_csv_num(chart_val(ctx, NAN, SP_IDF_EHCP_AREAS, p[i].year), b[3], 32),
            chart_csv_num(chart_val(ctx, NAN, SP_IDF_EHCP_AREAS_UNDER_50, p[i].year), b[4], 32),
            chart_csv_num(p[i].med ? p[i].med->value : NAN, b[5], 32),
            chart_csv_num(p[i].q1 ? p[i].q1->value : NAN, b[6], 32),
            chart_csv_num(p[i].q3 ? p[i].q3->value : NAN, b[7], 32)};
        chart_row(out, G_N_ELEMENTS(f), f);
    }
    g_free(p);
}

typedef struct end_label {
    const char *text;
    double y;
    unsigned rgb;
} end_label;

static int by_y(const void *a, const void *b)
{
    double x = ((const end_label *)a)->y, y = ((const end_label *)b)->y;
    return (x > y) - (x < y);
}

/* A series as a polyline over the years that have it. */
static void series(chart_frame *f, const pt *p, size_t n, const double *xs, double y0,
                   double scale, int which, double width, unsigned rgb, double dash)
{
    bool prev = false;
    double px = 0, py = 0;
    for (size_t i = 0; i < n; i++) {
        const sp_figure *v = which == 0 ? p[i].eng : p[i].med;
        if (!v) {
            prev = false;
            continue;
        }
        double x = xs[i], y = y0 - v->value * scale;
        if (prev)
            chart_line(f, px, py, x, y, width, rgb, dash, 0);
        px = x, py = y, prev = true;
    }
}

static void draw(chart_frame *f)
{
    pt *p;
    size_t n = collect(f->ctx, &p);
    if (!n) {
        chart_empty(f, "No SEN2 data to show");
        g_free(p);
        return;
    }
    double lh = chart_text_h(f, TL_PT);
    static const char *const names[] = {"England", "Median local authority",
                                        "Middle half of local authorities"};
    double rw = 0;
    for (int k = 0; k < 3; k++)
        rw = fmax(rw, chart_text_w(f, names[k], TL_PT, k == 0));
    rw = fmin(rw, f->pw * 0.3);
    double years_y = f->py + f->ph - lh;
    double y0 = years_y - 4, top = f->py + lh + 4;
    double scale = y0 - top;
    double aw = chart_axis_y_label_w(f, 1.0, CHART_FMT_PCT);
    double x_left = f->px + aw + 4, x_right = f->px + f->pw - rw - CHART_PAD;
    chart_axis_y(f, x_left, x_right, y0, scale, 1.0, CHART_FMT_PCT, 5);
    double cw = (x_right - x_left) / (double)n;
    double *xs = g_new(double, n);
    for (size_t i = 0; i < n; i++)
        xs[i] = x_left + cw * ((double)i + 0.5);
    /* the band: upper quartile left to right, lower back */
    cairo_t *cr = f->cr;
    bool band = false;
    for (size_t i = 0; i < n; i++)
        if (p[i].q1 && p[i].q3) {
            double y = y0 - p[i].q3->value * scale;
            if (!band)
                cairo_move_to(cr, xs[i], y);
            else
                cairo_line_to(cr, xs[i], y);
            band = true;
        }
    for (size_t i = n; band && i-- > 0;)
        if (p[i].q1 && p[i].q3)
            cairo_line_to(cr, xs[i], y0 - p[i].q1->value * scale);
    if (band) {
        cairo_close_path(cr);
        sp_rgb c = SP_RGB_HEX(SP_TURQUOISE);
        cairo_set_source_rgba(cr, c.r, c.g, c.b, BAND_ALPHA);
        cairo_fill(cr);
    }
    series(f, p, n, xs, y0, scale, 1, 1.5, SP_TURQUOISE_TEXT, 4);
    series(f, p, n, xs, y0, scale, 0, 2.25, SP_DARK_BLUE, 0);
    /* England's values above its points, when the columns are wide enough */
    bool every = cw >= chart_text_w(f, "100%", TL_PT, false) + 4;
    long a, b;
    ends(p, n, &a, &b);
    for (size_t i = 0; i < n; i++) {
        if (!p[i].eng)
            continue;
        char buf[16], what[32];
        double y = y0 - p[i].eng->value * scale;
        g_snprintf(what, sizeof what, "England %d", p[i].year);
        chart_dot(f, xs[i], y, 2.75, SP_DARK_BLUE, what);
        if (every || (long)i == a || (long)i == b)
            chart_label(f, sp_fmt_pct(p[i].eng->value, buf, sizeof buf), TL_PT, (long)i == b,
                        xs[i], y - 4, CHART_CENTRE | CHART_BOTTOM | CHART_BACKED, SP_TEXT, -1);
    }
    /* years under the axis: every one when they fit, else every other */
    bool all_years = cw >= chart_text_w(f, "2020", TL_PT, false) + 4;
    for (size_t i = 0; i < n; i++) {
        if (!all_years && (i % 2) != (n - 1) % 2)
            continue;
        char y[16];
        g_snprintf(y, sizeof y, "%d", p[i].year);
        chart_label(f, y, TL_PT, false, xs[i], years_y, CHART_CENTRE, SP_TEXT, -1);
    }
    /* names at the right ends, pushed apart so they never touch */
    size_t last = n - 1;
    end_label L[3];
    size_t k = 0;
    if (b >= 0)
        L[k++] = (end_label){names[0], y0 - p[b].eng->value * scale, SP_DARK_BLUE};
    if (p[last].med)
        L[k++] = (end_label){names[1], y0 - p[last].med->value * scale, SP_TURQUOISE_TEXT};
    if (p[last].q1 && p[last].q3)
        L[k++] = (end_label){names[2],
                             y0 - (p[last].q1->value + p[last].q3->value) / 2 * scale,
                             SP_TEXT_SECONDARY};
    qsort(L, k, sizeof *L, by_y);
    double lx = x_right + CHART_PAD, pitch = lh * 1.05;
    double hgt[3];
    for (size_t i = 0; i < k; i++) {
        PangoLayout *l = chart_layout(f, L[i].text, TL_PT, i < k && L[i].rgb == SP_DARK_BLUE, rw);
        int w, h;
        pango_layout_get_pixel_size(l, &w, &h);
        hgt[i] = fmax(h, pitch);
        g_object_unref(l);
    }
    for (size_t i = 0; i < k; i++) {
        L[i].y = fmax(L[i].y - hgt[i] / 2, top - lh);
        if (i && L[i].y < L[i - 1].y + hgt[i - 1])
            L[i].y = L[i - 1].y + hgt[i - 1];
    }
    for (size_t i = k; i-- > 0;) { /* keep the lowest above the axis */
        double limit = (i + 1 < k ? L[i + 1].y : y0 + lh) - hgt[i];
        if (L[i].y > limit)
            L[i].y = limit;
    }
    for (size_t i = 0; i < k; i++)
        chart_label(f, L[i].text, TL_PT, L[i].rgb == SP_DARK_BLUE, lx, L[i].y, CHART_LEFT,
                    L[i].rgb, rw);
    g_free(xs);
    g_free(p);
}

static double min_plot(chart_frame *f) { return chart_text_h(f, TL_PT) * 10; }

const chart_kind chart_ehcp_timeliness = {
    .id = "ehcp-timeliness", .available = available, .title = title, .subtitle = subtitle,
    .notes = notes, .source_figure = SP_ID_EHCP_LATEST_SHARE, .alt_text = alt_text, .csv = csv,
    .draw = draw, .min_plot = min_plot,
};
