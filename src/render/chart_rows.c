/* chart_rows.c: one row per category (region, programme, outcome) with its
 * name in a label column at the left, for the horizontal bar charts and the
 * strip plot.
 *
 * Design choice: the label column is measured, not fixed. Long names such as
 * "North East, Yorkshire and the Humber" wrap onto two lines when the rows
 * are tall enough; when they are not, the column widens instead, so a name
 * never runs into the next row or into the bars. */
#include "chart_frame.h"

#include <math.h>

#include "sendpack/text.h"

static bool fits(chart_frame *f, const char *const *labels, size_t n, double col,
                 double pitch, PangoLayout **out)
{
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        PangoLayout *l = chart_layout(f, labels[i], CHART_LABEL_PT, false, col);
        double h, w;
        sp_text_size(l, &w, &h);
        if (h > pitch - 0.2 || w > col + 0.01)
            ok = false;
        if (out) {
            if (out[i])
                g_object_unref(out[i]);
            out[i] = l;
        } else {
            g_object_unref(l);
        }
    }
    return ok;
}

void chart_rows_layout(chart_frame *f, const char *const *labels, size_t n, double top,
                       double bottom, double max_frac, chart_rows *r)
{
    *r = (chart_rows){0};
    r->n = n;
    r->top = top;
    r->pitch = n ? (bottom - top) / (double)n : 0;
    r->labels = g_new0(PangoLayout *, n ? n : 1);
    double nat = 0;
    for (size_t i = 0; i < n; i++) {
        double w = chart_text_w(f, labels[i], CHART_LABEL_PT, false);
        if (w > nat)
            nat = w;
    }
    /* Narrowest column first; widen until every name fits its row. */
    double tries[] = {max_frac * f->pw, (max_frac + 0.1) * f->pw, 0.55 * f->pw};
    double col = 0;
    for (size_t t = 0; t < G_N_ELEMENTS(tries); t++) {
        col = tries[t] < nat ? tries[t] : nat;
        if (fits(f, labels, n, col + 0.01, r->pitch, NULL))
            break;
    }
    fits(f, labels, n, col + 0.01, r->pitch, r->labels);
    r->label_w = col;
    r->x0 = f->px + col + 2 * CHART_GAP;
    /* bars fill most of their band: a thin bar in a wide band reads as a
     * line (few rows on a tall chart) */
    r->bar = r->pitch * 0.62;
    if (r->bar > 30)
        r->bar = 30;
}

double chart_rows_mid(const chart_rows *r, size_t i)
{
    return r->top + ((double)i + 0.5) * r->pitch;
}

void chart_rows_draw_labels(chart_frame *f, const chart_rows *r)
{
    for (size_t i = 0; i < r->n; i++)
        chart_put(f, r->labels[i], f->px, chart_rows_mid(r, i), CHART_LEFT | CHART_MIDDLE,
                  SP_TEXT);
}

double chart_fit_scale(double span, const double *ends, const double *label_w, size_t n,
                       double vmax)
{
    if (!(vmax > 0))
        vmax = 1;
    double scale = span / vmax;
    for (size_t i = 0; i < n; i++) {
        double room = span - CHART_GAP - 2 - label_w[i];
        if (ends[i] > 0 && room / ends[i] < scale)
            scale = room / ends[i];
    }
    if (scale < 0.3 * span / vmax)
        scale = 0.3 * span / vmax;
    return scale;
}

void chart_rows_free(chart_rows *r)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->labels[i])
            g_object_unref(r->labels[i]);
    g_free(r->labels);
    *r = (chart_rows){0};
}

