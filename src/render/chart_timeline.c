/* chart_timeline.c: "timeline", cumulative inspections published and
 * cumulative written statements of action, month by month, as step lines
 * labelled at their ends (no legend).
 *
 * Design choice: months come from the month.<YYYY-MM>.* figures, walked from
 * January of the first publication year to the as-at month; a month without
 * a figure is not drawn, so the renderer never fills in a number itself. */
#include "chart_frame.h"

#define PAUSE_RGB 0xEEEFF0 /* light grey behind the pause */

#include <math.h>
#include <string.h>

#include "sendpack/format.h"
#include "sendpack/ids_inspections.h"

typedef struct point {
    int year, month;
    double inspections, wsoa;
} point;

/* The two lines, named by their end labels ("120 inspections"). */
static const chart_series SERIES[] = {{"inspections", SP_DARK_BLUE},
                                      {"with a WSoA", SP_TURQUOISE}};

static size_t collect(const sp_context *ctx, point **out)
{
    const sp_figures *fg = ctx->figs;
    GArray *pts = g_array_new(FALSE, TRUE, sizeof(point));
    if (fg->n_years && fg->as_at) {
        int y = fg->years[0], m = 1;
        int ey = SP_DATE_YEAR(fg->as_at), em = SP_DATE_MONTH(fg->as_at);
        for (; y < ey || (y == ey && m <= em); m = m == 12 ? 1 : m + 1, y += m == 1) {
            const sp_figure *i = chart_fig(ctx, SP_IDF_MONTH_INSPECTIONS_CUMULATIVE, y, m);
            const sp_figure *w = chart_fig(ctx, SP_IDF_MONTH_WSOA_CUMULATIVE, y, m);
            if (i && w)
                g_array_append_val(pts, ((point){y, m, i->value, w->value}));
        }
    }
    size_t n = pts->len;
    *out = (point *)(void *)g_array_free(pts, FALSE);
    return n;
}

static bool available(const sp_context *ctx)
{
    point *p;
    size_t n = collect(ctx, &p);
    g_free(p);
    return n > 0;
}

static void month_name(int y, int m, char *buf, size_t n)
{
    char d[32];
    sp_date_long(sp_date_make(y, m, 1), d, sizeof d);
    const char *sp = strchr(d, ' ');
    g_strlcpy(buf, sp ? sp + 1 : d, n);
}

static char *title(const sp_context *ctx)
{
    const sp_figure *i = chart_fig(ctx, SP_ID_INSPECTIONS_COUNT), *w = chart_fig(ctx, SP_ID_WSOA_COUNT);
    if (!i || !w)
        return g_strdup("Inspections published and written statements of action over time");
    char a[32], b[32], d[32];
    return g_strdup_printf("%s areas had been inspected by %s, and %s needed a written "
                           "statement of action", sp_fmt_count(i->value, a, sizeof a),
                           chart_as_at(ctx, d, sizeof d), sp_fmt_count(w->value, b, sizeof b));
}

static char *subtitle(const sp_context *ctx)
{
    char d[32];
    return g_strdup_printf("Cumulative area SEND inspections%s published, and those with a "
                           "written statement of action (WSoA), by month; to %s",
                           chart_framework(ctx), chart_as_at(ctx, d, sizeof d));
}

static char *alt_text(const sp_context *ctx)
{
    point *p;
    size_t n = collect(ctx, &p);
    char m0[32], m1[32], a[32], c[32], d[32];
    month_name(p[0].year, p[0].month, m0, sizeof m0);
    month_name(p[n - 1].year, p[n - 1].month, m1, sizeof m1);
    char *s = g_strdup_printf(
        "Step chart of cumulative inspections published, and of those with a written "
        "statement of action, month by month from %s to %s. It rises from %s %s in the first "
        "month to %s, of which %s needed a written statement of action.",
        m0, m1, sp_fmt_count(p[0].inspections, a, sizeof a),
        p[0].inspections == 1 ? "inspection" : "inspections",
        sp_fmt_count(p[n - 1].inspections, c, sizeof c), sp_fmt_count(p[n - 1].wsoa, d, sizeof d));
    g_free(p);
    return s;
}

