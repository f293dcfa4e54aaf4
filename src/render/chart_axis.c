/* chart_axis.c: value axes for the charts: "nice" steps, light gridlines and
 * tick labels formatted as the reader sees numbers (format.h).
 *
 * Design choice: every axis starts at zero, and the step is chosen by
 * measuring the tick labels, so labels never touch whatever the chart size. */
#include "chart_frame.h"

#include <math.h>

#include "sendpack/format.h"

#define GRID_W 0.5
#define BASE_W 0.75

void chart_fmt_value(chart_fmt fmt, double v, char *buf, size_t n)
{
    switch (fmt) {
    case CHART_FMT_PCT: sp_fmt_pct(v, buf, n); break;
    case CHART_FMT_GBP:
        /* ticks in millions read "£25m" and "£2.5m", not "£25.0 million" */
        if (v >= 1e6 && v < 1e9 && fmod(v, 1e6) == 0)
            g_snprintf(buf, n, "\u00a3%.0fm", v / 1e6);
        else if (v >= 1e6 && v < 1e9)
            g_snprintf(buf, n, "\u00a3%.1fm", v / 1e6);
        else
            sp_fmt_gbp(v, buf, n);
        break;
    default: sp_fmt_count(v, buf, n); break;
    }
}

double chart_nice_step(double vmax, int max_ticks, chart_fmt fmt)
{
    if (max_ticks < 1)
        max_ticks = 1;
    if (!(vmax > 0))
        return fmt == CHART_FMT_PCT ? 0.25 : 1;
    double raw = vmax / max_ticks;
    double mag = pow(10, floor(log10(raw)));
    static const double mant[] = {1, 2, 2.5, 5, 10};
    double step = 10 * mag;
    for (size_t i = 0; i < G_N_ELEMENTS(mant); i++) {
        double s = mant[i] * mag;
        if (fmt == CHART_FMT_COUNT && fmod(s, 1.0) != 0)
            continue;
        if (s * (1 + 1e-9) >= raw) {
            step = s;
            break;
        }
    }
    if (fmt == CHART_FMT_COUNT && step < 1)
        step = 1;
    return step;
}

static int n_ticks(double vmax, double step)
{
    return (int)floor(vmax / step + 1e-9) + 1;
}

static double widest(chart_frame *f, double vmax, double step, chart_fmt fmt)
{
    double w = 0;
    char buf[64];
    for (int i = 0, n = n_ticks(vmax, step); i < n; i++) {
        chart_fmt_value(fmt, i * step, buf, sizeof buf);
        double tw = chart_text_w(f, buf, CHART_LABEL_PT, false);
        if (tw > w)
            w = tw;
    }
    return w;
}

double chart_axis_x(chart_frame *f, double x0, double scale, double vmax, double y_top,
                    double y_axis, chart_fmt fmt, int max_ticks)
{
    double step = chart_nice_step(vmax, max_ticks, fmt);
    for (int t = max_ticks; t >= 1; t--) { /* down to 0 and vmax alone */
        step = chart_nice_step(vmax, t, fmt);
        if (widest(f, vmax, step, fmt) + 6 < step * scale)
            break;
    }
    double lh = chart_text_h(f, CHART_LABEL_PT), left = f->px, right = f->px + f->pw;
    char buf[64];
    double prev_right = -1e9; /* a label pushed in at the right edge never overlaps the one before */
    for (int i = 0, n = n_ticks(vmax, step); i < n; i++) {
        double v = i * step, x = x0 + v * scale;
        if (i > 0)
            chart_line(f, x, y_top, x, y_axis, GRID_W, SP_GRID, 0, 0);
        chart_fmt_value(fmt, v, buf, sizeof buf);
        double tw = chart_text_w(f, buf, CHART_LABEL_PT, false), lx = x - tw / 2;
        if (lx + tw > right)
            lx = right - tw;
        if (lx < left)
            lx = left;
        if (lx < prev_right + 4)
            continue;
        chart_label(f, buf, CHART_LABEL_PT, false, lx, y_axis + 2, CHART_LEFT,
                    SP_TEXT_SECONDARY, -1);
        prev_right = lx + tw;
    }
    chart_line(f, x0, y_top, x0, y_axis, BASE_W, SP_TEXT_SECONDARY, 0, 0);
    return lh + 2;
}

double chart_axis_y_label_w(chart_frame *f, double vmax, chart_fmt fmt)
{
    return widest(f, vmax, chart_nice_step(vmax, 5, fmt), fmt);
}

double chart_axis_y(chart_frame *f, double x_left, double x_right, double y0, double scale,
                    double vmax, chart_fmt fmt, int max_ticks)
{
    double lh = chart_text_h(f, CHART_LABEL_PT);
    double step = chart_nice_step(vmax, max_ticks, fmt);
    for (int t = max_ticks; t >= 1; t--) { /* down to 0 and vmax alone */
        step = chart_nice_step(vmax, t, fmt);
        if (lh + 2 < step * scale)
            break;
    }
    char buf[64];
    for (int i = 0, n = n_ticks(vmax, step); i < n; i++) {
        double v = i * step, y = y0 - v * scale;
        chart_line(f, x_left, y, x_right, y, i == 0 ? BASE_W : GRID_W,
                   i == 0 ? SP_TEXT_SECONDARY : SP_GRID, 0, 0);
        chart_fmt_value(fmt, v, buf, sizeof buf);
        double ly = y - lh / 2;
        if (ly < f->py)
            ly = f->py;
        chart_label(f, buf, CHART_LABEL_PT, false, x_left - 3, ly, CHART_RIGHT,
                    SP_TEXT_SECONDARY, -1);
    }
    return step;
}