double chart_bars_layout(chart_frame *f, const char *const *names, const double *ends,
                         const char *const *labels, size_t n, double top, double max_frac,
                         chart_fmt fmt, int max_ticks, chart_rows *r)
{
    double lh = chart_text_h(f, CHART_LABEL_PT), axis_y = f->py + f->ph - (lh + 2);
    double *lw = g_new0(double, n + 1), vmax = 0;
    for (size_t i = 0; i < n; i++) {
        lw[i] = chart_text_w(f, labels[i], CHART_LABEL_PT, false);
        vmax = fmax(vmax, ends[i]);
    }
    chart_rows_layout(f, names, n, top, axis_y, max_frac, r);
    double span = f->px + f->pw - r->x0;
    double scale = chart_fit_scale(span, ends, lw, n, vmax);
    chart_axis_x(f, r->x0, scale, span / scale, top, axis_y, fmt, max_ticks);
    chart_rows_draw_labels(f, r);
    g_free(lw);
    return scale;
}

/* ---- stacked bars ---- */

static double stack_total(const chart_stack *st, const chart_stack_row *b)
{
    if (!isnan(b->total))
        return b->total;
    double sum = 0;
    for (size_t s = 0; s < st->k; s++)
        sum += b->part[s];
    return sum;
}

/* Bar i: its parts, a white divider between them (the series st hatches are
 * hatched), and its label after its end. */
static void stack_bar(chart_frame *f, const chart_stack *st, const chart_rows *r, size_t i,
                      const chart_stack_row *b, double scale)
{
    double y = chart_rows_mid(r, i) - r->bar / 2, x = r->x0;
    double total = stack_total(st, b);
    bool cut = st->clip > 0 && total > st->clip;
    double room = cut ? st->clip * scale : INFINITY;
    for (size_t s = 0; s < st->k; s++) {
        double w = fmin(b->part[s] * scale, room - (x - r->x0));
        if (w <= 0)
            continue;
        chart_rect(f, x, y, w, r->bar, st->rgbs[s], b->name);
        if (st->hatched && st->hatched[s])
            chart_hatch(f, x, y, w, r->bar);
        if (x > r->x0) /* a white divider between parts */
            chart_line(f, x, y, x, y + r->bar, 0.75, 0xFFFFFF, 0, 0);
        x += w;
    }
    double end = isnan(b->total) || cut ? x : r->x0 + b->total * scale;
    if (cut) { /* the break: a white gap slanting across the bar near its end */
        double bx = end - 10;
        cairo_t *cr = f->cr;
        cairo_save(cr);
        cairo_move_to(cr, bx - 2, y + r->bar + 1);
        cairo_line_to(cr, bx + 2, y - 1);
        cairo_line_to(cr, bx + 5, y - 1);
        cairo_line_to(cr, bx + 1, y + r->bar + 1);
        cairo_close_path(cr);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill(cr);
        cairo_restore(cr);
    }
    chart_label(f, b->label, CHART_LABEL_PT, false, end + CHART_GAP + 1, chart_rows_mid(r, i),
                CHART_LEFT | CHART_MIDDLE | CHART_BACKED, b->label_rgb, -1);
}

void chart_stack_draw(chart_frame *f, const chart_stack *st, const chart_stack_row *rows,
                      size_t n)
{
    double key_h = chart_key(f, f->px, f->py, f->pw, st->names, st->rgbs, st->hatched, st->k);
    const char **names = g_new0(const char *, n + 1), **labels = g_new0(const char *, n + 1);
    double *ends = g_new0(double, n + 1);
    for (size_t i = 0; i < n; i++) {
        names[i] = rows[i].name;
        labels[i] = rows[i].label;
        ends[i] = stack_total(st, &rows[i]);
        if (st->clip > 0 && ends[i] > st->clip)
            ends[i] = st->clip;
    }
    chart_rows r;
    double scale = chart_bars_layout(f, names, ends, labels, n, f->py + key_h + CHART_PAD, 0.3,
                                     st->fmt, st->max_ticks, &r);
    for (size_t i = 0; i < n; i++)
        stack_bar(f, st, &r, i, &rows[i], scale);
    chart_rows_free(&r);
    g_free(ends);
    g_free(labels);
    g_free(names);
}