static void csv(const sp_context *ctx, chart_data *out)
{
    const char *head[] = {"month", "inspections_cumulative", "wsoa_cumulative"};
    chart_row(out, G_N_ELEMENTS(head), head);
    point *p;
    size_t n = collect(ctx, &p);
    for (size_t i = 0; i < n; i++) {
        char m[16], a[32], b[32];
        g_snprintf(m, sizeof m, "%04d-%02d", p[i].year, p[i].month);
        const char *f[] = {m, chart_csv_num(p[i].inspections, a, sizeof a),
                           chart_csv_num(p[i].wsoa, b, sizeof b)};
        chart_row(out, G_N_ELEMENTS(f), f);
    }
    g_free(p);
}

#define LINE_W 1.75

static void steps(chart_frame *f, const point *p, size_t n, bool wsoa, double x0, double dx,
                  double y0, double scale, unsigned rgb)
{
    cairo_t *cr = f->cr;
    cairo_move_to(cr, x0, y0);
    for (size_t i = 0; i < n; i++) {
        double y = y0 - (wsoa ? p[i].wsoa : p[i].inspections) * scale;
        cairo_line_to(cr, x0 + dx * (double)i, y);
        cairo_line_to(cr, x0 + dx * (double)(i + 1), y);
    }
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_set_line_width(cr, LINE_W);
    chart_set_rgb(cr, rgb);
    cairo_stroke(cr);
    /* the last step, where the line is labelled */
    double y = y0 - (wsoa ? p[n - 1].wsoa : p[n - 1].inspections) * scale;
    chart_mark(f, x0 + dx * (double)(n - 1), y - LINE_W / 2, dx, LINE_W, rgb,
               wsoa ? "WSoAs" : "inspections");
}

static char *notes(const sp_context *ctx)
{
    point *p;
    size_t n = collect(ctx, &p);
    bool pause = false;
    for (size_t i = 0; i < n; i++)
        pause |= p[i].year == 2020 && p[i].month == 3;
    g_free(p);
    return pause ? g_strdup("Shaded: routine inspections paused from March 2020 during the "
                            "coronavirus (COVID-19) pandemic, until inspections were "
                            "published again.")
                 : NULL;
}

/* The pause in inspections during the coronavirus (COVID-19) pandemic: a
 * light band from March 2020 to the month inspections were published again
 * (or the end), named at its top when the name fits. */
static bool pause_band(chart_frame *f, const point *p, size_t n, double x0, double dx,
                       double top, double y0, double *bx, double *bw)
{
    size_t a = n, b = n;
    for (size_t i = 0; i < n; i++)
        if (p[i].year == 2020 && p[i].month == 3) {
            a = i;
            break;
        }
    if (a == n)
        return false;
    for (size_t i = a + 1; i < n && b == n; i++)
        if (p[i].inspections > p[i - 1].inspections && (p[i].year > 2020 || p[i].month > 6))
            b = i;
    double xa = x0 + dx * (double)a, xb = x0 + dx * (double)b;
    /* drawn, not recorded yet: the band is no data mark (recorded last) */
    cairo_rectangle(f->cr, xa, top, xb - xa, y0 - top);
    chart_set_rgb(f->cr, PAUSE_RGB);
    cairo_fill(f->cr);
    *bx = xa;
    *bw = xb - xa;
    const char *names[] = {"Inspections paused (COVID-19)", "Paused (COVID-19)", "Paused"};
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
        if (chart_text_w(f, names[i], CHART_LABEL_PT, false) + 4 < xb - xa) {
            chart_label(f, names[i], CHART_LABEL_PT, false, (xa + xb) / 2, top + 2, CHART_CENTRE,
                        SP_TEXT, -1);
            break;
        }
    return true;
}

static void draw(chart_frame *f)
{
    point *p;
    size_t n = collect(f->ctx, &p);
    const point *last = &p[n - 1];
    double lh = chart_text_h(f, CHART_LABEL_PT);
    char la[64], lb[64], num[32];
    g_snprintf(la, sizeof la, "%s %s", sp_fmt_count(last->inspections, num, sizeof num), SERIES[0].name);
    g_snprintf(lb, sizeof lb, "%s %s", sp_fmt_count(last->wsoa, num, sizeof num), SERIES[1].name);
    double end_w = fmax(chart_text_w(f, la, CHART_LABEL_PT, true),
                        chart_text_w(f, lb, CHART_LABEL_PT, true));
    double vmax = last->inspections > 0 ? last->inspections : 1;
    double step = chart_nice_step(vmax, 5, CHART_FMT_COUNT);
    vmax = ceil(vmax / step - 1e-9) * step; /* the top gridline above the line's end */
    double axis_w = chart_axis_y_label_w(f, vmax, CHART_FMT_COUNT);
    double x0 = f->px + axis_w + 4, x1 = f->px + f->pw - end_w - CHART_GAP - 2;
    double top = f->py + lh / 2, y0 = f->py + f->ph - lh - 3;
    double scale = (y0 - top) / vmax, dx = (x1 - x0) / (double)n;

    chart_axis_y(f, x0, x1, y0, scale, vmax, CHART_FMT_COUNT, 5);
    /* Years: a light rule at each January, the year under the middle of its span. */
    for (size_t i = 0; i < n; i++) {
        if (p[i].month != 1 && i != 0)
            continue;
        size_t j = i + 1;
        while (j < n && p[j].month != 1)
            j++;
        double xa = x0 + dx * (double)i, xb = x0 + dx * (double)j;
        if (i > 0)
            chart_line(f, xa, top, xa, y0, 0.5, SP_GRID, 0, 0);
        char y[16];
        g_snprintf(y, sizeof y, "%d", p[i].year);
        if (chart_text_w(f, y, CHART_LABEL_PT, false) + 2 < xb - xa)
            chart_label(f, y, CHART_LABEL_PT, false, (xa + xb) / 2, y0 + 3, CHART_CENTRE,
                        SP_TEXT_SECONDARY, -1);
    }
    double bx = 0, bw = 0;
    bool paused = pause_band(f, p, n, x0, dx, top, y0, &bx, &bw);
    steps(f, p, n, false, x0, dx, y0, scale, SERIES[0].rgb);
    steps(f, p, n, true, x0, dx, y0, scale, SERIES[1].rgb);

    /* End labels, pushed apart when the lines end close together. */
    double ya = y0 - last->inspections * scale, yb = y0 - last->wsoa * scale;
    if (ya + lh > yb) {
        double midy = (ya + yb) / 2;
        ya = midy - lh / 2 - 0.5;
        yb = midy + lh / 2 + 0.5;
    }
    if (ya - lh / 2 < f->py) {
        yb += f->py - (ya - lh / 2);
        ya = f->py + lh / 2;
    }
    if (yb + lh / 2 > y0) {
        ya -= yb + lh / 2 - y0;
        yb = y0 - lh / 2;
    }
    chart_label(f, la, CHART_LABEL_PT, true, x1 + CHART_GAP, ya, CHART_LEFT | CHART_MIDDLE,
                SP_DARK_BLUE, -1);
    chart_label(f, lb, CHART_LABEL_PT, true, x1 + CHART_GAP, yb, CHART_LEFT | CHART_MIDDLE,
                SP_TURQUOISE_TEXT, -1);
    if (paused)
        chart_mark(f, bx, top, bw, y0 - top, PAUSE_RGB, "pause");
    g_free(p);
}

const chart_kind chart_timeline = {
    .id = "timeline", .available = available, .title = title, .subtitle = subtitle,
    .notes = notes, .source_figure = SP_ID_INSPECTIONS_COUNT, .alt_text = alt_text, .csv = csv,
    .draw = draw, .series = SERIES, .n_series = G_N_ELEMENTS(SERIES),
};
